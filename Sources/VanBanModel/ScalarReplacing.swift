extension String {
    /// This text with every `old` scalar replaced by `new` ("quyet-dinh" → "quyet_dinh"), in Swift
    /// rather than through Foundation's `replacingOccurrences`, which bridges to `NSString` and costs a
    /// process its first dynamic casts (#14: cold start).
    public func replacingScalar(_ old: Unicode.Scalar, with new: Unicode.Scalar) -> String {
        guard unicodeScalars.contains(old) else { return self }
        var out = String.UnicodeScalarView()
        for s in unicodeScalars { out.append(s == old ? new : s) }
        return String(out)
    }

    /// This text without the spaces, tabs and line breaks at either end, as Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives it: Unicode white space, and the
    /// zero-width space U+200B, which Foundation's set also holds.
    public var trimmingWhitespace: String {
        let scalars = unicodeScalars
        let isSpace = { (s: Unicode.Scalar) in s.properties.isWhitespace || s == "\u{200B}" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }
}
