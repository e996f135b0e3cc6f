/// A piece of flowing content: of the body (ô 6) or of an annex.
public enum Block: Sendable, Equatable {
    case paragraph(Paragraph)
    case heading(Heading)
    case list(ListBlock)
    case table(Table)
}

public struct Paragraph: Sendable, Equatable {
    public enum Alignment: String, Sendable, CaseIterable { case justify, left, center, right }
    public var text: String
    public var bold: Bool
    public var italic: Bool
    public var alignment: Alignment
    /// First-line indent (the decree's 1–1.27 cm) — off for centred or note lines.
    public var indent: Bool
    public init(text: String, bold: Bool = false, italic: Bool = false, alignment: Alignment = .justify, indent: Bool = true) {
        self.text = text; self.bold = bold; self.italic = italic; self.alignment = alignment; self.indent = indent
    }
}

/// A section or clause title. Level 1 = "I. …" (caps bold), 2 = "1. …" (bold), 3 = "1.1. …" (bold italic), 4 = "a) …" (italic).
public struct Heading: Sendable, Equatable {
    public var text: String
    public var level: Int
    public init(text: String, level: Int) { self.text = text; self.level = level }
}

public struct ListBlock: Sendable, Equatable {
    public var items: [String]
    /// "-", "+", "*" or "•": printed before each item, with the same indent as a paragraph.
    public var marker: String
    public init(items: [String], marker: String = "-") { self.items = items; self.marker = marker }
}

public struct Annex: Sendable, Equatable {
    public enum Orientation: String, Sendable, CaseIterable { case portrait, landscape }
    /// Roman numeral ("II") or nil for a single annex; printed "Phụ lục II" (R54).
    public var label: String?
    /// A form code kept as its own line ("Biểu số 01").
    public var code: String?
    public var title: [String]
    public var reference: AnnexReference
    public var orientation: Orientation
    public var blocks: [Block]
    public init(label: String? = nil, code: String? = nil, title: [String], reference: AnnexReference = AnnexReference(),
                orientation: Orientation = .portrait, blocks: [Block] = []) {
        self.label = label; self.code = code; self.title = title; self.reference = reference
        self.orientation = orientation; self.blocks = blocks
    }
}

/// The "(Kèm theo Công văn số … ngày … của …)" line (R56). Absent fields come from the document.
public struct AnnexReference: Sendable, Equatable {
    public enum DateStyle: String, Sendable, CaseIterable { case words, numeric }
    public var phrase: String
    public var type: String?
    public var number: Int?
    public var symbol: String?
    public var date: DocumentDate?
    public var issuer: String?
    public var dateStyle: DateStyle
    public init(phrase: String = "Kèm theo", type: String? = nil, number: Int? = nil, symbol: String? = nil,
                date: DocumentDate? = nil, issuer: String? = nil, dateStyle: DateStyle = .words) {
        self.phrase = phrase; self.type = type; self.number = number; self.symbol = symbol
        self.date = date; self.issuer = issuer; self.dateStyle = dateStyle
    }
}
