/// Where each cell of a table's rows stands on the column grid, the way HTML places them: a cell with a
/// row span occupies its columns in the rows below, so later cells of those rows move right.
///
/// Shape: `columns[r][i]` is the 0-based first column of cell `i` of row `r`. Cells that run past the
/// last column keep their place (callers check the grid; `TableDecoder.checkGrid` reports them).
public struct TableGrid: Sendable, Equatable {
    public let columns: [[Int]]

    public init(_ rows: [[TableCell]]) {
        var out: [[Int]] = []
        out.reserveCapacity(rows.count)
        var occupied: [Int: Set<Int>] = [:]
        for (ri, row) in rows.enumerated() {
            let taken = occupied.removeValue(forKey: ri) ?? []
            var col = 0
            var starts: [Int] = []
            starts.reserveCapacity(row.count)
            for cell in row {
                while taken.contains(col) { col += 1 }
                starts.append(col)
                if cell.rowspan > 1 {
                    for r in ri + 1..<min(ri + cell.rowspan, rows.count) {
                        for c in col..<col + cell.colspan { occupied[r, default: []].insert(c) }
                    }
                }
                col += cell.colspan
            }
            out.append(starts)
        }
        columns = out
    }

    public init(_ rows: [TableRow]) { self.init(rows.map(\.cells)) }
}
