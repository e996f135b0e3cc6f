import Testing
@testable import VanBanModel

/// Exact messages and JSON paths for bad payloads: what a clerk or an integrator reads.
@Suite struct PayloadValidationTests {
    static let valid = """
    {"kind": "cong_van",
     "issuer": {"parent": "UBND TỈNH ĐỒNG THÁP", "name": "SỞ KHOA HỌC VÀ CÔNG NGHỆ"},
     "number": 5, "symbol": "SKHCN-VP", "place": "Đồng Tháp",
     "date": {"day": 5, "month": 6, "year": 2020},
     "subject": "cung cấp số liệu",
     "recipients": ["Sở Thông tin và Truyền thông"],
     "body": [{"text": "Nội dung./."}],
     "signer": {"authority": "KT.", "head_title": "GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "Huỳnh Văn Quản"},
     "cc": ["Như trên"], "archive": {"units": ["VP"]}}
    """

    func messages(_ json: String) -> [String] {
        PayloadDecoder.decode(Array(json.utf8)).diagnostics.map(\.description)
    }

    /// The valid payload with one top-level field replaced (or removed with nil).
    func replacing(_ key: String, with value: String?) -> String {
        guard case .object(var members) = try! JSONParser.parse(Self.valid) else { fatalError() }
        if let value { members.removeAll { $0.key == key }; members.append((key, try! JSONParser.parse(value))) }
        else { members.removeAll { $0.key == key } }
        return JSONWriter.string(.object(members))
    }

    @Test func validPayloadDecodes() throws {
        let result = PayloadDecoder.decode(Array(Self.valid.utf8))
        #expect(result.diagnostics.isEmpty)
        let p = try #require(result.payload)
        #expect(p.number == 5)
        #expect(p.signer?.titleLines == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"])
        #expect(p.recipients == ["Sở Thông tin và Truyền thông"])
    }

    @Test func issuerMustBeAnObject() {
        #expect(messages(replacing("issuer", with: "\"SỞ\"")) == ["$.issuer: expected an object, got a string"])
    }

    @Test func missingRequiredFieldsAreNamed() {
        #expect(messages(replacing("signer", with: nil)) == ["$.signer: is required"])
        #expect(messages(replacing("subject", with: nil)) == ["$.subject: is required for a công văn (printed as \"V/v …\")"])
        #expect(messages(replacing("issuer", with: "{\"parent\": \"UBND\"}")) == ["$.issuer.name: is required"])
    }

    @Test func malformedJSONNamesLineAndColumn() {
        #expect(messages("{\n  \"kind\": \"cong_van\",\n  \"issuer\": }") == ["$: malformed JSON at line 3, column 13: unexpected character '}'"])
        #expect(messages("") == ["$: malformed JSON at line 1, column 1: unexpected end of input"])
    }

    /// A kind given as its file name or in capitals is named with the spelling it needs.
    @Test func aKindWrittenLikeItsFileGetsTheRightSpelling() {
        #expect(messages(replacing("kind", with: "\"quyet-dinh\"")) == ["$.kind: must be a document type written in lower-case letters with \"_\": did you mean \"quyet_dinh\"?"])
        #expect(messages(replacing("kind", with: "\"Cong_van\"")) == ["$.kind: must be a document type written in lower-case letters with \"_\": did you mean \"cong_van\"?"])
        #expect(messages(replacing("kind", with: "\"quyết định\"")).first?.hasPrefix("$.kind: must be a document type: cong_van") == true)
    }

    @Test func unknownFieldsAreReportedWithAHint() {
        #expect(messages(replacing("recipient", with: "[\"A\"]")) == ["$.recipient: unknown field (did you mean \"recipients\"?)"])
        // A singular for a plural, further than a typo (found by a fresh tester: "annex" had no hint).
        #expect(messages(replacing("annex", with: "[]")) == ["$.annex: unknown field (did you mean \"annexes\"?)"])
        #expect(messages(replacing("xyz", with: "1")) == ["$.xyz: unknown field"])
        // No copies at all, written as the decree writes copies, gets its own message.
        #expect(messages(replacing("archive", with: #"{"units": ["VP"], "copies": "0"}"#)) == [#"$.archive.copies: must be at least one copy ("0" is none)"#])
        #expect(messages(replacing("archive", with: #"{"units": ["VP"], "copies": "00b"}"#)) == [#"$.archive.copies: must be at least one copy ("00b" is none)"#])
        #expect(messages(replacing("archive", with: #"{"units": ["VP"], "copies": "02b"}"#)) == [])
        // A row id is checked like a field id, in a plain table too.
        let table = #"[{"table": {"header": [["A", "B"]], "rows": [{"id": "dòng 1", "cells": ["x", "1"]}, {"id": "r-2", "cells": ["y", "2"]}]}}]"#
        #expect(messages(replacing("body", with: table)) == [#"$.body[0].table.rows[0].id: a row id is 1–64 letters, digits, "_", "." or "-""#])
    }

    @Test func wrongTypesAndRanges() {
        #expect(messages(replacing("number", with: "\"12\"")) == ["$.number: expected an integer, got a string"])
        #expect(messages(replacing("number", with: "1.5")) == ["$.number: expected an integer, got 1.5"])
        #expect(messages(replacing("date", with: "{\"day\": 31, \"month\": 4, \"year\": 2020}")) == ["$.date.day: day 31 does not exist in month 4 of 2020"])
        #expect(messages(replacing("date", with: "{\"month\": 13, \"year\": 2020}")) == ["$.date.month: must be between 1 and 12, got 13"])
        #expect(messages(replacing("symbol", with: "\"12/SKHCN-VP\"")) == ["$.symbol: must not contain \"/\": give the symbol only, the number goes in \"number\""])
    }

    @Test func signerRules() {
        #expect(messages(replacing("signer", with: "{\"authority\": \"PGĐ.\", \"head_title\": \"GIÁM ĐỐC\", \"title\": \"PHÓ GIÁM ĐỐC\", \"name\": \"A\"}"))
                == ["$.signer.authority: must be one of \"TM.\", \"KT.\", \"TL.\", \"TUQ.\", \"Q.\", got \"PGĐ.\""])
        #expect(messages(replacing("signer", with: "{\"authority\": \"KT.\", \"head_title\": \"GIÁM ĐỐC\", \"name\": \"A\"}"))
                == ["$.signer.title: is required with KT.: the signer's own position goes on the next line (R38)"])
        #expect(messages(replacing("signer", with: "{\"title\": \"Giám đốc\", \"name\": \"A\"}"))
                == ["$.signer.title: must be in capitals (Decree 30: authority and title lines are all caps)"])
    }

    @Test func everyProblemIsReportedInOneRun() {
        let json = replacing("body", with: "[{\"text\": \"\"}, {\"para\": \"x\"}, 3]")
        #expect(messages(json) == [
            "$.body[0].text: must not be empty",
            "$.body[1]: a block needs one of \"text\", \"heading\", \"list\", \"table\", \"fill\", \"choices\", \"answer\"",
            "$.body[2]: expected an object, got a number",
        ])
    }

    @Test func controlCharactersAreRejected() {
        #expect(messages(replacing("subject", with: "\"a\\tb\"")) == ["$.subject: control character U+0009 is not allowed here"])
    }

    @Test func textIsNormalisedToNFC() throws {
        // "ễ" typed as e + U+0302 + U+0303 (NFD) comes out precomposed U+1EC5.
        let nfd = "Nguy\u{0065}\u{0302}\u{0303}n"
        let json = replacing("subject", with: "\"\(nfd)\"")
        let p = try #require(PayloadDecoder.decode(Array(json.utf8)).payload)
        #expect(p.subject == "Nguy\u{1EC5}n")
        #expect(p.subject!.unicodeScalars.count == 6)
    }

    @Test func tableSpansAreChecked() {
        let table = """
        [{"table": {"widths": [1, 2, 1],
          "rows": [["1", {"text": "wide", "colspan": 3}], ["2", "x"], [{"text": "Trong đó", "rowspan": 2}, "a", "b"], ["c", "d"]]}}]
        """
        #expect(messages(replacing("body", with: table)) == [
            "$.body[0].table.rows[0].cells[1]: cell spans columns 2–4 but the table has 3 columns",
            "$.body[0].table.rows[1].cells: row fills 2 of 3 columns",
        ])
    }
}
