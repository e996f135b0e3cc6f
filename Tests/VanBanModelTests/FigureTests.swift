import Foundation
import Testing
@testable import VanBanModel

/// Figures are exact end to end: read, summed, computed and printed without binary floating point
/// (issue 9 "figures are sacred", issue 15 "no arithmetic on input may trap").
@Suite struct FigureTests {
    @Test func literalsKeepEveryDigitAndDecimal() {
        #expect(fig("1234567.891").vietnamese() == "1.234.567,891")
        #expect(fig("0.1234").vietnamese() == "0,1234")
        #expect(fig("0.123456").vietnamese() == "0,123456")
        #expect(fig("12.50").vietnamese() == "12,50")
        #expect(fig("-12.25").vietnamese() == "-12,25")
        #expect(fig("1e20").vietnamese() == "100.000.000.000.000.000.000")
        #expect(fig("12345678901234567890123456789012345678").description == "12345678901234567890123456789012345678")
        #expect(Figure.literal("123456789012345678901234567890123456789") == .failure(.tooLarge))
        #expect(Figure.literal("1e400") == .failure(.tooLarge))
        #expect(Figure.literal("12abc") == .failure(.notANumber))
    }

    /// Digits read through a UInt64 (up to 18) and through text (19 to 38) give the same exact values;
    /// words are never numbers, whatever blanks surround them.
    @Test func everyDigitCountReadsExactly() throws {
        for n in [1, 17, 18, 19, 20, 37, 38] {
            let digits = String((0..<n).map { Character(String(($0 * 7 + 3) % 10)) })
            let text = "9" + digits.dropFirst()
            #expect(try Figure.literal(text).get().description == text, "\(n) digits")
            if n < 38 { #expect(try Figure.literal("-" + text + ".50").get().description == "-" + text + ".50") }
            #expect(try Figure.literal("0." + text).get().description == "0." + text)
        }
        #expect(throws: Figure.ReadError.self) { try Figure.literal(String(repeating: "9", count: 39)).get() }
        #expect(try Figure.read("1.234.567.890.123.456.789", notation: .vietnamese).get().description == "1234567890123456789")
        for word in ["12 người", "x", " 1a ", "Z%", "1.234 đồng", "\u{00A0}12\u{00A0}b"] {
            #expect(Figure.read(word, notation: .detect, allowPercent: true) == .failure(.notANumber), "\(word)")
        }
        #expect(try Figure.read("\u{00A0}−12,5 ", notation: .vietnamese).get().description == "-12.5")
        // Plain digits take a short path; with a blank around them, the full one: the same figure.
        for digits in ["0", "7", "0012", "2020", "123456789012345678", "1234567890123456789"] {
            for notation in Figure.Notation.allCases {
                let short = try Figure.read(digits, notation: notation).get(), full = try Figure.read(" " + digits, notation: notation).get()
                #expect(short.value == full.value && short.description == full.description, "\(digits)")
            }
        }
        #expect(Figure.read("", notation: .detect) == .failure(.notANumber))
    }

    @Test func sumsPastTwoToTheSixtyThreeAreExactToTheDong() {
        let a = fig("5000000000000000000"), b = fig("5000000000000000000")
        #expect((a + b)!.vietnamese() == "10.000.000.000.000.000.000")
        #expect((fig("0.1") + fig("0.2"))!.vietnamese() == "0,3")
        // 38 nines plus one still fits (one significant digit); past 38 digits is refused, never rounded.
        #expect((fig("99999999999999999999999999999999999999") + fig("0.5")) == nil)
    }

    @Test func roundingIsHalfAwayFromZeroOnExactValues() {
        // 0,05 is not exact in binary floating point: 0.05 * 10 rounds to 0 there.
        #expect(fig("0.05").rounded(places: 1).vietnamese() == "0,1")
        #expect(fig("-0.05").rounded(places: 1).vietnamese() == "-0,1")
        #expect(fig("-0.00049").rounded(places: 1).vietnamese() == "0,0")
        #expect(fig("9.8766").rounded(places: 3).vietnamese() == "9,877")
    }

    @Test func cellTextIsReadWithoutGuessing() {
        func read(_ s: String, _ n: Figure.Notation) -> String {
            switch Figure.read(s, notation: n) {
            case .success(let f): return f.description
            case .failure(let e): return "error: \(e.description)"
            }
        }
        #expect(read("28,4", .detect) == "28.4")
        #expect(read("1.234,5", .detect) == "1234.5")
        #expect(read("28.4", .detect) == "28.4")
        #expect(read("1.234.567", .detect) == "1234567")
        #expect(read("1,234,567", .detect) == "1234567")
        #expect(read("2,829", .detect) == "error: is ambiguous: the \",\" may group thousands (2829) or mark decimals (2 and 829 thousandths)")
        #expect(read("2.829", .detect) == "error: is ambiguous: the \".\" may group thousands (2829) or mark decimals (2 and 829 thousandths)")
        #expect(read("2,829", .vietnamese) == "2.829")
        #expect(read("2,829", .english) == "2829")
        #expect(read("28.4", .vietnamese).hasPrefix("error: is not written the Vietnamese way"))
        #expect(read("0,123", .detect) == "0.123")
    }
}

@Suite struct TableFiguresTests {
    func fill(_ tableJSON: String, path: JSONPath = .root / "table") throws -> (Table?, [String]) {
        let sink = DiagnosticCollector()
        let t = TableDecoder.read(JSONReader(try JSONParser.parse(tableJSON), path: path, sink: sink))
        return (t.map { TableFilling.resolve($0, values: [:]) }, sink.diagnostics.map(\.description))
    }

    func texts(_ t: Table?) -> [[String]] { (t?.rows ?? []).map { $0.cells.map { $0.paragraphs.joined(separator: "|") } } }

    /// Shared case 08: decimals kept, formulas from exact inputs, the total's formula from the totals.
    @Test func decimalCommaPercentCase() throws {
        let json = try String(contentsOfFile: casesDirectory + "/figures/08-decimal-comma-percent.json", encoding: .utf8)
        let payload = try JSONParser.parse(json)
        guard case .array(let annexes)? = payload["annexes"], case .array(let blocks)? = annexes[0]["blocks"],
              let table = blocks[0]["table"] else { Issue.record("no table"); return }
        let (t, problems) = try fill(JSONWriter.string(table))
        #expect(problems.isEmpty, "\(problems)")
        #expect(texts(t) == [
            ["1", "Sở Tư pháp", "1.234.567", "1.234.567,891", "100", "-0,891"],
            ["2", "Sở Y tế", "0,1", "0,2", "200", "-0,1"],
            ["3", "Sở Xây dựng", "3", "1", "33,3", "2"],
            ["4", "Sở Công Thương", "1.000", "0,5", "0,1", "999,5"],
            ["5", "Sở Nội vụ", "0", "12", "", "-12"],
            ["6", "Sở Tài chính", "2.500.000", "-12,25", "0", "2.500.012,25"],
            ["7", "Sở Nông nghiệp và PTNT", "10", "0,1234", "1,2", "9,877"],
            ["Tổng cộng", "3.735.580,1", "1.234.569,4644", "33", "2.501.010,636"],
        ])
    }

    @Test func totalsOfVietnameseTextFiguresPastTwoToTheSixtyThree() throws {
        let (t, problems) = try fill("""
            {"widths": [3, 2], "sum_columns": [2], "rows": [["a", "5.000.000.000.000.000.000"], ["b", "5.000.000.000.000.000.000"],
             {"kind": "total", "cells": ["Tổng cộng", ""]}]}
            """)
        #expect(problems.isEmpty)
        #expect(texts(t).last == ["Tổng cộng", "10.000.000.000.000.000.000"])
    }

    /// Validation keeps its filling for layout; a table changed afterwards (or other values) is filled anew.
    @Test func aKeptFillingIsUsedOnlyForTheSameTableAndValues() throws {
        let sink = DiagnosticCollector()
        let json = #"{"widths": [3, 2], "sum_columns": [2], "rows": [["a", "1.000"], ["b", {"field": "x"}], {"kind": "total", "cells": ["Tổng", ""]}]}"#
        var table = try #require(TableDecoder.read(JSONReader(try JSONParser.parse(json), path: .root / "table", sink: sink)))
        #expect(table.filling.entry != nil)
        #expect(texts(TableFilling.resolve(table, values: [:])).last == ["Tổng", "1.000"])
        #expect(texts(TableFilling.resolve(table, values: ["x": .number(try Figure.literal("5").get())])).last == ["Tổng", "1.005"])
        table.rows[0].cells[1].paragraphs = ["2.000"]
        #expect(texts(TableFilling.resolve(table, values: [:])).last == ["Tổng", "2.000"])
        _ = TableFilling.fillKeeping(&table, values: ["x": .number(try Figure.literal("7").get())])
        #expect(texts(TableFilling.resolve(table, values: ["x": .number(try Figure.literal("7").get())])).last == ["Tổng", "2.007"])
        #expect(texts(TableFilling.resolve(table, values: [:])).last == ["Tổng", "2.000"])
    }

    @Test func summedTextThatIsNotAVietnameseNumberIsAnError() throws {
        let (_, problems) = try fill("""
            {"widths": [3, 2], "sum_columns": [2], "rows": [["a", "28.4"], ["b", "2,829"], ["c", "Không"],
             {"kind": "total", "cells": ["Tổng cộng", ""]}]}
            """)
        #expect(problems == [
            "$.table.rows[0][1]: \"28.4\" in column 2, which is summed or read by a formula, is not written the Vietnamese way: \".\" groups thousands in threes and \",\" marks decimals (28,4; 1.234,5); write it as a JSON number or the Vietnamese way (28,4; 1.234,5)",
        ])
    }

    @Test func summedTextWithDigitsThatIsNotANumberIsAnError() throws {
        let (_, problems) = try fill("""
            {"widths": [3, 2], "sum_columns": [2], "rows": [["a", "12 người"], ["b", "-"], ["c", "……"],
             {"kind": "total", "cells": ["Tổng cộng", ""]}]}
            """)
        #expect(problems == [
            "$.table.rows[0][1]: \"12 người\" in column 2, which is summed or read by a formula, is not a number; give the figure alone (a unit belongs in the header) or leave the cell empty",
        ])
    }

    @Test func columnFormats() throws {
        let (t, problems) = try fill("""
            {"widths": [1, 1, 1, 1, 1], "formats": ["text", "integer", "decimal:2", "percent", "auto"],
             "rows": [["00070", 1234, 12.5, 95.5, 2024]]}
            """)
        #expect(problems.isEmpty, "\(problems)")
        #expect(texts(t) == [["00070", "1.234", "12,50", "95,5", "2.024"]])
        let (_, bad) = try fill("""
            {"widths": [1, 1], "formats": ["text", "integer"], "rows": [[70, 12.5]]}
            """)
        #expect(bad == [
            "$.table.rows[0][0]: column 1 has the format \"text\": give this value as a string (\"70\") so it prints exactly as written",
            "$.table.rows[0][1]: column 2 has the format \"integer\" but 12,5 has decimals",
        ])
        let (_, unknown) = try fill("{\"widths\": [1], \"formats\": [\"money\"], \"rows\": [[1]]}")
        #expect(unknown == ["$.table.formats[0]: unknown column format \"money\" (one of \"auto\", \"text\", \"integer\", \"decimal:N\", \"percent\", \"percent:N\")"])
    }

    /// Shared case p5: a "Mã số" column prints codes without a thousands dot, with a warning.
    @Test func codeColumnsAreNotGrouped() throws {
        let (t, problems) = try fill("""
            {"header": [["Stt", "Mã số"]], "rows": [[1, 70], [2, 10231]]}
            """)
        #expect(texts(t) == [["1", "70"], ["2", "10231"]])
        #expect(problems == ["$.table.rows[1][1]: column 2 (\"Mã số\") holds codes or years: 10231 is printed without a thousands dot; give codes as strings (\"10231\") or declare the column's format"])
    }

    @Test func formulaInputsWithMoreDecimalsThanTheResult() throws {
        let (t, _) = try fill("""
            {"widths": [1, 1, 1], "formulas": [{"column": 3, "formula": "(1) - (2)", "decimals": 3}],
             "rows": [[10, 0.1234, ""], [0.0005, 0.0001, ""]]}
            """)
        #expect(texts(t) == [["10", "0,1234", "9,877"], ["0,0005", "0,0001", "0"]])
    }

    @Test func sixDecimalsAreKept() throws {
        let (t, _) = try fill("{\"widths\": [1], \"rows\": [[3.141593], [0.000001]]}")
        #expect(texts(t) == [["3,141593"], ["0,000001"]])
    }

    /// Shared cases: formulas that crashed (index out of range at the end, 25,000 nested brackets).
    @Test func formulasThatCrashedAreErrorsOrValues() throws {
        let (t, problems) = try fill("""
            {"widths": [1, 1], "formulas": [{"column": 2, "formula": "(1) x 1.000.000"}], "rows": [["5", ""]]}
            """)
        #expect(problems.isEmpty)
        #expect(texts(t) == [["5", "5.000.000"]])
        let deep = String(repeating: "(", count: 25_000) + "1" + String(repeating: ")", count: 25_000)
        #expect(throws: VanBanModel.Expression.ParseError.self) { try VanBanModel.Expression.parse(deep) }
        let nested = String(repeating: "(", count: 40) + "(1)" + String(repeating: ")", count: 40)
        #expect(throws: VanBanModel.Expression.ParseError(description: "brackets nested deeper than 32 levels")) { try VanBanModel.Expression.parse(nested) }
        #expect(throws: VanBanModel.Expression.ParseError(description: "the number \"1.000\" at position 7 is ambiguous: the \".\" may group thousands (1000) or mark decimals (1 and 000 thousandths)")) {
            try VanBanModel.Expression.parse("(1) x 1.000")
        }
        #expect(throws: VanBanModel.Expression.ParseError(description: "unexpected end of formula")) { try VanBanModel.Expression.parse("(1) x") }
        #expect(throws: VanBanModel.Expression.ParseError(description: "unexpected \"?\" at position 7")) { try VanBanModel.Expression.parse("(1) x ?") }
        #expect(throws: VanBanModel.Expression.ParseError(description: "a column reference needs a number, as in c6 or (6)")) { try VanBanModel.Expression.parse("c") }
    }

    @Test func formulaResultsTooLargeAreErrors() throws {
        let (_, problems) = try fill("""
            {"widths": [1, 1], "formulas": [{"column": 2, "formula": "(1) x (1) x (1) x (1) x (1)"}], "rows": [[1e30, ""]]}
            """)
        #expect(problems == ["$.table.rows[0][1]: the formula \"(1) x (1) x (1) x (1) x (1)\" gives a result too large to compute exactly (more than 38 digits)"])
    }
}

/// The shared failing inputs, copied into the repository so a fresh clone tests them.
let casesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().path + "/cases"
