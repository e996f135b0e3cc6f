import Foundation

/// A PDF date (ISO 32000-1 §7.9.4) with an explicit UTC offset.
///
/// Cairo 1.16 writes `/CreationDate` without the mandatory `D:` prefix; the update rewrites the
/// Info dictionary with dates in the correct form, `D:YYYYMMDDHHmmSS+07'00'`. The offset is kept
/// explicitly because Vietnamese documents are dated in local time (UTC+7), not in UTC.
public struct PDFDate: Sendable, Equatable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Minutes east of UTC: 420 for Vietnam (+07'00').
    public var utcOffsetMinutes: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
                utcOffsetMinutes: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// The wall-clock fields of `date` in `timeZone`, with that zone's offset at that instant.
    public init(_ date: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1,
                  hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0,
                  utcOffsetMinutes: timeZone.secondsFromGMT(for: date) / 60)
    }

    /// Whether every field is in its calendar range (the day is checked against the month's length).
    public var isValid: Bool {
        guard (0...9999).contains(year), (1...12).contains(month), (0...23).contains(hour),
              (0...59).contains(minute), (0...59).contains(second), abs(utcOffsetMinutes) < 24 * 60
        else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...lengths[month - 1]).contains(day)
    }

    /// The PDF form: `D:20200605080000+07'00'`, or `D:20200605010000Z` for UTC.
    public var pdfString: String {
        func pad(_ value: Int, _ width: Int) -> String { ZeroPadding.decimal(value, width: width) }
        let stamp = "D:" + pad(year, 4) + pad(month, 2) + pad(day, 2) + pad(hour, 2) + pad(minute, 2) + pad(second, 2)
        guard utcOffsetMinutes != 0 else { return stamp + "Z" }
        let sign = utcOffsetMinutes > 0 ? "+" : "-"
        let offset = abs(utcOffsetMinutes)
        return stamp + sign + pad(offset / 60, 2) + "'" + pad(offset % 60, 2) + "'"
    }

    public var description: String { pdfString }
}
