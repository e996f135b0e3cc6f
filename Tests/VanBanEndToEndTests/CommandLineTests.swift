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

    /// `render` refuses, before any work, an output that would replace its payload, a folder, and the PDF
    /// and slot map given one file (found by a fresh tester: `render x.json -o x.json` replaced the payload).
    @Test func anOutputThatIsTheInputOrAFolderIsRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let payload = dir + "/p.json"
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Samples/type-06-thong-bao.json", toPath: payload)
        let before = try Data(contentsOf: URL(fileURLWithPath: payload))
        let cases: [([String], String)] = [
            (["-o", dir + "/./p.json"], "cannot write \(dir)/./p.json: it is the input \(payload); choose another name"),
            (["-o", dir], "cannot write \(dir): it is a folder"),
            (["-o", dir + "/x.pdf", "--slots", dir + "/x.pdf"], "-o and --slots name the same file \(dir)/x.pdf; give each its own"),
        ]
        for (args, message) in cases {
            let r = try run(vanbanBinary, ["render", payload] + args)
            #expect(r.status == 1 && r.stderr == "error: \(message)\n", "\(args): \(r.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: payload)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["p.json"])

        // The annex files of --annexes separate are checked too: never the slot map, never the payload.
        let withAnnex = dir + "/s.json"
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Samples/seed-001-bao-cao-so-lieu-cpdt.json", toPath: withAnnex)
        let slots = try run(vanbanBinary, ["render", withAnnex, "-o", dir + "/s.pdf", "--annexes", "separate", "--slots", dir + "/s-phu-luc-1.pdf"])
        #expect(slots.status == 1 && slots.stderr == "error: --annexes separate and --slots name the same file \(dir)/s-phu-luc-1.pdf; give each its own\n")
        try FileManager.default.moveItem(atPath: withAnnex, toPath: dir + "/s-phu-luc-1.pdf")
        let input = try run(vanbanBinary, ["render", dir + "/s-phu-luc-1.pdf", "-o", dir + "/s.pdf", "--annexes", "separate"])
        #expect(input.status == 1 && input.stderr == "error: cannot write \(dir)/s-phu-luc-1.pdf: it is the input \(dir)/s-phu-luc-1.pdf; choose another name\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["p.json", "s-phu-luc-1.pdf"])
    }

    @Test func missingInputExitsOne() throws {
        let r = try run(vanbanBinary, ["render", "/nonexistent.json", "-o", "/tmp/x.pdf"])
        #expect(r.status == 1)
        #expect(r.stderr == "error: cannot read /nonexistent.json: No such file or directory\n")
    }

    @Test func payloadFromStandardInput() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try run(vanbanBinary, ["render", "-", "-o", dir + "/a.pdf"], stdin: Data(validPayload.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/a.pdf")).starts(with: Array("%PDF-".utf8)))
    }

    /// A pipe named by path (`/dev/stdin` on a pipe, `<(…)`, a FIFO) is read to its end, for a payload
    /// and for a batch (which is then read whole, not in place).
    @Test func aPipeNamedByPathIsRead() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try run(vanbanBinary, ["render", "/dev/stdin", "-o", dir + "/a.pdf"], stdin: Data(validPayload.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/a.pdf")).starts(with: Array("%PDF-".utf8)))
        let batch = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/Samples/batch-dong-thap-cpdt.json"))
        let b = try run(vanbanBinary, ["batch", "/dev/stdin", "--out", dir + "/out"], stdin: batch)
        #expect(b.status == 0, "\(b.stderr)")
        #expect(b.stdout.contains("23 rendered, 0 failed"), "\(b.stdout)")
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

@Suite(.serialized) struct PreviewTests {
    let sample = repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json"

    /// Counts pixels of the overlay blue (0.1, 0.35, 0.9) in a PNG, decoded with pdftoppm's sibling tools absent: via python3.
    func bluePixels(_ png: String) throws -> Int {
        let script = """
        import zlib, struct, sys
        d = open(sys.argv[1], 'rb').read()
        w, h = struct.unpack('>II', d[16:24]); pos = 8; data = b''
        while pos < len(d):
            n, t = struct.unpack('>I4s', d[pos:pos+8]); 
            if t == b'IDAT': data += d[pos+8:pos+8+n]
            pos += 12 + n
        raw = zlib.decompress(data); bpp = 3; stride = w * bpp; prev = bytearray(stride); count = 0; i = 0
        for y in range(h):
            f = raw[i]; i += 1; line = bytearray(raw[i:i+stride]); i += stride
            for x in range(stride):
                a = line[x-bpp] if x >= bpp else 0; b = prev[x]; c = prev[x-bpp] if x >= bpp else 0
                if f == 1: line[x] = (line[x] + a) & 255
                elif f == 2: line[x] = (line[x] + b) & 255
                elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
                elif f == 4:
                    p = a + b - c; pa, pb, pc = abs(p-a), abs(p-b), abs(p-c)
                    line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            for x in range(0, stride, 3):
                r, g, bl = line[x], line[x+1], line[x+2]
                if bl > 150 and r < 120 and bl - r > 80: count += 1
            prev = line
        print(count)
        """
        let r = try run("python3", ["-c", script, png])
        return Int(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func boxesOverlayTheCellsOnlyWhenAsked() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let plain = try run(vanbanBinary, ["preview", sample, "-o", dir + "/plain.png", "--dpi", "40"])
        let boxed = try run(vanbanBinary, ["preview", sample, "-o", dir + "/boxed.png", "--dpi", "40", "--boxes"])
        #expect(plain.status == 0 && boxed.status == 0)
        #expect(plain.stdout == "2 page(s)\n")
        #expect(boxed.stderr.contains("note: number not assigned: a blank is reserved after \"Số:\""))
        #expect(try bluePixels(dir + "/plain.png") == 0)
        #expect(try bluePixels(dir + "/boxed.png") > 100)
    }

    @Test func allPagesIntoAFolder() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try run(vanbanBinary, ["preview", sample, "--all", "-o", dir + "/pages", "--dpi", "30"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/pages").sorted() == ["page-1.png", "page-2.png"])
    }
}
