import Testing
@testable import VanBanSign

/// The object parser on the syntax cairo and other producers write: anything it misreads would
/// be copied wrongly into the page or catalog revision.
@Suite struct PDFParserTests {
    func parse(_ text: String) throws -> PDFObject {
        var parser = PDFParser(bytes: Array(text.utf8), position: 0)
        return try parser.parseObject(depth: 0)
    }

    @Test func cairoPageDictionaryWithComment() throws {
        let object = try parse("<< /Type /Page % 1\n   /Parent 1 0 R\n   /MediaBox [ 0 0 595.275591 841.889764 ]\n   /Annots [ 32 0 R ]\n>>")
        let dictionary = try #require(object.dictionaryValue)
        #expect(dictionary.entries.map(\.key) == ["Type", "Parent", "MediaBox", "Annots"])
        #expect(dictionary["Parent"] == .reference(PDFReference(1)))
        #expect(dictionary["MediaBox"] == .array([.integer(0), .integer(0), .real("595.275591"), .real("841.889764")]))
        #expect(dictionary["Annots"] == .array([.reference(PDFReference(32))]))
    }

    @Test func numbersThatAreNotReferences() throws {
        #expect(try parse("[1 2 3 -4 +5 .5 -.25 0 0 R]") == .array([
            .integer(1), .integer(2), .integer(3), .integer(-4), .integer(5), .real(".5"), .real("-.25"),
            .reference(PDFReference(0, 0)),
        ]))
        #expect(try parse("[1 2]") == .array([.integer(1), .integer(2)]))
    }

    @Test func literalStringEscapes() throws {
        #expect(try parse("(a\\(b\\)c \\\\ (nested) \\n\\101\\7x \\\nend)")
            == .string(Array("a(b)c \\ (nested) \nA\u{07}x end".utf8), hex: false))
        #expect(try parse("(line\r\nbreak)") == .string(Array("line\nbreak".utf8), hex: false))
    }

    @Test func hexStrings() throws {
        #expect(try parse("<FE FF 00 41>") == .string([0xFE, 0xFF, 0x00, 0x41], hex: true))
        #expect(try parse("<414>") == .string([0x41, 0x40], hex: true))
    }

    @Test func namesDecodeHashEscapesAndRoundTrip() throws {
        let object = try parse("/A#20B#23")
        #expect(object == .name("A B#"))
        #expect(latin1(PDFSerializer.bytes(object)) == "/A#20B#23")
    }

    @Test func keywordsAndNesting() throws {
        #expect(try parse("<< /A true /B false /C null /D << /E [ [ ] ] >> >>") == .dictionary(PDFDictionary([
            PDFDictionaryEntry(key: "A", value: .boolean(true)), PDFDictionaryEntry(key: "B", value: .boolean(false)),
            PDFDictionaryEntry(key: "C", value: .null),
            PDFDictionaryEntry(key: "D", value: .dictionary(PDFDictionary([PDFDictionaryEntry(key: "E", value: .array([.array([])]))]))),
        ])))
    }

    @Test func serializerRoundTripsStrings() throws {
        let object = PDFObject.string([0x28, 0x29, 0x5C, 0x0A, 0x00, 0xFF, 0x41], hex: false)
        #expect(latin1(PDFSerializer.bytes(object)) == "(\\(\\)\\\\\\n\\000\\377A)")
        // The serialized form is ASCII, so it parses back from a String unchanged.
        #expect(try parse(latin1(PDFSerializer.bytes(object))) == object)
    }

    @Test func garbageIsRejected() {
        #expect(throws: SigningError.self) { try parse("<< /A ") }
        #expect(throws: SigningError.self) { try parse("(unterminated") }
        #expect(throws: SigningError.self) { try parse("<< 1 2 >>") }
        #expect(throws: SigningError.self) { try parse(String(repeating: "[", count: 100)) }
    }
}
