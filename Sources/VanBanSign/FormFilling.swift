/// What an issuing step needs to know about a prepared (and maybe signed) PDF: its Info entries,
/// its top-level form fields with their values, and each signature's byte range and time.
public struct FormInspection: Sendable {
    public struct Signature: Sendable, Equatable {
        /// `/ByteRange [a b c d]`.
        public var byteRange: [Int]
        /// `/M`, the signing time as written (`D:20261130093000+07'00'`), if present.
        public var signingTime: String?
        /// Whether the range is `[0 a b c]` with b + c = the file's length and a `<hex>` string
        /// exactly filling the gap: the signature covers the whole file as it is now.
        public var coversWholeFile: Bool
    }
    public struct Field: Sendable, Equatable {
        public var name: String
        /// `Tx`, `Sig`, …
        public var type: String?
        public var pageIndex: Int?
        public var rect: PDFRect?
        /// A text field's `/V` (nil when absent or empty).
        public var text: String?
        /// A signature field's signature (nil when unsigned).
        public var signature: Signature?
    }
    /// Text entries of the newest Info dictionary.
    public var info: [String: String]
    public var fields: [Field]
    public var fileLength: Int

    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }

    public init(pdf: [UInt8]) throws(SigningError) {
        let file = try PDFFile(bytes: pdf)
        fileLength = pdf.count
        var info: [String: String] = [:]
        for entry in (try file.resolve(file.trailer["Info"]).dictionaryValue ?? PDFDictionary()).entries {
            if case .string(let bytes, _) = try file.resolve(entry.value) { info[entry.key] = PDFTextString.decode(bytes) }
        }
        self.info = info
        let pages = try file.pages()
        let catalog = try file.dictionary(try file.catalogReference(), what: "catalog")
        let acroForm = try file.resolve(catalog["AcroForm"]).dictionaryValue ?? PDFDictionary()
        var fields: [Field] = []
        for item in try file.resolve(acroForm["Fields"]).arrayValue ?? [] {
            guard let dictionary = try file.resolve(item).dictionaryValue,
                  case .string(let nameBytes, _)? = dictionary["T"] else { continue }
            var field = Field(name: PDFTextString.decode(nameBytes), type: dictionary["FT"]?.nameValue)
            if let pageReference = dictionary["P"]?.reference {
                field.pageIndex = pages.firstIndex { $0.reference == pageReference }
            }
            if case .array(let numbers)? = dictionary["Rect"], numbers.count == 4 {
                let v = numbers.compactMap(\.number)
                if v.count == 4 { field.rect = PDFRect(x1: v[0], y1: v[1], x2: v[2], y2: v[3]).normalized }
            }
            let value = try file.resolve(dictionary["V"])
            if field.type == "Sig", let signature = value.dictionaryValue {
                let range = (try file.resolve(signature["ByteRange"]).arrayValue ?? []).compactMap(\.integer)
                var time: String?
                if case .string(let bytes, _) = try file.resolve(signature["M"]) { time = PDFTextString.decode(bytes) }
                field.signature = Signature(byteRange: range, signingTime: time, coversWholeFile: Self.covers(range, pdf))
            } else if case .string(let bytes, _) = value, !bytes.isEmpty {
                field.text = PDFTextString.decode(bytes)
            }
            fields.append(field)
        }
        self.fields = fields
    }

    private static func covers(_ range: [Int], _ pdf: [UInt8]) -> Bool {
        guard range.count == 4, range[0] == 0, range[1] > 0, range[2] > range[1] + 1, range[3] >= 0,
              range[2] + range[3] == pdf.count else { return false }
        guard pdf[range[1]] == UInt8(ascii: "<"), pdf[range[2] - 1] == UInt8(ascii: ">") else { return false }
        return pdf[(range[1] + 1)..<(range[2] - 1)].allSatisfy { PDFParser.hexValue($0) != nil }
    }
}

/// One text field to fill: its value and the appearance showing it.
public struct FieldFill: Sendable, Equatable {
    public var name: String
    public var value: String
    /// A one-page PDF the size of the field's rectangle, drawn as the filled appearance.
    public var appearance: [UInt8]

    public init(name: String, value: String, appearance: [UInt8]) {
        self.name = name
        self.value = value
        self.appearance = appearance
    }
}

public enum FormFilling {
    /// Appends one incremental update that sets each field's `/V` and a new `/AP /N` (imported from
    /// its one-page PDF) and nothing else: the field dictionaries change only in value and
    /// appearance, so a signature over the earlier bytes stays valid as form filling.
    public static func appendUpdate(to pdf: [UInt8], fills: [FieldFill]) throws(SigningError) -> [UInt8] {
        let file = try PDFFile(bytes: pdf)
        let catalogReference = try file.catalogReference()
        let catalog = try file.dictionary(catalogReference, what: "catalog")
        let acroForm = try file.resolve(catalog["AcroForm"]).dictionaryValue ?? PDFDictionary()
        var byName: [String: (PDFReference, PDFDictionary)] = [:]
        for item in try file.resolve(acroForm["Fields"]).arrayValue ?? [] {
            guard let reference = item.reference, let dictionary = try file.resolve(item).dictionaryValue,
                  case .string(let nameBytes, _)? = dictionary["T"] else { continue }
            byName[PDFTextString.decode(nameBytes)] = (reference, dictionary)
        }
        var update = IncrementalUpdate(firstFreeNumber: file.size)
        for fill in fills {
            guard let (reference, original) = byName[fill.name], original["FT"]?.nameValue == "Tx" else {
                throw SigningError(.malformedPDF, "the document has no text field '\(fill.name)'")
            }
            var importer = ObjectImporter(source: try PDFFile(bytes: fill.appearance))
            let appearance = try importer.importFirstPageAsForm(into: &update)
            var dictionary = original
            dictionary["V"] = PDFTextString.object(fill.value)
            var appearances = PDFDictionary()
            appearances["N"] = .reference(appearance)
            dictionary["AP"] = .dictionary(appearances)
            update.set(reference, .dictionary(dictionary))
        }
        if update.isEmpty { update.set(catalogReference, .dictionary(catalog)) }
        return update.write(after: pdf, of: file, root: catalogReference)
    }
}
