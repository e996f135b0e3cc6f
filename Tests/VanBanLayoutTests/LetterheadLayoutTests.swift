import Testing
import VanBanLayout

/// Positions of ô 1–5 on page 1 of seed 000, against Decree 30 (spec rules R03, R10–R26).
@Suite struct LetterheadLayoutTests {
    let page: Page
    init() throws { page = try layOut(sample("seed-000-cung-cap-so-lieu.json")).pages[0] }

    // Text block: left 30 mm, right 15 mm, top 20 mm → x 85.04 … 552.76 pt, y from 56.69 pt.
    let left = mmToPt(30), right = mmToPt(210 - 15), top = mmToPt(20)

    @Test func pageIsPortraitA4() {
        #expect(abs(page.width - 595.28) < 0.01)
        #expect(abs(page.height - 841.89) < 0.01)
    }

    @Test func nothingCrossesTheMargins() {
        for t in page.texts {
            #expect(t.x >= left - 0.01, "\(t.text) starts left of the margin")
            #expect(t.x + t.width <= right + 0.01, "\(t.text) ends right of the margin")
            #expect(t.baseline <= mmToPt(297 - 20), "\(t.text) below the bottom margin")
        }
    }

    @Test func nationalTitleIsTheTopLineOfTheRightColumn() throws {
        let qh = try #require(page.text(role: "o1").first)
        #expect(qh.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        #expect(qh.font.face == .bold && qh.font.size == 12)
        // First baseline = top margin + ascent (0.891 em) + half the single-spacing leading.
        #expect(abs(qh.baseline - (top + 12 * 0.891 + (12 * 1.15 - 12 * 1.107) / 2)) < 0.3)
        #expect(qh.x + qh.width / 2 > left + 0.45 * (right - left))
    }

    @Test func mottoRuleIsExactlyTheMottoWidthAndCentred() throws {
        let motto = try #require(page.text(role: "o1-motto").first)
        let qh = try #require(page.text(role: "o1").first)
        let rule = try #require(page.line(role: "o1-rule"))
        #expect(motto.text == "Độc lập - Tự do - Hạnh phúc")
        #expect(motto.font.face == .bold && motto.font.size == 13)
        #expect(abs((rule.x2 - rule.x1) - motto.width) < 0.01)
        #expect(abs((rule.x1 + rule.x2) / 2 - (motto.x + motto.width / 2)) < 0.01)
        #expect(abs((motto.x + motto.width / 2) - (qh.x + qh.width / 2)) < 0.5)
        // Single spacing between title and motto (R12): 1.15 × 13 pt.
        #expect(abs(motto.baseline - qh.baseline - 1.15 * 13) < 0.01)
        // The rule sits 0.5–4 mm under the motto's baseline (R13).
        #expect(rule.y1 - motto.baseline >= mmToPt(0.5) && rule.y1 - motto.baseline <= mmToPt(4))
    }

    @Test func agencyBlockAndItsRule() throws {
        let lines = page.text(role: "o2")
        #expect(lines.map(\.text) == ["UBND TỈNH ĐỒNG THÁP", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"])
        #expect(lines[0].font.face == .regular && lines[1].font.face == .bold)
        let rule = try #require(page.line(role: "o2-rule"))
        let ratio = (rule.x2 - rule.x1) / lines[1].width
        #expect(ratio >= 1.0 / 3 && ratio <= 0.5)
        let centre = lines[1].x + lines[1].width / 2
        #expect(abs((rule.x1 + rule.x2) / 2 - centre) < 0.01)
        #expect(abs((lines[0].x + lines[0].width / 2) - centre) < 0.01)
        #expect(centre < left + 0.45 * (right - left))
    }

    @Test func numberAndDateShareABaseline() throws {
        let number = try #require(page.text(role: "o3").first)
        let date = try #require(page.text(role: "o4").first)
        let agency = page.text(role: "o2")[1]
        let motto = try #require(page.text(role: "o1-motto").first)
        #expect(number.text == "Số: " + String(repeating: " ", count: 10) + "/SKHCN-VP")
        #expect(number.font == .init(.regular, 13))
        #expect(date.text == "Đồng Tháp, ngày " + String(repeating: " ", count: 7) + " tháng 6 năm 2020")
        #expect(date.font == .init(.italic, 13))
        #expect(number.baseline == date.baseline)
        #expect(abs((number.x + number.width / 2) - (agency.x + agency.width / 2)) < mmToPt(1))
        #expect(abs((date.x + date.width / 2) - (motto.x + motto.width / 2)) < mmToPt(1))
    }

    @Test func subjectLineIsCentredUnderTheNumberSixPointsDown() throws {
        let number = try #require(page.text(role: "o3").first)
        let vv = page.text(role: "o5b")
        #expect(vv.first?.text.hasPrefix("V/v ") == true)
        #expect(vv.allSatisfy { $0.font == .init(.regular, 12) })
        // R26: the gap is one 12 pt line (1.15 × 12) plus 6 pt, ±1.5 pt.
        #expect(abs(vv[0].baseline - number.baseline - (1.15 * 12 + 6)) < 1.5)
        for l in vv { #expect(abs((l.x + l.width / 2) - (number.x + number.width / 2)) < mmToPt(2)) }
        #expect(vv.map(\.text).joined(separator: " ") == "V/v cung cấp số liệu phục vụ báo cáo phát triển Chính phủ điện tử 6 tháng đầu năm 2020")
    }

    @Test func bodyIsJustifiedWithFirstLineIndentAndParagraphGaps() {
        let body = page.text(role: "body")
        #expect(body.count >= 6)
        #expect(body.allSatisfy { $0.font == .init(.regular, 14) })
        // First line of paragraph 1 is indented 1.27 cm; the second line starts at the margin.
        #expect(abs(body[0].x - (left + mmToPt(12.7))) < 0.01)
        #expect(abs(body[1].x - left) < 0.01)
        // Non-final lines are justified to the right margin.
        #expect(body[0].justifyWidth.map { abs(body[0].x + $0 - right) < 0.01 } == true)
        // Inside a paragraph lines are single spaced (1.15 × 14); across a paragraph break 6 pt more (R32).
        #expect(abs(body[1].baseline - body[0].baseline - 16.1) < 0.01)
        let breakIndex = body.firstIndex { $0.justifyWidth == nil }!
        #expect(abs(body[breakIndex + 1].baseline - body[breakIndex].baseline - (16.1 + 6)) < 0.01)
    }

    @Test func singleRecipientOnTheLabelLine() throws {
        let k = page.text(role: "o9a")
        #expect(k.map(\.text) == ["Kính gửi: Sở Thông tin và Truyền thông"])
        #expect(k[0].x >= left + mmToPt(20) && k[0].x <= left + mmToPt(80))
    }

    @Test func ccLabelIsLevelWithTheFirstSignerLine() throws {
        let label = try #require(page.text(role: "o9b").first)
        let signer = page.text(role: "o7a")
        #expect(label.text == "Nơi nhận:")
        #expect(label.font == .init(.boldItalic, 12))
        #expect(abs(label.x - left) < 0.01)
        #expect(abs(label.baseline - signer[0].baseline) < 0.01)
        #expect(signer.map(\.text) == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"])
        let list = page.text(role: "o9b").dropFirst().map(\.text)
        #expect(list == ["- Như trên;", "- Lưu: VT, VP."])
        #expect(page.text(role: "o9b").dropFirst().allSatisfy { $0.font == .init(.regular, 11) })
    }

    @Test func signerNameCentredUnderTitlesWithRoomToSign() throws {
        let titles = page.text(role: "o7a")
        let name = try #require(page.text(role: "o7b").first)
        #expect(name.text == "Huỳnh Văn Quản" && name.font == .init(.bold, 14))
        for t in titles { #expect(abs((t.x + t.width / 2) - (name.x + name.width / 2)) < mmToPt(1)) }
        #expect(name.baseline - titles.last!.baseline >= mmToPt(15))
    }

    @Test func firstPageHasNoPageNumber() {
        #expect(page.text(role: "page-number").isEmpty)
    }
}
