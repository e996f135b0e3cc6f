import VanBanModel
import VanBanText

extension DocumentComposer {
    /// Ô 9a: "Kính gửi:" with one recipient on its line, or several as a dashed list whose dashes
    /// stand under the colon (R28); then the payload's `recipients_note` ("(Sau đây gọi chung là …)").
    ///
    /// The block starts at the model's position (`recipients.indent_mm`, 35 mm into the text block)
    /// and moves left, down to `recipients.min_indent_mm` (R29: 20 mm), until the longest item fits on
    /// one line. An item that still does not fit wraps under its own text (hanging indent) on lines of
    /// even length, so no line is left holding a single word.
    ///
    /// The type's block may set another label, or `""` for none (công điện: the recipients as a dash list under
    /// the "… điện:" line, from `indent_mm`).
    func recipientsBlock(_ p: Payload, top: Double, textBlock tb: Rect, block: TypeBlock? = nil) -> (items: [TextItem], bottom: Double) {
        let r = spec.recipients
        let font = r.style.font
        if block?.label == "" { return dashRecipients(p, top: top, textBlock: tb, indentMm: block?.indentMm ?? r.minIndentMm) }
        let label = block?.label ?? r.label
        let labelW = typesetter.width(of: label, font: font)
        let modelX = tb.x + mm(block?.indentMm ?? r.indentMm), minX = tb.x + mm(r.minIndentMm)
        // A hair of room so a line measured exactly as wide as the space left is not broken by rounding.
        let slack = 0.5
        var items: [TextItem] = []
        var y = top
        let noteX: Double
        if p.recipients.count == 1 {
            let line = label + " " + p.recipients[0]
            let hang = typesetter.width(of: label + " ", font: font)
            let x = min(modelX, max(minX, tb.maxX - typesetter.width(of: line, font: font) - slack))
            let s = hangingLines(line, font: font, x: x, width: tb.maxX - x, hang: hang, top: y)
            items += s.items; y = s.bottom
            noteX = x + hang
        } else {
            let lines = p.recipients.enumerated().map { i, name in
                "- " + Self.punctuated(name, last: i == p.recipients.count - 1)
            }
            let longest = lines.map { typesetter.width(of: $0, font: font) }.max() ?? 0
            let x = min(modelX, max(minX, tb.maxX - labelW - longest - slack))
            let l = text.stacked(label, font: font, x: x, width: tb.maxX - x, align: .left, top: y, role: "o9a")
            items += l.items; y = l.bottom
            let dashX = x + labelW
            let hang = typesetter.width(of: "- ", font: font)
            for line in lines {
                let s = hangingLines(line, font: font, x: dashX, width: tb.maxX - dashX, hang: hang, top: y)
                items += s.items; y = s.bottom
            }
            noteX = dashX
        }
        if let note = p.recipientsNote {
            let s = text.stacked(note, font: font, x: noteX, width: tb.maxX - noteX, align: .left, top: y + r.noteGapPt,
                                 role: "o9a-note")
            items += s.items; y = s.bottom
        }
        return (items, y)
    }

    /// Every recipient as "- …;" from `indentMm`, no label (công điện, Mẫu 1.6).
    func dashRecipients(_ p: Payload, top: Double, textBlock tb: Rect, indentMm: Double) -> (items: [TextItem], bottom: Double) {
        let font = spec.recipients.style.font
        let x = tb.x + mm(indentMm)
        let hang = typesetter.width(of: "- ", font: font)
        var items: [TextItem] = []
        var y = top
        for (i, name) in p.recipients.enumerated() {
            let s = hangingLines("- " + Self.punctuated(name, last: i == p.recipients.count - 1), font: font, x: x, width: tb.maxX - x,
                                 hang: hang, top: y)
            items += s.items; y = s.bottom
        }
        if let note = p.recipientsNote {
            let s = text.stacked(note, font: font, x: x + hang, width: tb.maxX - x - hang, align: .left, top: y + spec.recipients.noteGapPt,
                                 role: "o9a-note")
            items += s.items; y = s.bottom
        }
        return (items, y)
    }

    /// Left-aligned lines whose continuation lines hang `hang` in, under the item's own text; when the
    /// text needs several lines (up to `maxBalancedLines`) they are balanced: the narrowest width that keeps
    /// the same number of lines.
    func hangingLines(_ s: String, font: FontSpec, x: Double, width: Double, hang: Double, top: Double) -> (items: [TextItem], bottom: Double) {
        let count = typesetter.breakLines(s, font: font, width: width, indent: -hang).count
        var best = width
        if count > 1 && count <= maxBalancedLines {
            var lo = width / Double(count), hi = width
            for _ in 0..<10 {
                let mid = (lo + hi) / 2
                if typesetter.breakLines(s, font: font, width: mid, indent: -hang).count == count { hi = mid } else { lo = mid }
            }
            best = hi
        }
        return text.stacked(s, font: font, x: x, width: best, align: .left, top: top, hanging: hang, role: "o9a")
    }
}
