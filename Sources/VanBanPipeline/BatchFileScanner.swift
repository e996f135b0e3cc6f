import Foundation
import VanBanModel

/// Where the parts of a batch JSON file lie, as `BatchFileScanner` found them.
struct BatchFileLayout {
    /// One element of `"documents"`.
    struct Document {
        /// The element's bytes, from its `{` to its `}` inclusive, as offsets in the file.
        var range: Range<Int>
        /// `BatchFileScanner.digest` of those bytes, to tell whether they changed when they are read again.
        var digest: UInt64
        /// The element's `"id"` string, unescaped (not yet checked or normalised).
        var id: String
        /// The element's `"group"` string, unescaped; nil when absent or null.
        var group: String?
    }
    /// The bytes of the value of `"defaults"` and of `"summary"`, when present.
    var defaults: Range<Int>?
    var summary: Range<Int>?
    var documents: [Document] = []
}

/// One pass over a batch JSON file in fixed reads (64 KiB), holding no more of it than one read, an
/// id and a key: it checks every byte as `decodeJSONText` and `JSONParser` would (UTF-8 validity, no
/// NUL byte, strings with their escapes and surrogate pairs, numbers per RFC 8259 and within
/// `JSONNumber`'s range, literals, nesting at most 200 deep, a UTF-8 byte order mark skipped), builds
/// no tree, and records for the top-level object the byte ranges of `"defaults"`, `"summary"` and each
/// element of `"documents"`, with each element's top-level `"id"` and `"group"` strings.
///
/// Written here rather than taken from a package: none of the JSON libraries available to the project
/// streams with exact byte offsets of values, and what this accepts must be exactly what `JSONParser`
/// accepts, byte for byte, since each document's range is later parsed alone by `JSONParser`.
///
/// It only follows the plain path of a well-formed batch. Anything else — a syntax error, a file that
/// is not UTF-8 (UTF-16, a NUL byte), a top-level key that is unknown or repeated, a document that is
/// not an object, an `"id"` or `"group"` that is not a string (or is given twice), an empty
/// `"documents"`, a number out of range, a string or number too long to hold here — throws `ReadWhole`:
/// the caller then reads the whole file with `BatchInput.fromJSON`, whose diagnostics (line and column,
/// every problem at once) are the product's. One reader of the format's errors, never two that could
/// disagree.
final class BatchFileScanner {
    /// Why the scanner left the plain path (for tests and debugging; never shown to the user).
    struct ReadWhole: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static let chunkSize = 64 * 1024
    /// As `JSONParser`.
    static let maxDepth = 200
    /// A number literal longer than this is left to `fromJSON` (a valid one is read there).
    static let maxNumberLength = 4096
    /// An id or group longer than this (in bytes, unescaped) is left to `fromJSON`.
    static let maxCapturedString = 64 * 1024

    private let fd: Int32
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// Bytes read into `buffer`, the next one to look at, and the file offset of `buffer[0]`.
    private var count = 0
    private var pos = 0
    private var base = 0
    private var depth = 0
    /// Where in `buffer` the digest of the document being scanned goes on, and its value so far.
    private var digestFrom: Int? = nil
    private var digestValue: UInt64 = 0
    /// Reused for number literals, and for keys.
    private var scratch: [UInt8] = []
    private var keyBytes: [UInt8] = []

    /// Scans the file open at `fd` (read sequentially from its current offset, taken as offset 0).
    static func scan(fd: Int32, chunkSize: Int = chunkSize) throws(ReadWhole) -> BatchFileLayout {
        let scanner = BatchFileScanner(fd: fd, capacity: chunkSize)
        return try scanner.scanBatch()
    }

    private init(fd: Int32, capacity: Int) {
        self.fd = fd
        self.capacity = max(16, capacity)
        buffer = .allocate(capacity: self.capacity)
        scratch.reserveCapacity(64)
        keyBytes.reserveCapacity(64)
    }

    deinit { buffer.deallocate() }

    // MARK: the digest

    static let digestSeed: UInt64 = 0xcbf2_9ce4_8422_2325

    /// FNV-1a (64 bits) of `bytes`, continuing from `seed`: cheap, and enough to tell whether a
    /// document's bytes changed on disk (not a defence against anyone crafting them).
    static func digest(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = digestSeed) -> UInt64 {
        var h = seed
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    static func digest(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { digest($0) }
    }

    // MARK: reading

    private var offset: Int { base + pos }

    /// Reads the next chunk; false at the end of the file. The digest under way takes in the chunk it leaves.
    private func refill() throws(ReadWhole) -> Bool {
        if let from = digestFrom {
            digestValue = Self.digest(UnsafeRawBufferPointer(start: buffer + from, count: count - from), seed: digestValue)
            digestFrom = 0
        }
        base += count
        pos = 0
        count = 0
        while true {
            let n = read(fd, buffer, capacity)
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadWhole("read failed: \(AtomicFile.systemReason(errno))")
            }
            count = n
            return n > 0
        }
    }

    /// The next byte, not taken; nil at the end of the file.
    @inline(__always)
    private func peek() throws(ReadWhole) -> UInt8? {
        if pos < count { return buffer[pos] }
        return try refill() ? buffer[pos] : nil
    }

    /// The next byte, taken; nil at the end of the file.
    @inline(__always)
    private func next() throws(ReadWhole) -> UInt8? {
        guard let b = try peek() else { return nil }
        pos += 1
        return b
    }

    private func expect(_ byte: UInt8, _ what: String) throws(ReadWhole) {
        guard try next() == byte else { throw ReadWhole("expected \(what) at byte \(offset)") }
    }

    private func skipWhitespace() throws(ReadWhole) {
        while true {
            while pos < count {
                switch buffer[pos] {
                case 0x20, 0x09, 0x0A, 0x0D: pos += 1
                default: return
                }
            }
            if try !refill() { return }
        }
    }

    private func enter() throws(ReadWhole) {
        depth += 1
        if depth > Self.maxDepth { throw ReadWhole("nested deeper than \(Self.maxDepth)") }
    }

    // MARK: the batch

    private func scanBatch() throws(ReadWhole) -> BatchFileLayout {
        var layout = BatchFileLayout()
        // A UTF-8 byte order mark, as decodeJSONText drops it (a second one is left to fromJSON).
        if try peek() == 0xEF {
            guard try next() == 0xEF, try next() == 0xBB, try next() == 0xBF else { throw ReadWhole("not UTF-8") }
        }
        try skipWhitespace()
        guard try next() == UInt8(ascii: "{") else { throw ReadWhole("the top level is not an object") }
        depth = 1
        var seen = Set<String>()
        var sawDocuments = false
        try skipWhitespace()
        guard try peek() != UInt8(ascii: "}") else { throw ReadWhole("no documents") }
        members: while true {
            try skipWhitespace()
            guard try peek() == UInt8(ascii: "\"") else { throw ReadWhole("expected a key at byte \(offset)") }
            // Keys compare as Strings, as in `JSONReader.expectObject` (canonical equivalence); a key
            // longer than 32 bytes is none of the four, so unknown.
            guard let key = try scanKey(limit: 32) else { throw ReadWhole("unknown top-level key") }
            guard seen.insert(key).inserted else { throw ReadWhole("repeated top-level key \(key)") }
            try skipWhitespace()
            try expect(UInt8(ascii: ":"), "\":\"")
            try skipWhitespace()
            let start = offset
            switch key {
            case "$schema": try skipValue()
            case "defaults": try skipValue(); layout.defaults = start..<offset
            case "summary": try skipValue(); layout.summary = start..<offset
            case "documents": try scanDocuments(into: &layout); sawDocuments = true
            default: throw ReadWhole("unknown top-level key \(key)")
            }
            try skipWhitespace()
            switch try next() {
            case UInt8(ascii: ","): continue members
            case UInt8(ascii: "}"): break members
            default: throw ReadWhole("expected \",\" or \"}\" at byte \(offset)")
            }
        }
        try skipWhitespace()
        guard try peek() == nil else { throw ReadWhole("text after the top-level object") }
        guard sawDocuments else { throw ReadWhole("no documents") }
        return layout
    }

    /// `"documents"`: a non-empty array of objects.
    private func scanDocuments(into layout: inout BatchFileLayout) throws(ReadWhole) {
        guard try next() == UInt8(ascii: "[") else { throw ReadWhole("documents is not an array") }
        try enter()
        try skipWhitespace()
        guard try peek() != UInt8(ascii: "]") else { throw ReadWhole("documents is empty") }
        while true {
            try skipWhitespace()
            guard try peek() == UInt8(ascii: "{") else { throw ReadWhole("a document is not an object") }
            layout.documents.append(try scanDocument())
            try skipWhitespace()
            switch try next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): depth -= 1; return
            default: throw ReadWhole("expected \",\" or \"]\" at byte \(offset)")
            }
        }
    }

    /// One element of `"documents"`, at its `{`: its range, digest, id and group.
    private func scanDocument() throws(ReadWhole) -> BatchFileLayout.Document {
        let start = offset
        digestValue = Self.digestSeed
        digestFrom = pos
        pos += 1
        try enter()
        var id: String? = nil, group: String? = nil
        var sawID = false, sawGroup = false
        try skipWhitespace()
        if try peek() == UInt8(ascii: "}") { throw ReadWhole("a document has no id") }
        while true {
            try skipWhitespace()
            guard try peek() == UInt8(ascii: "\"") else { throw ReadWhole("expected a key at byte \(offset)") }
            // "id" and "group" compare as Strings, as `JSONValue`'s subscript does.
            let key = try scanKey(limit: 32)
            try skipWhitespace()
            try expect(UInt8(ascii: ":"), "\":\"")
            try skipWhitespace()
            if key == "id" || key == "group" {
                if key == "id" { guard !sawID else { throw ReadWhole("id given twice") }; sawID = true }
                else { guard !sawGroup else { throw ReadWhole("group given twice") }; sawGroup = true }
                let value: String?
                switch try peek() {
                case UInt8(ascii: "\""):
                    var bytes: [UInt8] = []
                    guard try scanString(capture: &bytes, limit: Self.maxCapturedString) else { throw ReadWhole("\(key!) too long") }
                    value = String(decoding: bytes, as: UTF8.self)
                case UInt8(ascii: "n"):
                    try word("null")
                    value = nil
                default:
                    throw ReadWhole("\(key!) is not a string")
                }
                if key == "id" { id = value } else { group = value }
            } else {
                try skipValue()
            }
            try skipWhitespace()
            switch try next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"):
                depth -= 1
                digestValue = Self.digest(UnsafeRawBufferPointer(start: buffer + digestFrom!, count: pos - digestFrom!), seed: digestValue)
                digestFrom = nil
                guard let id else { throw ReadWhole("a document has no id") }
                return .init(range: start..<offset, digest: digestValue, id: id, group: group)
            default: throw ReadWhole("expected \",\" or \"}\" at byte \(offset)")
            }
        }
    }

    /// A key at its `"`: the unescaped key, or nil when it is longer than `limit` bytes.
    private func scanKey(limit: Int) throws(ReadWhole) -> String? {
        keyBytes.removeAll(keepingCapacity: true)
        guard try scanString(capture: &keyBytes, limit: limit) else { return nil }
        return String(decoding: keyBytes, as: UTF8.self)
    }

    // MARK: values

    /// Any value, checked and passed over.
    private func skipValue() throws(ReadWhole) {
        guard let b = try peek() else { throw ReadWhole("the file ends where a value is expected") }
        switch b {
        case UInt8(ascii: "{"): try skipObject()
        case UInt8(ascii: "["): try skipArray()
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try word("true")
        case UInt8(ascii: "f"): try word("false")
        case UInt8(ascii: "n"): try word("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try scanNumber()
        default: throw ReadWhole("unexpected byte at \(offset)")
        }
    }

    private func skipObject() throws(ReadWhole) {
        pos += 1
        try enter()
        try skipWhitespace()
        if try peek() == UInt8(ascii: "}") { pos += 1; depth -= 1; return }
        while true {
            try skipWhitespace()
            guard try peek() == UInt8(ascii: "\"") else { throw ReadWhole("expected a key at byte \(offset)") }
            try skipString()
            try skipWhitespace()
            try expect(UInt8(ascii: ":"), "\":\"")
            try skipWhitespace()
            try skipValue()
            try skipWhitespace()
            switch try next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): depth -= 1; return
            default: throw ReadWhole("expected \",\" or \"}\" at byte \(offset)")
            }
        }
    }

    private func skipArray() throws(ReadWhole) {
        pos += 1
        try enter()
        try skipWhitespace()
        if try peek() == UInt8(ascii: "]") { pos += 1; depth -= 1; return }
        while true {
            try skipWhitespace()
            try skipValue()
            try skipWhitespace()
            switch try next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): depth -= 1; return
            default: throw ReadWhole("expected \",\" or \"]\" at byte \(offset)")
            }
        }
    }

    private func word(_ text: StaticString) throws(ReadWhole) {
        let w = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        for c in w { guard try next() == c else { throw ReadWhole("expected \(text) at byte \(offset)") } }
    }

    /// A number as RFC 8259 writes it, which `JSONNumber(literal:)` accepts (a finite Double).
    private func scanNumber() throws(ReadWhole) {
        scratch.removeAll(keepingCapacity: true)
        var exponent = false
        func take() throws(ReadWhole) -> UInt8? {
            guard let b = try next() else { return nil }
            scratch.append(b)
            if scratch.count > Self.maxNumberLength { throw ReadWhole("number too long") }
            return b
        }
        func isDigit(_ b: UInt8?) -> Bool { b.map { (0x30...0x39).contains($0) } ?? false }
        func digits() throws(ReadWhole) -> Int {
            var n = 0
            while isDigit(try peek()) { _ = try take(); n += 1 }
            return n
        }
        if try peek() == UInt8(ascii: "-") { _ = try take() }
        let first = try peek()
        let n = try digits()
        if n == 0 { throw ReadWhole("a number without digits") }
        if n > 1, first == UInt8(ascii: "0") { throw ReadWhole("a number with a leading zero") }
        if try peek() == UInt8(ascii: ".") {
            _ = try take()
            if try digits() == 0 { throw ReadWhole("a number without fraction digits") }
        }
        if let e = try peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            exponent = true
            _ = try take()
            if let s = try peek(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { _ = try take() }
            if try digits() == 0 { throw ReadWhole("a number without exponent digits") }
        }
        // Without an exponent, fewer than 300 digits are always a finite Double: no need to ask.
        if exponent || scratch.count >= 300 {
            guard JSONNumber(literal: String(decoding: scratch, as: UTF8.self)) != nil else { throw ReadWhole("a number out of range") }
        }
    }

    private func skipString() throws(ReadWhole) {
        var none: [UInt8] = []
        _ = try scanString(capture: &none, limit: -1)
    }

    /// A string at its `"`, checked as `JSONParser` (escapes, surrogate pairs, no control character)
    /// and `decodeJSONText` (strict UTF-8) would. Its unescaped bytes go to `capture` unless `limit`
    /// is negative; false when they are more than `limit`.
    private func scanString(capture: inout [UInt8], limit: Int) throws(ReadWhole) -> Bool {
        let capturing = limit >= 0
        var fits = true
        func keep(_ b: UInt8) {
            guard capturing, fits else { return }
            if capture.count >= limit { fits = false } else { capture.append(b) }
        }
        pos += 1
        while true {
            // Plain ASCII runs, the bulk of any payload, in one loop over the buffer.
            var i = pos
            while i < count {
                let b = buffer[i]
                if b < 0x80 {
                    if b < 0x20 || b == 0x22 || b == 0x5C { break }
                    i += 1
                } else {
                    // Vietnamese letters are most of the rest: a whole, valid sequence inside the buffer is
                    // passed over here when nothing is captured (the slow path below checks the same rules).
                    guard !capturing, let n = Self.validSequence(buffer, at: i, count: count) else { break }
                    i += n
                }
            }
            if capturing && fits {
                if capture.count + (i - pos) > limit { fits = false }
                else { capture.append(contentsOf: UnsafeBufferPointer(start: buffer + pos, count: i - pos)) }
            }
            pos = i
            guard let b = try peek() else { throw ReadWhole("an unterminated string") }
            switch b {
            case 0x22:
                pos += 1
                return fits
            case 0x5C:
                pos += 1
                guard let e = try next() else { throw ReadWhole("an unterminated escape") }
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): keep(e)
                case UInt8(ascii: "b"): keep(0x08)
                case UInt8(ascii: "f"): keep(0x0C)
                case UInt8(ascii: "n"): keep(0x0A)
                case UInt8(ascii: "r"): keep(0x0D)
                case UInt8(ascii: "t"): keep(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard try next() == UInt8(ascii: "\\"), try next() == UInt8(ascii: "u") else { throw ReadWhole("an unpaired surrogate") }
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw ReadWhole("a bad low surrogate") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw ReadWhole("an unpaired surrogate")
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw ReadWhole("a bad \\u escape") }
                    if capturing { for u in UTF8.encode(scalar)! { keep(u) } }
                default: throw ReadWhole("a bad escape")
                }
            case 0x00..<0x20:
                throw ReadWhole("a control character in a string")
            case 0x80...:
                try utf8Sequence(b, keep: keep)
            default:
                continue   // a plain byte at the start of a new read: the loop above takes it
            }
        }
    }

    /// The length of the valid multi-byte UTF-8 character at `i` when it lies wholly before `count`;
    /// nil when it is invalid or cut by the end of the buffer (the slow path then decides).
    @inline(__always)
    private static func validSequence(_ buffer: UnsafeMutablePointer<UInt8>, at i: Int, count: Int) -> Int? {
        guard let (need, second) = TextDecoding.utf8Sequence(lead: buffer[i]), i + need < count,
              second.contains(buffer[i + 1]) else { return nil }
        for k in stride(from: 2, through: need, by: 1) where !(0x80...0xBF).contains(buffer[i + k]) { return nil }
        return need + 1
    }

    /// One multi-byte UTF-8 character starting with `lead` (not yet taken), checked as
    /// `TextDecoding` checks it: no overlong forms, no surrogates, nothing past U+10FFFF.
    private func utf8Sequence(_ lead: UInt8, keep: (UInt8) -> Void) throws(ReadWhole) {
        guard let (need, second) = TextDecoding.utf8Sequence(lead: lead) else { throw ReadWhole("not UTF-8") }
        pos += 1
        keep(lead)
        for k in 1...need {
            guard let c = try next() else { throw ReadWhole("not UTF-8") }
            let range: ClosedRange<UInt8> = k == 1 ? second : 0x80...0xBF
            guard range.contains(c) else { throw ReadWhole("not UTF-8") }
            keep(c)
        }
    }

    private func hex4() throws(ReadWhole) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let c = try next() else { throw ReadWhole("a truncated \\u escape") }
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw ReadWhole("a bad \\u escape")
            }
            v = v * 16 + d
        }
        return v
    }
}
