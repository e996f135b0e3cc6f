import VanBanModel
import VanBanText

extension DocumentComposer {
    /// The printed text of a field: its value, or nil when the form is printed blank.
    func fieldText(_ field: FieldRef, values: [String: FieldValue], options: [String] = []) -> String? {
        switch values[field.id] {
        case .number(let f)?: return f.vietnamese()
        case .text(let s)?: return s
        case .choice(let i)?: return options.indices.contains(i) ? options[i] : String(i + 1)
        case nil: return nil
        }
    }

    /// Dots filling `width` points ("……" leaders of a blank form).
    func leader(width: Double, font: FontSpec) -> String {
        let dot = typesetter.width(of: ".", font: font)
        return String(repeating: ".", count: max(3, Int((width / dot).rounded(.down))))
    }

    /// "- Cơ quan: ………" / "1.1. Tổng số …: …… người, Tỷ lệ: …… %": text with blanks or values.
    func fillFlow(_ fill: FillLine, width: Double, spaceBefore: Double, values: [String: FieldValue]) -> [FlowItem] {
        let font = spec.body.style.font
        let indent = fill.indent ? mm(spec.body.firstLineIndentMm) : 0
        var line = ""
        var toEnd = false
        for (i, part) in fill.parts.enumerated() {
            switch part {
            case .text(let t): line += t
            case .field(let f, let w):
                if let value = fieldText(f, values: values) { line += value; continue }
                if let w { line += leader(width: mm(w), font: font) }
                else if i == fill.parts.count - 1 { toEnd = true }
                else { line += leader(width: mm(40), font: font) }
            }
        }
        if toEnd {
            // Fill what is left of the last line with dots, to the right margin.
            let lines = typesetter.breakLines(line, font: font, width: width, indent: indent)
            let last = lines.last.map { ($0.startsParagraph ? indent : 0) + $0.width } ?? 0
            let space = typesetter.width(of: " ", font: font)
            let room = width - last - space
            line += (line.hasSuffix(" ") ? "" : " ") + leader(width: room > mm(10) ? room : width - space, font: font)
        }
        return text.flow(line, font: font, width: width, align: .left, indent: indent, spaceBefore: spaceBefore, role: "form")
    }

    /// Options side by side, each after a drawn box (the bundled font has no "☐"); the chosen one is crossed.
    func choiceFlow(_ c: ChoiceLine, width: Double, spaceBefore: Double, values: [String: FieldValue]) -> [FlowItem] {
        let font = spec.body.style.font
        var out: [FlowItem] = []
        if let label = c.label {
            out += text.flow(label, font: font, width: width, align: .justify, indent: mm(spec.body.firstLineIndentMm),
                             spaceBefore: spaceBefore, role: "form")
        }
        var selected = c.selected
        if let f = c.field, case .choice(let i)? = values[f.id] { selected = i }
        let box = font.size * 0.7
        let gap = font.size * 0.35
        let indent = mm(spec.body.firstLineIndentMm)
        let columnW = (width - indent) / Double(c.options.count)
        let fits = c.options.allSatisfy { box + gap + typesetter.width(of: $0, font: font) <= columnW - 4 }
        let pitch = text.pitch(font)
        let base = text.baselineOffset(font)
        var row: [PageItem] = []
        func flush(first: Bool) {
            guard !row.isEmpty else { return }
            out.append(FlowItem(height: pitch, spaceBefore: first && c.label == nil ? spaceBefore : 2, items: row))
            row = []
        }
        for (i, option) in c.options.enumerated() {
            let x = fits ? indent + Double(i) * columnW : indent
            let boxRect = Rect(x: x, y: base - box * 0.95, width: box, height: box)
            row.append(.box(BoxItem(rect: boxRect, strokeWidth: 0.6, color: .black, role: "choice-box")))
            if selected == i {
                row.append(.line(LineItem(x1: boxRect.x + 1.5, y1: boxRect.y + 1.5, x2: boxRect.maxX - 1.5, y2: boxRect.maxY - 1.5,
                                          width: 0.9, color: .black, role: "choice-mark")))
                row.append(.line(LineItem(x1: boxRect.x + 1.5, y1: boxRect.maxY - 1.5, x2: boxRect.maxX - 1.5, y2: boxRect.y + 1.5,
                                          width: 0.9, color: .black, role: "choice-mark")))
            }
            let w = typesetter.width(of: option, font: font)
            row.append(.text(TextItem(text: option, font: font, x: x + box + gap, baseline: base, justifyWidth: nil, width: w,
                                      color: .black, role: "form")))
            if !fits { flush(first: i == 0) }
        }
        flush(first: true)
        return out
    }

    /// A free-text answer: the answer's paragraphs, or the italic hint and dotted lines to write on.
    func answerFlow(_ a: AnswerBox, width: Double, spaceBefore: Double, values: [String: FieldValue]) -> [FlowItem] {
        let font = spec.body.style.font
        let indent = mm(spec.body.firstLineIndentMm)
        let answer = a.field.flatMap { fieldText($0, values: values) } ?? a.text
        var out: [FlowItem] = []
        var gap = spaceBefore
        // The instruction stays on a filled form too: it is part of the form's text.
        if let hint = a.hint {
            out += text.flow(hint, font: FontSpec(.italic, font.size), width: width, align: .justify, indent: indent,
                             spaceBefore: gap, role: "form")
            gap = 2
        }
        if let answer {
            for (i, para) in answer.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
                out += text.flow(String(para), font: font, width: width, align: .justify, indent: indent,
                                 spaceBefore: i == 0 ? gap : spec.body.paragraphGapPt, role: "body")
            }
        } else {
            let dots = leader(width: width, font: font)
            for i in 0..<a.lines {
                out += text.flow(dots, font: font, width: width, align: .left, indent: 0, spaceBefore: i == 0 ? gap : 0, role: "form")
            }
        }
        return out
    }
}
