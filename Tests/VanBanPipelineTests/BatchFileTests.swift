import Foundation
import Testing
@testable import VanBanModel
@testable import VanBanPipeline

/// A batch JSON file read in place (`BatchInput.fromJSONFile`): the same documents, payloads and
/// fingerprints as the in-memory reader for every well-formed batch, whatever its layout; exactly the
/// in-memory reader's diagnostics for everything else; and a document whose bytes change on disk after
/// the scan fails alone, naming its id and the file.
@Suite struct BatchFileTests {
    let sample = repositoryRoot + "/Samples/batch-dong-thap-cpdt.json"

    func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-batchfile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func write(_ bytes: [UInt8], in dir: String, name: String = "batch.json") throws -> String {
        let path = dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func isFile(_ d: BatchDocument) -> Bool { if case .file = d.source { return true } else { return false } }

    /// The streamed reading of `bytes` (read in `chunkSize` pieces) against `fromJSON` of the same bytes.
    func expectSameAsInMemory(_ bytes: [UInt8], chunkSize: Int, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try write(bytes, in: dir)
        let memory = try BatchInput.fromJSON(bytes)
        let streamed: (documents: [BatchDocument], summary: JSONValue?)
        switch BatchFile.read(path, chunkSize: chunkSize) {
        case .success(let s): streamed = s
        case .failure(let why):
            Issue.record("\(label): read whole (\(why)), not in place", sourceLocation: sourceLocation)
            return
        }
        #expect(streamed.documents.allSatisfy(isFile), "\(label)", sourceLocation: sourceLocation)
        #expect(streamed.documents.map(\.id) == memory.documents.map(\.id), "\(label)", sourceLocation: sourceLocation)
        #expect(streamed.documents.map(\.group) == memory.documents.map(\.group), "\(label)", sourceLocation: sourceLocation)
        #expect(streamed.summary.map(JSONWriter.string) == memory.summary.map(JSONWriter.string), "\(label)", sourceLocation: sourceLocation)
        for (s, m) in zip(streamed.documents, memory.documents) {
            let a = try s.payload, b = try m.payload
            #expect(JSONWriter.string(a) == JSONWriter.string(b), "\(label): \(s.id)", sourceLocation: sourceLocation)
            #expect(try s.hash == m.hash, "\(label): \(s.id)", sourceLocation: sourceLocation)
        }
        // And through the public entry point, which must not need the whole file.
        let viaEntry = try BatchInput.fromJSONFile(path) { Issue.record("\(label): read whole", sourceLocation: sourceLocation); return bytes }
        #expect(viaEntry.documents.map(\.id) == memory.documents.map(\.id), sourceLocation: sourceLocation)
    }

    /// A small batch written by hand: keys in any order, escapes of every kind, surrogate pairs, raw
    /// Vietnamese, numbers in every JSON form, nested arrays, CRLF and tabs, ids and groups in NFD.
    static let handWritten = """
    \t{ "documents" :\r\n [ {"\\u0069d":"a\\/1","group":"Các s\\u1edf","issuer":{"name":"S\\u1EDE T\\u00C0I CH\\u00CDNH \\ud83d\\ude00"},
      "body":[{"text":"d\\u00f2ng \\"m\\u1ed9t\\"\\\\\\n\\t\\r\\b\\f"}],"n":[-0.5e+3,1E2,0,-0,12.25,1e-7,[[[]]],{}], "t": true, "f": false, "z": null},
     {"id": "e\\u0301-2", "group": null, "kind": "cong_van", "date": {"day": 2}, "annexes": [{"values": {"1.1": 3290, "2.4": 16.7}}]} ,
     {"group": "UBND c\u{1EA5}p huy\u{1EC7}n", "id": "x", "date": {"day": 3, "month": 7}}
     ] ,"summary":{"issuer":{"name":"S\u{1EDE} TT&TT"}}, "$schema": ["any", {"value": 1}],
     "defaults": {"kind": "cong_van", "date": {"month": 6, "year": 2020}, "annexes": [{"form": "phieu-cung-cap-so-lieu-cpdt"}]}
    }\r\n\t
    """

    @Test func theStreamedReaderGivesTheSameDocumentsAsTheInMemoryOne() throws {
        let sampleBytes = Array(try Data(contentsOf: URL(fileURLWithPath: sample)))
        // Many documents of long text, so that every kind of byte falls on a read boundary somewhere.
        var big = "{\"defaults\": {\"kind\": \"cong_van\", \"recipients\": [\"Sở A\"]}, \"documents\": ["
        for i in 0..<150 {
            big += (i == 0 ? "" : ",\n") + "{\"id\": \"d\(i)\", \"group\": \"Nhóm \(i % 4)\", \"body\": [{\"text\": \""
                + String(repeating: "Đồng Tháp \\u0111\\\"x\\\\ \\ud83d\\ude00 ", count: i % 9 + 1) + "\"}], \"number\": \(i).5e\(i % 3)}"
        }
        big += "]}"
        let inputs: [(String, [UInt8])] = [
            ("sample", sampleBytes),
            ("sample with a BOM", [0xEF, 0xBB, 0xBF] + sampleBytes),
            ("hand-written", Array(Self.handWritten.utf8)),
            ("hand-written with a BOM", [0xEF, 0xBB, 0xBF] + Array(Self.handWritten.utf8)),
            ("compact", Array(#"{"documents":[{"id":"a"}]}"#.utf8)),
            ("many documents", Array(big.utf8)),
        ]
        for (label, bytes) in inputs {
            for chunk in [16, 17, 1000, BatchFileScanner.chunkSize] {
                try expectSameAsInMemory(bytes, chunkSize: chunk, "\(label), reads of \(chunk)")
            }
        }
    }

    /// Nesting: 200 levels are read in place (as JSONParser accepts them), 201 are refused by fromJSON.
    @Test func nestingDepthIsJSONParsers() throws {
        func batch(depth: Int) -> [UInt8] {
            // The root object, the documents array and the document are three levels.
            let inner = String(repeating: "[", count: depth - 3) + String(repeating: "]", count: depth - 3)
            return Array("{\"documents\": [{\"id\": \"a\", \"x\": \(inner)}]}".utf8)
        }
        try expectSameAsInMemory(batch(depth: 200), chunkSize: 64, "depth 200")
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try write(batch(depth: 201), in: dir)
        guard case .failure = BatchFile.read(path) else { Issue.record("depth 201 read in place"); return }
    }

    /// Anything but a plain well-formed batch is read whole by `fromJSON`: its documents or its
    /// diagnostics are exactly those of the in-memory reader.
    @Test func everythingElseIsReadWholeWithTheInMemoryReadersDiagnostics() throws {
        let doc = #"{"id": "a", "kind": "cong_van"}"#
        func b(_ s: String) -> [UInt8] { Array(s.utf8) }
        var utf16: [UInt8] = [0xFF, 0xFE]
        for u in "{\"documents\": [{\"id\": \"Sở\"}]}".utf16 { utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        var utf16Broken: [UInt8] = [0xFF, 0xFE]
        for u in "{\"documents\": [{\"id\": \"Sở\"}}".utf16 { utf16Broken += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let failing: [(String, [UInt8])] = [
            ("empty file", []),
            ("only spaces", b("  \n")),
            ("an array", b("[\(doc)]")),
            ("empty object", b("{}")),
            ("no documents", b(#"{"defaults": {}}"#)),
            ("empty documents", b(#"{"documents": []}"#)),
            ("null documents", b(#"{"documents": null}"#)),
            ("documents an object", b(#"{"documents": {"id": "a"}}"#)),
            ("a document that is a number", b("{\"documents\": [\(doc), 1]}")),
            ("a document without id", b(#"{"documents": [{"kind": "cong_van"}]}"#)),
            ("a null id", b(#"{"documents": [{"id": null}]}"#)),
            ("a number id", b(#"{"documents": [{"id": 5}]}"#)),
            ("a blank id", b(#"{"documents": [{"id": "  "}]}"#)),
            ("an id with a control character", b(#"{"documents": [{"id": "a\u0001"}]}"#)),
            ("a duplicate id", b("{\"documents\": [\(doc), \(doc)]}")),
            ("a duplicate id after NFC", b(#"{"documents": [{"id": "\u00e9"}, {"id": "e\u0301"}]}"#)),
            ("a group that is a number", b(#"{"documents": [{"id": "a", "group": 3}]}"#)),
            ("a blank group", b(#"{"documents": [{"id": "a", "group": ""}]}"#)),
            ("a repeated top-level key", b("{\"documents\": [\(doc)], \"documents\": [\(doc)]}")),
            ("an unknown top-level key", b("{\"document\": [\(doc)]}")),
            ("defaults not an object", b("{\"defaults\": 3, \"documents\": [\(doc)]}")),
            ("summary an array", b("{\"summary\": [], \"documents\": [\(doc)]}")),
            ("trailing comma in a document", b(#"{"documents": [{"id": "a",}]}"#)),
            ("trailing comma in documents", b("{\"documents\": [\(doc),]}")),
            ("a missing colon", b(#"{"documents": [{"id" "a"}]}"#)),
            ("a bad escape", b(#"{"documents": [{"id": "a", "t": "\x"}]}"#)),
            ("a lone high surrogate", b(#"{"documents": [{"id": "a", "t": "\ud800"}]}"#)),
            ("a lone low surrogate", b(#"{"documents": [{"id": "a", "t": "\udc00x"}]}"#)),
            ("a high surrogate then no low one", b(#"{"documents": [{"id": "a", "t": "\ud800\u0041"}]}"#)),
            ("a short \\u escape", b(#"{"documents": [{"id": "a", "t": "\u12"}]}"#)),
            ("a raw control character", b("{\"documents\": [{\"id\": \"a\", \"t\": \"x\ty\"}]}")),
            ("byte 0xFF", b("{\"documents\": [{\"id\": \"a\", \"t\": \"") + [0xFF] + b("\"}]}")),
            ("an overlong sequence", b("{\"documents\": [{\"id\": \"a\", \"t\": \"") + [0xC0, 0xAF] + b("\"}]}")),
            ("an encoded surrogate", b("{\"documents\": [{\"id\": \"a\", \"t\": \"") + [0xED, 0xA0, 0x80] + b("\"}]}")),
            ("a truncated sequence", b("{\"documents\": [{\"id\": \"a\", \"t\": \"") + [0xE1, 0xBB] + b("\"}]}")),
            ("Windows-1258", b("{\"documents\": [{\"id\": \"S") + [0xD4] + b("\"}]}")),
            ("a NUL byte", b("{\"documents\": [\(doc)]}") + [0x00]),
            ("a NUL byte in a string", b("{\"documents\": [{\"id\": \"a") + [0x00] + b("\"}]}")),
            ("a leading zero", b(#"{"documents": [{"id": "a", "n": 01}]}"#)),
            ("no fraction digits", b(#"{"documents": [{"id": "a", "n": 1.}]}"#)),
            ("a lone minus", b(#"{"documents": [{"id": "a", "n": -}]}"#)),
            ("no exponent digits", b(#"{"documents": [{"id": "a", "n": 1e+}]}"#)),
            ("a plus sign", b(#"{"documents": [{"id": "a", "n": +1}]}"#)),
            ("a number out of range", b(#"{"documents": [{"id": "a", "n": 1e999}]}"#)),
            ("a long number out of range", b("{\"documents\": [{\"id\": \"a\", \"n\": " + String(repeating: "9", count: 400) + "}]}")),
            ("a misspelt literal", b(#"{"documents": [{"id": "a", "t": tru}]}"#)),
            ("a capital literal", b(#"{"documents": [{"id": "a", "t": Null}]}"#)),
            ("text after the batch", b("{\"documents\": [\(doc)]} x")),
            ("a second object", b("{\"documents\": [\(doc)]}{}")),
            ("an unterminated string", b(#"{"documents": [{"id": "a}]}"#)),
            ("a truncated file", b("{\"documents\": [\(doc)")),
            ("a truncated document", b(#"{"documents": [{"id": "a", "body": [1, 2"#)),
            ("a comment", b("{\"documents\": [\(doc)] // x\n}")),
            ("single quotes", b("{'documents': [\(doc)]}")),
            ("nested too deep", b("{\"documents\": [{\"id\": \"a\", \"x\": " + String(repeating: "[", count: 198) + String(repeating: "]", count: 198) + "}]}")),
            ("UTF-16 with a syntax error", utf16Broken),
            ("a UTF-32 byte order mark", [0x00, 0x00, 0xFE, 0xFF] + b("{}")),
        ]
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (label, bytes) in failing {
            let path = try write(bytes, in: dir)
            var expected = ""
            do { _ = try BatchInput.fromJSON(bytes); Issue.record("\(label): fromJSON accepted it") } catch { expected = error.description }
            var readWhole = false
            do {
                _ = try BatchInput.fromJSONFile(path) { readWhole = true; return bytes }
                Issue.record("\(label): accepted")
            } catch let failure as ValidationFailure {
                #expect(failure.description == expected, "\(label)")
                #expect(!expected.isEmpty, "\(label)")
            }
            #expect(readWhole, "\(label): not read whole")
        }
        // Off the plain path yet well formed: read whole, and the same documents as fromJSON.
        let accepted: [(String, [UInt8])] = [
            ("UTF-16", utf16),
            ("two byte order marks", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + b("{\"documents\": [\(doc)]}")),
            ("an id given twice (the last one counts)", b(#"{"documents": [{"id": "a", "kind": "cong_van", "id": "b"}]}"#)),
            ("a number of 5,000 digits", b("{\"documents\": [{\"id\": \"a\", \"n\": 0." + String(repeating: "1", count: 5000) + "}]}")),
        ]
        for (label, bytes) in accepted {
            let path = try write(bytes, in: dir)
            guard case .failure = BatchFile.read(path) else { Issue.record("\(label): read in place"); continue }
            let memory = try BatchInput.fromJSON(bytes)
            let whole = try BatchInput.fromJSONFile(path) { bytes }
            #expect(whole.documents.map(\.id) == memory.documents.map(\.id), "\(label)")
            #expect(try whole.documents.map { try JSONWriter.string($0.payload) } == memory.documents.map { try JSONWriter.string($0.payload) }, "\(label)")
        }
        // A file that cannot be opened, or a folder, is read whole too: the caller reports it.
        var asked = 0
        #expect(throws: PipelineError.self) { _ = try BatchInput.fromJSONFile(dir + "/missing.json") { asked += 1; throw PipelineError("missing") } }
        #expect(throws: PipelineError.self) { _ = try BatchInput.fromJSONFile(dir) { asked += 1; throw PipelineError("folder") } }
        #expect(asked == 2)
    }

    /// The first three documents of the sample batch, as a file of their own.
    func smallBatch() throws -> [UInt8] {
        let json = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: sample))))
        guard case .array(let docs)? = json["documents"] else { throw PipelineError("no documents") }
        let batch: JSONValue = .object([("defaults", json["defaults"]!), ("summary", json["summary"]!), ("documents", .array(Array(docs.prefix(3))))])
        return Array(JSONWriter.string(batch).utf8)
    }

    /// A document whose bytes change on disk after the scan fails with its id and the file's name; the
    /// others render; the first one, unchanged, renders from the file as it is.
    @Test func aDocumentChangedOnDiskFailsAloneNamingItsIDAndTheFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var bytes = try smallBatch()
        let path = try write(bytes, in: dir)
        let (documents, _) = try BatchInput.fromJSONFile(path) { Issue.record("read whole"); return bytes }
        #expect(documents.count == 3 && documents.allSatisfy(isFile))
        guard case .file(_, let range, _) = documents[1].source else { return }
        // One letter of the second document changes, in place and at the same length.
        let at = bytes[range].firstIndex(of: UInt8(ascii: "S"))!
        bytes[at] = UInt8(ascii: "X")
        let fd = open(path, O_WRONLY)
        #expect(fd >= 0)
        _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress! + at, 1, off_t(at)) }
        close(fd)

        #expect(throws: PipelineError.self) { _ = try documents[1].payload }
        do { _ = try documents[1].payload } catch {
            #expect(error.description.contains("\"\(documents[1].id)\"") && error.description.contains(path), "\(error)")
            #expect(error.description.contains("changed"), "\(error)")
        }
        let engine = try Engine(resources: Resources(root: repositoryRoot))
        let out = dir + "/out"
        let entries = try BatchRunner(engine: engine).run(documents, options: BatchOptions(outputDirectory: out, jobs: 2))
        #expect(entries.map(\.status) == ["ok", "error", "ok"])
        #expect(entries[1].id == documents[1].id && entries[1].error?.contains(path) == true, "\(entries[1])")
        #expect(FileManager.default.fileExists(atPath: out + "/" + entries[0].file!))
        #expect(!FileManager.default.fileExists(atPath: out + "/" + SafeFileName.make(documents[1].id) + ".pdf"))
        // The merged file stops at the changed document, naming it.
        #expect(throws: PipelineError.self) { _ = try BatchRunner(engine: engine).merged(documents, entries: entries.map { var e = $0; e.status = "ok"; return e }, duplex: false) }

        // Cut short: the documents past the end can no longer be read.
        #expect(truncate(path, off_t(range.lowerBound + 2)) == 0)
        do { _ = try documents[2].payload; Issue.record("read past the end") } catch {
            #expect(error.description.contains("\"\(documents[2].id)\"") && error.description.contains("changed"), "\(error)")
        }
    }

    /// The summary made from documents read in place is the one made from documents in memory, a
    /// failed document's row included.
    @Test func theSummaryIsTheSameFromEitherReader() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: sample)))
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try write(bytes, in: dir)
        let streamed = try BatchInput.fromJSONFile(path) { Issue.record("read whole"); return bytes }
        let memory = try BatchInput.fromJSON(bytes)
        #expect(streamed.documents.allSatisfy(isFile))
        let formBytes = Array(FileManager.default.contents(atPath: repositoryRoot + "/Layouts/forms/phieu-cung-cap-so-lieu-cpdt.json")!)
        let form = try #require(FormDefinition.decode(formBytes, name: "phieu-cung-cap-so-lieu-cpdt").form)
        let entries = memory.documents.enumerated().map { i, d in
            ManifestEntry(id: d.id, file: nil, pages: nil, status: i == 4 ? "error" : "ok", error: nil, hash: "")
        }
        let a = try BatchSummary.payload(documents: streamed.documents, entries: entries, form: form, overrides: streamed.summary)
        let b = try BatchSummary.payload(documents: memory.documents, entries: entries, form: form, overrides: memory.summary)
        #expect(JSONWriter.string(a) == JSONWriter.string(b))
        #expect(JSONWriter.string(a).contains(BatchSummary.noFiguresMark))
        // The rows carry the documents' figures (not only blank cells).
        let columns = Set(BatchSummary.numberFields(form).map(\.id))
        let figures = BatchSummary.annexValues(try memory.documents[0].payload).compactMap { key, v -> String? in
            if columns.contains(key), case .number(let n) = v { return n.literal } else { return nil }
        }
        #expect(!figures.isEmpty)
        guard case .array(let annexes)? = a["annexes"], case .array(let blocks)? = annexes.first?["blocks"],
              case .array(let rows)? = blocks.first?["table"]?["rows"] else { Issue.record("no table"); return }
        let cells = rows.compactMap { row -> [String]? in
            guard case .array(let c) = row else { return nil }
            return c.compactMap { if case .number(let n) = $0 { return n.literal } else { return nil } }
        }
        #expect(cells.count == memory.documents.count)
        #expect(Set(figures).isSubset(of: Set(cells.flatMap { $0 })), "\(figures)")
    }
}
