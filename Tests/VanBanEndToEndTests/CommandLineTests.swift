import Foundation
import Testing

/// The CLI contract: exit 0 / 1 / 2, one `<json-path>: <message>` line per problem, no output on failure.
@Suite(.serialized) struct CommandLineTests {
    func write(_ json: String, in dir: String) throws -> String {
        let path = dir + "/payload.json"
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    var validPayload: String {
        (try? String(contentsOfFile: repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json", encoding: .utf8)) ?? ""
    }

    @Test func invalidPayloadExitsTwoWithPathsAndWritesNothing() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let json = validPayload
            .replacingOccurrences(of: "\"issuer\": {", with: "\"issuer\": \"SỞ\", \"issuerX\": {")
            .replacingOccurrences(of: "\"number\": null", with: "\"number\": \"12\"")
        let out = dir + "/out.pdf"
        let r = try run(vanbanBinary, ["render", try write(json, in: dir), "-o", out])
        #expect(r.status == 2)
        #expect(r.stderr == """
            $.issuerX: unknown field (did you mean "issuer"?)
            $.issuer: expected an object, got a string
            $.number: expected an integer, got a string

            """)
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["payload.json"])
    }

    @Test func characterTheFontCannotDrawIsNamedWithItsPath() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let json = validPayload.replacingOccurrences(of: "\"Kính chuyển Sở", with: "\"☐ Kính chuyển Sở")
        let r = try run(vanbanBinary, ["validate", try write(json, in: dir)])
        #expect(r.status == 2)
        #expect(r.stderr == "$.body[2].text: character U+2610 (\"☐\") cannot be drawn by the bundled font Liberation Serif\n")
    }

    @Test func malformedJSON() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try run(vanbanBinary, ["validate", try write("{\"kind\": ", in: dir)])
        #expect(r.status == 2)
        #expect(r.stderr == "$: malformed JSON at line 1, column 10: unexpected end of input\n")
    }

    @Test func validateAcceptsAGoodPayload() throws {
        let r = try run(vanbanBinary, ["validate", repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json"])
        #expect(r.status == 0)
        #expect(r.stdout.hasSuffix("valid (cong_van, layout cong-van)\n"))
    }

    @Test func unwritableOutputExitsOne() throws {
        let r = try run(vanbanBinary, ["render", repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json", "-o", "/nonexistent-dir/x.pdf"])
        #expect(r.status == 1)
        #expect(r.stderr == "error: cannot write /nonexistent-dir/x.pdf: folder /nonexistent-dir does not exist\n")
    }

    @Test func missingInputExitsOne() throws {
        let r = try run(vanbanBinary, ["render", "/nonexistent.json", "-o", "/tmp/x.pdf"])
        #expect(r.status == 1)
        #expect(r.stderr == "error: cannot read /nonexistent.json\n")
    }

    @Test func payloadFromStandardInput() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try run(vanbanBinary, ["render", "-", "-o", dir + "/a.pdf"], stdin: Data(validPayload.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/a.pdf")).starts(with: Array("%PDF-".utf8)))
    }

    @Test func previewWritesAPNGOfTheRequestedPage() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try run(vanbanBinary, ["preview", repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json", "-o", dir + "/p.png",
                                       "--page", "2", "--dpi", "72"])
        #expect(r.status == 0, "\(r.stderr)")
        let png = try Data(contentsOf: URL(fileURLWithPath: dir + "/p.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // IHDR width/height at 72 dpi = the page in points (595 × 842).
        let w = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, h = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(w == 595 && h == 842)
        let bad = try run(vanbanBinary, ["preview", repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json", "-o", dir + "/q.png", "--page", "9"])
        #expect(bad.status == 1)
        #expect(bad.stderr == "error: page 9 does not exist (the document has 2)\n")
    }
}
