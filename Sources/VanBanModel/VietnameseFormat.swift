/// Number and date formatting as Decree 30 writes them.
public enum VietnameseFormat {
    /// Registration numbers below 10 get a leading zero: 5 → "05", 123 → "123" (R20).
    public static func documentNumber(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Day below 10 and months 1–2 get a leading zero; months 3–12 do not (R24).
    public static func day(_ d: Int) -> String { d < 10 ? "0\(d)" : "\(d)" }
    public static func month(_ m: Int) -> String { m <= 2 ? "0\(m)" : "\(m)" }

    /// "ngày 05 tháng 6 năm 2020"; a missing day or month becomes a blank of `blank` spaces.
    public static func dateWords(_ date: DocumentDate, blank: Int) -> String {
        let gap = String(repeating: " ", count: blank)
        let d = date.day.map(day) ?? gap
        let m = date.month.map(month) ?? gap
        return "ngày \(d) tháng \(m) năm \(date.year)"
    }

    /// "08/01/2018", "05/6/2017"; blanks become spaces (the numeric style seen in older annex references).
    /// Padding follows the same rule as the written-out date (R24): days below 10, months 1 and 2.
    public static func dateNumeric(_ date: DocumentDate, blank: Int) -> String {
        let gap = String(repeating: " ", count: blank)
        let d = date.day.map(day) ?? gap
        let m = date.month.map(month) ?? gap
        return "\(d)/\(m)/\(date.year)"
    }

    /// "Đồng Tháp, ngày 05 tháng 6 năm 2020" (ô 4).
    public static func placeAndDate(place: String, date: DocumentDate, blank: Int) -> String {
        place + ", " + dateWords(date, blank: blank)
    }

    /// "05/SKHCN-VP", or a blank of `blank` spaces before the slash when the number is not yet assigned.
    public static func numberAndSymbol(number: Int?, symbol: String, blank: Int) -> String {
        (number.map(documentNumber) ?? String(repeating: " ", count: blank)) + "/" + symbol
    }
}

/// Roman numerals for annex labels and report parts.
public enum RomanNumeral {
    public static func string(_ n: Int) -> String {
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var n = n, s = ""
        for (v, r) in table { while n >= v { s += r; n -= v } }
        return s
    }
}
