/// Assembles one incremental update section (ISO 32000-1 §7.5.6) after the original bytes.
///
/// The original bytes are copied untouched; the section holds the new and revised objects in
/// ascending object number, an `xref` table with one subsection per run of consecutive numbers,
/// and a trailer whose `/Prev` chains to the original table. Nothing here depends on time or
/// randomness, so the same input always yields the same bytes.
struct IncrementalUpdate {
    /// One object body: a value, or a stream dictionary plus its (raw) data.
    struct Body {
        var object: PDFObject
        var streamData: [UInt8]?
    }

    private(set) var bodies: [Int: (generation: Int, body: Body)] = [:]
    /// The next unused object number.
    private(set) var nextNumber: Int

    init(firstFreeNumber: Int) {
        nextNumber = firstFreeNumber
    }

    /// Reserves a new object number (generation 0).
    mutating func allocate() -> PDFReference {
        defer { nextNumber += 1 }
        return PDFReference(nextNumber, 0)
    }

    /// Sets the body of a new object or the new revision of an existing one (same number and generation).
    mutating func set(_ reference: PDFReference, _ object: PDFObject, streamData: [UInt8]? = nil) {
        bodies[reference.number] = (reference.generation, Body(object: object, streamData: streamData))
    }

    /// The body already planned for an object, so that two changes to one object merge.
    func planned(_ reference: PDFReference) -> PDFObject? {
        bodies[reference.number]?.body.object
    }

    var isEmpty: Bool { bodies.isEmpty }

    /// The original bytes of `file` followed by this update, with the trailer every update needs:
    /// `/Size`, `/Root`, `/Info` (`info`, else the file's own), `/Prev` to the file's cross-reference
    /// section and the deterministic document `/ID` (first part kept, second from the bytes).
    func write(after original: [UInt8], of file: PDFFile, root: PDFReference, info: PDFObject? = nil) -> [UInt8] {
        var trailer = PDFDictionary()
        trailer["Size"] = .integer(nextNumber)
        trailer["Root"] = .reference(root)
        if let info = info ?? file.trailer["Info"] { trailer["Info"] = info }
        trailer["Prev"] = .integer(file.startxref)
        trailer["ID"] = .array(SigningPreparation.documentID(of: original, previous: file.trailer["ID"]))
        return write(after: original, trailer: trailer)
    }

    /// The original bytes followed by this update.
    func write(after original: [UInt8], trailer: PDFDictionary) -> [UInt8] {
        var output = original
        // The update must start on a line of its own so `N 0 obj` is not glued to `%%EOF`.
        if let last = output.last, last != 10, last != 13 { output.append(10) }

        var offsets: [(number: Int, generation: Int, offset: Int)] = []
        for number in bodies.keys.sorted() {
            guard let (generation, body) = bodies[number] else { continue }
            offsets.append((number, generation, output.count))
            output += Array("\(number) \(generation) obj\n".utf8)
            PDFSerializer.write(body.object, to: &output)
            if let data = body.streamData {
                output += Array("\nstream\n".utf8)
                output += data
                output += Array("\nendstream".utf8)
            }
            output += Array("\nendobj\n".utf8)
        }

        let xrefOffset = output.count
        output += Array("xref\n".utf8)
        var index = 0
        while index < offsets.count {
            var end = index + 1
            while end < offsets.count, offsets[end].number == offsets[end - 1].number + 1 { end += 1 }
            output += Array("\(offsets[index].number) \(end - index)\n".utf8)
            for entry in offsets[index..<end] {
                output += Array(Self.xrefEntry(offset: entry.offset, generation: entry.generation).utf8)
            }
            index = end
        }
        output += Array("trailer\n".utf8)
        PDFSerializer.write(.dictionary(trailer), to: &output)
        output += Array("\nstartxref\n\(xrefOffset)\n%%EOF\n".utf8)
        return output
    }

    /// `oooooooooo ggggg n` and a two-byte end of line (space, LF): exactly 20 bytes (§7.5.4).
    static func xrefEntry(offset: Int, generation: Int) -> String {
        ZeroPadding.decimal(offset, width: 10) + " " + ZeroPadding.decimal(generation, width: 5) + " n \n"
    }
}
