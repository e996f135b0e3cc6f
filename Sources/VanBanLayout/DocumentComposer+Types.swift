import VanBanModel
import VanBanText

/// The blocks of the named document types (Layouts/types/): authority line, grounds, fixed lines, labelled
/// lines, articles with chapters and sections, two signers side by side, the attached document (Mẫu 1.3).
extension DocumentComposer {
    /// The payload's document type: the one the engine attached to the layout, else the built-in công văn / báo cáo.
    func documentType(for p: Payload) -> DocumentType {
        if let t = spec.documentType { return t }
        let blocks: [TypeBlock.Kind] = p.kind == .congVan
            ? [.header, .subjectLine, .recipients, .contact, .body, .signature, .annexes]
            : [.header, .title, .recipients, .contact, .body, .signature, .annexes]
        return DocumentType(name: p.kind == .congVan ? "cong-van" : "bao-cao", label: p.kind == .congVan ? "Công văn" : "Báo cáo",
                            model: p.kind == .congVan ? "1.5" : "1.4", code: nil, layout: spec.name, title: nil, description: nil,
                            required: [], blocks: blocks.map { TypeBlock(block: $0) })
    }

    func align(_ name: String?, default d: LineAlignment) -> LineAlignment {
        switch name {
        case "left": return .left
        case "center": return .center
        case "right": return .right
        case "justify": return .justify
        default: return d
        }
    }

    /// Lines of one paragraph as flow slices, centred ones balanced like the letterhead's.
    func paragraphFlow(_ s: String, font: FontSpec, width: Double, align: LineAlignment, indent: Double,
                       spaceBefore: Double, role: String, keep: Bool = false) -> [FlowItem] {
        let (ls, p) = text.lines(s, font: font, x: 0, width: width, align: align, indent: indent, role: role, balanced: align == .center)
        var out: [FlowItem] = []
        for (i, l) in ls.enumerated() {
            var f = FlowItem(height: p, spaceBefore: i == 0 ? spaceBefore : 0, items: [.text(l)])
            if keep || (ls.count >= 3 && (i == 0 || i == ls.count - 2)) || (ls.count == 2 && i == 0) { f.keepWithNext = true }
            out.append(f)
        }
        return out
    }

    /// A paragraph opening with a label in another face ("Điều 1." bold, then the text regular): the text's
    /// first line starts after the label, which is drawn on the same baseline.
    func labelledParagraph(label: String, labelFont: FontSpec, text s: String, font: FontSpec, width: Double, indent: Double,
                           spaceBefore: Double, role: String, labelRole: String) -> [FlowItem] {
        let labelW = typesetter.width(of: label, font: labelFont)
        let space = typesetter.width(of: " ", font: font)
        var flow = text.flow(s, font: font, width: width, align: .justify, indent: indent + labelW + space, spaceBefore: spaceBefore, role: role)
        guard !flow.isEmpty, case .text(let first) = flow[0].items[0] else { return flow }
        let item = TextItem(text: label, font: labelFont, x: indent, baseline: first.baseline, justifyWidth: nil, width: labelW,
                            color: .black, role: labelRole)
        flow[0].items.insert(.text(item), at: 0)
        return flow
    }

    /// The authority line(s), caps bold centred, kept with what follows.
    func authorityFlow(_ p: Payload, block: TypeBlock, width: Double, spaceBefore: Double) -> [FlowItem] {
        let font = (block.style ?? TextStyle(size: spec.titleBlock.type.size, face: .bold)).font
        var out: [FlowItem] = []
        for (i, line) in (p.authorityLines ?? p.authority.map { [$0] } ?? []).enumerated() {
            out += paragraphFlow(line, font: font, width: width, align: align(block.align, default: .center), indent: 0,
                                 spaceBefore: i == 0 ? spaceBefore : 0, role: "authority", keep: true)
        }
        return out
    }

    /// "Căn cứ …;" paragraphs, italic (Mẫu 1.1–1.3).
    func groundsFlow(_ p: Payload, block: TypeBlock, width: Double, spaceBefore: Double) -> [FlowItem] {
        let font = (block.style ?? TextStyle(size: spec.body.style.size, face: .italic)).font
        var out: [FlowItem] = []
        for (i, g) in p.grounds.enumerated() {
            out += text.flow(g, font: font, width: width, align: align(block.align, default: .justify), indent: mm(spec.body.firstLineIndentMm),
                             spaceBefore: i == 0 ? spaceBefore : spec.body.paragraphGapPt, role: "grounds")
        }
        return out
    }

    /// A fixed line of the type ("QUYẾT ĐỊNH:", "{authority} điện:"), kept with what follows.
    func lineFlow(_ p: Payload, block: TypeBlock, width: Double, spaceBefore: Double) -> [FlowItem] {
        let font = (block.style ?? TextStyle(size: spec.body.style.size, face: .bold)).font
        let s = (block.text ?? "").replacingOccurrences(of: "{authority}", with: p.authority ?? "")
        return paragraphFlow(s, font: font, width: width, align: align(block.align, default: .center), indent: 0,
                             spaceBefore: spaceBefore, role: "type-line", keep: true)
    }

    /// "Thời gian: …" lines, one paragraph each.
    func labelledFlow(_ p: Payload, block: TypeBlock, width: Double, spaceBefore: Double) -> [FlowItem] {
        let font = (block.style ?? spec.body.style).font
        var out: [FlowItem] = []
        for (i, l) in p.labelled.enumerated() {
            out += text.flow(l.label + " " + l.text, font: font, width: width, align: .justify, indent: mm(spec.body.firstLineIndentMm),
                             spaceBefore: i == 0 ? spaceBefore : spec.body.paragraphGapPt, role: "labelled")
        }
        return out
    }

    /// Chapters ("Chương I" and title, bold, centred), sections ("Mục 1"), articles ("Điều 1." bold), clauses
    /// ("1.") and points ("a)"), numbered here.
    func articlesFlow(_ items: [ArticleItem], width: Double, spaceBefore: Double) -> [FlowItem] {
        let b = spec.body
        let indent = mm(b.firstLineIndentMm)
        let regular = b.style.font
        let bold = FontSpec(.bold, b.style.size)
        let numbers = ArticleItem.numbers(items)
        func resolve(_ s: String) -> String { ArticleItem.resolvingReferences(s, numbers: numbers) }
        var out: [FlowItem] = []
        var chapter = 0, section = 0, article = 0
        func gap(_ normal: Double) -> Double { out.isEmpty ? spaceBefore : normal }
        for item in items {
            switch item {
            case .chapter(let title):
                chapter += 1; section = 0
                out += paragraphFlow("Chương " + ListNumbering.roman(chapter), font: bold, width: width, align: .center, indent: 0,
                                     spaceBefore: gap(b.paragraphGapPt * 2), role: "chapter", keep: true)
                out += paragraphFlow(title, font: bold, width: width, align: .center, indent: 0, spaceBefore: 0, role: "chapter-title", keep: true)
            case .section(let title):
                section += 1
                out += paragraphFlow("Mục \(section)", font: bold, width: width, align: .center, indent: 0,
                                     spaceBefore: gap(b.paragraphGapPt * 2), role: "section", keep: true)
                out += paragraphFlow(title, font: bold, width: width, align: .center, indent: 0, spaceBefore: 0, role: "section-title", keep: true)
            case .article(let a):
                article += 1
                let label = "Điều \(article)."
                if let title = a.title {
                    var lines = labelledParagraph(label: label, labelFont: bold, text: resolve(title), font: bold, width: width,
                                                  indent: indent, spaceBefore: gap(b.paragraphGapPt), role: "article-title", labelRole: "article-label")
                    for k in lines.indices { lines[k].keepWithNext = true }
                    out += lines
                    if let t = a.text {
                        out += text.flow(resolve(t), font: regular, width: width, align: .justify, indent: indent,
                                         spaceBefore: b.paragraphGapPt, role: "article")
                    }
                } else if let t = a.text {
                    out += labelledParagraph(label: label, labelFont: bold, text: resolve(t), font: regular, width: width, indent: indent,
                                             spaceBefore: gap(b.paragraphGapPt), role: "article", labelRole: "article-label")
                } else {
                    var lines = paragraphFlow(label, font: bold, width: width, align: .left, indent: indent,
                                              spaceBefore: gap(b.paragraphGapPt), role: "article-label", keep: true)
                    for k in lines.indices { lines[k].keepWithNext = true }
                    out += lines
                }
                for (k, clause) in a.clauses.enumerated() {
                    out += text.flow("\(k + 1). " + resolve(clause.text), font: regular, width: width, align: .justify, indent: indent,
                                     spaceBefore: b.paragraphGapPt, role: "clause")
                    for (m, point) in clause.points.enumerated() {
                        out += text.flow(ListNumbering.vietnameseLetters(m + 1) + ") " + resolve(point), font: regular, width: width,
                                         align: .justify, indent: indent, spaceBefore: b.paragraphGapPt, role: "point")
                    }
                }
            }
        }
        return out
    }

    /// Two signers side by side (biên bản: secretary left, chair right), each with its own signature field;
    /// "Nơi nhận" below both (or none).
    func twoSignaturesBlock(_ p: Payload, width: Double, cc: String) -> FlowItem {
        let s = spec.signature
        let titleFont = s.title.font, nameFont = s.name.font
        var items: [PageItem] = []
        var slots: [(String, Rect)] = []
        var bottom = 0.0
        let firstBaseline = text.baselineOffset(titleFont, spacing: 1.15)
        let columns = [(0.0, width / 2), (width / 2, width / 2)]
        var nameBaselines: [Double] = []
        // The name lines sit on one baseline, below the taller title column.
        let titleCounts = p.signers.map { $0.titleLines.count }
        let maxTitle = max(1, titleCounts.max() ?? 1)
        let lastTitleBaseline = firstBaseline + Double(maxTitle - 1) * titleFont.size * 1.15
        let nameBaseline = lastTitleBaseline + mm(s.spaceMm)
        for (i, signer) in p.signers.prefix(2).enumerated() {
            let (x, w) = columns[i]
            var yy = 0.0
            for line in signer.titleLines {
                let r = text.stacked(line, font: titleFont, x: x, width: w, align: .center, top: yy, role: "o7a", spacing: 1.15)
                items += r.items.map(PageItem.text); yy = r.bottom
            }
            let nw = typesetter.width(of: signer.name, font: nameFont)
            items.append(.text(TextItem(text: signer.name, font: nameFont, x: x + (w - nw) / 2, baseline: nameBaseline,
                                        justifyWidth: nil, width: nw, color: .black, role: "o7b")))
            nameBaselines.append(nameBaseline)
            let top = lastTitleBaseline + typesetter.metrics(titleFont).descent + 2
            let bottomY = nameBaseline - typesetter.metrics(nameFont).ascent - 2
            let fieldW = min(mm(s.signatureFieldWidthMm), w - 8)
            slots.append((i == 1 ? "SignerSignature" : "SignerSignature2", Rect(x: x + (w - fieldW) / 2, y: top, width: fieldW, height: bottomY - top)))
            bottom = max(bottom, nameBaseline + typesetter.metrics(nameFont).descent)
        }
        var breakPoints: [Double] = []
        if cc != "none" {
            let r = ccItems(p, firstBaseline: bottom + 18 + typesetter.metrics(s.ccLabelStyle.font).ascent, width: width)
            items += r.items
            breakPoints = r.breakPoints
            bottom = r.bottom
        }
        var f = FlowItem(height: bottom, spaceBefore: s.gapBeforePt, items: items)
        f.slots = slots.map { (name: $0.0, rect: $0.1) }
        f.breakPoints = breakPoints
        return f
    }

    /// "Nơi nhận:" at x 0 on `firstBaseline`, its list and the drafter code, in the left column's width.
    func ccItems(_ p: Payload, firstBaseline: Double, width: Double) -> (items: [PageItem], bottom: Double, breakPoints: [Double]) {
        let s = spec.signature
        let leftW = mm(s.leftWidthMm)
        var items: [PageItem] = []
        let labelFont = s.ccLabelStyle.font
        let lw = typesetter.width(of: s.ccLabel, font: labelFont)
        items.append(.text(TextItem(text: s.ccLabel, font: labelFont, x: 0, baseline: firstBaseline, justifyWidth: nil,
                                    width: lw, color: .black, role: "o9b")))
        // "Như {article:thi-hanh}" → "Như Điều 3".
        let numbers = ArticleItem.numbers(p.articles)
        var entries = p.cc.map { ArticleItem.resolvingReferences($0.name, numbers: numbers) + ($0.purpose.map { " (" + $0 + ")" } ?? "") }
        var archive = s.archiveLabel
        if let a = p.archive { archive += a.units.map { ", " + $0 }.joined() + (a.copies.map { " (" + $0 + ")" } ?? "") }
        entries.append(archive + ".")
        let ccFont = s.ccStyle.font
        let hang = typesetter.width(of: "- ", font: ccFont)
        var ly = firstBaseline + typesetter.metrics(labelFont).descent
        var breaks: [Double] = []
        for (i, e) in entries.enumerated() {
            let line = "- " + (i == entries.count - 1 ? e : Self.punctuated(e, last: false))
            let r = text.stacked(line, font: ccFont, x: 0, width: leftW - 4, align: .left, top: ly, hanging: hang, role: "o9b", spacing: 1.15)
            items += r.items.map(PageItem.text)
            ly = r.bottom
            breaks.append(ly + 1)
        }
        if let d = p.drafter {
            let code = d.initials + "." + (d.copies.map { "(\($0))" } ?? "")
            let r = text.stacked(code, font: ccFont, x: 0, width: leftW - 4, align: .right, top: ly, role: "o12", spacing: 1.15)
            items += r.items.map(PageItem.text)
            ly = r.bottom
        }
        return (items, ly, Array(breaks.dropLast()))
    }

    /// Mẫu 1.3: the issued document, its own section: agency and national title (no number), type name and
    /// subject, "(Kèm theo Quyết định số … )" and a short rule, then its chapters and articles; no signature.
    func composeAttached(_ a: AttachedDocument, payload p: Payload, section: Int, sink: PageSink) -> Section {
        let (pageW, pageH, tb) = frame(landscape: false)
        let head = letterhead(p, variant: "no_number", subjectLine: false, textBlock: tb)
        var items = head.items
        var y = head.bottom
        let tbStyle = spec.titleBlock
        let t = text.stacked(a.title, font: tbStyle.type.font, x: tb.x, width: tb.width, align: .center,
                             top: y + tbStyle.gapBeforePt, role: "attached-title", spacing: 1.15)
        items += t.items.map(PageItem.text); y = t.bottom
        if let subject = a.subject {
            let s = stackedLines(a.subjectLines ?? [subject], font: tbStyle.subject.font, x: tb.x, width: tb.width, top: y, role: "attached-subject")
            items += s.items.map(PageItem.text); y = s.bottom
        }
        var ref = a.reference
        if ref.type == nil { ref.type = documentType(for: p).label }
        let line = referenceLine(ref, payload: p)
        let r = text.stacked(line, font: spec.annex.reference.font, x: tb.x, width: tb.width, align: .center, top: y, role: "attached-ref", spacing: 1.15)
        items += r.items.map(PageItem.text)
        let longest = r.items.map(\.width).max() ?? 0
        let ruleY = (r.items.last?.baseline ?? y) + spec.header.ruleOffsetPt
        let len = longest * spec.annex.ruleRatio
        items.append(.line(LineItem(x1: tb.x + (tb.width - len) / 2, y1: ruleY, x2: tb.x + (tb.width + len) / 2, y2: ruleY,
                                    width: spec.ruleWidthPt, color: .black, role: "attached-rule")))
        let flow: [FlowItem] = Array(blocksFlow(a.body, width: tb.width, spaceBefore: spec.annex.gapAfterPt))
            + articlesFlow(a.articles, width: tb.width, spaceBefore: a.body.isEmpty ? spec.annex.gapAfterPt : spec.body.paragraphGapPt)
        var paginator = Paginator(frame: .init(textBlock: tb, firstTop: ruleY, firstBottom: tb.maxY), firstPageItems: items) { i, pageItems in
            sink.take(finishedPage(pageItems, index: i, width: pageW, height: pageH, textBlock: tb, section: section))
        }
        paginator.place(stoppingWhenCancelled(FlowSource(flow)))
        paginator.finish()
        return Section(slots: [], textBlock: tb)
    }
}
