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
    let payloadSchema: [UInt8]?
    let openAPI: [UInt8]
}

/// Builds the router: `/v1/render`, `/v1/preview`, `/v1/validate`, `/v1/batch`, `/v1/layouts`, `/v1/schema`,
/// `/openapi.json`, `/healthz`, `/metrics`.
///
/// Errors: an unknown path is 404 and a known path with another method 405 (with `Allow`), both
/// problem+json; the token (when set) guards the `/v1` group, i.e. exactly the routes the router
/// resolves there. POST bodies must be `application/json` (415 otherwise). A request is admitted to
/// the render gate (or refused with 503 and `Retry-After`) before its body is parsed; parsing,
/// validation and rendering all run in the gate's bounded slots.
public func buildRouter(engine: Engine, configuration: ServerConfiguration, logger: Logger = Logger(label: "vanban")) -> Router<VanBanRequestContext> {
    let schemaPath = engine.resources.root + "/Schemas/payload.schema.json"
    let schema = FileManager.default.contents(atPath: schemaPath).map(Array.init)
    let service = ServiceContext(engine: engine, configuration: configuration,
                                 gate: RenderGate(concurrency: configuration.concurrency, queueLimit: configuration.queueLimit),
                                 metrics: ServiceMetrics(), payloadSchema: schema,
                                 openAPI: OpenAPIDocument.build(root: engine.resources.root, payloadSchema: schema))
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
    v1.get("schema") { _, _ in
        guard let s = service.payloadSchema else { throw Problem(status: .notFound, title: "Not found", detail: "no payload schema installed") }
        return Response(status: .ok, headers: [.contentType: "application/schema+json"], body: .init(byteBuffer: ByteBuffer(bytes: s)))
    }
    v1.get("layouts") { _, _ in
        let object: [String: Any] = ["layouts": engine.layoutNames(), "forms": engine.formNames()]
        return jsonResponse(Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])))
    }
    v1.post("validate") { request, context in
        try MediaType.require(request, accepted: json)
        let bytes = try await admittedBody(request, service)
        let answer = try await render(service, await context.connectionSignal()) { _ in
            let validated = try validate(bytes, service)
            let object: [String: Any] = ["valid": true, "kind": validated.payload.kind.rawValue, "layout": validated.layout.name,
                                         "warnings": validated.warnings.map(\.description)]
            return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
        }
        return jsonResponse(answer)
    }
    v1.post("render") { request, context in
        try MediaType.require(request, accepted: json)
        let bytes = try await admittedBody(request, service)
        let result = try await render(service, await context.connectionSignal()) { flag in
            try engine.renderPDF(validate(bytes, service), options: RenderOptions(cancellation: flag))
        }
        service.metrics.rendered(pages: result.document.pageCount)
        if request.uri.queryParameters.get("slots") == "1" {
            let map = try JSONSerialization.jsonObject(with: Data(SlotMap(document: result.document).json()))
            let object: [String: Any] = ["pdf": Data(result.pdf).base64EncodedString(), "slots": map, "warnings": result.warnings]
            return jsonResponse(Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])))
        }
        return Response(status: .ok, headers: [.contentType: "application/pdf", .contentDisposition: "inline; filename=\"vanban.pdf\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: result.pdf)))
    }
    v1.post("preview") { request, context in
        try MediaType.require(request, accepted: json)
        let page = try intParameter(request, "page", default: 1, range: 1...10_000)
        let dpi = try intParameter(request, "dpi", default: 96, range: 10...300)
        let bytes = try await admittedBody(request, service)
        let preview = try await render(service, await context.connectionSignal()) { flag throws -> Preview in
            let validated = try validate(bytes, service)
            do { return try engine.renderPNG(validated, pages: [page - 1], dpi: Double(dpi), cancellation: flag) } catch let e as PipelineError {
                throw Problem(status: .badRequest, title: "Bad query parameter", detail: "page: " + e.description)
            }
        }
        guard let png = preview.images.first else { throw Problem(status: .internalServerError, title: "Internal error", detail: "no page was drawn") }
        return Response(status: .ok, headers: [.contentType: "image/png"], body: .init(byteBuffer: ByteBuffer(bytes: png)))
    }
    v1.post("batch") { request, context in
        try MediaType.require(request, accepted: json)
        let merged = request.uri.queryParameters.get("merged") == "1"
        let bytes = try await admittedBody(request, service)
        let signal = await context.connectionSignal()
        let documents = try await render(service, signal) { _ throws -> [BatchDocument] in
            do { return try BatchInput.fromJSON(bytes).documents } catch let error as ValidationFailure {
                let d = error.diagnostics
                if d.count == 1, d[0].message.hasPrefix("malformed JSON") { throw Problem.malformed(d[0].description) }
                throw Problem.invalid(d)
            }
        }
        if merged { return try await mergedBatch(documents, service, signal) }
        let limit = configuration.maxBatchDocuments
        guard documents.count <= limit else { throw Problem.tooManyDocuments(documents.count, limit: limit) }
        return zipBatch(documents, service, signal, logger: logger)
    }

    addIssueRoutes(v1, service: service)

    // A known path asked with another method: 405 with Allow (under /v1 after the token check).
    let other: [HTTPRequest.Method] = [.get, .head, .post, .put, .delete, .patch, .options, .trace]
    for (path, allowed) in [("/healthz", [HTTPRequest.Method.get]), ("/metrics", [.get]), ("/openapi.json", [.get])] {
        for method in other where !allowed.contains(method) {
            router.on(RouterPath(path), method: method) { request, _ -> Response in throw Problem.methodNotAllowed(request.method, allowed: allowed) }
        }
    }
    for (path, allowed) in [("schema", [HTTPRequest.Method.get]), ("layouts", [.get]), ("validate", [.post]), ("render", [.post]),
                            ("preview", [.post]), ("batch", [.post]), ("issue", [.post]), ("register", [.get])] {
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
    let entries = documents.map { ManifestEntry(id: $0.id, file: nil, pages: nil, status: "ok", error: nil, hash: $0.hash) }
    let pdf = try await render(service, signal) { flag throws -> [UInt8] in
        var failures: [(index: Int, id: String, diagnostics: [Diagnostic])] = []
        for (i, doc) in documents.enumerated() {
            try flag.check()
            do { _ = try service.engine.validate(json: doc.payload) } catch let e as ValidationFailure { failures.append((i, doc.id, e.diagnostics)) }
        }
        if !failures.isEmpty { throw Problem.invalidDocuments(failures) }
        do { return try runner.merged(documents, entries: entries, duplex: false, cancellation: flag).pdf } catch let f as ValidationFailure {
            throw Problem.invalid(f.diagnostics)
        }
    }
    return Response(status: .ok, headers: [.contentType: "application/pdf"], body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
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
                    try service.engine.renderPDF(service.engine.validate(json: doc.payload), options: RenderOptions(cancellation: flag))
                }
                service.metrics.rendered(pages: result.document.pageCount)
                try await writer.write(ByteBuffer(bytes: try zip.entry(name: file + ".pdf", data: result.pdf)))
                manifest.append(ManifestEntry(id: doc.id, file: file + ".pdf", pages: result.document.pageCount, status: "ok", error: nil, hash: doc.hash))
            } catch let problem as Problem where problem.title != Problem.abandoned("").title {
                let problem = problem.redacting(root: service.engine.resources.root)
                let message = problem.errors.isEmpty ? problem.detail
                    : problem.errors.filter { $0.severity == .error }.map(\.description).joined(separator: "; ")
                manifest.append(ManifestEntry(id: doc.id, file: nil, pages: nil, status: "error", error: message.escapingControlCharacters, hash: doc.hash))
            } catch let limit as ZipWriter.LimitExceeded {
                logger.warning("batch ZIP full", metadata: ["error": "\(limit.description)"])
                throw limit
            } catch let problem as Problem {
                throw RenderCancelled(reason: problem.detail)   // the client is gone: stop rendering for it
            } catch {
                logger.warning("batch document failed", metadata: ["id": "\(doc.id.escapingControlCharacters)", "error": "\(String(describing: error).escapingControlCharacters)"])
                manifest.append(ManifestEntry(id: doc.id, file: nil, pages: nil, status: "error", error: "the document could not be rendered", hash: doc.hash))
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

/// Validates a payload: 400 malformed JSON, 404 unknown layout, 422 anything else wrong.
func validate(_ bytes: [UInt8], _ service: ServiceContext) throws -> ValidatedPayload {
    do { return try service.engine.validate(bytes) } catch {
        let d = error.diagnostics
        if d.count == 1, d[0].path == .root, d[0].message.hasPrefix("malformed JSON") { throw Problem.malformed(d[0].description) }
        if let l = d.first(where: { $0.path == JSONPath.root / "layout" && $0.message.hasPrefix("unknown layout") }) {
            throw Problem(status: .notFound, title: "Unknown layout", detail: l.message, errors: [l])
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
