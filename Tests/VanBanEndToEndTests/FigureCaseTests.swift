import Foundation
import Testing

/// The shared failing inputs on figures and crashes, through the real CLI and the PDF text (issues 9, 15).
@Suite struct FigureCaseTests {
    let cases = repositoryRoot + "/Tests/cases"

    func render(_ name: String) throws -> (ProcessResult, String) {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/out.pdf"
        let r = try run(vanbanBinary, ["render", cases + "/" + name, "-o", out])
        guard r.status == 0 else { return (r, "") }
        let text = try run("pdftotext", ["-layout", out, "-"]).stdout
        return (r, text)
    }

    @Test func totalsPastTwoToTheSixtyThreeAreExact() throws {
        let (r, text) = try render("hardening/crash-sum-over-9.2-trillion.json")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(text.contains("10.000.000.000.000"))
        // Past 2^63 đồng too: 2 × 5·10^18.
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let json = try String(contentsOfFile: cases + "/hardening/crash-sum-over-9.2-trillion.json", encoding: .utf8)
            .replacingOccurrences(of: "\"5.000.000.000.000\"", with: "5000000000000000000")
        try Data(json.utf8).write(to: URL(fileURLWithPath: dir + "/p.json"))
        let big = try run(vanbanBinary, ["render", dir + "/p.json", "-o", dir + "/o.pdf"])
        #expect(big.status == 0, "\(big.stderr)")
        let bigText = try run("pdftotext", ["-layout", dir + "/o.pdf", "-"]).stdout
        #expect(bigText.contains("10.000.000.000.000.000.000"))
        #expect(bigText.contains("5.000.000.000.000.000.000"))
    }

    @Test func aFormulaEndingInAGroupedNumberComputes() throws {
        let (r, text) = try render("hardening/crash-formula-ends-with-bad-number.json")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(collapsed(text).contains("5 5.000.000"))
    }

    @Test func deeplyNestedFormulaIsRefusedAtItsPath() throws {
        let (r, _) = try render("hardening/crash-formula-nesting-25000.json")
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").filter { !$0.hasPrefix("warning: ") }
                == ["$.annexes[0].blocks[0].table.formulas[0].formula: invalid formula: longer than 1000 characters"])
    }

    @Test func decimalsAreKeptAndNumbersAreNotBroken() throws {
        let (r, text) = try render("figures/08-decimal-comma-percent.json")
        #expect(r.status == 0, "\(r.stderr)")
        for number in ["1.234.567,891", "0,1234", "9,877", "-0,891", "2.500.012,25", "2.501.010,636", "1.234.569,4644", "33,3"] {
            #expect(text.contains(number), "\(number) missing or broken")
        }
        #expect(!text.contains("0,12 "))
    }

    @Test func codeColumnIsPrintedWithoutAThousandsDot() throws {
        let (r, text) = try render("figures/p5-code-column.json")
        #expect(r.status == 0)
        #expect(text.contains("10231"))
        #expect(!text.contains("10.231"))
        #expect(r.stderr.contains("warning: $.body[0].table.rows[1][1]: column 2 (\"Mã số\") holds codes or years"))
    }

    @Test func longParagraphLosesNoWord() throws {
        let (r, text) = try render("hardening/silent-loss-wide-paragraph.json")
        #expect(r.status == 0)
        #expect(text.components(separatedBy: "WWWWWWWWW").count - 1 == 18_000)
    }
}
