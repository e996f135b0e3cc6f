import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing
import VanBanPipeline
@testable import VanBanServer

/// One response shape per operation, the contract built into the binary, /version, forms, metrics
/// through swift-prometheus, definitions reloaded from disk, and messages in Vietnamese.
@Suite struct ServiceContractTests {
    @Test func embeddedSchemasMatchTheFiles() throws {
        // Regenerate with `python3 scripts/embed-schemas.py` after editing Schemas/.
        let openAPI = try String(contentsOfFile: repositoryRoot + "/Schemas/openapi.json", encoding: .utf8)
        let payload = try String(contentsOfFile: repositoryRoot + "/Schemas/payload.schema.json", encoding: .utf8)
        #expect(EmbeddedSchemas.openAPI == openAPI.trimmingCharacters(in: .newlines), "run scripts/embed-schemas.py")
        #expect(EmbeddedSchemas.payloadSchema == payload.trimmingCharacters(in: .newlines), "run scripts/embed-schemas.py")
    }

    /// A copy of the resources without Schemas/ (and with Fonts/ as a symbolic link).
    static func bareResources() throws -> String {
        let dir = NSTemporaryDirectory() + "vanban-bare-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Layouts", toPath: dir + "/Layouts")
        try FileManager.default.createSymbolicLink(atPath: dir + "/Fonts", withDestinationPath: repositoryRoot + "/Fonts")
        return dir
    }

    @Test func aServerWithoutSchemasServesTheWholeContract() async throws {
        let dir = try Self.bareResources()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bare = try Engine(resources: Resources(root: dir))
        try await buildApplication(engine: bare, configuration: ServerConfiguration(port: 0)).test(.router) { client in
            try await client.execute(uri: "/v1/schema", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Data(buffer: response.body) == Data(EmbeddedSchemas.payloadSchema.utf8))
            }
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                let o = try problem(response.body)
                let schemas = try #require((o["components"] as? [String: Any])?["schemas"] as? [String: Any])
                #expect((schemas["Payload"] as? [String: Any])?["type"] as? String == "object")
                #expect(schemas["VersionInfo"] != nil && schemas["FormList"] != nil)
            }
            // Fonts/ is a symbolic link here: renders work.
            try await client.execute(uri: "/v1/render", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: seed000)) { #expect($0.status == .ok) }
        }
    }

    @Test func eachOperationAnswersOneShape() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/v1/render", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: seed000)) { response in
                #expect(response.headers[.contentType] == "application/pdf")
                // Seed 000: number not assigned, symbol "SKHCN-VP".
                #expect(response.headers[.contentDisposition] == "inline; filename=\"SKHCN-VP.pdf\"")
            }
            try await client.execute(uri: "/v1/render/slots", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: seed000)) { response in
                #expect(response.headers[.contentType] == "application/json")
                let object = try problem(response.body)
                #expect(object["slots"] != nil)
            }
            let batch = try JSONSerialization.data(withJSONObject: [
                "defaults": try JSONSerialization.jsonObject(with: seed000), "documents": [["id": "a"], ["id": "b", "number": 7]]])
            try await client.execute(uri: "/v1/batch/merged", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: batch)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/pdf")
            }
            try await client.execute(uri: "/v1/batch", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: batch)) { response in
                #expect(response.headers[.contentType] == "application/zip")
            }
            try await client.execute(uri: "/v1/render/slots", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
            }
        }
    }

    @Test func contentDispositionNamesNumberAndSymbol() throws {
        var object = try #require(try JSONSerialization.jsonObject(with: seed000) as? [String: Any])
        object["number"] = 5
        let validated = try engine.validate(Array(try JSONSerialization.data(withJSONObject: object)))
        #expect(documentFileName(validated.payload) == "05-SKHCN-VP")
        #expect(contentDisposition("05-SKHCN-VP") == "inline; filename=\"05-SKHCN-VP.pdf\"")
    }

    @Test func versionListsLayoutsAndFormsWithHashes() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/version", method: .get) { response in
                let o = try problem(response.body)
                #expect(o["version"] as? String == VanBanVersion.string)
                let layouts = try #require(o["layouts"] as? [[String: String]])
                #expect(layouts.map { $0["name"] } == ["bao-cao", "cong-van"])
                let congVan = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/Layouts/cong-van.json"))
                #expect(layouts.last?["sha256"] == BatchFingerprint.hex(Array(congVan)))
                #expect((o["forms"] as? [[String: String]])?.count == engine.formNames().count)
            }
        }
    }

    @Test func formsListFieldsAndUnknownNamesGetAHint() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/v1/forms", method: .get) { response in
                let forms = try #require(try problem(response.body)["forms"] as? [[String: Any]])
                #expect(forms.map { $0["name"] as? String } == engine.formNames())
                let fields = try #require(forms.first?["fields"] as? [[String: Any]])
                #expect(!fields.isEmpty && fields.allSatisfy { $0["id"] is String && $0["type"] is String && $0["label"] is String })
            }
            try await client.execute(uri: "/v1/forms/phieu-cung-cap-so-lieu-cpdtt", method: .get) { response in
                #expect(response.status == .notFound)
                let detail = try problem(response.body)["detail"] as? String
                #expect(detail?.contains("did you mean \"phieu-cung-cap-so-lieu-cpdt\"") == true, "\(detail ?? "")")
            }
        }
    }

    @Test func metricsKeepTheirSeriesNames() async throws {
        try await app().test(.router) { client in
            _ = try await client.execute(uri: "/v1/render", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: seed000))
            _ = try await client.execute(uri: "/nowhere", method: .get)
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                for series in ["# TYPE vanban_http_requests_total counter", "# TYPE vanban_http_request_duration_seconds histogram",
                               "# TYPE vanban_renders_in_flight gauge", "# TYPE vanban_render_queue_length gauge",
                               "# TYPE vanban_renders_total counter", "# TYPE vanban_pages_rendered_total counter",
                               "vanban_http_requests_total{route=\"other\",status=\"404\"} 1",
                               "vanban_http_request_duration_seconds_bucket{route=\"/v1/render\",le=\"+Inf\"} 1",
                               "vanban_renders_total 1"] {
                    #expect(text.contains(series), "\(series) in\n\(text)")
                }
            }
        }
    }

    @Test func layoutsChangedOnDiskArePickedUpWithoutARestart() async throws {
        let dir = try Self.bareResources()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let live = try Engine(resources: Resources(root: dir))
        try await buildApplication(engine: live, configuration: ServerConfiguration(port: 0)).test(.router) { client in
            func hash() async throws -> String? {
                try await client.execute(uri: "/version", method: .get) { response in
                    try (problem(response.body)["layouts"] as? [[String: String]])?.first { $0["name"] == "cong-van" }?["sha256"]
                }
            }
            let before = try await hash()
            try await client.execute(uri: "/v1/render", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: seed000)) { #expect($0.status == .ok) }
            // Break the layout on disk: the next render reads it again and reports it.
            let path = dir + "/Layouts/cong-van.json"
            var text = try String(contentsOfFile: path, encoding: .utf8)
            text = text.replacingOccurrences(of: "\"paragraph_gap_pt\"", with: "\"paragraf_gap_pt\"")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try await hash() != before)
            try await client.execute(uri: "/v1/render", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: seed000)) { response in
                #expect(response.status != .ok)
                #expect(String(buffer: response.body).contains("paragraf_gap_pt"))
            }
        }
    }

    @Test func problemsInVietnameseOnAcceptLanguage() async throws {
        var object = try #require(try JSONSerialization.jsonObject(with: seed000) as? [String: Any])
        object["date"] = "05/6/2020"
        let body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
        try await app().test(.router) { client in
            var headers = jsonHeaders
            headers[.acceptLanguage] = "vi-VN,vi;q=0.9,en;q=0.5"
            try await client.execute(uri: "/v1/validate", method: .post, headers: headers, body: body) { response in
                let errors = try #require(try problem(response.body)["errors"] as? [[String: Any]])
                #expect(errors.first?["message"] as? String == "cần một đối tượng {day, month, year}, nhận được một chuỗi")
            }
            try await client.execute(uri: "/v1/validate", method: .post, headers: jsonHeaders, body: body) { response in
                let errors = try #require(try problem(response.body)["errors"] as? [[String: Any]])
                #expect(errors.first?["message"] as? String == "expected an object {day, month, year}, got a string")
            }
        }
    }
}
