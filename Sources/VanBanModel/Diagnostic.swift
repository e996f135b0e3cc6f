/// One problem found in a payload, named by the JSON path of the value at fault.
///
/// The CLI prints these as `<json-path>: <message>`, one per line; the service returns them
/// in its problem+json body. The message never repeats the path.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible, Error {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var path: JSONPath
    public var message: String
    /// The catalogue id of the message (`MessageCatalog`), and its arguments, when it came from there:
    /// the same problem can then be told in Vietnamese (`message(in:)`).
    public var messageID: String? = nil
    public var arguments: [String] = []

    public init(_ severity: Severity = .error, at path: JSONPath, _ message: String) {
        self.severity = severity
        self.path = path
        self.message = message
    }

    /// `<json-path>: <message>` on one line: control characters of the message (a value quoted from the
    /// payload) are escaped like those of the path, so payload text can never split or forge a line.
    public var description: String { "\(path): \(message.escapingControlCharacters)" }
}

/// The error a pipeline stage throws when the payload cannot be rendered.
public struct ValidationFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
