import Foundation
import Testing

/// `vanban batch`: isolation of failures, manifest, resume, merged file, summary, CSV input.
@Suite(.serialized) struct BatchTests {
    let batchSample = repositoryRoot + "/Samples/batch-dong-thap-cpdt.json"

    struct Manifest: Decodable {
        struct Entry: Decodable { var id: String; var file: String?; var pages: Int?; var status: String; var error: String?; var hash: String; var skipped: Bool? }
        var documents: [Entry]
    }

    func manifest(_ dir: String) throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/manifest.json")))
    }

    @Test func sampleBatchPrintsWithMergedFileAndSummary() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try run(vanbanBinary, ["batch", batchSample, "--out", dir + "/out", "--merged", dir + "/all.pdf", "--summary", dir + "/sum.pdf", "--jobs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let m = try manifest(dir + "/out")
        #expect(m.documents.count >= 20)
        #expect(m.documents.allSatisfy { $0.status == "ok" && $0.pages == 2 })
        // File names are the ids made safe: Vietnamese letters folded to ASCII.
        #expect(m.documents.first { $0.id == "ubnd-xa-mỹ-hiệp" }?.file == "ubnd-xa-my-hiep.pdf")
        #expect(m.documents.allSatisfy { $0.file!.allSatisfy { $0.isASCII } && $0.file!.hasSuffix(".pdf") })
        for e in m.documents { #expect(FileManager.default.fileExists(atPath: dir + "/out/" + e.file!)) }
        // Merged: every document's pages in order, one outline entry per document, own page numbers kept.
        let info = try run("pdfinfo", [dir + "/all.pdf"]).stdout
        #expect(info.contains("Pages:           \(m.documents.count * 2)"))
        let text = try run("pdftotext", ["-raw", dir + "/all.pdf", "-"]).stdout
        #expect(text.components(separatedBy: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").count - 1 == m.documents.count)
        #expect(try run("qpdf", ["--check", dir + "/all.pdf"]).status == 0)
        let outline = try run("qpdf", ["--json", "--json-key=outlines", dir + "/all.pdf"]).stdout
        // Outline entries name the agency (issuer.name_in_text), not the batch's id.
        #expect(outline.contains("\"title\": \"Sở Tài chính\"") && outline.contains("\"title\": \"Ủy ban nhân dân xã Mỹ Hiệp\""))
        for e in m.documents { #expect(!outline.contains("\"title\": \"\(e.id)\"")) }
        // Summary: one row per agency, groups with subtotals and a grand total.
        let summary = try run("pdftotext", ["-raw", dir + "/sum.pdf", "-"]).stdout
        #expect(summary.contains("I. Các sở, ban, ngành") && summary.contains("II. UBND cấp huyện") && summary.contains("III. UBND cấp xã"))
        #expect(summary.components(separatedBy: "Tổng\n").count - 1 >= 3 || summary.components(separatedBy: "Tổng ").count - 1 >= 3)
        #expect(summary.contains("Tổng cộng"))
        #expect(summary.contains("Sở Tài chính") && summary.contains("Ủy ban nhân dân xã Mỹ Hiệp"))
    }

    @Test func oneBrokenDocumentFailsAlone() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var batch = try String(contentsOfFile: batchSample, encoding: .utf8)
        // Break the second document: a day that does not exist.
        let marker = "\"id\": \"stp-2020\""
        batch = batch.replacingOccurrences(of: marker, with: marker + ", \"date\": {\"day\": 31, \"month\": 6, \"year\": 2020}")
        try Data(batch.utf8).write(to: URL(fileURLWithPath: dir + "/b.json"))
        let r = try run(vanbanBinary, ["batch", dir + "/b.json", "--out", dir + "/out"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("stp-2020: $.date.day: day 31 does not exist in month 6 of 2020\n"))
        let m = try manifest(dir + "/out")
        let bad = try #require(m.documents.first { $0.id == "stp-2020" })
        #expect(bad.status == "error" && bad.file == nil && bad.error == "$.date.day: day 31 does not exist in month 6 of 2020")
        #expect(m.documents.filter { $0.status == "ok" }.count == m.documents.count - 1)
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/stp-2020.pdf"))
        #expect(r.stdout.contains("\(m.documents.count - 1) rendered, 1 failed"))
    }

    @Test func resumeSkipsUnchangedDocumentsAndRedoesChangedOnes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try run(vanbanBinary, ["batch", batchSample, "--out", dir + "/out"])
        #expect(first.status == 0)
        let before = try manifest(dir + "/out")
        var batch = try String(contentsOfFile: batchSample, encoding: .utf8)
        batch = batch.replacingOccurrences(of: "\"id\": \"stc-2020\"", with: "\"id\": \"stc-2020\", \"number\": 15")
        try Data(batch.utf8).write(to: URL(fileURLWithPath: dir + "/b.json"))
        try FileManager.default.removeItem(atPath: dir + "/out/snv-2020.pdf")
        let second = try run(vanbanBinary, ["batch", dir + "/b.json", "--out", dir + "/out", "--resume"])
        #expect(second.status == 0, "\(second.stderr)")
        let after = try manifest(dir + "/out")
        let redone = after.documents.filter { $0.skipped != true }.map(\.id).sorted()
        #expect(redone == ["snv-2020", "stc-2020"])
        #expect(after.documents.first { $0.id == "stc-2020" }!.hash != before.documents.first { $0.id == "stc-2020" }!.hash)
        #expect(second.stdout.contains("(\(after.documents.count - 2) unchanged, kept)"))
    }

    @Test func csvOfFormValues() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let csv = """
        id,group,issuer.name,issuer.name_in_text,symbol,signer.name,1.1,1.2,2.4,3.1.1
        so-a,Các sở,SỞ TÀI CHÍNH,Sở Tài chính,STC-VP,Nguyễn Văn A,"3.290",90,"16,7",650
        xa-b,Cấp xã,ỦY BAN NHÂN DÂN XÃ MỸ HIỆP,Ủy ban nhân dân xã Mỹ Hiệp,UBND,Lê Thị B,120,80,,12
        xa-c,Cấp xã,ỦY BAN NHÂN DÂN XÃ BÌNH THẠNH,Ủy ban nhân dân xã Bình Thạnh,UBND,Trần Văn C,nhiều,80,,12
        """
        try Data(csv.utf8).write(to: URL(fileURLWithPath: dir + "/values.csv"))
        let defaults = """
        {"kind": "cong_van", "place": "Đồng Tháp", "date": {"month": 6, "year": 2020}, "subject": "cung cấp số liệu",
         "recipients": ["Sở Thông tin và Truyền thông"], "body": [{"text": "Gửi kèm số liệu./."}],
         "signer": {"authority": "KT.", "head_title": "GIÁM ĐỐC", "title": "PHÓ GIÁM ĐỐC", "name": "X"}, "archive": {"units": ["VP"]},
         "summary": {"issuer": {"name": "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"}, "symbol": "STTTT", "date": {"month": 7, "year": 2020}}}
        """
        try Data(defaults.utf8).write(to: URL(fileURLWithPath: dir + "/defaults.json"))
        let bad = try run(vanbanBinary, ["batch", dir + "/values.csv", "--form", "phieu-cung-cap-so-lieu-cpdt", "--defaults", dir + "/defaults.json",
                                         "--out", dir + "/out", "--number-format", "vi"])
        #expect(bad.status == 2)
        #expect(bad.stderr == dir + "/values.csv:4: column \"1.1\" ($.annexes[0].values[\"1.1\"]): expected a number, got \"nhiều\"\n")
        try Data(csv.replacingOccurrences(of: "nhiều", with: "5").utf8).write(to: URL(fileURLWithPath: dir + "/values.csv"))
        let ok = try run(vanbanBinary, ["batch", dir + "/values.csv", "--form", "phieu-cung-cap-so-lieu-cpdt", "--defaults", dir + "/defaults.json",
                                        "--out", dir + "/out", "--summary", dir + "/sum.pdf", "--number-format", "vi"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let text = try run("pdftotext", ["-raw", dir + "/out/so-a.pdf", "-"]).stdout
        #expect(text.contains("SỞ TÀI CHÍNH") && text.contains("văn bản 3.290") && text.contains("16,7"))
        let summary = try run("pdftotext", ["-raw", dir + "/sum.pdf", "-"]).stdout
        // Subtotal of 1.1 for the communes: 120 + 5.
        #expect(summary.contains("Tổng 125"))
        // The summary is credited to the batch's "summary" issuer, not to the first row's agency.
        #expect(summary.contains("SỞ THÔNG TIN VÀ TRUYỀN THÔNG") && !summary.contains("SỞ TÀI CHÍNH"))
    }
}
