/// Formats a Double the way a PDF number must be written.
///
/// PDF forbids exponent notation, and the update must be byte-identical across runs and platforms,
/// so this avoids `String(format:)`/`description` (locale- and platform-dependent) and rounds to
/// 1/10000 of a point with integer arithmetic: more precision than any viewer uses.
enum PDFNumberFormat {
    static func string(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let scaled = (value * 10_000).rounded()
        guard abs(scaled) < 9e17 else { return value < 0 ? "-999999999999" : "999999999999" }
        let ticks = Int(scaled)
        let magnitude = ticks.magnitude
        let whole = magnitude / 10_000
        var fraction = magnitude % 10_000
        let sign = ticks < 0 ? "-" : ""
        guard fraction != 0 else { return "\(sign)\(whole)" }
        var digits = 4
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let fractionText = String(fraction)
        return "\(sign)\(whole)." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }
}
