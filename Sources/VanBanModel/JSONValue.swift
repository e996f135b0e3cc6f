/// A parsed JSON document that keeps object key order and tells integers from decimals,
/// so validation can name fields in the order the author wrote them.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number as written: its exact literal is kept, so figures print and compute without
    /// passing through binary floating point (see `Figure`).
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The value under `key` when this is an object (the last one wins on duplicates, as in most parsers).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    /// The members when this is an object.
    public var objectMembers: [(key: String, value: JSONValue)]? {
        if case .object(let m) = self { return m } else { return nil }
    }

    /// A short name of the JSON type, for error messages ("expected a string, got a number").
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A JSON number literal, kept exactly as the author wrote it ("1234567.891", "-12.25", "1e20").
public struct JSONNumber: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The literal text (valid JSON number grammar).
    public let literal: String
    /// The nearest binary value, for sizes and positions (mm, pt, widths); never for figures.
    public let double: Double
    /// Written without a fraction or exponent ("12", not "12.0" or "1e1").
    public var isInteger: Bool { !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) }

    /// A literal already checked by the JSON grammar; nil if it is not one or is out of Double's range.
    public init?(literal: String) {
        if case .failure(.notANumber) = Figure.literal(literal) { return nil }
        guard let d = Double(literal), d.isFinite else { return nil }
        self.literal = literal
        self.double = d
    }

    /// A whole number.
    public init(_ int: Int) { self.literal = String(int); self.double = Double(int) }

    /// A figure, written as a JSON literal with its decimals.
    public init(_ figure: Figure) { self.literal = figure.description; self.double = Double(figure.description) ?? 0 }

    /// The exact value, or why it cannot be held exactly (more than 38 significant digits).
    public var figure: Result<Figure, Figure.ReadError> { Figure.literal(literal) }

    public static func == (a: JSONNumber, b: JSONNumber) -> Bool {
        if case .success(let x) = a.figure, case .success(let y) = b.figure { return x.value == y.value }
        return a.literal == b.literal
    }
    public func hash(into h: inout Hasher) { h.combine(double) }
    public var description: String { literal }
}

extension JSONValue {
    /// A number value from a literal ("28.4", "-3", "1e6"); nil when the text is not a JSON number.
    public static func numeral(_ literal: String) -> JSONValue? { JSONNumber(literal: literal).map { .number($0) } }
    /// A whole-number value.
    public static func integer(_ n: Int) -> JSONValue { .number(JSONNumber(n)) }
}

extension JSONValue {
    /// This value with `overlay` laid over it: objects merge key by key (in this value's order, new keys
    /// after), anything else in `overlay` replaces this value. Batch defaults under each document, and a
    /// layout under the layout that `extends` it.
    ///
    /// A key the overlay repeats stays repeated (the first occurrence merges, the next ones are kept as
    /// written), so validation refuses it as `duplicate field` exactly as for a single payload:
    /// merging must never quietly drop one of the two values.
    public func merging(_ overlay: JSONValue) -> JSONValue {
        guard case .object(let b) = self, case .object(let o) = overlay else { return overlay }
        var out = b
        var seen = Set<String>()
        for m in o {
            if seen.insert(m.key).inserted, let i = out.firstIndex(where: { $0.key == m.key }) {
                out[i].value = out[i].value.merging(m.value)
            } else {
                out.append(m)
            }
        }
        return .object(out)
    }
}

extension JSONValue {
    /// The keys of an object's members that repeat an earlier one, once per repeat, in order: a
    /// definition file (layout, document type) refuses them rather than letting the last one win.
    public static func repeatedKeys(_ members: [(key: String, value: JSONValue)]) -> [String] {
        var seen = Set<String>()
        return members.compactMap { seen.insert($0.key).inserted ? nil : $0.key }
    }
}
