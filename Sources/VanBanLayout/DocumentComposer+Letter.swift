import VanBanModel
import VanBanText

extension DocumentComposer {
    /// Page 1 of the document, block by block as its type (Layouts/types/) lists them: the letterhead
    /// (ô 1–4, 5b, 10a, 10b, 11), the blocks that stand on page 1 (ô 5a, 9a) and the contact footer (ô 13),
    /// then the flowing blocks (grounds, articles, body, …) and the signature block over as many pages as needed.
    func composeLetter(_ p: Payload, warnings: inout [String], sink: PageSink) -> Section {
        let (pageW, pageH, tb) = frame(landscape: false)
        let type = documentType(for: p)
        let header = type.block(.header)
        var slots: [Slot] = []
        let letter = letterhead(p, variant: header?.variant ?? "standard", subjectLine: type.has(.subjectLine), textBlock: tb)
        var head = letter.items
        slots += letter.slots
        var bottom = letter.bottom
        let rule = spec.ruleWidthPt

        // Blocks up to the first flowing one stand on page 1 (the title, "Kính gửi"); the rest flow.
        var parts: [FlowSource] = []
        var flowing = false
        var signature: FlowItem? = nil
        var firstBottom = tb.maxY
        for block in type.blocks {
            switch block.block {
            case .header, .subjectLine, .annexes, .attached:
                continue
            case .title:
                // Ô 5a: type name and bold subject, centred on the text block, with a rule (R27).
                let tbStyle = spec.titleBlock
                guard let title = p.title ?? block.text ?? type.title else { continue }
                let typeFont = (block.style ?? tbStyle.type).font
                var items: [PageItem] = []
                let top = flowing ? 0 : bottom + (block.gapBeforePt ?? tbStyle.gapBeforePt)
                let x0 = flowing ? 0 : tb.x
                let t = text.stacked(title, font: typeFont, x: x0, width: tb.width, align: .center, top: top, role: "o5a", spacing: 1.15)
                items += t.items.map(PageItem.text)
                var end = t.bottom
                // The rule goes under the subject, or under the type name of a type without one (giấy giới thiệu).
                var ruleUnder: [TextItem] = block.subject == false ? t.items : []
                if block.subject != false, let subject = p.subject {
                    let s = stackedLines(p.subjectLines ?? [subject], font: tbStyle.subject.font, x: x0, width: tb.width,
                                         top: end, role: "o5a-subject")
                    items += s.items.map(PageItem.text)
                    ruleUnder = s.items
                }
                if !ruleUnder.isEmpty {
                    let longest = ruleUnder.map(\.width).max() ?? 0
                    let ry = (ruleUnder.last?.baseline ?? end) + spec.header.ruleOffsetPt
                    let len = longest * tbStyle.ruleRatio
                    items.append(.line(LineItem(x1: x0 + (tb.width - len) / 2, y1: ry, x2: x0 + (tb.width + len) / 2, y2: ry,
                                                width: rule, color: .black, role: "o5a-rule")))
                    end = ry + 2
                }
                if flowing {
                    parts.append(FlowSource([FlowItem(height: end, spaceBefore: block.gapBeforePt ?? tbStyle.gapBeforePt, items: items,
                                                       keepWithNext: true)]))
                } else { head += items; bottom = end }
            case .recipients:
                // Ô 9a: "Kính gửi:" and the recipients (R28, R29), then the "(Sau đây gọi chung là …)" line.
                guard !p.recipients.isEmpty else { continue }
                let gap = block.gapBeforePt ?? spec.recipients.gapBeforePt
                if flowing {
                    let r = recipientsBlock(p, top: 0, textBlock: Rect(x: 0, y: 0, width: tb.width, height: tb.height), block: block)
                    parts.append(FlowSource([FlowItem(height: r.bottom, spaceBefore: gap, items: r.items.map(PageItem.text))]))
                } else {
                    let r = recipientsBlock(p, top: bottom + gap, textBlock: tb, block: block)
                    head += r.items.map(PageItem.text)
                    bottom = r.bottom
                }
            case .contact:
                // Ô 13: contact footer at the bottom of page 1 under a full-width rule.
                guard !p.contact.isEmpty else { continue }
                let font = spec.contact.style.font
                let lines = p.contact.flatMap { text.lines($0, font: font, x: tb.x, width: tb.width, align: .left, role: "o13").lines }
                let pitch = text.pitch(font)
                let blockTop = tb.maxY - Double(lines.count) * pitch
                let ruleY = blockTop - spec.contact.gapAbovePt
                head.append(.line(LineItem(x1: tb.x, y1: ruleY, x2: tb.maxX, y2: ruleY, width: rule, color: .black, role: "o13-rule")))
                for (i, var l) in lines.enumerated() { l.baseline += blockTop + Double(i) * pitch; head.append(.text(l)) }
                firstBottom = ruleY - 6
            case .signature:
                signature = block.variant == "two" ? twoSignaturesBlock(p, width: tb.width, cc: block.cc ?? "below")
                                                   : signatureBlock(p, width: tb.width)
            case .authority, .grounds, .line, .labelled, .body, .articles, .closing:
                let defaultGap = parts.isEmpty && !flowing ? spec.body.gapBeforePt : spec.body.paragraphGapPt
                let gap = block.gapBeforePt ?? defaultGap
                flowing = true
                switch block.block {
                case .authority: parts.append(FlowSource(authorityFlow(p, block: block, width: tb.width, spaceBefore: gap)))
                case .grounds: parts.append(FlowSource(groundsFlow(p, block: block, width: tb.width, spaceBefore: gap)))
                case .line: parts.append(FlowSource(lineFlow(p, block: block, width: tb.width, spaceBefore: gap)))
                case .labelled: parts.append(FlowSource(labelledFlow(p, block: block, width: tb.width, spaceBefore: gap)))
                case .articles: parts.append(FlowSource(articlesFlow(p.articles, width: tb.width, spaceBefore: gap)))
                case .closing: parts.append(blocksFlow(p.closing, width: tb.width, spaceBefore: gap))
                default: parts.append(blocksFlow(p.body, width: tb.width, spaceBefore: gap))
                }
            }
        }

        // Ô 6 and the signature block flow over as many pages as needed.
        // The signature block never stands alone at the top of a page: the last two body lines come with it.
        let body = FlowSource(joining: parts).keepingTail(2)
        let flow = FlowSource(joining: [body, FlowSource(signature.map { [$0] } ?? [])])
        let first = sink.count
        var paginator = Paginator(frame: .init(textBlock: tb, firstTop: bottom, firstBottom: firstBottom),
                                  firstPageItems: head) { index, items in
            sink.take(finishedPage(items, index: index, width: pageW, height: pageH, textBlock: tb, section: 0))
        }
        paginator.place(stoppingWhenCancelled(flow))
        paginator.finish()
        slots += paginator.slots.map { Slot(name: $0.name, pageIndex: $0.page + first, rect: $0.rect) }
        return Section(slots: slots, textBlock: tb)
    }

    /// Ô 1–4 (ô 3/4 per `variant`: "standard" both, "no_date" the number only, "no_number" neither), the V/v
    /// line (ô 5b) when `subjectLine`, the marks (ô 10a, 10b, 11): page items, the y below them, the blank slots.
    func letterhead(_ p: Payload, variant: String, subjectLine: Bool, textBlock tb: Rect) -> (items: [PageItem], bottom: Double, slots: [Slot]) {
        var head: [PageItem] = []
        var slots: [Slot] = []
        let h = spec.header
        let leftW = mm(h.leftWidthMm)
        let leftC = tb.x + leftW / 2
        let rightC = tb.x + leftW + (tb.width - leftW) / 2
        let rule = spec.ruleWidthPt

        // Ô 2: parent agency (regular) and issuing agency (bold), centred on the left column.
        var y = tb.y
        var leftItems: [TextItem] = []
        if let parent = p.issuer.parent {
            let r = stackedLines(p.issuer.parentLines ?? [parent], font: h.parent.font, x: tb.x, width: leftW, top: y, role: "o2")
            leftItems += r.items; y = r.bottom
        }
        let agency = stackedLines(p.issuer.nameLines ?? [p.issuer.name], font: h.agency.font, x: tb.x, width: leftW, top: y, role: "o2")
        leftItems += agency.items
        let agencyLongest = agency.items.map(\.width).max() ?? 0
        let agencyRuleY = (agency.items.last?.baseline ?? y) + h.ruleOffsetPt
        let agencyRuleLen = agencyLongest * h.agencyRuleRatio
        head += leftItems.map(PageItem.text)
        head.append(.line(LineItem(x1: leftC - agencyRuleLen / 2, y1: agencyRuleY, x2: leftC + agencyRuleLen / 2, y2: agencyRuleY,
                                   width: rule, color: .black, role: "o2-rule")))

        // Ô 1: national title and motto, the motto's rule exactly as wide as the motto (R13).
        let qh = text.stacked(h.nationalTitle, font: h.nationalTitleStyle.font, x: tb.x + leftW, width: tb.width - leftW,
                              align: .center, top: tb.y, role: "o1", spacing: 1.15)
        // The motto sits one single-spaced line (of its own size) below the national title (R12).
        let mottoFont = h.mottoStyle.font
        let mottoW = typesetter.width(of: h.motto, font: mottoFont)
        let mottoBaseline = (qh.items.last?.baseline ?? tb.y) + mottoFont.size * 1.15
        head += qh.items.map(PageItem.text)
        head.append(.text(TextItem(text: h.motto, font: mottoFont, x: rightC - mottoW / 2, baseline: mottoBaseline,
                                   justifyWidth: nil, width: mottoW, color: .black, role: "o1-motto")))
        let mottoRuleY = mottoBaseline + h.ruleOffsetPt
        head.append(.line(LineItem(x1: rightC - mottoW / 2, y1: mottoRuleY, x2: rightC + mottoW / 2, y2: mottoRuleY,
                                   width: rule, color: .black, role: "o1-rule")))

        // Ô 3 and ô 4 on one baseline.
        let numberBaseline = max(agencyRuleY, mottoRuleY) + h.numberGapPt
        if variant == "no_number" {
            return (head, max(agencyRuleY, mottoRuleY) + 2, slots)
        }
        let numberText = "Số: " + VietnameseFormat.numberAndSymbol(number: p.number, symbol: p.symbol, blank: h.numberBlankSpaces)
        let numberW = typesetter.width(of: numberText, font: h.number.font)
        let numberX = leftC - numberW / 2
        head.append(.text(TextItem(text: numberText, font: h.number.font, x: numberX, baseline: numberBaseline,
                                   justifyWidth: nil, width: numberW, color: .black, role: "o3")))
        if p.number == nil {
            let prefixW = typesetter.width(of: "Số: ", font: h.number.font)
            let blankW = typesetter.width(of: String(repeating: " ", count: h.numberBlankSpaces), font: h.number.font)
            slots.append(Slot(name: "number", pageIndex: 0, rect: Rect(x: numberX + prefixW, y: numberBaseline - h.number.size * 0.9,
                                                                         width: blankW, height: h.number.size * 1.15)))
        }
        if variant != "no_date" {
            let dateText = VietnameseFormat.placeAndDate(place: p.place, date: p.date, blank: h.dateBlankSpaces)
            let dateW = typesetter.width(of: dateText, font: h.date.font)
            let dateX = rightC - dateW / 2
            head.append(.text(TextItem(text: dateText, font: h.date.font, x: dateX, baseline: numberBaseline,
                                       justifyWidth: nil, width: dateW, color: .black, role: "o4")))
            if p.date.day == nil {
                let prefixW = typesetter.width(of: p.place + ", ngày ", font: h.date.font)
                let blankW = typesetter.width(of: String(repeating: " ", count: h.dateBlankSpaces), font: h.date.font)
                slots.append(Slot(name: "date", pageIndex: 0, rect: Rect(x: dateX + prefixW, y: numberBaseline - h.date.size * 0.9,
                                                                           width: blankW, height: h.date.size * 1.15)))
            }
        }
        var bottom = numberBaseline + typesetter.metrics(h.number.font).descent

        // Ô 5b: "V/v …" centred under the number, 6 pt further down (R26).
        if subjectLine, let subject = p.subject {
            let top = numberBaseline + typesetter.metrics(h.number.font).descent + h.subjectGapPt
            var lines = p.subjectLines ?? [subject]
            lines[0] = h.subjectPrefix + lines[0]
            let s = stackedLines(lines, font: h.subject.font, x: tb.x, width: leftW, top: top, role: "o5b")
            head += s.items.map(PageItem.text)
            bottom = max(bottom, s.bottom)
        }

        // Ô 10a / 10b: secrecy and urgency marks in the left column under the subject.
        let markColor = RGB(r: h.marks.colorRgb[0], g: h.marks.colorRgb[1], b: h.marks.colorRgb[2])
        for (mark, role) in [(p.marks.secrecy, "o10a"), (p.marks.urgency, "o10b")] {
            guard let mark else { continue }
            let font = h.marks.style.font
            let w = typesetter.width(of: mark, font: font)
            let size = h.marks.urgencyBoxesMm[mark].map { (mm($0[0]), mm($0[1])) } ?? (w + mm(4), mm(8))
            let boxW = max(size.0, w + mm(2))
            let box = Rect(x: leftC - boxW / 2, y: bottom + h.marks.gapPt, width: boxW, height: size.1)
            head.append(.box(BoxItem(rect: box, strokeWidth: 1, color: markColor, role: role)))
            let m = typesetter.metrics(font)
            head.append(.text(TextItem(text: mark, font: font, x: leftC - w / 2, baseline: box.y + (box.height + m.ascent - m.descent) / 2,
                                       justifyWidth: nil, width: w, color: markColor, role: role)))
            bottom = box.maxY
        }
        // Ô 11: circulation mark, boxed, in the top margin above the national title.
        if let circulation = p.marks.circulation {
            let font = h.marks.style.font
            let w = typesetter.width(of: circulation, font: font)
            let box = Rect(x: rightC - (w + mm(4)) / 2, y: tb.y - mm(9), width: w + mm(4), height: mm(7))
            let m = typesetter.metrics(font)
            head.append(.box(BoxItem(rect: box, strokeWidth: 0.75, color: .black, role: "o11")))
            head.append(.text(TextItem(text: circulation, font: font, x: box.x + mm(2), baseline: box.y + (box.height + m.ascent - m.descent) / 2,
                                       justifyWidth: nil, width: w, color: .black, role: "o11")))
        }
        return (head, bottom, slots)
    }

    /// Centred lines as the payload broke them (each one still wrapped, balanced, if too long for `width`).
    func stackedLines(_ lines: [String], font: FontSpec, x: Double, width: Double, top: Double, role: String) -> (items: [TextItem], bottom: Double) {
        var items: [TextItem] = []
        var y = top
        for line in lines {
            let r = text.stacked(line, font: font, x: x, width: width, align: .center, top: y, role: role, spacing: 1.15)
            items += r.items; y = r.bottom
        }
        return (items, y)
    }

    /// Adds ";" (or "." for the last) unless the item already ends with punctuation (R28, R46).
    static func punctuated(_ s: String, last: Bool) -> String {
        guard let end = s.last else { return s }
        if [";", ".", ",", ":"].contains(end) { return s }
        return s + (last ? "." : ";")
    }

    /// Ô 7a–7c, 8, 9b, 12: "Nơi nhận" on the left, level with the first signer line; signer on the right.
    func signatureBlock(_ p: Payload, width: Double) -> FlowItem {
        let s = spec.signature
        let leftW = mm(s.leftWidthMm)
        let rightC = leftW + (width - leftW) / 2
        var items: [PageItem] = []
        var slots: [(String, Rect)] = []

        // Right column: authority/title lines, signature space, name.
        let titleFont = s.title.font
        let titleTop = 0.0
        var titleLines: [TextItem] = []
        var yy = titleTop
        for line in p.signer?.titleLines ?? [] {
            let r = text.stacked(line, font: titleFont, x: leftW, width: width - leftW, align: .center, top: yy, role: "o7a", spacing: 1.15)
            titleLines += r.items
            yy = r.bottom
        }
        items += titleLines.map(PageItem.text)
        let firstBaseline = titleLines.first?.baseline ?? text.baselineOffset(titleFont, spacing: 1.15)
        let lastTitleBaseline = titleLines.last?.baseline ?? firstBaseline
        let nameBaseline = lastTitleBaseline + mm(s.spaceMm)
        var rightBottom = nameBaseline
        if let signer = p.signer {
            let w = typesetter.width(of: signer.name, font: s.name.font)
            items.append(.text(TextItem(text: signer.name, font: s.name.font, x: rightC - w / 2, baseline: nameBaseline,
                                        justifyWidth: nil, width: w, color: .black, role: "o7b")))
            rightBottom = nameBaseline + typesetter.metrics(s.name.font).descent
            // Ô 7c: the signature field between title and name; ô 8: the seal over its left third.
            let top = lastTitleBaseline + typesetter.metrics(titleFont).descent + 2
            let bottomY = nameBaseline - typesetter.metrics(s.name.font).ascent - 2
            let fieldW = mm(s.signatureFieldWidthMm)
            let sig = Rect(x: rightC - fieldW / 2, y: top, width: fieldW, height: bottomY - top)
            slots.append(("SignerSignature", sig))
            let d = mm(s.sealDiameterMm)
            // The seal's right edge reaches one third into the signature, so it covers the signature's left third (R42).
            slots.append(("AgencySeal", Rect(x: sig.x + fieldW / 3 - d, y: sig.y + sig.height / 2 - d / 2, width: d, height: d)))
        }

        // Left column: "Nơi nhận:" on the first signer line's baseline, then the list (R45, R46).
        let cc = ccItems(p, firstBaseline: firstBaseline, width: width)
        items += cc.items
        let ly = cc.bottom
        var f = FlowItem(height: max(ly, rightBottom), spaceBefore: s.gapBeforePt, items: items)
        f.slots = slots.map { (name: $0.0, rect: $0.1) }
        // A "Nơi nhận" list too long for the page continues on the next one, below the signer's name only.
        f.breakPoints = items.compactMap { item -> Double? in
            guard case .text(let t) = item, t.role == "o9b" || t.role == "o12" else { return nil }
            let b = t.baseline + typesetter.metrics(t.font).descent + 1
            return b > rightBottom + 1 ? b : nil
        }
        return f
    }

    /// Flow slices for body or annex blocks.
    /// Flow slices of blocks, produced lazily: a table's rows are laid out only when the paginator reaches them.
    func blocksFlow(_ blocks: [Block], width: Double, spaceBefore: Double, values: [String: FieldValue] = [:]) -> FlowSource {
        let b = spec.body
        let indent = mm(b.firstLineIndentMm)
        var parts: [FlowSource] = []
        var flow: [FlowItem] = []
        func flush() { if !flow.isEmpty { parts.append(FlowSource(flow)); flow = [] } }
        var tableID = 0
        for (i, block) in blocks.enumerated() {
            let gap = i == 0 ? spaceBefore : b.paragraphGapPt
            switch block {
            case .paragraph(let para):
                let font = FontSpec(FontFace(bold: para.bold || b.style.face.isBold, italic: para.italic), b.style.size)
                let align: LineAlignment
                switch para.alignment {  // a switch: a dictionary keyed by the enum cost a conformance scan (#14)
                case .justify: align = .justify
                case .left: align = .left
                case .center: align = .center
                case .right: align = .right
                }
                flow += text.flow(para.text, font: font, width: width, align: align, indent: para.indent ? indent : 0,
                                  spaceBefore: gap, role: "body")
            case .heading(let hd):
                let style = b.headings[min(hd.level, b.headings.count) - 1]
                var lines = text.flow(hd.text, font: style.font, width: width, align: .justify, indent: indent,
                                      spaceBefore: i == 0 ? spaceBefore : b.headingGapPt, role: "heading")
                for k in lines.indices { lines[k].keepWithNext = true }
                flow += lines
            case .list(let list):
                flow += listFlow(list, width: width, spaceBefore: gap)
            case .table(let table):
                tableID += 1
                let layout = TableLayout(spec: spec.table, text: text, borderWidth: spec.table.borderPt)
                flush()
                parts.append(layout.flow(TableFilling.resolve(table, values: values), width: width, tableID: tableID, spaceBefore: gap))
            case .fill(let fill):
                flow += fillFlow(fill, width: width, spaceBefore: gap, values: values)
            case .choices(let choices):
                flow += choiceFlow(choices, width: width, spaceBefore: gap, values: values)
            case .answer(let answer):
                flow += answerFlow(answer, width: width, spaceBefore: gap, values: values)
            }
        }
        flush()
        return FlowSource(joining: parts)
    }
}
