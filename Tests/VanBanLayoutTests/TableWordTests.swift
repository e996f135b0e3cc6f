import Testing
@testable import VanBanLayout

/// The words a table's number fitting looks at: split on spaces, counted in scalars, and figures told
/// from text as printed ("1.234,5", "−12", "45%"), on UTF-8 bytes.
@Suite struct TableWordTests {
    func words(_ s: String) -> [String] {
        var out: [String] = []
        TableLayout.forEachWord(s) { word, scalars, numeric in out.append("\(word())/\(scalars)/\(numeric ? "n" : "t")") }
        return out
    }

    @Test func wordsScalarsAndFigures() {
        #expect(words("  1.234.567,891  12 người ") == ["1.234.567,891/13/n", "12/2/n", "người/5/t"])
        #expect(words("−12,5 -3 +4 45% 2.829") == ["−12,5/5/n", "-3/2/n", "+4/2/n", "45%/3/n", "2.829/5/n"])
        #expect(words("% . - a1 1a x−") == ["%/1/t", "./1/t", "-/1/t", "a1/2/t", "1a/2/t", "x−/2/t"])
        #expect(words("") == [] && words("   ") == [])
        #expect(words("Chỉ\u{0301} tiêu") == ["Chỉ́/4/t", "tiêu/4/t"])
    }
}
