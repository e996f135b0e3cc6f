import Testing
@testable import VanBanModel

/// Text files as Windows tools write them: UTF-8 (BOM or not) and UTF-16 with a BOM are read; code
/// pages and broken bytes are refused with their line, never shown as letters the file does not hold.
@Suite struct TextDecodingTests {
    let json = "{\"place\": \"Vĩnh Long\",\n \"n\": 28.4}\r\n"

    func utf16(_ s: String, littleEndian: Bool, bom: Bool = true) -> [UInt8] {
        var out: [UInt8] = bom ? (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
        for u in s.utf16 { out += littleEndian ? [UInt8(u & 0xFF), UInt8(u >> 8)] : [UInt8(u >> 8), UInt8(u & 0xFF)] }
        return out
    }

    @Test func utf8WithAndWithoutBOMAndUTF16BothEndiansGiveTheSameUTF8() throws {
        let expected = Array(json.utf8)
        #expect(try decodeJSONText(expected) == expected)
        #expect(try decodeJSONText([0xEF, 0xBB, 0xBF] + expected) == expected)
        #expect(try decodeJSONText(utf16(json, littleEndian: true)) == expected)
        #expect(try decodeJSONText(utf16(json, littleEndian: false)) == expected)
        // Without a BOM, UTF-16 still shows by its zero bytes (RFC 4627 §3).
        #expect(try decodeJSONText(utf16(json, littleEndian: true, bom: false)) == expected)
        // Astral characters (a surrogate pair) survive.
        #expect(try decodeJSONText(utf16("\"𠀀\"", littleEndian: true)) == Array("\"𠀀\"".utf8))
    }

    @Test func windows1258IsRefusedWithTheLineAndTheByteInHex() {
        // "Vĩnh" in Windows-1258 is 56 EC 6E 68 ("ì" + combining tilde 0xDE); line 2.
        let bytes: [UInt8] = Array("{\n\"place\": \"V".utf8) + [0xEC, 0xDE] + Array("nh\"}".utf8)
        #expect(throws: TextDecoding.Failure.self) { try decodeJSONText(bytes) }
        do { _ = try decodeJSONText(bytes) } catch {
            #expect(error.line == 2)
            #expect(error.reason.hasPrefix("the bytes 0xEC 0xDE are not a UTF-8 character"))
            #expect(error.reason.contains("save the file as UTF-8"))
            #expect(!error.description.contains("ì") && !error.description.contains("ÿ"))
        }
    }

    @Test func brokenUTF16AndUTF32AreRefused() {
        #expect(throws: TextDecoding.Failure.self) { try decodeJSONText([0xFF, 0xFE, 0x7B]) }              // odd length
        #expect(throws: TextDecoding.Failure.self) { try decodeJSONText([0xFF, 0xFE, 0x00, 0xD8, 0x7B, 0x00]) } // lone surrogate
        #expect(throws: TextDecoding.Failure.self) { try decodeJSONText([0xFF, 0xFE, 0x00, 0x00, 0x7B, 0, 0, 0]) } // UTF-32
        #expect(throws: TextDecoding.Failure.self) { try decodeJSONText(Array("{\"a\":\n 1}".utf8) + [0x00]) }
        // Overlong and surrogate encodings are not UTF-8.
        #expect(throws: TextDecoding.Failure.self) { try decodeJSONText([0x22, 0xC0, 0xAF, 0x22]) }
        #expect(throws: TextDecoding.Failure.self) { try decodeJSONText([0x22, 0xED, 0xA0, 0x80, 0x22]) }
    }

    @Test func theParserNamesAByteItCannotReadByItsCodeNotAsALatin1Letter() {
        do { _ = try JSONParser.parse([0xFF, 0xFE, 0x7B, 0x00]); Issue.record("parsed") } catch {
            #expect(error.description.contains("byte 0xFF"))
            #expect(!error.description.contains("ÿ"))
        }
        // A real character outside a string is shown whole, as written.
        do { _ = try JSONParser.parse(Array("{\"a\": “x”}".utf8)); Issue.record("parsed") } catch {
            #expect(error.description.contains("'“' (U+201C)"))
        }
    }
}
