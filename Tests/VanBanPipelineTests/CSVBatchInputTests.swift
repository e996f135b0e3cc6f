import Foundation
import Testing
@testable import VanBanModel
@testable import VanBanPipeline

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// CSV batches: separators, encodings, field counts, header names and numbers — every refusal names
/// FILE:LINE, the column and its JSON path; nothing is guessed.
@Suite struct CSVBatchInputTests {
    let form: FormDefinition = {
        let bytes = Array(FileManager.default.contents(atPath: repositoryRoot + "/Layouts/forms/phieu-cung-cap-so-lieu-cpdt.json")!)
        return FormDefinition.decode(bytes, name: "phieu-cung-cap-so-lieu-cpdt").form!
    }()

    func read(_ csv: String, options: CSVOptions = CSVOptions()) throws(CSVInputError) -> [BatchDocument] {
        try BatchInput.fromCSV(Array(csv.utf8), file: "v.csv", form: form, defaults: .object([]), options: options).documents
    }

    func problems(_ csv: [UInt8], options: CSVOptions = CSVOptions()) -> [String] {
        do { _ = try BatchInput.fromCSV(csv, file: "v.csv", form: form, defaults: .object([]), options: options); return [] }
        catch { return error.problems.map(\.description) }
    }
    func problems(_ csv: String, options: CSVOptions = CSVOptions()) -> [String] { problems(Array(csv.utf8), options: options) }

    func value(_ doc: BatchDocument, _ field: String) -> String? {
        guard case .array(let a)? = (try? doc.payload)?["annexes"], case .number(let n)? = a.first?["values"]?[field] else { return nil }
        return n.literal
    }

    /// A line break inside a quoted cell is kept as LF, whether the file ends its lines with LF or CRLF
    /// (CRLF was refused as a control character U+000D in the cell). Found by a fresh tester.
    @Test func aLineBreakInsideAQuotedCellReadsAsLF() throws {
        for end in ["\n", "\r\n"] {
            let table = try CSVTable.read(Array("id;ghi chú\(end)a;\"dòng một\(end)dòng hai\"\(end)b;x\(end)".utf8), file: "v.csv")
            #expect(table.rows.map(\.fields) == [["a", "dòng một\ndòng hai"], ["b", "x"]])
        }
    }

    @Test func separatorIsDetectedFromTheHeaderOrForced() throws {
        for sep in [",", ";", "\t"] {
            let docs = try read(["id", "issuer.name", "1.1", "2.4"].joined(separator: sep) + "\r\n" + ["a", "SỞ X", "12", "\"28,4\""].joined(separator: sep) + "\r\n")
            #expect(docs.count == 1 && value(docs[0], "2.4") == "28.4", "separator \(sep)")
            #expect(try docs[0].payload["issuer"]?["name"] == .string("SỞ X"))
        }
        // Forced: a header read with the wrong separator has no "id" column, and the message says what was read.
        let p = problems("id;1.1\na;5\n", options: CSVOptions(delimiter: .comma))
        #expect(p.count == 1 && p[0].hasPrefix("v.csv:1: the header needs"), "\(p)")
        #expect(p.count == 1 && p[0].hasPrefix("v.csv:1: the header needs an \"id\" column (read with \",\" as the separator: \"id;1.1\")"))
    }

    @Test func utf16AndBOMAreReadAndWindows1258IsRefusedNamingTheLine() throws {
        let csv = "id\tissuer.name\t1.1\r\nso-tc\tSỞ TÀI CHÍNH\t3290\r\n"
        var le: [UInt8] = [0xFF, 0xFE], be: [UInt8] = [0xFE, 0xFF]
        for u in csv.utf16 { le += [UInt8(u & 0xFF), UInt8(u >> 8)]; be += [UInt8(u >> 8), UInt8(u & 0xFF)] }
        for bytes in [le, be, [0xEF, 0xBB, 0xBF] + Array(csv.utf8)] {
            let docs = try BatchInput.fromCSV(bytes, file: "v.csv", form: form, defaults: .object([])).documents
            #expect(try docs.map(\.id) == ["so-tc"] && docs[0].payload["issuer"]?["name"] == .string("SỞ TÀI CHÍNH") && value(docs[0], "1.1") == "3290")
        }
        // "SỞ TÀI" in Windows-1258 on line 2.
        let cp1258: [UInt8] = Array("id,issuer.name\r\nso-tc,S".utf8) + [0xD5, 0x20, 0x54, 0xC0, 0x49] + Array("\r\n".utf8)
        let p = problems(cp1258)
        #expect(p.count == 1)
        #expect(p[0].hasPrefix("v.csv:2: the bytes 0xD5 0x20 are not a UTF-8 character"))
        #expect(p[0].contains("\"CSV UTF-8"))
    }

    @Test func longAndShortRowsNameTheLineAndBothCounts() {
        let long = problems("id,issuer.name,1.1,2.4,3.1.1\nso-a,SỞ A,3290,28,4,529\nso-b,SỞ B,1,2,3\n")
        #expect(long == ["v.csv:2: 6 fields but the header has 5 (an unquoted decimal comma? write 28,4 in quotes or save with \";\" as separator): column \"2.4\" ($.annexes[0].values[\"2.4\"]) reads \"28\" then \"4\""])
        let short = problems("id,issuer.name,1.1,2.4\nso-a,SỞ A,3290\n")
        #expect(short.count == 1 && short[0].hasPrefix("v.csv:2: 3 fields but the header has 4") && short[0].contains("\"2.4\""))
        let semicolon = problems("id;1.1;1.2\na;1;2;3\n")
        #expect(semicolon.count == 1 && semicolon[0].hasPrefix("v.csv:2: 4 fields but the header has 3 (a \";\" inside a cell"))
        // Blank rows and rows of separators only are skipped but counted, like Excel's row numbers.
        let counted = problems("id,1.1\n\n,\na,1,2\n")
        #expect(counted.count == 1 && counted[0].hasPrefix("v.csv:4: 3 fields"))
        // An unclosed quote would swallow every following row into one cell.
        let unclosed = problems("id,issuer.name\na,\"SỞ A\nb,SỞ B\n")
        #expect(unclosed.count == 1 && unclosed[0].hasPrefix("v.csv:2: a quoted field opened on this line is never closed"))
    }

    @Test func ambiguousNumbersAreRefusedUnlessTheFormatIsGiven() throws {
        let csv = "id,1.1,2.4\na,\"3.290\",\"2,829\"\n"
        let p = problems(csv)
        #expect(p.count == 2)
        #expect(p[0].hasPrefix("v.csv:2: column \"1.1\" ($.annexes[0].values[\"1.1\"]): \"3.290\" is ambiguous"))
        #expect(p[0].hasSuffix("say which with --number-format vi (1.234,5) or --number-format en (1,234.5)"))
        #expect(p[1].hasPrefix("v.csv:2: column \"2.4\" ($.annexes[0].values[\"2.4\"]): \"2,829\" is ambiguous"))
        let vi = try read(csv, options: CSVOptions(numberFormat: .vietnamese))
        #expect(value(vi[0], "1.1") == "3290" && value(vi[0], "2.4") == "2.829")
        let en = try read(csv, options: CSVOptions(numberFormat: .english))
        #expect(value(en[0], "1.1") == "3.290" && value(en[0], "2.4") == "2829")
        // Unambiguous shapes read in detect mode, exactly.
        let plain = try read("id,1.1,2.4,3.1.1\na,1.234.567,\"28,4\",0.000001\n")
        #expect(value(plain[0], "1.1") == "1234567" && value(plain[0], "2.4") == "28.4" && value(plain[0], "3.1.1") == "0.000001")
        // A Vietnamese-format file refuses an English decimal point rather than misreading it.
        #expect(problems("id;2.4\na;28.4\n", options: CSVOptions(numberFormat: .vietnamese)).count == 1)
        #expect(problems("id,1.1\na,nhiều\n") == ["v.csv:2: column \"1.1\" ($.annexes[0].values[\"1.1\"]): expected a number, got \"nhiều\""])
    }

    @Test func unknownHeadersAreErrorsWithDidYouMeanEvenWhenTheirCellsAreEmpty() {
        let p = problems("id,issuer.nmae,subjet,1.11,signer.name\na,,,,X\n")
        #expect(p.contains("v.csv:1: column \"issuer.nmae\": is neither a field of the form \"phieu-cung-cap-so-lieu-cpdt\" nor a payload field (did you mean \"issuer.name\"?)"))
        #expect(p.contains("v.csv:1: column \"subjet\": is neither a field of the form \"phieu-cung-cap-so-lieu-cpdt\" nor a payload field (did you mean \"subject\"?)"))
        #expect(p.contains { $0.hasPrefix("v.csv:1: column \"1.11\": is neither") && $0.contains("(did you mean \"1.1\"?)") })
        #expect(p.count == 3)
        // Payload paths the decoder knows are accepted, whole numbers read as numbers.
        let ok = problems("id,number,date.day,symbol,issuer.name_in_text,1.1.ghi_chu\na,\"15\",5,X-VP,Sở A,ghi chú\n")
        #expect(ok.isEmpty, "\(ok)")
        let bad = problems("id,date\na,5\n")
        #expect(bad.count == 1 && bad[0].contains("is an object in the payload"))
    }

    @Test func textFieldsKeepLeadingZerosAndIdsMustBeUnique() throws {
        let docs = try read("id,1.1.ghi_chu\na,00070\n")
        guard case .array(let a)? = try docs[0].payload["annexes"] else { Issue.record("no annex"); return }
        #expect(a.first?["values"]?["1.1.ghi_chu"] == .string("00070"))
        #expect(problems("id,1.1\na,1\na,2\n") == ["v.csv:3: column \"id\": duplicate id \"a\" (also on line 2)"])
    }

    @Test func theDefaultsSummaryKeyIsTheSummaryNotPartOfEachDocument() throws {
        let defaults = try JSONParser.parse("{\"kind\": \"cong_van\", \"summary\": {\"issuer\": {\"name\": \"SỞ TT&TT\"}}}")
        let r = try BatchInput.fromCSV(Array("id,1.1\na,1\n".utf8), file: "v.csv", form: form, defaults: defaults)
        #expect(r.summary?["issuer"]?["name"] == .string("SỞ TT&TT"))
        #expect(try r.documents[0].payload["summary"] == nil)
    }

    /// A row's document holds the row as read, not a merged payload (a batch of 2,000 rows held 2,000
    /// payloads, #14); its payload, made when asked for, is the defaults with each filled cell set in
    /// place, in column order, and the form's annex taking the place of the defaults' first annex, keeping
    /// what it says besides form and values, and the annexes after it. Empty cells set nothing; the origin names the columns
    /// that gave a value.
    @Test func aRowIsKeptAsReadAndItsPayloadIsTheDefaultsWithItsCellsSet() throws {
        let defaults = try JSONParser.parse(#"{"kind": "cong_van", "issuer": {"parent": "UBND TỈNH X", "name": "CŨ"}, "annexes": [{"label": "I"}, {"form": "bo"}], "symbol": "S", "summary": {"symbol": "T"}}"#)
        let csv = "id;group;issuer.name;signer.name;number;1.1;1.2\nso-a;Sở;SỞ MỚI;Lê Văn A;15;3.290;\nso-b;;;;;7;8\n"
        let r = try BatchInput.fromCSV(Array(csv.utf8), file: "v.csv", form: form, defaults: defaults, options: CSVOptions(numberFormat: .vietnamese))
        guard case .csvRow(_, let line, let cells) = r.documents[0].source else { Issue.record("not kept as a row"); return }
        #expect(line == 2 && cells.count == 7 && cells.fields == ["so-a", "Sở", "SỞ MỚI", "Lê Văn A", "15", "3.290", ""])
        // Cells hold any text as given: empty ones, quotes, separators, line breaks, combining marks.
        let odd = ["", "a;b", "\"q\"", "x\r\ny", "Hòa\u{0301}", "", "🙂"]
        #expect(CSVCells(odd).fields == odd && CSVCells([]).fields == [])
        let a = try JSONParser.parse(#"{"kind": "cong_van", "issuer": {"parent": "UBND TỈNH X", "name": "SỞ MỚI"}, "annexes": [{"label": "I", "form": "phieu-cung-cap-so-lieu-cpdt", "values": {"1.1": 3290}}, {"form": "bo"}], "symbol": "S", "signer": {"name": "Lê Văn A"}, "number": 15}"#)
        let b = try JSONParser.parse(#"{"kind": "cong_van", "issuer": {"parent": "UBND TỈNH X", "name": "CŨ"}, "annexes": [{"label": "I", "form": "phieu-cung-cap-so-lieu-cpdt", "values": {"1.1": 7, "1.2": 8}}, {"form": "bo"}], "symbol": "S"}"#)
        #expect(JSONWriter.string(try r.documents[0].payload) == JSONWriter.string(a))
        #expect(JSONWriter.string(try r.documents[1].payload) == JSONWriter.string(b))
        #expect(try r.documents[0].hash == BatchInput.fingerprint(a))
        #expect(r.documents.map(\.group) == ["Sở", nil])
        #expect(r.documents[0].origin?.columns.map(\.header) == ["issuer.name", "signer.name", "number", "1.1"])
        #expect(r.documents[1].origin?.prefix(for: .root / "annexes" / 0 / "values" / "1.2") == "v.csv:3: column \"1.2\": ")
    }

    /// A row that names its own agency in issuer.name while issuer.name_in_text still comes from the
    /// defaults would print two agencies (the letterhead one, the annex's "… của Sở Mặc định" and the
    /// summary the other): refused with the file's other problems, at the column that set it. A row
    /// giving both, or repeating the defaults' name, is its agency. A JSON batch document likewise,
    /// when it is rendered. Found by a fresh tester.
    @Test func aRowNamingItsOwnAgencyUnderTheDefaultsNameInTextIsRefused() throws {
        let defaults = try JSONParser.parse(#"{"issuer": {"parent": "UBND TỈNH X", "name": "SỞ MẶC ĐỊNH", "name_in_text": "Sở Mặc định"}}"#)
        func problems(_ csv: String) -> [String] {
            do { _ = try BatchInput.fromCSV(Array(csv.utf8), file: "v.csv", form: form, defaults: defaults); return [] }
            catch { return error.problems.map(\.description) }
        }
        #expect(problems("id,issuer.name,1.1\na,SỞ SỐ 1,5\nb,SỞ MẶC ĐỊNH,6\n")
                == ["v.csv:2: column \"issuer.name\" ($.issuer.name_in_text): issuer.name_in_text would come from the defaults (\"Sở Mặc định\") while issuer.name is this document's own (\"SỞ SỐ 1\"): the document would name two agencies; give issuer.name_in_text too, or leave it out of the defaults"])
        #expect(problems("id,issuer.name_in_text,1.1\na,Sở Số 1,5\n")
                == ["v.csv:2: column \"issuer.name_in_text\" ($.issuer.name): issuer.name would come from the defaults (\"SỞ MẶC ĐỊNH\") while issuer.name_in_text is this document's own (\"Sở Số 1\"): the document would name two agencies; give issuer.name too, or leave it out of the defaults"])
        #expect(problems("id,issuer.name,issuer.name_in_text,1.1\na,SỞ SỐ 1,Sở Số 1,5\n") == [])

        let json = try BatchInput.fromJSON(Array(#"{"defaults": {"issuer": {"name": "SỞ A", "name_in_text": "Sở A"}}, "documents": [{"id": "x", "issuer": {"name": "SỞ B"}}, {"id": "y", "issuer": {"name": "SỞ A"}}, {"id": "z", "issuer": {"name": "SỞ C", "name_in_text": "Sở C"}}]}"#.utf8)).documents
        do { _ = try json[0].checkedPayload(); Issue.record("two agencies were taken") } catch let failure as ValidationFailure {
            #expect(failure.description == "$.issuer.name_in_text: issuer.name_in_text would come from the defaults (\"Sở A\") while issuer.name is this document's own (\"SỞ B\"): the document would name two agencies; give issuer.name_in_text too, or leave it out of the defaults")
        }
        #expect(try json[1].checkedPayload() == json[1].payload && json[2].checkedPayload() == json[2].payload)
    }

    /// The defaults' first annex is the form's: its values start each row's (a filled cell wins), annexes
    /// after it stay; what cannot be right about it is refused once, naming the defaults file and the
    /// JSON path, before anything renders (it was dropped silently, or blamed on every row). Found by a
    /// fresh tester.
    @Test func theDefaultsAnnexValuesStartEachRowAndAreCheckedOnce() throws {
        func read(_ defaults: String, _ csv: String = "id,1.1\na,5\nb,\n") -> Result<[BatchDocument], CSVInputError> {
            Result { () throws(CSVInputError) in
                try BatchInput.fromCSV(Array(csv.utf8), file: "v.csv", form: form, defaults: try! JSONParser.parse(defaults), defaultsFile: "d.json").documents
            }
        }
        let docs = try read(#"{"annexes": [{"form": "phieu-cung-cap-so-lieu-cpdt", "label": "I", "values": {"1.2": 50, "1.1": 9}}, {"title": ["KHÁC"]}]}"#).get()
        let a = try JSONParser.parse(#"{"annexes": [{"label": "I", "form": "phieu-cung-cap-so-lieu-cpdt", "values": {"1.2": 50, "1.1": 5}}, {"title": ["KHÁC"]}]}"#)
        let b = try JSONParser.parse(#"{"annexes": [{"label": "I", "form": "phieu-cung-cap-so-lieu-cpdt", "values": {"1.2": 50, "1.1": 9}}, {"title": ["KHÁC"]}]}"#)
        #expect(JSONWriter.string(try docs[0].payload) == JSONWriter.string(a))
        #expect(JSONWriter.string(try docs[1].payload) == JSONWriter.string(b))
        func refused(_ defaults: String) -> [String] {
            if case .failure(let e) = read(defaults) { return e.problems.map(\.description) } else { return [] }
        }
        #expect(refused(#"{"annexes": [{"values": {"1.2": 1, "zz": 2}}]}"#) == ["d.json: at $.annexes[0].values.zz: the form \"phieu-cung-cap-so-lieu-cpdt\" has no field \"zz\""])
        #expect(refused(#"{"annexes": {"form": "x"}}"#) == ["d.json: at $.annexes: expected an array, got an object"])
        #expect(refused(#"{"annexes": ["x"]}"#) == ["d.json: at $.annexes[0]: expected an object, got a string"])
        #expect(refused(#"{"annexes": [{"values": [1]}]}"#) == ["d.json: at $.annexes[0].values: expected an object, got an array"])
        #expect(refused(#"{"annexes": [{"form": "khac"}]}"#) == ["d.json: at $.annexes[0].form: the defaults' annex is the form \"khac\" but the batch fills \"phieu-cung-cap-so-lieu-cpdt\" (--form); leave \"form\" out or give the same one"])
        #expect(refused(#"{"annexes": []}"#) == [])
        #expect(refused(#"{"annexes": [{"values": {"1.1": "abc", "1.1.ghi_chu": 5}}]}"#)
                == ["d.json: at $.annexes[0].values[\"1.1\"]: expected a number, got a string", "d.json: at $.annexes[0].values[\"1.1.ghi_chu\"]: expected a string, got a number"])
        if case .failure(let e) = Result(catching: { () throws(CSVInputError) in try BatchInput.fromCSV(Array("id,1.1\na,1\n".utf8), file: "v.csv", form: form, defaults: .array([]), defaultsFile: "d.json") }) {
            #expect(e.problems.map(\.description) == ["d.json: the defaults must be a JSON object of payload fields, got an array"])
        } else { Issue.record("an array as defaults was taken") }
    }

    /// A key a batch document repeats stays repeated after merging with the defaults, so validation
    /// refuses it as for a single payload; merging never keeps one of the two values quietly.
    @Test func aRepeatedKeyIsKeptForValidationToRefuse() throws {
        let merged = try JSONParser.parse(#"{"symbol": "A", "issuer": {"name": "X"}}"#).merging(try JSONParser.parse(#"{"symbol": "B", "symbol": "C", "issuer": {"name": "Y"}, "x": 1, "x": 2}"#))
        #expect(merged == (try JSONParser.parse(#"{"symbol": "B", "issuer": {"name": "Y"}, "symbol": "C", "x": 1, "x": 2}"#)))
    }

    @Test func fingerprintsChangeWithThePayloadAndTheResources() throws {
        let docs = try read("id,1.1\na,1\nb,2\n")
        #expect(try docs[0].hash != docs[1].hash && docs[0].hash.count == 64)
        let resources = Resources(root: repositoryRoot)
        let one = BatchFingerprint(program: "vanban 1", resources: resources)
        let two = BatchFingerprint(program: "vanban 2", resources: resources)
        #expect(one == BatchFingerprint(program: "vanban 1", resources: resources))
        #expect(try one.document(payloadHash: docs[0].hash) != two.document(payloadHash: docs[0].hash))
    }

    /// Fonts are identified by name, size and time; replacing a face (a file of another size, or the
    /// same bytes written again later) changes the fingerprint, reading the same folder again does not.
    @Test func replacingAFontChangesTheFingerprint() throws {
        let fm = FileManager.default
        let root = NSTemporaryDirectory() + "vanban-fp-\(UUID().uuidString)"
        defer { try? fm.removeItem(atPath: root) }
        try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
        try fm.copyItem(atPath: repositoryRoot + "/Fonts", toPath: root + "/Fonts")
        try fm.copyItem(atPath: repositoryRoot + "/Layouts", toPath: root + "/Layouts")
        let resources = Resources(root: root)
        let before = BatchFingerprint(program: "vanban 1", resources: resources)
        #expect(before == BatchFingerprint(program: "vanban 1", resources: resources))
        let face = try #require(BatchFingerprint.files(under: root + "/Fonts").first { $0.hasSuffix(".ttf") })
        let bytes = try Data(contentsOf: URL(fileURLWithPath: face))
        try (bytes + Data([0])).write(to: URL(fileURLWithPath: face))
        let grown = BatchFingerprint(program: "vanban 1", resources: resources)
        #expect(grown != before)
        try bytes.write(to: URL(fileURLWithPath: face))
        try fm.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 3600)], ofItemAtPath: face)
        #expect(BatchFingerprint(program: "vanban 1", resources: resources) != before)
        #expect(BatchFingerprint(program: "vanban 1", resources: resources) != grown)
    }

    /// Every problem of a CSV batch comes from the catalogue: its English is what `description` says,
    /// its Vietnamese differs and keeps FILE:LINE, the header, the JSON path and the quoted cells, and
    /// no English word of the message is left in it.
    @Test func everyCSVProblemIsToldInVietnamese() throws {
        let inputs: [([UInt8], CSVOptions)] = [
            (Array("id,issuer.nmae,foo,date,annexes,1.1,1.1,,2.4\nx,1,2,3,4,2.829,4,7,abc\n,a\n".utf8), CSVOptions()),
            (Array("id,1.1,2.4\na,3290,28,4\nb,1,2,3,4,5\nb,1,2\nb,1,2\nc,1\n,1,2\n".utf8), CSVOptions()),
            (Array("id;b\n".utf8), CSVOptions(delimiter: .comma)),
            (Array("id,1.1\na,\"5\n".utf8), CSVOptions()),
            (Array("\n\n".utf8), CSVOptions()),
            (Array("id,1.1\n".utf8) + [0xD5, 0x20, 0x0A], CSVOptions()),
        ]
        var seen = Set<String>()
        for (bytes, options) in inputs {
            var problems: [CSVProblem] = []
            do { _ = try BatchInput.fromCSV(bytes, file: "v.csv", form: form, defaults: .object([]), options: options) }
            catch { problems = error.problems }
            #expect(!problems.isEmpty)
            for p in problems {
                let id = try #require(p.because?.id, "\(p.description) is not from the catalogue")
                seen.insert(id)
                #expect(p.description(in: .en) == p.description)
                let vi = p.description(in: .vi)
                #expect(vi != p.description)
                #expect(vi.hasPrefix("v.csv:" + (p.line.map(String.init) ?? "")))
                if let column = p.column { #expect(vi.contains("cột \"\(column)\"" + (p.path.map { " (\($0))" } ?? "") + ": "), "\(vi)") }
                for word in [" the ", " is ", " column", " field", " header", " then ", " got ", "\u{1F}"] {
                    #expect(!vi.contains(word), "\(id): \(vi)")
                }
            }
        }
        #expect(seen.isSuperset(of: ["csv.column.unknown", "csv.column.object", "csv.column.list", "csv.header.twice", "csv.header.unnamed",
                                     "csv.number.ambiguous", "csv.number.expected", "csv.id.empty", "csv.id.duplicate",
                                     "csv.fields.decimal-comma", "csv.fields.too-many", "csv.fields.too-few.one", "csv.fields.too-few",
                                     "csv.header.no-id", "csv.quote.unclosed", "csv.empty", "csv.encoding"]), "\(seen.sorted())")
        for (id, entry) in MessageCatalog.csv {
            #expect(MessageCatalog.entries[id] != nil && !entry.vi.isEmpty && entry.en != entry.vi, "\(id)")
        }
    }
}
