import Foundation
import Testing

/// `vanban preview --watch --pdf`: a payload replaced the way editors save (a new file renamed over the
/// old one) is noticed and the PDF is written again with the new text. Bounded in time; the bounds are
/// generous for a loaded CI machine.
@Suite(.serialized) struct PreviewWatchTests {
    let original = "Huỳnh Văn Quản"
    /// The same number of UTF-8 bytes as `original`, so that the file's size does not change either.
    let replacement = "Phạm Thị Hạnh"

    func pdfText(_ path: String) -> String {
        guard let r = try? run("pdftotext", ["-raw", path, "-"]), r.status == 0 else { return "" }
        return collapsed(r.stdout).precomposedStringWithCanonicalMapping
    }

    /// Polls `condition` every 0.1 s until it holds or `seconds` pass; whether it held.
    func waitFor(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return condition()
    }

    func contents(_ path: String) -> String {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    @Test func anEditorStyleRenameIsNoticedAndThePDFIsRenderedAgain() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sample = try String(contentsOfFile: repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json", encoding: .utf8)
        #expect(original.utf8.count == replacement.utf8.count)
        try #require(sample.contains("\"name\": \"\(original)\""))
        let payload = dir + "/payload.json", pdf = dir + "/out.pdf", png = dir + "/page.png"
        try Data(sample.utf8).write(to: URL(fileURLWithPath: payload))
        // A whole second in the past, which both the file system and Foundation hold exactly.
        let modified = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 60).rounded(.down))
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: payload)

        let stdoutPath = dir + "/stdout.txt", stderrPath = dir + "/stderr.txt"
        FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        defer { try? out.close(); try? err.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: vanbanBinary)
        process.arguments = ["preview", payload, "--pdf", pdf, "-o", png, "--watch", "--lang", "en"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        defer {
            // Stop the watcher whatever happened: SIGTERM, then SIGKILL if it lingers.
            if process.isRunning { process.terminate() }
            if !waitFor(10, { !process.isRunning }) { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }

        // The first render is done, and the watcher has taken its first look at the files, once it
        // says it is watching (it does so after the first stamp).
        let started = waitFor(90) { contents(stderrPath).contains("watching ") || !process.isRunning }
        try #require(started && process.isRunning, "no first render: \(contents(stderrPath))")
        #expect(contents(stdoutPath).hasSuffix(" page(s), PDF: \(pdf)\n") && contents(stdoutPath).split(separator: "\n").count == 1, "\(contents(stdoutPath))")
        let first = pdfText(pdf)
        #expect(first.contains(original), "\(first)")
        #expect(FileManager.default.fileExists(atPath: png))

        // Save as an editor does: write a new file beside it, give it the old modification time (so
        // only the file's identity tells), and rename it over the payload.
        let temporary = dir + "/.payload.json.swp"
        try Data(sample.replacingOccurrences(of: "\"name\": \"\(original)\"", with: "\"name\": \"\(replacement)\"").utf8)
            .write(to: URL(fileURLWithPath: temporary))
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: temporary)
        #expect(rename(temporary, payload) == 0)
        let replaced = Date()

        let rendered = waitFor(30) { pdfText(pdf).contains(replacement) }
        #expect(rendered, "the PDF was not rendered again: \(contents(stderrPath))")
        #expect(Date().timeIntervalSince(replaced) < 30)
        #expect(!pdfText(pdf).contains(original))
        // One line per render, flushed as it happens.
        #expect(waitFor(10) { contents(stdoutPath).split(separator: "\n").count == 2 }, "\(contents(stdoutPath))")
        #expect(process.isRunning, "the watcher stopped: \(contents(stderrPath))")
    }
}
