import Foundation
import Testing

/// Issue 15, overload: requests are admitted to the render gate (or refused with 503 and Retry-After)
/// before the expensive work, and parsing and validation run inside the gate's bounded slots, so 16
/// large validations at once neither delay `/healthz` nor pile up.
@Suite(.serialized) struct OverloadLiveTests {
    typealias Connection = HardeningLiveTests.RawConnection

    /// A valid payload of about 2 MB: seed 000 with 1,050 body paragraphs of ~2 KB.
    static var largePayload: Data {
        let seed = try! String(contentsOfFile: repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json", encoding: .utf8)
        let sentence = "Đề nghị các cơ quan, đơn vị phối hợp cung cấp số liệu về tình hình ứng dụng công nghệ thông tin năm 2020; "
        let paragraph = "{\"text\": \"" + String(repeating: sentence, count: 14) + "hết.\"}"
        let body = "\"body\": [" + Array(repeating: paragraph, count: 1_050).joined(separator: ", ") + "],"
        guard let r = seed.range(of: "\"body\": [") else { fatalError("seed 000 has no body") }
        // Drop the sample's own body array: up to its closing "],\n  \"signer\"".
        guard let end = seed.range(of: "\"signer\"", range: r.upperBound..<seed.endIndex) else { fatalError("seed 000 has no signer") }
        return Data((seed[..<r.lowerBound] + body + "\n  " + seed[end.lowerBound...]).utf8)
    }

    @Test func sixteenLargeValidationsAtOnceDoNotDelayHealthzAndTheExcessGets503() async throws {
        let payload = Self.largePayload
        #expect(payload.count > 2_000_000)
        let server = try LiveServiceTests.Server(token: nil, extra: ["--concurrency", "1", "--queue", "2", "--max-body", "4000000"])
        defer { _ = server.stop() }
        // The payload is valid on its own.
        let (alone, aloneBody, aloneSeconds) = try HardeningLiveTests.post(server.port, "/v1/validate", payload)
        #expect(alone == 200, "\(String(decoding: aloneBody.suffix(300), as: UTF8.self))")

        // 16 clients send everything but the last byte, then all last bytes go at once: 16 complete
        // 2 MB bodies arrive together while one slot and a queue of two can take three.
        let clients = try (0..<16).map { _ in try Connection(port: server.port) }
        for c in clients {
            c.send("POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(payload.count)\r\nConnection: close\r\n\r\n")
            c.send(Array(payload.dropLast()))
        }
        for c in clients { c.send([payload.last!]) }
        let started = Date()

        // When each client's answer starts to arrive (seconds after the last bytes went out).
        var arrived: [Int: Double] = [:]
        func collect(for seconds: Double) {
            let until = Date().addingTimeInterval(seconds)
            repeat {
                let pending = clients.indices.filter { arrived[$0] == nil }
                if pending.isEmpty { return }
                var fds = pending.map { pollfd(fd: clients[$0].fd, events: Int16(POLLIN), revents: 0) }
                _ = poll(&fds, nfds_t(fds.count), 20)
                for (k, i) in pending.enumerated() where fds[k].revents != 0 { arrived[i] = Date().timeIntervalSince(started) }
            } while Date() < until
        }

        // Meanwhile /healthz answers at once, every time.
        var slowest = 0.0
        for _ in 0..<10 {
            let (status, seconds) = try HardeningLiveTests.health(server.port)
            #expect(status == 200)
            slowest = max(slowest, seconds)
            collect(for: 0.1)
        }
        // ~1 s is the contract; the bound leaves room for a loaded 2-core CI machine.
        #expect(slowest < 1.5, "healthz took \(slowest) s under load")
        collect(for: 120)

        var ok = 0, busy = 0, lastRefusal = 0.0
        for (i, c) in clients.enumerated() {
            let r = c.receiveAll(timeout: 60)
            let text = String(decoding: r.data, as: UTF8.self)
            switch HardeningLiveTests.status(r.data) {
            case 200:
                ok += 1
                #expect(text.contains("\"valid\":true"))
            case 503:
                busy += 1
                lastRefusal = max(lastRefusal, arrived[i] ?? .infinity)
                let head = text.components(separatedBy: "\r\n\r\n").first?.lowercased() ?? ""
                #expect(head.contains("\r\nretry-after: "), "\(head)")
                #expect(head.contains("application/problem+json"))
            default:
                Issue.record("unexpected answer: \(text.prefix(300))")
            }
        }
        let allAnswered = arrived.values.max() ?? .infinity
        // One slot and a queue of two: at most three run at once, so most are refused.
        #expect(ok >= 1 && busy >= 1 && ok + busy == 16, "\(ok) validated, \(busy) refused")
        // Refused at once, without waiting for (or doing) any validation: milliseconds here; the bound is for a loaded CI.
        #expect(lastRefusal < 5, "the last 503 came \(lastRefusal) s after the bodies")
        print("overload: 16 × \(payload.count / 1000) KB validations: \(ok) validated, \(busy) refused with 503 (the last after "
              + "\(String(format: "%.3f", lastRefusal)) s); slowest /healthz \(String(format: "%.3f", slowest)) s; all answered in "
              + "\(String(format: "%.2f", allAnswered)) s (one alone \(String(format: "%.2f", aloneSeconds)) s)")
        #expect(try HardeningLiveTests.health(server.port).0 == 200)
    }
}
