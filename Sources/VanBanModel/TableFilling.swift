/// Fills a table for printing: field values into their cells, totals summed, formulas computed.
///
/// Rounding: formula results keep the formula's `decimals` (default 2), rounded half away from
/// zero; sums keep the inputs' precision. A formula with an empty input or a division by zero
/// leaves its cell blank. A cell the payload filled is never overwritten.
public enum TableFilling {
    public static func resolve(_ table: Table, values: [String: FieldValue]) -> Table {
        var t = table
        // 1. Values into field cells.
        for r in t.rows.indices {
            for c in t.rows[r].cells.indices {
                guard let f = t.rows[r].cells[c].field else { continue }
                switch values[f.id] {
                case .number(let d)?: t.rows[r].cells[c].paragraphs = [NumberFormat.vietnamese(d, maxFractionDigits: f.decimals)]
                case .text(let s)?: t.rows[r].cells[c].paragraphs = s.isEmpty ? [] : [s]
                case .choice(let i)?: t.rows[r].cells[c].paragraphs = [String(i + 1)]
                case nil: break
                }
            }
        }
        guard !t.formulas.isEmpty || !t.sumColumns.isEmpty else { return t }
        // Column of each cell, following spans (row spans occupy later rows).
        var grid: [[Int: Int]] = Array(repeating: [:], count: t.rows.count)   // row → column → cell index
        var occupied: [Int: Set<Int>] = [:]
        for (ri, row) in t.rows.enumerated() {
            var col = 0
            for (ci, cell) in row.cells.enumerated() {
                while occupied[ri, default: []].contains(col) { col += 1 }
                if cell.colspan == 1 { grid[ri][col + 1] = ci }
                for r in ri..<min(ri + cell.rowspan, t.rows.count) { for c in col..<col + cell.colspan { occupied[r, default: []].insert(c) } }
                col += cell.colspan
            }
        }
        func number(_ r: Int, _ c: Int) -> Double? {
            guard let ci = grid[r][c] else { return nil }
            return t.rows[r].cells[ci].paragraphs.first.flatMap(NumberFormat.parse)
        }
        func set(_ r: Int, _ c: Int, _ v: Double, decimals: Int) {
            guard let ci = grid[r][c], t.rows[r].cells[ci].paragraphs.isEmpty, t.rows[r].cells[ci].field.map({ values[$0.id] == nil }) ?? true else { return }
            t.rows[r].cells[ci].paragraphs = [NumberFormat.vietnamese(v, maxFractionDigits: decimals)]
        }
        func applyFormulas(_ r: Int) {
            for f in t.formulas {
                if let v = f.expression.evaluate({ number(r, $0) }), v.isFinite { set(r, f.target, v, decimals: f.decimals) }
            }
        }
        // 2. Formulas on data rows, 3. sums into total rows, 4. formulas on total rows (ratios of sums).
        for r in t.rows.indices where t.rows[r].kind == .item { applyFormulas(r) }
        var sectionStart = 0
        for r in t.rows.indices {
            switch t.rows[r].kind {
            case .section: sectionStart = r + 1
            case .total:
                let range = t.rows[r].sum == .all ? 0..<r : sectionStart..<r
                for c in t.sumColumns {
                    let items = range.filter { t.rows[$0].kind == .item }.compactMap { number($0, c) }
                    if !items.isEmpty { set(r, c, items.reduce(0, +), decimals: 6) }
                }
                applyFormulas(r)
                if t.rows[r].sum != .all { sectionStart = r + 1 }
            default: break
            }
        }
        return t
    }
}

extension NumberFormat {
    /// Reads a number written the Vietnamese way ("3.290", "16,7", "100%"); nil for anything else.
    public static func parse(_ text: String) -> Double? {
        var s = text.trimmingCharacters(in: .whitespaces)
        if s.hasSuffix("%") { s.removeLast(); s = s.trimmingCharacters(in: .whitespaces) }
        guard !s.isEmpty, s.allSatisfy({ $0.isNumber || $0 == "." || $0 == "," || $0 == "-" }) else { return nil }
        // Dots group thousands only in groups of three; "3.5" is read as a decimal point typed by mistake.
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count > 1, parts.dropFirst().allSatisfy({ $0.prefix(while: { $0 != "," }).count == 3 }) {
            s = s.replacingOccurrences(of: ".", with: "")
        }
        return Double(s.replacingOccurrences(of: ",", with: "."))
    }
}
