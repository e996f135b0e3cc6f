import Foundation
import Testing

/// Issue 15 against the real `vanban serve`: slow clients are dropped while /healthz answers, chunked
/// bodies over the limit or malformed get 413/400 problems, and a render past its time limit (or whose
/// client left) frees its slot within about a second.
@Suite(.serialized) struct HardeningLiveTests {
    /// A raw TCP connection to the loopback server (blocking POSIX calls; receive timeouts in seconds).
    final class RawConnection {
        let fd: Int32

        init(port: Int) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let ok = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard fd >= 0, ok == 0 else { throw POSIXError(.ECONNREFUSED) }
        }

        deinit { close(fd) }

        /// Sends bytes; false once the server has closed the connection.
        @discardableResult func send(_ text: String) -> Bool { send(Array(text.utf8)) }
        @discardableResult func send(_ bytes: [UInt8]) -> Bool {
            bytes.withUnsafeBytes { Foundation.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
        }

        /// Everything the server sends until it closes the connection or `timeout` passes.
        func receiveAll(timeout: Double) -> (data: Data, closed: Bool) {
            var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1e6))
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            var data = Data()
            var buffer = [UInt8](repeating: 0, count: 65536)
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                let n = recv(fd, &buffer, buffer.count, 0)
                if n == 0 { return (data, true) }
                if n < 0 { return (data, errno == ECONNRESET) }
                data.append(contentsOf: buffer[0..<n])
            }
            return (data, false)
        }
    }

    static func status(_ response: Data) -> Int? {
        let text = String(decoding: response.prefix(40), as: UTF8.self)
        guard text.hasPrefix("HTTP/1.1 ") else { return nil }
        return Int(text.dropFirst(9).prefix(3))
    }

    /// GET /healthz on a fresh connection; its status and how long it took.
    static func health(_ port: Int) throws -> (Int?, Double) {
        let started = Date()
        let c = try RawConnection(port: port)
        c.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let r = c.receiveAll(timeout: 5)
        return (status(r.data), Date().timeIntervalSince(started))
    }

    /// Seconds until `/metrics` shows no render in flight (polled every 50 ms, up to 30 s).
    static func secondsUntilNoRenderInFlight(_ port: Int) throws -> Double {
        let started = Date()
        while Date().timeIntervalSince(started) < 30 {
            let c = try RawConnection(port: port)
            c.send("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let text = String(decoding: c.receiveAll(timeout: 5).data, as: UTF8.self)
            // The gauge prints "0" or "0.0" (swift-prometheus).
            if text.contains("\nvanban_renders_in_flight 0\n") || text.contains("\nvanban_renders_in_flight 0.0\n") {
                return Date().timeIntervalSince(started)
            }
            usleep(50_000)
        }
        return Date().timeIntervalSince(started)
    }

    static func post(_ port: Int, _ path: String, _ body: Data) throws -> (Int?, Data, Double) {
        let started = Date()
        let c = try RawConnection(port: port)
        c.send("POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n")
        c.send(Array(body))
        let r = c.receiveAll(timeout: 60)
        return (status(r.data), r.data, Date().timeIntervalSince(started))
    }

    @Test func slowClientsAreDroppedWhileHealthzAnswers() async throws {
        let server = try LiveServiceTests.Server(token: nil, extra: ["--header-timeout", "1", "--body-timeout", "2"])
        defer { _ = server.stop() }
        // 40 clients trickling their headers, 10 trickling a body: none ever finishes its request.
        let headerClients = try (0..<40).map { _ in try RawConnection(port: server.port) }
        for c in headerClients { c.send("GET /healthz HTTP/1.1\r\nHo") }
        let bodyClients = try (0..<10).map { _ in try RawConnection(port: server.port) }
        for c in bodyClients { c.send("POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{") }
        let started = Date()
        // Meanwhile /healthz answers at once.
        for _ in 0..<5 {
            let (status, seconds) = try Self.health(server.port)
            #expect(status == 200)
            #expect(seconds < 1.5, "healthz took \(seconds) s")
            for c in headerClients.prefix(5) { c.send("s") }        // trickling keeps nothing alive
            for c in bodyClients { c.send(" ") }
            try await Task.sleep(for: .milliseconds(150))
        }
        // Header tricklers are cut at 1 s, body tricklers at 2 s after their head.
        for c in headerClients {
            let r = c.receiveAll(timeout: 10)
            #expect(r.closed && r.data.isEmpty)
        }
        let headerDrop = Date().timeIntervalSince(started)
        for c in bodyClients { #expect(c.receiveAll(timeout: 10).closed) }
        let bodyDrop = Date().timeIntervalSince(started)
        // Bounds leave room for a loaded 2-core CI machine (other suites run in parallel); unbounded would be minutes.
        #expect(headerDrop < 20 && bodyDrop < 25, "dropped after \(headerDrop) s / \(bodyDrop) s")
        print("slow clients: 40 header tricklers closed by \(String(format: "%.2f", headerDrop)) s, 10 body tricklers by \(String(format: "%.2f", bodyDrop)) s")
        #expect(try Self.health(server.port).0 == 200)
    }

    @Test func chunkedBodiesOverTheLimitOrMalformedGetProblems() async throws {
        let server = try LiveServiceTests.Server(token: nil, extra: ["--max-body", "1000"])
        defer { _ = server.stop() }
        let head = "POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        let big = try RawConnection(port: server.port)
        big.send(head)
        for _ in 0..<3 { big.send("200\r\n" + String(repeating: " ", count: 512) + "\r\n") }
        big.send("0\r\n\r\n")
        let r413 = big.receiveAll(timeout: 5)
        #expect(Self.status(r413.data) == 413)
        let text413 = String(decoding: r413.data, as: UTF8.self)
        #expect(text413.contains("application/problem+json") && text413.contains("over the limit of 1000 bytes"))

        let bad = try RawConnection(port: server.port)
        bad.send(head + "ZZ\r\nabc\r\n0\r\n\r\n")
        let r400 = bad.receiveAll(timeout: 5)
        #expect(Self.status(r400.data) == 400, "\(String(decoding: r400.data, as: UTF8.self))")
        #expect(String(decoding: r400.data, as: UTF8.self).contains("application/problem+json"))
        #expect(try Self.health(server.port).0 == 200)
    }

    /// A 5,000-row table: seconds of work in a debug build.
    static var slowPayload: Data {
        let rows = (1...5000).map { "[\($0), \"Nội dung dòng thứ \($0) của một bảng rất dài\", \($0 * 1000)]" }.joined(separator: ",")
        return Data("""
            {"kind": "annex_only", "issuer": {"name": "SỞ TÀI CHÍNH"}, "symbol": "STC", "date": {"year": 2024},
             "annexes": [{"title": ["BẢNG"], "blocks": [{"table": {"header": [["STT", "Nội dung", "Số"]], "widths": [1, 6, 2], "rows": [\(rows)]}}]}]}
            """.utf8)
    }

    @Test func timedOutOrAbandonedRenderFreesItsSlotWithinASecond() async throws {
        let server = try LiveServiceTests.Server(token: nil, extra: ["--concurrency", "1", "--timeout", "1"])
        defer { _ = server.stop() }
        let seed = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json"))
        let (status, body, seconds) = try Self.post(server.port, "/v1/render", Self.slowPayload)
        #expect(status == 503, "\(String(decoding: body.prefix(300), as: UTF8.self))")
        #expect(seconds < 2)
        // The only slot was the slow render's: it is free again within about a second (read off the
        // in-flight gauge, so the time does not include rendering anything else on a loaded machine).
        let freedAfter = try Self.secondsUntilNoRenderInFlight(server.port)
        #expect(freedAfter < 2, "the slot was still held \(freedAfter) s after the 503")
        let (next, _, nextSeconds) = try Self.post(server.port, "/v1/render", seed)
        #expect(next == 200)
        print("time limit: 503 after \(String(format: "%.2f", seconds)) s; next render answered in \(String(format: "%.2f", nextSeconds)) s")

        // A client that leaves mid-render: its render stops too.
        let gone = try RawConnection(port: server.port)
        gone.send("POST /v1/render HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(Self.slowPayload.count)\r\n\r\n")
        gone.send(Array(Self.slowPayload))
        // Leave mid-work (validation and layout both stop when the flag is set).
        try await Task.sleep(for: .milliseconds(300))
        shutdown(gone.fd, Int32(SHUT_RDWR))
        let left = Date()
        let freedAfterLeaving = try Self.secondsUntilNoRenderInFlight(server.port)
        #expect(freedAfterLeaving < 3, "the abandoned render still held its slot \(freedAfterLeaving) s after the client left")
        let (after, _, _) = try Self.post(server.port, "/v1/render", seed)
        #expect(after == 200)
        print("disconnect: next render answered \(String(format: "%.2f", Date().timeIntervalSince(left))) s after the client left")
    }
}
