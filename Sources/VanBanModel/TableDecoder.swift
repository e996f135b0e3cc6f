/// Reads a table block and checks its grid: spans must fit the column count and rows must fill it.
enum TableDecoder {
    static func read(_ r: JSONReader) -> Table? {
        let errorsBefore = r.sink.errorCount
        guard r.expectObject(allowed: ["caption", "header", "column_numbers", "widths", "align", "rows", "notes", "repeat_header",
                                       "formulas", "sum_columns", "split_rows", "widths_mm", "formats"]) else {
            return nil
        }
        let caption = r.optionalText("caption")
        let header: [[TableCell]] = r.member("header")?.elements()?.map { row in
            row.elements()?.compactMap { readCell($0) } ?? []
        } ?? []
        let columnNumbers = r.member("column_numbers")?.bool() ?? false
        var widths = r.member("widths")?.elements()?.compactMap { $0.number(in: 0.1...1000) } ?? []
        // Widths in millimetres: kept as given; the layout checks they fit the text block.
        let widthsMm = r.member("widths_mm")?.elements()?.compactMap { $0.number(in: 1...400) } ?? []
        if !widthsMm.isEmpty {
            if !widths.isEmpty { r.sink.error(r.path / "widths_mm", Message("table.widths-both")) }
            widths = widthsMm
        }
        let alignments = r.member("align")?.elements()?.compactMap {
            $0.oneOf(Table.Alignment.allCases.map(\.rawValue)).flatMap(Table.Alignment.init(rawValue:))
        } ?? []
        var rows: [TableRow] = []
        if let list = r.member("rows")?.elements() {
            for (i, row) in list.enumerated() {
                // A 5,000-row table takes a while to read: stop when nobody waits for the answer.
                if i % 64 == 63, r.sink.isCancelled { r.error(Message("validation.cancelled")); return nil }
                if let parsed = readRow(row) { rows.append(parsed) }
            }
        }
        let notes = r.member("notes")?.textList() ?? []
        let repeatHeader = r.member("repeat_header")?.bool() ?? true

        // The column count: from widths, else from the header's first row, else from the first row.
        let columns = widths.isEmpty ? (header.first.map(rowWidth) ?? rows.first.map { rowWidth($0.cells) } ?? 0) : widths.count
        if columns == 0 { r.error(Message("table.no-columns")); return nil }
        if widths.isEmpty { widths = Array(repeating: 1, count: columns) }
        if !alignments.isEmpty, alignments.count != columns, let a = r.member("align") {
            a.error(Message("table.entries", String(alignments.count), String(columns)))
        }
        var formulas: [ColumnFormula] = []
        for f in r.member("formulas")?.elements() ?? [] {
            guard f.expectObject(allowed: ["column", "formula", "decimals"]) else { continue }
            let source = f.member("formula")?.text(printed: false)
            if !f.has("formula") { f.sink.error(f.path / "formula", Message("field.required")) }
            guard let target = f.member("column")?.integer(in: 1...100), let source else {
                if !f.has("column") { r.sink.error(f.path / "column", Message("field.required")) }
                continue
            }
            let decimals = f.member("decimals")?.integer(in: 0...10) ?? 2
            do {
                let e = try Expression.parse(source)
                if target > columns { f.sink.error(f.path / "column", Message("table.no-such-column", String(target), String(columns))) }
                for c in e.columns where c < 1 || c > columns {
                    f.sink.error(f.path / "formula", Message("formula.no-such-column", String(c), String(columns)))
                }
                if e.columns.contains(target) { f.sink.error(f.path / "formula", Message("formula.self", String(target))) }
                formulas.append(ColumnFormula(target: target, expression: e, decimals: decimals, source: source))
            } catch {
                f.sink.error(f.path / "formula", Message("formula.invalid", error.message?.asArgument ?? error.description))
            }
        }
        var sumColumns: [Int] = []
        if let sc = r.member("sum_columns")?.elements() {
            for c in sc {
                guard let n = c.integer(in: 1...100) else { continue }
                if n > columns { c.error(Message("table.no-such-column", String(n), String(columns))) } else { sumColumns.append(n) }
            }
        }
        checkGrid(header, columns: columns, sink: r.sink, rowPath: { r.path / "header" / $0 })
        checkGrid(rows.map(\.cells), columns: columns, sink: r.sink, rowPath: { r.path / "rows" / $0 / "cells" })
        var table = Table(caption: caption, header: header, columnNumbers: columnNumbers, widths: widths,
                          alignments: alignments.count == columns ? alignments : [], rows: rows, notes: notes,
                          repeatHeader: repeatHeader, formulas: formulas, sumColumns: sumColumns)
        table.splitRows = r.member("split_rows")?.bool() ?? false
        table.widthsAreMillimetres = !widthsMm.isEmpty
        if let f = r.member("formats"), let list = f.elements() {
            var formats: [ColumnFormat] = []
            for item in list {
                guard let word = item.text(printed: false) else { formats.append(.auto); continue }
                if let format = ColumnFormat(word) { formats.append(format) }
                else {
                    item.error(Message("table.format.unknown", word, ColumnFormat.names.map { "\"\($0)\"" }.joined(separator: ", ")))
                    formats.append(.auto)
                }
            }
            if formats.count != columns { f.error(Message("table.entries", String(formats.count), String(columns))) }
            table.formats = formats
        }
        if r.sink.errorCount == errorsBefore { report(TableFilling.fillKeeping(&table, values: [:]), table: table, at: r.path, sink: r.sink) }
        return table
    }

    static func rowWidth(_ cells: [TableCell]) -> Int { cells.reduce(0) { $0 + $1.colspan } }

    /// Fill problems as diagnostics at the cells' JSON paths (`…rows[3][2]`, or `…rows[3].cells[2]`),
    /// or at `values.<id>` when `valuesPath` is given and the value came from a form field.
    static func report(_ problems: [TableFilling.Problem], table: Table, at path: JSONPath, sink: DiagnosticCollector,
                       valuesPath: JSONPath? = nil) {
        for p in problems {
            var at = path
            if let field = p.field, let valuesPath { at = valuesPath / field }
            else if let r = p.row {
                at = at / "rows" / r
                if table.rows[r].isObject { at = at / "cells" }
                if let c = p.cell { at = at / c }
            }
            if p.severity == .error { sink.error(at, p.message) } else { sink.warning(at, p.message) }
        }
    }

    /// Places cells on the grid the way HTML does (rowspans occupy cells of later rows) and reports
    /// rows that overflow or leave columns empty.
    static func checkGrid(_ grid: [[TableCell]], columns: Int, sink: DiagnosticCollector,
                          rowPath: (Int) -> JSONPath) {
        var occupied: [Int: Set<Int>] = [:]
        for (ri, row) in grid.enumerated() {
            var col = 0
            var overflowed = false
            for (ci, cell) in row.enumerated() {
                while occupied[ri, default: []].contains(col) { col += 1 }
                if col + cell.colspan > columns {
                    sink.error(rowPath(ri) / ci, Message("cell.colspan", String(col + 1), String(col + cell.colspan), String(columns)))
                    overflowed = true
                    break
                }
                if cell.rowspan > 1 {
                    if ri + cell.rowspan > grid.count {
                        sink.error(rowPath(ri) / ci, Message("cell.rowspan", String(cell.rowspan)))
                    }
                    for r in ri + 1..<ri + cell.rowspan { for c in col..<col + cell.colspan { occupied[r, default: []].insert(c) } }
                }
                col += cell.colspan
            }
            while occupied[ri, default: []].contains(col) { col += 1 }
            if col < columns, !row.isEmpty, !overflowed {
                sink.error(rowPath(ri), Message("row.fill", String(col), String(columns)))
            }
        }
    }

    static func readRow(_ r: JSONReader) -> TableRow? {
        if case .array = r.value {
            return TableRow(kind: .item, cells: r.elements()?.compactMap { readCell($0) } ?? [])
        }
        guard r.expectObject(allowed: ["kind", "cells", "id", "sum"]) else { return nil }
        let kind = r.member("kind")?.oneOf(TableRow.Kind.allCases.map(\.rawValue)).flatMap(TableRow.Kind.init(rawValue:)) ?? .item
        // A row id addresses the row's fields in payload values ("<id>" or "<id>.<column id>"): the same
        // characters as a field id, in a plain table too (left from the previous review).
        var id = r.member("id")?.text(printed: false)
        if let given = id, !NamePattern.isID(given), let m = r.member("id") { m.error(Message("row-id.chars")); id = nil }
        let sum = r.member("sum")?.oneOf(TableRow.SumScope.allCases.map(\.rawValue)).flatMap(TableRow.SumScope.init(rawValue:))
        if sum != nil, kind != .total, let m = r.member("sum") { m.error(Message("row.sum-not-total")) }
        guard let cells = r.member("cells")?.elements() else {
            if !r.has("cells") { r.sink.error(r.path / "cells", Message("field.required")) }
            return nil
        }
        var row = TableRow(kind: kind, cells: cells.compactMap { readCell($0) }, id: id, sum: sum ?? (kind == .total ? .section : nil))
        row.isObject = true
        return row
    }

    static func readCell(_ r: JSONReader) -> TableCell? {
        switch r.value {
        case .string:
            return r.text(allowEmpty: true).map { TableCell($0.isBlank ? "" : $0) }
        case .number:
            // A bare number keeps its exact value; it is written in its column's format when filled.
            guard let f = r.figure() else { return TableCell("") }
            var cell = TableCell(paragraphs: [])
            cell.figure = f
            return cell
        case .array:
            return TableCell(paragraphs: r.textList(allowEmptyItems: true) ?? [])
        case .object:
            r.expectObject(allowed: ["text", "colspan", "rowspan", "align", "bold", "italic", "field"])
            var paragraphs: [String] = []
            var figure: Figure?
            if let t = r.member("text") {
                if case .number = t.value { figure = t.figure() }
                else { paragraphs = t.textList(allowEmptyItems: true) ?? [] }
            }
            let colspan = r.member("colspan")?.integer(in: 1...100) ?? 1
            let rowspan = r.member("rowspan")?.integer(in: 1...1000) ?? 1
            let align = r.member("align")?.oneOf(Table.Alignment.allCases.map(\.rawValue)).flatMap(Table.Alignment.init(rawValue:))
            var cell = TableCell(paragraphs: paragraphs.filter { !$0.isEmpty }, colspan: colspan, rowspan: rowspan, alignment: align,
                                 bold: r.member("bold")?.bool(), italic: r.member("italic")?.bool(),
                                 field: r.member("field").flatMap(readFieldRef))
            cell.figure = figure
            return cell
        case .null:
            return TableCell("")
        default:
            r.error(Message("expected.cell", r.value.typeName))
            return nil
        }
    }
}

/// A field reference: "1.1" (a number field) or {"id", "type": number|text|choice, "decimals"}.
func readFieldRef(_ r: JSONReader) -> FieldRef? {
    if case .string = r.value {
        return r.text(printed: false).flatMap { checkFieldID($0, r) }.map { FieldRef(id: $0) }
    }
    guard r.expectObject(allowed: ["id", "type", "decimals"]) else { return nil }
    guard let idReader = r.member("id") else { r.sink.error(r.path / "id", Message("field.required")); return nil }
    guard let id = idReader.text(printed: false).flatMap({ checkFieldID($0, idReader) }) else { return nil }
    let kind = r.member("type")?.oneOf(FieldRef.Kind.allCases.map(\.rawValue)).flatMap(FieldRef.Kind.init(rawValue:)) ?? .number
    let decimals = r.member("decimals")?.integer(in: 0...10)
    return FieldRef(id: id, kind: kind, decimals: decimals)
}

private func checkFieldID(_ id: String, _ r: JSONReader) -> String? {
    guard NamePattern.isID(id) else {
        r.error(Message("field-id.chars"))
        return nil
    }
    return id
}
