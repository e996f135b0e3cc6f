import Foundation
import VanBanModel
import VanBanText

extension DocumentComposer {
    /// Figures that cannot fit their table column on one line even after the columns are rebalanced
    /// (issue "figures are sacred": a number is never broken across lines). Checked at validation, so
    /// `validate` and the service name the cell and the width it needs.
    ///
    /// Paths: `$.body[i].table.rows[r][c]` (or `…rows[r].cells[c]`) and
    /// `$.annexes[i].blocks[j].table.rows[r][c]`. Widths in mm.
    public func tableFitProblems(_ payload: Payload) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func check(_ blocks: [Block], at path: JSONPath, width: Double, values: [String: FieldValue]) {
            for (i, block) in blocks.enumerated() {
                guard case .table(let table) = block else { continue }
                let layout = TableLayout(spec: spec.table, text: text, borderWidth: spec.table.borderPt)
                let filled = TableFilling.resolve(table, values: values)
                for u in layout.fittedWidths(filled, width: width).unfit {
                    var at = path / i / "table" / "rows" / u.row
                    if table.rows[u.row].isObject { at = at / "cells" }
                    at = at / u.cell
                    out.append(Diagnostic(at: at, Message("table.figure-too-wide", u.text, Self.mmText(u.neededMm), Self.mmText(u.columnMm))))
                }
            }
        }
        if payload.kind != .annexOnly {
            check(payload.body, at: .root / "body", width: frame(landscape: false).textBlock.width, values: [:])
        }
        for (i, annex) in payload.annexes.enumerated() {
            check(annex.blocks, at: .root / "annexes" / i / "blocks", width: frame(landscape: annex.orientation == .landscape).textBlock.width,
                  values: annex.values)
        }
        return out
    }

    static func mmText(_ v: Double) -> String {
        let r = (v * 10).rounded(.up) / 10
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r).replacingOccurrences(of: ".", with: ",")
    }
}
