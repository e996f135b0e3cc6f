import Testing
import VanBanLayout

@Suite struct MarksAndFooterTests {
    let extra = """
    , "marks": {"urgency": "THƯỢNG KHẨN", "secrecy": "MẬT", "circulation": "LƯU HÀNH NỘI BỘ"},
      "contact": ["Địa chỉ: Số 1, đường Võ Trường Toản, Phường 1, TP. Cao Lãnh, tỉnh Đồng Tháp", "Điện thoại: 0277.3851234; E-mail: skhcn@dongthap.gov.vn"]
    """

    @Test func urgencyAndSecrecyAreBoxedInTheLeftColumnUnderTheSubject() throws {
        let page = try layOut(json: longLetter(paragraphs: 1, extra: extra)).pages[0]
        let vvBottom = page.text(role: "o5b").map(\.baseline).max()!
        let boxes = page.items.compactMap { if case .box(let b) = $0 { return b } else { return nil } }
        let urgency = try #require(boxes.first { $0.role == "o10b" })
        let secrecy = try #require(boxes.first { $0.role == "o10a" })
        // THƯỢNG KHẨN: a 40 × 8 mm box (R48), below the secrecy mark (R49), both under ô 5b.
        #expect(abs(urgency.rect.width - mmToPt(40)) < 0.01 && abs(urgency.rect.height - mmToPt(8)) < 0.01)
        #expect(secrecy.rect.y > vvBottom && urgency.rect.y > secrecy.rect.maxY)
        #expect(urgency.rect.maxX < page.textBlock.x + mmToPt(65))
        let word = try #require(page.text(role: "o10b").first)
        #expect(word.text == "THƯỢNG KHẨN" && word.font == .init(.bold, 13))
        #expect(word.x > urgency.rect.x && word.x + word.width < urgency.rect.maxX)
        // Circulation mark (ô 11) sits in the top margin.
        let circulation = try #require(boxes.first { $0.role == "o11" })
        #expect(circulation.rect.maxY <= page.textBlock.y)
    }

    @Test func contactFooterUnderAFullWidthRuleOnPageOneOnly() throws {
        let doc = try layOut(json: longLetter(paragraphs: 30, extra: extra))
        let page = doc.pages[0]
        let rule = try #require(page.line(role: "o13-rule"))
        #expect(abs(rule.x1 - page.textBlock.x) < 0.01 && abs(rule.x2 - page.textBlock.maxX) < 0.01)
        let lines = page.text(role: "o13")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.font == .init(.regular, 11) && $0.baseline > rule.y1 && $0.bottomEdge <= page.textBlock.maxY + 0.01 })
        // Body text stays above the footer rule.
        #expect(page.text(role: "body").allSatisfy { $0.baseline < rule.y1 })
        #expect(doc.pages.dropFirst().allSatisfy { $0.text(role: "o13").isEmpty })
    }
}

extension TextItem {
    var bottomEdge: Double { baseline + font.size * 0.216 }
}
