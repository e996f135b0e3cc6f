import Foundation
import Testing
@testable import VanBanModel

@Suite struct MessageCatalogTests {
    @Test func everyKeyHasBothLanguagesWithTheSameArguments() {
        for (id, entry) in MessageCatalog.entries {
            #expect(!entry.en.isEmpty && !entry.vi.isEmpty, "\(id)")
            #expect(entry.en != entry.vi, "\(id) is not translated")
            for i in 0..<6 { #expect(entry.en.contains("{\(i)}") == entry.vi.contains("{\(i)}"), "\(id): argument \(i)") }
        }
    }

    @Test func languageFromFlagEnvironmentLocaleAndHeader() {
        #expect(Language.resolve(nil, environment: ["LANG": "vi_VN.UTF-8"]) == .vi)
        #expect(Language.resolve(nil, environment: ["LANG": "en_US.UTF-8"]) == .en)
        #expect(Language.resolve(nil, environment: [:]) == .en)
        #expect(Language.resolve(nil, environment: ["LANG": "vi_VN.UTF-8", "VANBAN_LANG": "en"]) == .en)
        #expect(Language.resolve("vi", environment: ["VANBAN_LANG": "en"]) == .vi)
        #expect(Language.resolve(nil, environment: ["LC_ALL": "C", "LANG": "vi_VN"]) == .en)
        #expect(Language.accepting("vi-VN,vi;q=0.9,en;q=0.8") == .vi)
        #expect(Language.accepting("en;q=0.9, vi;q=0.5") == .en)
        #expect(Language.accepting("fr") == .en)
    }

    /// The shape, type, required and unknown-field messages of the decoder come from the catalogue,
    /// and read the same in English as before.
    @Test func decoderMessagesGoThroughTheCatalogue() throws {
        let payload = #"{"kind": 3, "issuer": "SỞ", "date": "05/6/2020", "symbol": "A", "place": "", "subjekt": "x", "number": 1.5, "signer": {"name": true}, "body": "x"}"#
        let result = PayloadDecoder.decode(try JSONParser.parse(payload), sink: DiagnosticCollector())
        let generic = result.diagnostics.filter { $0.message.hasPrefix("expected") || $0.message == "is required"
            || $0.message.hasPrefix("unknown field") || $0.message == "must not be empty" }
        #expect(generic.count >= 6)
        for d in generic { #expect(d.messageID != nil, "\(d.description) is not from the catalogue") }
        let texts = Dictionary(result.diagnostics.map { ($0.path.description, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(texts["$.date"]?.message == "expected an object {day, month, year}, got a string")
        #expect(texts["$.date"]?.message(in: .vi) == "cần một đối tượng {day, month, year}, nhận được một chuỗi")
        #expect(texts["$.subjekt"]?.message == "unknown field (did you mean \"subject\"?)")
        #expect(texts["$.subjekt"]?.message(in: .vi) == "trường không được hỗ trợ (có phải ý bạn là \"subject\"?)")
    }

    /// Every `Message("id"…)` written in the sources names an entry (a typo would stop the program).
    @Test func everyIDUsedInTheSourcesIsInTheCatalogue() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sources = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        let pattern = try NSRegularExpression(pattern: #"Message\("([a-zA-Z0-9.\-]+)""#)
        var used = Set<String>()
        for f in files {
            let text = try String(contentsOf: sources.appendingPathComponent(f), encoding: .utf8)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                used.insert(String(text[Range(m.range(at: 1), in: text)!]))
            }
        }
        #expect(used.count > 150)
        for id in used.sorted() { #expect(MessageCatalog.entries[id] != nil, "\(id) is used but not in the catalogue") }
    }

    /// Every sample, every case under Tests/cases and a set of broken payloads go through the decoder:
    /// every diagnostic comes from the catalogue and reads differently in Vietnamese, with nothing of
    /// the English (nor of the argument encoding) left in it.
    @Test func everyDecoderDiagnosticHasAMessageIDAndVietnamese() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        var payloads: [(String, [UInt8])] = []
        for dir in ["Samples", "Tests/cases"] {
            for f in FileManager.default.enumerator(atPath: root + "/" + dir)!.compactMap({ $0 as? String }).sorted() where f.hasSuffix(".json") {
                payloads.append((dir + "/" + f, Array(FileManager.default.contents(atPath: root + "/" + dir + "/" + f)!)))
            }
        }
        #expect(payloads.count >= 40)
        for (i, text) in Self.broken.enumerated() { payloads.append(("broken[\(i)]", Array(text.utf8))) }
        var seen = Set<String>()
        for (name, bytes) in payloads {
            var json: JSONValue
            do { json = try JSONParser.parse(decodeJSONText(bytes)) } catch let e as JSONParser.SyntaxError {
                let d = Diagnostic(at: .root, e.message)
                #expect(d.message == e.description)
                #expect(d.message(in: .vi).hasPrefix("JSON sai cú pháp ở dòng"), "\(name): \(d.message(in: .vi))")
                seen.insert(d.messageID!)
                continue
            }
            // A batch: each document is a payload.
            if case .object(let members) = json, let docs = members.first(where: { $0.key == "documents" })?.value, case .array(let list) = docs {
                json = list.first ?? json
            }
            for d in PayloadDecoder.decode(json, sink: DiagnosticCollector()).diagnostics {
                #expect(d.messageID != nil, "\(name): \(d.description) is English only")
                guard let id = d.messageID else { continue }
                seen.insert(id)
                let vi = d.message(in: .vi)
                #expect(d.message(in: .en) == d.message, "\(name): \(d.description)")
                #expect(vi != d.message, "\(name): \(id) reads the same in Vietnamese")
                #expect(!vi.contains("\u{1F}") && !vi.contains("expected") && !vi.contains("must ") && !vi.contains(" is required"),
                        "\(name): \(id): \(vi)")
            }
        }
        #expect(seen.count >= 45, "only \(seen.count) messages were exercised")
    }

    @Test func vietnameseMessagesReadAsWritten() throws {
        func first(_ payload: String, at path: String) -> Diagnostic? {
            PayloadDecoder.decode(try! JSONParser.parse(payload), sink: DiagnosticCollector()).diagnostics.first { $0.path.description == path }
        }
        let base = #""kind": "cong_van", "issuer": {"name": "SỞ A"}, "number": 1, "symbol": "STTTT", "place": "Đồng Tháp", "subject": "x", "recipients": ["Sở B."], "body": [{"text": "x./."}], "signer": {"title": "GIÁM ĐỐC", "name": "A"}"#
        #expect(first("{" + base + #", "date": {"day": 30, "month": 2, "year": 2023}}"#, at: "$.date.day")?.message(in: .vi)
                == "không có ngày 30 trong tháng 2 năm 2023")
        let table = #", "date": {"day": 1, "month": 2, "year": 2023}, "annexes": [{"title": "T", "blocks": [{"table": {"header": [["A", "B"]], "sum_columns": [2], "rows": [["x", "28.4"], ["y", "12 người"], {"kind": "total", "cells": ["Tổng", ""]}]}}]}]"#
        let payload = "{" + base + table + "}"
        let ds = PayloadDecoder.decode(try JSONParser.parse(payload), sink: DiagnosticCollector()).diagnostics
        let texts = ds.map { $0.description(in: .vi) }
        #expect(texts.contains(#"$.annexes[0].blocks[0].table.rows[1][1]: ô "12 người" ở cột 2 (cột được cộng tổng hoặc dùng trong công thức) không phải là số; chỉ ghi con số (đơn vị tính ghi ở tiêu đề cột) hoặc để trống ô"#), "\(texts)")
        #expect(texts.contains { $0.hasPrefix(#"$.annexes[0].blocks[0].table.rows[0][1]: ô "28.4" ở cột 2 (cột được cộng tổng hoặc dùng trong công thức) không phải là số viết theo kiểu Việt Nam: "#) }, "\(texts)")
        let syntax = PayloadDecoder.decode(Array(#"{"kind": tru}"#.utf8)).diagnostics[0]
        #expect(syntax.description == "$: malformed JSON at line 1, column 10: invalid literal (expected true)")
        #expect(syntax.description(in: .vi) == "$: JSON sai cú pháp ở dòng 1, cột 10: giá trị không hợp lệ (cần true)")
        // An argument quoting "{1}" from the payload is kept as written.
        #expect(Message("one.of", "\"a\"", "{1}").text(.vi) == "phải là một trong các giá trị \"a\", nhận được \"{1}\"")
    }

    /// Payloads that break many rules at once (each rule's message is then checked above).
    static let broken: [String] = [
        #"{"kind": "cong_van", "issuer": {"name": "Sở a"}, "symbol": "QĐ STTTT/1", "place": "……", "date": {"day": 31, "year": 2023}, "title": "X", "recipients_note": "y", "body": [{"text": "a", "list": {"items": ["1"]}}, {}, {"list": {"style": "decimal", "marker": "-", "start": 2, "items": ["1. a"]}}], "signer": {"head_title": "GIÁM ĐỐC", "title": "kt. giám đốc"}, "cc": ["Như trên:", {"name": "Lưu: VT"}], "archive": {"copies": true}, "layout": "A B", "annexes": [{"title": "a"}, {"title": "b", "form": "X Y"}]}"#,
        #"{"kind": "bao_cao", "issuer": {"name": "SỞ A"}, "symbol": "BC-STTTT", "place": "Đồng Tháp", "date": {"day": 1, "month": 13, "year": 2023}, "recipients": ["Sở B,", "Sở C;"], "body": [{"text": "Nội dung."}], "closing": [{"text": "Kết."}], "signer": {"authority": "KT.", "head_title": "GIÁM ĐỐC", "title": "KT. GIÁM ĐỐC", "name": "A"}, "cc": ["Sở B.", "Sở C (để biết);"]}"#,
        #"{"kind": "annex_only", "issuer": {"name": "SỞ A"}, "date": {"day": 1, "month": 2, "year": 2023}, "annexes": []}"#,
        #"{"kind": "cong-van!", "issuer": {"name": "SỞ A"}, "date": {"day": 1, "month": 2, "year": 2023}, "annexes": [{"title": "T", "label": "I", "blocks": [{"table": {"widths": [1, 2], "widths_mm": [10, 20], "align": ["left"], "formats": ["integer", "bogus"], "sum_columns": [5], "formulas": [{"column": 3, "formula": "(2) +"}, {"column": 2, "formula": "(2) x 2"}, {"column": 1, "formula": "(7)"}], "rows": [["1", "2", "3"], [{"text": "a", "colspan": 3}], [{"text": "b", "rowspan": 4}, "1"], {"cells": ["a", "b"], "sum": "all"}, true, [{"field": "bad id!"}, "2"]]}}, {"choice": {"choices": []}}, {"text": "a", "list": {}}]}]}"#,
        #"{"kind": "quy_che", "issuer": {"name": "SỞ A", "authority_line": "chủ tịch"}, "date": {"day": 1, "month": 2, "year": 2023}, "title": "quy chế", "articles": [{"id": "a b"}, {"id": "x", "text": "Điều 1. Nội dung"}, {"id": "x", "title": "T"}, 3], "signers": [{"title": "A", "name": "B"}]}"#,
        #"{"kind": "cong_van", "issuer": {"name": "SỞ A"}, "symbol": "STTTT", "place": "Đồng Tháp", "date": {"day": 1, "month": 2, "year": 2023}, "body": [{"table": {"header": [["A", "B"]], "formats": ["text", "integer"], "sum_columns": [2], "formulas": [{"column": 2, "formula": "((1)"}], "rows": [[12, 2.5], ["x", "1.2.3"], {"kind": "total", "cells": ["", ""]}]}}], "signer": {"title": "GIÁM ĐỐC", "name": "A"}, "recipients": ["A."]}"#,
        #"{"kind": "cong_van", "body": [{"table": {"rows": []}}], "date": {"day": 1, "month": 2, "year": 2023}, "annexes": [{"title": "A", "blocks": [{"text": "x"}]}, {"title": "B", "blocks": [{"table": null}]}]}"#,
        "{\"kind\": \"cong_van\", \"issuer\": {\"name\": \"SỞ A\"}, \"x\": [1, 2,]}",
        "{\"a\": \"\\q\"}",
        "{\"a\": 01}",
        "[1 2]",
        "{\"a\": \"b",
    ]
}
