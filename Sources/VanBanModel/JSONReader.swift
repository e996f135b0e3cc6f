import Foundation

/// Collects every problem found while reading a payload, and every string that will be printed,
/// so that one run reports all mistakes at once and the font coverage check can name paths.
public final class DiagnosticCollector {
    public private(set) var diagnostics: [Diagnostic] = []
    /// Every string read from the payload (after NFC normalisation), with where it came from.
    public private(set) var strings: [(path: JSONPath, text: String)] = []

    /// When set, every printed string is checked against it as it is read, and strings are not kept:
    /// validating a 5,000-row table then costs no more memory than the table itself.
    let canDraw: ((Unicode.Scalar) -> Bool)?
    let fontName: String

    public init() { canDraw = nil; fontName = "" }

    public init(checkingWith canDraw: @escaping (Unicode.Scalar) -> Bool, fontName: String) {
        self.canDraw = canDraw
        self.fontName = fontName
    }

    public func error(_ path: JSONPath, _ message: String) {
        diagnostics.append(Diagnostic(.error, at: path, message))
    }

    func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    public func warning(_ path: JSONPath, _ message: String) {
        diagnostics.append(Diagnostic(.warning, at: path, message))
    }

    func record(_ path: JSONPath, _ text: String) {
        guard let canDraw else { strings.append((path, text)); return }
        guard !text.unicodeScalars.allSatisfy(canDraw) else { return }
        for scalar in Set(text.unicodeScalars).sorted(by: { $0.value < $1.value }) where !canDraw(scalar) {
            let shown = scalar.properties.generalCategory == .format || scalar.properties.isWhitespace ? "invisible" : "\"\(Character(scalar))\""
            error(path, Message("font.missing", scalar.codeLabel, shown, fontName))
        }
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Set by the service: a validation nobody waits for any more (time limit, client gone) stops
    /// early. Long loops (table rows) check `isCancelled`; the result is then an error, never used.
    public var cancellation: CancellationFlag?
    /// True once the work was abandoned (see `cancellation`).
    public var isCancelled: Bool { cancellation?.isCancelled ?? false }
    /// How many errors have been reported so far (to tell whether one part of a payload added any).
    public var errorCount: Int { diagnostics.reduce(0) { $0 + ($1.severity == .error ? 1 : 0) } }
}

/// A cursor over one JSON value that reads typed fields and reports mistakes with their path.
///
/// Readers never throw: a wrong field is reported and read as absent, so validation goes on
/// and the author sees every problem in one run.
public struct JSONReader {
    public let value: JSONValue
    public let path: JSONPath
    let sink: DiagnosticCollector

    public init(_ value: JSONValue, path: JSONPath = .root, sink: DiagnosticCollector) {
        self.value = value
        self.path = path
        self.sink = sink
    }

    /// Checks that this value is an object whose keys are all in `allowed`; reports unknown keys
    /// (a misspelt field would otherwise be silently ignored).
    @discardableResult
    public func expectObject(allowed: [String], namingShape: Bool = false) -> Bool {
        guard case .object(let members) = value else {
            // Small objects are named by their fields: "expected an object {day, month, year}".
            sink.error(path, namingShape ? Message("expected.object.fields", allowed.joined(separator: ", "), value.typeName)
                                         : Message("expected.object", value.typeName))
            return false
        }
        var seen = Set<String>()
        for m in members {
            if !allowed.contains(m.key) {
                let hint = Suggestion.nearest(m.key, among: allowed)
                sink.error(path / m.key, hint.map { Message("field.unknown.hint", $0) } ?? Message("field.unknown"))
            }
            if !seen.insert(m.key).inserted { sink.error(path / m.key, Message("field.duplicate")) }
        }
        return true
    }

    /// The member `key`, or nil when absent or null.
    public func member(_ key: String) -> JSONReader? {
        guard let v = value[key], v != .null else { return nil }
        return JSONReader(v, path: path / key, sink: sink)
    }

    public func has(_ key: String) -> Bool { member(key) != nil }

    public func error(_ message: String) { sink.error(path, message) }
    public func error(_ message: Message) { sink.error(path, message) }
    public func warning(_ message: String) { sink.warning(path, message) }

    // MARK: typed reads of this value

    /// This value as printable text: NFC-normalised, control characters rejected
    /// (a newline is allowed only where `allowNewlines`).
    /// `printed: false` for identifiers (layout and form names) that never appear on the page.
    public func text(allowEmpty: Bool = false, allowNewlines: Bool = false, printed: Bool = true) -> String? {
        guard case .string(let raw) = value else {
            sink.error(path, Message("expected.string", value.typeName))
            return nil
        }
        let s = Self.nfc(raw)
        // General category Cc is exactly U+0000–U+001F and U+007F–U+009F.
        for scalar in s.unicodeScalars where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
            if scalar == "\n" && allowNewlines { continue }
            sink.error(path, Message(scalar == "\n" ? "text.control.newline" : "text.control", scalar.codeLabel))
            return nil
        }
        if !allowEmpty && s.isBlank {
            sink.error(path, Message("text.empty"))
            return nil
        }
        if printed { sink.record(path, s) }
        return s
    }

    public func integer(in range: ClosedRange<Int>? = nil) -> Int? {
        guard case .number(let n) = value else {
            sink.error(path, Message("expected.integer", value.typeName))
            return nil
        }
        let d = n.double
        guard d.rounded() == d, abs(d) < 1e15 else {
            sink.error(path, Message("expected.integer", n.literal))
            return nil
        }
        let i = Int(d)
        if let range, !range.contains(i) {
            sink.error(path, Message("range", String(range.lowerBound), String(range.upperBound), String(i)))
            return nil
        }
        return i
    }

    /// An exact figure (a JSON number, or a string when `strings` reads one in the given notation);
    /// reports a number too long to hold exactly.
    public func figure() -> Figure? {
        guard case .number(let n) = value else {
            sink.error(path, Message("expected.number", value.typeName))
            return nil
        }
        switch n.figure {
        case .success(let f): return f
        case .failure(let e): sink.error(path, Message("number.inexact", n.literal, e.message.asArgument)); return nil
        }
    }

    public func number(in range: ClosedRange<Double>? = nil) -> Double? {
        guard case .number(let n) = value else {
            sink.error(path, Message("expected.number", value.typeName))
            return nil
        }
        let d = n.double
        if let range, !range.contains(d) {
            sink.error(path, Message("range", formatJSONNumber(range.lowerBound), formatJSONNumber(range.upperBound), formatJSONNumber(d)))
            return nil
        }
        return d
    }

    public func bool() -> Bool? {
        guard case .bool(let b) = value else {
            sink.error(path, Message("expected.bool", value.typeName))
            return nil
        }
        return b
    }

    /// This value as one of the allowed words; the message lists them.
    public func oneOf(_ allowed: [String]) -> String? {
        guard case .string(let raw) = value else {
            sink.error(path, Message("expected.string", value.typeName))
            return nil
        }
        let s = Self.nfc(raw)
        guard allowed.contains(where: { $0 == s }) else {
            sink.error(path, Message("one.of", allowed.map { "\"\($0)\"" }.joined(separator: ", "), s))
            return nil
        }
        return s
    }

    /// The elements of this array (reports a non-array).
    public func elements() -> [JSONReader]? {
        guard case .array(let items) = value else {
            sink.error(path, Message("expected.array", value.typeName))
            return nil
        }
        return items.enumerated().map { JSONReader($1, path: path / $0, sink: sink) }
    }

    /// A string or an array of strings, read as a list of lines/paragraphs.
    public func textList(allowEmptyItems: Bool = false) -> [String]? {
        if case .string = value { return text(allowEmpty: allowEmptyItems).map { [$0] } }
        guard let items = elements() else { return nil }
        return items.compactMap { $0.text(allowEmpty: allowEmptyItems) }
    }

    // MARK: shorthands for members

    public func requiredText(_ key: String, allowEmpty: Bool = false) -> String? {
        guard let m = member(key) else { sink.error(path / key, Message("field.required")); return nil }
        return m.text(allowEmpty: allowEmpty)
    }

    public func optionalText(_ key: String, allowEmpty: Bool = false) -> String? {
        member(key)?.text(allowEmpty: allowEmpty)
    }
}

extension JSONReader {
    /// `s` in NFC: as it is when `isNFC` can tell from its scalars, else through Foundation.
    static func nfc(_ s: String) -> String { isNFC(s) ? s : s.precomposedStringWithCanonicalMapping }

    /// True when `s` is certainly in NFC already, read off its scalars without Foundation: no combining
    /// mark, and every scalar in a block whose characters are all NFC and compose with nothing before them
    /// (Basic Latin to Spacing Modifiers, Latin Extended Additional — Vietnamese precomposed letters —,
    /// General Punctuation from U+2002, currency signs). Anything else goes through Foundation.
    static func isNFC(_ s: String) -> Bool {
        for u in s.utf8 where u >= 0x80 {
            return s.unicodeScalars.allSatisfy { c in
                let v = c.value
                return v < 0x300 || (0x1E00...0x1EFF).contains(v) || (0x2002...0x206F).contains(v) || (0x20A0...0x20C0).contains(v)
            }
        }
        return true
    }
}

extension Unicode.Scalar {
    /// In Foundation's `CharacterSet.whitespaces`: a tab or general category Zs.
    var isBlank: Bool {
        value < 0x80 ? (value == 0x20 || value == 0x09) : properties.generalCategory == .spaceSeparator
    }
}

extension StringProtocol {
    /// Only whitespace (`trimmingCharacters(in: .whitespaces).isEmpty`), without Foundation.
    var isBlank: Bool { unicodeScalars.allSatisfy(\.isBlank) }
}

extension Substring {
    /// `trimmingCharacters(in: .whitespaces)`, scalar by scalar as Foundation does, without a copy.
    func trimmingBlanks() -> Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isBlank }) else { return self[endIndex...] }
        let last = scalars.lastIndex(where: { !$0.isBlank })!
        return Substring(scalars[first...last])
    }
}

func formatJSONNumber(_ d: Double) -> String {
    d.rounded() == d && abs(d) < 1e15 ? String(Int(d)) : String(d)
}

extension Unicode.Scalar {
    /// "U+1EBF" — how a character is named in messages.
    public var codeLabel: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

/// How far a typo may be from a name for a "did you mean" hint: one edit, two for longer names.
func hintDistance(_ key: String) -> Int { max(1, key.count / 3) }

/// Levenshtein distance, to suggest the field a typo meant.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
