import Foundation
import Hummingbird
import VanBanModel

/// An RFC 9457 problem (`application/problem+json`): every error the service returns.
struct Problem: HTTPResponseError {
    var status: HTTPResponse.Status
    var title: String
    var detail: String
    /// One entry per payload problem, with its JSON path.
    var errors: [Diagnostic] = []
    var retryAfter: Int? = nil

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var object: [String: Any] = [
            "type": "about:blank", "title": title, "status": Int(status.code), "detail": detail,
            "instance": request.uri.path,
        ]
        if !errors.isEmpty {
            object["errors"] = errors.map { ["path": $0.path.description, "message": $0.message, "severity": $0.severity.rawValue] }
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func invalid(_ diagnostics: [Diagnostic]) -> Problem {
        Problem(status: .unprocessableContent, title: "Invalid payload",
                detail: "\(diagnostics.filter { $0.severity == .error }.count) problem(s) in the payload", errors: diagnostics)
    }

    static func malformed(_ message: String) -> Problem {
        Problem(status: .badRequest, title: "Malformed JSON", detail: message)
    }

    static func tooLarge(_ limit: Int) -> Problem {
        Problem(status: .contentTooLarge, title: "Payload too large", detail: "the request body is over the limit of \(limit) bytes")
    }

    static func busy() -> Problem {
        Problem(status: .serviceUnavailable, title: "Renderer busy", detail: "all render slots and the queue are full; retry shortly", retryAfter: 1)
    }

    static func timedOut(_ limit: Duration) -> Problem {
        Problem(status: .serviceUnavailable, title: "Render time limit", detail: "the render took longer than \(limit)", retryAfter: 2)
    }

    static func badParameter(_ name: String, _ message: String) -> Problem {
        Problem(status: .badRequest, title: "Bad query parameter", detail: "\(name): \(message)")
    }
}
