/// Draws one-page PDFs over pages of an existing PDF in one incremental update (the copy line of an
/// electronic copy, Mẫu 3.2), and optionally keeps only some pages (an extract, trích sao).
///
/// The original bytes stay a prefix of the output. Each overlay is the first page of a small cairo
/// PDF the size of the target page; it is imported as a form XObject (`ObjectImporter`, as for the
/// field appearances of issuing) and the page's revision gets two more content streams: `q` before
/// the original content and `Q`, then the form drawn at the MediaBox origin, after it — so whatever
/// graphics state the original content leaves cannot shift or recolour the overlay.
public enum PageOverlay {
    /// What an overlay needs to know of the original: each page's MediaBox and /Rotate, in order.
    public struct PageBox: Sendable, Equatable {
        public var mediaBox: PDFRect
        public var rotate: Int
    }

    /// The pages of `pdf` (refuses what the update cannot handle: not a PDF, encrypted, xref streams).
    public static func pages(of pdf: [UInt8]) throws(SigningError) -> [PageBox] {
        let file = try PDFFile(bytes: pdf)
        var boxes: [PageBox] = []
        for page in try file.pages() {
            let rotate = try file.resolve(try inherited("Rotate", of: page, in: file)).integer ?? 0
            boxes.append(PageBox(mediaBox: page.mediaBox, rotate: ((rotate % 360) + 360) % 360))
        }
        return boxes
    }

    /// Appends the update: `overlays[i]` (a one-page PDF) drawn on page index i; when `keep` is given,
    /// the page tree lists only those page indices (in that order) afterwards.
    public static func appendUpdate(to pdf: [UInt8], overlays: [Int: [UInt8]], keep: [Int]? = nil) throws(SigningError) -> [UInt8] {
        let file = try PDFFile(bytes: pdf)
        let pages = try file.pages()
        for index in Array(overlays.keys) + (keep ?? []) where !pages.indices.contains(index) {
            throw SigningError(.pageIndexOutOfRange,
                               "page index \(index) is out of range (the document has \(pages.count) page\(pages.count == 1 ? "" : "s"))")
        }
        let catalogReference = try file.catalogReference()
        var update = IncrementalUpdate(firstFreeNumber: file.size)
        var revised: [Int: PDFDictionary] = [:]

        for index in overlays.keys.sorted() {
            guard let overlay = overlays[index] else { continue }
            let page = pages[index]
            var importer = ObjectImporter(source: try PDFFile(bytes: overlay))
            let form = try importer.importFirstPageAsForm(into: &update)
            var dictionary = page.dictionary

            var resources = try file.resolve(try inherited("Resources", of: page, in: file)).dictionaryValue ?? PDFDictionary()
            var xobjects = try file.resolve(resources["XObject"]).dictionaryValue ?? PDFDictionary()
            var n = 0
            while xobjects["VBCopy\(n)"] != nil { n += 1 }
            let name = "VBCopy\(n)"
            xobjects[name] = .reference(form)
            resources["XObject"] = .dictionary(xobjects)
            dictionary["Resources"] = .dictionary(resources)

            let before = update.allocate()
            update.set(before, .stream(PDFDictionary([PDFDictionaryEntry(key: "Length", value: .integer(2))])), streamData: Array("q\n".utf8))
            let box = page.mediaBox
            let drawing = Array("Q\nq 1 0 0 1 \(PDFNumberFormat.string(box.x1)) \(PDFNumberFormat.string(box.y1)) cm /\(name) Do Q\n".utf8)
            let after = update.allocate()
            update.set(after, .stream(PDFDictionary([PDFDictionaryEntry(key: "Length", value: .integer(drawing.count))])), streamData: drawing)

            var contents: [PDFObject] = []
            switch dictionary["Contents"] {
            case nil, .null?: break
            case .reference(let r)?:
                if let items = try file.resolve(.reference(r)).arrayValue { contents = items } else { contents = [.reference(r)] }
            case .array(let items)?: contents = items
            default: throw .malformed("page object \(page.reference.number) has /Contents that is neither a stream nor an array")
            }
            dictionary["Contents"] = .array([.reference(before)] + contents + [.reference(after)])
            revised[index] = dictionary
        }

        if let keep, keep != Array(pages.indices) {
            let catalog = try file.dictionary(catalogReference, what: "catalog")
            guard let rootReference = catalog["Pages"]?.reference else { throw .malformed("the catalog has no /Pages reference") }
            var root = try file.dictionary(rootReference, what: "page tree root")
            root["Kids"] = .array(keep.map { .reference(pages[$0].reference) })
            root["Count"] = .integer(keep.count)
            update.set(rootReference, .dictionary(root))
            for index in keep {
                let page = pages[index]
                var dictionary = revised[index] ?? page.dictionary
                // The page now hangs straight from the root: what it inherited from a node in between
                // is written on it, so it looks the same.
                for key in ["Resources", "MediaBox", "CropBox", "Rotate"] where dictionary[key] == nil {
                    let value = try inherited(key, of: page, in: file)
                    if value != .null { dictionary[key] = try file.resolve(value) }
                }
                dictionary["MediaBox"] = dictionary["MediaBox"] ?? .array([page.mediaBox.x1, page.mediaBox.y1, page.mediaBox.x2, page.mediaBox.y2].map(SigningPreparation.number))
                dictionary["Parent"] = .reference(rootReference)
                revised[index] = dictionary
            }
        }
        for (index, dictionary) in revised.sorted(by: { $0.key < $1.key }) {
            update.set(pages[index].reference, .dictionary(dictionary))
        }
        if update.isEmpty { update.set(catalogReference, .dictionary(try file.dictionary(catalogReference, what: "catalog"))) }

        return update.write(after: pdf, of: file, root: catalogReference)
    }

    /// A page attribute, from the page or the nearest ancestor that has it (`.null` when none does).
    static func inherited(_ key: String, of page: PDFPage, in file: PDFFile) throws(SigningError) -> PDFObject {
        if let value = page.dictionary[key] { return value }
        var parent = page.dictionary["Parent"]?.reference
        var hops = 0
        while let reference = parent, hops < 64 {
            let node = try file.dictionary(reference, what: "page tree node")
            if let value = node[key] { return value }
            parent = node["Parent"]?.reference
            hops += 1
        }
        return .null
    }
}
