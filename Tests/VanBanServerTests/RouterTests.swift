import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing
import VanBanPipeline
@testable import VanBanServer

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
let engine: Engine = try! Engine(resources: Resources(root: repositoryRoot))
let seed000 = try! Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json"))

func app(_ configuration: ServerConfiguration = ServerConfiguration(port: 0)) -> some ApplicationProtocol {
    buildApplication(engine: engine, configuration: configuration)
}

/// POST bodies must be declared JSON (415 otherwise).
let jsonHeaders: HTTPFields = [.contentType: "application/json"]

func problem(_ body: ByteBuffer?) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(buffer: body ?? ByteBuffer())) as? [String: Any])
}

/// Every endpoint and every error, in process (no sockets).
@Suite struct RouterTests {
    @Test func renderReturnsAPDF() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/v1/render", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: seed000)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/pdf")
                #expect(response.headers[HTTPField.Name("X-Request-Id")!] != nil)
                let pdf = Data(buffer: response.body)
                #expect(pdf.starts(with: Array("%PDF-1.5".utf8)))
            }
        }
    }

    @Test func renderIsDeterministicOverHTTP() async throws {
        try await app().test(.router) { client in
            let a = try await client.execute(uri: "/v1/render", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: seed000)) { Data(buffer: $0.body) }
            let b = try await client.execute(uri: "/v1/render", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: seed000)) { Data(buffer: $0.body) }
            #expect(a == b)
        }
    }

    @Test func renderWithSlotsGivesBase64AndTheSlotMap() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/v1/render?slots=1", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: seed000)) { response in
                #expect(response.status == .ok)
                let object = try problem(response.body)
                let pdf = try #require(Data(base64Encoded: object["pdf"] as? String ?? ""))
                #expect(pdf.starts(with: Array("%PDF".utf8)))
                let slots = try #require((object["slots"] as? [String: Any])?["slots"] as? [[String: Any]])
                #expect(Set(slots.compactMap { $0["name"] as? String }).isSuperset(of: ["number", "date", "SignerSignature", "AgencySeal", "annex-1"]))
            }
        }
    }

    @Test func invalidPayloadIs422WithEveryPath() async throws {
        try await app().test(.router) { client in
            let json = String(decoding: seed000, as: UTF8.self).replacingOccurrences(of: "\"issuer\": {", with: "\"issuer\": 5, \"x\": {")
            try await client.execute(uri: "/v1/render", method: .post, headers: jsonHeaders, body: ByteBuffer(string: json)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType] == "application/problem+json")
                let p = try problem(response.body)
                #expect(p["status"] as? Int == 422)
                let errors = try #require(p["errors"] as? [[String: Any]])
                #expect(errors.map { "\($0["path"]!): \($0["message"]!)" } == ["$.x: unknown field", "$.issuer: expected an object, got a number"])
            }
        }
    }

    @Test func malformedJSONIs400() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/v1/validate", method: .post, headers: jsonHeaders, body: ByteBuffer(string: "{\"kind\": ")) { response in
                #expect(response.status == .badRequest)
                let detail = try problem(response.body)["detail"] as? String
                #expect(detail == "$: malformed JSON at line 1, column 10: unexpected end of input")
            }
        }
    }

    @Test func unknownLayoutIs404() async throws {
        try await app().test(.router) { client in
            let json = String(decoding: seed000, as: UTF8.self).replacingOccurrences(of: "\"kind\": \"cong_van\",", with: "\"kind\": \"cong_van\", \"layout\": \"khong-co\",")
            try await client.execute(uri: "/v1/render", method: .post, headers: jsonHeaders, body: ByteBuffer(string: json)) { response in
                #expect(response.status == .notFound)
                let detail = try problem(response.body)["detail"] as? String
                #expect(detail?.hasPrefix("unknown layout \"khong-co\"") == true)
            }
            // A layout name can never reach outside Layouts/.
            let escape = String(decoding: seed000, as: UTF8.self).replacingOccurrences(of: "\"kind\": \"cong_van\",", with: "\"kind\": \"cong_van\", \"layout\": \"../../etc/passwd\",")
            try await client.execute(uri: "/v1/render", method: .post, headers: jsonHeaders, body: ByteBuffer(string: escape)) { response in
                #expect(response.status == .unprocessableContent)
            }
        }
    }

    @Test func bodyOverTheLimitIs413() async throws {
        try await app(ServerConfiguration(port: 0, maxBodyBytes: 1000)).test(.router) { client in
            try await client.execute(uri: "/v1/render", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: seed000)) { response in
                #expect(response.status == .contentTooLarge)
                let detail = try problem(response.body)["detail"] as? String
                #expect(detail == "the request body is over the limit of 1000 bytes")
            }
        }
    }

    @Test func tokenGuardsV1Only() async throws {
        try await app(ServerConfiguration(port: 0, token: "s3cret")).test(.router) { client in
            try await client.execute(uri: "/v1/layouts", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
            try await client.execute(uri: "/v1/layouts", method: .get, headers: [.authorization: "Bearer wrong"]) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/v1/layouts", method: .get, headers: [.authorization: "Bearer s3cret"]) { #expect($0.status == .ok) }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func previewReturnsAPNGAndChecksItsParameters() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/v1/preview?page=2&dpi=36", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: seed000)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/png")
                let png = Data(buffer: response.body)
                let w = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
                #expect(w == 298)   // 595.28 pt at 36 dpi
            }
            try await client.execute(uri: "/v1/preview?page=7", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: seed000)) { response in
                #expect(response.status == .badRequest)
                let detail = try problem(response.body)["detail"] as? String
                #expect(detail == "page: page 7 does not exist (the document has 2)")
            }
            try await client.execute(uri: "/v1/preview?dpi=9000", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: seed000)) { response in
                #expect(response.status == .badRequest)
                let detail = try problem(response.body)["detail"] as? String
                #expect(detail == "dpi: must be an integer from 10 to 300, got \"9000\"")
            }
        }
    }

    @Test func validateAnswersValidWithWarnings() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/v1/validate", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: seed000)) { response in
                #expect(response.status == .ok)
                let o = try problem(response.body)
                #expect(o["valid"] as? Bool == true && o["layout"] as? String == "cong-van")
            }
        }
    }

    @Test func batchStreamsAZipWithManifestAndIsolatesFailures() async throws {
        let defaults = String(decoding: seed000, as: UTF8.self)
        let batch = "{\"defaults\": \(defaults), \"documents\": [{\"id\": \"a\"}, {\"id\": \"b\", \"number\": \"x\"}, {\"id\": \"c\", \"number\": 3}]}"
        try await app().test(.router) { client in
            try await client.execute(uri: "/v1/batch", method: .post, headers: jsonHeaders, body: ByteBuffer(string: batch)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/zip")
                let zip = Data(buffer: response.body)
                #expect(zip.starts(with: [0x50, 0x4B, 0x03, 0x04]))
                let dir = NSTemporaryDirectory() + "vanban-zip-" + UUID().uuidString
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(atPath: dir) }
                try zip.write(to: URL(fileURLWithPath: dir + "/b.zip"))
                let unzip = Process()
                unzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                unzip.arguments = ["python3", "-c", "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; z.extractall(sys.argv[2]); print(' '.join(sorted(z.namelist())))", dir + "/b.zip", dir]
                let pipe = Pipe(); unzip.standardOutput = pipe
                try unzip.run(); unzip.waitUntilExit()
                #expect(unzip.terminationStatus == 0)
                #expect(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "a.pdf c.pdf manifest.json\n")
                let manifest = try String(contentsOfFile: dir + "/manifest.json", encoding: .utf8)
                #expect(manifest.contains("\"error\" : \"$.number: expected an integer, got a string\""))
            }
            try await client.execute(uri: "/v1/batch?merged=1", method: .post, headers: jsonHeaders, body: ByteBuffer(string: batch.replacingOccurrences(of: "\"number\": \"x\"", with: "\"number\": 2"))) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/pdf")
            }
        }
    }

    @Test func layoutsSchemaOpenAPIHealthAndMetrics() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/v1/layouts", method: .get) { response in
                let o = try problem(response.body)
                #expect((o["layouts"] as? [String])?.contains("cong-van") == true)
                #expect((o["forms"] as? [String])?.contains("phieu-cung-cap-so-lieu-cpdt") == true)
                // Document types with their Appendix III models and symbol codes.
                let types = (o["types"] as? [[String: Any]]) ?? []
                let qd = types.first { $0["kind"] as? String == "quyet_dinh" }
                #expect(qd?["code"] as? String == "QĐ" && (qd?["model"] as? String)?.contains("1.2") == true)
                #expect(types.contains { $0["kind"] as? String == "cong_van" && $0["code"] == nil })
            }
            try await client.execute(uri: "/v1/schema", method: .get) { response in
                #expect(response.status == .ok)
                let schema = try problem(response.body)
                #expect(schema["$schema"] as? String != nil)
            }
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                let o = try problem(response.body)
                #expect(o["openapi"] as? String == "3.1.0")
                let schemas = try #require((o["components"] as? [String: Any])?["schemas"] as? [String: Any])
                #expect((schemas["Payload"] as? [String: Any])?["type"] as? String == "object")   // exact schema: GET /v1/schema
                // The document is valid OpenAPI 3.1 (checked by openapi-spec-validator, as an integrator's tooling would).
                let file = NSTemporaryDirectory() + "vanban-openapi-\(UUID().uuidString).json"
                try Data(buffer: response.body).write(to: URL(fileURLWithPath: file))
                defer { try? FileManager.default.removeItem(atPath: file) }
                let check = Process()
                check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                check.arguments = ["python3", "-c", "import json,sys; from openapi_spec_validator import validate; validate(json.load(open(sys.argv[1]))); print('ok')", file]
                let pipe = Pipe(); check.standardOutput = pipe; check.standardError = pipe
                try check.run(); check.waitUntilExit()
                let said = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                #expect(check.terminationStatus == 0 && said == "ok\n", "\(said)")
                let paths = try #require(o["paths"] as? [String: Any])
                #expect(Set(paths.keys) == ["/v1/render", "/v1/render/slots", "/v1/preview", "/v1/validate", "/v1/batch", "/v1/batch/merged",
                                            "/v1/layouts", "/v1/forms", "/v1/forms/{name}", "/v1/schema", "/openapi.json", "/version",
                                            "/healthz", "/metrics", "/v1/issue", "/v1/register"])
            }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            _ = try await client.execute(uri: "/v1/render", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: seed000))
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains("vanban_http_requests_total{route=\"/v1/render\",status=\"200\"} 1"))
                #expect(text.contains("vanban_pages_rendered_total 2"))
                #expect(text.contains("vanban_renders_in_flight 0"))   // "0" or "0.0" (swift-prometheus gauges are floating point)
                #expect(text.contains("vanban_render_queue_length 0"))
                #expect(text.contains("vanban_http_request_duration_seconds_count{route=\"/v1/render\"} 1"))
            }
        }
    }
}

@Suite struct RenderGateTests {
    @Test func busyBeyondTheQueueAndTimeLimit() async throws {
        let gate = RenderGate(concurrency: 1, queueLimit: 1)
        let release = DispatchSemaphore(value: 0)
        // One running (held until released), one waiting: a third is refused at once.
        async let first: Int = gate.run(timeout: .seconds(30)) { _ in release.wait(); return 1 }
        while gate.inFlight < 1 { try await Task.sleep(for: .milliseconds(5)) }
        async let second: Int = gate.run(timeout: .seconds(30)) { _ in 2 }
        while gate.queued < 1 { try await Task.sleep(for: .milliseconds(5)) }
        await #expect(throws: RenderGate.Busy.self) { try await gate.run(timeout: .seconds(30)) { _ in 3 } }
        release.signal()
        #expect(try await first == 1)
        #expect(try await second == 2)
        // A render over the time limit is given up on; its slot frees when it really ends.
        await #expect(throws: RenderGate.TimedOut.self) { try await gate.run(timeout: .milliseconds(50)) { _ in release.wait(); return 4 } }
        #expect(gate.inFlight == 1)
        release.signal()
        while gate.inFlight > 0 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(gate.queued == 0)
    }
}
