/// A data table: multi-row header with spans, optional column-number row, typed rows.
public struct Table: Sendable, Equatable {
    public enum Alignment: String, Sendable, CaseIterable { case left, center, right, justify }
    public var caption: String?
    public var header: [[TableCell]]
    /// Adds a header row "1 2 3 … n" under the header (seed 002), which notes refer to as "Cột (n)".
    public var columnNumbers: Bool
    /// Relative column widths; the table spans the text block.
    public var widths: [Double]
    public var alignments: [Alignment]
    public var rows: [TableRow]
    public var notes: [String]
    /// Repeat the header rows at the top of each continuation page (R63).
    public var repeatHeader: Bool
    /// Derived columns ("Cột (9) = Cột (6)/Cột (3) x 100"), applied to every data and total row.
    public var formulas: [ColumnFormula]
    /// Columns (1-based) that total rows sum.
    public var sumColumns: [Int]
    /// Cut a row that does not fit the space left between its lines (as Word's "allow row to break across pages");
    /// otherwise a row moves whole to the next page. Rows taller than a page are always cut.
    public var splitRows: Bool = false
    /// `widths` are millimetres (`widths_mm`) rather than relative: the table is as wide as their sum.
    public var widthsAreMillimetres: Bool = false
    /// How each column prints its figures (`formats`); empty means every column is `.auto`.
    public var formats: [ColumnFormat] = []

    /// The last filling of this table (`TableFilling.fill`), kept so that validation's filling is not
    /// done again by the number-fit check and by layout (each filled the same table: #14). Used only
    /// while the table and the values are equal to those it was made from; never part of `==`.
    public var filling = FillingMemo()

    /// The declared format of column `c` (1-based).
    public func format(_ c: Int) -> ColumnFormat { formats.indices.contains(c - 1) ? formats[c - 1] : .auto }

    public init(caption: String? = nil, header: [[TableCell]] = [], columnNumbers: Bool = false, widths: [Double],
                alignments: [Alignment] = [], rows: [TableRow] = [], notes: [String] = [], repeatHeader: Bool = true,
                formulas: [ColumnFormula] = [], sumColumns: [Int] = []) {
        self.caption = caption; self.header = header; self.columnNumbers = columnNumbers; self.widths = widths
        self.alignments = alignments; self.rows = rows; self.notes = notes; self.repeatHeader = repeatHeader
        self.formulas = formulas; self.sumColumns = sumColumns
    }

    public var columnCount: Int { widths.count }
}

public struct TableRow: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// An ordinary data row.
        case item
        /// A bold group heading row ("1", "Thông tin …").
        case group
        /// A bold-italic sub-group row ("3.1 Đối với cấp tỉnh").
        case subgroup
        /// A full-width section row ("I. Các sở, ban, ngành").
        case section
        /// A bold subtotal or total row ("Tổng", "Tổng cộng").
        case total
        /// An empty row to fill in by hand.
        case blank
    }
    /// What a total row sums: the item rows since the last section row, or all item rows.
    public enum SumScope: String, Sendable, CaseIterable { case section, all }
    public var kind: Kind
    public var cells: [TableCell]
    /// Form row id: payload values address this row's fields as "<id>" or "<id>.<column id>".
    public var id: String?
    public var sum: SumScope?
    /// Written as `{"kind", "cells"}` rather than a bare array: its cells' JSON paths go through "cells".
    public var isObject: Bool = false
    public init(kind: Kind = .item, cells: [TableCell], id: String? = nil, sum: SumScope? = nil) {
        self.kind = kind; self.cells = cells; self.id = id; self.sum = sum
    }
}

public struct TableCell: Sendable, Equatable {
    /// One or more paragraphs; an empty array is an empty cell.
    public var paragraphs: [String]
    public var colspan: Int
    public var rowspan: Int
    public var alignment: Table.Alignment?
    public var bold: Bool?
    public var italic: Bool?
    /// A form input: the cell prints the payload's value for this field (blank in a template).
    public var field: FieldRef?
    /// The exact value of a cell given as a JSON number; its text is written when the table is
    /// filled, in the column's format (`TableFilling`).
    public var figure: Figure?
    public init(paragraphs: [String], colspan: Int = 1, rowspan: Int = 1, alignment: Table.Alignment? = nil,
                bold: Bool? = nil, italic: Bool? = nil, field: FieldRef? = nil) {
        self.paragraphs = paragraphs; self.colspan = colspan; self.rowspan = rowspan
        self.alignment = alignment; self.bold = bold; self.italic = italic; self.field = field
    }
    public init(_ text: String) { self.init(paragraphs: text.isEmpty ? [] : [text]) }
}

/// A derived column: `target` = an arithmetic expression over other columns, e.g. "(6) / (3) * 100".
public struct ColumnFormula: Sendable, Equatable {
    public var target: Int
    public var expression: Expression
    public var decimals: Int
    public var source: String
    public init(target: Int, expression: Expression, decimals: Int, source: String) {
        self.target = target; self.expression = expression; self.decimals = decimals; self.source = source
    }
}

/// How a table column prints figures (`"formats"` of a table, one entry per column).
///
/// Printing never drops a digit the payload gave unless a format here says to round.
public enum ColumnFormat: Sendable, Equatable {
    /// Numbers as given, every decimal kept, thousands grouped ("2.500.012,25"); text as given.
    /// A column whose header names codes or years ("Mã số", "Năm", "STT") prints numbers ungrouped.
    case auto
    /// Text as given: codes with leading zeros, years, telephone numbers. A JSON number here is an
    /// error (give "00070" as a string).
    case text
    /// Whole numbers, thousands grouped; a value with decimals is an error.
    case integer
    /// Exactly `places` decimals, rounded half away from zero ("12,50").
    case decimal(Int)
    /// A rate already in percent (95 → "95"): not summed by total rows; `places` decimals when given.
    case percent(Int?)

    /// "text", "integer", "decimal:2", "percent", "percent:1", "auto".
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let places = parts.count == 2 ? Int(parts[1]) : nil
        if parts.count == 2, places == nil || !(0...10).contains(places!) { return nil }
        switch parts.first {
        case "auto" where parts.count == 1: self = .auto
        case "text" where parts.count == 1: self = .text
        case "integer" where parts.count == 1: self = .integer
        case "decimal": guard let places else { return nil }; self = .decimal(places)
        case "percent": self = .percent(places)
        default: return nil
        }
    }

    public static let names = ["auto", "text", "integer", "decimal:N", "percent", "percent:N"]
}

/// A filled table and what it was filled from (see `Table.filling`). Two memos are always equal: a
/// cache says nothing about the table's content.
public struct FillingMemo: Sendable, Equatable {
    final class Entry: Sendable {
        let source: Table
        let values: [String: FieldValue]
        let filled: Table
        let problems: [TableFilling.Problem]
        init(source: Table, values: [String: FieldValue], filled: Table, problems: [TableFilling.Problem]) {
            self.source = source; self.values = values; self.filled = filled; self.problems = problems
        }
    }
    var entry: Entry?
    public init() {}
    public static func == (a: FillingMemo, b: FillingMemo) -> Bool { true }
}
