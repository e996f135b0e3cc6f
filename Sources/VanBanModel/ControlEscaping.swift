/// Makes text from a payload safe to print on one diagnostic line: a key or value carrying a newline,
/// a carriage return or a terminal escape must neither split a stderr line nor forge another one.
extension String {
    /// The text with C0/C1 control characters, DEL and the Unicode line/paragraph separators written as
    /// escapes (`\n`, `\r`, `\t`, `\u001B`, `\u2028`); a backslash before one of those stays as it is.
    /// Ordinary text (Vietnamese letters included) is returned unchanged.
    public var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: Self.needsEscape) else { return self }
        var out = ""
        out.unicodeScalars.reserveCapacity(unicodeScalars.count + 8)
        for scalar in unicodeScalars {
            guard Self.needsEscape(scalar) else { out.unicodeScalars.append(scalar); continue }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }
        }
        return out
    }

    private static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
    }
}
