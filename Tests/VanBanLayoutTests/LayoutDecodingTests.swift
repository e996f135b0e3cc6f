import Foundation
import Testing
@testable import VanBanLayout
@testable import VanBanModel
import VanBanText

/// Layouts and document types are decoded straight from the parsed JSON (`JSONValueDecoder`): the
/// result is the one Foundation's snake-case `JSONDecoder` gives, and the errors name the same paths.
@Suite struct LayoutDecodingTests {
    let layouts = repositoryRoot + "/Layouts"

    /// The reference: the file (and what it extends) merged as Foundation objects, decoded by JSONDecoder.
    func foundationDecoded(_ name: String) throws -> LayoutSpec {
        func object(_ n: String) throws -> [String: Any] {
            let data = try Data(contentsOf: URL(fileURLWithPath: layouts + "/\(n).json"))
            var o = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            if let parent = o["extends"] as? String { o = merged(try object(parent), o) }
            o["extends"] = nil; o["$schema"] = nil; o["name"] = n
            return o
        }
        func merged(_ a: [String: Any], _ b: [String: Any]) -> [String: Any] {
            var out = a
            for (k, v) in b {
                if let x = a[k] as? [String: Any], let y = v as? [String: Any] { out[k] = merged(x, y) } else { out[k] = v }
            }
            return out
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(LayoutSpec.self, from: JSONSerialization.data(withJSONObject: try object(name)))
    }

    /// Issue 14: the layout types decode through one key type with hand-written `init(from:)`. Every
    /// field must still come from its own key: a layout (with a document type whose every optional is
    /// set) is encoded, every number, text and flag in it is made different from all others, and the
    /// decoded result must encode back to exactly that.
    @Test func everyLayoutFieldIsReadFromItsOwnKey() throws {
        var spec = try LayoutSpec.load(named: "cong-van", directory: layouts)
        var type = try DocumentType.load(named: "quyet-dinh", directory: layouts)
        type.code = "QĐ"; type.title = "T"; type.description = "D"
        type.blocks.append(TypeBlock(block: .title, variant: "v", text: "t", style: TextStyle(size: 9, face: .italic), align: "left",
                                     gapBeforePt: 1, label: "l", indentMm: 2, labels: ["a"], cc: "c", subject: true))
        spec.documentType = type
        spec.description = "d"
        let keep = Set(FontFace.allCases.map(\.rawValue) + TypeBlock.Kind.allCases.map(\.rawValue))
        var n = 0
        func perturb(_ v: JSONValue) -> JSONValue {
            n += 1
            switch v {
            case .object(let members): return .object(members.map { ($0.key, perturb($0.value)) })
            case .array(let items): return .array(items.map(perturb))
            case .bool(let b): return .bool(!b)
            case .number(let x): return .number(JSONNumber(literal: x.isInteger ? "\(1000 * n)" : "\(n).5")!)
            case .string(let s): return .string(keep.contains(s) ? s : s + "·\(n)")
            case .null: return v
            }
        }
        let perturbed = perturb(try JSONParser.parse(Array(JSONEncoder().encode(spec))))
        let decoded = try JSONDecoder().decode(LayoutSpec.self, from: Data(JSONWriter.bytes(perturbed)))
        // Compared with members in key order (a dictionary field encodes in hash order) and numbers by value.
        func canonical(_ v: JSONValue) -> JSONValue {
            switch v {
            case .object(let members): return .object(members.sorted { $0.key < $1.key }.map { ($0.key, canonical($0.value)) })
            case .array(let items): return .array(items.map(canonical))
            case .number(let x): return .number(JSONNumber(literal: "\(x.double)")!)
            default: return v
            }
        }
        #expect(canonical(try JSONParser.parse(Array(JSONEncoder().encode(decoded)))) == canonical(perturbed))
        #expect(decoded != spec)  // the perturbation did change the values
        #expect(decoded.documentType?.blocks.last?.cc?.hasPrefix("c·") == true)
    }

    @Test(arguments: ["cong-van", "bao-cao"])
    func everyBundledLayoutDecodesAsFoundationDecodesIt(name: String) throws {
        let spec = try LayoutSpec.load(named: name, directory: layouts)
        #expect(spec == (try foundationDecoded(name)))
        #expect(spec.header.marks.urgencyBoxesMm["THƯỢNG KHẨN"] == [40, 8])
    }

    @Test func everyDocumentTypeDecodes() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: layouts + "/types").filter { $0.hasSuffix(".json") }
        #expect(names.count >= 14)
        for file in names {
            let name = String(file.dropLast(5))
            let type = try DocumentType.load(named: name, directory: layouts)
            let data = try Data(contentsOf: URL(fileURLWithPath: layouts + "/types/" + file))
            var o = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            o["label"] = o["name"]; o["name"] = name
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            #expect(type == (try decoder.decode(DocumentType.self, from: JSONSerialization.data(withJSONObject: o))), "\(name)")
        }
    }

    /// A copy of cong-van.json in a temporary folder, edited by `edit`, loaded.
    func loadEdited(_ edit: (String) -> String) throws -> String {
        let dir = NSTemporaryDirectory() + "vanban-layout-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = try String(contentsOfFile: layouts + "/cong-van.json", encoding: .utf8)
        try edit(text).write(toFile: dir + "/cong-van.json", atomically: true, encoding: .utf8)
        do { _ = try LayoutSpec.load(named: "cong-van", directories: [dir, layouts]); return "" } catch {
            return error.description.replacingOccurrences(of: dir + "/", with: "")
        }
    }

    @Test func errorsNameTheFileThePathAndTheProblem() throws {
        #expect(try loadEdited { $0 } == "")
        #expect(try loadEdited { $0.replacingOccurrences(of: "\"paragraph_gap_pt\"", with: "\"paragraf_gap_pt\"") }
                == "cong-van.json: $.body.paragraph_gap_pt: is required (cong-van.json: $.body.paragraf_gap_pt is not a known key: did you mean \"paragraph_gap_pt\"?)")
        #expect(try loadEdited { $0.replacingOccurrences(of: "\"paragraph_gap_pt\": ", with: "\"paragraph_gap_pt\": \"six\", \"x_\": ") }
                == "cong-van.json: $.body.paragraph_gap_pt: expected a number, got a string")
        #expect(try loadEdited { $0.replacingOccurrences(of: "\"paragraph_gap_pt\": ", with: "\"paragraph_gap_pt\": null, \"x_\": ") }
                == "cong-van.json: $.body.paragraph_gap_pt: expected a number, got null")
        let urgency = try loadEdited { $0.replacingOccurrences(of: "\"urgency_boxes_mm\": {", with: "\"urgency_boxes_mm\": {\"MẬT\": [1, \"x\"], ") }
        #expect(urgency == "cong-van.json: $.header.marks.urgency_boxes_mm.MẬT[1]: expected a number, got a string")
        #expect(try loadEdited { $0.replacingOccurrences(of: "\"size_mm\": [", with: "\"size_mm\": {\"a\": 1}, \"x\": [") }
                == "cong-van.json: $.page.size_mm: expected an array, got an object")
    }

    /// Loads a layout `con.json` holding `json`, from a fresh folder searched before the bundled layouts:
    /// its error text with that folder left out, or "" when it loads.
    func loadChild(_ json: String) throws -> String {
        let dir = NSTemporaryDirectory() + "vanban-child-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try json.write(toFile: dir + "/con.json", atomically: true, encoding: .utf8)
        do { _ = try LayoutSpec.load(named: "con", directories: [dir, layouts]); return "" } catch {
            return error.description.replacingOccurrences(of: dir + "/", with: "")
        }
    }

    /// Found by trying the layouts as an author would: a range error named `Layouts/<name>.json` and no
    /// path, a missing parent named no file, a hint proposed a key the layout knows, and a misspelt
    /// `extends` was reported as a missing `page`.
    @Test func rangeAndChainErrorsNameTheFileThatSetsTheValue() throws {
        #expect(try loadEdited { $0.replacingOccurrences(of: "\"top_mm\": 20", with: "\"top_mm\": -5") }
                == "cong-van.json: $.page.margins.top_mm: must be 20–25 (Decree 30)")
        let missing = try loadEdited { $0.replacingOccurrences(of: "\"national_title\": \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\",", with: "") }
        #expect(missing == "cong-van.json: $.header.national_title: is required")
        #expect(try loadChild(#"{"extends": "cong-van", "page": {"margins": {"left_mm": 50}}}"#) == "con.json: $.page.margins.left_mm: must be 30–35")
        #expect(try loadChild(#"{"extends": "cong-van", "body": {"paragraph_gap_pt": 2}}"#) == "con.json: $.body.paragraph_gap_pt: must be at least 6")
        #expect(try loadChild(#"{"extends": "khong-co"}"#) == "con.json: $.extends: unknown layout \"khong-co\"")
        #expect(try loadChild(#"{"extend": "cong-van"}"#) == "con.json: $.extend: unknown key (did you mean \"extends\"?)")
        #expect(try loadChild(#"{"extends": "cong-van", "line_spacing": 1.15, "line_spacing": 1.2}"#) == "con.json: $.line_spacing: duplicate key")
        #expect(try loadChild(#"{"extends": "cong-van"}"#) == "")
    }

    /// Found by a fresh tester: negative blanks, short arrays and non-positive sizes or widths crashed
    /// the render (a trap, exit 132) or were blamed on the payload. They are layout errors now.
    @Test func valuesTheEngineCannotDrawWithAreLayoutErrors() throws {
        #expect(try loadChild(#"{"extends": "cong-van", "header": {"number_blank_spaces": -5}}"#) == "con.json: $.header.number_blank_spaces: must be 0–40 (spaces)")
        #expect(try loadChild(#"{"extends": "cong-van", "annex": {"date_blank_spaces": 41}}"#) == "con.json: $.annex.date_blank_spaces: must be 0–40 (spaces)")
        #expect(try loadChild(#"{"extends": "cong-van", "header": {"marks": {"color_rgb": [1]}}}"#) == "con.json: $.header.marks.color_rgb: must be three numbers 0–1 (red, green, blue)")
        #expect(try loadChild(#"{"extends": "cong-van", "body": {"headings": []}}"#) == "con.json: $.body.headings: must give at least one style (heading levels past the last use the last)")
        #expect(try loadChild(#"{"extends": "cong-van", "header": {"agency": {"size": -13, "face": "bold"}}}"#) == "con.json: $.header.agency.size: must be 1–100 (points)")
        #expect(try loadChild(#"{"extends": "cong-van", "header": {"left_width_mm": 0}}"#) == "con.json: $.header.left_width_mm: must be more than 0 and less than the text width (165 mm)")
        #expect(try loadChild(#"{"extends": "cong-van", "signature": {"left_width_mm": 170}}"#) == "con.json: $.signature.left_width_mm: must be more than 0 and less than the text width (165 mm)")
        #expect(try loadChild(#"{"extends": "cong-van", "table": {"padding_x_mm": -1}}"#) == "con.json: $.table.padding_x_mm: must not be negative")
        #expect(try loadChild(#"{"extends": "cong-van", "rule_width_pt": 0}"#) == "con.json: $.rule_width_pt: must be more than 0")
        #expect(try loadChild(#"{"extends": "cong-van", "header": {"marks": {"urgency_boxes_mm": {"KHẨN": [30]}}}}"#) == "con.json: $.header.marks.urgency_boxes_mm.KHẨN: must be two numbers more than 0 (width, height in mm)")
        #expect(try loadChild(#"{"extends": "cong-van", "body": {"headings": [{"size": 13, "face": "bold"}]}}"#) == "")
        // Every bundled layout passes.
        for name in ["cong-van", "bao-cao"] { #expect(throws: Never.self) { try LayoutSpec.load(named: name, directory: layouts) } }
    }

    /// Found by a fresh tester: a document-type file's wrong type printed Swift's decoder dump, a syntax
    /// error gave no line, and a key written twice was taken silently.
    @Test func documentTypeFileErrorsNameThePathAndTheProblem() throws {
        let dir = NSTemporaryDirectory() + "vanban-types-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/types", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = try String(contentsOfFile: layouts + "/types/thong-bao.json", encoding: .utf8)
        func load(_ text: String) -> String {
            try? text.write(toFile: dir + "/types/x.json", atomically: true, encoding: .utf8)
            do { _ = try DocumentType.load(named: "x", directory: dir); return "" } catch { return error.description }
        }
        #expect(load(good) == "")
        let header = #"{ "block": "header" }"#
        #expect(load(#"{"name": "X", "model": "1", "layout": "cong-van", "required": [], "blocks": [{ "block": "header", "gap_before_pt": "6" }]}"#)
                == "Layouts/types/x.json: $.blocks[0].gap_before_pt: expected a number, got a string")
        #expect(load(#"{"name": "X", "model": "1", "model": "2", "layout": "cong-van", "required": [], "blocks": [\#(header)]}"#)
                == "Layouts/types/x.json: model: duplicate key")
        #expect(load(#"{"name": "X", "model": "1", "layout": "cong-van", "required": [], "blocks": [{ "block": "header", "variant": "standard", "variant": "no_date" }]}"#)
                == "Layouts/types/x.json: blocks[0].variant: duplicate key")
        #expect(load(#"{"name": "X", "model": "1",}"#).hasPrefix("Layouts/types/x.json: malformed JSON at line 1, column "))
    }

    @Test func unknownKeysAreNamedAtEveryDepthButDictionariesTakeAnyKey() throws {
        let nested = try loadEdited { $0.replacingOccurrences(of: "\"paragraph_gap_pt\": ", with: "\"paragraph_gap_ptt\": 1, \"paragraph_gap_pt\": ") }
        #expect(nested == "cong-van.json: $.body.paragraph_gap_ptt: unknown key (did you mean \"paragraph_gap_pt\"?)")
        let top = try loadEdited { $0.replacingOccurrences(of: "\"rule_width_pt\": ", with: "\"colour\": \"red\", \"rule_width_pt\": ") }
        #expect(top == "cong-van.json: $.colour: unknown key")
        let urgency = try loadEdited { $0.replacingOccurrences(of: "\"urgency_boxes_mm\": {", with: "\"urgency_boxes_mm\": {\"TỐI KHẨN\": [20, 8], ") }
        #expect(urgency == "")
    }

    @Test func snakeAndCamelCaseFollowFoundation() {
        #expect(JSONValueDecoder.camelCase("agency_rule_ratio") == "agencyRuleRatio")
        #expect(JSONValueDecoder.camelCase("size_mm") == "sizeMm")
        #expect(JSONValueDecoder.camelCase("_private_key_") == "_privateKey_")
        #expect(JSONValueDecoder.camelCase("THƯỢNG KHẨN") == "THƯỢNG KHẨN")
        #expect(JSONValueDecoder.snakeCase("agencyRuleRatio") == "agency_rule_ratio")
    }

    /// The byte-by-byte conversion of ASCII keys gives what the per-Character one gives, on every key of
    /// the bundled layouts, types and forms (both ways) and on every string of up to five characters over
    /// letters of both cases, '_', a digit, '-' and a space; a key with any other character is left to
    /// the per-Character path.
    @Test func asciiKeyConversionMatchesTheUnicodeOne() throws {
        var keys: Set<String> = []
        func collect(_ v: JSONValue) {
            switch v {
            case .object(let members): for m in members { keys.insert(m.key); collect(m.value) }
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        let files = FileManager.default.enumerator(atPath: layouts)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".json") }
        #expect(files.count >= 10)
        for file in files { collect(try JSONParser.parse(Array(FileManager.default.contents(atPath: layouts + "/" + file)!))) }
        #expect(keys.contains("agency_rule_ratio") && keys.count > 100)
        var corpus = keys.union(keys.map(JSONValueDecoder.camelCase))
        var level = [""]
        for _ in 0..<5 {
            level = level.flatMap { p in ["a", "Z", "_", "7", "-", " ", "q"].map { p + $0 } }
            corpus.formUnion(level)
        }
        for key in corpus {
            let ascii = key.utf8.allSatisfy { $0 < 0x80 }  // the bundled urgency boxes are keyed "THƯỢNG KHẨN"…
            #expect((JSONValueDecoder.asciiCamelCase(key) != nil) == ascii && (JSONValueDecoder.asciiSnakeCase(key) != nil) == ascii)
            #expect(JSONValueDecoder.camelCase(key) == JSONValueDecoder.unicodeCamelCase(key), "\(key)")
            #expect(JSONValueDecoder.snakeCase(key) == JSONValueDecoder.unicodeSnakeCase(key), "\(key)")
        }
        for key in ["THƯỢNG KHẨN", "độ_rộng", "Độ_Rộng_x", "sizeĐ", "ab\r\ncD"] {
            #expect((JSONValueDecoder.asciiCamelCase(key) == nil) == !key.utf8.allSatisfy { $0 < 0x80 })
            #expect(JSONValueDecoder.camelCase(key) == JSONValueDecoder.unicodeCamelCase(key), "\(key)")
            #expect(JSONValueDecoder.snakeCase(key) == JSONValueDecoder.unicodeSnakeCase(key), "\(key)")
        }
        #expect(JSONValueDecoder.camelCase("độ_rộng") == "độRộng")
    }
}

/// The decoder on its own: optionals, nulls, whole numbers, nested arrays, as Foundation's decoder reads them.
@Suite struct JSONValueDecoderTests {
    struct Shape: Decodable, Equatable {
        var sizeMm: [Double]
        var name: String?
        var count: Int
        var nested: [[Int?]]
    }

    @Test func readsWhatFoundationReads() throws {
        let json = try JSONParser.parse(#"{"size_mm": [210, 297.5], "name": null, "count": 3, "nested": [[1, null], []]}"#)
        let (shape, requests) = try JSONValueDecoder().decode(Shape.self, from: json)
        #expect(shape == Shape(sizeMm: [210, 297.5], name: nil, count: 3, nested: [[1, nil], []]))
        #expect(requests.keys["$"] == ["size_mm", "name", "count", "nested"])
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        #expect(shape == (try decoder.decode(Shape.self, from: Data(JSONWriter.string(json).utf8))))
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Shape.self, from: try JSONParser.parse(#"{"size_mm": [], "count": 1.5, "nested": []}"#)) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Shape.self, from: try JSONParser.parse(#"{"size_mm": [], "nested": []}"#)) }
    }
}
