import Foundation
import Testing

/// Layout and form authoring through the real CLI: strict layout files, overlay folders, forms,
/// the one-line render report, --version, and messages in Vietnamese.
@Suite struct AuthoringTests {
    let seed = repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json"

    @Test func renderPrintsOneLineUnlessQuiet() throws {
        let dir = try temporaryDirectory()
        let r = try run(vanbanBinary, ["render", seed, "-o", dir + "/a.pdf"])
        #expect(r.status == 0)
        #expect(r.stdout == "\(dir)/a.pdf (2 pages), 0 warnings\n")
        let q = try run(vanbanBinary, ["render", seed, "-o", dir + "/b.pdf", "--quiet"])
        #expect(q.status == 0 && q.stdout.isEmpty)
    }

    @Test func versionIsPrinted() throws {
        let r = try run(vanbanBinary, ["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
    }

    @Test func formsListsFieldsAndSuggestsNames() throws {
        let list = try run(vanbanBinary, ["forms"])
        #expect(list.stdout.contains("phieu-cung-cap-so-lieu-cpdt\tPHIẾU CUNG CẤP SỐ LIỆU"))
        let one = try run(vanbanBinary, ["forms", "phieu-cung-cap-so-lieu-cpdt"])
        #expect(one.status == 0)
        #expect(one.stdout.contains("\n1.1\tnumber\t"))
        #expect(one.stdout.contains("\n1.1.ghi_chu\ttext\t"))
        let typo = try run(vanbanBinary, ["forms", "phieu-cung-cap-so-lieu-cpdtt"])
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("did you mean \"phieu-cung-cap-so-lieu-cpdt\""))
    }

    /// An overlay folder with a copy of cong-van.json edited by `edit`.
    func overlay(_ edit: (String) -> String) throws -> String {
        let dir = try temporaryDirectory() + "/layouts"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let text = try String(contentsOfFile: repositoryRoot + "/Layouts/cong-van.json", encoding: .utf8)
        try edit(text).write(toFile: dir + "/cong-van.json", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func layoutTyposAreErrorsNamingFileAndPath() throws {
        let typo = try overlay { $0.replacingOccurrences(of: "\"paragraph_gap_pt\"", with: "\"paragraf_gap_pt\"") }
        let r = try run(vanbanBinary, ["render", seed, "-o", typo + "/x.pdf", "--layouts", typo])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(typo)/cong-van.json"), "\(r.stderr)")
        #expect(r.stderr.contains("paragraf_gap_pt"), "\(r.stderr)")
        #expect(r.stderr.contains("did you mean \"paragraph_gap_pt\""), "\(r.stderr)")

        // A layout that extends the bundled one: an unknown key is named with its JSON path.
        let dir = try temporaryDirectory()
        try #"{"extends": "cong-van", "body": {"paragraf_gap_pt": 8}}"#.write(toFile: dir + "/mine.json", atomically: true, encoding: .utf8)
        var payload = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: seed))) as? [String: Any])
        payload["layout"] = "mine"
        try JSONSerialization.data(withJSONObject: payload).write(to: URL(fileURLWithPath: dir + "/p.json"))
        let e = try run(vanbanBinary, ["validate", dir + "/p.json", "--layouts", dir])
        #expect(e.stderr.contains("\(dir)/mine.json: $.body.paragraf_gap_pt: unknown key (did you mean \"paragraph_gap_pt\"?)"), "\(e.stderr)")

        let wrongType = try overlay { $0.replacingOccurrences(of: "\"paragraph_gap_pt\": ", with: "\"paragraph_gap_pt\": \"six\", \"x_\": ") }
        let w = try run(vanbanBinary, ["validate", seed, "--layouts", wrongType])
        #expect(w.stderr.contains("$.body.paragraph_gap_pt: expected a number, got a string"), "\(w.stderr)")

        let comma = try overlay { $0.replacingOccurrences(of: "\"paragraph_gap_pt\"", with: "\"x\": 1,}, \"y\": {\"paragraph_gap_pt\"") }
        let c = try run(vanbanBinary, ["validate", seed, "--layouts", comma])
        #expect(c.stderr.contains("\(comma)/cong-van.json: malformed JSON at line"), "\(c.stderr)")
    }

    @Test func overlayLayoutsComeFirstAndVanbanLayoutsToo() throws {
        let dir = try temporaryDirectory()
        try #"{"extends": "cong-van", "description": "mine"}"#.write(toFile: dir + "/rieng.json", atomically: true, encoding: .utf8)
        let r = try run("/usr/bin/env", ["VANBAN_LAYOUTS=" + dir, vanbanBinary, "layouts"])
        #expect(r.stdout.hasPrefix("bao-cao\ncong-van\nrieng\n\ntypes"), "\(r.stdout)")
        let missing = try run(vanbanBinary, ["layouts", "--layouts", dir + "/nowhere"])
        #expect(missing.status == 1 && missing.stderr.contains("does not exist"))
    }

    @Test func messagesInVietnameseByFlagEnvironmentOrLocale() throws {
        let dir = try temporaryDirectory()
        var payload = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: seed))) as? [String: Any])
        payload["date"] = "05/6/2020"
        payload["issuer"] = nil
        try JSONSerialization.data(withJSONObject: payload).write(to: URL(fileURLWithPath: dir + "/p.json"))
        let vi = ["$.issuer: là bắt buộc", "$.date: cần một đối tượng {day, month, year}, nhận được một chuỗi"]
        let en = ["$.issuer: is required", "$.date: expected an object {day, month, year}, got a string"]
        func lines(_ r: ProcessResult) -> Set<String> { Set(r.stderr.split(separator: "\n").map(String.init)) }
        #expect(lines(try run(vanbanBinary, ["validate", dir + "/p.json", "--lang", "vi"])) == Set(vi))
        #expect(lines(try run("/usr/bin/env", ["VANBAN_LANG=vi", vanbanBinary, "validate", dir + "/p.json"])) == Set(vi))
        #expect(lines(try run("/usr/bin/env", ["LANG=vi_VN.UTF-8", "LC_ALL=", vanbanBinary, "validate", dir + "/p.json"])) == Set(vi))
        #expect(lines(try run("/usr/bin/env", ["LANG=en_US.UTF-8", "LC_ALL=", "VANBAN_LANG=", vanbanBinary, "validate", dir + "/p.json"])) == Set(en))
        #expect(lines(try run("/usr/bin/env", ["LANG=vi_VN.UTF-8", vanbanBinary, "validate", dir + "/p.json", "--lang", "en"])) == Set(en))
    }
}
