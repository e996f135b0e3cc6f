import Foundation
import Testing
import VanBanLayout
import VanBanModel
import VanBanPipeline

/// The shared failing inputs copied into the repository (Tests/cases).
let caseFiles = repositoryRoot + "/Tests/cases"

func caseBytes(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: caseFiles + "/" + name)))
}

/// Figures on the laid-out pages: a number is never broken across lines, rowspan groups break between
/// rows with their label, and nothing of a long text is lost (issues 9 and 15).
@Suite struct FigureLayoutTests {
    /// Shared case 08: "2.500.012,25" and the totals were broken at the decimal comma.
    @Test func numbersStayOnOneLineAndColumnsMakeRoom() throws {
        let doc = try layOut(try caseBytes("figures/08-decimal-comma-percent.json"))
        let texts = doc.pages.flatMap { $0.text(role: "table") }.map(\.text)
        for number in ["2.500.012,25", "2.501.010,636", "1.234.569,4644", "3.735.580,1", "1.234.567,891", "-0,891", "9,877", "0,1234"] {
            #expect(texts.contains(number), "\(number) is not on one line")
        }
        // Every number cell's line stays inside its page's text block.
        for page in doc.pages {
            for t in page.text(role: "table") { #expect(t.x >= page.textBlock.x - 0.01) }
        }
    }

    @Test func aNumberThatCannotFitItsColumnIsAValidationErrorNamingTheCell() throws {
        let json = """
        {"kind": "annex_only", "issuer": {"name": "SỞ TÀI CHÍNH"}, "symbol": "STC", "date": {"year": 2024},
         "annexes": [{"title": ["BẢNG"], "blocks": [{"table": {"widths": [1, 1, 1, 1, 1, 1, 1, 1],
           "rows": [[12345678901234567890, 12345678901234567890, 12345678901234567890, 12345678901234567890,
                     12345678901234567890, 12345678901234567890, 12345678901234567890, 12345678901234567890123456]]}}]}]}
        """
        #expect(throws: ValidationFailure.self) { try engine.validate(Array(json.utf8)) }
        do { _ = try engine.validate(Array(json.utf8)) } catch {
            let d = try #require(error.diagnostics.first { $0.severity == .error })
            let last = try #require(error.diagnostics.first { $0.path.description == "$.annexes[0].blocks[0].table.rows[0][7]" })
            #expect(d.path.description == "$.annexes[0].blocks[0].table.rows[0][0]")
            #expect(d.message.hasPrefix("the number 12.345.678.901.234.567.890 needs a column at least "))
            #expect(last.message.hasPrefix("the number 12.345.678.901.234.567.890.123.456 needs a column at least "))
            #expect(last.message.hasSuffix("widen the column (widths), shorten other columns or print the annex landscape"))
        }
    }

    /// Shared case 07: a 22-row rowspan group without split_rows.
    @Test func rowspanGroupsBreakBetweenRowsCarryingTheirLabel() throws {
        let doc = try layOut(try caseBytes("figures/07-rowspan-across-page-break.json"))
        #expect(doc.pages.count >= 2)
        let stt = (1...68).map(String.init)
        var seen: [String] = []
        for page in doc.pages {
            let cells = page.text(role: "table")
            let rows = cells.filter { $0.x < page.textBlock.x + 30 && stt.contains($0.text) }
            // Never a page with the header and no data row.
            #expect(!rows.isEmpty, "page \(page.number) has no data row")
            seen += rows.map(\.text)
            // Every page of a group names its district.
            #expect(cells.contains { $0.text.hasPrefix("Thành phố") || $0.text.hasPrefix("Huyện") }, "page \(page.number) has no district label")
            // No sliver: horizontal table rules are at least one text line apart (no double rule).
            let ys = page.lines.filter { $0.role == "table" && $0.y1 == $0.y2 }.map(\.y1).sorted()
            for (a, b) in zip(ys, ys.dropFirst()) where b - a > 0.01 { #expect(b - a > 8, "rules \(a) and \(b) on page \(page.number)") }
            // Nothing below the text block.
            for item in page.items { #expect(item.bottom <= page.textBlock.maxY + 0.6) }
        }
        #expect(seen == stt, "every row once, in order")
    }

    /// Shared case: 18,000 words in one paragraph came out as one line drawn off the page.
    @Test func aVeryLongParagraphKeepsEveryWord() throws {
        let doc = try layOut(try caseBytes("hardening/silent-loss-wide-paragraph.json"))
        let words = doc.pages.flatMap { $0.text(role: "body") }.flatMap { $0.text.split(separator: " ") }
        #expect(words.filter { $0 == "WWWWWWWWW" }.count == 18_000)
        for page in doc.pages {
            for t in page.text(role: "body") { #expect(t.x + (t.justifyWidth ?? 0) <= page.textBlock.maxX + 0.5) }
        }
    }

    /// Shared case: an 8 KB cell in a narrow column (11 s before; cubic). Every line is placed once.
    @Test func aTallRowInANarrowColumnIsCutOnceAcrossPages() throws {
        let doc = try layOut(try caseBytes("hardening/slow-tall-row-8k.json"))
        let lines = doc.pages.flatMap { $0.text(role: "table") }.filter { $0.text != "x" }.map(\.text)
        #expect(lines.joined(separator: " ").split(separator: " ").count == 4_000)
        for page in doc.pages { for item in page.items { #expect(item.bottom <= page.textBlock.maxY + 0.6) } }
    }
}

/// Issue 15: a validation nobody waits for (the service's time limit passed) stops at the next rows.
@Suite struct ValidationCancellationTests {
    @Test func aCancelledFlagStopsALongTableValidation() throws {
        let rows = (1...500).map { "[\($0), \"dòng \($0)\"]" }.joined(separator: ",")
        let json = """
        {"kind": "annex_only", "issuer": {"name": "SỞ TÀI CHÍNH", "name_in_text": "Sở Tài chính"}, "symbol": "STC", "date": {"year": 2024},
         "annexes": [{"title": ["BẢNG"], "blocks": [{"table": {"widths": [1, 3], "rows": [\(rows)]}}]}]}
        """
        let flag = CancellationFlag()
        #expect(throws: Never.self) { _ = try engine.validate(Array(json.utf8), cancellation: flag) }
        flag.cancel("the time limit passed")
        do {
            _ = try engine.validate(Array(json.utf8), cancellation: flag)
            Issue.record("a cancelled validation returned a payload")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["$.annexes[0].blocks[0].table: validation cancelled"])
        }
    }
}

/// Found by the fuzz test: an agency name so long that the letterhead ran off the first page (its text
/// lost, and the number field outside the page) is refused at validation, naming the field.
@Suite struct LetterheadFitTests {
    @Test func aLetterheadTallerThanThePageIsAnErrorAtItsLongestField() throws {
        var json = String(decoding: try sample("seed-000-cung-cap-so-lieu.json"), as: UTF8.self)
        json = json.replacingOccurrences(of: "\"UBND TỈNH ĐỒNG THÁP\"", with: "\"" + String(repeating: "UBND TỈNH ĐỒNG THÁP ", count: 60) + "\"")
        do {
            _ = try engine.validate(Array(json.utf8))
            Issue.record("a letterhead longer than the page was accepted")
        } catch {
            let d = try #require(error.diagnostics.first { $0.severity == .error })
            #expect(d.path.description == "$.issuer.parent")
            #expect(d.message.hasPrefix("is too long: the letterhead would end "))
        }
        // The sample itself fits.
        #expect(throws: Never.self) { _ = try engine.validate(try sample("seed-000-cung-cap-so-lieu.json")) }
    }
}
