import Foundation
import Testing

/// Batch integrity: the summary shows every document, outline entries name agencies, `--resume`
/// fingerprints everything that shapes a PDF and survives a SIGKILL, the output folder is locked,
/// and write failures are reported per document.
@Suite(.serialized) struct BatchIntegrityTests {
    let oneBroken = repositoryRoot + "/Tests/Cases/hardening/batch-3-one-broken.json"

    struct Manifest: Decodable {
        struct Entry: Decodable { var id: String; var file: String?; var pages: Int?; var status: String; var error: String?; var hash: String; var skipped: Bool? }
        var documents: [Entry]
    }
    func manifest(_ dir: String) throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/manifest.json")))
    }
    func write(_ text: String, _ path: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }

    let summaryFields = """
    {"issuer": {"parent": "UBND TỈNH ĐỒNG THÁP", "name": "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "name_in_text": "Sở Thông tin và Truyền thông"},
     "symbol": "STTTT-CNTT", "place": "Đồng Tháp", "date": {"day": 10, "month": 7, "year": 2020}}
    """

    @Test func summaryListsAFailedDocumentAsMarkedAndTotalsSayWhatTheyCover() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(summaryFields, dir + "/summary.json")
        // Without the summary's own issuer the summary is refused before anything is rendered.
        let refused = try run(vanbanBinary, ["batch", oneBroken, "--out", dir + "/out0", "--summary", dir + "/s0.pdf"])
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("$.summary: is required for --summary"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out0/ok-1.pdf"))

        let r = try run(vanbanBinary, ["batch", oneBroken, "--out", dir + "/out", "--merged", dir + "/all.pdf",
                                       "--summary", dir + "/sum.pdf", "--summary-defaults", dir + "/summary.json"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("broken-2: $.date.day: day 31 does not exist in month 6 of 2020\n"))
        let summary = collapsed(try run("pdftotext", ["-raw", dir + "/sum.pdf", "-"]).stdout)
        #expect(summary.contains("không có số liệu"), "\(summary)")
        #expect(summary.contains("Tổng (2/3 đơn vị có số liệu)") && summary.contains("Tổng cộng (2/3 đơn vị có số liệu)"))
        // 1.1 of the two rendered documents: 2837 + 2837, not counting the failed one.
        #expect(summary.contains("5.674"))
        #expect(!summary.contains("8.511"))
        // The summary is the consolidating agency's, not the first row's.
        #expect(summary.contains("/STTTT-CNTT ngày 10 tháng 7 năm 2020 của Sở Thông tin và Truyền thông"), "\(summary)")
        // Outline entries carry the agency's name.
        let outline = try run("qpdf", ["--json", "--json-key=outlines", dir + "/all.pdf"]).stdout
        #expect(outline.components(separatedBy: "\"title\": \"Sở Tài chính\"").count - 1 == 2, "\(outline)")
        #expect(!outline.contains("\"title\": \"ok-1\""))
    }

    /// A batch of `count` copies of the three-document case's first document, each with its own number.
    func bigBatch(_ count: Int, numberOf: (Int) -> Int = { $0 }) throws -> String {
        let source = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: oneBroken))) as! [String: Any]
        let docs = (1...count).map { i -> [String: Any] in ["id": String(format: "d%03d", i), "number": numberOf(i)] }
        let data = try JSONSerialization.data(withJSONObject: ["defaults": source["defaults"]!, "documents": docs], options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// Starts the CLI without waiting for it.
    func start(_ arguments: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: vanbanBinary)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Waits until the batch's journal holds `n` finished documents (or `seconds` pass).
    func waitForJournal(_ dir: String, finished n: Int, seconds: Double = 60) -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let data = FileManager.default.contents(atPath: dir + "/.manifest-journal.jsonl") {
                let done = String(decoding: data, as: UTF8.self).split(separator: "\n").filter { $0.contains("\"status\":\"ok\"") }
                if done.count >= n {
                    return done.compactMap { line in line.range(of: "\"id\":\"").map { String(line[$0.upperBound...].prefix(4)) } }
                }
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return []
    }

    @Test func resumeAfterSIGKILLRedoesExactlyTheMissingAndChangedDocuments() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let count = 120
        try write(try bigBatch(count), dir + "/b.json")
        let first = try start(["batch", dir + "/b.json", "--out", dir + "/out", "--jobs", "1"])
        let done = waitForJournal(dir + "/out", finished: 6)
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(done.count >= 6, "the first run never got going")
        #expect(first.terminationReason == .uncaughtSignal)
        // What the killed run finished, read once it is dead: it may finish one more document between the
        // read above and the signal.
        let finished = waitForJournal(dir + "/out", finished: done.count)
        let rendered = Set(try FileManager.default.contentsOfDirectory(atPath: dir + "/out").filter { $0.hasSuffix(".pdf") })
        #expect(rendered.count < count, "the run finished before it was killed")
        // Edit an input the killed run had already rendered; leave a temporary file as a kill mid-write would.
        let edited = done[2]
        try write(try bigBatch(count) { String(format: "d%03d", $0) == edited ? 777 : $0 }, dir + "/b.json")
        try write("half a pdf", dir + "/out/.\(edited).pdf.4242.17.tmp")

        let resumed = try run(vanbanBinary, ["batch", dir + "/b.json", "--out", dir + "/out", "--resume", "--jobs", "2"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("note: removed"))
        let m = try manifest(dir + "/out")
        #expect(m.documents.count == count && m.documents.allSatisfy { $0.status == "ok" })
        let redone = Set(m.documents.filter { $0.skipped != true }.map(\.id))
        let kept = Set(m.documents.filter { $0.skipped == true }.map(\.id))
        #expect(redone.contains(edited))
        // Every document the killed run finished (per its journal) and that was not edited is kept.
        #expect(kept == Set(finished).subtracting([edited]), "kept \(kept.sorted()), finished \(finished)")
        let text = collapsed(try run("pdftotext", ["-raw", dir + "/out/\(edited).pdf", "-"]).stdout)
        #expect(text.contains("Số: 777/STC-VP"), "\(text.prefix(300))")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir + "/out").filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func aSecondBatchIntoTheSameFolderIsRefusedNamingTheFirst() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(try bigBatch(400), dir + "/b.json")
        let first = try start(["batch", dir + "/b.json", "--out", dir + "/out", "--jobs", "1"])
        defer { kill(first.processIdentifier, SIGKILL); first.waitUntilExit() }
        _ = waitForJournal(dir + "/out", finished: 1)
        let second = try run(vanbanBinary, ["batch", dir + "/b.json", "--out", dir + "/out"])
        #expect(second.status == 1)
        #expect(second.stderr == "error: \(dir)/out is in use by another vanban batch (process \(first.processIdentifier)); wait for it to finish or choose another --out folder\n")
    }

    /// `--resume` keeps a PDF only when it is whole: one cut short since (here truncated) is rendered
    /// again though its input is unchanged. An output folder that does not exist for `--merged` is
    /// refused before anything is rendered.
    @Test func resumeRendersAgainAPDFCutShortAndMergedIsCheckedFirst() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(try bigBatch(3), dir + "/b.json")
        let args = ["batch", dir + "/b.json", "--out", dir + "/out"]
        #expect(try run(vanbanBinary, args).status == 0)
        let cut = dir + "/out/d002.pdf"
        let whole = try Data(contentsOf: URL(fileURLWithPath: cut))
        try whole.prefix(100).write(to: URL(fileURLWithPath: cut))
        let again = try run(vanbanBinary, args + ["--resume"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("(2 unchanged, kept)"), "\(again.stdout)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cut)) == whole)

        let refused = try run(vanbanBinary, ["batch", dir + "/b.json", "--out", dir + "/out2", "--merged", dir + "/nowhere/m.pdf"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("folder \(dir)/nowhere does not exist"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out2/d001.pdf"))
    }

    /// The merged file and the summary may go into the --out folder the batch makes (`--out out --merged
    /// out/all.pdf` was refused: "folder out does not exist"), but never under a name the batch writes
    /// there itself: a document's PDF or the manifest. Refused before anything is rendered.
    @Test func mergedMayGoIntoTheOutFolderUnderAFreeName() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(try bigBatch(3), dir + "/b.json")
        let ok = try run(vanbanBinary, ["batch", dir + "/b.json", "--out", dir + "/out", "--merged", dir + "/out/all.pdf"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try run("qpdf", ["--check", dir + "/out/all.pdf"]).status == 0)
        #expect(try manifest(dir + "/out").documents.map(\.id) == ["d001", "d002", "d003"])
        for name in ["d002.pdf", "manifest.json"] {
            let refused = try run(vanbanBinary, ["batch", dir + "/b.json", "--out", dir + "/o2", "--merged", dir + "/o2/" + name])
            #expect(refused.status == 1)
            #expect(refused.stderr == "error: cannot write \(dir)/o2/\(name): the batch writes a file of that name in \(dir)/o2 (a document's PDF, the manifest or its own); choose another name\n")
            #expect(!FileManager.default.fileExists(atPath: dir + "/o2"))
        }
        // Found by a fresh tester: a link to the --out folder, a name differing only in case, both options
        // naming one file, a folder, the batch's own input. Each refused before anything is rendered.
        try FileManager.default.createDirectory(atPath: dir + "/real", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: dir + "/real")
        let refusals: [([String], String)] = [
            (["--out", dir + "/link", "--merged", dir + "/real/d001.pdf"],
             "cannot write \(dir)/real/d001.pdf: the batch writes a file of that name in \(dir)/link (a document's PDF, the manifest or its own); choose another name"),
            (["--out", dir + "/o3", "--merged", dir + "/o3/D002.PDF"],
             "cannot write \(dir)/o3/D002.PDF: the batch writes a file of that name in \(dir)/o3 (a document's PDF, the manifest or its own); choose another name"),
            (["--out", dir + "/o3", "--merged", dir + "/m.pdf", "--summary", dir + "/./m.pdf"],
             "--merged and --summary name the same file \(dir)/./m.pdf; give each its own"),
            (["--out", dir + "/o3", "--merged", dir + "/real/"], "cannot write \(dir)/real/: it is a folder"),
            (["--out", dir + "/o3", "--merged", dir + "/b.json"],
             "cannot write \(dir)/b.json: it is the input \(dir)/b.json; choose another name"),
        ]
        for (args, message) in refusals {
            let r = try run(vanbanBinary, ["batch", dir + "/b.json"] + args)
            #expect(r.status == 1 && r.stderr == "error: \(message)\n", "\(args): \(r.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/real").isEmpty && !FileManager.default.fileExists(atPath: dir + "/o3"))
        // An input inside --out under a name the batch writes there (here the manifest's) is not replaced.
        try FileManager.default.copyItem(atPath: dir + "/b.json", toPath: dir + "/real/manifest.json")
        let inOut = try run(vanbanBinary, ["batch", dir + "/real/manifest.json", "--out", dir + "/link"])
        #expect(inOut.status == 1 && inOut.stderr == "error: cannot use \(dir)/link as the output folder: the batch writes manifest.json there, which is its input \(dir)/real/manifest.json\n", "\(inOut.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/real/manifest.json")) == Data(contentsOf: URL(fileURLWithPath: dir + "/b.json")))
        #expect(try String(contentsOfFile: dir + "/b.json", encoding: .utf8).hasPrefix("{"))
    }

    /// A one-character relative folder crashed the batch (`--out x`: Foundation's
    /// `deletingLastPathComponent` traps on it) and the register (`--register r`). Found by a fresh tester.
    @Test func oneCharacterRelativeFoldersAndFilesWork() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(try bigBatch(2), dir + "/b.json")
        for out in ["x", "é", "y/z"] {
            let r = try run(vanbanBinary, ["batch", "b.json", "--out", out], in: dir)
            #expect(r.status == 0, "\(out): \(r.stderr)")
            #expect(FileManager.default.fileExists(atPath: dir + "/" + out + "/d001.pdf"))
        }
        let register = try run(vanbanBinary, ["register", "list", "--register", "r"], in: dir)
        #expect(register.status == 0, "\(register.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/r"))
    }

    /// CSV-only options given with a batch JSON were ignored without a word: a usage error now.
    @Test func csvOptionsOnABatchJSONAreAUsageError() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(try bigBatch(1), dir + "/b.json")
        let r = try run(vanbanBinary, ["batch", dir + "/b.json", "--out", dir + "/out", "--defaults", dir + "/b.json", "--delimiter", "tab"])
        #expect(r.status == 64 && r.stderr.hasPrefix("Error: --defaults, --delimiter are for a CSV input; \(dir)/b.json is read as a batch JSON\n"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
        // A batch file that is not JSON at all is named, as the other files a batch reads are.
        try write("id\tx\n", dir + "/rows.json")
        let notJSON = try run(vanbanBinary, ["batch", dir + "/rows.json", "--out", dir + "/out"])
        #expect(notJSON.status == 2 && notJSON.stderr == "$: \(dir)/rows.json: malformed JSON at line 1, column 1: unexpected character 'i'\n", "\(notJSON.stderr)")
    }

    @Test func resumeAfterAFormOrLayoutEditRendersAgain() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Own resources: a copy of the fonts and of the layouts to edit.
        try FileManager.default.createDirectory(atPath: dir + "/res", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Fonts", toPath: dir + "/res/Fonts")
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Layouts", toPath: dir + "/res/Layouts")
        try write(try bigBatch(3), dir + "/b.json")
        let args = ["batch", dir + "/b.json", "--out", dir + "/out", "--resources", dir + "/res"]
        #expect(try run(vanbanBinary, args).status == 0)
        let again = try run(vanbanBinary, args + ["--resume"])
        #expect(again.stdout.contains("(3 unchanged, kept)"), "\(again.stdout)")
        let formPath = dir + "/res/Layouts/forms/phieu-cung-cap-so-lieu-cpdt.json"
        var formText = try String(contentsOfFile: formPath, encoding: .utf8)
        formText = formText.replacingOccurrences(of: "PHIẾU CUNG CẤP SỐ LIỆU", with: "PHIẾU CUNG CẤP SỐ LIỆU (SỬA)")
        try write(formText, formPath)
        let afterEdit = try run(vanbanBinary, args + ["--resume"])
        #expect(afterEdit.status == 0)
        #expect(try manifest(dir + "/out").documents.allSatisfy { $0.skipped != true })
        #expect(collapsed(try run("pdftotext", ["-raw", dir + "/out/d001.pdf", "-"]).stdout).contains("(SỬA)"))
    }

    @Test func aFullDiskIsReportedPerDocumentWithoutAnErrorDump() throws {
        // A 64 KiB tmpfs in a private mount namespace (unshare -rm); skipped where that is not allowed.
        guard (try? run("unshare", ["-rm", "true"]))?.status == 0 else { return }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write(try bigBatch(6), dir + "/b.json")
        try FileManager.default.createDirectory(atPath: dir + "/disk", withIntermediateDirectories: true)
        let script = "mount -t tmpfs -o size=64k tmpfs '\(dir)/disk' && exec '\(vanbanBinary)' batch '\(dir)/b.json' --out '\(dir)/disk/out' --jobs 1"
        let r = try run("unshare", ["-rm", "sh", "-c", script])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        let full = lines.filter { $0.contains(": cannot write \(dir)/disk/out/d0") && $0.hasSuffix(".pdf: No space left on device") }
        #expect(!full.isEmpty, "\(r.stderr)")
        for line in full { #expect(line.hasPrefix("d0")) }
        #expect(!r.stderr.contains("Error Domain") && !r.stderr.contains("NSError") && !r.stderr.contains("NSCocoa"))
    }
}
