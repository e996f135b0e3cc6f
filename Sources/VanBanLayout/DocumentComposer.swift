import VanBanModel
import VanBanText

/// Composes a payload into laid-out pages with a layout definition.
///
/// ```swift
/// let document = DocumentComposer(spec: spec, typesetter: typesetter).compose(payload)
/// ```
/// The letter is one section; each annex is its own section with its own page numbering (R08).
public struct DocumentComposer {
    public let spec: LayoutSpec
    let typesetter: Typesetter
    let text: TextBlocks

    public init(spec: LayoutSpec, typesetter: Typesetter) {
        self.spec = spec
        self.typesetter = typesetter
        self.text = TextBlocks(typesetter: typesetter, lineSpacing: spec.lineSpacing)
    }

    struct Section {
        var pages: [Page]
        var slots: [Slot]
    }

    /// Which parts of the document to lay out: everything in one file, or one part for its own file.
    public enum Part: Sendable, Equatable {
        case all
        /// The letter alone (annexes issued as separate files).
        case letter
        /// One annex (1-based) alone, with the top-right slot for the agency's signature line (R60).
        case annex(Int)
    }

    public func compose(_ payload: Payload, part: Part = .all) -> LaidOutDocument {
        var pages: [Page] = []
        var slots: [Slot] = []
        var outline: [OutlineEntry] = []
        var warnings: [String] = []
        if payload.kind != .annexOnly && (part == .all || part == .letter) {
            let letter = composeLetter(payload, warnings: &warnings)
            outline.append(OutlineEntry(title: letterTitle(payload), pageIndex: 0))
            pages += letter.pages
            slots += letter.slots
        }
        for (i, annex) in payload.annexes.enumerated() {
            if part == .letter { break }
            if case .annex(let n) = part, n != i + 1 { continue }
            let first = pages.count
            let section = composeAnnex(annex, index: i + 1, payload: payload)
            outline.append(OutlineEntry(title: annexTitle(annex), pageIndex: first))
            for var page in section.pages { page.section = i + 1; pages.append(page) }
            slots += section.slots.map { Slot(name: $0.name, pageIndex: $0.pageIndex + first, rect: $0.rect) }
            slots.append(Slot(name: "annex-\(i + 1)", pageIndex: first, rect: section.pages[0].textBlock))
            if case .annex = part {
                // R60: the agency signs a separate annex file at the top right of its first page (10 pt info line).
                let tb = section.pages[0].textBlock
                let width = mm(100), height = mm(12)
                slots.append(Slot(name: "AgencySignature", pageIndex: first,
                                  rect: Rect(x: tb.maxX - width, y: tb.y - height - mm(2), width: width, height: height)))
            }
        }
        return LaidOutDocument(pages: pages, slots: slots, outline: outline, warnings: warnings)
    }

    func letterTitle(_ p: Payload) -> String {
        switch p.kind {
        case .congVan: return "Công văn" + (p.subject.map { ": V/v " + $0 } ?? "")
        default: return (p.title ?? "Văn bản") + (p.subject.map { ": " + $0 } ?? "")
        }
    }

    func annexTitle(_ a: Annex) -> String {
        let label = a.label.map { spec.annex.labelPrefix + " " + $0 } ?? a.code ?? spec.annex.labelPrefix
        return label + (a.title.isEmpty ? "" : ": " + a.title.joined(separator: " "))
    }

    // MARK: frames

    func frame(landscape: Bool) -> (width: Double, height: Double, textBlock: Rect) {
        var w = mm(spec.page.sizeMm[0]), h = mm(spec.page.sizeMm[1])
        if landscape { swap(&w, &h) }
        let m = spec.page.margins
        let tb = Rect(x: mm(m.leftMm), y: mm(m.topMm), width: w - mm(m.leftMm) - mm(m.rightMm), height: h - mm(m.topMm) - mm(m.bottomMm))
        return (w, h, tb)
    }

    /// Page numbers from page 2 of each section, centred on the text block in the top margin (R07).
    func numberPages(_ raw: [[PageItem]], width: Double, height: Double, textBlock: Rect, section: Int) -> [Page] {
        raw.enumerated().map { index, items in
            var items = items
            let n = index + 1
            if n > 1 || spec.pageNumber.showOnFirstPage {
                let font = spec.pageNumber.style.font
                let label = String(n)
                let w = typesetter.width(of: label, font: font)
                items.append(.text(TextItem(text: label, font: font, x: textBlock.x + (textBlock.width - w) / 2,
                                            baseline: mm(spec.pageNumber.baselineMm), justifyWidth: nil, width: w,
                                            color: .black, role: "page-number")))
            }
            return Page(width: width, height: height, items: items, number: n, section: section, textBlock: textBlock)
        }
    }
}
