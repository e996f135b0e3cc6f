import Foundation
import Testing

/// `vanban copy`: electronic copies (Mẫu 3.2) of a PDF rendered by VanBan. The copy line sits at the
/// top right of the copy's first page (nd30-spec R61), the original's bytes are a prefix of the copy,
/// qpdf finds nothing wrong, and every refusal names what is wrong.
@Suite(.serialized) struct CopyTests {
    let decision = repositoryRoot + "/Samples/type-01-quyet-dinh-to-cong-tac.json"
    let regulation = repositoryRoot + "/Samples/type-02-quyet-dinh-ban-hanh-quy-che.json"
    let saoY = repositoryRoot + "/Samples/copies/sao-y-quyet-dinh.json"
    let trichSao = repositoryRoot + "/Samples/copies/trich-sao-quy-che.json"

    struct Word { var text: String; var xMin, yMin, xMax, yMax: Double }

    /// The words of page `page` (1-based) with their boxes, from `pdftotext -bbox` (points, top-left origin).
    func words(_ pdf: String, page: Int) throws -> [Word] {
        let html = try run("pdftotext", ["-bbox", "-f", String(page), "-l", String(page), pdf, "-"]).stdout
        let pattern = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/
        return html.matches(of: pattern).map { m in
            Word(text: String(m.5).replacingOccurrences(of: "&amp;", with: "&"),
                 xMin: Double(m.1)!, yMin: Double(m.2)!, xMax: Double(m.3)!, yMax: Double(m.4)!)
        }
    }

    func pageText(_ pdf: String, _ page: Int) throws -> String {
        collapsed(try run("pdftotext", ["-f", String(page), "-l", String(page), pdf, "-"]).stdout)
    }

    func render(_ payload: String, _ out: String) throws {
        let r = try run(vanbanBinary, ["render", payload, "-o", out, "--no-fields"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// The copy line's words on the first page: flush with the 15 mm right margin, inside the 20 mm top
    /// margin (above the text block), 10 pt.
    func expectCopyLine(_ pdf: String, _ expected: String) throws {
        let all = try words(pdf, page: 1)
        let line = all.filter { $0.yMax < 20 * 72 / 25.4 }
        #expect(collapsed(line.map(\.text).joined(separator: " ")) == expected)
        let right = 595.28 - 15 * 72 / 25.4
        let rightmost = line.map(\.xMax).max() ?? 0
        #expect(abs(rightmost - right) < 1.5, "the line ends at x \(rightmost), the right margin is at \(right)")
        #expect(line.allSatisfy { $0.xMin > 595.28 / 2 - 80 }, "the line stays in the right part of the page")
        for w in line { #expect(w.yMax - w.yMin > 9 && w.yMax - w.yMin < 13, "\(w.text) is not 10 pt") }
        // Everything else on the page is below the line: the original's content starts under the top margin.
        let rest = all.filter { $0.yMax >= 20 * 72 / 25.4 }
        #expect(!rest.isEmpty)
        #expect(rest.allSatisfy { $0.yMin >= (line.map(\.yMax).max() ?? 0) })
    }

    @Test func saoYPutsTheLineTopRightAndKeepsTheOriginal() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try render(decision, dir + "/original.pdf")
        let r = try run(vanbanBinary, ["copy", dir + "/original.pdf", "--payload", saoY, "-o", dir + "/copy.pdf"])
        #expect(r.status == 0, "\(r.stderr)")
        let original = try Data(contentsOf: URL(fileURLWithPath: dir + "/original.pdf"))
        let copy = try Data(contentsOf: URL(fileURLWithPath: dir + "/copy.pdf"))
        #expect(copy.count > original.count)
        #expect(copy.prefix(original.count) == original, "the original's bytes are a prefix of the copy")
        let check = try run("qpdf", ["--check", dir + "/copy.pdf"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        try expectCopyLine(dir + "/copy.pdf",
                           "SAO Y; Sở Thông tin và Truyền thông tỉnh Đồng Tháp; Số: 05/SY-STTTT; 2022-03-16T09:15:00+07:00")
        // The page reads as before under the line.
        let before = try pageText(dir + "/original.pdf", 1)
        #expect(try pageText(dir + "/copy.pdf", 1).hasSuffix(before))
        // The same inputs give the same bytes.
        let again = try run(vanbanBinary, ["copy", dir + "/original.pdf", "--payload", saoY, "-o", dir + "/again.pdf"])
        #expect(again.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/again.pdf")) == copy)
        // A copy of the copy stacks a second line's update on top (still a valid PDF, the first copy a prefix).
        let twice = try run(vanbanBinary, ["copy", dir + "/copy.pdf", "--payload", saoY, "-o", dir + "/twice.pdf"])
        #expect(twice.status == 0, "\(twice.stderr)")
        #expect(try run("qpdf", ["--check", dir + "/twice.pdf"]).status == 0)
    }

    @Test func trichSaoKeepsItsPagesWithTheLineOnTheFirst() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try render(regulation, dir + "/original.pdf")
        let pages = try run("pdfinfo", [dir + "/original.pdf"]).stdout
        #expect(pages.contains("Pages:           3"))
        let r = try run(vanbanBinary, ["copy", dir + "/original.pdf", "--payload", trichSao, "-o", dir + "/extract.pdf"])
        #expect(r.status == 0, "\(r.stderr)")
        let original = try Data(contentsOf: URL(fileURLWithPath: dir + "/original.pdf"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/extract.pdf")).prefix(original.count) == original)
        #expect(try run("qpdf", ["--check", dir + "/extract.pdf"]).status == 0)
        #expect(try run("pdfinfo", [dir + "/extract.pdf"]).stdout.contains("Pages:           2"))
        try expectCopyLine(dir + "/extract.pdf",
                           "TRÍCH SAO; Văn phòng Ủy ban nhân dân tỉnh Đồng Tháp; Số: 12/TrS-VP; 2026-11-30T14:05:00+07:00")
        #expect(try pageText(dir + "/extract.pdf", 1).hasSuffix(try pageText(dir + "/original.pdf", 2)))
        #expect(try pageText(dir + "/extract.pdf", 2) == (try pageText(dir + "/original.pdf", 3)))
    }

    /// Mẫu 3.1: the block under the last page's content, from `top_mm`: a rule across the text block,
    /// the agency and "Số:" on the left, the form and the date on the right, Nơi nhận and the signer.
    @Test func paperCopyPutsTheBlockUnderTheLastPage() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try render(regulation, dir + "/original.pdf")
        let payload = #"{"form":"sao_y","medium":"paper","issuer_parent":"UBND tỉnh Đồng Tháp","issuer":"Văn phòng Ủy ban nhân dân tỉnh","number":7,"symbol":"SY-VP","place":"Đồng Tháp","date":"2026-11-30","signer":{"authority":"TL. Chủ tịch","title":"Chánh Văn phòng","name":"Nguyễn Văn An"},"cc":["Sở Nội vụ;","Lưu: VT."],"top_mm":185}"#
        try payload.write(toFile: dir + "/paper.json", atomically: true, encoding: .utf8)
        let r = try run(vanbanBinary, ["copy", dir + "/original.pdf", "--payload", dir + "/paper.json", "-o", dir + "/copy.pdf"])
        #expect(r.status == 0, "\(r.stderr)")
        let original = try Data(contentsOf: URL(fileURLWithPath: dir + "/original.pdf"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/copy.pdf")).prefix(original.count) == original)
        #expect(try run("qpdf", ["--check", dir + "/copy.pdf"]).status == 0)
        for page in 1...2 { #expect(try pageText(dir + "/copy.pdf", page) == (try pageText(dir + "/original.pdf", page))) }
        let all = try words(dir + "/copy.pdf", page: 3)
        let top = 185 * 72 / 25.4
        let block = all.filter { $0.yMin > top }
        let before = all.filter { $0.yMin <= top }
        #expect(collapsed(before.map(\.text).joined(separator: " ")) == (try pageText(dir + "/original.pdf", 3)))
        let text = collapsed(block.map(\.text).joined(separator: " "))
        for part in ["UBND TỈNH ĐỒNG THÁP", "VĂN PHÒNG ỦY BAN NHÂN DÂN", "Số: 07/SY-VP", "SAO Y", "Đồng Tháp, ngày 30 tháng 11 năm 2026",
                     "Nơi nhận: - Sở Nội vụ; - Lưu: VT.", "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Nguyễn Văn An"] {
            #expect(text.contains(part), "\(part) not in \(text)")
        }
        let middle = 595.28 / 2
        let so = block.filter { $0.text == "07/SY-VP" }
        let form = block.filter { $0.text == "SAO" }
        #expect(so.count == 1 && so[0].xMax < middle, "Số is in the left column")
        #expect(form.count == 1 && form[0].xMin > middle, "the copy form is in the right column")
        #expect(block.allSatisfy { $0.yMax < 841.89 - 20 * 72 / 25.4 }, "the block ends above the bottom margin")
    }

    @Test func refusals() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try render(regulation, dir + "/original.pdf")
        func copy(_ pdf: String, _ payload: String) throws -> ProcessResult {
            try payload.write(toFile: dir + "/p.json", atomically: true, encoding: .utf8)
            let r = try run(vanbanBinary, ["copy", pdf, "--payload", dir + "/p.json", "-o", dir + "/out.pdf"])
            #expect(!FileManager.default.fileExists(atPath: dir + "/out.pdf"), "a refused copy writes nothing")
            return r
        }
        let good = #"{"form":"sao_y","issuer":"Văn phòng","number":1,"symbol":"SY-VP","signed_at":"2026-11-30T08:00:00+07:00"}"#
        // Payload problems: exit 2, one line per problem at its JSON path.
        let cases: [(String, [String])] = [
            (#"{}"#, ["$.form: is required", "$.issuer: is required"]),
            (#"{"form":"trich_sao","issuer":"VP"}"#, ["$.pages: is required"]),
            (#"{"form":"sao_chep","issuer":"VP"}"#, [#"$.form: must be one of "sao_y", "sao_luc", "trich_sao", got "sao_chep""#]),
            (#"{"form":"trich_sao","issuer":"VP","pages":{"from":2,"to":9}}"#, ["$.pages.to: page 9 is past the end of the original (3 page(s))"]),
            (#"{"form":"trich_sao","issuer":"VP","pages":{"from":3,"to":2}}"#, [#"$.pages: "from" (3) is after "to" (2)"#]),
            (#"{"form":"trich_sao","issuer":"VP","pages":{"from":1}}"#, ["$.pages.to: is required"]),
            (#"{"form":"sao_y","issuer":"VP","pages":{"from":1,"to":1}}"#, [#"$.pages: is only for "trich_sao""#]),
            (#"{"form":"sao_luc","issuer":"VP","number":3,"symbol":"SY-VP"}"#,
             [#"$.symbol: must start with "SL-", the register code of a sao lục copy (Appendix III): expected "SL-VP""#]),
            (#"{"form":"trich_sao","issuer":"VP","number":3,"symbol":"TS-VP","pages":{"from":1,"to":1}}"#, [#"expected "TrS-VP""#]),
            (#"{"form":"sao_y","issuer":"VP","number":3}"#, ["$.symbol: is required"]),
            (#"{"form":"sao_y","issuer":"VP","signed_at":"30/11/2026"}"#, ["$.signed_at: must be an ISO 8601 time"]),
            (#"{"form":"sao_y","issuer":"VP","medium":"paper"}"#,
             ["$.place: is required", "$.date: is required", "$.signer: is required", "$.top_mm: is required", "$.number: is required", "$.symbol: is required"]),
            (#"{"form":"sao_y","issuer":"VP","top_mm":100,"place":"Đồng Tháp"}"#,
             [#"$.top_mm: is only for a paper copy ("medium": "paper", Mẫu 3.1)"#, "$.place: is only for a paper copy"]),
            (#"{"form":"sao_y","medium":"paper","issuer":"VP","number":1,"symbol":"SY-VP","place":"Đồng Tháp","date":"30/11/2026","signer":{"title":"Chánh Văn phòng"},"top_mm":100}"#,
             [#"$.date: must be a date YYYY-MM-DD, got "30/11/2026""#, "$.signer.name: is required"]),
            (#"{"form":"sao_y","medium":"paper","issuer":"VP","number":1,"symbol":"SY-VP","place":"Đồng Tháp","date":"2026-11-30","signer":{"title":"Chánh Văn phòng","name":"A"},"top_mm":250}"#,
             ["$.top_mm: puts the copy block (", "mm tall) past the bottom margin of page 3: start it at most "]),
            (#"{"form":"sao_y","issuer":"VP","copies":2}"#, ["$.copies"]),
            (#"{"form":"sao_y","issuer":""# + String(repeating: "Ủy ban nhân dân ", count: 40) + #""}"#,
             ["$.issuer: makes the copy line longer than three lines"]),
        ]
        for (payload, expected) in cases {
            let r = try copy(dir + "/original.pdf", payload)
            #expect(r.status == 2, "\(payload): \(r.stderr)")
            for e in expected { #expect(r.stderr.contains(e), "\(payload): \(r.stderr)") }
        }
        // The original itself: exit 1, the file named.
        try Data("hello".utf8).write(to: URL(fileURLWithPath: dir + "/text.pdf"))
        let notPDF = try copy(dir + "/text.pdf", good)
        #expect(notPDF.status == 1)
        #expect(notPDF.stderr.contains("cannot copy \(dir)/text.pdf: not a PDF"), "\(notPDF.stderr)")
        let encrypt = try run("qpdf", ["--encrypt", "u", "o", "256", "--", dir + "/original.pdf", dir + "/locked.pdf"])
        #expect(encrypt.status == 0, "\(encrypt.stderr)")
        let locked = try copy(dir + "/locked.pdf", good)
        #expect(locked.status == 1)
        #expect(locked.stderr.contains("the document is encrypted"), "\(locked.stderr)")
        let missing = try copy(dir + "/none.pdf", good)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read \(dir)/none.pdf"), "\(missing.stderr)")
    }
}
