import Foundation
import Testing
import VanBanModel

/// Renders every sample with the real CLI and reads the PDF back with poppler and qpdf.
@Suite(.serialized) struct SampleRenderingTests {
    @Test func thereAreSamples() {
        #expect(sampleFiles.contains("seed-000-cung-cap-so-lieu.json"))
    }

    @Test(arguments: sampleFiles)
    func sampleRendersWithEveryStringExtractable(_ sample: String) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pdf = dir + "/out.pdf"
        // --no-fields: with fields, a blank "Số:" and date line are drawn as the DocumentNumber/IssueDate
        // appearances, which `pdftotext -raw` reads after page 1's content — inside a paragraph running
        // over to page 2. Their text is checked by Tests/interop/issue-workflow.sh.
        let r = try run(vanbanBinary, ["render", repositoryRoot + "/Samples/" + sample, "-o", pdf, "--no-fields"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty, "unexpected warnings: \(r.stderr)")

        // Every printable string of the payload comes out of the PDF as the same (NFC) text.
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/Samples/" + sample)))
        let decoded = PayloadDecoder.decode(bytes)
        let text = try run("pdftotext", ["-raw", "-enc", "UTF-8", pdf, "-"]).stdout
        #expect(text == text.precomposedStringWithCanonicalMapping)
        // Page numbers open their pages (pages are separated by form feeds): leave them out, so a paragraph
        // running over a page break reads as one.
        let pagesText = text.split(separator: "\u{0C}", omittingEmptySubsequences: false).map { page -> String in
            var lines = page.split(separator: "\n", omittingEmptySubsequences: false)
            if let first = lines.first, !first.isEmpty, first.allSatisfy(\.isNumber) { lines.removeFirst() }
            return lines.joined(separator: "\n")
        }
        let haystack = collapsed(pagesText.joined(separator: "\n"))
        let words = Set(haystack.split(separator: " ").map(String.init))
        // Not printed by design: keywords (metadata only); an annex-only document's agency name (no letterhead).
        let annexOnly = decoded.payload?.kind == .annexOnly
        for (path, string) in decoded.strings where !path.description.hasPrefix("$.keywords")
            && !(annexOnly && (path.description == "$.issuer.name" || path.description == "$.issuer.parent")) {
            let needle = collapsed(string)
            if needle.isEmpty { continue }
            if path.description.contains(".table.") {
                // Table cells sit side by side; the reading order across cells is the extractor's guess,
                // so a cell's words must all be there, each exactly.
                for word in needle.split(separator: " ") {
                    #expect(words.contains(String(word)), "\(path): \"\(word)\" of \"\(string)\" not found in the PDF text")
                }
            } else {
                #expect(haystack.contains(needle), "\(path): \"\(string)\" not found in the PDF text")
            }
        }
        // Annexes printed from a form: the form's own text comes out too.
        for annex in decoded.payload?.annexes ?? [] {
            guard let name = annex.form else { continue }
            let data = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/Layouts/forms/\(name).json"))
            let form = try #require(FormDefinition.decode(Array(data), name: name).form)
            for string in form.strings where !collapsed(string).isEmpty {
                #expect(haystack.contains(collapsed(string)), "form \(name): \"\(string)\" not found in the PDF text")
            }
        }

        // Fonts: only the bundled family, every face embedded, subset, with a ToUnicode map.
        let fonts = try run("pdffonts", [pdf]).stdout.split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        for line in fonts {
            let cols = line.split(separator: " ", omittingEmptySubsequences: true)
            #expect(cols[0].contains("+LiberationSerif"), "\(line)")
            let flags = cols.suffix(5).prefix(3)
            #expect(Array(flags) == ["yes", "yes", "yes"], "emb/sub/uni: \(line)")
        }

        // Structure: qpdf finds nothing wrong; every page is A4 in one orientation or the other.
        let check = try run("qpdf", ["--check", pdf])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let info = try run("pdfinfo", ["-f", "1", "-l", "999", pdf]).stdout
        for line in info.split(separator: "\n") where line.hasPrefix("Page ") && line.contains("size:") {
            #expect(line.contains("595.276 x 841.89") || line.contains("841.89 x 595.276"), "\(line)")
        }
    }

    @Test func sameSampleGivesTheSameBytes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sample = repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json"
        #expect(try run(vanbanBinary, ["render", sample, "-o", dir + "/a.pdf"]).status == 0)
        #expect(try run(vanbanBinary, ["render", sample, "-o", dir + "/b.pdf"]).status == 0)
        let a = try Data(contentsOf: URL(fileURLWithPath: dir + "/a.pdf"))
        let b = try Data(contentsOf: URL(fileURLWithPath: dir + "/b.pdf"))
        #expect(a.count > 10_000)
        #expect(a == b)
    }

    @Test func metadataComesFromThePayload() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pdf = dir + "/a.pdf"
        #expect(try run(vanbanBinary, ["render", repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json", "-o", pdf]).status == 0)
        let info = try run("pdfinfo", [pdf]).stdout
        #expect(info.contains("Title:           V/v cung cấp số liệu phục vụ báo cáo phát triển Chính phủ điện tử 6 tháng đầu năm 2020"))
        #expect(info.contains("Author:          Sở Khoa học và Công nghệ"))
        #expect(info.contains("Creator:         VanBan"))
        #expect(info.contains("Pages:           2"))
    }
}
