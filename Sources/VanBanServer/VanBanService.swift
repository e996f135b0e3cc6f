import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import VanBanPipeline

/// Builds the HTTP application: the router over one shared engine (fonts and layouts loaded once).
///
/// ```swift
/// let app = try buildApplication(engine: engine, configuration: .init(port: 8080))
/// try await app.runService()   // SIGTERM/SIGINT drain in-flight requests, then exit
/// ```
/// Each connection gets a `ConnectionGuard` (header, body and idle deadlines; client-gone signal),
/// and at most `maxConnections` are open at once (more wait in the listen backlog).
public func buildApplication(engine: Engine, configuration: ServerConfiguration,
                             onListening: @escaping @Sendable (Int) -> Void = { _ in }) -> some ApplicationProtocol {
    var logger = Logger(label: "vanban")
    logger.logLevel = ProcessInfo.processInfo.environment["VANBAN_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    let router = buildRouter(engine: engine, configuration: configuration, logger: logger)
    let header = TimeAmount(configuration.headerTimeout), body = TimeAmount(configuration.bodyTimeout)
    let idle = TimeAmount(configuration.idleTimeout)
    let guardLogger = logger
    return Application(
        router: router,
        server: .http1(configuration: .init(
            additionalChannelHandlers: [ConnectionGuard(headerTimeout: header, bodyTimeout: body, idleTimeout: idle, logger: guardLogger)],
            idleTimeout: idle)),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "VanBan",
                             availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections, logger: logger)),
        onServerRunning: { channel in onListening(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}

extension TimeAmount {
    /// A Swift `Duration` as NIO's nanosecond count (saturating, never trapping).
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let (nanos, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        self = .nanoseconds(overflow ? Int64.max : nanos &+ attoseconds / 1_000_000_000)
    }
}
