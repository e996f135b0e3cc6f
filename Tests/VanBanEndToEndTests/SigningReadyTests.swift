import Foundation
import Testing

/// PDFs ready for the signing workflow: empty signature fields where the slot map says, proper
/// Info dates and /ID, separate annex files with their own field.
@Suite(.serialized) struct SigningReadyTests {
    let sample = repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json"

    struct Slots: Decodable {
        struct Box: Decodable { var x1, y1, x2, y2: Double }
        struct Entry: Decodable { var name: String; var page: Int; var pt: Box; var mm: Box }
        var origin: String
        var pages: Int
        var slots: [Entry]
    }

    /// (field name, page index, rect) of every signature widget, read with qpdf's JSON.
    func widgets(_ pdf: String) throws -> [(name: String, page: Int, rect: [Double])] {
        let script = """
        import json, subprocess, sys
        run = lambda *a: json.loads(subprocess.run(['qpdf', *a, sys.argv[1]], capture_output=True, text=True).stdout)
        objects = run('--json=1', '--json-key=objects')['objects']
        for f in run('--json')['acroform']['fields']:
            rect = objects[f['annotation']['object']]['/Rect']
            print(f['fullname'], f['pageposfrom1'] - 1, ' '.join(str(round(x, 2)) for x in rect), f['fieldtype'])
        """
        let out = try run("python3", ["-c", script, pdf]).stdout
        return out.split(separator: "\n").compactMap { line in
            let p = line.split(separator: " ")
            guard p.count == 7, let page = Int(p[1]) else { Issue.record("unexpected qpdf line: \(line)"); return nil }
            // The issue fields (DocumentNumber, IssueDate: /Tx) are checked by Tests/interop/issue-workflow.sh.
            guard p.last == "/Sig" else { #expect(p.last == "/Tx"); return nil }
            return (String(p[0]), page, p[2..<6].compactMap { Double($0) })
        }
    }

    @Test func fieldsSitWhereTheSlotMapSays() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try run(vanbanBinary, ["render", sample, "-o", dir + "/a.pdf", "--slots", dir + "/slots.json"])
        #expect(r.status == 0, "\(r.stderr)")
        let slots = try JSONDecoder().decode(Slots.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/slots.json")))
        #expect(slots.pages == 2)
        #expect(slots.origin.hasPrefix("bottom-left"))
        #expect(slots.slots.map(\.name) == ["number", "date", "SignerSignature", "AgencySeal", "annex-1"])
        let fields = try widgets(dir + "/a.pdf")
        #expect(fields.map(\.name) == ["SignerSignature", "AgencySeal"])
        for f in fields {
            let s = try #require(slots.slots.first { $0.name == f.name })
            #expect(f.page == s.page - 1)
            let expected: [Double] = [s.pt.x1, s.pt.y1, s.pt.x2, s.pt.y2]
            let deviation = zip(f.rect, expected).map { (a: Double, b: Double) -> Double in abs(a - b) }.max() ?? 0
            #expect(deviation < 0.02, "\(f.name)")
            // mm = pt × 25.4 / 72.
            #expect(abs(s.mm.x1 - s.pt.x1 * 25.4 / 72) < 0.02)
        }
        // The seal is 36 mm and the number blank sits on page 1 inside the top part of the page.
        let seal = try #require(slots.slots.first { $0.name == "AgencySeal" })
        #expect(abs((seal.mm.x2 - seal.mm.x1) - 36) < 0.02)
        let number = try #require(slots.slots.first { $0.name == "number" })
        #expect(number.page == 1 && number.mm.y1 > 250)
        #expect(try run("qpdf", ["--check", dir + "/a.pdf"]).status == 0)
    }

    @Test func infoDatesIDAndTheOriginalBytesKept() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try run(vanbanBinary, ["render", sample, "-o", dir + "/a.pdf"]).status == 0)
        #expect(try run(vanbanBinary, ["render", sample, "-o", dir + "/plain.pdf", "--no-fields"]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/a.pdf"))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("/CreationDate (D:20200601000000+07'00')"))
        #expect(text.contains("/ModDate (D:20200601000000+07'00')"))
        #expect(text.range(of: "/ID \\[ ?<[0-9A-Fa-f]{32}> ?<[0-9A-Fa-f]{32}> ?\\]", options: .regularExpression) != nil)
        // Two revisions: cairo's bytes untouched, then one incremental update.
        #expect(text.components(separatedBy: "%%EOF").count - 1 == 2)
        #expect(text.contains("/Prev "))
        let info = try run("pdfinfo", [dir + "/a.pdf"]).stdout
        #expect(info.contains("Form:            AcroForm"))
        let plain = try run("pdfinfo", [dir + "/plain.pdf"]).stdout
        #expect(plain.contains("Form:            none"))
        #expect(try run("qpdf", ["--check", dir + "/plain.pdf"]).status == 0)
    }

    @Test func annexesAsSeparateFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try run(vanbanBinary, ["render", sample, "-o", dir + "/cv.pdf", "--annexes", "separate", "--slots", dir + "/slots.json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["cv-phu-luc-1.pdf", "cv.pdf", "slots.json"])
        #expect(try run("pdfinfo", [dir + "/cv.pdf"]).stdout.contains("Pages:           1"))
        let annexText = try run("pdftotext", ["-raw", dir + "/cv-phu-luc-1.pdf", "-"]).stdout
        #expect(annexText.hasPrefix("Phụ lục II\nPHIẾU CUNG CẤP SỐ LIỆU"))
        let annexFields = try widgets(dir + "/cv-phu-luc-1.pdf")
        #expect(annexFields.map(\.name) == ["AgencySignature"])
        // R60: top right of the first page, in the top margin (above y = 297 − 20 mm), flush with the right margin.
        let rect = try #require(annexFields.first).rect
        let topMarginBottom: Double = 841.89 - 20.0 * 72.0 / 25.4
        let rightMargin: Double = 595.28 - 15.0 * 72.0 / 25.4
        #expect(rect[1] >= topMarginBottom - 0.01 && rect[3] <= 841.89)
        #expect(abs(rect[2] - rightMargin) < 0.02)
        #expect(try widgets(dir + "/cv.pdf").map(\.name) == ["SignerSignature", "AgencySeal"])
        let slots = try String(contentsOfFile: dir + "/slots.json", encoding: .utf8)
        #expect(slots.contains("\"file\" : \"cv-phu-luc-1.pdf\"") && slots.contains("\"name\" : \"AgencySignature\""))
    }

    @Test func aLongRecipientListContinuesOnTheNextPage() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var json = try String(contentsOfFile: sample, encoding: .utf8)
        let many = (1...70).map { "\"Đơn vị nhận số \($0)\"" }.joined(separator: ", ")
        json = json.replacingOccurrences(of: "\"cc\": [\n    \"Như trên\"\n  ]", with: "\"cc\": [\(many)]")
        #expect(json.contains("Đơn vị nhận số 70"))
        try Data(json.utf8).write(to: URL(fileURLWithPath: dir + "/p.json"))
        let r = try run(vanbanBinary, ["render", dir + "/p.json", "-o", dir + "/a.pdf"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try run("pdftotext", ["-raw", dir + "/a.pdf", "-"]).stdout
        for n in [1, 35, 70] { #expect(text.contains("- Đơn vị nhận số \(n);")) }
        #expect(try widgets(dir + "/a.pdf").map(\.name) == ["SignerSignature", "AgencySeal"])
        // No text below the bottom margin (y = 20 mm from the bottom edge) on any page.
        let bbox = try run("pdftotext", ["-bbox", dir + "/a.pdf", "-"]).stdout
        let ymaxes = bbox.split(separator: "\n").compactMap { line -> Double? in
            guard let r = line.range(of: "yMax=\"") else { return nil }
            return Double(line[r.upperBound...].prefix { $0 != "\"" })
        }
        #expect(!ymaxes.isEmpty)
        #expect(ymaxes.allSatisfy { $0 <= 841.89 - 20 * 72 / 25.4 + 0.5 })
    }

    @Test func signerBlockThatCannotFitIsAClearError() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var json = try String(contentsOfFile: sample, encoding: .utf8)
        let huge = String(repeating: "PHÓ GIÁM ĐỐC PHỤ TRÁCH ", count: 160)
        json = json.replacingOccurrences(of: "\"title\": \"PHÓ GIÁM ĐỐC\"", with: "\"title\": \"\(huge)\"")
        try Data(json.utf8).write(to: URL(fileURLWithPath: dir + "/p.json"))
        let r = try run(vanbanBinary, ["render", dir + "/p.json", "-o", dir + "/a.pdf"])
        #expect(r.status == 2)
        #expect(r.stderr == "$.signer: the signature block does not fit on one page, so the SignerSignature field would fall off it; shorten the signer lines or the \"Nơi nhận\" list\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/a.pdf"))
    }
}
