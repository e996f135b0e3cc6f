import ArgumentParser
import Foundation
import VanBanPipeline
import VanBanServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve render, preview, validate and batch over HTTP.")
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port (0 picks a free one; the chosen port is printed).") var port = 8080
    @Option(help: "Largest request body in bytes (413 beyond).") var maxBody = 10 * 1024 * 1024
    @Option(help: "Renders at once (default: the number of cores).") var concurrency = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Requests that may wait for a render slot before 503.") var queue: Int?
    @Option(help: "Per-request render time limit in seconds (the render is stopped at the limit).") var timeout = 30
    @Option(help: "Seconds a client has to send its request headers (slower clients are disconnected).") var headerTimeout = 10
    @Option(help: "Seconds a client has to send its request body.") var bodyTimeout = 30
    @Option(help: "Seconds a kept-alive connection may stay idle.") var idleTimeout = 60
    @Option(help: "Connections open at once (more wait until one closes).") var maxConnections = 512
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        for (name, value) in [("--timeout", timeout), ("--header-timeout", headerTimeout), ("--body-timeout", bodyTimeout), ("--idle-timeout", idleTimeout)]
        where !(1...86_400).contains(value) {
            throw ValidationError("\(name) must be between 1 and 86400 seconds")
        }
        guard (1...100_000).contains(maxConnections) else { throw ValidationError("--max-connections must be between 1 and 100000") }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard maxBody > 0 else { throw ValidationError("--max-body must be more than 0 bytes") }
        guard concurrency > 0 else { throw ValidationError("--concurrency must be at least 1") }
        if let queue, queue < 0 { throw ValidationError("--queue must not be negative") }
    }

    func run() async throws {
        // A failure to start (no resources, a port in use) reads like every other command's: "error: …", status 1.
        try await runReportingErrorsAsync { try await serve() }
    }

    private func serve() async throws {
        let engine = try common.engine()
        let token = ProcessInfo.processInfo.environment["VANBAN_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        var config = ServerConfiguration(host: host, port: port, maxBodyBytes: maxBody, token: token, concurrency: concurrency,
                                         queueLimit: queue, renderTimeout: .seconds(timeout), headerTimeout: .seconds(headerTimeout),
                                         bodyTimeout: .seconds(bodyTimeout), idleTimeout: .seconds(idleTimeout), maxConnections: maxConnections)
        config.register = registerOptions.configuration
        let app = buildApplication(engine: engine, configuration: config) { port in
            // Written unbuffered: a supervisor (or the live test) waits for this line to learn the port.
            FileHandle.standardOutput.write(Data("listening on http://\(host):\(port)\n".utf8))
        }
        try await app.runService()
    }
}
