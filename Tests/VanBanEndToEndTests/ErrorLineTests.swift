import Foundation
import Testing
import VanBanPipeline

/// Issue 15, CLI half: payload text can never forge or split a stderr line, a failed write leaves
/// nothing behind, and failures read as "cannot write FILE: reason", never as a Foundation dump.
@Suite(.serialized) struct ErrorLineTests {
    var seed: String { (try? String(contentsOfFile: repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json", encoding: .utf8)) ?? "" }

    /// `unpathed-error-line-key.json`: a key holding a newline and a fake diagnostic.
    static let forgedKeyPayload = """
        {"kind": "annex_only", "issuer": {"name": "SỞ TÀI CHÍNH", "name_in_text": "Sở Tài chính"}, "symbol": "STC", "date": {"year": 2024},
         "annexes": [{"title": ["BẢNG"], "blocks": [{"text": "x"}]}],
         "x\\n$.signer.name: forged diagnostic": 0, "esc\\u001B[31mred": 1, "line\\u2028sep": 2}
        """

    @Test func controlCharactersInKeysAreEscapedOnOneLine() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/p.json"
        try Data(Self.forgedKeyPayload.utf8).write(to: URL(fileURLWithPath: path))
        let r = try run(vanbanBinary, ["validate", path])
        #expect(r.status == 2)
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines == [
            #"$["x\n$.signer.name: forged diagnostic"]: unknown field"#,
            #"$["esc\u001B[31mred"]: unknown field"#,
            #"$["line\u2028sep"]: unknown field"#,
        ])
        #expect(!r.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func controlCharactersInAKeyBesideOthersStayOnOneLine() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/p.json"
        let json = seed.replacingOccurrences(of: "\"kind\": \"cong_van\",", with: "\"kind\": \"cong_van\", \"lay\\nout\": \"a\\nb\\rc\",")
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        let r = try run(vanbanBinary, ["validate", path])
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.hasPrefix(#"$["lay\nout"]: unknown field"#), "\(r.stderr)")
    }

    @Test func slotsIntoAMissingFolderLeavesNoPDF() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/out.pdf"
        let r = try run(vanbanBinary, ["render", repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json", "-o", out,
                                       "--slots", dir + "/missing-dir/slots.json"])
        #expect(r.status == 1)
        #expect(r.stderr == "error: cannot write \(dir)/missing-dir/slots.json: folder \(dir)/missing-dir does not exist\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [])   // no PDF, no temporary file
        // Separate annexes: the letter and every annex, or nothing.
        let r2 = try run(vanbanBinary, ["render", repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json", "-o", out,
                                        "--annexes", "separate", "--slots", dir + "/missing-dir/slots.json"])
        #expect(r2.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [])
    }

    @Test func readAndWriteFailuresNameTheFileAndTheSystemReason() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let missing = try run(vanbanBinary, ["validate", dir + "/nope.json"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: cannot read \(dir)/nope.json: No such file or directory\n")
        let folder = try run(vanbanBinary, ["validate", dir])
        #expect(folder.stderr == "error: cannot read \(dir): it is a folder\n")
        // The target is a folder: rename fails; the message is the system's reason, the temporary file is gone.
        try FileManager.default.createDirectory(atPath: dir + "/taken.pdf/inner", withIntermediateDirectories: true)
        let r = try run(vanbanBinary, ["render", repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json", "-o", dir + "/taken.pdf"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("error: cannot write \(dir)/taken.pdf: "))
        #expect(!r.stderr.contains("Domain=") && !r.stderr.contains("UserInfo"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["taken.pdf"])
    }

    @Test func atomicWriteAllWritesNothingWhenOneTargetFails() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: PipelineError.self) {
            try AtomicFile.writeAll([([1, 2, 3], dir + "/a.pdf"), ([4], dir + "/b.pdf"), ([5], dir + "/no/c.json")])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [])
        try AtomicFile.writeAll([([1, 2, 3], dir + "/a.pdf"), ([], dir + "/empty.json")])
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/a.pdf")) == Data([1, 2, 3]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["a.pdf", "empty.json"])
    }
}
