import Foundation
import Hummingbird
import VanBanModel

/// An RFC 9457 problem (`application/problem+json`): every error the service returns.
///
/// Text from the payload is escaped (control characters as `\n`, `\u001B`) and the server's own
/// folders are cut from every message (`redacting(root:)`), so an error body never splits a log line
/// nor shows where the service is installed.
struct Problem: HTTPResponseError {
    var status: HTTPResponse.Status
    var title: String
    var detail: String
    /// One entry per payload problem, with its JSON path.
    var errors: [Diagnostic] = []
    /// Problems of batch documents: each with the document's index in `documents` and its id.
    var documentErrors: [(index: Int, id: String, diagnostic: Diagnostic)] = []
    var retryAfter: Int? = nil
    /// Methods the path answers (405 only), sent as `Allow`.
    var allow: [HTTPRequest.Method] = []
    /// Ask the client to close the connection (the request could not be read to its end).
    var closeConnection = false
    /// Title and detail in Vietnamese, for problems about the payload (sent with `Accept-Language: vi`).
    var vietnamese: (title: String, detail: String)? = nil

    func response(from request: Request, context: some RequestContext) throws -> Response {
        // Payload problems in the language the client asks for (Accept-Language: vi), English otherwise.
        let language = Language.accepting(request.headers[.acceptLanguage])
        let (title, detail) = language == .vi ? vietnamese ?? (title, detail) : (title, detail)
        var object: [String: Any] = [
            "type": "about:blank", "title": title, "status": Int(status.code), "detail": detail.escapingControlCharacters,
            "instance": String(request.uri.path.prefix(200)).escapingControlCharacters,
        ]
        var entries: [[String: Any]] = errors.map { Self.entry($0, language) }
        for e in documentErrors {
            var entry = Self.entry(e.diagnostic, language)
            entry["document"] = ["index": e.index, "id": e.id.escapingControlCharacters]
            entries.append(entry)
        }
        if !entries.isEmpty { object["errors"] = entries }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if !allow.isEmpty { headers[.allow] = allow.map(\.rawValue).joined(separator: ", ") }
        if closeConnection { headers[.connection] = "close" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func entry(_ d: Diagnostic, _ language: Language) -> [String: Any] {
        ["path": d.path.description, "message": d.message(in: language).escapingControlCharacters, "severity": d.severity.rawValue]
    }

    /// The problem with `root` (the server's resource folder) cut from every message: "Layouts/x.json", never "/srv/vanban/Layouts/x.json".
    func redacting(root: String) -> Problem {
        let prefixes = Set([root, (root as NSString).resolvingSymlinksInPath, (root as NSString).standardizingPath])
            .filter { $0.count > 1 }.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        guard !prefixes.isEmpty else { return self }
        func cut(_ s: String) -> String { prefixes.reduce(s) { $0.replacingOccurrences(of: $1, with: "") } }
        var copy = self
        copy.detail = cut(detail)
        copy.vietnamese = vietnamese.map { ($0.title, cut($0.detail)) }
        func cut(_ d: Diagnostic) -> Diagnostic { var c = d; c.message = cut(d.message); c.arguments = d.arguments.map(cut); return c }
        copy.errors = errors.map(cut)
        copy.documentErrors = documentErrors.map { ($0.index, $0.id, cut($0.diagnostic)) }
        return copy
    }

    static func invalid(_ diagnostics: [Diagnostic]) -> Problem {
        let detail = Message("problem.invalid.detail", String(diagnostics.filter { $0.severity == .error }.count))
        return Problem(status: .unprocessableContent, title: Message("problem.invalid").text(.en), detail: detail.text(.en), errors: diagnostics,
                       vietnamese: (Message("problem.invalid").text(.vi), detail.text(.vi)))
    }

    /// Batch documents that failed validation, each named by its index and id:
    /// `documents[1] (id "broken-2"): $.date.day: …` (the detail names the first).
    static func invalidDocuments(_ failures: [(index: Int, id: String, diagnostics: [Diagnostic])]) -> Problem {
        let errors = failures.flatMap { f in f.diagnostics.filter { $0.severity == .error }.map { (f.index, f.id, $0) } }
        func detail(_ l: Language) -> String {
            let first = errors.first.map { Message("problem.document", String($0.0), $0.1, $0.2.description(in: l)).text(l) }
                ?? Message("problem.document.none").text(l)
            return first + (failures.count > 1 ? Message("problem.more-documents", String(failures.count - 1)).text(l) : "")
        }
        return Problem(status: .unprocessableContent, title: Message("problem.invalid-document").text(.en), detail: detail(.en),
                       documentErrors: errors.map { (index: $0.0, id: $0.1, diagnostic: $0.2) },
                       vietnamese: (Message("problem.invalid-document").text(.vi), detail(.vi)))
    }

    static func malformed(_ message: String) -> Problem {
        Problem(status: .badRequest, title: "Malformed JSON", detail: message)
    }

    /// Malformed JSON told by its diagnostic (`$: malformed JSON at line …`), in either language.
    static func malformed(_ diagnostic: Diagnostic) -> Problem {
        Problem(status: .badRequest, title: Message("problem.malformed").text(.en), detail: diagnostic.description,
                vietnamese: (Message("problem.malformed").text(.vi), diagnostic.description(in: .vi)))
    }

    static func unreadableBody() -> Problem {
        Problem(status: .badRequest, title: "Unreadable body",
                detail: "the request body could not be read (malformed chunked encoding or a connection cut short)", closeConnection: true)
    }

    static func tooLarge(_ limit: Int) -> Problem {
        Problem(status: .contentTooLarge, title: "Payload too large", detail: "the request body is over the limit of \(limit) bytes")
    }

    static func tooManyDocuments(_ count: Int, limit: Int) -> Problem {
        Problem(status: .contentTooLarge, title: "Too many documents",
                detail: "the batch has \(count) documents; a ZIP batch holds at most \(limit) (split the batch, or ask for ?merged=1)")
    }

    static func unsupportedMediaType(_ given: String?, accepted: [String]) -> Problem {
        Problem(status: .unsupportedMediaType, title: "Unsupported media type",
                detail: "the body must be sent as Content-Type: \(accepted.joined(separator: " or ")); got \(given.map { "\"\(String($0.prefix(100)))\"" } ?? "none")")
    }

    static func notFound() -> Problem {
        Problem(status: .notFound, title: "Not found", detail: "no such endpoint; the service's endpoints are listed in /openapi.json")
    }

    static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> Problem {
        Problem(status: .methodNotAllowed, title: "Method not allowed",
                detail: "this endpoint answers \(allowed.map(\.rawValue).joined(separator: ", ")), not \(String(method.rawValue.prefix(20)))",
                allow: allowed)
    }

    static func busy() -> Problem {
        Problem(status: .serviceUnavailable, title: "Renderer busy", detail: "all render slots and the queue are full; retry shortly", retryAfter: 1)
    }

    static func timedOut(_ limit: Duration) -> Problem {
        Problem(status: .serviceUnavailable, title: "Render time limit", detail: "the render took longer than \(limit); it was stopped", retryAfter: 2)
    }

    /// The render was stopped because its client went away (nobody reads this answer; it is logged and counted).
    static func abandoned(_ reason: String) -> Problem {
        Problem(status: .serviceUnavailable, title: "Render stopped", detail: reason, retryAfter: 1)
    }

    static func badParameter(_ name: String, _ message: String) -> Problem {
        Problem(status: .badRequest, title: "Bad query parameter", detail: "\(name): \(message)")
    }
}
