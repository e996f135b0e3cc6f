import Foundation
import Testing
@testable import VanBanModel
@testable import VanBanPipeline
import VanBanSign

/// Whole validation (decoder, document types, layouts, forms, table fit, strict warnings) of every
/// sample and every case under Tests/cases: no diagnostic is English only.
@Suite struct EngineMessageTests {
    @Test func everyValidationDiagnosticHasAMessageIDAndVietnamese() throws {
        let engine = try Engine(resources: Resources(root: repositoryRoot))
        var files: [String] = []
        for dir in ["Samples", "Tests/cases"] {
            files += FileManager.default.enumerator(atPath: repositoryRoot + "/" + dir)!.compactMap { $0 as? String }
                .filter { $0.hasSuffix(".json") }.map { repositoryRoot + "/" + dir + "/" + $0 }
        }
        // Payload-level mistakes only the engine sees: an unknown type, layout and form, a wrong type code.
        let seed = try String(contentsOfFile: repositoryRoot + "/Samples/type-01-quyet-dinh-to-cong-tac.json", encoding: .utf8)
        let extra = [
            seed.replacingOccurrences(of: "\"kind\": \"quyet_dinh\"", with: "\"kind\": \"quyet_dinhh\""),
            seed.replacingOccurrences(of: "\"kind\": \"quyet_dinh\"", with: "\"kind\": \"quyet_dinh\", \"layout\": \"cong-vann\""),
            seed.replacingOccurrences(of: "\"symbol\": \"", with: "\"symbol\": \"CV-"),
            seed.replacingOccurrences(of: "\"kind\": \"quyet_dinh\"", with: "\"kind\": \"quyet_dinh\", \"subject\": \"x\", \"labelled\": [{\"label\": \"A\", \"text\": \"b\"}]"),
            #"{"kind": "annex_only", "issuer": {"name": "SỞ A"}, "date": {"day": 1, "month": 2, "year": 2023}, "annexes": [{"form": "phieu-cung-cap-so-lieu", "values": {"x": 1}}]}"#,
        ]
        var count = 0
        var payloads: [(String, [UInt8])] = files.map { ($0, Array(FileManager.default.contents(atPath: $0)!)) }
        payloads += extra.enumerated().map { ("extra[\($0.offset)]", Array($0.element.utf8)) }
        for (name, bytes) in payloads {
            var json: [UInt8]
            do { json = try decodeJSONText(bytes) } catch { continue }
            if case .object(let m)? = try? JSONParser.parse(json), case .array(let docs)? = m.first(where: { $0.key == "documents" })?.value,
               let first = docs.first {
                json = Array(JSONWriter.string(first).utf8)
            }
            var diagnostics: [Diagnostic] = []
            do { diagnostics = try engine.validate(json, strict: true).warnings } catch { diagnostics = error.diagnostics }
            for d in diagnostics {
                count += 1
                #expect(d.messageID != nil, "\(name): \(d.description) is English only")
                if d.messageID != nil { #expect(d.message(in: .vi) != d.message && !d.message(in: .vi).contains("\u{1F}"), "\(name): \(d.description(in: .vi))") }
            }
        }
        #expect(count >= 20)
    }
}

/// Issue 14: the PDF date and the resource search without Foundation's formatter and URL paths.
@Suite struct ColdPathHelperTests {
    @Test func zeroPaddedDigits() {
        #expect(ZeroPadding.decimal(2020, width: 4) == "2020")
        #expect(ZeroPadding.decimal(5, width: 2) == "05")
        #expect(ZeroPadding.decimal(12, width: 2) == "12")
        #expect(ZeroPadding.decimal(7, width: 4) == "0007")
        #expect(ZeroPadding.decimal(12345, width: 4) == "12345")
        #expect(ZeroPadding.decimal(0, width: 2) == "00")
        for (v, w) in [(1, 2), (31, 2), (999, 4), (10000, 4), (-5, 3)] {
            #expect(ZeroPadding.decimal(v, width: w) == String(format: "%0\(w)d", v))
        }
    }

    @Test func parentFolders() {
        #expect(AtomicFile.folderAndName("/a/b/vanban").folder == "/a/b")
        #expect(AtomicFile.folderAndName("/a").folder == "/")
        #expect(AtomicFile.folderAndName("/").folder == "/")
        #expect(AtomicFile.folderAndName("vanban").folder == ".")
        #expect(AtomicFile.folderAndName("rel/vanban").folder == "rel")
    }

    /// The executable is found with symbolic links resolved: the test runner's own path.
    @Test func executablePathIsResolved() throws {
        let path = try #require(Resources.executablePath())
        #expect(path.hasPrefix("/"))
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(path == (try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")))
    }
}

@Suite struct AtomicFilePathTests {
    @Test func folderAndName() {
        #expect(AtomicFile.folderAndName("out.pdf") == (".", "out.pdf"))
        #expect(AtomicFile.folderAndName("a/b/out.pdf") == ("a/b", "out.pdf"))
        #expect(AtomicFile.folderAndName("/abs/out.pdf") == ("/abs", "out.pdf"))
        #expect(AtomicFile.folderAndName("/out.pdf") == ("/", "out.pdf"))
        #expect(AtomicFile.folderAndName("/a/b/") == ("/a", "b"))
        #expect(AtomicFile.folderAndName("đơn vị/báo cáo.pdf") == ("đơn vị", "báo cáo.pdf"))
    }
}

/// Found by a fresh tester: the resource search listed "/" four times, trusted `argv[0]` over the
/// running program, and told a user who gave `--resources` to set VANBAN_HOME.
@Suite struct ResourceSearchTests {
    @Test func aGivenFolderWithoutResourcesIsNamed() {
        do { _ = try Resources.locate(explicit: "/nonexistent-vanban") ; Issue.record("found resources in /nonexistent-vanban") } catch {
            if ProcessEnvironment.value("VANBAN_HOME") == nil {
                #expect(error.description == "the resources folder /nonexistent-vanban (--resources) has no Fonts/ and Layouts/ folders")
            } else {
                #expect(error.description.contains("/nonexistent-vanban"))
            }
        }
    }
}

/// Found by a fresh tester: a document type whose file is wrong was reported as an unknown type, with
/// the list of types (its own name among them) appended.
@Suite struct BrokenTypeFileTests {
    @Test func aBrokenTypeFileIsNamedWithoutTheListOfTypes() throws {
        let root = NSTemporaryDirectory() + "vanban-root-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createSymbolicLink(atPath: root + "/Fonts", withDestinationPath: repositoryRoot + "/Fonts")
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Layouts", toPath: root + "/Layouts")
        try #"{"name": "X", "model": "1", "layout": "cong-van", "required": [], "blocks": [{ "block": "header", "gap_before_pt": "6" }]}"#
            .write(toFile: root + "/Layouts/types/hong.json", atomically: true, encoding: .utf8)
        let engine = try Engine(resources: Resources(root: root))
        let payload = try String(contentsOfFile: repositoryRoot + "/Samples/seed-000-cung-cap-so-lieu.json", encoding: .utf8)
            .replacingOccurrences(of: "\"kind\": \"cong_van\"", with: "\"kind\": \"hong\"")
        #expect(payload.contains("\"kind\": \"hong\""))
        do { _ = try engine.validate(Array(payload.utf8)); Issue.record("validated") } catch {
            let kind = error.diagnostics.filter { $0.path.description == "$.kind" }.map(\.description)
            #expect(kind == ["$.kind: Layouts/types/hong.json: $.blocks[0].gap_before_pt: expected a number, got a string"])
        }
        // An unknown type still lists the types.
        do { _ = try engine.validate(Array(payload.replacingOccurrences(of: "\"hong\"", with: "\"khong_co\"").utf8)); Issue.record("validated") } catch {
            #expect(error.diagnostics.contains { $0.path.description == "$.kind" && $0.description.contains("; types: ") })
        }
    }
}
