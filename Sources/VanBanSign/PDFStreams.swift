extension PDFFile {
    /// A stream object's dictionary and its raw (still encoded) data, `/Length` bytes after `stream`.
    ///
    /// Only the appearance import reads stream data: a form XObject and the fonts it uses are
    /// copied from a small cairo PDF into an update, filters and all, without decoding them.
    func stream(_ reference: PDFReference) throws(SigningError) -> (dictionary: PDFDictionary, data: [UInt8]) {
        guard case .inUse(let offset, _)? = entries[reference.number] else {
            throw .malformed("object \(reference.number) is not in use")
        }
        var parser = PDFParser(bytes: bytes, position: offset)
        guard case .stream(let dictionary) = try parser.parseIndirectObject(expected: reference) else {
            throw .malformed("object \(reference.number) is not a stream")
        }
        try parser.expectKeyword("stream")
        // `stream` is followed by CRLF or LF (§7.3.8.1).
        if parser.position < bytes.count, bytes[parser.position] == 13 { parser.position += 1 }
        if parser.position < bytes.count, bytes[parser.position] == 10 { parser.position += 1 }
        guard let length = try resolve(dictionary["Length"]).integer, length >= 0,
              parser.position + length <= bytes.count
        else { throw .malformed("the stream of object \(reference.number) has no usable /Length") }
        return (dictionary, Array(bytes[parser.position..<parser.position + length]))
    }
}

/// Copies objects of another PDF (a one-page cairo PDF holding an appearance) into an update,
/// renumbering them after the update's own objects.
struct ObjectImporter {
    let source: PDFFile
    private var mapped: [PDFReference: PDFReference] = [:]

    init(source: PDFFile) { self.source = source }

    /// The object with every reference inside it rewritten to the copies (copied on first use).
    mutating func importObject(_ object: PDFObject, into update: inout IncrementalUpdate, depth: Int = 0) throws(SigningError) -> PDFObject {
        guard depth < 64 else { throw .malformed("the appearance's objects nest too deeply") }
        switch object {
        case .reference(let reference):
            return .reference(try importReference(reference, into: &update, depth: depth))
        case .array(let items):
            var out: [PDFObject] = []
            for item in items { out.append(try importObject(item, into: &update, depth: depth + 1)) }
            return .array(out)
        case .dictionary(let dictionary):
            return .dictionary(try importDictionary(dictionary, into: &update, depth: depth))
        default:
            return object
        }
    }

    private mutating func importDictionary(_ dictionary: PDFDictionary, into update: inout IncrementalUpdate, depth: Int) throws(SigningError) -> PDFDictionary {
        var out = PDFDictionary()
        for entry in dictionary.entries {
            // A page's /Parent would drag in the whole source page tree; nothing here needs it.
            if entry.key == "Parent" { continue }
            out[entry.key] = try importObject(entry.value, into: &update, depth: depth + 1)
        }
        return out
    }

    private mutating func importReference(_ reference: PDFReference, into update: inout IncrementalUpdate, depth: Int) throws(SigningError) -> PDFReference {
        if let done = mapped[reference] { return done }
        let target = update.allocate()
        mapped[reference] = target
        let object = try source.object(reference)
        if case .stream = object {
            var (dictionary, data) = try source.stream(reference)
            dictionary["Length"] = .integer(data.count)
            update.set(target, .stream(try importDictionary(dictionary, into: &update, depth: depth)), streamData: data)
            data = []
        } else {
            update.set(target, try importObject(object, into: &update, depth: depth + 1))
        }
        return target
    }

    /// The first page of the source as a form XObject of its size: its content stream(s) as the
    /// form's data and its resources copied. Returns the new XObject's reference.
    mutating func importFirstPageAsForm(into update: inout IncrementalUpdate) throws(SigningError) -> PDFReference {
        guard let page = try source.pages().first else { throw .malformed("the appearance PDF has no page") }
        let box = page.mediaBox
        var data: [UInt8] = []
        var filter: PDFObject?
        var parms: PDFObject?
        let contents = try source.resolve(page.dictionary["Contents"])
        let streams: [PDFReference]
        switch page.dictionary["Contents"] {
        case .reference(let r)? where contents.arrayValue == nil: streams = [r]
        default: streams = (contents.arrayValue ?? []).compactMap(\.reference)
        }
        guard streams.count == 1 else { throw .malformed("the appearance page must have exactly one content stream") }
        let (dictionary, raw) = try source.stream(streams[0])
        data = raw
        filter = dictionary["Filter"]
        parms = dictionary["DecodeParms"]
        var form = PDFDictionary()
        form["Type"] = .name("XObject")
        form["Subtype"] = .name("Form")
        form["BBox"] = .array([.integer(0), .integer(0), SigningPreparation.number(box.width), SigningPreparation.number(box.height)])
        if let resources = page.dictionary["Resources"] {
            form["Resources"] = try importObject(try source.resolve(resources), into: &update, depth: 1)
        } else {
            form["Resources"] = .dictionary(PDFDictionary())
        }
        if let filter { form["Filter"] = try importObject(filter, into: &update) }
        if let parms { form["DecodeParms"] = try importObject(parms, into: &update) }
        form["Length"] = .integer(data.count)
        let reference = update.allocate()
        update.set(reference, .stream(form), streamData: data)
        return reference
    }
}
