import Testing
import VanBanLayout
import VanBanModel

@Suite struct AnnexTableLayoutTests {
    @Test func annexStartsANewPageWithItsHeadingBlock() throws {
        let doc = try layOut(sample("seed-000-cung-cap-so-lieu.json"))
        let first = try #require(doc.pages.firstIndex { $0.section == 1 })
        let page = doc.pages[first]
        #expect(page.text(role: "annex-label").map(\.text) == ["Phụ lục II"])
        #expect(page.text(role: "annex-label")[0].font == .init(.bold, 14))
        #expect(page.text(role: "annex-title").map(\.text) == ["PHIẾU CUNG CẤP SỐ LIỆU"])
        let ref = page.text(role: "annex-ref").map(\.text).joined(separator: " ")
        #expect(ref == "(Kèm theo Công văn số " + String(repeating: " ", count: 10) + "/SKHCN-VP ngày " + String(repeating: " ", count: 7) + " tháng 5 năm 2020 của Sở Khoa học và Công nghệ Đồng Tháp)")
        #expect(page.text(role: "annex-ref").allSatisfy { $0.font == .init(.italic, 14) })
        let rule = try #require(page.line(role: "annex-rule"))
        let centre = page.textBlock.x + page.textBlock.width / 2
        #expect(abs((rule.x1 + rule.x2) / 2 - centre) < 0.01)
        // Annex page numbering restarts: its first page shows no number.
        #expect(page.number == 1 && page.text(role: "page-number").isEmpty)
        #expect(doc.outline.map(\.pageIndex) == [0, first])
    }

    /// A 120-row table: header repeated on every page, nothing past the bottom margin, rows whole.
    @Test func longTablesRepeatTheirHeaderOnEveryPage() throws {
        let rows = (1...120).map { "[\"\($0)\", \"Chỉ tiêu số \($0) về ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước\", \"%\", \"\($0 % 100)\", \"\"]" }
            .joined(separator: ",")
        let extra = """
        , "annexes": [{"title": ["BẢNG DÀI"], "blocks": [{"table": {"widths": [10, 80, 15, 15, 20],
            "header": [[{"text": "STT", "rowspan": 2}, {"text": "Chỉ tiêu", "rowspan": 2}, {"text": "Kết quả", "colspan": 2}, {"text": "Ghi chú", "rowspan": 2}],
                       ["Đơn vị tính", "Số liệu"]],
            "rows": [\(rows)]}}]}]
        """
        let doc = try layOut(json: longLetter(paragraphs: 1, extra: extra))
        let annexPages = doc.pages.filter { $0.section == 1 }
        #expect(annexPages.count >= 4)
        var seen = Set<String>()
        for (i, page) in annexPages.enumerated() {
            let header = page.text(role: "table-header").map(\.text)
            // "Đơn vị tính" wraps in its narrow column; the header is otherwise whole.
            #expect(header == ["STT", "Chỉ tiêu", "Kết quả", "Ghi chú", "Đơn vị", "tính", "Số liệu"], "page \(i + 1)")
            #expect(page.number == i + 1)
            if i > 0 { #expect(page.text(role: "page-number").map(\.text) == ["\(i + 1)"]) }
            for item in page.items { #expect(item.bottom <= page.textBlock.maxY + 0.01) }
            for t in page.text(role: "table") where t.x < page.textBlock.x + 33 { #expect(seen.insert(t.text).inserted) }
        }
        // Every row number appears exactly once (rows are moved whole, none lost).
        #expect(seen == Set((1...120).map(String.init)))
    }

    @Test func rowSpansAndColumnSpansCoverTheirCells() throws {
        let extra = """
        , "annexes": [{"title": ["X"], "blocks": [{"table": {"widths": [1, 3, 1],
            "header": [["A", {"text": "B+C", "colspan": 2}]],
            "rows": [[{"text": "Trong đó", "rowspan": 2}, "a", "1"], ["b", "2"], {"kind": "section", "cells": [{"text": "I. Các sở, ban, ngành", "colspan": 3}]}]}}]}]
        """
        let doc = try layOut(json: longLetter(paragraphs: 1, extra: extra))
        let page = doc.pages.last!
        let tb = page.textBlock
        let colW = tb.width / 5
        let bc = try #require(page.text(role: "table-header").first { $0.text == "B+C" })
        // "B+C" is centred over columns 2–3.
        #expect(abs(bc.x + bc.width / 2 - (tb.x + colW + 4 * colW / 2)) < 0.01)
        let trongDo = try #require(page.text(role: "table").first { $0.text == "Trong đó" })
        let a = try #require(page.text(role: "table").first { $0.text == "a" })
        let b = try #require(page.text(role: "table").first { $0.text == "b" })
        // The spanning label is centred vertically across both rows.
        #expect(abs(trongDo.baseline - (a.baseline + b.baseline) / 2) < 0.01)
        let section = try #require(page.text(role: "table").first { $0.text == "I. Các sở, ban, ngành" })
        #expect(section.font.face == .bold)
    }
}

@Suite struct RowSplittingTests {
    func document(splitRows: Bool, longCell: String, rowsBefore: Int) throws -> LaidOutDocument {
        let filler = (1...max(1, rowsBefore)).map { "[\"\($0)\", \"Chỉ tiêu \($0)\", \"%\", \"\($0)\", \"\"]" }.joined(separator: ",")
        let extra = """
        , "annexes": [{"title": ["BIỂU SỐ 01"], "blocks": [{"table": {"widths": [10, 80, 15, 15, 20], "split_rows": \(splitRows),
            "header": [["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"]],
            "rows": [\(filler), ["7.4", "\(longCell)", "Không = 0 Có = 1", "1", ""], ["7.5", "Sau", "%", "5", ""]]}}]}]
        """
        return try layOut(json: longLetter(paragraphs: 1, extra: extra))
    }

    let paragraph = String(repeating: "Hình thức khảo sát, đánh giá mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước. ", count: 12)

    @Test func aSplittableRowIsCutBetweenLinesAndContinuesUnderTheRepeatedHeader() throws {
        let doc = try document(splitRows: true, longCell: paragraph, rowsBefore: 25)
        let annex = doc.pages.filter { $0.section == 1 }
        #expect(annex.count == 2)
        // The row starts on page 1 of the annex and ends on page 2.
        #expect(annex[0].text(role: "table").contains { $0.text == "7.4" } || annex[1].text(role: "table").contains { $0.text == "7.4" })
        let firstPageLines = annex[0].text(role: "table").filter { $0.text.contains("khảo sát") || $0.text.contains("hành chính") }
        let secondPageLines = annex[1].text(role: "table").filter { $0.text.contains("khảo sát") || $0.text.contains("hành chính") }
        #expect(!firstPageLines.isEmpty && !secondPageLines.isEmpty)
        #expect(annex[1].text(role: "table-header").map(\.text).contains("STT"))
        // The continued text starts below the repeated header, never over it.
        let headerBottom = annex[1].text(role: "table-header").map { $0.baseline + $0.font.size * 0.25 }.max()!
        let firstTop = annex[1].text(role: "table").map { $0.baseline - $0.font.size * 0.9 }.min()!
        #expect(firstTop >= headerBottom)
        for page in annex { for item in page.items { #expect(item.bottom <= page.textBlock.maxY + 0.01) } }
        // Every line of the long cell is printed once, none lost at the cut.
        let all = annex.flatMap { $0.text(role: "table") }.filter { $0.x > annex[0].textBlock.x + 30 && $0.x < annex[0].textBlock.x + 300 }
        let words = collapsedWords(all.map(\.text).joined(separator: " "))
        #expect(words.contains(collapsedWords(paragraph)))
    }

    @Test func withoutSplittingTheRowMovesWhole() throws {
        let doc = try document(splitRows: false, longCell: String(paragraph.prefix(400)), rowsBefore: 30)
        let annex = doc.pages.filter { $0.section == 1 }
        let pagesWithRow = annex.filter { p in p.text(role: "table").contains { $0.text.contains("khảo sát") } }
        #expect(pagesWithRow.count == 1)
    }

    func collapsedWords(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
}

@Suite struct ColumnWidthTests {
    @Test func widthsInMillimetresAreKept() throws {
        let extra = """
        , "annexes": [{"title": ["X"], "blocks": [{"table": {"widths_mm": [15, 100, 25], "rows": [["1", "Chỉ tiêu", "5"]]}}]}]
        """
        let page = try layOut(json: longLetter(paragraphs: 1, extra: extra)).pages.last!
        let verticals = Set(page.lines.filter { $0.role == "table" && $0.x1 == $0.x2 }.map { (($0.x1 - page.textBlock.x) * 100).rounded() / 100 })
        #expect(verticals == Set([0, mmToPt(15), mmToPt(115), mmToPt(140)].map { ($0 * 100).rounded() / 100 }))
    }

    @Test func relativeAndMillimetreWidthsTogetherAreAnError() throws {
        let extra = """
        , "annexes": [{"title": ["X"], "blocks": [{"table": {"widths": [1, 2], "widths_mm": [15, 100], "rows": [["1", "a"]]}}]}]
        """
        #expect(throws: ValidationFailure.self) { try layOut(json: longLetter(paragraphs: 1, extra: extra)) }
    }
}
