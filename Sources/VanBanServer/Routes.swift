import Foundation
import Hummingbird
import Logging
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
public func buildRouter(engine: Engine, configuration: ServerConfiguration, logger: Logger = Logger(label: "vanban")) -> Router<BasicRequestContext> {
    let schemaPath = engine.resources.root + "/Schemas/payload.schema.json"
    let schema = FileManager.default.contents(atPath: schemaPath).map(Array.init)
    let service = ServiceContext(engine: engine, configuration: configuration,
                                 gate: RenderGate(concurrency: configuration.concurrency, queueLimit: configuration.queueLimit),
                                 metrics: ServiceMetrics(), payloadSchema: schema,
                                 openAPI: OpenAPIDocument.build(root: engine.resources.root, payloadSchema: schema))
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: RequestLogMiddleware(metrics: service.metrics))
    router.add(middleware: BearerTokenMiddleware(token: configuration.token))

    router.get("/healthz") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "{\"status\":\"ok\"}")))
    }
    router.get("/metrics") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                 body: .init(byteBuffer: ByteBuffer(string: service.metrics.text(inFlight: service.gate.inFlight, queued: service.gate.queued))))
    }
    router.get("/openapi.json") { _, _ in json(service.openAPI) }
    router.get("/v1/schema") { _, _ in
        guard let s = service.payloadSchema else { throw Problem(status: .notFound, title: "Not found", detail: "no payload schema installed") }
        return Response(status: .ok, headers: [.contentType: "application/schema+json"], body: .init(byteBuffer: ByteBuffer(bytes: s)))
    }
    router.get("/v1/layouts") { _, _ in
        let object: [String: Any] = ["layouts": engine.layoutNames(), "forms": engine.formNames()]
        return json(Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])))
    }
    router.post("/v1/validate") { request, context in
        let validated = try validate(try await body(request, service), service)
        let object: [String: Any] = ["valid": true, "kind": validated.payload.kind.rawValue, "layout": validated.layout.name,
                                     "warnings": validated.warnings.map(\.description)]
        return json(Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])))
    }
    router.post("/v1/render") { request, context in
        let validated = try validate(try await body(request, service), service)
        let result = try await render(service) { try engine.renderPDF(validated) }
        service.metrics.rendered(pages: result.document.pageCount)
        if request.uri.queryParameters.get("slots") == "1" {
            let map = try JSONSerialization.jsonObject(with: Data(SlotMap(document: result.document).json()))
            let object: [String: Any] = ["pdf": Data(result.pdf).base64EncodedString(), "slots": map, "warnings": result.warnings]
            return json(Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])))
        }
        return Response(status: .ok, headers: [.contentType: "application/pdf", .contentDisposition: "inline; filename=\"vanban.pdf\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: result.pdf)))
    }
    router.post("/v1/preview") { request, context in
        let page = try intParameter(request, "page", default: 1, range: 1...10_000)
        let dpi = try intParameter(request, "dpi", default: 96, range: 10...300)
        let validated = try validate(try await body(request, service), service)
        let preview = try await render(service) { () throws -> Preview in
            do { return try engine.renderPNG(validated, pages: [page - 1], dpi: Double(dpi)) } catch let e as PipelineError {
                throw Problem(status: .badRequest, title: "Bad query parameter", detail: "page: " + e.description)
            }
        }
        return Response(status: .ok, headers: [.contentType: "image/png"], body: .init(byteBuffer: ByteBuffer(bytes: preview.images[0])))
    }
    router.post("/v1/batch") { request, context in
        let bytes = try await body(request, service)
        let documents: [BatchDocument]
        do { documents = try BatchInput.fromJSON(bytes).documents } catch let error as ValidationFailure {
            if error.diagnostics.count == 1, error.diagnostics[0].message.hasPrefix("malformed JSON") { throw Problem.malformed(error.diagnostics[0].description) }
            throw Problem.invalid(error.diagnostics)
        }
        if request.uri.queryParameters.get("merged") == "1" { return try await mergedBatch(documents, service) }
        return zipBatch(documents, service, logger: logger)
    }
    return router
}

/// A PDF of all documents in order (each with its own page numbers), rendered in one slot.
func mergedBatch(_ documents: [BatchDocument], _ service: ServiceContext) async throws -> Response {
    let runner = BatchRunner(engine: service.engine)
    let entries = documents.map { ManifestEntry(id: $0.id, file: nil, pages: nil, status: "ok", error: nil, hash: $0.hash) }
    let pdf = try await render(service) { () throws -> [UInt8] in
        do { return try runner.merged(documents, entries: entries, duplex: false).pdf } catch let f as ValidationFailure {
            throw Problem.invalid(f.diagnostics)
        }
    }
    return Response(status: .ok, headers: [.contentType: "application/pdf"], body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
}

/// A ZIP of `<id>.pdf` files and `manifest.json`, streamed as each document is rendered;
/// a document that fails is listed in the manifest with its error and does not stop the others.
func zipBatch(_ documents: [BatchDocument], _ service: ServiceContext, logger: Logger) -> Response {
    let body = ResponseBody { (writer: inout any ResponseBodyWriter) in
        var zip = ZipWriter()
        var manifest: [ManifestEntry] = []
        let names = SafeFileName.unique(documents.map(\.id))
        for (i, doc) in documents.enumerated() {
            let file = names[i]
            do {
                let result = try await render(service) {
                    try service.engine.renderPDF(service.engine.validate(json: doc.payload))
                }
                service.metrics.rendered(pages: result.document.pageCount)
                try await writer.write(ByteBuffer(bytes: zip.entry(name: file + ".pdf", data: result.pdf)))
                manifest.append(ManifestEntry(id: doc.id, file: file + ".pdf", pages: result.document.pageCount, status: "ok", error: nil, hash: doc.hash))
            } catch let problem as Problem {
                let message = problem.errors.isEmpty ? problem.detail
                    : problem.errors.filter { $0.severity == .error }.map(\.description).joined(separator: "; ")
                manifest.append(ManifestEntry(id: doc.id, file: nil, pages: nil, status: "error", error: message, hash: doc.hash))
            } catch {
                logger.warning("batch document failed", metadata: ["id": "\(doc.id)", "error": "\(error)"])
                manifest.append(ManifestEntry(id: doc.id, file: nil, pages: nil, status: "error", error: "\(error)", hash: doc.hash))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = Array((try? encoder.encode(Manifest(documents: manifest))) ?? Data())
        try await writer.write(ByteBuffer(bytes: zip.entry(name: "manifest.json", data: data) + zip.finish()))
        try await writer.finish(nil)
    }
    return Response(status: .ok, headers: [.contentType: "application/zip", .contentDisposition: "attachment; filename=\"vanban-batch.zip\""], body: body)
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

/// Runs a render in a bounded slot; 503 when the queue is full or the time limit passes.
func render<T: Sendable>(_ service: ServiceContext, _ work: @escaping @Sendable () throws -> T) async throws -> T {
    do { return try await service.gate.run(timeout: service.configuration.renderTimeout, work) } catch is RenderGate.Busy {
        throw Problem.busy()
    } catch is RenderGate.TimedOut {
        throw Problem.timedOut(service.configuration.renderTimeout)
    } catch let f as ValidationFailure {
        throw Problem.invalid(f.diagnostics)
    }
}

func intParameter(_ request: Request, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
    guard let raw = request.uri.queryParameters.get(name) else { return value }
    guard let n = Int(raw), range.contains(n) else {
        throw Problem.badParameter(name, "must be an integer from \(range.lowerBound) to \(range.upperBound), got \"\(raw)\"")
    }
    return n
}

func json(_ bytes: [UInt8]) -> Response {
    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
}
