import VanBanRegister
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
    /// A render taking longer than this is answered with 503 and stopped (its slot frees within a row or page).
    public var renderTimeout: Duration
    /// A client must send its whole request head within this of connecting, else it is disconnected.
    public var headerTimeout: Duration
    /// A client must send its whole request body within this of its head, else it is disconnected.
    public var bodyTimeout: Duration
    /// A kept-alive connection with no new request within this is closed.
    public var idleTimeout: Duration
    /// Connections open at once; further ones wait in the listen backlog until one closes.
    public var maxConnections: Int
    /// Documents one `POST /v1/batch` ZIP may hold (413 beyond, before any rendering); at most 65,534,
    /// the classic ZIP format's 65,535 entries less the manifest.
    public var maxBatchDocuments: Int
    /// The register `POST /v1/issue` numbers from and `GET /v1/register` lists (default: from the environment).
    public var register: RegisterConfiguration = .resolve(option: nil)

    public init(host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 10 * 1024 * 1024, token: String? = nil,
                concurrency: Int = ProcessInfo.processInfo.activeProcessorCount, queueLimit: Int? = nil,
                renderTimeout: Duration = .seconds(30), headerTimeout: Duration = .seconds(10), bodyTimeout: Duration = .seconds(30),
                idleTimeout: Duration = .seconds(60), maxConnections: Int = 512, maxBatchDocuments: Int = 65_534) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.token = token
        self.concurrency = max(1, concurrency)
        self.queueLimit = queueLimit ?? max(1, concurrency) * 16
        self.renderTimeout = renderTimeout
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = max(1, maxConnections)
        self.maxBatchDocuments = min(max(1, maxBatchDocuments), 65_534)
    }
}
