import Foundation

/// The language of messages: English (the default) or Vietnamese (what clerks read).
///
/// The CLI takes `--lang vi|en`, else `$VANBAN_LANG`, else Vietnamese when the locale is Vietnamese
/// (`LC_ALL`, `LC_MESSAGES` or `LANG` starting with "vi"), else English; the service reads `Accept-Language`.
public enum Language: String, Sendable, CaseIterable {
    case en, vi

    public static func resolve(_ explicit: String? = nil,
                               environment: [String: String] = ProcessEnvironment.values(["VANBAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"])) -> Language {
        if let explicit, let l = Language(code: explicit) { return l }
        if let env = environment["VANBAN_LANG"], let l = Language(code: env) { return l }
        // POSIX precedence: the first of LC_ALL, LC_MESSAGES, LANG that is set decides.
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = environment[key], !v.isEmpty { return v.lowercased().hasPrefix("vi") ? .vi : .en }
        }
        return .en
    }

    /// "vi", "vi_VN.UTF-8", "vi-VN", "en", "en_US" …; nil for other languages.
    public init?(code: String) {
        let c = code.lowercased().trimmingCharacters(in: .whitespaces)
        if c == "vi" || c.hasPrefix("vi_") || c.hasPrefix("vi-") || c.hasPrefix("vi.") { self = .vi }
        else if c == "en" || c.hasPrefix("en_") || c.hasPrefix("en-") || c.hasPrefix("en.") { self = .en }
        else { return nil }
    }

    /// The preferred language of an `Accept-Language` header (quality values honoured); English when
    /// it names neither.
    public static func accepting(_ header: String?) -> Language {
        guard let header else { return .en }
        var best: (Language, Double)? = nil
        for part in header.split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = fields.first, let l = Language(code: tag) else { continue }
            let q = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if q > 0, q > (best?.1 ?? -1) { best = (l, q) }
        }
        return best?.0 ?? .en
    }
}

/// A message by id with its arguments (values quoted from the payload, numbers, names), rendered in
/// either language from `MessageCatalog`.
public struct Message: Sendable, Equatable {
    public var id: String
    public var arguments: [String]

    public init(_ id: String, _ arguments: String...) { self.init(id, arguments) }

    public init(_ id: String, _ arguments: [String]) {
        precondition(MessageCatalog.entries[id] != nil, "message id \(id) is not in the catalogue")
        self.id = id
        self.arguments = arguments
    }

    public func text(_ language: Language = .en) -> String { MessageCatalog.render(id, arguments, language) }

    /// This message as an argument of another (a reason inside a sentence): it is rendered in the
    /// language of the message that holds it. Encoded as U+001F (a control character, never in a payload's text) and a JSON array.
    public var asArgument: String {
        MessageCatalog.nestedMark + JSONWriter.string(.array(([id] + arguments).map { .string($0) }))
    }

    /// The message encoded by `asArgument`, if `argument` is one.
    static func nested(_ argument: String) -> Message? {
        guard argument.hasPrefix(MessageCatalog.nestedMark),
              case .array(let items)? = try? JSONParser.parse(Array(argument.utf8.dropFirst(MessageCatalog.nestedMark.utf8.count))) else { return nil }
        var parts: [String] = []
        for item in items {
            guard case .string(let s) = item else { return nil }
            parts.append(s)
        }
        guard let id = parts.first, MessageCatalog.entries[id] != nil else { return nil }
        return Message(id, Array(parts.dropFirst()))
    }
}

/// An error whose text comes from the catalogue, so that it can be told in either language.
public protocol LocalizedMessageError: Error {
    var message: Message { get }
}

extension Diagnostic {
    /// A diagnostic whose message comes from the catalogue: `message` is its English text.
    public init(_ severity: Severity = .error, at path: JSONPath, _ message: Message) {
        self.init(severity, at: path, message.text(.en))
        self.messageID = message.id
        self.arguments = message.arguments
    }

    /// A diagnostic from the catalogue with `severity` (`message` is its English text).
    public init(_ severity: Severity = .error, at path: JSONPath, _ id: String, _ arguments: String...) {
        self.init(severity, at: path, Message(id, arguments))
    }

    /// The message in `language` (diagnostics not from the catalogue stay as written).
    public func message(in language: Language) -> String {
        guard let messageID else { return message }
        return MessageCatalog.render(messageID, arguments, language)
    }

    /// `<json-path>: <message>` in `language`.
    public func description(in language: Language) -> String { "\(path): \(message(in: language).escapingControlCharacters)" }

    /// The same diagnostic with its message in `language`.
    public func localized(_ language: Language) -> Diagnostic {
        var copy = self
        copy.message = message(in: language)
        return copy
    }
}

extension DiagnosticCollector {
    public func error(_ path: JSONPath, _ message: Message) { append(Diagnostic(.error, at: path, message)) }
    public func warning(_ path: JSONPath, _ message: Message) { append(Diagnostic(.warning, at: path, message)) }
}

extension JSONReader {
    public func warning(_ message: Message) { sink.warning(path, message) }
}

/// Every message the payload decoder emits, by id, in English and Vietnamese. `{0}`, `{1}` … stand for
/// the arguments; in Vietnamese, arguments that are JSON type names ("a string") are translated too.
/// Messages name the shape expected where the payload gave another.
public enum MessageCatalog {
    public static let entries: [String: (en: String, vi: String)] =
        generic.merging(decoder) { _, _ in preconditionFailure("a message id is defined twice") }
            .merging(pipeline) { _, _ in preconditionFailure("a message id is defined twice") }
            .merging(csv) { _, _ in preconditionFailure("a message id is defined twice") }

    /// Marks an argument that is itself a message (`Message.asArgument`).
    static let nestedMark = "\u{1F}"

    static let generic: [String: (en: String, vi: String)] = [
        // JSONReader: shapes and types
        "expected.object": ("expected an object, got {0}", "cần một đối tượng, nhận được {0}"),
        "expected.object.fields": ("expected an object {{0}}, got {1}", "cần một đối tượng {{0}}, nhận được {1}"),
        "expected.string": ("expected a string, got {0}", "cần một chuỗi, nhận được {0}"),
        "expected.integer": ("expected an integer, got {0}", "cần một số nguyên, nhận được {0}"),
        "expected.number": ("expected a number, got {0}", "cần một số, nhận được {0}"),
        "expected.bool": ("expected true or false, got {0}", "cần true hoặc false, nhận được {0}"),
        "expected.array": ("expected an array, got {0}", "cần một mảng, nhận được {0}"),
        "field.unknown": ("unknown field", "trường không được hỗ trợ"),
        "field.unknown.hint": ("unknown field (did you mean \"{0}\"?)", "trường không được hỗ trợ (có phải ý bạn là \"{0}\"?)"),
        "field.duplicate": ("duplicate field", "trường bị lặp"),
        "field.required": ("is required", "là bắt buộc"),
        "text.control": ("control character {0} is not allowed here", "không được dùng ký tự điều khiển {0} ở đây"),
        "text.control.newline": ("control character {0} is not allowed here (use separate paragraphs)",
                                 "không được dùng ký tự điều khiển {0} ở đây (hãy tách thành các đoạn riêng)"),
        "text.empty": ("must not be empty", "không được để trống"),
        "range": ("must be between {0} and {1}, got {2}", "phải nằm trong khoảng từ {0} đến {1}, nhận được {2}"),
        "number.inexact": ("the number {0} {1}", "số {0} {1}"),
        "one.of": ("must be one of {0}, got \"{1}\"", "phải là một trong các giá trị {0}, nhận được \"{1}\""),
        "font.missing": ("character {0} ({1}) cannot be drawn by the bundled font {2}",
                         "ký tự {0} ({1}) không vẽ được bằng phông chữ đi kèm {2}"),
        // JSON syntax
        "json.malformed": ("malformed JSON at line {0}, column {1}: {2}", "JSON sai cú pháp ở dòng {0}, cột {1}: {2}"),
    ]

    /// Words that appear as arguments (JSON type names, "invisible") and their Vietnamese.
    public static let vocabulary: [String: String] = [
        "a string": "một chuỗi", "an object": "một đối tượng", "an array": "một mảng", "a number": "một số",
        "a boolean": "một giá trị true/false", "null": "null", "invisible": "ký tự không nhìn thấy",
    ]

    static func render(_ id: String, _ arguments: [String], _ language: Language) -> String {
        guard let entry = entries[id] else { return ([id] + arguments).joined(separator: " ") }
        // One pass over the template, so that an argument quoting "{1}" from the payload stays as written.
        let template = Array((language == .vi ? entry.vi : entry.en).unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < template.count {
            if template[i] == "{", i + 2 < template.count, template[i + 2] == "}",
               let n = Int(String(template[i + 1])), n < arguments.count {
                let a = arguments[n]
                let value = Message.nested(a)?.text(language) ?? (language == .vi ? (vocabulary[a] ?? a) : a)
                out.append(contentsOf: value.unicodeScalars)
                i += 3
            } else {
                out.append(template[i])
                i += 1
            }
        }
        return String(out)
    }
}
