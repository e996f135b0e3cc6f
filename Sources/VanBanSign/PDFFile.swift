/// Read access to a classic-xref PDF: its cross-reference table(s), newest trailer and objects.
///
/// This is deliberately the minimum an incremental update needs (cairo 1.16 writes classic
/// `xref` tables, no object or xref streams). Sections are read newest first along the `/Prev`
/// chain and the newest entry for an object wins, so files this module already updated read back
/// correctly, which the tests rely on.
struct PDFFile {
    /// One cross-reference entry: where an object lives, or that its number is free.
    enum XrefEntry: Equatable {
        case inUse(offset: Int, generation: Int)
        case free
    }

    let bytes: [UInt8]
    /// Offset of the newest xref section: the update's `/Prev`.
    let startxref: Int
    /// The newest trailer dictionary.
    let trailer: PDFDictionary
    /// Newest entry per object number.
    let entries: [Int: XrefEntry]

    init(bytes: [UInt8]) throws(SigningError) {
        guard bytes.starts(with: Array("%PDF-".utf8)) else { throw .notAPDF }
        self.bytes = bytes
        let startxref = try Self.findStartxref(in: bytes)
        self.startxref = startxref

        var entries: [Int: XrefEntry] = [:]
        var newestTrailer: PDFDictionary?
        var visited: Set<Int> = []
        var next: Int? = startxref
        while let offset = next {
            guard visited.insert(offset).inserted else {
                throw .malformed("the /Prev chain of xref sections loops back to byte \(offset)")
            }
            let trailer = try Self.readXrefSection(at: offset, in: bytes, into: &entries)
            if newestTrailer == nil { newestTrailer = trailer }
            if trailer["XRefStm"] != nil { throw .xrefStream(at: offset) }
            switch trailer["Prev"] {
            case nil: next = nil
            case .integer(let prev)?: next = prev
            default: throw .malformed("the trailer at byte \(offset) has a /Prev that is not an integer")
            }
        }
        guard let trailer = newestTrailer else { throw .noStartxref }
        if trailer["Encrypt"] != nil { throw .encrypted }
        self.trailer = trailer
        self.entries = entries
    }

    /// The offset after the last `startxref` keyword (a file can hold several after updates).
    private static func findStartxref(in bytes: [UInt8]) throws(SigningError) -> Int {
        let keyword = Array("startxref".utf8)
        var index = bytes.count - keyword.count
        while index >= 0 {
            if bytes[index] == keyword[0], Array(bytes[index..<index + keyword.count]) == keyword {
                var parser = PDFParser(bytes: bytes, position: index + keyword.count)
                guard let offset = try? parser.readUnsignedInteger() else { throw .noStartxref }
                guard offset < bytes.count else {
                    throw .malformed("startxref offset \(offset) is past the end of the file (\(bytes.count) bytes)")
                }
                return offset
            }
            index -= 1
        }
        throw .noStartxref
    }

    /// Reads one `xref … trailer << … >>` section, adding entries not already known (older lose).
    private static func readXrefSection(
        at offset: Int, in bytes: [UInt8], into entries: inout [Int: XrefEntry]
    ) throws(SigningError) -> PDFDictionary {
        var parser = PDFParser(bytes: bytes, position: offset)
        let keyword = parser.readToken()
        guard keyword == "xref" else {
            if !keyword.isEmpty, keyword.utf8.allSatisfy(PDFParser.isDigit), parser.peekToken().utf8.allSatisfy(PDFParser.isDigit) {
                // `N G obj` where a table was expected: a cross-reference stream (PDF 1.5).
                throw .xrefStream(at: offset)
            }
            throw .malformed("the cross-reference offset \(offset) does not point at an 'xref' table")
        }
        while parser.peekToken() != "trailer" {
            guard !parser.isAtEnd else { throw .malformed("the xref table at byte \(offset) has no trailer") }
            let first = try parser.readUnsignedInteger()
            let count = try parser.readUnsignedInteger()
            // Each entry takes 20 bytes; a count that cannot fit in the file is damage, not a table.
            guard count <= (bytes.count - parser.position) / 18 + 1 else {
                throw .malformed("the xref subsection at object \(first) claims \(count) entries, more than the file holds")
            }
            for number in first..<(first + count) {
                let field1 = try parser.readUnsignedInteger()
                let generation = try parser.readUnsignedInteger()
                let kind = parser.readToken()
                let entry: XrefEntry
                switch kind {
                case "n": entry = .inUse(offset: field1, generation: generation)
                case "f": entry = .free
                default: throw .malformed("xref entry for object \(number) has type '\(kind.prefix(8))', not 'n' or 'f'")
                }
                if entries[number] == nil { entries[number] = entry }
            }
        }
        try parser.expectKeyword("trailer")
        guard case .dictionary(let trailer) = try parser.parseObject(depth: 0) else {
            throw .malformed("the trailer after the xref table at byte \(offset) is not a dictionary")
        }
        return trailer
    }

    /// The `/Size` the next update must exceed: the trailer's, or one past the highest number in use.
    var size: Int {
        max(trailer["Size"]?.integer ?? 0, (entries.keys.max() ?? 0) + 1)
    }

    /// Reads an indirect object; a reference to a free or missing object is `null` (§7.3.10).
    func object(_ reference: PDFReference) throws(SigningError) -> PDFObject {
        guard case .inUse(let offset, let generation)? = entries[reference.number],
              generation == reference.generation
        else { return .null }
        guard offset < bytes.count else {
            throw .malformed("the xref entry of object \(reference.number) points past the end of the file")
        }
        var parser = PDFParser(bytes: bytes, position: offset)
        return try parser.parseIndirectObject(expected: reference)
    }

    /// Follows references until a direct object (bounded, so a reference cycle cannot hang).
    func resolve(_ object: PDFObject?) throws(SigningError) -> PDFObject {
        var current = object ?? .null
        var hops = 0
        while case .reference(let reference) = current {
            hops += 1
            guard hops <= 32 else { throw .malformed("reference chain too long at object \(reference.number)") }
            current = try self.object(reference)
        }
        return current
    }

    func dictionary(_ reference: PDFReference, what: String) throws(SigningError) -> PDFDictionary {
        guard case .dictionary(let dictionary) = try object(reference) else {
            throw .malformed("the \(what) (object \(reference.number)) is not a dictionary")
        }
        return dictionary
    }

    /// The catalog's reference, from the trailer's `/Root`.
    func catalogReference() throws(SigningError) -> PDFReference {
        guard let root = trailer["Root"]?.reference else { throw .malformed("the trailer has no /Root reference") }
        return root
    }
}
