/// Fills a table for printing: figures written in their column's format, field values put into their
/// cells, totals summed and formulas computed — all exactly (`Figure`), never through binary floating point.
///
/// Rules (issue "figures are sacred"):
/// - A number keeps every decimal it was given unless its column's format (`ColumnFormat`) says otherwise.
/// - Formulas compute from exact inputs (including other formulas' unrounded results) and round only
///   their result, half away from zero, to the formula's `decimals` (default 2).
/// - A total row sums the exact item values of its section (or of the whole table); a percent column is
///   not summed; a formula column's total is the formula applied to the total row ("ratio of sums").
/// - A formula with an empty input or a division by zero leaves its cell blank; a result or sum that
///   cannot be held exactly is an error. A cell the payload filled is never overwritten.
/// - Text in a summed or formula-input column that looks like a number but is not written the
///   Vietnamese way ("28.4", "2,829") is an error, never a guess.
public enum TableFilling {
    /// A problem found while filling, located by row and cell index of the table (or field id).
    public struct Problem: Sendable, Equatable {
        public var severity: Diagnostic.Severity
        /// Row index in `table.rows`, and cell index within it; nil for a problem of the whole column.
        public var row: Int?
        public var cell: Int?
        /// The form field the value came from, when it came from one.
        public var field: String?
        public var message: Message
    }

    /// The filled table; problems are dropped (validation reported them before layout).
    public static func resolve(_ table: Table, values: [String: FieldValue]) -> Table {
        fill(table, values: values).table
    }

    /// `table` with its filling kept in `table.filling`, so later `fill`/`resolve` calls with the same
    /// table and values take it instead of filling again; returns the problems.
    public static func fillKeeping(_ table: inout Table, values: [String: FieldValue]) -> [Problem] {
        let result = fill(table, values: values)
        table.filling.entry = .init(source: table, values: values, filled: result.table, problems: result.problems)
        return result.problems
    }

    /// The filled table and every problem, for validation.
    public static func fill(_ table: Table, values: [String: FieldValue]) -> (table: Table, problems: [Problem]) {
        // Equal arrays that share storage compare in constant time: an unchanged table costs nothing here.
        if let kept = table.filling.entry, kept.values == values, kept.source == table { return (kept.filled, kept.problems) }
        return filling(table, values: values)
    }

    private static func filling(_ table: Table, values: [String: FieldValue]) -> (table: Table, problems: [Problem]) {
        var t = table
        t.filling = FillingMemo()
        var problems: [Problem] = []
        let columns = t.columnCount

        // Where each cell sits: row → column (1-based) → cell index, following spans.
        var grid: [[Int: Int]] = Array(repeating: [:], count: t.rows.count)
        let columnOf = TableGrid(t.rows).columns.map { $0.map { $0 + 1 } }
        for (ri, row) in t.rows.enumerated() {
            for (ci, cell) in row.cells.enumerated() where cell.colspan == 1 { grid[ri][columnOf[ri][ci]] = ci }
        }

        let codeColumns = Set((1...max(columns, 1)).filter { t.format($0) == .auto && isCodeHeader(headerText(t, column: $0)) })
        let formulaTargets = Dictionary(t.formulas.map { ($0.target, $0) }, uniquingKeysWith: { a, _ in a })
        let readColumns = Set(t.sumColumns + t.formulas.flatMap(\.expression.columns))

        // 1. Exact values: JSON numbers, field values, and Vietnamese-notation text.
        var exact: [[Int: Figure]] = Array(repeating: [:], count: t.rows.count)
        var filledByPayload: [[Int: Bool]] = Array(repeating: [:], count: t.rows.count)
        var warnedCode = Set<Int>()
        for r in t.rows.indices {
            for ci in t.rows[r].cells.indices {
                let c = columnOf[r][ci]
                var cell = t.rows[r].cells[ci]
                let format = t.format(c)
                if let f = cell.field, let v = values[f.id] {
                    switch v {
                    case .number(let fig):
                        cell.paragraphs = [write(fig, format: format, code: codeColumns.contains(c), computedPlaces: nil)]
                        if cell.colspan == 1 { exact[r][c] = fig }
                    case .text(let s): cell.paragraphs = s.isEmpty ? [] : [s]
                    case .choice(let i): cell.paragraphs = [String(i + 1)]
                    }
                    filledByPayload[r][c] = true
                } else if let fig = cell.figure {
                    switch format {
                    case .text:
                        problems.append(Problem(severity: .error, row: r, cell: ci, message:
                            Message("fill.text-format", String(c), fig.description)))
                    case .integer where !fig.isIntegral:
                        problems.append(Problem(severity: .error, row: r, cell: ci, message:
                            Message("fill.integer-decimals", String(c), fig.vietnamese())))
                    default: break
                    }
                    if codeColumns.contains(c), fig.isIntegral, fig.value >= 1000 || fig.value <= -1000, warnedCode.insert(c).inserted {
                        problems.append(Problem(severity: .warning, row: r, cell: ci, message:
                            Message("fill.code-column", String(c), headerText(t, column: c), fig.description)))
                    }
                    cell.paragraphs = [write(fig, format: format, code: codeColumns.contains(c), computedPlaces: nil)]
                    if cell.colspan == 1 { exact[r][c] = fig }
                    filledByPayload[r][c] = true
                } else if !cell.paragraphs.isEmpty {
                    filledByPayload[r][c] = true
                    if cell.colspan == 1, cell.paragraphs.count == 1, t.rows[r].kind != .section {
                        switch Figure.read(cell.paragraphs[0], notation: .vietnamese, allowPercent: true) {
                        case .success(let fig): exact[r][c] = fig
                        case .failure(.notANumber):
                            // "12 người", "(5)", "5 + 3": digits a total would silently leave out.
                            if readColumns.contains(c), t.rows[r].kind == .item, cell.paragraphs[0].contains(where: { $0.isASCII && $0.isNumber }) {
                                problems.append(Problem(severity: .error, row: r, cell: ci, message:
                                    Message("fill.not-a-number", cell.paragraphs[0], String(c))))
                            }
                        case .failure(let e):
                            if readColumns.contains(c) {
                                problems.append(Problem(severity: .error, row: r, cell: ci, message:
                                    Message("fill.bad-number", cell.paragraphs[0], String(c), e.message.asArgument)))
                            }
                        }
                    }
                }
                t.rows[r].cells[ci] = cell
            }
        }

        func set(_ r: Int, _ c: Int, _ v: Figure, computedPlaces: Int?) {
            guard let ci = grid[r][c], filledByPayload[r][c] != true else { return }
            exact[r][c] = v
            t.rows[r].cells[ci].paragraphs = [write(v, format: t.format(c), code: codeColumns.contains(c), computedPlaces: computedPlaces)]
        }
        func applyFormulas(_ r: Int) {
            for f in t.formulas where filledByPayload[r][f.target] != true && grid[r][f.target] != nil {
                switch f.expression.evaluate({ exact[r][$0] }) {
                case .success(let v): set(r, f.target, v, computedPlaces: f.decimals)
                case .failure(.tooLarge):
                    problems.append(Problem(severity: .error, row: r, cell: grid[r][f.target], message:
                        Message("fill.formula-too-large", f.source, String(Figure.maxDigits))))
                case .failure: break
                }
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
                var sums: [Int: Figure] = [:]
                for c in t.sumColumns {
                    if case .percent = t.format(c) { continue }
                    let items = range.filter { t.rows[$0].kind == .item }.compactMap { exact[$0][c] }
                    guard var total = items.first else { continue }
                    var overflow = false
                    for v in items.dropFirst() {
                        guard let s = total + v else { overflow = true; break }
                        total = s
                    }
                    if overflow {
                        problems.append(Problem(severity: .error, row: r, cell: grid[r][c], message:
                            Message("fill.total-too-large", String(c), String(Figure.maxDigits))))
                        continue
                    }
                    sums[c] = total
                    if formulaTargets[c] == nil { set(r, c, total, computedPlaces: nil) }
                }
                applyFormulas(r)
                // A formula column the formula could not fill on this row shows the sum of its exact values.
                for (c, total) in sums where formulaTargets[c] != nil && exact[r][c] == nil {
                    set(r, c, total, computedPlaces: formulaTargets[c]!.decimals)
                }
                if t.rows[r].sum != .all { sectionStart = r + 1 }
            default: break
            }
        }
        return (t, problems)
    }

    /// The printed text of a figure in a column.
    /// - Parameter computedPlaces: for a formula result, the formula's decimals (rounded there, trailing
    ///   zeros dropped unless the column fixes its decimals); nil for a value as given or a sum.
    public static func write(_ f: Figure, format: ColumnFormat, code: Bool, computedPlaces: Int?) -> String {
        let value = computedPlaces.map { f.rounded(places: $0) } ?? f
        let trim = computedPlaces != nil
        switch format {
        case .text: return value.vietnamese(trimZeros: trim, groupThousands: false)
        case .auto: return value.vietnamese(trimZeros: trim, groupThousands: !code)
        case .integer: return value.vietnamese(places: 0)
        case .decimal(let n): return value.vietnamese(places: n)
        case .percent(let n): return n.map { value.vietnamese(places: $0) } ?? value.vietnamese(trimZeros: trim)
        }
    }

    /// The header text over column `c` (the lowest header cell that covers exactly that column).
    static func headerText(_ t: Table, column c: Int) -> String {
        var found = ""
        let grid = TableGrid(t.header)
        for (ri, row) in t.header.enumerated() {
            for (ci, cell) in row.enumerated() where grid.columns[ri][ci] + 1 == c && cell.colspan == 1 {
                found = cell.paragraphs.joined(separator: " ")
            }
        }
        return found
    }

    /// Headers of identifier columns, whose numbers are never grouped in thousands:
    /// "Mã số", "Mã ĐVHC", "Năm", "STT", "Số hiệu", "Ký hiệu", "Điện thoại", "Số CCCD", "Số tài khoản".
    static func isCodeHeader(_ header: String) -> Bool {
        let h = header.lowercased().trimmingWhitespace
        if h.isEmpty { return false }
        let words = h.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" || $0 == "/" || $0 == "," }).map(String.init)
        guard let first = words.first else { return false }
        if ["mã", "năm", "stt", "tt", "mst", "cccd", "cmnd", "msdn"].contains(first) { return true }
        let codePhrases = ["số hiệu", "ký hiệu", "điện thoại", "số tt", "số thứ tự", "số tài khoản", "số cccd", "số cmnd", "mã số", "số định danh"]
        return codePhrases.contains { h.hasPrefix($0) }
    }
}
