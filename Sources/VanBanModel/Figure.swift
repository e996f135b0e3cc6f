import Foundation

/// An exact decimal figure: a number from a payload, a CSV cell, a form value, a sum or a formula.
///
/// Figures are never held in binary floating point: "0,1 + 0,2" is 0,3, a VND total of
/// 10.000.000.000.000.000.000 is exact to the đồng, and nothing converts to a fixed-width integer,
/// so no input can overflow or trap. The value is a Foundation `Decimal` (38 significant digits,
/// exponent −128…127); an input with more significant digits is refused rather than rounded, and an
/// operation whose exact result does not fit gives `nil`, which callers report as an error.
///
/// `places` is the number of decimals as written ("12,50" has 2; "1e3" has 0) or as computed; printing
/// keeps all of them unless a layout or formula says otherwise (issue "figures are sacred").
public struct Figure: Sendable, Hashable, CustomStringConvertible {
    public let value: Decimal
    /// Decimals as written or computed; never negative.
    public let places: Int

    /// The most significant digits a figure can hold exactly.
    public static let maxDigits = 38

    public init(_ value: Decimal, places: Int) {
        self.value = value
        self.places = max(0, places)
    }

    public init(_ int: Int) { self.init(Decimal(int), places: 0) }

    public static let zero = Figure(Decimal(0), places: 0)

    public var isZero: Bool { value.isZero }
    public var isNegative: Bool { value < 0 }
    /// True when the figure has no fractional part (whatever `places` says: "12,00" is integral).
    public var isIntegral: Bool { rounded(places: 0).value == value }

    /// Plain text with a decimal point, as JSON writes it: "-1234.5", "0.891", "100000000000000000000".
    public var description: String { plain(places: places) }

    // MARK: Reading

    /// Why a text is not read as a figure.
    public enum ReadError: Error, Equatable, CustomStringConvertible {
        /// Not a number at all ("Không", "x", "3a").
        case notANumber
        /// A number whose style cannot be told ("2,829", "2.829": thousands or decimals?).
        case ambiguous(separator: Character, thousands: String, decimals: String)
        /// Separators in a shape neither style writes ("28.4" read as Vietnamese, "1.23.4").
        case malformed(Message)
        /// More significant digits than can be held exactly, or an exponent out of range.
        case tooLarge

        public var description: String { message.text(.en) }

        /// The reason from the catalogue (a predicate: "\"2,829\" " + message).
        public var message: Message {
            switch self {
            case .notANumber: return Message("figure.not-a-number")
            case .ambiguous(let sep, let thousands, let decimals): return Message("figure.ambiguous", String(sep), thousands, decimals)
            case .malformed(let why): return why
            case .tooLarge: return Message("figure.too-large", String(Figure.maxDigits))
            }
        }
    }

    /// How the thousands and decimal separators of a text are to be read.
    public enum Notation: String, Sendable, CaseIterable {
        /// "1.234,5": dot groups thousands, comma marks decimals (the decree's notation).
        case vietnamese = "vi"
        /// "1,234.5": comma groups thousands, dot marks decimals (English-locale spreadsheets).
        case english = "en"
        /// Either, where the text itself says which ("1.234,5", "28,4", "28.4", "1.234.567");
        /// a text that could be both ("2,829", "2.829") is `ReadError.ambiguous`.
        case detect
    }

    /// Reads a JSON number literal exactly (`-12.25`, `1234567.891`, `1e20`).
    /// Nil for a text that is not a JSON number; `.tooLarge` past 38 significant digits.
    public static func literal(_ text: String) -> Result<Figure, ReadError> {
        let b = Array(text.utf8)
        var i = 0
        var negative = false
        if i < b.count, b[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        var intDigits: [UInt8] = [], fracDigits: [UInt8] = []
        while i < b.count, isDigit(b[i]) { intDigits.append(b[i]); i += 1 }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) { fracDigits.append(b[i]); i += 1 }
            if fracDigits.isEmpty { return .failure(.notANumber) }
        }
        if intDigits.isEmpty { return .failure(.notANumber) }
        var exponent = 0
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { expNegative = b[i] == UInt8(ascii: "-"); i += 1 }
            var digits = 0, any = false
            while i < b.count, isDigit(b[i]) {
                any = true
                if digits < 10_000 { exponent = exponent * 10 + Int(b[i] - 48); if exponent > 10_000 { exponent = 10_000 } }
                digits += 1; i += 1
            }
            if !any { return .failure(.notANumber) }
            if expNegative { exponent = -exponent }
        }
        if i != b.count { return .failure(.notANumber) }
        return make(negative: negative, integer: intDigits, fraction: fracDigits, exponent: exponent)
    }

    /// Reads a number as a person types it in a cell: optional sign, digits with thousands separators
    /// and a decimal separator in the given notation, surrounding spaces ignored. A trailing "%" is
    /// accepted when `allowPercent` (the value is the number before it: "95%" → 95).
    public static func read(_ text: String, notation: Notation, allowPercent: Bool = false) -> Result<Figure, ReadError> {
        // Most cells are words: a text with an ASCII letter is no number, whatever blanks surround it
        // (found on bytes; the checks below walk Characters, 2.7 M instructions a document, #14).
        if text.utf8.contains(where: { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }) {
            return .failure(.notANumber)
        }
        // An empty cell, and a plain count ("12", "2020"): what the path below gives, without it.
        if text.isEmpty { return .failure(.notANumber) }
        if text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            return make(negative: false, integer: Array(text.utf8), fraction: [], exponent: 0)
        }
        var s = Substring(text).trimmingBlanks()
        if allowPercent, s.hasSuffix("%") { s = s.dropLast().trimmingBlanks() }
        var negative = false
        if let f = s.first, f == "-" || f == "−" || f == "+" { negative = f != "+"; s = s.dropFirst() }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }) else { return .failure(.notANumber) }
        guard s.first!.isNumber, s.last!.isNumber else { return .failure(.malformed(Message("figure.separator-at-end"))) }
        let dots = s.filter { $0 == "." }.count, commas = s.filter { $0 == "," }.count
        func as_(_ n: Notation) -> Result<Figure, ReadError> { readStrict(s, negative: negative, vietnamese: n == .vietnamese) }
        switch notation {
        case .vietnamese, .english: return as_(notation)
        case .detect:
            if dots == 0 && commas == 0 { return as_(.vietnamese) }
            if dots > 0 && commas > 0 {
                // The separator that comes last marks the decimals.
                return s.lastIndex(of: ",")! > s.lastIndex(of: ".")! ? as_(.vietnamese) : as_(.english)
            }
            let sep: Character = dots > 0 ? "." : ","
            let count = max(dots, commas)
            let groupsOfThree = isGrouped(s, by: sep)
            if count > 1 {
                // Only thousands can repeat: "1.234.567" is Vietnamese, "1,234,567" English.
                return sep == "." ? as_(.vietnamese) : as_(.english)
            }
            if groupsOfThree {
                // "2,829" / "2.829": thousands in one notation, decimals in the other.
                let vi = as_(.vietnamese), en = as_(.english)
                if case .success(let a) = vi, case .success(let b) = en, a.value != b.value {
                    let asThousands = sep == "." ? a : b
                    let halves = s.split(separator: sep)
                    let decimals = "\(negative ? "-" : "")\(halves[0]) and \(halves[1]) thousandths"
                    return .failure(.ambiguous(separator: sep, thousands: asThousands.plain(places: 0), decimals: decimals))
                }
                return vi
            }
            // One separator that cannot be a thousands separator: it marks the decimals.
            return sep == "," ? as_(.vietnamese) : as_(.english)
        }
    }

    private static func isGrouped(_ s: Substring, by sep: Character) -> Bool {
        let parts = s.split(separator: sep, omittingEmptySubsequences: false)
        guard parts.count > 1, let first = parts.first, (1...3).contains(first.count), !(first.count > 1 && first.first == "0") || first == "0" else { return false }
        if first == "0" { return false }
        return parts.dropFirst().allSatisfy { $0.count == 3 }
    }

    private static func readStrict(_ s: Substring, negative: Bool, vietnamese: Bool) -> Result<Figure, ReadError> {
        let group: Character = vietnamese ? "." : ","
        let decimal: Character = vietnamese ? "," : "."
        let halves = s.split(separator: decimal, omittingEmptySubsequences: false)
        guard halves.count <= 2 else {
            return .failure(.malformed(Message(vietnamese ? "figure.two-decimal-separators.vi" : "figure.two-decimal-separators", String(decimal))))
        }
        let intPart = halves[0]
        let fracPart = halves.count == 2 ? halves[1] : ""
        if fracPart.contains(group) { return .failure(.malformed(Message("figure.group-after-decimal", String(group)))) }
        if intPart.contains(group) && !isGrouped(intPart, by: group) {
            return .failure(.malformed(Message(vietnamese ? "figure.not-vietnamese" : "figure.not-english")))
        }
        let digits = Array(intPart.filter { $0 != group }.utf8)
        return make(negative: negative, integer: digits, fraction: Array(fracPart.utf8), exponent: 0)
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// Builds the figure from decimal digits; exact or `.tooLarge`.
    private static func make(negative: Bool, integer: [UInt8], fraction: [UInt8], exponent: Int) -> Result<Figure, ReadError> {
        let all = integer + fraction
        guard let firstNonZero = all.firstIndex(where: { $0 != 48 }) else {
            return .success(Figure(Decimal(0), places: max(0, fraction.count - exponent)))
        }
        let lastNonZero = all.lastIndex(where: { $0 != 48 })!
        if lastNonZero - firstNonZero + 1 > maxDigits { return .failure(.tooLarge) }
        // Value = significant digits × 10^(scale), scale counted from the last non-zero digit.
        let trailingZeros = all.count - 1 - lastNonZero
        let scale = trailingZeros - fraction.count + exponent
        // Up to 18 digits fit a UInt64 exactly, and Decimal(UInt64) is exact; longer ones go through the text.
        let digits = all[firstNonZero...lastNonZero]
        let parsed = digits.count <= 18 ? Decimal(digits.reduce(UInt64(0)) { $0 * 10 + UInt64($1 - 48) }) : Decimal(string: String(decoding: digits, as: UTF8.self))
        guard (-128...127).contains(scale), var mantissa = parsed else { return .failure(.tooLarge) }
        if negative { mantissa.negate() }
        let value = Decimal(sign: mantissa.sign, exponent: scale, significand: mantissa.magnitude)
        if value.isNaN { return .failure(.tooLarge) }
        return .success(Figure(value, places: max(0, fraction.count - exponent)))
    }

    // MARK: Arithmetic (exact, or nil when the exact result does not fit)

    public static func + (a: Figure, b: Figure) -> Figure? {
        let r = a.value + b.value
        guard !r.isNaN, r - b.value == a.value, r - a.value == b.value else { return nil }
        return Figure(r, places: max(a.places, b.places))
    }

    public static func - (a: Figure, b: Figure) -> Figure? {
        let r = a.value - b.value
        guard !r.isNaN, r + b.value == a.value, a.value - r == b.value else { return nil }
        return Figure(r, places: max(a.places, b.places))
    }

    /// The product; exact when it fits 38 digits, otherwise rounded there (formulas round their result anyway).
    public static func * (a: Figure, b: Figure) -> Figure? {
        let r = a.value * b.value
        guard !r.isNaN else { return nil }
        return Figure(r, places: min(a.places + b.places, 60))
    }

    /// The quotient to 38 significant digits; nil for a division by zero or an out-of-range result.
    public static func / (a: Figure, b: Figure) -> Figure? {
        guard !b.isZero else { return nil }
        let r = a.value / b.value
        guard !r.isNaN else { return nil }
        return Figure(r, places: 38)
    }

    public var negated: Figure { var v = value; v.negate(); return Figure(v, places: places) }

    /// Rounded half away from zero to `places` decimals ("0,05" → "0,1"; "−0,05" → "−0,1").
    public func rounded(places: Int) -> Figure {
        var v = value, r = Decimal()
        NSDecimalRound(&r, &v, places, .plain)
        if r.isZero { r = Decimal(0) }
        return Figure(r, places: places)
    }

    /// The smallest number of decimals that writes the value exactly.
    public var significantPlaces: Int {
        if value.isZero { return 0 }
        return max(0, -Int(value.exponent) - trailingZeroCount(value.significand))
    }

    private func trailingZeroCount(_ d: Decimal) -> Int {
        var n = 0, x = d
        while !x.isZero {
            var q = Decimal(), t = x / 10
            NSDecimalRound(&q, &t, 0, .down)
            if q * 10 != x { break }
            x = q; n += 1
        }
        return n
    }

    // MARK: Writing

    /// Digits with a decimal point and exactly `places` decimals (rounded half away from zero when fewer
    /// than the value has): "-1234.50".
    public func plain(places: Int) -> String {
        let (sign, intPart, frac) = parts(places: places)
        return sign + intPart + (frac.isEmpty ? "" : "." + frac)
    }

    /// Vietnamese notation (decimal comma, thousands dot): 2500012.25 → "2.500.012,25".
    /// - Parameters:
    ///   - places: decimals to print; nil keeps `self.places` (every decimal as written).
    ///   - trimZeros: drop trailing zeros of the fraction (formula results: "33,3", "200").
    ///   - groupThousands: false for codes and years ("10231").
    public func vietnamese(places: Int? = nil, trimZeros: Bool = false, groupThousands: Bool = true) -> String {
        var (sign, intPart, frac) = parts(places: places ?? self.places)
        if trimZeros { while frac.last == "0" { frac.removeLast() } }
        if groupThousands && intPart.count > 3 {
            var grouped = ""
            for (i, ch) in intPart.enumerated() {
                if i > 0 && (intPart.count - i) % 3 == 0 { grouped.append(".") }
                grouped.append(ch)
            }
            intPart = grouped
        }
        return sign + intPart + (frac.isEmpty ? "" : "," + frac)
    }

    /// Sign, integer digits and exactly `places` fraction digits of the value rounded to `places`.
    private func parts(places: Int) -> (String, String, String) {
        let places = max(0, places)
        let r = rounded(places: min(places, 127))
        var text = r.value.magnitude.description          // plain digits, "." as the decimal point, no exponent
        if text.hasPrefix(".") { text = "0" + text }
        let split = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let intPart = split.isEmpty || split[0].isEmpty ? "0" : String(split[0])
        var frac = split.count > 1 ? String(split[1]) : ""
        if frac.count < places { frac += String(repeating: "0", count: places - frac.count) }
        if frac.count > places { frac = String(frac.prefix(places)) }
        let negative = r.value < 0 && !r.value.isZero
        return (negative ? "-" : "", intPart, frac)
    }
}
