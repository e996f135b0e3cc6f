import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import VanBanPipeline

/// Builds the HTTP application: the router over one shared engine (fonts and layouts loaded once).
///
/// ```swift
/// let app = try buildApplication(engine: engine, configuration: .init(port: 8080))
/// try await app.runService()   // SIGTERM/SIGINT drain in-flight requests, then exit
/// ```
public func buildApplication(engine: Engine, configuration: ServerConfiguration,
                             onListening: @escaping @Sendable (Int) -> Void = { _ in }) -> some ApplicationProtocol {
    var logger = Logger(label: "vanban")
    logger.logLevel = ProcessInfo.processInfo.environment["VANBAN_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    let router = buildRouter(engine: engine, configuration: configuration, logger: logger)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "VanBan"),
        onServerRunning: { channel in onListening(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}
