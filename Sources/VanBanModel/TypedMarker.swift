import Foundation

/// Markers and prefixes the product prints itself, found typed into the payload's text as well.
///
/// The "- " before each "Kính gửi" and "Nơi nhận" item (R28, R46), the list markers (R34) and the
/// signer's authority prefix (R37) are added by the layout; typed again they print twice ("- - Như trên;").
public enum TypedMarker {
    /// Leading characters that are list markers when typed at the start of an item.
    /// "-", "–", "—", "+", "•" (a `switch` rather than a `Set<Character>`, whose first use costs a
    /// process a scan of the conformance tables, #14).
    public static func isDash(_ c: Character) -> Bool {
        switch c {
        case "-", "–", "—", "+", "•": true
        default: false
        }
    }

    /// The item without a typed leading dash or plus and the spaces after it; nil when there is none.
    /// A dash directly before a digit ("-5 %") is text, not a marker.
    public static func strippingDash(_ s: String) -> String? {
        guard let first = s.first, isDash(first) else { return nil }
        let rest = s.dropFirst()
        if let next = rest.first, next.isNumber { return nil }
        let text = rest.drop { $0 == " " || $0 == "\u{00A0}" || $0 == "\t" }
        return text.isEmpty ? nil : String(text)
    }

    /// A typed list number at the start of an item ("1. ", "a) ", "II. ", "1.2. "), if any.
    ///
    /// The pattern `^([0-9]+(\.[0-9]+)*\.?|[a-zđ]\)|[IVXLC]+\.)\s`, read scalar by scalar (see
    /// `NamePattern` for why not a regular expression); the space after the number is not returned.
    public static func typedNumber(_ s: String) -> String? {
        let u = Array(s.unicodeScalars)
        func digit(_ i: Int) -> Bool { i < u.count && u[i].value >= 0x30 && u[i].value <= 0x39 }
        func at(_ i: Int, _ c: Unicode.Scalar) -> Bool { i < u.count && u[i] == c }
        var end: Int? = nil
        if digit(0) {
            var i = 0
            while digit(i) { i += 1 }
            while at(i, "."), digit(i + 1) { i += 1; while digit(i) { i += 1 } }
            if at(i, ".") { i += 1 }
            end = i
        } else if let f = u.first, (f.value >= 0x61 && f.value <= 0x7A) || f == "đ", at(1, ")") {
            end = 2
        } else {
            var i = 0
            while i < u.count, "IVXLC".unicodeScalars.contains(u[i]) { i += 1 }
            if i > 0, at(i, ".") { end = i + 1 }
        }
        guard let end, end < u.count, NamePattern.isRegexSpace(u[end]) else { return nil }
        var out = String.UnicodeScalarView(u[..<end])
        // What follows the number stays out of it unless it is a line break (as `.whitespaces` trimmed before).
        if !(u[end].properties.generalCategory == .spaceSeparator || u[end] == "\t") { out.append(u[end]) }
        return String(out)
    }

    /// The authority prefix ("KT.", "TM.", "TL.", "TUQ.", "Q.") `text` starts with, if any.
    public static func authorityPrefix(_ text: String, among authorities: [String]) -> String? {
        let upper = text.uppercased()
        return authorities.first { upper == $0 || upper.hasPrefix($0 + " ") || upper.hasPrefix($0 + "\u{00A0}") }
    }

    /// Whether a "Nơi nhận" item is the archive line typed by hand ("Lưu: VT, TH (2b)", "Lưu VT").
    /// The pattern `^(Lưu|LƯU|lưu)(\s*:|\s+VT\b|\s*$)`, read scalar by scalar.
    public static func isArchiveLine(_ s: String) -> Bool {
        guard let head = ["Lưu", "LƯU", "lưu"].first(where: { s.hasPrefix($0) }) else { return false }
        let u = Array(s.unicodeScalars.dropFirst(head.unicodeScalars.count))
        var i = 0
        while i < u.count, NamePattern.isRegexSpace(u[i]) { i += 1 }
        if i == u.count || u[i] == ":" { return true }
        guard i > 0, i + 1 < u.count, u[i] == "V", u[i + 1] == "T" else { return false }
        // \b after "VT": the next character is not part of a word.
        guard i + 2 < u.count else { return true }
        let p = u[i + 2].properties
        return !(p.isAlphabetic || p.generalCategory == .decimalNumber || p.generalCategory == .connectorPunctuation
                 || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark || p.generalCategory == .enclosingMark
                 || u[i + 2] == "\u{200C}" || u[i + 2] == "\u{200D}")
    }
}
