import VanBanModel
import VanBanText

extension DocumentComposer {
    /// An annex: new page (landscape if asked), "Phụ lục …", caps title, "(Kèm theo …)" with a short rule, then its blocks.
    func composeAnnex(_ annex: Annex, index: Int, payload p: Payload, sink: PageSink) -> Section {
        let (pageW, pageH, tb) = frame(landscape: annex.orientation == .landscape)
        let a = spec.annex
        var head: [PageItem] = []
        var y = tb.y
        if let code = annex.code {
            let r = text.stacked(code, font: a.code.font, x: tb.x, width: tb.width, align: .right, top: y, role: "annex-code", spacing: 1.15)
            head += r.items.map(PageItem.text); y = r.bottom
        }
        if let label = annex.label {
            let r = text.stacked(a.labelPrefix + " " + label, font: a.label.font, x: tb.x, width: tb.width, align: .center, top: y,
                                 role: "annex-label", spacing: 1.15)
            head += r.items.map(PageItem.text); y = r.bottom
        }
        for line in annex.title {
            let r = text.stacked(line, font: a.title.font, x: tb.x, width: tb.width, align: .center, top: y, role: "annex-title", spacing: 1.15)
            head += r.items.map(PageItem.text); y = r.bottom
        }
        // `"ref": false`: no reference line (a book or table that is nobody's annex: the register).
        let ref = annex.reference.omitted ? nil : referenceLine(annex.reference, payload: p)
        let r = ref.map { text.stacked($0, font: a.reference.font, x: tb.x, width: tb.width, align: .center, top: y, role: "annex-ref", spacing: 1.15) }
        head += (r?.items ?? []).map(PageItem.text)
        let longest = r?.items.map(\.width).max() ?? annex.title.map { typesetter.width(of: $0, font: a.title.font) }.max() ?? 0
        let ruleY = (r?.items.last?.baseline ?? y - a.title.size * 0.25) + spec.header.ruleOffsetPt
        let len = longest * a.ruleRatio
        head.append(.line(LineItem(x1: tb.x + (tb.width - len) / 2, y1: ruleY, x2: tb.x + (tb.width + len) / 2, y2: ruleY,
                                   width: spec.ruleWidthPt, color: .black, role: "annex-rule")))

        let flow = blocksFlow(annex.blocks, width: tb.width, spaceBefore: a.gapAfterPt, values: annex.values)
        var paginator = Paginator(frame: .init(textBlock: tb, firstTop: ruleY, firstBottom: tb.maxY),
                                  firstPageItems: head) { i, items in
            sink.take(finishedPage(items, index: i, width: pageW, height: pageH, textBlock: tb, section: index))
        }
        paginator.place(stoppingWhenCancelled(flow))
        paginator.finish()
        return Section(slots: [], textBlock: tb)
    }

    /// "(Kèm theo Công văn số 12/SKHCN-VP ngày 05 tháng 6 năm 2020 của Sở Khoa học và Công nghệ)", with blanks (R56).
    func referenceLine(_ ref: AnnexReference, payload p: Payload) -> String {
        let a = spec.annex
        let named: String? = p.kind == .congVan || p.kind == .baoCao ? nil : spec.documentType?.label
        let type = ref.type ?? named ?? (p.kind == .baoCao ? (p.title.map { $0.prefix(1) + $0.dropFirst().lowercased() } ?? "Văn bản") : "Công văn")
        let number = VietnameseFormat.numberAndSymbol(number: ref.number ?? p.number, symbol: ref.symbol ?? p.symbol, blank: a.numberBlankSpaces)
        let date = ref.date ?? p.date
        let dateText = (ref.dateStyle ?? .words) == .words ? VietnameseFormat.dateWords(date, blank: a.dateBlankSpaces)
                                               : "ngày " + VietnameseFormat.dateNumeric(date, blank: 4)
        let issuer = ref.issuer ?? p.issuer.nameInText ?? p.issuer.name
        return "(\(ref.phrase ?? a.defaultPhrase) \(type) số \(number) \(dateText) của \(issuer))"
    }
}
