import Foundation
import Testing

/// Messages in Vietnamese: `--lang vi`, `$VANBAN_LANG` and a Vietnamese locale give the same lines,
/// word for word; English stays the default elsewhere.
@Suite(.serialized) struct MessageLanguageTests {
    var validPayload: String {
        (try? String(contentsOfFile: repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json", encoding: .utf8)) ?? ""
    }

    /// A broken payload: shapes, a type, an impossible date and a rule of the decree.
    var brokenPayload: String {
        validPayload
            .replacingOccurrences(of: "\"issuer\": {", with: "\"issuer\": \"SỞ\", \"issuerX\": {")
            .replacingOccurrences(of: "\"number\": null", with: "\"number\": \"12\"")
            .replacingOccurrences(of: "\"day\": null,\n    \"month\": 6", with: "\"day\": 31,\n    \"month\": 6")
    }

    let vietnameseLines = """
        $.issuerX: trường không được hỗ trợ (có phải ý bạn là "issuer"?)
        $.issuer: cần một đối tượng, nhận được một chuỗi
        $.number: cần một số nguyên, nhận được một chuỗi
        $.date.day: không có ngày 31 trong tháng 6 năm 2020

        """

    /// Runs the CLI with a clean language environment plus `env`.
    func vanban(_ arguments: [String], env: [String] = []) throws -> ProcessResult {
        try run("/usr/bin/env", ["-u", "LC_ALL", "-u", "LC_MESSAGES", "-u", "LANG", "-u", "VANBAN_LANG"] + env + [vanbanBinary] + arguments)
    }

    func write(_ text: String, _ name: String, in dir: String) throws -> String {
        let path = dir + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func langViPrintsTheVietnameseLines() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try write(brokenPayload, "payload.json", in: dir)
        let vi = try vanban(["validate", "--lang", "vi", file])
        #expect(vi.status == 2)
        #expect(vi.stderr == vietnameseLines)
        let en = try vanban(["validate", file])
        #expect(en.stderr == """
            $.issuerX: unknown field (did you mean "issuer"?)
            $.issuer: expected an object, got a string
            $.number: expected an integer, got a string
            $.date.day: day 31 does not exist in month 6 of 2020

            """)
    }

    @Test func aVietnameseLocaleOrVANBAN_LANGPicksVietnamese() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try write(brokenPayload, "payload.json", in: dir)
        #expect(try vanban(["validate", file], env: ["LANG=vi_VN.UTF-8"]).stderr == vietnameseLines)
        #expect(try vanban(["validate", file], env: ["VANBAN_LANG=vi"]).stderr == vietnameseLines)
        // --lang wins over the locale.
        #expect(try vanban(["validate", "--lang", "en", file], env: ["LANG=vi_VN.UTF-8"]).stderr.hasPrefix("$.issuerX: unknown field"))
    }

    @Test func ruleWarningsSyntaxAndFileErrorsInVietnamese() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let malformed = try vanban(["validate", "--lang", "vi", try write("{\"kind\": ", "m.json", in: dir)])
        #expect(malformed.status == 2)
        #expect(malformed.stderr == "$: JSON sai cú pháp ở dòng 1, cột 10: dữ liệu kết thúc đột ngột\n")
        let missing = try vanban(["validate", "--lang", "vi", dir + "/none.json"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "lỗi: không đọc được \(dir)/none.json: không có tệp hoặc thư mục này\n")
        let folder = try vanban(["validate", "--lang", "vi", dir])
        #expect(folder.stderr == "lỗi: không đọc được \(dir): đây là một thư mục\n")
        let symbol = validPayload.replacingOccurrences(of: "\"symbol\": \"", with: "\"symbol\": \"A B/")
        let r = try vanban(["validate", "--lang", "vi", try write(symbol, "s.json", in: dir)])
        #expect(r.status == 2)
        #expect(r.stderr == "$.symbol: không được chứa dấu cách (Nghị định 30: các chữ viết tắt nối với nhau bằng \"-\")\n")
        try Data([0x7B, 0x22, 0xE0, 0x22, 0x7D]).write(to: URL(fileURLWithPath: dir + "/cp.json"))
        let cp = try vanban(["validate", "--lang", "vi", dir + "/cp.json"])
        #expect(cp.stderr == "$: tệp \(dir)/cp.json: dòng 1: các byte 0xE0 0x22 không tạo thành một ký tự UTF-8; hãy lưu tệp dưới dạng UTF-8 (trong PowerShell: Out-File -Encoding utf8, hoặc Set-Content -Encoding utf8)\n")
    }

    /// A CSV batch's problems follow --lang too: the long row of figure case 06 (an unquoted decimal
    /// comma) is told in Vietnamese, with FILE:LINE, the column, its JSON path and the cells as written.
    @Test func csvBatchProblemsInVietnamese() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cases = repositoryRoot + "/Tests/Cases/figures/"
        let args = ["batch", cases + "06-unquoted-decimal-comma.csv", "--form", "phieu-cung-cap-so-lieu-cpdt",
                    "--defaults", cases + "04-excel-bom-crlf-defaults.json", "--out", dir + "/out"]
        let vi = try vanban(args + ["--lang", "vi"])
        #expect(vi.status == 2)
        #expect(vi.stderr == """
            \(cases)06-unquoted-decimal-comma.csv:2: dòng có 11 ô nhưng dòng tiêu đề có 10 cột (có dấu phẩy thập phân không đặt trong dấu ngoặc kép? hãy ghi 28,4 trong dấu ngoặc kép hoặc lưu tệp với ";" làm dấu phân cách): cột "2.4" ($.annexes[0].values["2.4"]) được đọc thành "28" rồi "4"
            \(cases)06-unquoted-decimal-comma.csv:3: dòng có 11 ô nhưng dòng tiêu đề có 10 cột (có dấu phẩy thập phân không đặt trong dấu ngoặc kép? hãy ghi 12,5 trong dấu ngoặc kép hoặc lưu tệp với ";" làm dấu phân cách): cột "2.4" ($.annexes[0].values["2.4"]) được đọc thành "12" rồi "5"

            """)
        #expect(try vanban(args, env: ["VANBAN_LANG=vi"]).stderr == vi.stderr)
        let en = try vanban(args)
        #expect(en.stderr.hasPrefix(cases + "06-unquoted-decimal-comma.csv:2: 11 fields but the header has 10 (an unquoted decimal comma?"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/so-tc.pdf"))
    }
}
