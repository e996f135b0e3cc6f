import Foundation
import Hummingbird
import Logging

/// Gives every request an id (echoed as `X-Request-Id`), logs it with its status and duration,
/// and counts it for `/metrics`.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let metrics: ServiceMetrics
    static let knownRoutes: Set<String> = ["/v1/render", "/v1/preview", "/v1/validate", "/v1/batch", "/v1/layouts", "/v1/schema",
                                           "/openapi.json", "/healthz", "/metrics"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let id = request.headers[.init("X-Request-Id")!].flatMap { $0.count <= 64 ? $0 : nil } ?? String(UInt64.random(in: 0...UInt64.max), radix: 36)
        var context = context
        context.logger[metadataKey: "request_id"] = .string(id)
        let route = Self.knownRoutes.contains(request.uri.path) ? request.uri.path : "other"
        let started = DispatchTime.now().uptimeNanoseconds
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(error)"])
            response = try Problem(status: .internalServerError, title: "Internal error", detail: "the service failed; see its log with this request id")
                .response(from: request, context: context)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        response.headers[.init("X-Request-Id")!] = id
        metrics.record(route: route, status: Int(response.status.code), seconds: seconds)
        context.logger.info("\(request.method) \(request.uri.path) \(response.status.code)",
                            metadata: ["duration_ms": .string(String(format: "%.1f", seconds * 1000))])
        return response
    }
}

/// With a token configured, every `/v1/*` request must carry `Authorization: Bearer <token>` (else 401).
struct BearerTokenMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let token: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token, request.uri.path.hasPrefix("/v1/") else { return try await next(request, context) }
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
