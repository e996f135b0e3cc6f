import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing
@testable import VanBanServer

/// `Accept-Language: vi` gives Vietnamese problem titles, details and payload messages; anything else English.
@Suite struct MessageLanguageRouterTests {
    var broken: String {
        String(decoding: seed000, as: UTF8.self)
            .replacingOccurrences(of: "\"issuer\": {", with: "\"issuer\": \"SỞ\", \"issuerX\": {")
            .replacingOccurrences(of: "\"day\": null,\n    \"month\": 6", with: "\"day\": 31,\n    \"month\": 6")
    }

    func headers(_ language: String?) -> HTTPFields {
        var h = jsonHeaders
        if let language { h[.acceptLanguage] = language }
        return h
    }

    @Test func invalidPayloadInVietnamese() async throws {
        let body = broken
        try await app().test(.router) { client in
            try await client.execute(uri: "/v1/validate", method: .post, headers: headers("vi-VN,vi;q=0.9,en;q=0.5"), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .unprocessableContent)
                let p = try problem(response.body)
                #expect(p["title"] as? String == "Dữ liệu không hợp lệ")
                #expect(p["detail"] as? String == "dữ liệu có 3 lỗi")
                let messages = (p["errors"] as? [[String: Any]] ?? []).map { "\($0["path"]!): \($0["message"]!)" }
                #expect(messages == [
                    "$.issuerX: trường không được hỗ trợ (có phải ý bạn là \"issuer\"?)",
                    "$.issuer: cần một đối tượng, nhận được một chuỗi",
                    "$.date.day: không có ngày 31 trong tháng 6 năm 2020",
                ])
            }
            try await client.execute(uri: "/v1/validate", method: .post, headers: headers(nil), body: ByteBuffer(string: body)) { response in
                let p = try problem(response.body)
                #expect(p["title"] as? String == "Invalid payload")
                #expect(p["detail"] as? String == "3 problem(s) in the payload")
                #expect((p["errors"] as? [[String: Any]])?.last?["message"] as? String == "day 31 does not exist in month 6 of 2020")
            }
        }
    }

    @Test func malformedJSONAndUnknownLayoutInVietnamese() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/v1/validate", method: .post, headers: headers("vi"), body: ByteBuffer(string: "{\"kind\": ")) { response in
                #expect(response.status == .badRequest)
                let p = try problem(response.body)
                #expect(p["title"] as? String == "JSON sai cú pháp")
                #expect(p["detail"] as? String == "$: JSON sai cú pháp ở dòng 1, cột 10: dữ liệu kết thúc đột ngột")
            }
            let layout = String(decoding: seed000, as: UTF8.self).replacingOccurrences(of: "{", with: "{\"layout\": \"cong-vann\", ", options: [], range: nil)
            let once = layout.range(of: "{\"layout\": \"cong-vann\", ").map { layout[..<$0.upperBound] + String(decoding: seed000, as: UTF8.self).dropFirst(1) } ?? ""
            try await client.execute(uri: "/v1/validate", method: .post, headers: headers("vi"), body: ByteBuffer(string: String(once))) { response in
                #expect(response.status == .notFound)
                let p = try problem(response.body)
                #expect(p["title"] as? String == "Không có bố cục này")
                #expect((p["detail"] as? String)?.hasPrefix("không có bố cục \"cong-vann\"") == true, "\(p)")
            }
        }
    }
}
