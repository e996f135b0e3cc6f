import Foundation

/// How the service runs: where it listens and the limits that keep it healthy under load.
public struct ServerConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port (the chosen one is reported once listening).
    public var port: Int
    /// Request bodies over this are refused with 413, before reading them when Content-Length says so.
    public var maxBodyBytes: Int
    /// When set, every `/v1/*` request needs `Authorization: Bearer <token>`.
    public var token: String?
    /// Renders running at once; the default is the number of cores (rendering is CPU-bound).
    public var concurrency: Int
    /// Requests allowed to wait for a render slot; beyond that the service answers 503 with Retry-After.
    public var queueLimit: Int
    /// A render taking longer than this is answered with 503 (the work still completes in the background).
    public var renderTimeout: Duration

    public init(host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 10 * 1024 * 1024, token: String? = nil,
                concurrency: Int = ProcessInfo.processInfo.activeProcessorCount, queueLimit: Int? = nil,
                renderTimeout: Duration = .seconds(30)) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.token = token
        self.concurrency = max(1, concurrency)
        self.queueLimit = queueLimit ?? max(1, concurrency) * 16
        self.renderTimeout = renderTimeout
    }
}
