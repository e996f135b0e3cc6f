import Foundation
import Testing

/// Found by a fresh tester: `-o -` wrote a file named "-", and a closed or folder standard input
/// crashed the process (a trap in Foundation's `readDataToEndOfFile`).
@Suite struct CLIStreamsTests {
    let sample = repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json"

    @Test func aPDFToStandardOutputIsTheFilesBytes() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try run(vanbanBinary, ["render", sample, "-o", dir + "/a.pdf"])
        #expect(file.status == 0)
        let piped = try run(vanbanBinary, ["render", sample, "-o", "-"])
        #expect(piped.status == 0)
        #expect(piped.stdoutBytes == FileManager.default.contents(atPath: dir + "/a.pdf"))
        #expect(piped.stderr == "standard output (2 pages), 0 warnings\n")
        #expect(!FileManager.default.fileExists(atPath: "-"))
        let separate = try run(vanbanBinary, ["render", sample, "-o", "-", "--annexes", "separate"])
        #expect(separate.status == 64 && separate.stderr.contains("--annexes separate writes several files: give -o a file name, not '-'"))
    }

    /// A full disk or a closed standard output is a failure with status 1, never a trap (the PDF through
    /// `FileHandle.write`) nor a lost summary line with status 0 (`print`).
    @Test func anUnwritableStandardOutputIsAnError() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let b = "'\(vanbanBinary)'", s = "'\(sample)'"
        let shell = try run("/bin/sh", ["-c", """
            \(b) render \(s) -o - > /dev/full; echo "status $?"
            \(b) render \(s) -o '\(dir)/a.pdf' > /dev/full; echo "status $?"
            \(b) layouts > /dev/full; echo "status $?"
            \(b) render \(s) -o - >&-; echo "status $?"
            """])
        #expect(shell.stdout == "status 1\nstatus 1\nstatus 1\nstatus 1\n")
        #expect(shell.stderr == String(repeating: "error: cannot write standard output: No space left on device\n", count: 3)
                + "error: cannot write standard output: Bad file descriptor\n")
    }

    @Test func anUnreadableStandardInputIsAnErrorNotACrash() throws {
        let shell = try run("/bin/sh", ["-c", "'\(vanbanBinary)' validate - < /; echo \"status $?\"; '\(vanbanBinary)' validate - <&-; echo \"status $?\""])
        #expect(shell.stdout == "status 1\nstatus 1\n")
        #expect(shell.stderr == "error: cannot read standard input: Is a directory\nerror: cannot read standard input: Bad file descriptor\n")
    }

    /// Found by the same tester: `serve --port 99999` listened on 34463 (the value wrapped).
    @Test func serveRefusesValuesOutOfRange() throws {
        for (args, message) in [(["--port", "99999"], "--port must be between 0 and 65535"), (["--port=-1"], "--port must be between 0 and 65535"),
                                (["--max-body", "0"], "--max-body must be more than 0 bytes"), (["--concurrency", "0"], "--concurrency must be at least 1")] {
            let r = try run(vanbanBinary, ["serve"] + args)
            #expect(r.status == 64 && r.stderr.contains(message), "\(args): \(r.stderr)")
        }
    }
}

/// Found by a fresh tester: a file given as --layouts was called missing, $VANBAN_LAYOUTS was not named,
/// and serve's start-up failures printed ArgumentParser's "Error:" where every other command says "error:".
@Suite struct CLIFolderMessageTests {
    let sample = repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json"

    @Test func layoutFoldersAndServeFailuresAreNamed() throws {
        let file = try run(vanbanBinary, ["render", sample, "-o", "/tmp/unused.pdf", "--layouts", repositoryRoot + "/README.md"])
        #expect(file.status == 1 && file.stderr == "error: \(repositoryRoot)/README.md (--layouts) is a file, not a folder of layouts\n")
        let env = try run("/usr/bin/env", ["VANBAN_LAYOUTS=/nonexistent-layouts", vanbanBinary, "validate", sample])
        #expect(env.status == 1 && env.stderr == "error: the layouts folder /nonexistent-layouts ($VANBAN_LAYOUTS) does not exist\n")
        let serve = try run(vanbanBinary, ["serve", "--port", "0", "--resources", "/nonexistent-vanban"])
        #expect(serve.status == 1 && serve.stderr.hasPrefix("error: ") && serve.stderr.contains("/nonexistent-vanban"))
    }
}
