@testable import VanBanSign

/// Small classic-xref PDFs built byte by byte, with offsets computed, shaped like cairo 1.16's.
///
/// The unit tests must not depend on cairo being installed, yet they must exercise what cairo
/// really writes: objects out of numeric order, a binary comment after the header, a `% 1`
/// comment inside the page dictionary, an inline `/Annots` array for a link, and a
/// `/CreationDate` without `D:`.
enum TestPDF {
    /// Builds a PDF from `(number, body)` pairs written in the given order, with an xref table
    /// covering 0…max (numbers not given are free) and a trailer.
    static func build(
        _ objects: [(Int, String)], root: Int, info: Int?, extraTrailer: String = "", endWithNewline: Bool = true
    ) -> [UInt8] {
        var bytes = Array("%PDF-1.5\n".utf8) + [0x25, 0xB5, 0xED, 0xAE, 0xFB, 0x0A]
        var offsets: [Int: Int] = [:]
        for (number, body) in objects {
            offsets[number] = bytes.count
            bytes += Array("\(number) 0 obj\n\(body)\nendobj\n".utf8)
        }
        let size = (objects.map(\.0).max() ?? 0) + 1
        let xref = bytes.count
        bytes += Array("xref\n0 \(size)\n".utf8)
        for number in 0..<size {
            if let offset = offsets[number] {
                bytes += Array(IncrementalUpdate.xrefEntry(offset: offset, generation: 0).utf8)
            } else {
                bytes += Array("0000000000 65535 f \n".utf8)
            }
        }
        let infoEntry = info.map { "\n   /Info \($0) 0 R" } ?? ""
        bytes += Array("trailer\n<< /Size \(size)\n   /Root \(root) 0 R\(infoEntry)\(extraTrailer)\n>>\nstartxref\n\(xref)\n%%EOF".utf8)
        if endWithNewline { bytes.append(10) }
        return bytes
    }

    static let pageMediaBox = "[ 0 0 595.275591 841.889764 ]"
    static let mediaBox = PDFRect(x1: 0, y1: 0, x2: 595.275591, y2: 841.889764)

    /// Two A4 pages as cairo writes them: page 1 (object 2) has a link in an inline `/Annots`,
    /// page 2 (object 5) has none. Catalog 8, Info 7, Pages 1; /Size 9.
    static func cairoLike(endWithNewline: Bool = true) -> [UInt8] {
        build([
            (3, "<< /Length 3 >>\nstream\nq Q\nendstream"),
            (4, "<<\n   /ExtGState <<\n      /a0 << /CA 1 /ca 1 >>\n   >>\n>>"),
            (6, "<< /Type /Annot\n   /Subtype /Link\n   /Rect [ 73 718.889764 210 732.889764 ]\n   /A <<\n      /Type /Action\n      /S /URI\n      /URI (https://example.org)\n   >>\n   /BS << /W 0 >>>>"),
            (2, "<< /Type /Page % 1\n   /Parent 1 0 R\n   /MediaBox \(pageMediaBox)\n   /Contents 3 0 R\n   /Resources 4 0 R\n   /Annots [ 6 0 R ]\n>>"),
            (5, "<< /Type /Page % 2\n   /Parent 1 0 R\n   /MediaBox \(pageMediaBox)\n   /Contents 3 0 R\n   /Resources 4 0 R\n>>"),
            (1, "<< /Type /Pages\n   /Kids [ 2 0 R 5 0 R ]\n   /Count 2\n>>"),
            (7, "<< /Producer (cairo 1.16.0 (https://cairographics.org))\n   /CreationDate (20200605080000+07'00)\n>>"),
            (8, "<< /Type /Catalog\n   /Pages 1 0 R\n>>"),
        ], root: 8, info: 7, endWithNewline: endWithNewline)
    }

    /// Signature fields that fit the A4 pages of `cairoLike()`.
    static let twoFields = [
        SignatureField(name: "SignerSignature", pageIndex: 0, rect: PDFRect(x1: 340, y1: 120, x2: 540, y2: 200)),
        SignatureField(name: "AgencySeal", pageIndex: 1, rect: PDFRect(x1: 60.5, y1: 120, x2: 260.25, y2: 200)),
    ]

    static let vietnamTime = PDFDate(year: 2020, month: 6, day: 5, utcOffsetMinutes: 420)
}

// MARK: Inspecting output

/// The bytes as text, one character per byte (Latin-1), so offsets in the string equal byte offsets.
func latin1(_ bytes: some Collection<UInt8>) -> String {
    String(String.UnicodeScalarView(bytes.map { UnicodeScalar($0) }))
}

/// The first offset of `needle` in `bytes` at or after `start`.
func offset(of needle: String, in bytes: [UInt8], from start: Int = 0) -> Int? {
    let pattern = Array(needle.utf8)
    guard !pattern.isEmpty, bytes.count >= pattern.count, start <= bytes.count - pattern.count else { return nil }
    for index in start...(bytes.count - pattern.count) where bytes[index] == pattern[0] {
        if bytes[index..<index + pattern.count].elementsEqual(pattern) { return index }
    }
    return nil
}

/// The update section appended by `appendUpdate`, read as text without the module's reader,
/// so the tests check the format independently of the code that wrote it.
struct WrittenUpdate {
    var startxref: Int
    /// Object number → (generation, offset) from the new xref table.
    var entries: [Int: (generation: Int, offset: Int)] = [:]
    /// The xref lines, each with its end of line, exactly as written.
    var entryLines: [String] = []
    var subsectionHeaders: [String] = []
    var trailer: String

    init(_ bytes: [UInt8]) throws {
        let text = latin1(bytes)
        guard let keyword = text.range(of: "startxref", options: .backwards) else { throw Failure("no startxref") }
        let tail = text[keyword.upperBound...].split(whereSeparator: \.isNewline)
        guard let first = tail.first, let value = Int(first) else { throw Failure("bad startxref") }
        startxref = value
        let xrefText = String(text[text.index(text.startIndex, offsetBy: value)...])
        guard xrefText.hasPrefix("xref\n"), let trailerRange = xrefText.range(of: "trailer\n") else {
            throw Failure("startxref does not point at 'xref'")
        }
        trailer = String(xrefText[trailerRange.upperBound...].prefix { $0 != "\n" })
        var lines = xrefText[xrefText.index(xrefText.startIndex, offsetBy: 5)..<trailerRange.lowerBound]
        while !lines.isEmpty {
            guard let end = lines.firstIndex(of: "\n") else { throw Failure("unterminated xref line") }
            let header = lines[..<end].split(separator: " ")
            subsectionHeaders.append(String(lines[..<end]))
            lines = lines[lines.index(after: end)...]
            guard header.count == 2, let start = Int(header[0]), let count = Int(header[1]) else {
                throw Failure("bad subsection header")
            }
            for number in start..<start + count {
                let line = String(lines.prefix(20))
                entryLines.append(line)
                lines = lines.dropFirst(20)
                let fields = line.split(whereSeparator: { $0 == " " || $0 == "\n" })
                guard fields.count == 3, let offset = Int(fields[0]), let generation = Int(fields[1]) else {
                    throw Failure("bad xref entry '\(line)'")
                }
                entries[number] = (generation, offset)
            }
        }
    }

    /// The text of object `number` in the update: from `N G obj` to `endobj`.
    func object(_ number: Int, in bytes: [UInt8]) -> String? {
        guard let entry = entries[number], let end = offset(of: "endobj", in: bytes, from: entry.offset) else { return nil }
        return latin1(bytes[entry.offset..<end])
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
