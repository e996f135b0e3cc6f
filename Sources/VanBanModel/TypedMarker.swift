import Foundation

/// Markers and prefixes the product prints itself, found typed into the payload's text as well.
///
/// The "- " before each "Kính gửi" and "Nơi nhận" item (R28, R46), the list markers (R34) and the
/// signer's authority prefix (R37) are added by the layout; typed again they print twice ("- - Như trên;").
public enum TypedMarker {
    /// Leading characters that are list markers when typed at the start of an item.
    public static let dashes: Set<Character> = ["-", "–", "—", "+", "•"]

    /// The item without a typed leading dash or plus and the spaces after it; nil when there is none.
    /// A dash directly before a digit ("-5 %") is text, not a marker.
    public static func strippingDash(_ s: String) -> String? {
        guard let first = s.first, dashes.contains(first) else { return nil }
        let rest = s.dropFirst()
        if let next = rest.first, next.isNumber { return nil }
        let text = rest.drop { $0 == " " || $0 == "\u{00A0}" || $0 == "\t" }
        return text.isEmpty ? nil : String(text)
    }

    /// A typed list number at the start of an item ("1. ", "a) ", "II. ", "1.2. "), if any.
    public static func typedNumber(_ s: String) -> String? {
        let pattern = "^([0-9]+(\\.[0-9]+)*\\.?|[a-zđ]\\)|[IVXLC]+\\.)\\s"
        guard let r = s.range(of: pattern, options: .regularExpression) else { return nil }
        return String(s[r]).trimmingCharacters(in: .whitespaces)
    }

    /// The authority prefix ("KT.", "TM.", "TL.", "TUQ.", "Q.") `text` starts with, if any.
    public static func authorityPrefix(_ text: String, among authorities: [String]) -> String? {
        let upper = text.uppercased()
        return authorities.first { upper == $0 || upper.hasPrefix($0 + " ") || upper.hasPrefix($0 + "\u{00A0}") }
    }

    /// Whether a "Nơi nhận" item is the archive line typed by hand ("Lưu: VT, TH (2b)", "Lưu VT").
    public static func isArchiveLine(_ s: String) -> Bool {
        s.range(of: "^(Lưu|LƯU|lưu)(\\s*:|\\s+VT\\b|\\s*$)", options: .regularExpression) != nil
    }
}
