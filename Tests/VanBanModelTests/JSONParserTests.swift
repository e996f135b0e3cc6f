import Testing
@testable import VanBanModel

/// The parser's string fast path (no escape) and slow path agree on values and on where they report
/// bad UTF-8: just after the string's closing quote.
@Suite struct JSONParserTests {
    @Test func stringsWithAndWithoutEscapesReadTheSame() throws {
        #expect(try JSONParser.parse(#"["Sở Khoa học", "Sở \u004Bhoa học", "a\"b", "", "\\"]"#)
                == .array([.string("Sở Khoa học"), .string("Sở Khoa học"), .string("a\"b"), .string(""), .string("\\")]))
    }

    @Test func badUTF8IsReportedAfterTheStringInBothPaths() throws {
        func column(_ bytes: [UInt8]) -> Int? {
            do { _ = try JSONParser.parse(bytes); return nil } catch { return error.reason == "string is not valid UTF-8" ? error.column : -error.column }
        }
        let plain: [UInt8] = Array(#"{"a": "x"#.utf8) + [0xFF] + Array(#"y"}"#.utf8)
        let escaped: [UInt8] = Array(#"{"a": "\n"#.utf8) + [0xFF] + Array(#"y"}"#.utf8)
        #expect(column(plain) == 12)
        #expect(column(escaped) == 13)
        #expect(column(Array(#"{"a": "x\u0001"}"#.utf8)) == nil)
        #expect(column(Array("{\"a\": \"x\u{01}\"}".utf8)) == -9)
    }
}
