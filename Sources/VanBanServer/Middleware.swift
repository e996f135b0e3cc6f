import Foundation
import Hummingbird
import Logging

/// Gives every request an id (echoed as `X-Request-Id`), logs it with its status and duration,
/// turns every error into problem+json (with the server's folders cut out), and counts it for
/// `/metrics` under the route the router resolved ("other" when none did), never the raw path.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = VanBanRequestContext
    let metrics: ServiceMetrics
    /// The resource folder, cut from error messages.
    let root: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let id = request.headers[.init("X-Request-Id")!].flatMap { $0.count <= 64 && $0.allSatisfy { $0.isASCII && !$0.isWhitespace } ? $0 : nil }
            ?? String(UInt64.random(in: 0...UInt64.max), radix: 36)
        var context = context
        context.logger[metadataKey: "request_id"] = .string(id)
        let started = DispatchTime.now().uptimeNanoseconds
        var response: Response
        do {
            response = try await next(request, context)
        } catch let problem as Problem {
            response = try problem.redacting(root: root).response(from: request, context: context)
        } catch let error as HTTPError {
            // Hummingbird's own errors (no route: 404; a body over the limit while streaming: 413) as problems too.
            let problem = error.status == .notFound ? Problem.notFound()
                : Problem(status: error.status, title: error.status.reasonPhrase, detail: error.status.reasonPhrase.lowercased())
            response = try problem.response(from: request, context: context)
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(String(describing: error).escapingControlCharacters)"])
            response = try Problem(status: .internalServerError, title: "Internal error", detail: "the service failed; see its log with this request id")
                .response(from: request, context: context)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        response.headers[.init("X-Request-Id")!] = id
        // The endpoint path is shared with the router, which sets it once it has resolved the route.
        let resolved = context.coreContext.endpointPath.value
        let route = resolved.flatMap { $0 == "NotFound" ? nil : $0 } ?? "other"
        metrics.record(route: route, status: Int(response.status.code), seconds: seconds)
        context.logger.info("\(request.method) \(route) \(response.status.code)",
                            metadata: ["duration_ms": .string(String(format: "%.1f", seconds * 1000))])
        return response
    }
}

/// With a token configured, every request it guards must carry `Authorization: Bearer <token>` (else 401).
///
/// It is added to the `/v1` router group, so it runs for exactly the routes the router resolves
/// under `/v1` — however the path was spelled (`//v1/render`, …) — and never depends on the raw path.
struct BearerTokenMiddleware: RouterMiddleware {
    typealias Context = VanBanRequestContext
    let token: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token else { return try await next(request, context) }
        let given = request.headers[.authorization] ?? ""
        guard given.hasPrefix("Bearer "), constantTimeEqual(Array(given.dropFirst(7).utf8), Array(token.utf8)) else {
            var problem = try Problem(status: .unauthorized, title: "Unauthorized", detail: "a valid bearer token is required")
                .response(from: request, context: context)
            problem.headers[.wwwAuthenticate] = "Bearer"
            return problem
        }
        return try await next(request, context)
    }

    private func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
