import Foundation
import Testing
@testable import VanBanModel

/// An exact figure from a JSON literal (test shorthand).
func fig(_ literal: String) -> Figure { try! Figure.literal(literal).get() }

/// The value of an evaluation, or nil when it failed.
func value(_ r: Result<Figure, VanBanModel.Expression.Failure>) -> Decimal? { (try? r.get())?.value }

@Suite struct FormulaTests {
    @Test func parsesTheDecreeStyleColumnFormulas() throws {
        let e = try VanBanModel.Expression.parse("(6)/(3) x 100")
        #expect(e.columns == [6, 3])
        #expect(value(e.evaluate { [6: fig("45"), 3: fig("90")][$0] }) == 50)
        #expect(value(try VanBanModel.Expression.parse("c11 / c10 * 100").evaluate { [11: fig("1"), 10: fig("4")][$0] }) == 25)
        #expect(value(try VanBanModel.Expression.parse("((1) + (2)) * 2 - 1").evaluate { Figure($0) }) == 5)
    }

    @Test func divisionByZeroAndEmptyCellsGiveNoValue() throws {
        let e = try VanBanModel.Expression.parse("(6)/(3)*100")
        #expect(e.evaluate { [6: fig("5"), 3: fig("0")][$0] } == .failure(.divisionByZero))
        #expect(e.evaluate { [6: fig("5")][$0] } == .failure(.missingInput))
    }

    @Test func badFormulasAreRejected() {
        #expect(throws: VanBanModel.Expression.ParseError.self) { try VanBanModel.Expression.parse("(6) / ") }
        #expect(throws: VanBanModel.Expression.ParseError.self) { try VanBanModel.Expression.parse("(6) % 3") }
        // Found by fuzzing: non-ASCII digits and huge column numbers are errors, not crashes.
        #expect(throws: VanBanModel.Expression.ParseError.self) { try VanBanModel.Expression.parse("(١)") }
        #expect(throws: VanBanModel.Expression.ParseError.self) { try VanBanModel.Expression.parse("(99999999999999999999)") }
        #expect(throws: VanBanModel.Expression.ParseError.self) { try VanBanModel.Expression.parse("c99999999999999999999") }
    }

    @Test func vietnameseNumbersParse() {
        func vi(_ s: String) -> Decimal? { (try? Figure.read(s, notation: .vietnamese, allowPercent: true).get())?.value }
        #expect(vi("3.290") == 3290)
        #expect(vi("16,7") == Decimal(string: "16.7"))
        #expect(vi("100%") == 100)
        #expect(vi("1.250,5") == Decimal(string: "1250.5"))
        #expect(vi("……") == nil)
        #expect(vi("") == nil)
    }

    /// Seed 002, Bảng 1: Cột (9) = Cột (6)/Cột (3) x 100, with a subtotal per section and a grand total.
    func table(_ rows: String) throws -> Table {
        let json = """
        {"widths": [1,1,1,1], "sum_columns": [2, 3], "formulas": [{"column": 4, "formula": "(3)/(2) x 100", "decimals": 1}],
         "rows": [\(rows)]}
        """
        let sink = DiagnosticCollector()
        let t = try #require(TableDecoder.read(JSONReader(try JSONParser.parse(json), sink: sink)))
        #expect(sink.diagnostics.isEmpty, "\(sink.diagnostics)")
        return TableFilling.resolve(t, values: [:])
    }

    @Test func formulasSubtotalsAndGrandTotals() throws {
        let t = try table("""
            {"kind": "section", "cells": [{"text": "I. Các sở", "colspan": 4}]},
            ["Sở A", "200", "150", ""], ["Sở B", "100", "0", ""],
            {"kind": "total", "cells": ["Tổng", "", "", ""]},
            {"kind": "section", "cells": [{"text": "II. UBND cấp huyện", "colspan": 4}]},
            ["Huyện C", "0", "0", ""],
            {"kind": "total", "cells": ["Tổng", "", "", ""]},
            {"kind": "total", "sum": "all", "cells": ["Tổng cộng", "", "", ""]}
            """)
        let cells = t.rows.map { $0.cells.map { $0.paragraphs.first ?? "" } }
        #expect(cells[1] == ["Sở A", "200", "150", "75"])
        #expect(cells[2] == ["Sở B", "100", "0", "0"])
        #expect(cells[3] == ["Tổng", "300", "150", "50"])
        // 0/0: no ratio, the cell stays blank instead of a division by zero.
        #expect(cells[5] == ["Huyện C", "0", "0", ""])
        #expect(cells[6] == ["Tổng", "0", "0", ""])
        #expect(cells[7] == ["Tổng cộng", "300", "150", "50"])
    }

    @Test func roundingIsHalfAwayFromZeroToTheFormulasDecimals() throws {
        let t = try table("[\"A\", \"3\", \"2\", \"\"]")
        #expect(t.rows[0].cells[3].paragraphs == ["66,7"])
    }

    @Test func formulaNamingAMissingColumnIsAnError() throws {
        let json = """
        {"widths": [1,1,1], "formulas": [{"column": 3, "formula": "(6)/(2)"}, {"column": 5, "formula": "(1)"}], "rows": [["a","b","c"]]}
        """
        let sink = DiagnosticCollector()
        _ = TableDecoder.read(JSONReader(try JSONParser.parse(json), path: JSONPath.root / "table", sink: sink))
        #expect(sink.diagnostics.map(\.description) == [
            "$.table.formulas[0].formula: names column (6), but the table has 3 columns",
            "$.table.formulas[1].column: column 5 does not exist (the table has 3)",
        ])
    }
}

@Suite struct FormBindingTests {
    static let formJSON = """
    {"title": ["PHIẾU"], "blocks": [
      {"table": {"widths": [1, 4, 1, 1], "rows": [
        {"id": "1.1", "cells": ["1.1", "Tổng số văn bản", "văn bản", {"field": "1.1"}]},
        {"id": "1.2", "cells": ["1.2", "Tỷ lệ", "%", {"field": {"id": "1.2", "decimals": 1}}]}]}},
      {"fill": ["- Cơ quan: ", {"field": {"id": "co_quan", "type": "text"}}]},
      {"choices": ["KT < 10 Mb", "10 Mb ≤ KT ≤ 20 Mb", "KT > 20 Mb"], "field": "kich_thuoc"}]}
    """

    func form() throws -> FormDefinition {
        let (form, diagnostics) = FormDefinition.decode(Array(Self.formJSON.utf8), name: "phieu")
        #expect(diagnostics.isEmpty)
        return try #require(form)
    }

    func bind(_ values: String) throws -> (Annex, [String]) {
        let annexJSON = "{\"form\": \"phieu\", \"values\": \(values)}"
        let sink = DiagnosticCollector()
        let annex = try #require(PayloadDecoder.readAnnex(JSONReader(try JSONParser.parse(annexJSON), path: .root / "annexes" / 0, sink: sink)))
        let bound = try form().bind(annex, path: .root / "annexes" / 0, sink: sink)
        return (bound, sink.diagnostics.map(\.description))
    }

    @Test func formListsItsFields() throws {
        #expect(try form().fields.keys.sorted() == ["1.1", "1.2", "co_quan", "kich_thuoc"])
    }

    @Test func valuesBindByFieldID() throws {
        let (annex, problems) = try bind("{\"1.1\": 3290, \"1.2\": \"16,7\", \"co_quan\": \"Sở Nội vụ\", \"kich_thuoc\": \"KT > 20 Mb\"}")
        #expect(problems.isEmpty)
        #expect(annex.values == ["1.1": .number(fig("3290")), "1.2": .number(fig("16.7")), "co_quan": .text("Sở Nội vụ"), "kich_thuoc": .choice(2)])
        #expect(annex.title == ["PHIẾU"])
        guard case .table(let t) = annex.blocks[0] else { Issue.record("not a table"); return }
        let filled = TableFilling.resolve(t, values: annex.values)
        #expect(filled.rows.map { $0.cells[3].paragraphs } == [["3.290"], ["16,7"]])
    }

    @Test func unknownFieldsAndWrongTypesAreNamed() throws {
        let (_, problems) = try bind("{\"1.3\": 5, \"1.1\": \"nhiều\", \"kich_thuoc\": 4, \"co_qaun\": \"x\"}")
        #expect(problems == [
            "$.annexes[0].values[\"1.1\"]: expected a number, got a string",
            "$.annexes[0].values[\"1.3\"]: the form \"phieu\" has no field \"1.3\" (did you mean \"1.1\"?)",
            "$.annexes[0].values.co_qaun: the form \"phieu\" has no field \"co_qaun\" (did you mean \"co_quan\"?)",
            "$.annexes[0].values.kich_thuoc: expected an option number from 1 to 3, got 4",
        ])
    }
}
