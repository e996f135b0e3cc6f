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

    public init(caption: String? = nil, header: [[TableCell]] = [], columnNumbers: Bool = false, widths: [Double],
                alignments: [Alignment] = [], rows: [TableRow] = [], notes: [String] = [], repeatHeader: Bool = true) {
        self.caption = caption; self.header = header; self.columnNumbers = columnNumbers; self.widths = widths
        self.alignments = alignments; self.rows = rows; self.notes = notes; self.repeatHeader = repeatHeader
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
    public var kind: Kind
    public var cells: [TableCell]
    public init(kind: Kind = .item, cells: [TableCell]) { self.kind = kind; self.cells = cells }
}

public struct TableCell: Sendable, Equatable {
    /// One or more paragraphs; an empty array is an empty cell.
    public var paragraphs: [String]
    public var colspan: Int
    public var rowspan: Int
    public var alignment: Table.Alignment?
    public var bold: Bool?
    public var italic: Bool?
    public init(paragraphs: [String], colspan: Int = 1, rowspan: Int = 1, alignment: Table.Alignment? = nil,
                bold: Bool? = nil, italic: Bool? = nil) {
        self.paragraphs = paragraphs; self.colspan = colspan; self.rowspan = rowspan
        self.alignment = alignment; self.bold = bold; self.italic = italic
    }
    public init(_ text: String) { self.init(paragraphs: text.isEmpty ? [] : [text]) }
}
