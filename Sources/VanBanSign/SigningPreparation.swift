/// Prepares a finished PDF for digital signing without touching its bytes.
///
/// Signatures cover byte ranges of the file, so any later change must be an incremental update
/// appended after `%%EOF`; rewriting the file would also make the renderer's output and the signed
/// file differ. This appends exactly one such update to a classic-xref PDF (what cairo 1.16
/// writes): empty signature fields where the layout wants them, a corrected Info dictionary
/// (cairo's `/CreationDate` lacks `D:`), and the trailer `/ID` that cairo omits and signers expect.
public enum SigningPreparation {
    /// Appends one incremental update to `pdf` and returns the whole new file.
    ///
    /// - Parameters:
    ///   - pdf: a complete PDF with classic `xref` tables; its bytes are an exact prefix of the result.
    ///   - fields: empty, visible, printable signature fields to add (`/FT /Sig` widgets with an empty
    ///     appearance), registered in the catalog's `/AcroForm`. No `/SigFlags`: a document with no
    ///     signature yet is neither signed nor append-only. May be empty.
    ///   - info: entries to set in the Info dictionary (nil fields keep the original's values);
    ///     nil leaves the Info dictionary as it is.
    /// - Returns: the original bytes (plus a newline if they did not end with one) and the update. The
    ///   trailer gets `/ID [<md5> <md5>]` from the MD5 of the original bytes (the first element is kept
    ///   if the original had an ID), so the same input always gives the same output.
    public static func appendUpdate(
        to pdf: [UInt8], fields: [SignatureField], textFields: [TextField] = [], info: DocumentInfo?
    ) throws(SigningError) -> [UInt8] {
        let file = try PDFFile(bytes: pdf)
        let pages = try file.pages()
        let catalogReference = try file.catalogReference()
        var catalog = try file.dictionary(catalogReference, what: "catalog")
        var acroForm = try existingAcroForm(of: catalog, in: file)
        var formFields = try existingFields(of: acroForm, in: file)

        try validate(fields + textFields.map { SignatureField(name: $0.name, pageIndex: $0.pageIndex, rect: $0.rect) },
                     pages: pages, existingNames: try fieldNames(formFields, in: file))
        var update = IncrementalUpdate(firstFreeNumber: file.size)

        // Fields: one appearance XObject and one merged field/widget dictionary each.
        var widgetsByPage: [Int: [PDFReference]] = [:]
        for field in fields {
            let page = pages[field.pageIndex]
            let rect = field.rect.normalized
            let appearance = update.allocate()
            let widget = update.allocate()
            update.set(appearance, .stream(appearanceDictionary(for: rect)), streamData: [])
            update.set(widget, .dictionary(widgetDictionary(field, rect: rect, page: page.reference, appearance: appearance)))
            widgetsByPage[field.pageIndex, default: []].append(widget)
            formFields.append(.reference(widget))
        }

        // Text fields: the appearance imported from its one-page PDF (or empty) and a field/widget each.
        for field in textFields {
            let page = pages[field.pageIndex]
            let rect = field.rect.normalized
            let appearance: PDFReference
            if let source = field.appearance {
                var importer = ObjectImporter(source: try PDFFile(bytes: source))
                appearance = try importer.importFirstPageAsForm(into: &update)
            } else {
                appearance = update.allocate()
                update.set(appearance, .stream(appearanceDictionary(for: rect)), streamData: [])
            }
            let widget = update.allocate()
            update.set(widget, .dictionary(textWidgetDictionary(field, rect: rect, page: page.reference, appearance: appearance)))
            widgetsByPage[field.pageIndex, default: []].append(widget)
            formFields.append(.reference(widget))
        }
        if !textFields.isEmpty {
            // Variable text needs a default appearance; the filled appearance is always supplied.
            var fonts = PDFDictionary()
            var helvetica = PDFDictionary()
            helvetica["Type"] = .name("Font")
            helvetica["Subtype"] = .name("Type1")
            helvetica["BaseFont"] = .name("Helvetica")
            helvetica["Encoding"] = .name("WinAnsiEncoding")
            fonts["Helv"] = .dictionary(helvetica)
            var resources = try file.resolve(acroForm["DR"]).dictionaryValue ?? PDFDictionary()
            if resources["Font"] == nil { resources["Font"] = .dictionary(fonts) }
            acroForm["DR"] = .dictionary(resources)
            if acroForm["DA"] == nil { acroForm["DA"] = .string(Array("/Helv 0 Tf 0 g".utf8), hex: false) }
        }

        if !fields.isEmpty || !textFields.isEmpty {
            // A new AcroForm object: the catalog's old one (inline or indirect) with the fields added.
            let acroFormReference = update.allocate()
            acroForm["Fields"] = .array(formFields)
            update.set(acroFormReference, .dictionary(acroForm))
            catalog["AcroForm"] = .reference(acroFormReference)
            update.set(catalogReference, .dictionary(catalog))
            for pageIndex in widgetsByPage.keys.sorted() {
                try addAnnotations(widgetsByPage[pageIndex] ?? [], to: pages[pageIndex], in: file, update: &update)
            }
        }

        var infoEntry = file.trailer["Info"]
        if let info {
            let existing = try file.resolve(file.trailer["Info"]).dictionaryValue ?? PDFDictionary()
            let merged = try info.merged(into: existing)
            // Revise the old Info object in place when there is one, so no orphan is left behind.
            let reference = file.trailer["Info"]?.reference ?? update.allocate()
            update.set(reference, .dictionary(merged))
            infoEntry = .reference(reference)
        }

        if update.isEmpty {
            // An xref section needs at least one subsection: revise the catalog unchanged.
            update.set(catalogReference, .dictionary(catalog))
        }

        return update.write(after: pdf, of: file, root: catalogReference, info: infoEntry)
    }

    // MARK: Validation

    private static func validate(
        _ fields: [SignatureField], pages: [PDFPage], existingNames: Set<String>
    ) throws(SigningError) {
        var names = existingNames
        for field in fields {
            guard !field.name.isEmpty, !field.name.contains(".") else { throw .invalidFieldName(field.name) }
            guard names.insert(field.name).inserted else { throw .duplicateFieldName(field.name) }
            guard pages.indices.contains(field.pageIndex) else {
                throw .pageIndexOutOfRange(field: field.name, index: field.pageIndex, pageCount: pages.count)
            }
            let rect = field.rect
            guard [rect.x1, rect.y1, rect.x2, rect.y2].allSatisfy(\.isFinite), rect.width > 0, rect.height > 0 else {
                throw .invalidFieldRect(field: field.name, rect: rect)
            }
            let mediaBox = pages[field.pageIndex].mediaBox
            guard mediaBox.contains(rect) else {
                throw .fieldOutsideMediaBox(field: field.name, rect: rect, pageIndex: field.pageIndex, mediaBox: mediaBox)
            }
        }
    }

    // MARK: Existing form

    private static func existingAcroForm(of catalog: PDFDictionary, in file: PDFFile) throws(SigningError) -> PDFDictionary {
        try file.resolve(catalog["AcroForm"]).dictionaryValue ?? PDFDictionary()
    }

    private static func existingFields(of acroForm: PDFDictionary, in file: PDFFile) throws(SigningError) -> [PDFObject] {
        try file.resolve(acroForm["Fields"]).arrayValue ?? []
    }

    /// The top-level field names already in the form, so a second preparation cannot reuse one.
    private static func fieldNames(_ fields: [PDFObject], in file: PDFFile) throws(SigningError) -> Set<String> {
        var names: Set<String> = []
        for field in fields {
            if case .string(let bytes, _)? = try file.resolve(field).dictionaryValue?["T"] {
                names.insert(PDFTextString.decode(bytes))
            }
        }
        return names
    }

    // MARK: New objects

    /// An empty Form XObject the size of the field: viewers need an appearance to draw the widget.
    private static func appearanceDictionary(for rect: PDFRect) -> PDFDictionary {
        var dictionary = PDFDictionary()
        dictionary["Type"] = .name("XObject")
        dictionary["Subtype"] = .name("Form")
        dictionary["BBox"] = .array([.integer(0), .integer(0), number(rect.width), number(rect.height)])
        dictionary["Resources"] = .dictionary(PDFDictionary())
        dictionary["Length"] = .integer(0)
        return dictionary
    }

    /// A merged field and widget (§12.5.6.19, §12.7.4.5): `/F 4` prints it and keeps it visible.
    private static func widgetDictionary(
        _ field: SignatureField, rect: PDFRect, page: PDFReference, appearance: PDFReference
    ) -> PDFDictionary {
        widget(type: "Sig", name: field.name, rect: rect, page: page, appearance: appearance)
    }

    /// A text field and widget: read-only (filled by `vanban issue`, never typed into), printed,
    /// with the appearance the page shows until it is filled.
    private static func textWidgetDictionary(
        _ field: TextField, rect: PDFRect, page: PDFReference, appearance: PDFReference
    ) -> PDFDictionary {
        widget(type: "Tx", name: field.name, fieldFlags: 1, defaultAppearance: "/Helv 0 Tf 0 g",
               rect: rect, page: page, appearance: appearance)
    }

    /// The widget dictionary both field kinds share, keys in the order written: field type `/FT`,
    /// name `/T`, field flags `/Ff` (1: read-only), `/F 4` (printed), `/DA`, `/Rect`, page `/P`, and the
    /// normal appearance `/AP /N`.
    private static func widget(type: String, name: String, fieldFlags: Int? = nil, defaultAppearance: String? = nil,
                               rect: PDFRect, page: PDFReference, appearance: PDFReference) -> PDFDictionary {
        var dictionary = PDFDictionary()
        dictionary["Type"] = .name("Annot")
        dictionary["Subtype"] = .name("Widget")
        dictionary["FT"] = .name(type)
        dictionary["T"] = PDFTextString.object(name)
        if let fieldFlags { dictionary["Ff"] = .integer(fieldFlags) }
        dictionary["F"] = .integer(4)
        if let defaultAppearance { dictionary["DA"] = .string(Array(defaultAppearance.utf8), hex: false) }
        dictionary["Rect"] = .array([number(rect.x1), number(rect.y1), number(rect.x2), number(rect.y2)])
        dictionary["P"] = .reference(page)
        var appearances = PDFDictionary()
        appearances["N"] = .reference(appearance)
        dictionary["AP"] = .dictionary(appearances)
        return dictionary
    }

    /// Adds widgets to a page's `/Annots`: extends an inline array (cairo's links), revises an
    /// indirect array object in place, or adds the key.
    private static func addAnnotations(
        _ widgets: [PDFReference], to page: PDFPage, in file: PDFFile, update: inout IncrementalUpdate
    ) throws(SigningError) {
        let added = widgets.map(PDFObject.reference)
        var dictionary = update.planned(page.reference)?.dictionaryValue ?? page.dictionary
        switch dictionary["Annots"] {
        case .array(let existing)?:
            dictionary["Annots"] = .array(existing + added)
        case .reference(let arrayReference)?:
            var existing = update.planned(arrayReference)
            if existing == nil { existing = try file.resolve(.reference(arrayReference)) }
            if let existing = existing?.arrayValue {
                update.set(arrayReference, .array(existing + added))
                return
            }
            dictionary["Annots"] = .array(added)
        default:
            dictionary["Annots"] = .array(added)
        }
        update.set(page.reference, .dictionary(dictionary))
    }

    /// `[<first> <second>]`: the original's first ID if it had one (it names the document for
    /// good), else the MD5 of the original bytes; the second always that MD5 (this revision).
    static func documentID(of pdf: [UInt8], previous: PDFObject?) -> [PDFObject] {
        let digest = MD5.digest(pdf)
        var first = digest
        if case .array(let items)? = previous, case .string(let bytes, _)? = items.first, !bytes.isEmpty {
            first = bytes
        }
        return [.string(first, hex: true), .string(digest, hex: true)]
    }

    static func number(_ value: Double) -> PDFObject {
        let text = PDFNumberFormat.string(value)
        if let integer = Int(text) { return .integer(integer) }
        return .real(text)
    }
}
