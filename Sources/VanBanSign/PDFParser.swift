/// A tokenizer and parser for PDF objects (ISO 32000-1 §7.2–7.3), over the whole file's bytes.
///
/// It only ever starts at offsets the cross-reference table names, so it needs no stream data:
/// a dictionary followed by `stream` is returned as `.stream(dict)` and the data is never read.
/// Everything the update copies (page and catalog dictionaries) goes through here, so it keeps
/// every value faithfully: names byte-exact, reals as their source text, strings as raw bytes.
struct PDFParser {
    let bytes: [UInt8]
    var position: Int

    /// Arrays and dictionaries nested deeper than this are rejected instead of overflowing the stack.
    static let maximumDepth = 64

    init(bytes: [UInt8], position: Int) {
        self.bytes = bytes
        self.position = position
    }

    // MARK: Byte classes (§7.2.2)

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0 || byte == 9 || byte == 10 || byte == 12 || byte == 13 || byte == 32
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "/"), UInt8(ascii: "%"):
            true
        default:
            false
        }
    }

    static func isRegular(_ byte: UInt8) -> Bool { !isWhitespace(byte) && !isDelimiter(byte) }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    // MARK: Tokens

    var isAtEnd: Bool { position >= bytes.count }

    /// Skips white space and `%` comments (cairo writes a `% 1` comment inside page dictionaries).
    mutating func skipWhitespaceAndComments() {
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isWhitespace(byte) {
                position += 1
            } else if byte == UInt8(ascii: "%") {
                while position < bytes.count, bytes[position] != 10, bytes[position] != 13 { position += 1 }
            } else {
                return
            }
        }
    }

    /// Reads a run of regular characters after white space: a keyword or a number's text.
    mutating func readToken() -> String {
        skipWhitespaceAndComments()
        let start = position
        while position < bytes.count, Self.isRegular(bytes[position]) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// Reads the next token without consuming it.
    mutating func peekToken() -> String {
        let saved = position
        defer { position = saved }
        return readToken()
    }

    mutating func expectKeyword(_ keyword: String) throws(SigningError) {
        let start = position
        let token = readToken()
        guard token == keyword else {
            throw .malformed("expected '\(keyword)' at byte \(start), found '\(token.prefix(20))'")
        }
    }

    /// Reads a non-negative integer token (object numbers, offsets, xref fields).
    mutating func readUnsignedInteger() throws(SigningError) -> Int {
        skipWhitespaceAndComments()
        let start = position
        let token = readToken()
        guard !token.isEmpty, token.utf8.allSatisfy(Self.isDigit), let value = Int(token) else {
            throw .malformed("expected an unsigned integer at byte \(start), found '\(token.prefix(20))'")
        }
        return value
    }

    // MARK: Objects

    /// Parses `N G obj … endobj` and checks that it is the object the cross-reference table promised.
    mutating func parseIndirectObject(expected: PDFReference) throws(SigningError) -> PDFObject {
        let start = position
        guard let number = try? readUnsignedInteger(), let generation = try? readUnsignedInteger(),
              readToken() == "obj"
        else {
            throw .malformed("the xref entry of object \(expected.number) points at byte \(start), which holds no '\(expected.number) \(expected.generation) obj'")
        }
        guard number == expected.number, generation == expected.generation else {
            throw .malformed("the xref entry of object \(expected.number) points at byte \(start), which holds object \(number) \(generation)")
        }
        let object = try parseObject(depth: 0)
        if case .dictionary(let dictionary) = object, peekToken() == "stream" {
            return .stream(dictionary)
        }
        return object
    }

    /// Parses one direct object (or a reference) at the current position.
    mutating func parseObject(depth: Int) throws(SigningError) -> PDFObject {
        guard depth < Self.maximumDepth else { throw .malformed("objects nested too deeply at byte \(position)") }
        skipWhitespaceAndComments()
        guard position < bytes.count else { throw .malformed("unexpected end of data") }
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: "/"):
            return .name(parseName())
        case UInt8(ascii: "("):
            return .string(try parseLiteralString(), hex: false)
        case UInt8(ascii: "<"):
            if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "<") {
                return .dictionary(try parseDictionary(depth: depth))
            }
            return .string(try parseHexString(), hex: true)
        case UInt8(ascii: "["):
            position += 1
            var items: [PDFObject] = []
            while true {
                skipWhitespaceAndComments()
                guard position < bytes.count else { throw .malformed("unterminated array") }
                if bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    return .array(items)
                }
                items.append(try parseObject(depth: depth + 1))
            }
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumberOrReference()
        default:
            let start = position
            let token = readToken()
            switch token {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            case "null": return .null
            default:
                throw .malformed("unexpected '\(token.isEmpty ? String(UnicodeScalar(byte)) : String(token.prefix(20)))' at byte \(start)")
            }
        }
    }

    private mutating func parseDictionary(depth: Int) throws(SigningError) -> PDFDictionary {
        position += 2
        var dictionary = PDFDictionary()
        while true {
            skipWhitespaceAndComments()
            guard position + 1 < bytes.count else { throw .malformed("unterminated dictionary") }
            if bytes[position] == UInt8(ascii: ">"), bytes[position + 1] == UInt8(ascii: ">") {
                position += 2
                return dictionary
            }
            guard bytes[position] == UInt8(ascii: "/") else {
                throw .malformed("expected a name as dictionary key at byte \(position)")
            }
            let key = parseName()
            let value = try parseObject(depth: depth + 1)
            // A later duplicate key replaces the earlier one, as readers commonly do.
            dictionary[key] = value
        }
    }

    /// Parses a number; a non-negative integer followed by another and `R` is a reference.
    private mutating func parseNumberOrReference() throws(SigningError) -> PDFObject {
        let start = position
        let text = readToken()
        guard text.utf8.contains(where: Self.isDigit),
              text.utf8.allSatisfy({ Self.isDigit($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
        else { throw .malformed("invalid number '\(text.prefix(20))' at byte \(start)") }
        if text.contains(".") { return .real(text) }
        guard let value = Int(text) else { return .real(text) }
        if value >= 0, text.utf8.allSatisfy(Self.isDigit) {
            let afterNumber = position
            if let generation = try? readUnsignedInteger(), readToken() == "R" {
                return .reference(PDFReference(value, generation))
            }
            position = afterNumber
        }
        return .integer(value)
    }

    /// Parses `/Name`, decoding `#xx`; each byte becomes the scalar of the same value (Latin-1).
    private mutating func parseName() -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        while position < bytes.count, Self.isRegular(bytes[position]) {
            var byte = bytes[position]
            if byte == UInt8(ascii: "#"), position + 2 < bytes.count,
               let high = Self.hexValue(bytes[position + 1]), let low = Self.hexValue(bytes[position + 2]) {
                byte = high << 4 | low
                position += 2
            }
            scalars.append(UnicodeScalar(byte))
            position += 1
        }
        return String(scalars)
    }

    private mutating func parseLiteralString() throws(SigningError) -> [UInt8] {
        let start = position
        position += 1
        var result: [UInt8] = []
        var nesting = 1
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "("):
                nesting += 1
                result.append(byte)
            case UInt8(ascii: ")"):
                nesting -= 1
                if nesting == 0 { return result }
                result.append(byte)
            case 13:
                // An unescaped end of line in a string is read as a single line feed (§7.3.4.2).
                if position < bytes.count, bytes[position] == 10 { position += 1 }
                result.append(10)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { break }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case UInt8(ascii: "n"): result.append(10)
                case UInt8(ascii: "r"): result.append(13)
                case UInt8(ascii: "t"): result.append(9)
                case UInt8(ascii: "b"): result.append(8)
                case UInt8(ascii: "f"): result.append(12)
                case 13:
                    if position < bytes.count, bytes[position] == 10 { position += 1 }
                case 10:
                    break
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var value = Int(escaped - UInt8(ascii: "0"))
                    var digits = 1
                    while digits < 3, position < bytes.count, bytes[position] >= UInt8(ascii: "0"),
                          bytes[position] <= UInt8(ascii: "7") {
                        value = value * 8 + Int(bytes[position] - UInt8(ascii: "0"))
                        position += 1
                        digits += 1
                    }
                    result.append(UInt8(truncatingIfNeeded: value))
                default:
                    // `\(`, `\)`, `\\`, and any other escaped byte stand for themselves.
                    result.append(escaped)
                }
            default:
                result.append(byte)
            }
        }
        throw .malformed("unterminated string starting at byte \(start)")
    }

    private mutating func parseHexString() throws(SigningError) -> [UInt8] {
        let start = position
        position += 1
        var result: [UInt8] = []
        var pending: UInt8?
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: ">") {
                if let pending { result.append(pending << 4) }
                return result
            }
            if Self.isWhitespace(byte) { continue }
            guard let value = Self.hexValue(byte) else {
                throw .malformed("invalid hex string starting at byte \(start)")
            }
            if let high = pending {
                result.append(high << 4 | value)
                pending = nil
            } else {
                pending = value
            }
        }
        throw .malformed("unterminated hex string starting at byte \(start)")
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
