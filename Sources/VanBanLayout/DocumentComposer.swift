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
    /// When set and cancelled, each section stops pulling flow slices (paragraphs, table rows) and the
    /// composer returns early with an incomplete document; the caller must check the flag and discard it.
    public var cancellation: CancellationFlag? = nil

    public init(spec: LayoutSpec, typesetter: Typesetter) {
        self.spec = spec
        self.typesetter = typesetter
        self.text = TextBlocks(typesetter: typesetter, lineSpacing: spec.lineSpacing, phrases: PhraseBreaker(spec: spec.lineBreaks))
    }

    /// Where a section's pages go as they are finished, with the numbering of the whole document.
    final class PageSink {
        let deliver: (Page) -> Void
        private(set) var count = 0
        init(_ deliver: @escaping (Page) -> Void) { self.deliver = deliver }
        func take(_ page: Page) { deliver(page); count += 1 }
    }

    /// What a section reports once its pages are out: its signing slots and its first page's frame.
    struct Section {
        var slots: [Slot]
        var textBlock: Rect
    }

    /// Which parts of the document to lay out: everything in one file, or one part for its own file.
    public enum Part: Sendable, Equatable {
        case all
        /// The letter alone (annexes issued as separate files).
        case letter
        /// One annex (1-based) alone, with the top-right slot for the agency's signature line (R60).
        case annex(Int)
    }

    /// Lays out the document, keeping every page (for previews and tests).
    public func compose(_ payload: Payload, part: Part = .all) -> LaidOutDocument {
        var pages: [Page] = []
        let summary = compose(payload, part: part) { page, _ in pages.append(page) }
        return LaidOutDocument(pages: pages, slots: summary.slots, outline: summary.outline, warnings: summary.warnings)
    }

    /// Lays out the document and hands each page to `onPage` as soon as it is finished, in order, with the
    /// outline titles that start on it: the PDF writer draws it and lets it go, so memory does not grow
    /// with the document's length.
    public func compose(_ payload: Payload, part: Part = .all, onPage: @escaping (Page, [String]) -> Void) -> LayoutSummary {
        var slots: [Slot] = []
        var outline: [OutlineEntry] = []
        var warnings: [String] = []
        var sizes: [PageSize] = []
        let sink = PageSink { page in
            let titles = outline.filter { $0.pageIndex == sizes.count }.map(\.title)
            sizes.append(PageSize(width: page.width, height: page.height))
            onPage(page, titles)
        }
        if payload.kind != .annexOnly && (part == .all || part == .letter) {
            outline.append(OutlineEntry(title: letterTitle(payload), pageIndex: 0))
            slots += composeLetter(payload, warnings: &warnings, sink: sink).slots
            // Mẫu 1.3: the document the quyết định issues follows it, with its own header and page numbers.
            if let attached = payload.attached, documentType(for: payload).has(.attached) {
                let first = sink.count
                outline.append(OutlineEntry(title: attached.title + (attached.subject.map { " " + $0 } ?? ""), pageIndex: first))
                let section = composeAttached(attached, payload: payload, section: payload.annexes.count + 1, sink: sink)
                slots.append(Slot(name: "attached", pageIndex: first, rect: section.textBlock))
            }
        }
        for (i, annex) in payload.annexes.enumerated() {
            if part == .letter { break }
            if case .annex(let n) = part, n != i + 1 { continue }
            let first = sink.count
            outline.append(OutlineEntry(title: annexTitle(annex), pageIndex: first))
            let section = composeAnnex(annex, index: i + 1, payload: payload, sink: sink)
            slots.append(Slot(name: "annex-\(i + 1)", pageIndex: first, rect: section.textBlock))
            if case .annex = part {
                // R60: the agency signs a separate annex file at the top right of its first page (10 pt info line).
                let tb = section.textBlock
                let width = mm(100), height = mm(12)
                slots.append(Slot(name: "AgencySignature", pageIndex: first,
                                  rect: Rect(x: tb.maxX - width, y: tb.y - height - mm(2), width: width, height: height)))
            }
        }
        return LayoutSummary(pageSizes: sizes, slots: slots, outline: outline, warnings: warnings)
    }

    /// The flow of a section, ending early once `cancellation` is set (checked before each slice).
    func stoppingWhenCancelled(_ flow: FlowSource) -> FlowSource {
        let flag = cancellation
        return flow.prefix(while: { flag?.isCancelled != true })
    }

    func letterTitle(_ p: Payload) -> String {
        if p.kind == .congVan { return "Công văn" + (p.subject.map { ": V/v " + $0 } ?? "") }
        return (p.title ?? documentType(for: p).title ?? "Văn bản") + (p.subject.map { ": " + $0 } ?? "")
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

    /// A finished page of a section: page number from page 2 of each section, centred on the text
    /// block in the top margin (R07, R08).
    func finishedPage(_ items: [PageItem], index: Int, width: Double, height: Double, textBlock: Rect, section: Int) -> Page {
        var items = items
        let n = index + 1
        if n > 1 || spec.pageNumber.showOnFirstPage {
            let font = spec.pageNumber.style.font
            let label = String(n)
            let w = typesetter.width(of: label, font: font)
            // Drawn first: in the text layer the number then opens its page instead of interrupting a
            // paragraph that runs over from the page before.
            items.insert(.text(TextItem(text: label, font: font, x: textBlock.x + (textBlock.width - w) / 2,
                                        baseline: mm(spec.pageNumber.baselineMm), justifyWidth: nil, width: w,
                                        color: .black, role: "page-number")), at: 0)
        }
        return Page(width: width, height: height, items: items, number: n, section: section, textBlock: textBlock)
    }
}
