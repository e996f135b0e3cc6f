/// Distributes flow slices onto pages of one section, honouring keep-with-next chains and
/// repeating table headers; nothing is ever placed below the bottom of the text block.
///
/// Pages are handed to `emit` as soon as they are full, and slices are pulled from a sequence with
/// a short look-ahead, so a 5,000-row table never sits in memory whole.
struct Paginator {
    struct Frame {
        var textBlock: Rect
        /// Where flow starts on the first page (below the letterhead).
        var firstTop: Double
        /// Where flow must end on the first page (above the contact footer).
        var firstBottom: Double
    }

    var frame: Frame
    var slots: [(name: String, page: Int, rect: Rect)] = []
    /// Items of the page being filled (absolute page coordinates).
    private var current: [PageItem]
    /// Index of the page being filled, within the section.
    private(set) var pageIndex = 0
    private let emit: (Int, [PageItem]) -> Void
    private var y: Double
    private var pageHasContent = false

    /// `firstPageItems`: what already stands on the first page (letterhead, annex heading), absolute.
    init(frame: Frame, firstPageItems: [PageItem] = [], emit: @escaping (Int, [PageItem]) -> Void) {
        self.frame = frame
        self.current = firstPageItems
        self.emit = emit
        self.y = frame.firstTop
        // Below a letterhead or annex heading the page already has content: gaps before the first slice count.
        self.pageHasContent = frame.firstTop > frame.textBlock.y + 0.01
    }

    private var bottom: Double { pageIndex == 0 ? frame.firstBottom : frame.textBlock.maxY }
    private var fullHeight: Double { frame.textBlock.height }

    mutating func newPage() {
        emit(pageIndex, current)
        current = []
        pageIndex += 1
        y = frame.textBlock.y
        pageHasContent = false
    }

    /// Hands over the last page; the section is done.
    mutating func finish() {
        emit(pageIndex, current)
        current = []
    }

    /// Places a section's slices in order, pulling them lazily from `flow`.
    mutating func place(_ flow: FlowSource) {
        var source = flow.makeIterator()
        var ahead: [FlowItem] = []
        var exhausted = false
        /// Makes sure `ahead` holds at least `n` slices when the source has them.
        func fill(_ n: Int) {
            while ahead.count < n && !exhausted {
                if let next = source.next() { ahead.append(next) } else { exhausted = true }
            }
        }
        while true {
            fill(1)
            guard let item = ahead.first else { break }
            // Height of the keep-with-next chain starting here, and up to the first place where its last
            // slice could be cut (a table header must never end a page without a data row under it).
            var chain = item.height
            var chainToFirstCut = item.breakPoints.first ?? item.height
            var j = 0
            while ahead[j].keepWithNext {
                fill(j + 2)
                guard j + 1 < ahead.count else { break }
                j += 1
                chainToFirstCut = chain + ahead[j].spaceBefore + (ahead[j].breakPoints.first ?? ahead[j].height)
                chain += ahead[j].spaceBefore + ahead[j].height
            }
            let before = pageHasContent ? item.spaceBefore : 0
            let freshRoomHere = fullHeight - (item.repeatedHeader?.height ?? 0)
            if pageHasContent && j > 0 && y + before + chainToFirstCut > bottom + 0.01 && chainToFirstCut <= freshRoomHere {
                newPage()
                continue
            }
            // A slice taller than a page is cut anyway: it starts here when its first part fits.
            let tallCutsHere = item.height > freshRoomHere + 0.01 && !item.breakPoints.isEmpty
                && y + before + item.breakPoints[0] <= bottom + 0.01
            if pageHasContent && !tallCutsHere && y + before + chain > bottom + 0.01 {
                // A splittable row is cut here when at least its first lines fit; anything else breaks before
                // the chain when the chain fits on a fresh page (a longer chain is cut at its own slices).
                let freshRoom = fullHeight - (item.repeatedHeader?.height ?? 0)
                let splitsHere = item.splittable && (item.breakPoints.first.map { y + before + $0 <= bottom + 0.01 } ?? false)
                    && y + before + item.height > bottom + 0.01
                if !splitsHere && (chain <= freshRoom || y + before + item.height > bottom + 0.01) {
                    newPage()
                    continue
                }
            }
            if let header = item.repeatedHeader, !pageHasContent {
                // A table row starting a continuation page: repeat the table's header rows above it (R63).
                append(header.items, dy: y)
                y += header.height
            }
            let top = y + (pageHasContent ? item.spaceBefore : 0)
            ahead.removeFirst()
            if top + item.height > bottom + 0.01 && !item.breakPoints.isEmpty {
                placeSplitting(item, top: top)
                continue
            }
            append(item.items, dy: top)
            for s in item.slots {
                slots.append((s.name, pageIndex, Rect(x: s.rect.x + frame.textBlock.x, y: s.rect.y + top, width: s.rect.width, height: s.rect.height)))
            }
            y = top + item.height
            pageHasContent = true
        }
    }

    /// Cuts a slice taller than the space left at its break points, continuing on new pages
    /// (with the table header repeated above each continuation).
    private mutating func placeSplitting(_ item: FlowItem, top: Double) {
        var offset = 0.0
        var pageTop = top
        let points = (item.breakPoints + [item.height]).sorted()
        let labelsBottom = item.spanLabels.flatMap(\.items).map(\.bottom).max() ?? 0
        let width = tableWidth(item)
        // Vertical borders (few) apart; everything else sorted by bottom, so each page takes its slice
        // by binary search instead of scanning the whole row.
        let verticals = item.items.filter { if case .line(let l) = $0 { return l.y1 != l.y2 } else { return false } }
        let others: [(bottom: Double, item: PageItem)] = item.items.compactMap {
            if case .line(let l) = $0, l.y1 != l.y2 { return nil }
            return ($0.bottom, $0)
        }.sorted { $0.bottom < $1.bottom }
        func firstOther(after y: Double) -> Int {
            var lo = 0, hi = others.count
            while lo < hi { let mid = (lo + hi) / 2; if others[mid].bottom - 0.01 > y - 0.01 { hi = mid } else { lo = mid + 1 } }
            return lo
        }
        // Text lines sorted by bottom, with how far each rises above its slice top (ascent − baseline):
        // `lift` then scans only the lines of one slice, and the cut is found by binary search, so a
        // row of thousands of lines is cut in O(n log n), not O(n³) (issue 15, slow-tall-row).
        let texts: [(bottom: Double, rise: Double)] = item.items.compactMap {
            if case .text(let t) = $0 { return (PageItem.text(t).bottom, t.font.size * 0.95 - t.baseline) } else { return nil }
        }.sorted { $0.bottom < $1.bottom }
        func firstIndex(after y: Double) -> Int {
            var lo = 0, hi = texts.count
            while lo < hi { let mid = (lo + hi) / 2; if texts[mid].bottom > y { hi = mid } else { lo = mid + 1 } }
            return lo
        }
        /// Text of a continuation slice must not rise above the slice top (into the repeated header):
        /// how far the slice must move down so every line's ascent stays below it.
        func lift(_ from: Double, _ to: Double) -> Double {
            guard from > 0 else { return 0 }
            var l = 0.0
            var i = firstIndex(after: from + 0.01)
            while i < texts.count, texts[i].bottom <= to + 0.5 {
                l = max(l, texts[i].rise + from)
                i += 1
            }
            return l
        }
        while offset < item.height - 0.01 {
            let room = bottom - pageTop
            // The furthest break point whose slice fits (c − offset + lift grows with c: binary search);
            // at least one line's worth even if it overflows.
            var lo = 0, hi = points.count
            while lo < hi { let mid = (lo + hi) / 2; if points[mid] > offset + 0.01 { hi = mid } else { lo = mid + 1 } }
            let first = lo
            var cut = first < points.count ? points[first] : item.height
            var raise = lift(offset, cut)
            var a = first, b = points.count - 1
            while a <= b {
                let mid = (a + b) / 2
                let r = lift(offset, points[mid])
                if points[mid] - offset + r <= room + 0.01 { cut = points[mid]; raise = r; a = mid + 1 } else { b = mid - 1 }
            }
            var pageItems: [PageItem] = []
            for case .line(var l) in verticals {
                // Vertical borders are clipped to the slice and reach up to its top.
                l.y1 = max(l.y1, offset); l.y2 = min(l.y2, cut)
                if l.y2 <= l.y1 { continue }
                if l.y1 <= offset + 0.01 { l.y1 = offset - raise }
                pageItems.append(.line(l))
            }
            var k = firstOther(after: offset + 0.01)
            while k < others.count, others[k].bottom - 0.01 <= cut + 0.5 {
                if others[k].bottom - 0.01 > offset { pageItems.append(others[k].item) }
                k += 1
            }
            append(pageItems.map { $0.offsetBy(dx: 0, dy: -offset + raise) }, dy: pageTop)
            // A row-spanning label whose centred original falls on another slice is shown at the top of
            // this slice of its cell, so every page of a cut group names it ("carrying its label").
            var labelDrawn = false
            if cut < item.height - 0.01 || offset > 0 {
                for label in item.spanLabels where label.cellTop < cut - 0.01 && label.cellBottom > offset + 0.01
                    && !(label.originalBottom > offset + 0.01 && label.originalBottom <= cut + 0.5) {
                    append(label.items, dy: pageTop + max(0, label.cellTop - offset) + raise)
                    labelDrawn = true
                }
            }
            for s in item.slots where s.rect.maxY > offset && s.rect.y < cut {
                slots.append((s.name, pageIndex, Rect(x: s.rect.x + frame.textBlock.x, y: s.rect.y - offset + raise + pageTop,
                                                            width: s.rect.width, height: s.rect.height)))
            }
            // A repeated row-spanning label needs its own height on the continuation.
            let sliceHeight = max(cut - offset + raise, labelDrawn ? labelsBottom : 0)
            // Close the cut with a border line.
            if cut < item.height - 0.01, let width {
                append([.line(LineItem(x1: 0, y1: sliceHeight, x2: width, y2: sliceHeight, width: 0.5, color: .black, role: "table"))], dy: pageTop)
            }
            y = pageTop + sliceHeight
            pageHasContent = true
            offset = cut
            if offset < item.height - 0.01 {
                newPage()
                pageTop = y
                if let header = item.repeatedHeader {
                    append(header.items, dy: y)
                    pageTop += header.height
                }
                if let width {
                    append([.line(LineItem(x1: 0, y1: 0, x2: width, y2: 0, width: 0.5, color: .black, role: "table"))], dy: pageTop)
                }
            }
        }
    }

    private func tableWidth(_ item: FlowItem) -> Double? {
        item.items.compactMap { if case .line(let l) = $0, l.y1 == l.y2 { return max(l.x1, l.x2) } else { return nil } }.max()
    }

    private mutating func append(_ items: [PageItem], dy: Double) {
        current.append(contentsOf: items.map { $0.offsetBy(dx: frame.textBlock.x, dy: dy) })
    }
}
