import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing
import VanBanPipeline
@testable import VanBanServer

/// Issue 15 (service half), in process: path variants never get past the token, every error is
/// problem+json (404, 405 with Allow, 415), a broken merged-batch document is named, ZIP batches are capped.
@Suite struct HardeningRouterTests {
    static let token = "s3cret"
    static let variants = ["//v1/render", "///v1/render", "/v1//render", "/v1/../v1/render", "/./v1/render", "/v1/./render",
                           "/%2Fv1/render", "/v1%2Frender", "/%2fv1%2frender", "/V1/render", "/v1/RENDER", "/v1/render/",
                           "/v1/%72ender", "/v1/render;x", "/v1/render%00", "/v1/render?x=/../"]

    @Test func pathVariantsNeverReachAProtectedHandlerWithoutTheToken() async throws {
        try await app(ServerConfiguration(port: 0, token: Self.token)).test(.router) { client in
            for path in Self.variants {
                try await client.execute(uri: path, method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: seed000)) { response in
                    #expect([401, 404].contains(response.status.code), "\(path) answered \(response.status.code)")
                    #expect(response.headers[.contentType] == "application/problem+json", "\(path)")
                }
                // Wrong method on the same spelling: still never past the token.
                try await client.execute(uri: path, method: .get) { response in
                    #expect([401, 404].contains(response.status.code), "GET \(path) answered \(response.status.code)")
                }
            }
            // With the token, a variant the router resolves is served; the others stay 404.
            var auth = jsonHeaders
            auth[.authorization] = "Bearer \(Self.token)"
            try await client.execute(uri: "/v1/render", method: .post, headers: auth, body: ByteBuffer(bytes: seed000)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/V1/render", method: .post, headers: auth, body: ByteBuffer(bytes: seed000)) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            // Metrics label only resolved routes; every odd spelling is counted under its route or "other".
            try await client.execute(uri: "/metrics", method: .get) { response in
                let prefix = "vanban_http_requests_total{route=\""
                let labels = Set(String(buffer: response.body).split(separator: "\n").compactMap { line -> String? in
                    guard line.hasPrefix(prefix) else { return nil }
                    return line.dropFirst(prefix.count).split(separator: "\"").first.map(String.init)
                })
                #expect(labels.isSubset(of: ["/v1/render", "/healthz", "other"]), "\(labels)")
            }
        }
    }

    @Test func unknownRouteIs404AndWrongMethodIs405WithAllow() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/nope", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                let object = try problem(response.body)
                #expect(object["status"] as? Int == 404)
            }
            try await client.execute(uri: "/v1/render", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
                #expect(response.headers[.contentType] == "application/problem+json")
                let object = try problem(response.body)
                #expect(object["detail"] as? String == "this endpoint answers POST, not GET")
            }
            try await client.execute(uri: "/healthz", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
            }
            try await client.execute(uri: "/v1/layouts", method: .post, headers: jsonHeaders, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
            }
        }
    }

    @Test func postBodiesMustBeJSON() async throws {
        try await app().test(.router) { client in
            for type in [nil, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1", "application/jsonx"] {
                let headers: HTTPFields = type.map { [.contentType: $0] } ?? [:]
                for path in ["/v1/render", "/v1/validate", "/v1/preview", "/v1/batch"] {
                    try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: seed000)) { response in
                        #expect(response.status == .unsupportedMediaType, "\(path) with \(type ?? "no type")")
                        #expect(response.headers[.contentType] == "application/problem+json")
                    }
                }
            }
            for type in ["application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\""] {
                try await client.execute(uri: "/v1/validate", method: .post, headers: [.contentType: type], body: ByteBuffer(bytes: seed000)) {
                    #expect($0.status == .ok, "\(type)")
                }
            }
        }
    }

    static func batch(_ documents: String) -> String {
        "{\"defaults\": \(String(decoding: seed000, as: UTF8.self)), \"documents\": \(documents)}"
    }

    @Test func brokenDocumentOfAMergedBatchIsNamedByIndexAndId() async throws {
        let body = Self.batch("[{\"id\": \"ok-1\"}, {\"id\": \"broken-2\", \"date\": {\"day\": 31, \"month\": 6, \"year\": 2020}}, {\"id\": \"ok-3\"}]")
        try await app().test(.router) { client in
            try await client.execute(uri: "/v1/batch?merged=1", method: .post, headers: jsonHeaders, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unprocessableContent)
                let p = try problem(response.body)
                let detail = try #require(p["detail"] as? String)
                #expect(detail.hasPrefix("documents[1] (id \"broken-2\"): $.date.day: "), "\(detail)")
                let errors = try #require(p["errors"] as? [[String: Any]])
                #expect(errors.count == 1)
                #expect(errors[0]["path"] as? String == "$.date.day")
                let document = try #require(errors[0]["document"] as? [String: Any])
                #expect(document["id"] as? String == "broken-2" && document["index"] as? Int == 1)
            }
        }
    }

    /// A document that names its own agency while issuer.name_in_text comes from the defaults is refused
    /// by the service's merged batch as by the CLI's (the check stood in the CLI's runner alone).
    @Test func aMergedBatchDocumentNamingTwoAgenciesIsRefused() async throws {
        let body = Self.batch("[{\"id\": \"ok-1\"}, {\"id\": \"mixed-2\", \"issuer\": {\"name\": \"SỞ TÀI CHÍNH\"}}]")
        try await app().test(.router) { client in
            try await client.execute(uri: "/v1/batch?merged=1", method: .post, headers: jsonHeaders, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unprocessableContent)
                let p = try problem(response.body)
                let detail = try #require(p["detail"] as? String)
                #expect(detail.hasPrefix("documents[1] (id \"mixed-2\"): $.issuer.name_in_text: issuer.name_in_text would come from the defaults"), "\(detail)")
            }
        }
    }

    @Test func zipBatchOverTheDocumentCapIs413BeforeRendering() async throws {
        let body = Self.batch("[{\"id\": \"a\"}, {\"id\": \"b\"}, {\"id\": \"c\"}]")
        try await app(ServerConfiguration(port: 0, maxBatchDocuments: 2)).test(.router) { client in
            try await client.execute(uri: "/v1/batch", method: .post, headers: jsonHeaders, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .contentTooLarge)
                let object = try problem(response.body)
                #expect(object["detail"] as? String == "the batch has 3 documents; a ZIP batch holds at most 2 (split the batch, or ask for ?merged=1)")
            }
            try await client.execute(uri: "/metrics", method: .get) { #expect(String(buffer: $0.body).contains("vanban_renders_total 0")) }
        }
        #expect(ServerConfiguration(maxBatchDocuments: 1_000_000).maxBatchDocuments == 65_534)
    }

    @Test func errorBodiesShowNoServerPathAndEscapeControlCharacters() async throws {
        let json = String(decoding: seed000, as: UTF8.self).replacingOccurrences(of: "\"kind\": \"cong_van\",", with: "\"kind\": \"cong_van\", \"layout\": \"khong-co\", \"x\\ny\\u001B\": 1,")
        try await app().test(.router) { client in
            try await client.execute(uri: "/v1/validate", method: .post, headers: jsonHeaders, body: ByteBuffer(string: json)) { response in
                let text = String(buffer: response.body)
                #expect(!text.contains(repositoryRoot), "\(text)")
                #expect(!text.contains("Domain=") && !text.contains("UserInfo"))
                let p = try problem(response.body)
                let paths = (p["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
                #expect(paths.contains(#"$["x\ny\u001B"]"#), "\(paths)")
            }
        }
    }
}
