import Foundation
import Testing

/// The decree's warnings on the real CLI, and the PDF text of the issue 10 cases (pdftotext).
@Suite(.serialized) struct DocumentWarningTests {
    func casePath(_ name: String) -> String { repositoryRoot + "/Tests/cases/documents/" + name + ".json" }

    @Test func validateWarnsAndStrictRefuses() throws {
        let warn = try run(vanbanBinary, ["validate", casePath("p10-punctuation-lint")])
        #expect(warn.status == 0)
        #expect(warn.stderr == "warning: $.recipients[1]: the last recipient ends with \".\", not \";\" (R28)\n")
        let strict = try run(vanbanBinary, ["validate", "--strict", casePath("p10-punctuation-lint")])
        #expect(strict.status == 2)
        #expect(strict.stderr == "$.recipients[1]: the last recipient ends with \".\", not \";\" (R28)\n")
    }

    @Test func renderPrintsTheSameWarnings() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try run(vanbanBinary, ["render", casePath("p2-doubled-markers"), "-o", dir + "/out.pdf"])
        #expect(r.status == 0)
        #expect(r.stderr.split(separator: "\n").map { String($0.prefix(22)) } ==
                ["warning: $.recipients[", "warning: $.recipients[", "warning: $.cc[0]: the ", "warning: $.cc[1]: the "])
        let text = try run("pdftotext", ["-layout", dir + "/out.pdf", "-"]).stdout
        #expect(text.contains("- Như trên;") && !text.contains("- - ") && !text.contains("- –"))
    }

    @Test func noBodyLineOfThePDFStartsWithADash() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try run(vanbanBinary, ["render", casePath("p6-line-starts-with-hyphen"), "-o", dir + "/out.pdf"]).status == 0)
        let text = try run("pdftotext", ["-raw", dir + "/out.pdf", "-"]).stdout
        let lines = text.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("Bộ Kế hoạch") })
        let end = try #require(lines.firstIndex { $0.hasSuffix("nói chung./.") })
        #expect(end - start >= 4)
        for l in lines[start...end] { #expect(!l.hasPrefix("-") && !l.hasPrefix("–"), "\(l)") }
        #expect(lines[start...end].joined(separator: " ").contains("kinh tế - xã hội"))
    }

    @Test func refusedCasesNameTheirPath() throws {
        let p4 = try run(vanbanBinary, ["validate", casePath("p4-doubled-authority")])
        #expect(p4.status == 2 && p4.stderr.hasPrefix("$.signer.head_title: starts with \"KT.\""))
        let p9 = try run(vanbanBinary, ["validate", casePath("p9-luu-in-cc")])
        #expect(p9.status == 2 && p9.stderr.hasPrefix("$.cc[1]: the \"Lưu\" line is printed from \"archive\""))
    }
}
