import Foundation
import Testing

/// The shared figure cases of issue 9 that go through a CSV or a JSON file's encoding, run through the
/// real CLI; right values are read back from the PDF.
@Suite(.serialized) struct CSVBatchTests {
    let cases = repositoryRoot + "/Tests/Cases/figures/"
    let form = "phieu-cung-cap-so-lieu-cpdt"

    func pdfText(_ path: String) throws -> String { collapsed(try run("pdftotext", ["-raw", path, "-"]).stdout) }

    @Test func excelVietnameseSemicolonCSVReadsWithBOMAndCRLF() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let args = ["batch", cases + "05-excel-vi-semicolon.csv", "--form", form, "--defaults", cases + "04-excel-bom-crlf-defaults.json", "--out", dir + "/out"]
        // "3.290" reads as 3290 (Vietnamese) or 3,29 (English): without --number-format it is refused, naming the cell.
        let guess = try run(vanbanBinary, args)
        #expect(guess.status == 2)
        #expect(guess.stderr.contains("05-excel-vi-semicolon.csv:2: column \"1.1\" ($.annexes[0].values[\"1.1\"]): \"3.290\" is ambiguous"), "\(guess.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/so-tc.pdf"))
        let r = try run(vanbanBinary, args + ["--number-format", "vi"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try pdfText(dir + "/out/so-tc.pdf")
        #expect(text.contains("văn bản 3.290"), "\(text)")
        #expect(text.contains("28,4") && text.contains("529"))
        #expect(text.contains("SỞ TÀI CHÍNH") && text.contains("UBND TỈNH VĨNH LONG"))
        let xa = try pdfText(dir + "/out/xa-tl.pdf")
        #expect(xa.contains("văn bản 412") && xa.contains("12,5") && xa.contains("37"))
    }

    @Test func aPayloadErrorInOneRowNamesItsLineAndColumnAndTheOthersRender() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Tab-separated UTF-16 LE with BOM, as Excel's "Unicode Text" saves it; row 3's day does not exist.
        let csv = "id\tissuer.name\tsymbol\tdate.day\t1.1\r\nso-a\tSỞ A\tSA\t5\t10\r\nso-b\tSỞ B\tSB\t32\t20\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in csv.utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/v.csv"))
        let r = try run(vanbanBinary, ["batch", dir + "/v.csv", "--form", form, "--defaults", cases + "04-excel-bom-crlf-defaults.json", "--out", dir + "/out"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("so-b: \(dir)/v.csv:3: column \"date.day\": $.date.day: "), "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/out/so-a.pdf") && !FileManager.default.fileExists(atPath: dir + "/out/so-b.pdf"))
        // Excel saves "Unicode Text" as .txt: read with --form, it is the same CSV (it was read as JSON).
        try FileManager.default.copyItem(atPath: dir + "/v.csv", toPath: dir + "/v.txt")
        let txt = try run(vanbanBinary, ["batch", dir + "/v.txt", "--form", form, "--defaults", cases + "04-excel-bom-crlf-defaults.json", "--out", dir + "/out-txt"])
        #expect(txt.status == 1 && txt.stderr.contains("so-b: \(dir)/v.txt:3: column \"date.day\": $.date.day: "), "\(txt.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/out-txt/so-a.pdf"))
    }

    @Test func unquotedDecimalCommaIsARowErrorNotAShiftedFigure() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try run(vanbanBinary, ["batch", cases + "06-unquoted-decimal-comma.csv", "--form", form,
                                       "--defaults", cases + "04-excel-bom-crlf-defaults.json", "--out", dir + "/out"])
        #expect(r.status == 2)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(r.stderr)")
        #expect(lines[0].hasPrefix(cases + "06-unquoted-decimal-comma.csv:2: 11 fields but the header has 10 (an unquoted decimal comma? write 28,4 in quotes or save with \";\" as separator)"))
        #expect(lines[0].contains("column \"2.4\" ($.annexes[0].values[\"2.4\"])"))
        #expect(lines[1].hasPrefix(cases + "06-unquoted-decimal-comma.csv:3: 11 fields but the header has 10 (an unquoted decimal comma? write 12,5 in quotes"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/so-tc.pdf"))
    }

    @Test func windows1258CSVIsRefusedNamingTheFirstBadLine() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Excel's plain "CSV (Comma delimited)" on Vietnamese Windows: "SỞ TÀI CHÍNH" in Windows-1258.
        let bytes: [UInt8] = Array("id,issuer.name,1.1\r\nso-tc,S".utf8) + [0xD5, 0x20, 0x54, 0xC0, 0x49, 0x20, 0x43, 0x48, 0xCD, 0x4E, 0x48] + Array(",5\r\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/cp.csv"))
        let r = try run(vanbanBinary, ["batch", dir + "/cp.csv", "--form", form, "--defaults", cases + "04-excel-bom-crlf-defaults.json", "--out", dir + "/out"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix(dir + "/cp.csv:2: the bytes 0xD5 0x20 are not a UTF-8 character"), "\(r.stderr)")
        #expect(r.stderr.contains("\"CSV UTF-8 (Comma delimited)\""))
        #expect(!r.stderr.contains("\u{FFFD}"))
    }

    @Test func utf16JSONFromPowerShellIsReadByRenderValidateAndBatch() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let le = cases + "19-json-utf16le-powershell.json"
        let v = try run(vanbanBinary, ["validate", le])
        #expect(v.status == 0, "\(v.stderr)")
        let r = try run(vanbanBinary, ["render", le, "-o", dir + "/le.pdf"])
        #expect(r.status == 0, "\(r.stderr)")
        // The same payload in UTF-16 BE renders the same text.
        let text = String(decoding: Array(try Data(contentsOf: URL(fileURLWithPath: le))).dropFirst(2).chunked2.map { UInt16($0.0) | UInt16($0.1) << 8 }, as: UTF16.self)
        var be: [UInt8] = [0xFE, 0xFF]
        for u in text.utf16 { be += [UInt8(u >> 8), UInt8(u & 0xFF)] }
        try Data(be).write(to: URL(fileURLWithPath: dir + "/be.json"))
        #expect(try run(vanbanBinary, ["render", dir + "/be.json", "-o", dir + "/be.pdf"]).status == 0)
        #expect(try pdfText(dir + "/le.pdf") == pdfText(dir + "/be.pdf"))
        #expect(try pdfText(dir + "/le.pdf").contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        // A batch file in UTF-16 too.
        let batch = "{\"defaults\": " + text + ", \"documents\": [{\"id\": \"a\"}]}"
        var batchLE: [UInt8] = [0xFF, 0xFE]
        for u in batch.utf16 { batchLE += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        try Data(batchLE).write(to: URL(fileURLWithPath: dir + "/batch.json"))
        let b = try run(vanbanBinary, ["batch", dir + "/batch.json", "--out", dir + "/out"])
        #expect(b.status == 0, "\(b.stderr)")
        // Any other encoding: a message with the line, no character the file does not hold.
        try Data([0x7B, 0x0A, 0x22, 0x70, 0x22, 0x3A, 0x20, 0x22, 0x56, 0xEC, 0xDE, 0x6E, 0x68, 0x22, 0x7D]).write(to: URL(fileURLWithPath: dir + "/cp.json"))
        let bad = try run(vanbanBinary, ["validate", dir + "/cp.json"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("cp.json: line 2: the bytes 0xEC 0xDE are not a UTF-8 character"), "\(bad.stderr)")
        #expect(!bad.stderr.contains("ÿ") && !bad.stderr.contains("ì"))
    }
}

extension Collection where Element == UInt8, Index == Int {
    /// Pairs of bytes (for UTF-16 in tests).
    var chunked2: [(UInt8, UInt8)] { stride(from: startIndex, to: endIndex - 1, by: 2).map { (self[$0], self[$0 + 1]) } }
}
