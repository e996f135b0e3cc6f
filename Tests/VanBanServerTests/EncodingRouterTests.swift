import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing
@testable import VanBanServer

/// Request bodies are read as the CLI reads files (`decodeJSONText`): UTF-8 with or without a byte
/// order mark and UTF-16 LE/BE; any other encoding is 400 problem+json naming the line and the bytes,
/// never showing characters the client did not send.
@Suite struct EncodingRouterTests {
    static func utf16(_ data: Data, littleEndian: Bool) -> [UInt8] {
        let text = String(decoding: data, as: UTF8.self)
        var out: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in text.utf16 {
            let (lo, hi) = (UInt8(unit & 0xFF), UInt8(unit >> 8))
            out += littleEndian ? [lo, hi] : [hi, lo]
        }
        return out
    }

    static let seed = Array(seed000)
    static let batch = Array(("{\"defaults\": " + String(decoding: seed000, as: UTF8.self) + ", \"documents\": [{\"id\": \"a\"}]}").utf8)

    @Test func utf16AndBOMBodiesAreReadOnEveryEndpoint() async throws {
        let bodies: [(String, [UInt8])] = [("UTF-16 LE", Self.utf16(seed000, littleEndian: true)),
                                           ("UTF-16 BE", Self.utf16(seed000, littleEndian: false)),
                                           ("UTF-8 with BOM", [0xEF, 0xBB, 0xBF] + Self.seed)]
        try await app().test(.router) { client in
            for (name, body) in bodies {
                try await client.execute(uri: "/v1/validate", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: body)) { response in
                    #expect(response.status == .ok, "validate, \(name)")
                }
                try await client.execute(uri: "/v1/render", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: body)) { response in
                    #expect(response.status == .ok, "render, \(name)")
                    #expect(Array(Data(buffer: response.body)).starts(with: Array("%PDF-".utf8)))
                }
                try await client.execute(uri: "/v1/preview", method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: body)) { response in
                    #expect(response.status == .ok, "preview, \(name)")
                    #expect(response.headers[.contentType] == "image/png")
                }
            }
            for littleEndian in [true, false] {
                let body = Self.utf16(Data(Self.batch), littleEndian: littleEndian)
                try await client.execute(uri: "/v1/batch?merged=1", method: .post, headers: [.contentType: "application/json; charset=utf-16"],
                                         body: ByteBuffer(bytes: body)) { response in
                    #expect(response.status == .ok, "batch, little-endian \(littleEndian)")
                    #expect(response.headers[.contentType] == "application/pdf")
                }
            }
        }
    }

    @Test func anotherEncodingIs400WithoutInventedCharacters() async throws {
        // Latin-1 "Hà Nội"; Windows-1258 "Sở Tài chính" on line 2 ("ơ" is 0xF5, the hook a combining 0xD2);
        // a lone 0xFF; a NUL inside UTF-8.
        let latin1 = Array("{\"place\": \"H".utf8) + [0xE0] + Array(" N".utf8) + [0xF4, 0xF2] + Array("i\"}".utf8)
        let cp1258 = Array("{\n\"issuer\": {\"name\": \"S".utf8) + [0xF5, 0xD2] + Array(" T".utf8) + [0xE0, 0xEC] + Array(" chi\"}}".utf8)
        let cases: [(body: [UInt8], line: Int, bytes: String)] = [
            (latin1, 1, "0xE0 0x20"),
            (cp1258, 2, "0xF5"),
            ([0xFF] + Array("{}".utf8), 1, "0xFF"),
            (Array("{\"a\":".utf8) + [0x00] + Array("1}".utf8), 1, "0x00"),
        ]
        try await app().test(.router) { client in
            for c in cases {
                for path in ["/v1/validate", "/v1/render", "/v1/preview", "/v1/batch", "/v1/batch?merged=1"] {
                    try await client.execute(uri: path, method: .post, headers: jsonHeaders, body: ByteBuffer(bytes: c.body)) { response in
                        #expect(response.status == .badRequest, "\(path) \(c.bytes)")
                        #expect(response.headers[.contentType] == "application/problem+json")
                        let object = try problem(response.body)
                        let detail = try #require(object["detail"] as? String)
                        #expect(object["title"] as? String == "Unreadable text encoding")
                        #expect(detail.hasPrefix("the body is not UTF-8 or UTF-16 text: line \(c.line): "), "\(detail)")
                        #expect(detail.contains(c.bytes), "\(detail)")
                        // Only ASCII: no character the client did not send (no code page guessed, no U+FFFD).
                        #expect(detail.unicodeScalars.allSatisfy { $0.isASCII }, "\(detail)")
                        #expect(!detail.contains("PowerShell"))
                    }
                }
            }
        }
    }
}
