/// One leaf of the page tree: what the update needs to place a widget on it.
struct PDFPage: Equatable {
    var reference: PDFReference
    var dictionary: PDFDictionary
    /// The page's MediaBox, inherited from an ancestor `/Pages` node when the page has none.
    var mediaBox: PDFRect
}

extension PDFFile {
    /// The pages in document order, walking `/Root` → `/Pages` → `/Kids` depth-first.
    ///
    /// Cairo writes one flat `/Pages` node, but nested nodes are valid PDF (and what other
    /// producers write), so the walk recurses and carries the inheritable MediaBox down.
    func pages() throws(SigningError) -> [PDFPage] {
        let catalog = try dictionary(try catalogReference(), what: "catalog")
        guard let root = catalog["Pages"]?.reference else { throw .malformed("the catalog has no /Pages reference") }
        var pages: [PDFPage] = []
        var visited: Set<Int> = []
        try collectPages(root, inheritedMediaBox: nil, depth: 0, visited: &visited, into: &pages)
        return pages
    }

    private func collectPages(
        _ reference: PDFReference, inheritedMediaBox: PDFRect?, depth: Int,
        visited: inout Set<Int>, into pages: inout [PDFPage]
    ) throws(SigningError) {
        guard depth < 64 else { throw .malformed("the page tree is nested too deeply") }
        guard visited.insert(reference.number).inserted else {
            throw .malformed("the page tree visits object \(reference.number) twice")
        }
        let node = try dictionary(reference, what: "page tree node")
        var mediaBox = inheritedMediaBox
        if let box = node["MediaBox"] { mediaBox = try rect(box, in: reference) }
        let type = node["Type"]?.nameValue
        if type == "Pages" || (type == nil && node["Kids"] != nil) {
            guard case .array(let kids) = try resolve(node["Kids"]) else {
                throw .malformed("the page tree node \(reference.number) has no /Kids array")
            }
            for kid in kids {
                guard let kidReference = kid.reference else {
                    throw .malformed("the page tree node \(reference.number) has a kid that is not a reference")
                }
                try collectPages(kidReference, inheritedMediaBox: mediaBox, depth: depth + 1,
                                 visited: &visited, into: &pages)
            }
        } else {
            guard let mediaBox else { throw .malformed("page object \(reference.number) has no MediaBox") }
            pages.append(PDFPage(reference: reference, dictionary: node, mediaBox: mediaBox))
        }
    }

    /// Reads a rectangle array, resolving indirect numbers.
    private func rect(_ object: PDFObject, in owner: PDFReference) throws(SigningError) -> PDFRect {
        guard case .array(let items) = try resolve(object), items.count == 4 else {
            throw .malformed("the MediaBox of object \(owner.number) is not an array of 4 numbers")
        }
        var numbers: [Double] = []
        for item in items {
            guard let value = try resolve(item).number else {
                throw .malformed("the MediaBox of object \(owner.number) is not an array of 4 numbers")
            }
            numbers.append(value)
        }
        return PDFRect(x1: numbers[0], y1: numbers[1], x2: numbers[2], y2: numbers[3]).normalized
    }
}
