import Foundation
import Testing
@testable import VanBanModel

/// The byte-level name checks and typed-prefix readers agree with the regular expressions they replace
/// on every string of a corpus (names, ids, Vietnamese items, odd spaces), except that a trailing
/// newline, which ICU's `$` lets through, is refused.
@Suite struct NamePatternTests {
    static let corpus: [String] = {
        var out = ["", "a", "cong-van", "cong_van", "Cong-van", "-cong", "0abc", "quyet_dinh", "q", "qd", "1.1", "so_lieu",
                   "a b", "đ", "x.y-z_w", "02", "02b", "2b", "0b", "12345", "1234b", "b", "02bb", "ab-", "a--b",
                   String(repeating: "a", count: 64), String(repeating: "a", count: 65), "Điều 3. Hiệu lực", "Điều 12 Phạm vi",
                   "Điều .", "Điều", "Điều x", "Điều 1", "ĐIỀU 1.", "1. Mở đầu", "1.2. Mục", "1.2.3 Mục", "1.2.x", "1.", "1.\tx",
                   "a) điểm", "đ) điểm", "A) x", "II. Phần", "IIX. x", "iv. x", "1 x", "12\u{00A0}x", "1.\u{2003}x", "1.\nx",
                   "1.\u{2028}x", "1x", "Lưu: VT", "Lưu VT", "Lưu VT, TH", "Lưu", "Lưu  ", "LƯU: VT", "lưu vt", "Lưu VTX", "Lưu VT_",
                   "Lưu VTđ", "Lưu\u{00A0}VT", "Lưu trữ", "Lưu:", "Lưu\tVT.", "Lưu VT\u{0301}", "Như trên", "- Lưu: VT", "Lưu\n"]
        for n in ["", "-", "_", ".", "é", " "] { out += ["a\(n)b", "\(n)ab", "ab\(n)"] }
        return out
    }()

    func regex(_ pattern: String, _ s: String) -> String? {
        s.range(of: pattern, options: .regularExpression).map { String(s[$0]) }
    }

    @Test func namesAgreeWithTheirPatterns() {
        for s in Self.corpus where !s.hasSuffix("\n") {
            #expect(NamePattern.isFileName(s) == (regex("^[a-z0-9][a-z0-9-]{0,63}$", s) != nil), "\(s)")
            #expect(NamePattern.isID(s) == (regex("^[A-Za-z0-9_.-]{1,64}$", s) != nil), "\(s)")
            #expect(NamePattern.isKind(s) == (regex("^[a-z][a-z0-9_]{1,63}$", s) != nil), "\(s)")
            #expect(NamePattern.isCopies(s) == (regex("^[0-9]{1,4}b?$", s) != nil), "\(s)")
            #expect(NamePattern.articleLabel(s) == regex("^Điều [0-9]+\\.?", s), "\(s)")
        }
        #expect(!NamePattern.isFileName("cong-van\n") && !NamePattern.isID("a\n") && !NamePattern.isCopies("02\n"))
    }

    @Test func typedPrefixesAgreeWithTheirPatterns() {
        for s in Self.corpus {
            let number = regex("^([0-9]+(\\.[0-9]+)*\\.?|[a-zđ]\\)|[IVXLC]+\\.)\\s", s)?.trimmingCharacters(in: .whitespaces)
            #expect(TypedMarker.typedNumber(s) == number, "\(s.debugDescription)")
            #expect(TypedMarker.isArchiveLine(s) == (regex("^(Lưu|LƯU|lưu)(\\s*:|\\s+VT\\b|\\s*$)", s) != nil), "\(s.debugDescription)")
        }
        #expect(TypedMarker.typedNumber("1.2. Mục") == "1.2.")
        #expect(TypedMarker.isArchiveLine("Lưu: VT, TH (2b)") && !TypedMarker.isArchiveLine("Lưu trữ hồ sơ"))
    }
}
