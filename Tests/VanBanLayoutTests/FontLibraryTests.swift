import Foundation
import Testing
@testable import VanBanText

/// Issue 14: the font library reads each file once, into one fontconfig configuration that every
/// typesetter is given; its file list comes from `readdir`. What it must keep doing: only the family's
/// faces, from sub-folders too, nothing hidden, no loop through a linked folder, a file that is not a
/// font ignored, and a missing face or folder named.
@Suite struct FontLibraryTests {
    let bundled = repositoryRoot + "/Fonts/LiberationSerif"
    let faces = ["LiberationSerif-Bold.ttf", "LiberationSerif-BoldItalic.ttf", "LiberationSerif-Italic.ttf", "LiberationSerif-Regular.ttf"]

    /// A fresh folder; removed when `body` returns.
    func withFolder(_ body: (String) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-fonts-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try body(dir)
    }

    func copy(_ names: [String], to dir: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for n in names { try FileManager.default.copyItem(atPath: bundled + "/" + n, toPath: dir + "/" + n) }
    }

    @Test func readsTheFamilyFromSubFoldersAndIgnoresTheRest() throws {
        try withFolder { dir in
            try copy(faces, to: dir + "/serif")
            try copy(["LiberationSerif-Regular.ttf"], to: dir + "/.hidden")          // a hidden folder: not read
            try Data("not a font".utf8).write(to: URL(fileURLWithPath: dir + "/broken.ttf"))
            try FileManager.default.createSymbolicLink(atPath: dir + "/serif/loop", withDestinationPath: dir)  // a cycle
            try Data().write(to: URL(fileURLWithPath: dir + "/README.txt"))
            let library = try FontLibrary.load(directory: dir)
            #expect(library.files == faces.map { dir + "/serif/" + $0 })
            #expect(library.faceCount == 4)
            #expect(library.canDraw("ệ") && library.canDraw("Đ") && !library.canDraw("\u{4E00}"))
            // A typesetter over it measures with the family's own metrics: the same widths as the bundled library's.
            let here = try Typesetter(library: library)
            let bundledTypesetter = try Typesetter(library: engine.fonts)
            let text = "Ủy ban nhân dân tỉnh Đồng Tháp"
            #expect(here.width(of: text, font: FontSpec(.bold, 13)) == bundledTypesetter.width(of: text, font: FontSpec(.bold, 13)))
            #expect(here.width(of: text, font: FontSpec(.bold, 13)) > 100)
        }
    }

    /// Another family in the folder is left out of the configuration, so Pango can never pick it.
    /// (Uses the system's DejaVu Sans, which fontconfig's Debian package brings, as the other family.)
    @Test func anotherFamilyInTheFolderIsLeftOut() throws {
        let other = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
        try #require(FileManager.default.fileExists(atPath: other), "needs \(other) (Debian: fonts-dejavu-core)")
        try withFolder { dir in
            try copy(faces, to: dir)
            try FileManager.default.copyItem(atPath: other, toPath: dir + "/DejaVuSans.ttf")
            let library = try FontLibrary.load(directory: dir)
            #expect(library.files == faces.map { dir + "/" + $0 })
            #expect(library.faceCount == 4)
        }
    }

    @Test func aMissingFaceOrFolderIsNamed() throws {
        try withFolder { dir in
            try copy(["LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"], to: dir)
            #expect(loadError(dir) == "font family \"Liberation Serif\" in \(dir) lacks the face(s): italic, boldItalic")
            #expect(loadError(dir + "/nope") == "font directory \(dir)/nope not found")
            try FileManager.default.createDirectory(atPath: dir + "/empty/linked", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: dir + "/empty/fonts", withDestinationPath: bundled)
            #expect(loadError(dir + "/empty") == "no .ttf or .otf files in \(dir)/empty (its sub-folders are searched; symbolic links to folders are not followed)")
        }
    }

    /// The error text of loading `dir`; nil when it loads.
    func loadError(_ dir: String) -> String? {
        do { _ = try FontLibrary.load(directory: dir); return nil } catch { return error.description }
    }

    /// Typesetters on several threads share the library's configuration: each renders the same widths.
    @Test func typesettersOnThreadsShareTheConfiguration() async throws {
        let text = "Cộng hòa xã hội chủ nghĩa Việt Nam — Độc lập - Tự do - Hạnh phúc"
        let expected = try Typesetter(library: engine.fonts).breakLines(text, font: FontSpec(.regular, 13), width: 120)
        let results = try await withThrowingTaskGroup(of: [BrokenLine].self) { group in
            for _ in 0..<8 {
                group.addTask { try Typesetter(library: engine.fonts).breakLines(text, font: FontSpec(.regular, 13), width: 120) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        for r in results { #expect(r == expected) }
    }
}
