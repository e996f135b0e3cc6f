/// A piece of flowing content: of the body (ô 6) or of an annex.
public enum Block: Sendable, Equatable {
    case paragraph(Paragraph)
    case heading(Heading)
    case list(ListBlock)
    case table(Table)
    /// A fill-in line: text with blanks ("- Cơ quan: ……", "… người, Tỷ lệ: … %").
    case fill(FillLine)
    /// Options each preceded by a drawn box, one of them possibly checked ("□ KT < 10 Mb").
    case choices(ChoiceLine)
    /// A free-text answer section: an italic hint and ruled blank lines, or the answer when filled.
    case answer(AnswerBox)
}

/// A named input of a form: where a payload value goes, and how it is printed.
public struct FieldRef: Sendable, Equatable, Hashable {
    public enum Kind: String, Sendable, CaseIterable, Hashable { case number, text, choice }
    public var id: String
    public var kind: Kind
    /// The most decimals a number value may have (a value with more is an error, never rounded);
    /// nil allows any. Values print with their own decimals, Vietnamese decimal comma.
    public var decimals: Int?
    public init(id: String, kind: Kind = .number, decimals: Int? = nil) { self.id = id; self.kind = kind; self.decimals = decimals }
}

/// A value a payload gives a form field.
public enum FieldValue: Sendable, Equatable {
    case number(Figure)
    case text(String)
    /// The index of the chosen option (0-based).
    case choice(Int)
}

public struct FillLine: Sendable, Equatable {
    public enum Part: Sendable, Equatable {
        case text(String)
        /// A blank: a dotted leader `widthMm` wide, or to the end of the line when nil.
        case field(FieldRef, widthMm: Double?)
    }
    public var parts: [Part]
    public var indent: Bool
    public init(parts: [Part], indent: Bool = false) { self.parts = parts; self.indent = indent }
}

public struct ChoiceLine: Sendable, Equatable {
    public var label: String?
    public var options: [String]
    public var field: FieldRef?
    /// The option checked when the payload gives no field (a fixed answer).
    public var selected: Int?
    public init(label: String? = nil, options: [String], field: FieldRef? = nil, selected: Int? = nil) {
        self.label = label; self.options = options; self.field = field; self.selected = selected
    }
}

public struct AnswerBox: Sendable, Equatable {
    public var field: FieldRef?
    public var hint: String?
    /// Blank lines to write on when no answer is given.
    public var lines: Int
    public var text: String?
    public init(field: FieldRef? = nil, hint: String? = nil, lines: Int = 4, text: String? = nil) {
        self.field = field; self.hint = hint; self.lines = lines; self.text = text
    }
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
    /// A form definition in `Layouts/forms/` whose blocks this annex prints (its own blocks follow).
    public var form: String?
    /// Values of the form's fields, by field id. Empty: the form prints blank, as the template sent with a request.
    public var values: [String: FieldValue]
    public init(label: String? = nil, code: String? = nil, title: [String], reference: AnnexReference = AnnexReference(),
                orientation: Orientation = .portrait, blocks: [Block] = [], form: String? = nil, values: [String: FieldValue] = [:]) {
        self.label = label; self.code = code; self.title = title; self.reference = reference
        self.orientation = orientation; self.blocks = blocks; self.form = form; self.values = values
    }
}

/// The "(Kèm theo Công văn số … ngày … của …)" line (R56). Absent fields come from the form (if any), then the document.
public struct AnnexReference: Sendable, Equatable {
    public enum DateStyle: String, Sendable, CaseIterable { case words, numeric }
    /// "Kèm theo" when absent.
    public var phrase: String?
    public var type: String?
    public var number: Int?
    public var symbol: String?
    public var date: DocumentDate?
    public var issuer: String?
    /// `.words` ("ngày 05 tháng 6 năm 2020", the decree's model) when absent.
    public var dateStyle: DateStyle?
    /// `"ref": false`: no reference line at all (a table that is nobody's annex, such as the register book).
    public var omitted = false
    public init(phrase: String? = nil, type: String? = nil, number: Int? = nil, symbol: String? = nil,
                date: DocumentDate? = nil, issuer: String? = nil, dateStyle: DateStyle? = nil) {
        self.phrase = phrase; self.type = type; self.number = number; self.symbol = symbol
        self.date = date; self.issuer = issuer; self.dateStyle = dateStyle
    }

    /// Each field this reference gives wins over `base`'s (a payload's `ref` over its form's default).
    public func over(_ base: AnnexReference) -> AnnexReference {
        AnnexReference(phrase: phrase ?? base.phrase, type: type ?? base.type, number: number ?? base.number,
                       symbol: symbol ?? base.symbol, date: date ?? base.date, issuer: issuer ?? base.issuer,
                       dateStyle: dateStyle ?? base.dateStyle)
    }
}
