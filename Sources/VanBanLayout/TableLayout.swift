import VanBanModel
import VanBanText

/// Lays out a table as flow slices: the header band (repeated on continuation pages), then one
/// band per group of rows joined by row spans, each with its borders.
struct TableLayout {
    let spec: TableSpec
    let text: TextBlocks
    let borderWidth: Double

    /// A cell placed on the grid.
    private struct GridCell {
        var cell: TableCell
        var row: Int
        var column: Int
        var face: FontFace
        var alignment: Table.Alignment
        var lines: [(item: TextItem, gapBefore: Double)] = []
        var contentHeight: Double = 0
    }

    /// The table's slices, produced lazily: caption and header at once, then each band of rows only when
    /// the paginator asks for it, then the notes. Memory stays flat however long the table is.
    func flow(_ table: Table, width: Double, tableID: Int, spaceBefore: Double) -> FlowSource {
        let columnWidths = fittedWidths(table, width: width).widths
        var columnX: [Double] = [0]
        for w in columnWidths { columnX.append(columnX.last! + w) }
        var prefix: [FlowItem] = []

        if let caption = table.caption {
            for var f in text.flow(caption, font: FontSpec(spec.caption.face, spec.caption.size), width: width, align: .center,
                                   indent: 0, spaceBefore: spec.gapPt, role: "table-caption") {
                f.keepWithNext = true
                prefix.append(f)
            }
        }

        var headerRows = table.header.map { TableRow(kind: .item, cells: $0) }
        if table.columnNumbers {
            headerRows.append(TableRow(kind: .item, cells: (1...table.columnCount).map { TableCell(paragraphs: ["\($0)"]) }))
        }
        var header: RepeatedHeader? = nil
        if !headerRows.isEmpty {
            let bands = layoutBands(headerRows, isHeader: true, columnX: columnX, columnWidths: columnWidths, table: table)
            let items = Self.mergingBorders(bands.flatMap { band in band.items.map { $0.offsetBy(dx: 0, dy: band.top) } })
            let height = bands.last.map { $0.top + $0.height } ?? 0
            var f = FlowItem(height: height, spaceBefore: table.caption == nil ? spec.gapPt : 2, items: items)
            f.keepWithNext = true
            prefix.append(f)
            if table.repeatHeader { header = RepeatedHeader(id: tableID, items: items, height: height) }
        }
        if !prefix.isEmpty { prefix[0].spaceBefore = max(prefix[0].spaceBefore, spaceBefore) }

        let ranges = Self.bandRanges(table.rows)
        let firstGap = prefix.isEmpty ? max(spec.gapPt, spaceBefore) : 0
        let rows = table.rows
        // Each band is laid out when the paginator reaches it (a 5,000-row table never holds all its rows' items, #14).
        let bands = FlowSource(count: ranges.count) { i -> FlowItem? in
            let range = ranges[i]
            guard let band = self.layoutBands(Array(rows[range]), isHeader: false, columnX: columnX,
                                              columnWidths: columnWidths, table: table).first else { return nil }
            var f = FlowItem(height: band.height, spaceBefore: i == 0 ? firstGap : 0, items: band.items)
            f.repeatedHeader = header
            f.breakPoints = band.breakPoints
            f.splittable = table.splitRows
            f.spanLabels = band.spanLabels
            // A section or group heading row never stays alone at the bottom of a page.
            f.keepWithNext = band.isHeading && range.upperBound < rows.count
            return f
        }

        var notes: [FlowItem] = []
        for (i, note) in table.notes.enumerated() {
            notes += text.flow(note, font: FontSpec(spec.note.face, spec.note.size), width: width, align: .justify, indent: 0,
                               spaceBefore: i == 0 ? 4 : 0, role: "table-note")
        }
        return FlowSource(joining: [FlowSource(prefix), bands, FlowSource(notes)])
    }

    /// A number that does not fit its column even after widening: which cell, and the width it needs.
    struct Unfit {
        var row: Int
        var cell: Int
        var text: String
        var neededMm: Double
        var columnMm: Double
    }

    /// Column widths in pt: the declared widths, widened where a number would not fit its column on one
    /// line (a number is never broken across lines), taking the room from columns with slack — text
    /// columns first down to their longest word, then any column down to its own numbers.
    /// `unfit` lists cells whose numbers still cannot fit.
    func fittedWidths(_ table: Table, width: Double) -> (widths: [Double], unfit: [Unfit]) {
        let total = table.widths.reduce(0, +)
        // Millimetre widths are kept unless the table would cross the margins; then it is scaled to fit.
        var w = table.widthsAreMillimetres && mm(total) <= width + 0.01
            ? table.widths.map { mm($0) }
            : table.widths.map { $0 / total * width }
        let padX = mm(spec.paddingXMm)
        let n = w.count
        var need = [Double](repeating: 0, count: n)
        var needAt: [(row: Int, cell: Int, text: String)?] = Array(repeating: nil, count: n)
        // Cheap bound first: digits of the bundled serif are all one advance wide, and separators narrower,
        // so a number of k characters is at most k digit advances (bold). Only numbers that might not fit are measured.
        let boldFont = FontSpec(.bold, spec.style.size)
        let digit = text.typesetter.width(of: "0", font: boldFont)
        let rowGrid = TableGrid(table.rows)
        for (ri, row) in table.rows.enumerated() {
            for (ci, cell) in row.cells.enumerated() {
                let col = rowGrid.columns[ri][ci]
                guard cell.colspan == 1, col < n else { continue }
                for para in cell.paragraphs {
                    Self.forEachWord(para) { token, scalars, isNumeric in
                        guard isNumeric else { return }
                        let bound = Double(scalars) * digit + 2 * padX
                        guard bound > w[col] - 0.01 else { return }
                        let face: FontFace = [.group, .section, .total].contains(row.kind) || cell.bold == true ? .bold : spec.style.face
                        let word = token()
                        let exact = text.typesetter.width(of: word, font: FontSpec(face, spec.style.size)) + 2 * padX + 0.5
                        if exact > need[col] { need[col] = exact; needAt[col] = (ri, ci, word) }
                    }
                }
            }
        }
        let deficit = (0..<n).reduce(0.0) { $0 + max(0, need[$1] - w[$1]) }
        guard deficit > 0.01 else { return (w, []) }
        // Soft minimum of each column: its longest word (so text is not broken inside words), or its numbers.
        var soft = need
        let headerGrid = TableGrid(table.header)
        for (rows, grid) in [(table.header, headerGrid.columns), (table.rows.map(\.cells), rowGrid.columns)] {
            for (ri, row) in rows.enumerated() {
                for (ci, cell) in row.enumerated() {
                    let col = grid[ri][ci]
                    guard cell.colspan == 1, col < n else { continue }
                    for para in cell.paragraphs {
                        // A word of k characters is at most k em (two digit advances) wide: measure only those that may matter.
                        Self.forEachWord(para) { word, scalars, _ in
                            guard Double(scalars) * 2 * digit + 2 * padX > soft[col] else { return }
                            soft[col] = max(soft[col], text.typesetter.width(of: word(), font: FontSpec(.bold, spec.style.size)) + 2 * padX)
                        }
                    }
                }
            }
        }
        var remaining = deficit
        for c in 0..<n where need[c] > w[c] { w[c] = need[c] }
        for floor in [soft, need] where remaining > 0.01 {
            let slack = (0..<n).map { max(0, w[$0] - max(floor[$0], need[$0])) }
            let available = slack.reduce(0, +)
            guard available > 0.01 else { continue }
            let take = min(remaining, available)
            for c in 0..<n { w[c] -= slack[c] / available * take }
            remaining -= take
        }
        guard remaining > 0.01 else { return (w, []) }
        // Still too narrow: give the widened columns back their share and report each cell that does not fit.
        let scale = width / w.reduce(0, +)
        w = w.map { $0 * scale }
        var unfit: [Unfit] = []
        for c in 0..<n where need[c] > w[c] + 0.01 {
            if let at = needAt[c] { unfit.append(Unfit(row: at.row, cell: at.cell, text: at.text, neededMm: need[c] / mm(1), columnMm: w[c] / mm(1))) }
        }
        return (w, unfit)
    }

    /// Calls `body` with each space-separated word of `paragraph`: the word (made only when asked for),
    /// its number of Unicode scalars (at least its number of characters, so a bound on its width),
    /// and whether it is a figure as printed: digits with thousands dots and a decimal comma, a sign
    /// (`-`, `+`, `−`), a percent sign.
    ///
    /// On UTF-8 bytes: splitting and classifying with `String`/`Character` took 4 M instructions per
    /// table of 26 rows, twice per document (#14).
    static func forEachWord(_ paragraph: String, _ body: (_ word: () -> String, _ scalars: Int, _ isNumeric: Bool) -> Void) {
        var paragraph = paragraph
        paragraph.withUTF8 { u in
            var i = 0
            while i < u.count {
                if u[i] == 0x20 { i += 1; continue }
                let start = i
                var scalars = 0, digits = 0
                var numeric = true
                while i < u.count && u[i] != 0x20 {
                    let b = u[i]
                    if b & 0xC0 != 0x80 { scalars += 1 }
                    switch b {
                    case 0x30...0x39: digits += 1
                    case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "%"): break
                    case 0xE2 where i + 2 < u.count && u[i + 1] == 0x88 && u[i + 2] == 0x92: i += 2  // U+2212 MINUS SIGN
                    default: numeric = false
                    }
                    i += 1
                }
                let range = start..<i
                body({ String(decoding: UnsafeBufferPointer(rebasing: u[range]), as: UTF8.self) }, scalars, numeric && digits > 0)
            }
        }
    }

    /// Row ranges tied together by row spans: each is laid out and paginated as one unit.
    static func bandRanges(_ rows: [TableRow]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var end = -1
        for (r, row) in rows.enumerated() {
            if r > end && r > start { ranges.append(start..<r); start = r }
            end = max(end, r + (row.cells.map(\.rowspan).max() ?? 1) - 1, r)
        }
        if !rows.isEmpty { ranges.append(start..<rows.count) }
        return ranges
    }

    private struct Band {
        var top: Double
        var height: Double
        var items: [PageItem]
        var breakPoints: [Double]
        var isHeading: Bool
        var spanLabels: [SpanLabel]
    }

    /// Joins the cells' border segments into as few lines as draw the same grid: shared edges once,
    /// collinear neighbours as one stroke (a 5-column row goes from 20 strokes to 8; long tables stay light).
    static func mergingBorders(_ items: [PageItem]) -> [PageItem] {
        var others: [PageItem] = []
        var horizontal: [Double: [(Double, Double)]] = [:], vertical: [Double: [(Double, Double)]] = [:]
        var width = 0.5
        func key(_ v: Double) -> Double { (v * 100).rounded() / 100 }
        for item in items {
            guard case .line(let l) = item, l.role == "table" else { others.append(item); continue }
            width = l.width
            if l.y1 == l.y2 { horizontal[key(l.y1), default: []].append((min(l.x1, l.x2), max(l.x1, l.x2))) }
            else { vertical[key(l.x1), default: []].append((min(l.y1, l.y2), max(l.y1, l.y2))) }
        }
        func merged(_ segments: [(Double, Double)]) -> [(Double, Double)] {
            var out: [(Double, Double)] = []
            for s in segments.sorted(by: { $0.0 < $1.0 }) {
                if let last = out.last, s.0 <= last.1 + 0.01 { out[out.count - 1].1 = max(last.1, s.1) } else { out.append(s) }
            }
            return out
        }
        var lines: [PageItem] = []
        for y in horizontal.keys.sorted() {
            for (a, b) in merged(horizontal[y]!) { lines.append(.line(LineItem(x1: a, y1: y, x2: b, y2: y, width: width, color: .black, role: "table"))) }
        }
        for x in vertical.keys.sorted() {
            for (a, b) in merged(vertical[x]!) { lines.append(.line(LineItem(x1: x, y1: a, x2: x, y2: b, width: width, color: .black, role: "table"))) }
        }
        return others + lines
    }

    /// Places rows on the grid, sizes them, and groups rows tied by row spans into bands.
    private func layoutBands(_ rows: [TableRow], isHeader: Bool, columnX: [Double], columnWidths: [Double], table: Table) -> [Band] {
        let padX = mm(spec.paddingXMm), padY = mm(spec.paddingYMm)
        var occupied: [Int: Set<Int>] = [:]
        var cells: [GridCell] = []
        for (ri, row) in rows.enumerated() {
            var col = 0
            for cell in row.cells {
                while occupied[ri, default: []].contains(col) { col += 1 }
                guard col + cell.colspan <= table.columnCount else { break }
                for r in ri..<min(ri + cell.rowspan, rows.count) {
                    for c in col..<col + cell.colspan { occupied[r, default: []].insert(c) }
                }
                let rowFace: FontFace
                switch row.kind {
                case _ where isHeader: rowFace = spec.headerFace
                case .group, .section, .total: rowFace = .bold
                case .subgroup: rowFace = .boldItalic
                case .item, .blank: rowFace = spec.style.face
                }
                let face = FontFace(bold: cell.bold ?? rowFace.isBold, italic: cell.italic ?? rowFace.isItalic)
                let alignment = cell.alignment
                    ?? (isHeader ? .center : (row.kind == .section ? .left : (table.alignments.isEmpty ? (col == 0 ? .center : .left) : table.alignments[col])))
                cells.append(GridCell(cell: cell, row: ri, column: col, face: face, alignment: alignment))
                col += cell.colspan
            }
        }

        // Shape every cell's paragraphs to its width. In group rows only the first paragraph takes the row's weight.
        for k in cells.indices {
            let c = cells[k]
            let width = columnX[c.column + c.cell.colspan] - columnX[c.column] - 2 * padX
            var y = 0.0
            for (pi, para) in c.cell.paragraphs.enumerated() {
                let face = (pi > 0 && !isHeader && rows[c.row].kind != .section) ? FontFace(bold: c.cell.bold ?? false, italic: c.cell.italic ?? false) : c.face
                let font = FontSpec(face, spec.style.size)
                let align: LineAlignment
                switch c.alignment {
                case .left: align = .left
                case .center: align = .center
                case .right: align = .right
                case .justify: align = .justify
                }
                let (ls, p) = text.lines(para, font: font, x: columnX[c.column] + padX, width: width, align: align,
                                         role: isHeader ? "table-header" : "table", spacing: spec.lineSpacing)
                for (li, var l) in ls.enumerated() {
                    l.baseline += y + Double(li) * p
                    cells[k].lines.append((l, 0))
                }
                y += Double(ls.count) * p
            }
            cells[k].contentHeight = y + 2 * padY
        }

        // Row heights: single-row cells first, then stretch the last row of a span to fit spanning cells.
        let minHeight = text.pitch(FontSpec(spec.style.face, spec.style.size), spacing: spec.lineSpacing) + 2 * padY
        var heights = [Double](repeating: minHeight, count: rows.count)
        for c in cells where c.cell.rowspan == 1 { heights[c.row] = max(heights[c.row], c.contentHeight) }
        for c in cells where c.cell.rowspan > 1 {
            let last = min(c.row + c.cell.rowspan, rows.count) - 1
            let have = heights[c.row...last].reduce(0, +)
            if c.contentHeight > have { heights[last] += c.contentHeight - have }
        }

        // Bands: rows linked by a row span stay together.
        var bandEnd = [Int](0..<rows.count)
        for c in cells where c.cell.rowspan > 1 {
            let last = min(c.row + c.cell.rowspan, rows.count) - 1
            for r in c.row...last { bandEnd[r] = max(bandEnd[r], last) }
        }
        var bands: [Band] = []
        var rowTop = [Double](repeating: 0, count: rows.count)
        var r = 0
        var cursor = 0.0
        while r < rows.count {
            var end = bandEnd[r]
            var k = r
            while k <= end { end = max(end, bandEnd[k]); k += 1 }
            var y = 0.0
            for i in r...end { rowTop[i] = y; y += heights[i] }
            var items: [PageItem] = []
            var breakPoints: [Double] = []
            var cellBottoms: [[Double]] = []
            var spanLabels: [SpanLabel] = []
            for c in cells where c.row >= r && c.row <= end {
                let top = rowTop[c.row]
                let lastRow = min(c.row + c.cell.rowspan, rows.count) - 1
                let height = rowTop[lastRow] + heights[lastRow] - top
                let x1 = columnX[c.column], x2 = columnX[c.column + c.cell.colspan]
                // Centre the content vertically in its cell; in tables whose rows may split, keep it at the top,
                // so a short cell does not drift to the bottom of a row that runs over two pages.
                let dy = top + (table.splitRows && !isHeader ? 0 : (height - c.contentHeight) / 2) + padY
                var bottoms: [Double] = []
                defer { cellBottoms.append(bottoms) }
                for (l, _) in c.lines {
                    var t = l
                    t.baseline += dy
                    items.append(.text(t))
                    breakPoints.append(t.baseline + t.font.size * 0.3)
                    bottoms.append(t.baseline + t.font.size * 0.3)
                }
                if c.cell.rowspan > 1, !c.lines.isEmpty {
                    let copies = c.lines.map { l -> PageItem in var label = l.item; label.baseline += padY; return .text(label) }
                    spanLabels.append(SpanLabel(items: copies, originalBottom: bottoms.max() ?? top, cellTop: top, cellBottom: top + height))
                }
                let bw = borderWidth
                items.append(.line(LineItem(x1: x1, y1: top, x2: x2, y2: top, width: bw, color: .black, role: "table")))
                items.append(.line(LineItem(x1: x1, y1: top + height, x2: x2, y2: top + height, width: bw, color: .black, role: "table")))
                items.append(.line(LineItem(x1: x1, y1: top, x2: x1, y2: top + height, width: bw, color: .black, role: "table")))
                items.append(.line(LineItem(x1: x2, y1: top, x2: x2, y2: top + height, width: bw, color: .black, role: "table")))
            }
            items = Self.mergingBorders(items)
            let isHeading = (r...end).allSatisfy { [.section, .group, .subgroup].contains(rows[$0].kind) }
            // A row is cut only between lines, and never so that a cell keeps a single line on either side
            // of the cut (no orphan or widow lines inside a cell).
            // Each cell's line bottoms are sorted (lines go down), so "lines above y" is a binary search:
            // O(n log n) for a cell of n lines rather than O(n²).
            func linesAbove(_ cell: [Double], _ y: Double) -> Int {
                var lo = 0, hi = cell.count
                while lo < hi { let mid = (lo + hi) / 2; if cell[mid] <= y + 0.01 { lo = mid + 1 } else { hi = mid } }
                return lo
            }
            let multiLine = cellBottoms.filter { $0.count >= 2 }
            // Rows tied by a row span, in a table whose rows do not split: the group breaks only between
            // its rows (when taller than a page), never inside one — no sliver rows, no cut lines.
            let allowed = !table.splitRows && !isHeader && end > r ? (r + 1...end).map { rowTop[$0] } : breakPoints.sorted().filter { y in
                multiLine.allSatisfy { cell in
                    let above = linesAbove(cell, y)
                    let below = cell.count - above
                    return above != 1 && below != 1
                }
            }
            bands.append(Band(top: cursor, height: y, items: items, breakPoints: allowed, isHeading: isHeading,
                              spanLabels: spanLabels))
            cursor += y
            r = end + 1
        }
        return bands
    }
}
