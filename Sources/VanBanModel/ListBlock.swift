/// A list in the body or an annex, as structure: the product prints each item's marker, numbering
/// it itself, so markers are never typed into the text (Decree 30, Appendix I, II.6đ; spec R34).
///
/// ```json
/// {"list": ["Mục tiêu", {"text": "Nhiệm vụ", "sublist": {"style": "alpha", "list": ["…", "…"]}}], "style": "decimal"}
/// ```
/// prints "1. Mục tiêu", "2. Nhiệm vụ", "a) …", "b) …".
public struct ListBlock: Sendable, Equatable {
    /// How items are marked. `nil` keeps the literal `marker` (the original `{"list", "marker"}` payloads).
    public enum Style: String, Sendable, CaseIterable {
        /// "1.", "2.", … — clauses (khoản), sections of a report.
        case decimal
        /// "1.1.", "1.2.", … — the parent item's number followed by this item's ("1." alone at the top level).
        case outline
        /// "a)", "b)", … "d)", "đ)", "e)", "g)" — points (điểm), in the Vietnamese alphabet order.
        case alpha
        /// "I.", "II.", … — parts of a report.
        case roman
        /// "-" before each item.
        case dash
        /// "+" before each item.
        case plus
        /// No marker: the items are plain paragraphs.
        case none
    }
    public var items: [ListItem]
    /// A literal bullet ("-", "+", "*", "•", "–"), used when `style` is nil.
    public var marker: String
    public var style: Style?
    /// The number of the first item (1 = "1.", "a)", "I."); lets a list continue after a paragraph.
    public var start: Int

    public init(items: [ListItem], marker: String = "-", style: Style? = nil, start: Int = 1) {
        self.items = items; self.marker = marker; self.style = style; self.start = start
    }

    /// A flat list of plain items with a literal bullet.
    public init(items: [String], marker: String = "-") {
        self.init(items: items.map { ListItem(text: $0) }, marker: marker)
    }

    /// The marker of item `index` (0-based), under a parent item marked `parent` (for `outline`).
    public func marker(at index: Int, parent: String? = nil) -> String {
        let n = start + index
        guard let style else { return marker }
        switch style {
        case .decimal: return "\(n)."
        case .outline:
            guard let parent, parent.last == ".", parent.dropLast().allSatisfy({ $0.isNumber || $0 == "." }) else { return "\(n)." }
            return parent + "\(n)."
        case .alpha: return ListNumbering.vietnameseLetters(n) + ")"
        case .roman: return ListNumbering.roman(n) + "."
        case .dash: return "-"
        case .plus: return "+"
        case .none: return ""
        }
    }
}

/// One item of a list: its text and, optionally, a list nested under it.
public struct ListItem: Sendable, Equatable {
    public var text: String
    public var sublist: ListBlock?
    public init(text: String, sublist: ListBlock? = nil) { self.text = text; self.sublist = sublist }
}
