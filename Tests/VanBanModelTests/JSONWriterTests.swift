import Testing
@testable import VanBanModel

/// The writer gives the compact text batch fingerprints are taken of: keys in order, numbers as
/// written, only `"`, `\` and controls escaped, every other character (Vietnamese, emoji) as UTF-8.
@Suite struct JSONWriterTests {
    @Test func escapesOnlyWhatJSONRequires() throws {
        let value = JSONValue.object([
            ("tên", .string("Sở \"Khoa học\" \\ Công nghệ\n\t\r\u{01}\u{1F}/😀")),
            ("số", .array([.numeral("1234567.891")!, .numeral("-0.10")!, .numeral("1e20")!, .integer(7)])),
            ("z", .object([])), ("a", .array([])), ("b", .bool(false)), ("c", .null), ("", .string("")),
        ])
        let text = JSONWriter.string(value)
        #expect(text == #"{"tên":"Sở \"Khoa học\" \\ Công nghệ\n\t\r\u0001\u001f/😀","số":[1234567.891,-0.10,1e20,7],"z":{},"a":[],"b":false,"c":null,"":""}"#)
        #expect(JSONWriter.bytes(value) == Array(text.utf8))
        #expect(try JSONParser.parse(text) == value)
    }

    @Test func everyControlCharacterRoundTrips() throws {
        let all = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) })) + "đ\u{7F}"
        let text = JSONWriter.string(.string(all))
        #expect(text.utf8.allSatisfy { $0 >= 0x20 })
        #expect(try JSONParser.parse(text) == .string(all))
    }
}
