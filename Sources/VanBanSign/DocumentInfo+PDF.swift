extension DocumentInfo {
    /// The Info dictionary of the update: the original's entries, with every non-nil field replacing its key.
    ///
    /// Keys the original lacks are appended in a fixed order, so the output is deterministic.
    func merged(into original: PDFDictionary) throws(SigningError) -> PDFDictionary {
        var dictionary = original
        let texts: [(String, String?)] = [
            ("Title", title), ("Author", author), ("Subject", subject), ("Keywords", keywords),
            ("Creator", creator), ("Producer", producer),
        ]
        for (key, value) in texts {
            if let value { dictionary[key] = PDFTextString.object(value) }
        }
        for key in custom.keys.sorted() {
            guard !key.isEmpty, key.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 && $0 != "/" && $0 != "#" }) else {
                throw .malformed("invalid Info key '\(key)'")
            }
            dictionary[key] = PDFTextString.object(custom[key] ?? "")
        }
        for (key, value) in [("CreationDate", creationDate), ("ModDate", modDate)] {
            guard let value else { continue }
            guard value.isValid else { throw .invalidDate(key, value) }
            dictionary[key] = .string(Array(value.pdfString.utf8), hex: false)
        }
        return dictionary
    }
}
