import Foundation
import Testing
@testable import VanBanPipeline

/// Output paths compared the way the file system will treat them: links followed, "." and ".." taken,
/// trailing slashes dropped, the part that does not exist yet appended as written; names without case.
@Suite struct OutputPathTests {
    @Test func pathsResolveThroughLinksAndDotSegments() throws {
        let dir = OutputPath.resolved(NSTemporaryDirectory() + "/vanban-outputpath-\(getpid())")
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir + "/real/sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: dir + "/real")

        #expect(OutputPath.resolved(dir + "/link/x.pdf") == dir + "/real/x.pdf")
        #expect(OutputPath.resolved(dir + "/real/sub/../x.pdf") == dir + "/real/x.pdf")
        #expect(OutputPath.resolved(dir + "/./real//sub/") == dir + "/real/sub")
        // Not there yet: appended as written, its "." and ".." taken lexically.
        #expect(OutputPath.resolved(dir + "/link/new/./a/../b.pdf") == dir + "/real/new/b.pdf")
        #expect(OutputPath.folderAndName(dir + "/link/x.pdf") == (dir + "/real", "x.pdf"))
        #expect(OutputPath.folderAndName("/x.pdf") == ("/", "x.pdf"))

        #expect(OutputPath.sameFile(dir + "/link/A.PDF", dir + "/real/sub/../a.pdf"))
        #expect(!OutputPath.sameFile(dir + "/link/a.pdf", dir + "/real/sub/a.pdf"))

        // Relative paths are taken from the working folder.
        let cwd = FileManager.default.currentDirectoryPath
        #expect(FileManager.default.changeCurrentDirectoryPath(dir + "/real"))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(cwd) }
        #expect(OutputPath.resolved("sub/../y.pdf") == dir + "/real/y.pdf")
        #expect(OutputPath.sameFile("y.pdf", dir + "/link/y.pdf"))
    }

    @Test func aFolderOrAnInputIsRefusedAsAnOutput() throws {
        let dir = OutputPath.resolved(NSTemporaryDirectory() + "/vanban-outputcheck-\(getpid())")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(FileManager.default.createFile(atPath: dir + "/in.json", contents: Data("{}".utf8)))
        func message(_ output: String, _ inputs: [String]) -> String? {
            do { try OutputPath.check(output, against: inputs); return nil } catch { return error.description }
        }
        #expect(message(dir, []) == "cannot write \(dir): it is a folder")
        #expect(message(dir + "/new/", []) == "cannot write \(dir)/new/: it is a folder")
        #expect(message(dir + "/./in.json", [dir + "/in.json"]) == "cannot write \(dir)/./in.json: it is the input \(dir)/in.json; choose another name")
        #expect(message(dir + "/out.pdf", [dir + "/in.json", "-"]) == nil)
        #expect(message("-", [dir + "/in.json"]) == nil)
        // The temporary name beside it adds up to 24 bytes to the system's 255.
        #expect(message(dir + "/" + String(repeating: "a", count: 227) + ".pdf", []) == nil)
        #expect(message(dir + "/" + String(repeating: "ệ", count: 76) + ".pdf", [])
                == "cannot write \(dir)/\(String(repeating: "ệ", count: 76)).pdf: the file name is too long (232 bytes in UTF-8; at most 231)")
    }
}
