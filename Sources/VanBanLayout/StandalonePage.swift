import VanBanText

extension Page {
    /// A page holding one line of text, for a form field's appearance: `width` × `height` points,
    /// the text's left end at `x` and its baseline at `baseline` (from the top).
    public static func singleLine(width: Double, height: Double, text: String, font: FontSpec, x: Double, baseline: Double,
                                  textWidth: Double, role: String) -> Page {
        let item = TextItem(text: text, font: font, x: x, baseline: baseline, justifyWidth: nil, width: textWidth,
                            color: .black, role: role)
        return Page(width: width, height: height, items: [.text(item)], number: 1, section: 0,
                    textBlock: Rect(x: 0, y: 0, width: width, height: height))
    }
}

extension Page {
    /// One line placed by `Page.lines`: its text, font, left end and baseline (from the top), natural width.
    public struct PlacedLine: Sendable, Equatable {
        public var text: String
        public var font: FontSpec
        public var x: Double
        public var baseline: Double
        public var width: Double
        public init(text: String, font: FontSpec, x: Double, baseline: Double, width: Double) {
            self.text = text
            self.font = font
            self.x = x
            self.baseline = baseline
            self.width = width
        }
    }

    /// A page holding the given lines and nothing else, for an overlay added onto another PDF's page
    /// (the top-right line of an electronic copy).
    /// `rules` are horizontal 0.5 pt lines `(x1, x2, y)` (the rule above a paper copy's block).
    public static func lines(width: Double, height: Double, _ lines: [PlacedLine], rules: [(x1: Double, x2: Double, y: Double)] = [],
                             role: String) -> Page {
        var items = lines.map { l in
            PageItem.text(TextItem(text: l.text, font: l.font, x: l.x, baseline: l.baseline, justifyWidth: nil, width: l.width,
                                   color: .black, role: role))
        }
        items += rules.map { PageItem.line(LineItem(x1: $0.x1, y1: $0.y, x2: $0.x2, y2: $0.y, width: 0.5, color: .black, role: role)) }
        return Page(width: width, height: height, items: items, number: 1, section: 0,
                    textBlock: Rect(x: 0, y: 0, width: width, height: height))
    }
}
