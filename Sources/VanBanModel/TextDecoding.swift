/// Text files as Windows tools save them: UTF-8 with or without a byte order mark (Notepad, Excel's
/// "CSV UTF-8"), and UTF-16 (PowerShell's `>` and `Out-File`, Excel's "Unicode Text"), little- or
/// big-endian. Anything else — a Windows code page such as Windows-1258, Latin-1, UTF-32 — is refused
/// with the line of the first byte that cannot be read, never guessed: a guessed code page would
/// silently change the letters (and a figure's separators) of what the clerk typed.
///
/// Messages never show a character the file does not contain: a byte that cannot be decoded is
/// named by its hexadecimal value ("byte 0xFF"), not by what some code page would make of it.
public enum TextDecoding {
    /// The encoding a text file was read in.
    public enum Encoding: String, Sendable, Equatable {
        case utf8 = "UTF-8"
        case utf8WithBOM = "UTF-8 with BOM"
        case utf16LittleEndian = "UTF-16 LE"
        case utf16BigEndian = "UTF-16 BE"
    }

    /// Why a file could not be read as text, and where.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The line (1-based, counting line feeds before the bad bytes).
        public var line: Int
        /// What is wrong, without the line ("the byte 0xE0 does not begin a UTF-8 character").
        public var reason: String
        /// `reason` from the catalogue, to be told in Vietnamese too.
        public var because: Message? = nil
        public init(line: Int, reason: String) { self.line = line; self.reason = reason }
        init(line: Int, _ reason: Message) { self.line = line; self.reason = reason.text(.en); self.because = reason }
        public var description: String { "line \(line): \(reason)" }
        /// The description from the catalogue.
        public var message: Message { Message("text.line", String(line), because?.asArgument ?? reason) }
        public static func == (a: Failure, b: Failure) -> Bool { (a.line, a.reason) == (b.line, b.reason) }
    }

    /// Decodes `bytes` to a string, telling which encoding it was in; the byte order mark is dropped.
    public static func decode(_ bytes: [UInt8]) -> Result<(text: String, encoding: Encoding), Failure> {
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            return .failure(Failure(line: 1, Message("text.utf32")))
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return utf8(bytes[3...]).map { ($0, .utf8WithBOM) }
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes[2...], littleEndian: true).map { ($0, .utf16LittleEndian) } }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes[2...], littleEndian: false).map { ($0, .utf16BigEndian) } }
        // UTF-16 without a byte order mark: an ASCII first character shows as one zero byte beside it
        // (RFC 4627 §3). A file that starts this way cannot be UTF-8 text anyway.
        if bytes.count >= 4, bytes[0] != 0, bytes[1] == 0, bytes[2] != 0, bytes[3] == 0 {
            return utf16(bytes[...], littleEndian: true).map { ($0, .utf16LittleEndian) }
        }
        if bytes.count >= 4, bytes[0] == 0, bytes[1] != 0, bytes[2] == 0, bytes[3] != 0 {
            return utf16(bytes[...], littleEndian: false).map { ($0, .utf16BigEndian) }
        }
        return utf8(bytes[...]).map { ($0, .utf8) }
    }

    private static func hex(_ b: UInt8) -> String {
        let s = String(b, radix: 16, uppercase: true)
        return "0x" + (s.count == 1 ? "0" : "") + s
    }

    /// A strict UTF-8 sequence (no overlong forms, no surrogates, nothing past U+10FFFF) by its lead
    /// byte (0x80 or above): how many continuation bytes follow and the range the first of them must be
    /// in (the others are 0x80...0xBF); nil for a byte that cannot lead one. The one table of the rules
    /// for this decoder and the batch file scanner.
    @inlinable
    public static func utf8Sequence(lead: UInt8) -> (continuations: Int, second: ClosedRange<UInt8>)? {
        switch lead {
        case 0xC2...0xDF: return (1, 0x80...0xBF)
        case 0xE0: return (2, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: return (2, 0x80...0xBF)
        case 0xED: return (2, 0x80...0x9F)
        case 0xF0: return (3, 0x90...0xBF)
        case 0xF1...0xF3: return (3, 0x80...0xBF)
        case 0xF4: return (3, 0x80...0x8F)
        default: return nil
        }
    }

    /// Strict UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF) and no NUL bytes.
    private static func utf8(_ b: ArraySlice<UInt8>) -> Result<String, Failure> {
        var line = 1
        var i = b.startIndex
        while i < b.endIndex {
            let c = b[i]
            if c == 0x0A { line += 1; i += 1; continue }
            if c == 0x00 { return .failure(Failure(line: line, Message("text.nul-byte"))) }
            if c < 0x80 { i += 1; continue }
            guard let (need, second) = utf8Sequence(lead: c) else {
                return .failure(Failure(line: line, Message("text.utf8.start", hex(c))))
            }
            // The first byte that breaks the sequence ends what is shown.
            for k in 1...need {
                let at = i + k
                guard at < b.endIndex else {
                    return .failure(Failure(line: line, Message("text.utf8.truncated", hex(c))))
                }
                let range: ClosedRange<UInt8> = k == 1 ? second : 0x80...0xBF
                if !range.contains(b[at]) {
                    return .failure(Failure(line: line, Message("text.utf8.bytes", b[i...at].map(hex).joined(separator: " "))))
                }
            }
            i += need + 1
        }
        return .success(String(decoding: b, as: UTF8.self))
    }

    private static func utf16(_ b: ArraySlice<UInt8>, littleEndian: Bool) -> Result<String, Failure> {
        guard b.count % 2 == 0 else {
            return .failure(Failure(line: 1, Message("text.utf16.odd")))
        }
        var units: [UInt16] = []
        units.reserveCapacity(b.count / 2)
        var i = b.startIndex
        while i < b.endIndex {
            let lo = UInt16(b[i]), hi = UInt16(b[i + 1])
            units.append(littleEndian ? (hi << 8 | lo) : (lo << 8 | hi))
            i += 2
        }
        var line = 1
        var k = 0
        while k < units.count {
            let u = units[k]
            if u == 0x0A { line += 1 }
            if u == 0 { return .failure(Failure(line: line, Message("text.nul-character"))) }
            if (0xD800...0xDBFF).contains(u) {
                guard k + 1 < units.count, (0xDC00...0xDFFF).contains(units[k + 1]) else {
                    return .failure(Failure(line: line, Message("text.utf16.surrogate", String(u, radix: 16, uppercase: true))))
                }
                k += 2
                continue
            }
            if (0xDC00...0xDFFF).contains(u) {
                return .failure(Failure(line: line, Message("text.utf16.surrogate", String(u, radix: 16, uppercase: true))))
            }
            k += 1
        }
        return .success(String(decoding: units, as: UTF16.self))
    }
}

/// The bytes of a JSON file (a payload or a batch) as UTF-8, whatever Windows tool wrote it: UTF-8 with
/// or without a byte order mark, or UTF-16 LE/BE (PowerShell's `>`). The CLI and the service call this
/// before `JSONParser`; a file in any other encoding is refused with a message naming its first bad
/// line and saying to save it as UTF-8 — never "unexpected character 'ÿ'".
public func decodeJSONText(_ bytes: [UInt8]) throws(TextDecoding.Failure) -> [UInt8] {
    // Plain UTF-8 (the usual case) passes through without a copy into a String and back.
    switch TextDecoding.decode(bytes) {
    case .success(let r):
        if r.encoding == .utf8 { return bytes }
        if r.encoding == .utf8WithBOM { return Array(bytes.dropFirst(3)) }
        return Array(r.text.utf8)
    case .failure(var f):
        f.reason += "; save the file as UTF-8 (in PowerShell: Out-File -Encoding utf8, or Set-Content -Encoding utf8)"
        f.because = f.because.map { Message("text.save-as-utf8", $0.asArgument) }
        throw f
    }
}
