/// The short patterns names, ids and typed prefixes follow, checked on their UTF-8 bytes.
///
/// These were `range(of:options: .regularExpression)` calls: the first one in a process builds an
/// ICU regular expression through Foundation, 13 M instructions, a tenth of a whole one-document run
/// (#14); every later one still bridges to NSString. Each function names the pattern it implements;
/// unlike ICU's `$`, none accepts a trailing newline.
public enum NamePattern {
    private static func all(_ s: String, count: ClosedRange<Int>, first: (UInt8) -> Bool, rest: (UInt8) -> Bool) -> Bool {
        let u = s.utf8
        guard count.contains(u.count), let f = u.first, first(f) else { return false }
        return u.dropFirst().allSatisfy(rest)
    }
    private static func lower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    private static func digit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func upper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }

    /// `^[a-z0-9][a-z0-9-]{0,63}$`: a layout, document type or form file name ("cong-van").
    public static func isFileName(_ s: String) -> Bool {
        all(s, count: 1...64, first: { lower($0) || digit($0) }, rest: { lower($0) || digit($0) || $0 == UInt8(ascii: "-") })
    }

    /// `^[A-Za-z0-9_.-]{1,64}$`: a field, row or cell id ("1.1", "so_lieu").
    public static func isID(_ s: String) -> Bool {
        let ok: (UInt8) -> Bool = { lower($0) || upper($0) || digit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
        return all(s, count: 1...64, first: ok, rest: ok)
    }

    /// `^[a-z][a-z0-9_]{1,63}$`: a payload `kind` ("quyet_dinh").
    public static func isKind(_ s: String) -> Bool {
        all(s, count: 2...64, first: lower, rest: { lower($0) || digit($0) || $0 == UInt8(ascii: "_") })
    }

    /// `^[0-9]{1,4}b?$`: an archive's number of copies ("2", "02b").
    public static func isCopies(_ s: String) -> Bool {
        var u = Array(s.utf8)
        if u.last == UInt8(ascii: "b") { u.removeLast() }
        return (1...4).contains(u.count) && u.allSatisfy(digit)
    }

    /// The `^Điều [0-9]+\.?` prefix of `s` ("Điều 3." of "Điều 3. Hiệu lực"), if it has one.
    public static func articleLabel(_ s: String) -> String? {
        let head = Array("Điều ".utf8)
        let u = Array(s.utf8)
        guard u.count > head.count, Array(u[..<head.count]) == head else { return nil }
        var i = head.count
        while i < u.count, digit(u[i]) { i += 1 }
        guard i > head.count else { return nil }
        if i < u.count, u[i] == UInt8(ascii: ".") { i += 1 }
        return String(decoding: u[..<i], as: UTF8.self)
    }

    /// ICU's `\s`: `[\t\n\f\r\p{Z}]`.
    static func isRegexSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09, 0x0A, 0x0C, 0x0D: return true
        default:
            switch c.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }
}
