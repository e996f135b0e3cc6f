import Foundation
import Hummingbird
import Logging
import NIOCore
import VanBanModel
import VanBanPipeline

/// Everything a route needs, built once at start-up (fonts, layouts, schema documents).
struct ServiceContext: Sendable {
    let engine: Engine
    let configuration: ServerConfiguration
    let gate: RenderGate
    let metrics: ServiceMetrics
    let payloadSchema: [UInt8]
    let openAPI: [UInt8]
}

/// Builds the router: `/v1/render` (PDF), `/v1/render/slots` (JSON), `/v1/preview`, `/v1/validate`, `/v1/batch` (ZIP),
/// `/v1/batch/merged` (PDF), `/v1/layouts`, `/v1/forms`, `/v1/forms/{name}`, `/v1/schema`, `/openapi.json`, `/version`,
/// `/healthz`, `/metrics`. Each operation answers one shape (client generators type each); the older
/// `?slots=1` and `?merged=1` still work.
///
/// Errors: an unknown path is 404 and a known path with another method 405 (with `Allow`), both
/// problem+json; the token (when set) guards the `/v1` group, i.e. exactly the routes the router
/// resolves there. POST bodies must be `application/json` (415 otherwise). A request is admitted to
/// the render gate (or refused with 503 and `Retry-After`) before its body is parsed; parsing,
/// validation and rendering all run in the gate's bounded slots.
public func buildRouter(engine: Engine, configuration: ServerConfiguration, logger: Logger = Logger(label: "vanban")) -> Router<VanBanRequestContext> {
    // Both documents are built into the binary: a server without Schemas/ still serves them whole.
    let schema = Array(EmbeddedSchemas.payloadSchema.utf8)
    let service = ServiceContext(engine: engine, configuration: configuration,
                                 gate: RenderGate(concurrency: configuration.concurrency, queueLimit: configuration.queueLimit),
                                 metrics: ServiceMetrics(), payloadSchema: schema,
                                 openAPI: OpenAPIDocument.build())
    let router = Router(context: VanBanRequestContext.self)
    router.add(middleware: RequestLogMiddleware(metrics: service.metrics, root: engine.resources.root))
    let v1 = router.group("v1").add(middleware: BearerTokenMiddleware(token: configuration.token))
    let json = ["application/json"]

    router.get("/healthz") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "{\"status\":\"ok\"}")))
    }
    router.get("/metrics") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                 body: .init(byteBuffer: ByteBuffer(string: service.metrics.text(inFlight: service.gate.inFlight, queued: service.gate.queued))))
    }
    router.get("/openapi.json") { _, _ in jsonResponse(service.openAPI) }
    router.get("/version") { _, _ in
        let files = engine.definitionFiles()
        let object: [String: Any] = ["version": VanBanVersion.string,
                                     "layouts": files.layouts.map { ["name": $0.name, "sha256": $0.sha256] },
                                     "forms": files.forms.map { ["name": $0.name, "sha256": $0.sha256] }]
        return jsonResponse(Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])))
    }
    v1.get("schema") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/schema+json"], body: .init(byteBuffer: ByteBuffer(bytes: service.payloadSchema)))
    }
    v1.get("forms") { _, context in
        var forms: [[String: Any]] = []
        for name in engine.formNames() {
            do { forms.append(formObject(try engine.form(named: name))) } catch {
                context.logger.warning("form skipped", metadata: ["form": "\(name)", "error": "\(String(describing: error).escapingControlCharacters)"])
            }
        }
        return jsonResponse(Array(try JSONSerialization.data(withJSONObject: ["forms": forms], options: [.sortedKeys, .withoutEscapingSlashes])))
    }
    v1.get("forms/:name") { _, context in
        let name = context.parameters.get("name") ?? ""
        let form: FormDefinition
        do { form = try engine.form(named: name) } catch {
            throw Problem(status: .notFound, title: "Unknown form", detail: String(describing: error))
        }
        return jsonResponse(Array(try JSONSerialization.data(withJSONObject: formObject(form), options: [.sortedKeys, .withoutEscapingSlashes])))
    }
    v1.get("layouts") { _, _ in
        // The document types (Layouts/types/): kind, name, Appendix III model and symbol type code.
        let types: [[String: Any]] = ((try? engine.documentTypes()) ?? []).map { t in
            var o: [String: Any] = ["kind": t.kind, "name": t.label, "model": t.model, "layout": t.layout]
            if let code = t.code { o["code"] = code }
            return o
        }
        let object: [String: Any] = ["layouts": engine.layoutNames(), "forms": engine.formNames(), "types": types]
        return jsonResponse(Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])))
    }
    v1.post("validate") { request, context in
        try MediaType.require(request, accepted: json)
        let bytes = try await admittedBody(request, service)
        let answer = try await render(service, await context.connectionSignal()) { flag in
            let validated = try validate(bytes, service, cancellation: flag)
            let object: [String: Any] = ["valid": true, "kind": validated.payload.kind.rawValue, "layout": validated.layout.name,
                                         "warnings": validated.warnings.map(\.description)]
            return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
        }
        return jsonResponse(answer)
    }
    @Sendable func renderPayload(_ request: Request, _ context: VanBanRequestContext) async throws -> (result: RenderResult, name: String) {
        try MediaType.require(request, accepted: json)
        let bytes = try await admittedBody(request, service)
        let answer = try await render(service, await context.connectionSignal()) { flag in
            let validated = try validate(bytes, service, cancellation: flag)
            return (try engine.renderPDF(validated, options: RenderOptions(cancellation: flag)), documentFileName(validated.payload))
        }
        service.metrics.rendered(pages: answer.0.document.pageCount)
        return (answer.0, answer.1)
    }
    @Sendable func slotsResponse(_ result: RenderResult) throws -> Response {
        let map = try JSONSerialization.jsonObject(with: Data(SlotMap(document: result.document).json()))
        let object: [String: Any] = ["pdf": Data(result.pdf).base64EncodedString(), "slots": map, "warnings": result.warnings]
        return jsonResponse(Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])))
    }
    v1.post("render") { request, context in
        let (result, name) = try await renderPayload(request, context)
        if request.uri.queryParameters.get("slots") == "1" { return try slotsResponse(result) }   // the older spelling of /v1/render/slots
        return Response(status: .ok, headers: [.contentType: "application/pdf", .contentDisposition: contentDisposition(name)],
                        body: .init(byteBuffer: ByteBuffer(bytes: result.pdf)))
    }
    v1.post("render/slots") { request, context in try slotsResponse(try await renderPayload(request, context).result) }
    v1.post("preview") { request, context in
        try MediaType.require(request, accepted: json)
        let page = try intParameter(request, "page", default: 1, range: 1...10_000)
        let dpi = try intParameter(request, "dpi", default: 96, range: 10...300)
        let bytes = try await admittedBody(request, service)
        let preview = try await render(service, await context.connectionSignal()) { flag throws -> Preview in
            let validated = try validate(bytes, service, cancellation: flag)
            do { return try engine.renderPNG(validated, pages: [page - 1], dpi: Double(dpi), cancellation: flag) } catch let e as PipelineError {
                throw Problem(status: .badRequest, title: "Bad query parameter", detail: "page: " + e.description)
            }
        }
        guard let png = preview.images.first else { throw Problem(status: .internalServerError, title: "Internal error", detail: "no page was drawn") }
        return Response(status: .ok, headers: [.contentType: "image/png"], body: .init(byteBuffer: ByteBuffer(bytes: png)))
    }
    @Sendable func batchDocuments(_ request: Request, _ context: VanBanRequestContext) async throws -> ([BatchDocument], ConnectionSignal?) {
        try MediaType.require(request, accepted: json)
        let bytes = try await admittedBody(request, service)
        let signal = await context.connectionSignal()
        let documents = try await render(service, signal) { _ throws -> [BatchDocument] in
            do { return try BatchInput.fromJSON(jsonText(bytes)).documents } catch let error as ValidationFailure {
                let d = error.diagnostics
                if d.count == 1, d[0].message.hasPrefix("malformed JSON") { throw Problem.malformed(d[0]) }
                throw Problem.invalid(d)
            }
        }
        return (documents, signal)
    }
    v1.post("batch") { request, context in
        let (documents, signal) = try await batchDocuments(request, context)
        if request.uri.queryParameters.get("merged") == "1" { return try await mergedBatch(documents, service, signal) }  // older spelling
        let limit = configuration.maxBatchDocuments
        guard documents.count <= limit else { throw Problem.tooManyDocuments(documents.count, limit: limit) }
        return zipBatch(documents, service, signal, logger: logger)
    }
    v1.post("batch/merged") { request, context in
        let (documents, signal) = try await batchDocuments(request, context)
        return try await mergedBatch(documents, service, signal)
    }

    addIssueRoutes(v1, service: service)

    // A known path asked with another method: 405 with Allow (under /v1 after the token check).
    // QUERY (the HTTP QUERY draft) is what schemathesis tries beyond the standard methods.
    let other: [HTTPRequest.Method] = [.get, .head, .post, .put, .delete, .patch, .options, .trace, HTTPRequest.Method("QUERY")!]
    for (path, allowed) in [("/healthz", [HTTPRequest.Method.get]), ("/metrics", [.get]), ("/openapi.json", [.get]), ("/version", [.get])] {
        for method in other where !allowed.contains(method) {
            router.on(RouterPath(path), method: method) { request, _ -> Response in throw Problem.methodNotAllowed(request.method, allowed: allowed) }
        }
    }
    for (path, allowed) in [("schema", [HTTPRequest.Method.get]), ("layouts", [.get]), ("forms", [.get]), ("forms/:name", [.get]),
                            ("validate", [.post]), ("render", [.post]), ("render/slots", [.post]),
                            ("preview", [.post]), ("batch", [.post]), ("batch/merged", [.post]), ("issue", [.post]), ("register", [.get])] {
        for method in other where !allowed.contains(method) {
            v1.on(RouterPath(path), method: method) { request, _ -> Response in throw Problem.methodNotAllowed(request.method, allowed: allowed) }
        }
    }
    return router
}

/// A PDF of all documents in order (each with its own page numbers), rendered in one slot.
/// Every document is validated first: a broken one fails the request with 422 naming its index and id.
func mergedBatch(_ documents: [BatchDocument], _ service: ServiceContext, _ signal: ConnectionSignal?) async throws -> Response {
    let runner = BatchRunner(engine: service.engine)
    let entries = try documents.map { ManifestEntry(id: $0.id, file: nil, pages: nil, status: "ok", error: nil, hash: try $0.hash) }
    let pdf = try await render(service, signal) { flag throws -> [UInt8] in
        var failures: [(index: Int, id: String, diagnostics: [Diagnostic])] = []
        for (i, doc) in documents.enumerated() {
            try flag.check()
            do { _ = try service.engine.validate(json: try doc.checkedPayload()) } catch let e as ValidationFailure { failures.append((i, doc.id, e.diagnostics)) }
        }
        if !failures.isEmpty { throw Problem.invalidDocuments(failures) }
        do { return try runner.merged(documents, entries: entries, duplex: false, cancellation: flag).pdf } catch let f as ValidationFailure {
            throw Problem.invalid(f.diagnostics)
        }
    }
    return Response(status: .ok, headers: [.contentType: "application/pdf", .contentDisposition: contentDisposition("vanban-batch")],
                    body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
}

/// `inline; filename="<name>.pdf"`: the name is plain ASCII (folded by `SafeFileName`), so no client mangles it.
func contentDisposition(_ name: String) -> String {
    "inline; filename=\"\(SafeFileName.make(name)).pdf\""
}

/// The PDF's file name from the document's number and symbol: "15-SKHCN-VP" (number not yet assigned:
/// "SKHCN-VP"; neither: "vanban").
func documentFileName(_ payload: Payload) -> String {
    let parts = [payload.number.map(VietnameseFormat.documentNumber), payload.symbol.isEmpty ? nil : payload.symbol].compactMap { $0 }
    return parts.isEmpty ? "vanban" : parts.joined(separator: "-")
}

/// A form as `GET /v1/forms` lists it: name, title and each field's id, type and label.
func formObject(_ form: FormDefinition) -> [String: Any] {
    ["name": form.name, "title": form.title,
     "fields": form.fieldSummaries.map { f -> [String: Any] in
         var o: [String: Any] = ["id": f.id, "type": f.type, "label": f.label]
         if let options = f.options { o["options"] = options }
         return o
     }]
}

/// A ZIP of `<id>.pdf` files and `manifest.json`, streamed as each document is rendered;
/// a document that fails is listed in the manifest with its error and does not stop the others.
/// The stream stops (the connection is cut) when the client goes away.
func zipBatch(_ documents: [BatchDocument], _ service: ServiceContext, _ signal: ConnectionSignal?, logger: Logger) -> Response {
    let body = ResponseBody { (writer: inout any ResponseBodyWriter) in
        var zip = ZipWriter()
        var manifest: [ManifestEntry] = []
        let names = SafeFileName.unique(documents.map(\.id))
        for (i, doc) in documents.enumerated() {
            if signal?.isClosed == true { throw RenderCancelled(reason: "the client disconnected") }
            let file = names[i]
            do {
                let result = try await render(service, signal) { flag in
                    try service.engine.renderPDF(service.engine.validate(json: try doc.checkedPayload()), options: RenderOptions(cancellation: flag))
                }
                service.metrics.rendered(pages: result.document.pageCount)
                try await writer.write(ByteBuffer(bytes: try zip.entry(name: file + ".pdf", data: result.pdf)))
                manifest.append(ManifestEntry(id: doc.id, file: file + ".pdf", pages: result.document.pageCount, status: "ok", error: nil, hash: try doc.hash))
            } catch let problem as Problem where problem.title != Problem.abandoned("").title {
                let problem = problem.redacting(root: service.engine.resources.root)
                let message = problem.errors.isEmpty ? problem.detail
                    : problem.errors.filter { $0.severity == .error }.map(\.description).joined(separator: "; ")
                manifest.append(ManifestEntry(id: doc.id, file: nil, pages: nil, status: "error", error: message.escapingControlCharacters, hash: try doc.hash))
            } catch let limit as ZipWriter.LimitExceeded {
                logger.warning("batch ZIP full", metadata: ["error": "\(limit.description)"])
                throw limit
            } catch let problem as Problem {
                throw RenderCancelled(reason: problem.detail)   // the client is gone: stop rendering for it
            } catch {
                logger.warning("batch document failed", metadata: ["id": "\(doc.id.escapingControlCharacters)", "error": "\(String(describing: error).escapingControlCharacters)"])
                manifest.append(ManifestEntry(id: doc.id, file: nil, pages: nil, status: "error", error: "the document could not be rendered", hash: (try? doc.hash) ?? ""))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = Array((try? encoder.encode(Manifest(documents: manifest))) ?? Data())
        try await writer.write(ByteBuffer(bytes: try zip.entry(name: "manifest.json", data: data) + zip.finish()))
        try await writer.finish(nil)
    }
    return Response(status: .ok, headers: [.contentType: "application/zip", .contentDisposition: "attachment; filename=\"vanban-batch.zip\""], body: body)
}

/// The request body once the gate would admit it: 503 at once when every slot and the queue are full
/// (nothing read), 413 past the limit (before reading when Content-Length announces it), 400 when the
/// body cannot be read (malformed chunked encoding).
func admittedBody(_ request: Request, _ service: ServiceContext) async throws -> [UInt8] {
    if service.gate.isSaturated { throw Problem.busy() }
    return try await body(request, service)
}

/// The request body, refused with 413 past the limit — before reading when Content-Length announces it.
func body(_ request: Request, _ service: ServiceContext) async throws -> [UInt8] {
    let limit = service.configuration.maxBodyBytes
    if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw Problem.tooLarge(limit) }
    do {
        let buffer = try await request.body.collect(upTo: limit)
        return Array(buffer.readableBytesView)
    } catch let error as HTTPError where error.status == .contentTooLarge {
        throw Problem.tooLarge(limit)
    } catch is NIOTooManyBytesError {
        throw Problem.tooLarge(limit)   // a chunked body that grows past the limit
    } catch {
        throw Problem.unreadableBody()
    }
}

/// A JSON request body as UTF-8, as `decodeJSONText` reads files: UTF-8 with or without a byte order
/// mark, UTF-16 LE/BE (with a BOM, or recognisable by its zero bytes). Any other encoding is 400; the
/// detail names the line and the bytes in hexadecimal, never characters the client did not send (no
/// code page is guessed).
func jsonText(_ bytes: [UInt8]) throws -> [UInt8] {
    do { return try decodeJSONText(bytes) } catch {
        // The CLI's advice ("save the file as UTF-8, in PowerShell: …") is for a file; a client is told what to send.
        let reason = (error.reason.components(separatedBy: "; save the file as UTF-8").first ?? error.reason)
            .replacingOccurrences(of: "the file", with: "the body")
        throw Problem(status: .badRequest, title: "Unreadable text encoding",
                      detail: "the body is not UTF-8 or UTF-16 text: line \(error.line): \(reason); send JSON as UTF-8")
    }
}

/// Validates a payload: 400 malformed JSON or an unreadable encoding, 404 unknown layout, 422 anything else wrong.
func validate(_ bytes: [UInt8], _ service: ServiceContext, cancellation: CancellationFlag? = nil) throws -> ValidatedPayload {
    let bytes = try jsonText(bytes)
    do { return try service.engine.validate(bytes, cancellation: cancellation) } catch {
        let d = error.diagnostics
        if d.count == 1, d[0].path == .root, d[0].message.hasPrefix("malformed JSON") { throw Problem.malformed(d[0]) }
        if let l = d.first(where: { $0.path == JSONPath.root / "layout" && $0.message.hasPrefix("unknown layout") }) {
            throw Problem(status: .notFound, title: "Unknown layout", detail: l.message, errors: [l],
                          vietnamese: (Message("problem.unknown-layout").text(.vi), l.message(in: .vi)))
        }
        throw Problem.invalid(d)
    }
}

/// Runs work (parsing, validation, rendering) in a bounded slot of the gate, cancelled when the time
/// limit passes or the client goes away; 503 when the queue is full, the time limit passes or the
/// client left.
func render<T: Sendable>(_ service: ServiceContext, _ signal: ConnectionSignal?, _ work: @escaping @Sendable (CancellationFlag) throws -> T) async throws -> T {
    let flag = CancellationFlag()
    signal?.watch(flag)
    defer { signal?.unwatch(flag) }
    do { return try await service.gate.run(timeout: service.configuration.renderTimeout, cancellation: flag, work) } catch is RenderGate.Busy {
        throw Problem.busy()
    } catch is RenderGate.TimedOut {
        throw Problem.timedOut(service.configuration.renderTimeout)
    } catch let f as ValidationFailure {
        throw Problem.invalid(f.diagnostics)
    } catch let c as RenderCancelled {
        throw Problem.abandoned(c.description)
    }
}

func intParameter(_ request: Request, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
    guard let raw = request.uri.queryParameters.get(name) else { return value }
    guard let n = Int(raw), range.contains(n) else {
        throw Problem.badParameter(name, "must be an integer from \(range.lowerBound) to \(range.upperBound), got \"\(raw)\"")
    }
    return n
}

func jsonResponse(_ bytes: [UInt8]) -> Response {
    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
}
