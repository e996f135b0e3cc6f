/// Decodes `Decodable` values straight from a parsed `JSONValue`, with JSON keys in snake_case
/// (`agency_rule_ratio` fills `agencyRuleRatio`, as Foundation's `.convertFromSnakeCase`), and
/// records which keys each object was asked for, so a caller can refuse the keys nobody asked for.
///
/// Written here rather than going JSONValue → Foundation objects → `JSONSerialization` →
/// `JSONDecoder`, which is what layouts and document types did: that round trip, and the encoding
/// of the result back to find its keys, cost 37 M instructions at every start (a quarter of a whole
/// one-document run, #14). Errors are Swift's `DecodingError`s with the same coding paths.
public struct JSONValueDecoder {
    public init() {}

    /// The keys asked for, by JSON path (`$`, `$.header`, `$.table.widths[2]`), as written in JSON
    /// (snake_case); a path whose object was read as a dictionary (every key accepted) is in `open`.
    public final class Requests {
        public internal(set) var keys: [String: Set<String>] = [:]
        public internal(set) var open: Set<String> = []
        public init() {}
    }

    /// `T` from `value`. Throws `DecodingError` (typeMismatch, keyNotFound, valueNotFound, dataCorrupted).
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> (T, Requests) {
        let requests = Requests()
        return (try decode(type, from: value, recordingInto: requests), requests)
    }

    /// `T` from `value`, the keys asked for recorded in `requests` (also those asked before an error).
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue, recordingInto requests: Requests) throws -> T {
        try T(from: ValueDecoder(value: value, codingPath: [], jsonPath: "$", requests: requests))
    }

    /// Foundation's `convertFromSnakeCase`: "size_mm" → "sizeMm"; leading and trailing underscores
    /// kept; a key without an inner underscore unchanged.
    ///
    /// Keys are ASCII in every layout, type and form: those are converted byte by byte. The general path
    /// (Unicode case mapping per `Character`) took 9 M instructions of a 5 KB layout's load, most of a cold
    /// render's layout time (#14); a key holding any other character still takes it.
    public static func camelCase(_ key: String) -> String {
        guard key.utf8.contains(UInt8(ascii: "_")) else { return key }  // nothing to join
        return asciiCamelCase(key) ?? unicodeCamelCase(key)
    }

    /// `camelCase` for any key, one `Character` at a time.
    static func unicodeCamelCase(_ key: String) -> String {
        guard let first = key.firstIndex(where: { $0 != "_" }) else { return key }
        var last = key.index(before: key.endIndex)
        while last > first && key[last] == "_" { key.formIndex(before: &last) }
        let words = key[first...last].split(separator: "_")
        guard words.count > 1 else { return key }
        let joined = words[0].lowercased() + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined()
        return String(key[..<first]) + joined + String(key[key.index(after: last)...])
    }

    /// A property name as the JSON key it is read from, for naming a key in messages:
    /// "agencyRuleRatio" → "agency_rule_ratio". A key with no lower-case letter is a dictionary's own
    /// key ("THƯỢNG KHẨN", "MẬT") and is kept as written.
    public static func snakeCase(_ key: String) -> String {
        asciiSnakeCase(key) ?? unicodeSnakeCase(key)
    }

    /// `snakeCase` for any key, one `Character` at a time.
    static func unicodeSnakeCase(_ key: String) -> String {
        guard key.contains(where: \.isLowercase) else { return key }
        return key.reduce(into: "") { out, c in if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) } }
    }
}

extension JSONValueDecoder {
    private static func isUpper(_ b: UInt8) -> Bool { b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") }
    private static func isLower(_ b: UInt8) -> Bool { b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") }
    private static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b + 32 : b }
    private static func upper(_ b: UInt8) -> UInt8 { isLower(b) ? b - 32 : b }

    /// `camelCase` of an all-ASCII key, byte by byte; nil when the key holds any other character.
    static func asciiCamelCase(_ key: String) -> String? {
        let bytes = Array(key.utf8)
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        let underscore = UInt8(ascii: "_")
        guard let first = bytes.firstIndex(where: { $0 != underscore }) else { return key }
        var last = bytes.count - 1
        while last > first && bytes[last] == underscore { last -= 1 }
        let words = bytes[first...last].split(separator: underscore)
        guard words.count > 1 else { return key }
        var out = Array(bytes[..<first])
        out.reserveCapacity(bytes.count)
        for (i, word) in words.enumerated() {
            for (j, b) in word.enumerated() { out.append(i > 0 && j == 0 ? upper(b) : lower(b)) }
        }
        out += bytes[(last + 1)...]
        return String(decoding: out, as: UTF8.self)
    }

    /// `snakeCase` of an all-ASCII key, byte by byte; nil when the key holds any other character.
    static func asciiSnakeCase(_ key: String) -> String? {
        let bytes = Array(key.utf8)
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        guard bytes.contains(where: isLower) else { return key }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 4)
        for b in bytes {
            if isUpper(b) { out.append(UInt8(ascii: "_")); out.append(b + 32) } else { out.append(b) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

private struct IndexKey: CodingKey {
    var stringValue: String { String(intValue!) }
    var intValue: Int?
    init(_ i: Int) { intValue = i }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let jsonPath: String
    let requests: JSONValueDecoder.Requests
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func mismatch(_ type: Any.Type) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "expected \(type), got \(value.typeName)"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch([String: Any].self) }
        return KeyedDecodingContainer(KeyedContainer<Key>(members: members, decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch([Any].self) }
        return UnkeyedContainer(items: items, decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleContainer(decoder: self) }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    /// Camel-cased key → value; the last of a repeated key wins, as in `JSONValue`'s subscript.
    let values: [String: (json: String, value: JSONValue)]
    let decoder: ValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    init(members: [(key: String, value: JSONValue)], decoder: ValueDecoder) {
        var values: [String: (json: String, value: JSONValue)] = [:]
        for m in members { values[JSONValueDecoder.camelCase(m.key)] = (m.key, m.value) }
        self.values = values
        self.decoder = decoder
    }

    var allKeys: [Key] {
        decoder.requests.open.insert(decoder.jsonPath)
        return values.keys.sorted().compactMap { Key(stringValue: $0) }
    }

    private func note(_ key: Key) {
        decoder.requests.keys[decoder.jsonPath, default: []].insert(JSONValueDecoder.snakeCase(key.stringValue))
    }

    func contains(_ key: Key) -> Bool { note(key); return values[key.stringValue] != nil }

    private func child(_ key: Key) throws -> ValueDecoder {
        note(key)
        guard let found = values[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no value for \(key.stringValue)"))
        }
        return ValueDecoder(value: found.value, codingPath: codingPath + [key], jsonPath: decoder.jsonPath + "." + found.json,
                            requests: decoder.requests)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        note(key)
        if case .null? = values[key.stringValue]?.value { return true }
        return values[key.stringValue] == nil
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let d = try child(key)
        if case .null = d.value {
            // `decode(String?.self, …)` of a null is nil, as with Foundation's decoder.
            if let optional = T.self as? any ExpressibleByNilLiteral.Type { return optional.init(nilLiteral: ()) as! T }
            throw DecodingError.valueNotFound(type, .init(codingPath: d.codingPath, debugDescription: "null for \(key.stringValue)"))
        }
        return try T(from: d)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        note(key)
        guard let found = values[key.stringValue] else { return nil }
        if case .null = found.value { return nil }
        return try T(from: try child(key))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try child(key).unkeyedContainer() }
    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let decoder: ValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }
    var currentIndex = 0

    init(items: [JSONValue], decoder: ValueDecoder) { self.items = items; self.decoder = decoder }

    private mutating func next<T>(_ type: T.Type) throws -> ValueDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath + [IndexKey(currentIndex)], debugDescription: "the array has \(items.count) items"))
        }
        defer { currentIndex += 1 }
        return ValueDecoder(value: items[currentIndex], codingPath: codingPath + [IndexKey(currentIndex)],
                            jsonPath: decoder.jsonPath + "[\(currentIndex)]", requests: decoder.requests)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case .null = items[currentIndex] else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let d = try next(type)
        if case .null = d.value {
            if let optional = T.self as? any ExpressibleByNilLiteral.Type { return optional.init(nilLiteral: ()) as! T }
            throw DecodingError.valueNotFound(type, .init(codingPath: d.codingPath, debugDescription: "null in an array of \(type)"))
        }
        return try T(from: d)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next([String: Any].self).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next([Any].self).unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try next(Any.self) }
}

private struct SingleContainer: SingleValueDecodingContainer {
    let decoder: ValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { if case .null = decoder.value { return true }; return false }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let b) = decoder.value else { throw decoder.mismatch(type) }
        return b
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let s) = decoder.value else { throw decoder.mismatch(type) }
        return s
    }

    func decode(_ type: Double.Type) throws -> Double {
        guard case .number(let n) = decoder.value else { throw decoder.mismatch(type) }
        return n.double
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    private func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        guard case .number(let n) = decoder.value else { throw decoder.mismatch(type) }
        guard n.isInteger, let i = I(n.literal) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "expected a whole number, got \(n.literal)"))
        }
        return i
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: decoder) }
}
