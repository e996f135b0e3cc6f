/// Encodes a Swift string as a PDF text string (ISO 32000-1 §7.9.2.2).
///
/// ASCII text is written as a plain literal string, readable in the file. Anything else, such as
/// Vietnamese with its stacked diacritics, is written as UTF-16BE with a byte-order mark in hex
/// (`<FEFF…>`): PDFDocEncoding cannot represent it, and hex keeps the file's update ASCII-only.
enum PDFTextString {
    static func object(_ text: String) -> PDFObject {
        if text.unicodeScalars.allSatisfy({ $0.isASCII }) {
            return .string(Array(text.utf8), hex: false)
        }
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 {
            bytes.append(UInt8(unit >> 8))
            bytes.append(UInt8(unit & 0xFF))
        }
        return .string(bytes, hex: true)
    }

    /// Decodes a text string read from a PDF: UTF-16BE with BOM, UTF-8 with BOM, else ASCII/Latin-1.
    ///
    /// Latin-1 stands in for PDFDocEncoding, which differs only in a few rarely used bytes.
    static func decode(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: [0xFE, 0xFF]) {
            var units: [UInt16] = []
            var index = 2
            while index + 1 < bytes.count {
                units.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
                index += 2
            }
            return String(decoding: units, as: UTF16.self)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return String(decoding: bytes.dropFirst(3), as: UTF8.self)
        }
        return String(String.UnicodeScalarView(bytes.map { UnicodeScalar($0) }))
    }
}
