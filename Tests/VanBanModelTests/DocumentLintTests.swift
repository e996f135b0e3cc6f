import Foundation
import Testing
@testable import VanBanModel

/// Warnings and errors for the real-document faults of issue 10: each names its JSON path and, for the
/// decree's rules, the R-number of nd30-spec.md.
@Suite struct DocumentLintTests {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    func decode(_ name: String) throws -> PayloadDecoder.Result {
        PayloadDecoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: root + "/Tests/cases/documents/" + name + ".json"))))
    }
    func decode(json: String) -> PayloadDecoder.Result { PayloadDecoder.decode(Array(json.utf8)) }

    func with(_ replacements: [String: String]) -> String {
        guard case .object(var members) = try! JSONParser.parse(PayloadValidationTests.valid) else { fatalError() }
        for (k, v) in replacements.sorted(by: { $0.key < $1.key }) {
            members.removeAll { $0.key == k }
            members.append((k, try! JSONParser.parse(v)))
        }
        return JSONWriter.string(.object(members))
    }

    @Test func punctuationWarningsNameThePathAndTheRule() throws {
        let r = try decode("p10-punctuation-lint")
        #expect(r.payload != nil, "warnings do not stop a render")
        let warnings = r.diagnostics.filter { $0.severity == .warning }.map(\.description)
        #expect(warnings == ["$.recipients[1]: the last recipient ends with \".\", not \";\" (R28)"])
        let more = decode(json: with(["place": "\"……\"", "recipients": "[\"Sở A.\", \"Sở B\"]",
                                      "cc": "[\"Như trên.\", {\"name\": \"UBND tỉnh;\", \"purpose\": \"báo cáo\"}]",
                                      "body": "[{\"text\": \"Nội dung.\"}]"]))
        let d = more.diagnostics.map(\.description)
        #expect(d.contains { $0.hasPrefix("$.place: is a blank") && $0.hasSuffix("(R25)") })
        #expect(d.contains { $0.hasPrefix("$.recipients[0]: ") && $0.hasSuffix("(R28)") })
        #expect(d.contains { $0.hasPrefix("$.cc[0]: ") && $0.hasSuffix("(R46)") })
        #expect(d.contains { $0.hasPrefix("$.cc[1].name: the purpose goes before") })
        #expect(d.contains { $0.hasPrefix("$.body[0].text: ") && $0.hasSuffix("(R36)") })
        #expect(more.diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test func bodyEndMarkIsFoundInsideAFinalNestedList() {
        let ok = decode(json: with(["body": "[{\"list\": [{\"text\": \"A\", \"sublist\": {\"style\": \"alpha\", \"list\": [\"x;\", \"y./.\"]}}], \"style\": \"decimal\"}]"]))
        #expect(ok.diagnostics.isEmpty, "\(ok.diagnostics)")
        let bad = decode(json: with(["body": "[{\"list\": [{\"text\": \"A\", \"sublist\": {\"style\": \"alpha\", \"list\": [\"x;\", \"y.\"]}}], \"style\": \"decimal\"}]"]))
        #expect(bad.diagnostics.map(\.description).contains { $0.hasPrefix("$.body[0].list[0].sublist.list[1]: ") && $0.hasSuffix("(R36)") })
    }

    @Test func typedMarkersAreStrippedWithAWarning() throws {
        let r = try decode("p2-doubled-markers")
        let p = try #require(r.payload)
        #expect(p.recipients == ["Phòng Y tế các huyện;", "Trung tâm Y tế các huyện."])
        #expect(p.cc.map(\.name) == ["Như trên;", "Ban Giám đốc;"])
        let paths = r.diagnostics.filter { $0.severity == .warning }.map { $0.path.description }
        #expect(paths == ["$.recipients[0]", "$.recipients[1]", "$.cc[0]", "$.cc[1]"])
        // A dash before a digit is text.
        #expect(TypedMarker.strippingDash("-5 % so với cùng kỳ") == nil)
        let typed = decode(json: with(["body": "[{\"list\": [\"1. Một\", \"2. Hai./.\"], \"style\": \"decimal\"}]"]))
        #expect(typed.diagnostics.map(\.description).first?.hasPrefix("$.body[0].list[0]: starts with \"1.\"") == true)
    }

    @Test func authorityRepeatedInTheHeadTitleIsAnError() throws {
        let r = try decode("p4-doubled-authority")
        #expect(r.payload == nil)
        let e = try #require(r.diagnostics.first { $0.severity == .error })
        #expect(e.path.description == "$.signer.head_title")
        #expect(e.message.contains("\"KT.\"") && e.message.hasSuffix("(R37)"))
        for prefix in ["TM.", "TL.", "TUQ.", "Q."] {
            let bad = decode(json: with(["signer": "{\"authority\": \"\(prefix)\", \"head_title\": \"\(prefix) GIÁM ĐỐC\", \"title\": \"PHÓ GIÁM ĐỐC\", \"name\": \"A\"}"]))
            #expect(bad.diagnostics.contains { $0.severity == .error && $0.path.description == "$.signer.head_title" }, "\(prefix)")
        }
    }

    @Test func luuTypedInTheCcListPointsToArchive() throws {
        let r = try decode("p9-luu-in-cc")
        #expect(r.payload == nil)
        let e = try #require(r.diagnostics.first { $0.severity == .error })
        #expect(e.path.description == "$.cc[1]")
        #expect(e.message.contains("\"archive\""))
        let ok = decode(json: with(["archive": "{\"units\": [\"TH\"], \"copies\": \"02b\"}"]))
        #expect(ok.payload?.archive?.copies == "02b")
        #expect(decode(json: with(["archive": "{\"units\": [\"TH\"], \"copies\": 2}"])).payload?.archive?.copies == "2")
        #expect(decode(json: with(["archive": "{\"units\": [\"TH\"], \"copies\": \"hai\"}"])).payload == nil)
    }

    @Test func linesArraysAreKeptAndJoined() throws {
        let r = decode(json: with(["issuer": "{\"name\": [\"TRUNG TÂM CÔNG NGHỆ\", \"THÔNG TIN\"], \"parent\": \"UBND TỈNH ĐỒNG THÁP\"}",
                                   "subject": "[\"hướng dẫn\", \"tại Điều 22\"]"]))
        let p = try #require(r.payload)
        #expect(p.issuer.name == "TRUNG TÂM CÔNG NGHỆ THÔNG TIN" && p.issuer.nameLines == ["TRUNG TÂM CÔNG NGHỆ", "THÔNG TIN"])
        #expect(p.issuer.parentLines == nil)
        #expect(p.subject == "hướng dẫn tại Điều 22" && p.subjectLines == ["hướng dẫn", "tại Điều 22"])
    }

    @Test func annexWithoutNameInTextSaysWhichFieldToAdd() throws {
        let r = try decode("p7-form-ref-date-words")
        let w = try #require(r.diagnostics.first { $0.severity == .warning })
        #expect(w.path.description == "$.annexes[0]")
        #expect(w.message.contains("issuer.name_in_text") && w.message.hasSuffix("(R56)"))
        // The payload's ref wins over the form's default field by field.
        let form = AnnexReference(phrase: "Ban hành kèm theo", dateStyle: .numeric)
        #expect(AnnexReference(dateStyle: .words).over(form) == AnnexReference(phrase: "Ban hành kèm theo", dateStyle: .words))
    }
}
