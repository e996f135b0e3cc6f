import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The real `vanban serve` on a random loopback port: concurrent renders, errors, auth, clean SIGTERM.
@Suite(.serialized) struct LiveServiceTests {
    final class Server {
        let process = Process()
        let port: Int
        let output = Pipe()

        init(token: String?, extra: [String] = []) throws {
            process.executableURL = URL(fileURLWithPath: vanbanBinary)
            process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0"] + extra
            var env = ProcessInfo.processInfo.environment
            env["VANBAN_TOKEN"] = token
            env["VANBAN_LOG_LEVEL"] = "warning"
            process.environment = env
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // The first line says where it listens: "listening on http://127.0.0.1:PORT".
            var line = Data()
            let handle = output.fileHandleForReading
            while !line.contains(0x0A) {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                line.append(chunk)
            }
            let text = String(decoding: line, as: UTF8.self)
            guard let r = text.range(of: "127.0.0.1:"), let p = Int(text[r.upperBound...].prefix { $0.isNumber }) else {
                process.terminate()
                throw NSError(domain: "LiveServiceTests", code: 1, userInfo: [NSLocalizedDescriptionKey: "no listening line: \(text)"])
            }
            port = p
        }

        func stop() -> Int32 {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    static func request(_ port: Int, _ path: String, body: Data? = nil, token: String? = nil) async throws -> (Int, Data, [AnyHashable: Any]) {
        var r = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        r.httpMethod = body == nil ? "GET" : "POST"
        r.httpBody = body
        if body != nil { r.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        r.timeoutInterval = 60
        if let token { r.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: r)
        let http = response as! HTTPURLResponse
        return (http.statusCode, data, http.allHeaderFields)
    }

    @Test func concurrentRendersErrorsAuthAndCleanShutdown() async throws {
        let token = "test-token-" + UUID().uuidString
        let server = try Server(token: token, extra: ["--max-body", "200000"])
        let payload = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json"))
        let port = server.port

        // 64 renders, 8 at a time: every one a whole, identical PDF.
        var bodies: [Data] = []
        for _ in 0..<8 {
            try await withThrowingTaskGroup(of: (Int, Data).self) { group in
                for _ in 0..<8 {
                    group.addTask { let (s, d, _) = try await Self.request(port, "/v1/render", body: payload, token: token); return (s, d) }
                }
                for try await (status, data) in group {
                    #expect(status == 200)
                    bodies.append(data)
                }
            }
        }
        #expect(bodies.count == 64)
        #expect(bodies.allSatisfy { $0.starts(with: Array("%PDF-".utf8)) && $0 == bodies[0] })
        let tail = String(decoding: bodies[0].suffix(8), as: UTF8.self)
        #expect(tail.contains("%%EOF"))

        // Errors: 401 without the token, 422 invalid, 413 over the limit, 400 malformed.
        #expect(try await Self.request(port, "/v1/render", body: payload).0 == 401)
        let invalid = String(decoding: payload, as: UTF8.self).replacingOccurrences(of: "\"symbol\": \"SKHCN-VP\"", with: "\"symbol\": 12")
        let (s422, d422, h422) = try await Self.request(port, "/v1/render", body: Data(invalid.utf8), token: token)
        #expect(s422 == 422)
        #expect((h422["Content-Type"] as? String) == "application/problem+json")
        #expect(String(decoding: d422, as: UTF8.self).contains("\"path\":\"$.symbol\""))
        #expect(try await Self.request(port, "/v1/render", body: Data(count: 300_000), token: token).0 == 413)
        #expect(try await Self.request(port, "/v1/validate", body: Data("{".utf8), token: token).0 == 400)
        #expect(try await Self.request(port, "/healthz").0 == 200)
        let (_, metrics, _) = try await Self.request(port, "/metrics")
        #expect(String(decoding: metrics, as: UTF8.self).contains("vanban_http_requests_total{route=\"/v1/render\",status=\"200\"} 64"))

        // SIGTERM: drains and exits 0.
        #expect(server.stop() == 0)
    }
}
