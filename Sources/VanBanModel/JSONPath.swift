/// A location inside a JSON document, printed as `$.body[2].text` (odd keys as `$["a b"]`, with quotes
/// and control characters escaped, so a printed path is always one line).
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public private(set) var components: [Component]

    public static let root = JSONPath(components: [])

    public init(components: [Component]) { self.components = components }

    public func appending(_ key: String) -> JSONPath { JSONPath(components: components + [.key(key)]) }
    public func appending(_ index: Int) -> JSONPath { JSONPath(components: components + [.index(index)]) }
    public static func / (path: JSONPath, key: String) -> JSONPath { path.appending(key) }
    public static func / (path: JSONPath, index: Int) -> JSONPath { path.appending(index) }

    public var description: String {
        var s = "$"
        for c in components {
            switch c {
            case .key(let k):
                if k.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) && !k.isEmpty {
                    s += "." + k
                } else {
                    // Quotes and control characters are escaped: a key can never end the path or the line early.
                    s += "[\"" + k.replacingOccurrences(of: "\"", with: "\\\"").escapingControlCharacters + "\"]"
                }
            case .index(let i): s += "[\(i)]"
            }
        }
        return s
    }
}
