/// An unbreakable slice of flowing content (a text line, a table row band, the signature block).
///
/// Items are positioned relative to the top-left of the slice, with x = 0 at the text block's left edge.
struct FlowItem {
    var height: Double
    /// Space above the slice; dropped when the slice starts a page.
    var spaceBefore: Double
    var items: [PageItem]
    /// Keep on the same page as the next slice (headings, first lines, the last lines before the signature).
    var keepWithNext: Bool = false
    /// For table rows: the header rows to repeat when this slice starts a continuation page.
    var repeatedHeader: RepeatedHeader?
    /// Named slots (signature, seal) relative to the slice.
    var slots: [(name: String, rect: Rect)] = []
    /// A slice taller than a page that may be cut between its lines: the y offsets where it may break.
    var breakPoints: [Double] = []
    /// May be cut at its break points when it does not fit the space left (table rows with `split_rows`).
    var splittable = false
    /// Labels of row-spanning cells, positioned from the slice top, repeated on each continuation page.
    var spanLabels: [SpanLabel] = []
}

/// The text of a row-spanning cell ("Thành phố Vĩnh Long", "Trong đó"), for a band that may be cut:
/// each slice of the cell that does not hold the centred original shows this copy at its top.
struct SpanLabel {
    /// The label's lines, positioned from the cell's top.
    var items: [PageItem]
    /// Bottom of the centred original's last line, from the slice top (band coordinates).
    var originalBottom: Double
    /// The cell's top and bottom, band coordinates.
    var cellTop: Double
    var cellBottom: Double
}

/// Header rows of a table, drawn again at the top of each page the table continues onto.
struct RepeatedHeader {
    var id: Int
    var items: [PageItem]
    var height: Double
}

/// The slices of a run of blocks, joined lazily.
struct FlowStream: Sequence {
    var parts: [AnySequence<FlowItem>]
    func makeIterator() -> FlattenSequence<[AnySequence<FlowItem>]>.Iterator { parts.joined().makeIterator() }
}

/// Passes slices through, marking the last `count` of them keep-with-next (the body lines that must
/// go with the signature block), with a look-ahead of just `count` slices.
struct KeepingTail<Base: Sequence>: Sequence where Base.Element == FlowItem {
    var base: Base
    var count: Int
    init(_ base: Base, count: Int) { self.base = base; self.count = count }

    struct Iterator: IteratorProtocol {
        var source: Base.Iterator
        var buffer: [FlowItem] = []
        var count: Int
        var drained = false

        mutating func next() -> FlowItem? {
            while !drained && buffer.count <= count {
                if let item = source.next() { buffer.append(item) } else {
                    drained = true
                    for i in buffer.indices { buffer[i].keepWithNext = true }
                }
            }
            return buffer.isEmpty ? nil : buffer.removeFirst()
        }
    }

    func makeIterator() -> Iterator { Iterator(source: base.makeIterator(), count: count) }
}
