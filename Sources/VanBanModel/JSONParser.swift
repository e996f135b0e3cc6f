/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// Written here rather than using JSONSerialization because the payload validator needs
/// key order, integer-vs-decimal, and a line/column for malformed input.
public struct JSONParser {
    public struct SyntaxError: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var reason: String
        /// `reason` from the catalogue, to be told in Vietnamese too.
        public var because: Message? = nil
        public var description: String { "malformed JSON at line \(line), column \(column): \(reason)" }
        /// The whole description from the catalogue.
        public var message: Message { Message("json.malformed", String(line), String(column), because?.asArgument ?? reason) }
        public static func == (a: SyntaxError, b: SyntaxError) -> Bool { (a.line, a.column, a.reason) == (b.line, b.column, b.reason) }
    }

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    private static let maxDepth = 200

    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        // Skip a UTF-8 byte order mark: Windows editors write one.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < bytes.count { throw parser.error(Message("json.after-value")) }
        return value
    }

    public static func parse(_ text: String) throws(SyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func error(_ reason: Message) -> SyntaxError {
        var line = 1, column = 1
        var i = 0
        while i < min(index, bytes.count) {
            if bytes[i] == 0x0A { line += 1; column = 1 } else if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SyntaxError(line: line, column: column, reason: reason.text(.en), because: reason)
    }

    /// The character at `i` as the author wrote it: the whole UTF-8 sequence decoded, a control or
    /// undecodable byte by its code ("byte 0xFF"), never one byte shown as a Latin-1 letter.
    private func describeCharacter(at i: Int) -> Message {
        let b = bytes[i]
        if b < 0x20 || b == 0x7F { return Message("json.control-character", "U+00" + (b < 0x10 ? "0" : "") + String(b, radix: 16, uppercase: true)) }
        if b < 0x80 { return Message("json.character", String(Character(Unicode.Scalar(b)))) }
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
        let slice = Array(bytes[i..<min(bytes.count, i + length)])
        if slice.count == length, let s = String(validating: slice, as: UTF8.self), s.unicodeScalars.count == 1 {
            return Message("json.character.code", s, s.unicodeScalars.first!.codeLabel)
        }
        return Message("json.byte", "0x" + String(b, radix: 16, uppercase: true))
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(SyntaxError) -> JSONValue {
        guard index < bytes.count else { throw error(Message("json.end")) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error(Message("json.unexpected", describeCharacter(at: index).asArgument))
        }
    }

    private mutating func expectWord(_ word: String) throws(SyntaxError) {
        let w = Array(word.utf8)
        guard index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w else {
            throw error(Message("json.literal", word))
        }
        index += w.count
    }

    private mutating func enter() throws(SyntaxError) {
        depth += 1
        if depth > Self.maxDepth { throw error(Message("json.depth", String(Self.maxDepth))) }
    }

    private mutating func parseObject() throws(SyntaxError) -> JSONValue {
        try enter(); defer { depth -= 1 }
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error(Message("json.key")) }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error(Message("json.colon")) }
            index += 1
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            guard index < bytes.count else { throw error(Message("json.end.object")) }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw error(Message("json.object.separator"))
        }
    }

    private mutating func parseArray() throws(SyntaxError) -> JSONValue {
        try enter(); defer { depth -= 1 }
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error(Message("json.end.array")) }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            throw error(Message("json.array.separator"))
        }
    }

    private mutating func parseString() throws(SyntaxError) -> String {
        index += 1
        // Fast path: a string with no escape is its bytes, checked as UTF-8 once (most strings).
        let start = index
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                let end = index
                index += 1  // past the quote, where the slow path reports bad UTF-8 too
                guard let s = String(validating: bytes[start..<end], as: UTF8.self) else { throw error(Message("json.utf8")) }
                return s
            }
            if b == UInt8(ascii: "\\") || b < 0x20 { break }
            index += 1
        }
        var out = Array(bytes[start..<index])
        while true {
            guard index < bytes.count else { throw error(Message("json.string.unterminated")) }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") { index += 1; break }
            if b < 0x20 { throw error(Message("json.string.control")) }
            if b != UInt8(ascii: "\\") { out.append(b); index += 1; continue }
            index += 1
            guard index < bytes.count else { throw error(Message("json.escape.unterminated")) }
            let e = bytes[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try parseHex4()
                if (0xD800...0xDBFF).contains(code) {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                    else { throw error(Message("json.surrogate.unpaired")) }
                    index += 2
                    let low = try parseHex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw error(Message("json.surrogate.low")) }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(code) {
                    throw error(Message("json.surrogate.unpaired"))
                }
                guard let scalar = Unicode.Scalar(code) else { throw error(Message("json.u-escape")) }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: throw error(Message("json.escape", String(Character(Unicode.Scalar(e)))))
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw error(Message("json.utf8")) }
        return s
    }

    private mutating func parseHex4() throws(SyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error(Message("json.u-escape.truncated")) }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[index]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error(Message("json.u-escape.hex"))
            }
            v = v * 16 + d
            index += 1
        }
        return v
    }

    private mutating func parseNumber() throws(SyntaxError) -> JSONValue {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func digits(_ p: inout JSONParser) -> Int {
            let s = p.index
            while p.index < p.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(p.bytes[p.index]) { p.index += 1 }
            return p.index - s
        }
        let intStart = index
        let n = digits(&self)
        if n == 0 { throw error(Message("json.number")) }
        if n > 1, bytes[intStart] == UInt8(ascii: "0") { throw error(Message("json.number.leading-zero")) }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            if digits(&self) == 0 { throw error(Message("json.number.fraction")) }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            if digits(&self) == 0 { throw error(Message("json.number.exponent")) }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let number = JSONNumber(literal: text) else { throw error(Message("json.number.range")) }
        return .number(number)
    }
}
