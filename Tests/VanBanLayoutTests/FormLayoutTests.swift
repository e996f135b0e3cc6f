import Foundation
import Testing
import VanBanLayout

@Suite struct FormLayoutTests {
    /// The seed 000 sample with its form values removed: the template sent with a request.
    func blankSeed000() throws -> String {
        var json = String(decoding: try sample("seed-000-cung-cap-so-lieu.json"), as: UTF8.self)
        let start = json.range(of: "\"values\": {")!
        let end = json[start.upperBound...].range(of: "}")!
        json.replaceSubrange(start.lowerBound..<end.upperBound, with: "\"values\": {}")
        return json
    }

    @Test func blankAndFilledFormsShareTheirStructure() throws {
        let filled = try layOut(sample("seed-000-cung-cap-so-lieu.json"))
        let blank = try layOut(json: try blankSeed000())
        #expect(filled.pages.count == blank.pages.count)
        let f = filled.pages.last!, b = blank.pages.last!
        // Same borders at the same places, same criteria text at the same places.
        #expect(f.lines == b.lines)
        let criteria = { (p: Page) in p.text(role: "table").filter { Double($0.text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")) == nil } }
        #expect(criteria(f).map(\.text) == criteria(b).map(\.text))
        #expect(criteria(f).map(\.baseline) == criteria(b).map(\.baseline))
        // Only the filled one carries the values.
        #expect(f.text(role: "table").contains { $0.text == "3.290" })
        #expect(!b.text(role: "table").contains { $0.text == "3.290" })
        #expect(f.text(role: "table").contains { $0.text == "16,7" })
    }

    @Test func fillLinesAndChoiceBoxes() throws {
        let extra = """
        , "annexes": [{"title": ["BIỂU MẪU"], "values": {}, "blocks": [
            {"fill": ["- Cơ quan: ", {"field": {"id": "co_quan", "type": "text"}}]},
            {"fill": ["1.1. Tổng số CBCCVC được cấp tài khoản thư điện tử: ", {"field": "tk", "width_mm": 30}, " người, Tỷ lệ: ", {"field": "tl", "width_mm": 20}, " %"]},
            {"choices": ["KT < 10 Mb", "10 Mb ≤ KT ≤ 20 Mb", "KT > 20 Mb"], "selected": 2}]}]
        """
        let page = try layOut(json: longLetter(paragraphs: 1, extra: extra)).pages.last!
        let form = page.text(role: "form")
        // The blank runs as a dotted leader to the right margin.
        let coQuan = try #require(form.first { $0.text.hasPrefix("- Cơ quan: ") })
        #expect(coQuan.text.hasSuffix("....."))
        #expect(coQuan.x + coQuan.width <= page.textBlock.maxX + 0.01)
        #expect(coQuan.x + coQuan.width > page.textBlock.maxX - 5)
        let joined = form.map(\.text).joined(separator: " ")
        #expect(joined.contains(" người, Tỷ lệ: ") && joined.contains(".... %"))
        // Three drawn boxes, the second crossed (two strokes).
        let boxes = page.items.compactMap { if case .box(let b) = $0, b.role == "choice-box" { return b } else { return nil } }
        #expect(boxes.count == 3)
        let marks = page.lines.filter { $0.role == "choice-mark" }
        #expect(marks.count == 2)
        #expect(marks.allSatisfy { $0.x1 >= boxes[1].rect.x && $0.x2 <= boxes[1].rect.maxX })
        #expect(["KT < 10 Mb", "10 Mb ≤ KT ≤ 20 Mb", "KT > 20 Mb"].allSatisfy { o in form.contains { $0.text == o } })
    }
}
