/// Decimal integers written to a fixed width with leading zeros, as PDF dates, xref entries and ISO
/// dates need them (`String(format: "%0Nd")` without Foundation's formatter and its casts, #14).
public enum ZeroPadding {
    /// `value` in decimal, zero-padded to `width` characters, the minus sign counted as
    /// `%0Nd` counts it: (5, 2) → "05", (12345, 4) → "12345", (-5, 3) → "-05".
    public static func decimal(_ value: Int, width: Int) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - digits.count - sign.count)) + digits
    }
}
