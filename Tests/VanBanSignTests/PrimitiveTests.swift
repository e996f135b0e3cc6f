import Foundation
import Testing
@testable import VanBanSign

/// The small value formatters everything else relies on for byte-determinism.
@Suite struct PrimitiveTests {
    @Test(arguments: [
        ("", "D41D8CD98F00B204E9800998ECF8427E"),
        ("abc", "900150983CD24FB0D6963F7D28E17F72"),
        ("The quick brown fox jumps over the lazy dog", "9E107D9D372BB6826BD81D3542A419D6"),
        (String(repeating: "1234567890", count: 8), "57EDF4A22BE3C955AC49DA2E2107B67A"),
    ])
    func md5(input: String, expected: String) {
        #expect(PDFSerializer.hexString(MD5.digest(Array(input.utf8))) == "<\(expected)>")
    }

    @Test func numbersHaveNoExponentAndNoTrailingZeros() {
        #expect(PDFNumberFormat.string(200) == "200")
        #expect(PDFNumberFormat.string(-0.5) == "-0.5")
        #expect(PDFNumberFormat.string(595.275591) == "595.2756")
        #expect(PDFNumberFormat.string(0.00001) == "0")
        #expect(PDFNumberFormat.string(1e-4) == "0.0001")
        #expect(PDFNumberFormat.string(12.05) == "12.05")
    }

    @Test func datesFormatWithOffset() {
        #expect(PDFDate(year: 2020, month: 6, day: 5, hour: 8, utcOffsetMinutes: 420).pdfString == "D:20200605080000+07'00'")
        #expect(PDFDate(year: 2020, month: 6, day: 5, hour: 8, minute: 5, second: 9, utcOffsetMinutes: -150).pdfString
            == "D:20200605080509-02'30'")
        #expect(PDFDate(year: 2020, month: 6, day: 5).pdfString == "D:20200605000000Z")
    }

    @Test func dateFromFoundationDateUsesTheZone() throws {
        let zone = try #require(TimeZone(identifier: "Asia/Ho_Chi_Minh"))
        // 2020-06-05T01:00:00Z is 08:00 in Hanoi.
        let date = PDFDate(Date(timeIntervalSince1970: 1_591_318_800), timeZone: zone)
        #expect(date.pdfString == "D:20200605080000+07'00'")
    }

    @Test func dateValidity() {
        #expect(PDFDate(year: 2024, month: 2, day: 29).isValid)
        #expect(!PDFDate(year: 2100, month: 2, day: 29).isValid)
        #expect(!PDFDate(year: 2020, month: 13, day: 1).isValid)
        #expect(!PDFDate(year: 2020, month: 1, day: 1, hour: 24).isValid)
    }

    @Test func textStrings() {
        #expect(PDFTextString.object("Seal") == .string(Array("Seal".utf8), hex: false))
        #expect(PDFTextString.object("Ấn") == .string([0xFE, 0xFF, 0x1E, 0xA4, 0x00, 0x6E], hex: true))
        #expect(PDFTextString.decode([0xFE, 0xFF, 0x1E, 0xA4, 0x00, 0x6E]) == "Ấn")
        #expect(PDFTextString.object("😀") == .string([0xFE, 0xFF, 0xD8, 0x3D, 0xDE, 0x00], hex: true))
    }
}
