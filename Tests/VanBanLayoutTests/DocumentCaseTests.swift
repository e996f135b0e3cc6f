import Foundation
import Testing
import VanBanLayout
import VanBanModel

/// The real-document faults of issue 10 (Tests/cases/documents/p*.json, copies of the shared cases),
/// checked on the laid-out pages: positions in pt, text as it will be extracted.
@Suite struct DocumentCaseTests {
    let left = mmToPt(30), right = mmToPt(210 - 15)

    func caseBytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/Tests/cases/documents/" + name + ".json")))
    }

    /// A shared case with some top-level fields replaced (JSON fragments).
    func caseJSON(_ name: String, replacing fields: [String: String]) throws -> [UInt8] {
        guard case .object(var members) = try JSONParser.parse(try caseBytes(name)) else { throw CaseError() }
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            let parsed = try JSONParser.parse(Array(value.utf8))
            if let i = members.firstIndex(where: { $0.key == key }) { members[i].value = parsed } else { members.append((key, parsed)) }
        }
        return Array(JSONWriter.string(.object(members)).utf8)
    }
    struct CaseError: Error {}

    func words(_ s: String) -> Int { s.split(separator: " ").count }

    // MARK: recipients (R28, R29)

    @Test(arguments: ["p1-recipients-runt", "p1-single-recipient-runt"])
    func noRecipientLineHoldsASingleWord(_ name: String) throws {
        let page = try layOut(caseBytes(name)).pages[0]
        let lines = page.text(role: "o9a").filter { $0.text != "Kính gửi:" }
        #expect(!lines.isEmpty)
        for l in lines { #expect(words(l.text) > 1, "\"\(l.text)\" holds a single word") }
        // Each item fits on one line, the block starting between 20 mm and the model's 35 mm (R29).
        #expect(lines.count == (name.contains("single") ? 1 : 2))
        let label = try #require(page.text(role: "o9a").first)
        #expect(label.x >= left + mmToPt(20) - 0.01 && label.x <= left + mmToPt(35) + 0.01)
        for l in lines { #expect(l.x + l.width <= right + 0.01) }
    }

    @Test func shortRecipientsKeepTheModelPosition() throws {
        let page = try layOut(caseBytes("p3-subject-breaks")).pages[0]
        let label = try #require(page.text(role: "o9a").first)
        #expect(abs(label.x - (left + mmToPt(35))) < 0.01)
    }

    @Test func aRecipientTooLongForOneLineHangsUnderItsOwnTextOnBalancedLines() throws {
        let long = "Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh và các đơn vị sự nghiệp công lập trực thuộc Ủy ban nhân dân tỉnh"
        for recipients in ["[\"\(long)\"]", "[\"Sở Tài chính\", \"\(long)\"]"] {
            let page = try layOut(caseJSON("p1-recipients-runt", replacing: ["recipients": recipients])).pages[0]
            let lines = page.text(role: "o9a").filter { $0.text != "Kính gửi:" }
            let first = try #require(lines.firstIndex { $0.text.contains("Ủy ban nhân dân các") })
            let wrapped = Array(lines[first...])
            #expect(wrapped.count >= 2)
            for l in wrapped { #expect(words(l.text) > 1, "\"\(l.text)\" holds a single word") }
            // Continuation lines start under the item's text, right of its first line's start.
            let hangX = wrapped[1].x
            #expect(hangX > wrapped[0].x + 3)
            for l in wrapped.dropFirst() { #expect(abs(l.x - hangX) < 0.01) }
            // Balanced: the last line is at least half as long as the first.
            #expect(wrapped.last!.width >= wrapped[0].width * 0.5)
            #expect(wrapped.map(\.text).joined(separator: " ").contains(long))
        }
    }

    @Test func recipientsNoteSitsUnderTheList() throws {
        let doc = try layOut(caseJSON("p1-recipients-runt", replacing: ["recipients_note": "\"(Sau đây gọi chung là các đơn vị)\""]))
        let page = doc.pages[0]
        let note = try #require(page.text(role: "o9a-note").first)
        let items = page.text(role: "o9a")
        #expect(note.text == "(Sau đây gọi chung là các đơn vị)")
        #expect(note.baseline > items.map(\.baseline).max()!)
        #expect(abs(note.x - items[1].x) < 0.01, "aligned with the recipients' dashes")
        let body = try #require(page.text(role: "body").first)
        #expect(body.baseline > note.baseline)
    }

    // MARK: markers typed twice

    @Test func typedDashesPrintOnce() throws {
        let page = try layOut(caseBytes("p2-doubled-markers")).pages[0]
        #expect(page.text(role: "o9a").map(\.text) == ["Kính gửi:", "- Phòng Y tế các huyện;", "- Trung tâm Y tế các huyện."])
        let cc = page.text(role: "o9b").map(\.text)
        #expect(cc == ["Nơi nhận:", "- Như trên;", "- Ban Giám đốc;", "- Lưu: VT, NV."])
    }

    @Test func archiveCopiesAsTheDecreeWritesThem() throws {
        let doc = try layOut(caseJSON("p9-luu-in-cc", replacing: ["cc": "[\"Như trên\"]", "archive": "{\"units\": [\"TH\"], \"copies\": \"02b\"}"]))
        #expect(doc.pages[0].text(role: "o9b").map(\.text).last == "- Lưu: VT, TH (02b).")
    }

    // MARK: line breaks in the header and V/v

    @Test func agencyNameIsNotSplitInsideAWord() throws {
        let lines = try layOut(caseBytes("p3-agency-name-breaks")).pages[0].text(role: "o2").map(\.text)
        #expect(lines.first == "UBND TỈNH ĐỒNG THÁP")
        #expect(lines.dropFirst().joined(separator: " ") == "TRUNG TÂM CÔNG NGHỆ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH ĐỒNG THÁP")
        for l in lines { #expect(!l.hasSuffix("TRUYỀN") && !l.hasSuffix("THÔNG TIN VÀ"), "\(lines)") }
        #expect(lines.contains { $0.hasPrefix("VÀ ") }, "breaks before \"VÀ\": \(lines)")
    }

    @Test func explicitLinesAreKept() throws {
        let doc = try layOut(caseJSON("p3-agency-name-breaks", replacing: [
            "issuer": "{\"parent\": [\"UBND TỈNH\", \"ĐỒNG THÁP\"], \"name\": [\"TRUNG TÂM CÔNG NGHỆ\", \"THÔNG TIN\", \"VÀ TRUYỀN THÔNG\"]}",
            "subject": "[\"hướng dẫn một số quy định\", \"tại Điều 22 Luật BHYT\"]"]))
        let page = doc.pages[0]
        #expect(page.text(role: "o2").map(\.text) == ["UBND TỈNH", "ĐỒNG THÁP", "TRUNG TÂM CÔNG NGHỆ", "THÔNG TIN", "VÀ TRUYỀN THÔNG"])
        #expect(page.text(role: "o5b").map(\.text) == ["V/v hướng dẫn một số quy định", "tại Điều 22 Luật BHYT"])
    }

    @Test func subjectBreaksBeforeALinkingWord() throws {
        let lines = try layOut(caseBytes("p3-subject-breaks")).pages[0].text(role: "o5b").map(\.text)
        #expect(lines == ["V/v hướng dẫn một số quy định", "tại Điều 22 Luật BHYT"])
    }

    // MARK: spaced dashes in running text

    @Test func noBodyLineStartsWithADash() throws {
        let doc = try layOut(caseBytes("p6-line-starts-with-hyphen"))
        let body = doc.pages.flatMap { $0.text(role: "body") }
        #expect(body.count >= 4)
        for l in body { #expect(!l.text.hasPrefix("- ") && !l.text.hasPrefix("– "), "\"\(l.text)\"") }
        // The text itself is unchanged: plain spaces around the hyphens.
        #expect(body.map(\.text).joined(separator: " ").contains("kinh tế - xã hội các vùng"))
        // At every width the dash stays with the word before it.
        let text = "thúc đẩy phát triển kinh tế - xã hội các vùng kinh tế trọng điểm và các vùng kinh tế – xã hội nói chung"
        for mm in stride(from: 40.0, through: 160.0, by: 3.5) {
            let json = try caseJSON("p6-line-starts-with-hyphen", replacing: ["body": "[{\"text\": \"\(text)./.\", \"indent\": false}]"])
            _ = json
            let lines = try engine.withTypesetter { t in
                t.breakLines(text, font: .init(.regular, 14), width: mmToPt(mm))
            }
            for l in lines { #expect(!l.text.hasPrefix("-") && !l.text.hasPrefix("–"), "\(mm) mm: \"\(l.text)\"") }
        }
    }

    // MARK: lists as structure (R34)

    @Test func nestedListsNumberThemselves() throws {
        let letters = (1...7).map { "\"Điểm số \($0)\"" }.joined(separator: ", ")
        let body = """
        [{"list": ["Mục tiêu chung", {"text": "Nhiệm vụ cụ thể:", "sublist": {"style": "alpha", "list": [\(letters)]}}, "Tổ chức thực hiện"], "style": "decimal"},
         {"list": ["Phần một", "Phần hai"], "style": "roman", "start": 3},
         {"list": [{"text": "Khoản", "sublist": {"style": "outline", "list": ["Một", {"text": "Hai", "sublist": {"style": "dash", "list": [{"text": "Gạch", "sublist": {"style": "plus", "list": ["Cộng"]}}]}}]}}], "style": "decimal", "start": 4},
         {"list": ["cũ", "- gõ tay"], "marker": "+"},
         {"text": "Đề nghị thực hiện./."}]
        """
        let doc = try layOut(caseJSON("p6-line-starts-with-hyphen", replacing: ["body": body]))
        let lines = doc.pages.flatMap { $0.text(role: "body") }.map(\.text)
        let markers = lines.map { String($0.split(separator: " ").first ?? "") }
        #expect(markers == ["1.", "2.", "a)", "b)", "c)", "d)", "đ)", "e)", "g)", "3.", "III.", "IV.", "4.", "4.1.", "4.2.", "-", "+", "+", "+", "Đề"])
        #expect(lines[8] == "g) Điểm số 7")
        #expect(lines[18] == "+ gõ tay", "a typed dash is not printed twice")
        // Items are paragraphs: first-line indent 1.27 cm.
        let first = try #require(doc.pages[0].text(role: "body").first)
        #expect(abs(first.x - (left + mmToPt(12.7))) < 0.01)
    }

    @Test func vietnameseLetterOrder() {
        #expect((1...12).map(ListNumbering.vietnameseLetters) == ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m"])
        #expect(ListNumbering.vietnameseLetters(23) == "y" && ListNumbering.vietnameseLetters(24) == "aa")
        #expect([1, 4, 9, 14, 40].map(ListNumbering.roman) == ["I", "IV", "IX", "XIV", "XL"])
    }

    // MARK: annex reference (R56)

    @Test func formReferenceFollowsThePayloadBackToTheWordsDate() throws {
        let doc = try layOut(caseBytes("p7-form-ref-date-words"))
        let page = try #require(doc.pages.first { !$0.text(role: "annex-ref").isEmpty })
        let ref = page.text(role: "annex-ref").map(\.text).joined(separator: " ")
        #expect(ref.contains("ngày 05 tháng 3 năm 2021"), "\(ref)")
    }
}
