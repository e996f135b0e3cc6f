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

/// Slices made on demand: the flow of a section, one slice at a time (a table's rows are laid out only
/// when the paginator reaches them). Each iteration starts afresh from `make`.
///
/// One concrete type rather than the standard library's lazy and type-erased sequences: every distinct
/// composition of those (an `AnySequence` of a `LazyMapSequence` of an `EnumeratedSequence` …) is a
/// generic type the Swift runtime builds at its first use, checking its requirements against each of the
/// binary's 9,700 conformance records: ten such scans, about 3.5 M instructions of a cold render (#14).
struct FlowSource: Sequence {
    private let make: () -> () -> FlowItem?

    struct Iterator: IteratorProtocol {
        let pull: () -> FlowItem?
        mutating func next() -> FlowItem? { pull() }
    }

    func makeIterator() -> Iterator { Iterator(pull: make()) }

    /// Slices made one at a time by `make`'s function, until it returns nil.
    init(_ make: @escaping () -> () -> FlowItem?) { self.make = make }

    /// These slices, in order.
    init(_ items: [FlowItem]) {
        make = {
            var i = 0
            return {
                guard i < items.count else { return nil }
                defer { i += 1 }
                return items[i]
            }
        }
    }

    /// The slices of each part in turn.
    init(joining parts: [FlowSource]) {
        make = {
            var k = 0
            var current: Iterator? = nil
            return {
                while k < parts.count {
                    if current == nil { current = parts[k].makeIterator() }
                    if let item = current!.next() { return item }
                    current = nil
                    k += 1
                }
                return nil
            }
        }
    }

    /// `body(i)` for i in 0..<count, made when reached; a nil is skipped.
    init(count: Int, _ body: @escaping (Int) -> FlowItem?) {
        make = {
            var i = 0
            return {
                while i < count {
                    defer { i += 1 }
                    if let item = body(i) { return item }
                }
                return nil
            }
        }
    }

    /// These slices while `going()` holds (checked before each one).
    func prefix(while going: @escaping () -> Bool) -> FlowSource {
        let base = self
        return FlowSource {
            var source = base.makeIterator()
            return { going() ? source.next() : nil }
        }
    }

    /// These slices with the last `count` of them marked keep-with-next (the body lines that must go with
    /// the signature block), looking ahead just `count` slices.
    func keepingTail(_ count: Int) -> FlowSource {
        let base = self
        return FlowSource {
            var source = base.makeIterator()
            var buffer: [FlowItem] = []
            var drained = false
            return {
                while !drained && buffer.count <= count {
                    if let item = source.next() { buffer.append(item) } else {
                        drained = true
                        for i in buffer.indices { buffer[i].keepWithNext = true }
                    }
                }
                return buffer.isEmpty ? nil : buffer.removeFirst()
            }
        }
    }
}
