import VanBanText

/// How a block of lines is aligned in its box.
enum LineAlignment { case justify, left, center, right }

/// Balancing (the narrowest width that keeps a block's line count) breaks the text a dozen times; it
/// is for the few lines of an agency name, a subject or a recipient. A text longer than this many lines
/// keeps its plain breaks: balancing it would only shorten its last line, and re-breaking a paragraph of
/// tens of kilobytes ten times took seconds (issue 15, found by the fuzz test: a 90 KB recipient, 13 s).
let maxBalancedLines = 8

/// Turns text into positioned lines: the one place where line breaking meets geometry.
struct TextBlocks {
    let typesetter: Typesetter
    let lineSpacing: Double
    /// Break preferences for centred blocks; nil: Pango's breaks, balanced by width only.
    var phrases: PhraseBreaker? = nil

    /// Baseline-to-baseline distance for a font.
    func pitch(_ font: FontSpec, spacing: Double? = nil) -> Double { font.size * (spacing ?? lineSpacing) }

    /// Where the baseline sits inside a line box of height `pitch`: the leading is split above and below.
    func baselineOffset(_ font: FontSpec, spacing: Double? = nil) -> Double {
        let m = typesetter.metrics(font)
        return m.ascent + (pitch(font, spacing: spacing) - m.ascent - m.descent) / 2
    }

    /// Lays out `text` in a box of `width` starting at x = `x`; returns one item list per line
    /// (relative to each line box's top) and the line box height.
    func lines(_ text: String, font: FontSpec, x: Double, width: Double, align: LineAlignment, indent: Double = 0,
               hanging: Double = 0, role: String, color: RGB = .black, spacing: Double? = nil,
               balanced: Bool = false) -> (lines: [TextItem], pitch: Double) {
        let p = pitch(font, spacing: spacing)
        let base = baselineOffset(font, spacing: spacing)
        var result: [TextItem] = []
        // A hanging indent (list item, "- " prefix) is set by breaking continuation lines narrower.
        var broken: [BrokenLine]
        if hanging > 0 {
            broken = typesetter.breakLines(text, font: font, width: width, indent: -hanging)
        } else {
            broken = typesetter.breakLines(text, font: font, width: width, indent: indent)
        }
        // Centred blocks (agency name, subject, titles) break where a clerk would (see PhraseBreaker):
        // even lines, after a comma or before "và", never inside "TRUYỀN THÔNG".
        // Runs of spaces (reserved blanks: "số           /SKHCN-VP") are text: such lines keep Pango's breaks.
        if balanced && align == .center && broken.count > 1 && broken.count <= maxBalancedLines && hanging == 0 && indent == 0 && !text.contains("\n"),
           !text.contains("  "), !text.hasPrefix(" "), !text.hasSuffix(" "), let phrases, let chosen = phrases.lines(text, count: broken.count, width: width, measure: { typesetter.width(of: $0, font: font) },
                                                                                                            spans: { typesetter.wordSpans($0, font: font) }) {
            broken = chosen.enumerated().map { i, t in
                BrokenLine(text: t, width: typesetter.width(of: t, font: font), endsParagraph: i == chosen.count - 1, startsParagraph: i == 0)
            }
        } else if balanced && align == .center && broken.count > 1 && broken.count <= maxBalancedLines && hanging == 0 && indent == 0 && !text.contains("\n") {
            // Never narrower than the widest word: balancing must not break a word between characters.
            let widest = text.split(separator: " ").map { typesetter.width(of: String($0), font: font) }.max() ?? 0
            var lo = max(width / Double(broken.count), min(widest, width)), hi = width
            for _ in 0..<7 {
                let mid = (lo + hi) / 2
                if typesetter.breakLines(text, font: font, width: mid).count == broken.count { hi = mid } else { lo = mid }
            }
            let balanced = typesetter.breakLines(text, font: font, width: hi)
            if balanced.count == broken.count { broken = balanced }
        }
        for line in broken {
            let lineIndent: Double
            if hanging > 0 { lineIndent = line.startsParagraph ? 0 : hanging } else { lineIndent = line.startsParagraph ? indent : 0 }
            let avail = width - lineIndent
            var lx = x + lineIndent
            var justify: Double? = nil
            switch align {
            case .justify: if !line.endsParagraph { justify = avail }
            case .left: break
            case .center: lx = x + lineIndent + (avail - line.width) / 2
            case .right: lx = x + lineIndent + avail - line.width
            }
            result.append(TextItem(text: line.text, font: font, x: lx, baseline: base, justifyWidth: justify,
                                   width: justify ?? line.width, color: color, role: role))
        }
        return (result, p)
    }

    /// Lines stacked from `top` as absolute items; returns the items and the y below the last line box.
    func stacked(_ text: String, font: FontSpec, x: Double, width: Double, align: LineAlignment, top: Double,
                 indent: Double = 0, hanging: Double = 0, role: String, color: RGB = .black, spacing: Double? = nil) -> (items: [TextItem], bottom: Double) {
        // Stacked blocks are the letterhead, titles and headings: centred ones are balanced.
        let (ls, p) = lines(text, font: font, x: x, width: width, align: align, indent: indent, hanging: hanging,
                            role: role, color: color, spacing: spacing, balanced: true)
        return place(ls, pitch: p, top: top)
    }

    /// Lines set one under the other from `top`.
    func place(_ ls: [TextItem], pitch p: Double, top: Double) -> (items: [TextItem], bottom: Double) {
        var out: [TextItem] = []
        for (i, var l) in ls.enumerated() { l.baseline += top + Double(i) * p; out.append(l) }
        return (out, top + Double(ls.count) * p)
    }

    /// One flow slice per line, so paragraphs break across pages between lines.
    /// The first line keeps with the second and the second-to-last with the last (no orphans or widows).
    func flow(_ text: String, font: FontSpec, width: Double, align: LineAlignment, indent: Double, hanging: Double = 0,
              spaceBefore: Double, role: String) -> [FlowItem] {
        let (ls, p) = lines(text, font: font, x: 0, width: width, align: align, indent: indent, hanging: hanging, role: role)
        var out: [FlowItem] = []
        for (i, l) in ls.enumerated() {
            var f = FlowItem(height: p, spaceBefore: i == 0 ? spaceBefore : 0, items: [.text(l)])
            if ls.count >= 3 && (i == 0 || i == ls.count - 2) { f.keepWithNext = true }
            if ls.count == 2 && i == 0 { f.keepWithNext = true }
            out.append(f)
        }
        return out
    }
}
