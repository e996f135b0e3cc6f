import Foundation
import VanBanModel
import VanBanText

/// A layout definition from `Layouts/<name>.json`: every size, gap and position the engine uses.
///
/// Values default to Decree 30/2020 (Appendix I), taking the decree's own example where it gives a
/// range. Lengths ending in `_mm` are millimetres, in `_pt` points. A layout may name another in
/// `extends` and override only what differs.
public struct LayoutSpec: Sendable, Codable, Equatable {
    public var name: String
    public var description: String?
    public var page: PageSpec
    /// Baseline-to-baseline distance as a multiple of the font size; 1.15 is "single" for Times New Roman.
    public var lineSpacing: Double
    public var header: HeaderSpec
    public var titleBlock: TitleBlockSpec
    public var recipients: RecipientsSpec
    public var body: BodySpec
    public var signature: SignatureSpec
    public var pageNumber: PageNumberSpec
    public var contact: ContactSpec
    public var annex: AnnexSpec
    public var table: TableSpec
    public var ruleWidthPt: Double
    /// Where centred blocks (agency name, subject, titles) prefer to break.
    public var lineBreaks: LineBreakSpec
    /// The document type whose blocks this layout prints (Layouts/types/), attached by the engine for the
    /// payload's `kind`; a layout may also give one as `document_type`. Nil: the built-in công văn / báo cáo.
    public var documentType: DocumentType?
}

/// Preferences for breaking short centred blocks (see `PhraseBreaker`). Penalties are in the same
/// units as the balance cost: the squared slack of a line in percent of the width, divided by 100.
public struct LineBreakSpec: Sendable, Codable, Equatable {
    /// A break after a word ending with one of these costs nothing (",", ";").
    public var breakAfter: [String]
    /// A break before one of these words costs nothing ("và", "của", "về", "tại", "theo").
    public var breakBefore: [String]
    /// Two-syllable words a break must not split ("truyền thông", "quy định").
    public var keepTogether: [String]
    public var otherBreakPenalty: Double
    public var insideWordPenalty: Double
    public var beforeNumberPenalty: Double
    public var singleWordPenalty: Double
    /// The cost of one line more than the fewest, paid to avoid a worse break.
    public var extraLinePenalty: Double
}

public struct TextStyle: Sendable, Codable, Equatable {
    public var size: Double
    public var face: FontFace
    public var font: FontSpec { FontSpec(face, size) }
}

extension FontFace: Codable {}

public struct PageSpec: Sendable, Codable, Equatable {
    /// Portrait width and height; landscape pages swap them.
    public var sizeMm: [Double]
    public var margins: Margins
    public struct Margins: Sendable, Codable, Equatable {
        public var topMm: Double, bottomMm: Double, leftMm: Double, rightMm: Double
    }
}

public struct HeaderSpec: Sendable, Codable, Equatable {
    /// Width of the left column (ô 2, 3, 5b); the right column (ô 1, 4) takes the rest.
    public var leftWidthMm: Double
    public var parent: TextStyle
    public var agency: TextStyle
    /// Rule under the agency name as a fraction of its longest line (decree: 1/3 to 1/2).
    public var agencyRuleRatio: Double
    public var nationalTitle: String
    public var nationalTitleStyle: TextStyle
    public var motto: String
    public var mottoStyle: TextStyle
    /// Distance from a text baseline down to the rule under it.
    public var ruleOffsetPt: Double
    public var number: TextStyle
    /// Spaces reserved for a number not yet assigned.
    public var numberBlankSpaces: Int
    /// From the lower header rule down to the baseline of "Số:" and the date line.
    public var numberGapPt: Double
    public var date: TextStyle
    public var dateBlankSpaces: Int
    public var subject: TextStyle
    public var subjectPrefix: String
    /// Extra space between the "Số" line and the V/v line (decree: 6 pt).
    public var subjectGapPt: Double
    public var marks: MarkSpec
}

public struct MarkSpec: Sendable, Codable, Equatable {
    public var style: TextStyle
    /// Box sizes for urgency stamps, by level (decree: 30×8, 40×8, 20×8 mm).
    public var urgencyBoxesMm: [String: [Double]]
    public var colorRgb: [Double]
    public var gapPt: Double
}

public struct TitleBlockSpec: Sendable, Codable, Equatable {
    public var type: TextStyle
    public var subject: TextStyle
    public var ruleRatio: Double
    public var gapBeforePt: Double
}

public struct RecipientsSpec: Sendable, Codable, Equatable {
    public var label: String
    public var style: TextStyle
    /// Where "Kính gửi:" starts, from the left of the text block, when the longest item fits from there
    /// (the decree's model Mẫu 1.5: about 35 mm).
    public var indentMm: Double
    /// How far left the block may move so that the longest item fits on one line (R29: from 20 mm).
    public var minIndentMm: Double
    public var gapBeforePt: Double
    /// Space above the "(Sau đây gọi chung là …)" line under the list.
    public var noteGapPt: Double
}

public struct BodySpec: Sendable, Codable, Equatable {
    public var style: TextStyle
    public var firstLineIndentMm: Double
    public var paragraphGapPt: Double
    public var gapBeforePt: Double
    public var headings: [TextStyle]
    public var headingGapPt: Double
}

public struct SignatureSpec: Sendable, Codable, Equatable {
    public var gapBeforePt: Double
    /// Width of the "Nơi nhận" column; the signer takes the rest.
    public var leftWidthMm: Double
    public var title: TextStyle
    public var name: TextStyle
    /// From the last title line's baseline down to the name's baseline: room for signature and seal.
    public var spaceMm: Double
    public var ccLabel: String
    public var ccLabelStyle: TextStyle
    public var ccStyle: TextStyle
    public var archiveLabel: String
    public var signatureFieldWidthMm: Double
    public var sealDiameterMm: Double
}

public struct PageNumberSpec: Sendable, Codable, Equatable {
    public var style: TextStyle
    /// Baseline distance from the top edge (inside the top margin).
    public var baselineMm: Double
    public var showOnFirstPage: Bool
}

public struct ContactSpec: Sendable, Codable, Equatable {
    public var style: TextStyle
    public var gapAbovePt: Double
}

public struct AnnexSpec: Sendable, Codable, Equatable {
    public var labelPrefix: String
    /// The reference line's opening words when the payload and the form give none (R56: "Kèm theo").
    public var defaultPhrase: String
    public var label: TextStyle
    public var code: TextStyle
    public var title: TextStyle
    public var reference: TextStyle
    public var ruleRatio: Double
    public var gapAfterPt: Double
    public var numberBlankSpaces: Int
    public var dateBlankSpaces: Int
}

public struct TableSpec: Sendable, Codable, Equatable {
    public var style: TextStyle
    public var headerFace: FontFace
    public var paddingXMm: Double
    public var paddingYMm: Double
    public var borderPt: Double
    public var lineSpacing: Double
    public var caption: TextStyle
    public var note: TextStyle
    public var gapPt: Double
}

public struct LayoutError: Error, CustomStringConvertible, Sendable {
    public var description: String
    /// The same text from the catalogue, for the errors a payload causes (an unknown layout or type).
    public var message: Message? = nil
    public init(description: String) { self.description = description }
    public init(_ message: Message) { self.description = message.text(.en); self.message = message }
}

extension LayoutSpec {
    /// Reads `Layouts/<name>.json`, resolving `extends` chains, and checks the values.
    public static func load(named name: String, directory: String) throws(LayoutError) -> LayoutSpec {
        try load(named: name, directories: [directory])
    }

    /// Reads `<name>.json` from the first of `directories` that has it (its `extends` likewise), as strictly
    /// as a payload: a syntax error (a trailing comma), an unknown key (with a did-you-mean) or a wrong
    /// type is an error naming the file and the JSON path. The last directory is the bundled `Layouts/`.
    public static func load(named name: String, directories: [String]) throws(LayoutError) -> LayoutSpec {
        guard NamePattern.isFileName(name) else {
            throw LayoutError(description: "invalid layout name \"\(name)\"")
        }
        var chain: [LayoutFile] = []
        let merged = try resolve(name, directories: directories, chain: &chain)
        let spec: LayoutSpec
        let requests: JSONValueDecoder.Requests
        requests = JSONValueDecoder.Requests()
        do { spec = try JSONValueDecoder().decode(LayoutSpec.self, from: merged, recordingInto: requests) } catch let error as DecodingError {
            throw LayoutError(description: describe(error, chain: chain, requests: requests))
        } catch {
            throw LayoutError(description: "\(chain.first?.display ?? name): \(error)")
        }
        // Every key of every file must be one the layout knows: a misspelt key would otherwise be ignored.
        var problems: [String] = []
        for file in chain {
            guard case .object(let members) = file.json else { continue }
            let own = members.filter { !["extends", "name", "description", "$schema"].contains($0.key) }
            unknownKeys(.object(own), path: "$", requests: requests, file: file.display, into: &problems)
        }
        if !problems.isEmpty { throw LayoutError(description: problems.joined(separator: "; ")) }
        try spec.check(chain: chain)
        return spec
    }

    /// One file of an `extends` chain: where it is shown in messages and what it holds.
    struct LayoutFile {
        var display: String
        var json: JSONValue
    }

    /// The keys of `value` (one file of the chain) that decoding never asked for, with a did-you-mean
    /// among those it did. A path decoding never reached (an array the next file replaced) is not checked.
    private static func unknownKeys(_ value: JSONValue, path: String, requests: JSONValueDecoder.Requests, file: String,
                                    into problems: inout [String]) {
        switch value {
        case .object(let members):
            // As strict as a payload: a key written twice is an error, never "the last one wins".
            for key in JSONValue.repeatedKeys(members) { problems.append("\(file): \(path).\(key): duplicate key") }
            guard let known = requests.keys[path], !requests.open.contains(path) else { return }
            for (key, child) in members {
                if known.contains(JSONValueDecoder.snakeCase(JSONValueDecoder.camelCase(key))) {
                    unknownKeys(child, path: path + "." + key, requests: requests, file: file, into: &problems)
                } else {
                    let hint = Suggestion.nearest(key, among: known.sorted()).map { " (did you mean \"\($0)\"?)" } ?? ""
                    problems.append("\(file): \(path).\(key): unknown key\(hint)")
                }
            }
        case .array(let items):
            for (i, item) in items.enumerated() {
                unknownKeys(item, path: path + "[\(i)]", requests: requests, file: file, into: &problems)
            }
        default: return
        }
    }

    /// `extendedBy`: the file whose `extends` names this layout, which a missing layout is that file's error.
    private static func resolve(_ name: String, directories: [String], chain: inout [LayoutFile],
                                extendedBy child: String? = nil) throws(LayoutError) -> JSONValue {
        if chain.contains(where: { $0.display.hasSuffix("/" + name + ".json") }) {
            throw LayoutError(description: "layout \"\(name)\" extends itself (\(chain.map(\.display).joined(separator: " → ")))")
        }
        let candidates = directories.map { ($0 as NSString).appendingPathComponent(name + ".json") }
        guard let index = candidates.firstIndex(where: { FileManager.default.fileExists(atPath: $0) }),
              let data = FileManager.default.contents(atPath: candidates[index]) else {
            throw LayoutError(description: (child.map { "\($0): $.extends: " } ?? "") + "unknown layout \"\(name)\"")
        }
        // The bundled folder is named as the project names it; a layout author's own folder by its path.
        let display = index == directories.count - 1 ? "Layouts/\(name).json" : candidates[index]
        let json: JSONValue
        do { json = try JSONParser.parse(Array(data)) } catch { throw LayoutError(description: "\(display): \(error.description)") }
        guard case .object = json else {
            throw LayoutError(description: "\(display): $: expected an object, got \(json.typeName)")
        }
        chain.append(LayoutFile(display: display, json: json))
        var result = json
        if let parentValue = json["extends"] {
            guard case .string(let parent) = parentValue else {
                throw LayoutError(description: "\(display): $.extends: expected a string (a layout name), got \(parentValue.typeName)")
            }
            result = try resolve(parent, directories: directories, chain: &chain, extendedBy: display).merging(json)
        }
        guard case .object(var out) = result else { return result }
        out.removeAll { ["extends", "$schema", "name"].contains($0.key) }
        out.append(("name", .string(name)))
        return .object(out)
    }

    /// A decoding error as `<file>: $.json.path: what is wrong`, naming the file of the chain that set the value.
    static func describe(_ error: DecodingError, chain: [LayoutFile], requests: JSONValueDecoder.Requests) -> String {
        func snake(_ key: String) -> String { JSONValueDecoder.snakeCase(key) }
        func path(_ c: [any CodingKey]) -> String { "$" + c.map { $0.intValue.map { "[\($0)]" } ?? "." + snake($0.stringValue) }.joined() }
        func keys(_ c: [any CodingKey]) -> [String] { c.map { $0.intValue.map(String.init) ?? snake($0.stringValue) } }
        /// The value at `keys` in one file, if that file sets it.
        func lookup(_ v: JSONValue, _ keys: [String]) -> JSONValue? {
            guard let first = keys.first else { return v }
            switch v {
            case .object: return v[first].flatMap { lookup($0, Array(keys.dropFirst())) }
            case .array(let items): return Int(first).flatMap { items.indices.contains($0) ? items[$0] : nil }.flatMap { lookup($0, Array(keys.dropFirst())) }
            default: return nil
            }
        }
        /// The file that sets the value at `keys` (the nearest in the chain), else the layout's own file.
        func file(_ k: [String]) -> String { chain.first { lookup($0.json, k) != nil }?.display ?? chain.first?.display ?? "layout" }
        func expected(_ type: Any.Type) -> String {
            switch type {
            case is Double.Type, is Int.Type: return "a number"
            case is String.Type: return "a string"
            case is Bool.Type: return "true or false"
            case is [Any].Type: return "an array"
            default:
                let name = "\(type)"
                if name.hasPrefix("Array") { return "an array" }
                if name.hasPrefix("Dictionary") { return "an object" }
                if name == "FontFace" { return "a font face (\(FontFace.allNames))" }
                return "an object"
            }
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            let k = keys(ctx.codingPath)
            let missing = snake(key.stringValue)
            // A misspelt key is the likely cause: name it (never a key the layout knows, such as
            // "national_title_style" for a missing "national_title").
            let known = requests.keys[path(ctx.codingPath)] ?? []
            var hint = ""
            for f in chain {
                if case .object(let members)? = lookup(f.json, k),
                   let typo = members.map(\.key).first(where: {
                       // Not a key the layout knows: asked for already, or of the missing key's family
                       // ("national_title_style" beside "national_title"), which decoding may not have reached.
                       !known.contains($0) && !$0.hasPrefix(missing + "_") && Suggestion.nearest($0, among: [missing]) != nil
                   }) {
                    hint = " (\(f.display): \(path(ctx.codingPath)).\(typo) is not a known key: did you mean \"\(missing)\"?)"
                    break
                }
            }
            // A layout that misspells "extends" misses everything its parent would give.
            for f in chain {
                if case .object(let members) = f.json, !members.contains(where: { $0.key == "extends" }),
                   let typo = members.map(\.key).first(where: { Suggestion.nearest($0, among: ["extends"]) != nil }) {
                    return "\(f.display): $.\(typo): unknown key (did you mean \"extends\"?)"
                }
            }
            return "\(file(k)): \(path(ctx.codingPath + [key])): is required\(hint)"
        case .typeMismatch(let type, let ctx):
            let k = keys(ctx.codingPath)
            let got = chain.lazy.compactMap { lookup($0.json, k) }.first?.typeName ?? "another type"
            return "\(file(k)): \(path(ctx.codingPath)): expected \(expected(type)), got \(got)"
        case .valueNotFound(let type, let ctx):
            return "\(file(keys(ctx.codingPath))): \(path(ctx.codingPath)): expected \(expected(type)), got null"
        case .dataCorrupted(let ctx):
            let k = keys(ctx.codingPath)
            let got = chain.lazy.compactMap { lookup($0.json, k) }.first
            if case .string(let s)? = got { return "\(file(k)): \(path(ctx.codingPath)): \"\(s)\" is not one of \(FontFace.allNames)" }
            return "\(file(k)): \(path(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    /// Refuses values outside what Decree 30 allows, so a layout author cannot make illegal output.
    /// Each problem names the file of the `extends` chain that sets the value (the nearest one; the
    /// layout's own file when none does) and its JSON path.
    func check(chain: [LayoutFile] = []) throws(LayoutError) {
        var problems: [(keys: [String], text: String)] = []
        let m = page.margins
        if !(20...25).contains(m.topMm) { problems.append((["page", "margins", "top_mm"], "must be 20–25 (Decree 30)")) }
        if !(20...25).contains(m.bottomMm) { problems.append((["page", "margins", "bottom_mm"], "must be 20–25")) }
        if !(30...35).contains(m.leftMm) { problems.append((["page", "margins", "left_mm"], "must be 30–35")) }
        if !(15...20).contains(m.rightMm) { problems.append((["page", "margins", "right_mm"], "must be 15–20")) }
        if page.sizeMm != [210, 297] { problems.append((["page", "size_mm"], "must be [210, 297] (A4 only)")) }
        if !(1.0...1.75).contains(lineSpacing) { problems.append((["line_spacing"], "must be between single and 1.5 lines")) }
        if !(1.0 / 3 - 0.001...0.5).contains(header.agencyRuleRatio) { problems.append((["header", "agency_rule_ratio"], "must be 1/3–1/2")) }
        if !(13...14).contains(body.style.size) { problems.append((["body", "style", "size"], "must be 13–14")) }
        if body.paragraphGapPt < 6 { problems.append((["body", "paragraph_gap_pt"], "must be at least 6")) }
        problems += sanityProblems()
        guard !problems.isEmpty else { return }
        func sets(_ v: JSONValue, _ keys: ArraySlice<String>) -> Bool {
            guard let first = keys.first else { return true }
            return v[first].map { sets($0, keys.dropFirst()) } ?? false
        }
        func file(_ keys: [String]) -> String {
            chain.first { sets($0.json, keys[...]) }?.display ?? chain.first?.display ?? "Layouts/\(name).json"
        }
        throw LayoutError(description: problems.map { "\(file($0.keys)): $.\($0.keys.joined(separator: ".")): \($0.text)" }.joined(separator: "; "))
    }
}

extension LayoutSpec {
    /// Values the decree leaves open but the engine cannot draw with: a font size or a column width that
    /// is not positive, a blank of negative length, a colour that is not three components, no heading
    /// style. Each would otherwise stop the render with a crash or a message about the payload.
    func sanityProblems() -> [(keys: [String], text: String)] {
        var problems: [(keys: [String], text: String)] = []
        let styles: [([String], TextStyle)] = [
            (["header", "parent"], header.parent), (["header", "agency"], header.agency),
            (["header", "national_title_style"], header.nationalTitleStyle), (["header", "motto_style"], header.mottoStyle),
            (["header", "number"], header.number), (["header", "date"], header.date), (["header", "subject"], header.subject),
            (["header", "marks", "style"], header.marks.style), (["title_block", "type"], titleBlock.type),
            (["title_block", "subject"], titleBlock.subject), (["recipients", "style"], recipients.style),
            (["signature", "title"], signature.title), (["signature", "name"], signature.name),
            (["signature", "cc_label_style"], signature.ccLabelStyle), (["signature", "cc_style"], signature.ccStyle),
            (["page_number", "style"], pageNumber.style), (["contact", "style"], contact.style),
            (["annex", "label"], annex.label), (["annex", "code"], annex.code), (["annex", "title"], annex.title),
            (["annex", "reference"], annex.reference), (["table", "style"], table.style), (["table", "caption"], table.caption),
            (["table", "note"], table.note),
        ] + body.headings.enumerated().map { (["body", "headings[\($0.offset)]"], $0.element) }
        for (keys, style) in styles where !(1...100).contains(style.size) {
            problems.append((keys + ["size"], "must be 1–100 (points)"))
        }
        let blanks: [([String], Int)] = [
            (["header", "number_blank_spaces"], header.numberBlankSpaces), (["header", "date_blank_spaces"], header.dateBlankSpaces),
            (["annex", "number_blank_spaces"], annex.numberBlankSpaces), (["annex", "date_blank_spaces"], annex.dateBlankSpaces),
        ]
        for (keys, n) in blanks where !(0...40).contains(n) { problems.append((keys, "must be 0–40 (spaces)")) }
        let textWidth = (page.sizeMm.first ?? 210) - page.margins.leftMm - page.margins.rightMm
        let columns: [([String], Double)] = [(["header", "left_width_mm"], header.leftWidthMm), (["signature", "left_width_mm"], signature.leftWidthMm)]
        for (keys, w) in columns where !(w > 0 && w < textWidth) {
            problems.append((keys, "must be more than 0 and less than the text width (\(textWidth == textWidth.rounded() ? String(Int(textWidth)) : String(textWidth)) mm)"))
        }
        let positive: [([String], Double)] = [
            (["signature", "signature_field_width_mm"], signature.signatureFieldWidthMm), (["signature", "seal_diameter_mm"], signature.sealDiameterMm),
            (["page_number", "baseline_mm"], pageNumber.baselineMm), (["rule_width_pt"], ruleWidthPt), (["table", "border_pt"], table.borderPt),
            (["table", "line_spacing"], table.lineSpacing),
        ]
        for (keys, v) in positive where !(v > 0) { problems.append((keys, "must be more than 0")) }
        let notNegative: [([String], Double)] = [
            (["signature", "space_mm"], signature.spaceMm), (["recipients", "indent_mm"], recipients.indentMm),
            (["recipients", "min_indent_mm"], recipients.minIndentMm), (["table", "padding_x_mm"], table.paddingXMm),
            (["table", "padding_y_mm"], table.paddingYMm), (["body", "first_line_indent_mm"], body.firstLineIndentMm),
        ]
        for (keys, v) in notNegative where !(v >= 0) { problems.append((keys, "must not be negative")) }
        if body.headings.isEmpty { problems.append((["body", "headings"], "must give at least one style (heading levels past the last use the last)")) }
        if header.marks.colorRgb.count != 3 || !header.marks.colorRgb.allSatisfy({ (0...1).contains($0) }) {
            problems.append((["header", "marks", "color_rgb"], "must be three numbers 0–1 (red, green, blue)"))
        }
        for (mark, box) in header.marks.urgencyBoxesMm.sorted(by: { $0.key < $1.key }) where box.count != 2 || !box.allSatisfy({ $0 > 0 }) {
            problems.append((["header", "marks", "urgency_boxes_mm", mark], "must be two numbers more than 0 (width, height in mm)"))
        }
        return problems
    }
}

extension FontFace {
    /// The face names a layout may give, quoted, for messages.
    static var allNames: String { allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") }
}

// MARK: Decoding

// Each layout type decodes through the one key type `LayoutKey` rather than its own synthesized
// `CodingKeys` (#14): the first `KeyedDecodingContainer<CodingKeys>` of each type costs a process a scan
// of the 9,700 conformance records (≈ 0.35 M instructions, 17 types: 6 M of a one-document render).
// The keys are the synthesized ones (`CodingKeys.x`, so a property and its key cannot drift apart),
// and the calls are those the compiler would write: `decode` for a value, `decodeIfPresent` for an
// optional. `LayoutDecodingTests` checks every field on a layout whose every value differs.

extension LayoutSpec {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: LayoutKey.self)
        name = try c.decode(String.self, forKey: LayoutKey(CodingKeys.name))
        description = try c.decodeIfPresent(String.self, forKey: LayoutKey(CodingKeys.description))
        page = try c.decode(PageSpec.self, forKey: LayoutKey(CodingKeys.page))
        lineSpacing = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.lineSpacing))
        header = try c.decode(HeaderSpec.self, forKey: LayoutKey(CodingKeys.header))
        titleBlock = try c.decode(TitleBlockSpec.self, forKey: LayoutKey(CodingKeys.titleBlock))
        recipients = try c.decode(RecipientsSpec.self, forKey: LayoutKey(CodingKeys.recipients))
        body = try c.decode(BodySpec.self, forKey: LayoutKey(CodingKeys.body))
        signature = try c.decode(SignatureSpec.self, forKey: LayoutKey(CodingKeys.signature))
        pageNumber = try c.decode(PageNumberSpec.self, forKey: LayoutKey(CodingKeys.pageNumber))
        contact = try c.decode(ContactSpec.self, forKey: LayoutKey(CodingKeys.contact))
        annex = try c.decode(AnnexSpec.self, forKey: LayoutKey(CodingKeys.annex))
        table = try c.decode(TableSpec.self, forKey: LayoutKey(CodingKeys.table))
        ruleWidthPt = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.ruleWidthPt))
        lineBreaks = try c.decode(LineBreakSpec.self, forKey: LayoutKey(CodingKeys.lineBreaks))
        documentType = try c.decodeIfPresent(DocumentType.self, forKey: LayoutKey(CodingKeys.documentType))
    }
}

extension LineBreakSpec {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: LayoutKey.self)
        breakAfter = try c.decode([String].self, forKey: LayoutKey(CodingKeys.breakAfter))
        breakBefore = try c.decode([String].self, forKey: LayoutKey(CodingKeys.breakBefore))
        keepTogether = try c.decode([String].self, forKey: LayoutKey(CodingKeys.keepTogether))
        otherBreakPenalty = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.otherBreakPenalty))
        insideWordPenalty = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.insideWordPenalty))
        beforeNumberPenalty = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.beforeNumberPenalty))
        singleWordPenalty = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.singleWordPenalty))
        extraLinePenalty = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.extraLinePenalty))
    }
}

extension TextStyle {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: LayoutKey.self)
        size = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.size))
        face = try c.decode(FontFace.self, forKey: LayoutKey(CodingKeys.face))
    }
}

extension PageSpec {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: LayoutKey.self)
        sizeMm = try c.decode([Double].self, forKey: LayoutKey(CodingKeys.sizeMm))
        margins = try c.decode(Margins.self, forKey: LayoutKey(CodingKeys.margins))
    }
}

extension PageSpec.Margins {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: LayoutKey.self)
        topMm = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.topMm))
        bottomMm = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.bottomMm))
        leftMm = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.leftMm))
        rightMm = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.rightMm))
    }
}

extension HeaderSpec {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: LayoutKey.self)
        leftWidthMm = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.leftWidthMm))
        parent = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.parent))
        agency = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.agency))
        agencyRuleRatio = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.agencyRuleRatio))
        nationalTitle = try c.decode(String.self, forKey: LayoutKey(CodingKeys.nationalTitle))
        nationalTitleStyle = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.nationalTitleStyle))
        motto = try c.decode(String.self, forKey: LayoutKey(CodingKeys.motto))
        mottoStyle = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.mottoStyle))
        ruleOffsetPt = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.ruleOffsetPt))
        number = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.number))
        numberBlankSpaces = try c.decode(Int.self, forKey: LayoutKey(CodingKeys.numberBlankSpaces))
        numberGapPt = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.numberGapPt))
        date = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.date))
        dateBlankSpaces = try c.decode(Int.self, forKey: LayoutKey(CodingKeys.dateBlankSpaces))
        subject = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.subject))
        subjectPrefix = try c.decode(String.self, forKey: LayoutKey(CodingKeys.subjectPrefix))
        subjectGapPt = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.subjectGapPt))
        marks = try c.decode(MarkSpec.self, forKey: LayoutKey(CodingKeys.marks))
    }
}

extension MarkSpec {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: LayoutKey.self)
        style = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.style))
        urgencyBoxesMm = try c.decode([String: [Double]].self, forKey: LayoutKey(CodingKeys.urgencyBoxesMm))
        colorRgb = try c.decode([Double].self, forKey: LayoutKey(CodingKeys.colorRgb))
        gapPt = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.gapPt))
    }
}

extension TitleBlockSpec {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: LayoutKey.self)
        type = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.type))
        subject = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.subject))
        ruleRatio = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.ruleRatio))
        gapBeforePt = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.gapBeforePt))
    }
}

extension RecipientsSpec {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: LayoutKey.self)
        label = try c.decode(String.self, forKey: LayoutKey(CodingKeys.label))
        style = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.style))
        indentMm = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.indentMm))
        minIndentMm = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.minIndentMm))
        gapBeforePt = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.gapBeforePt))
        noteGapPt = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.noteGapPt))
    }
}

extension BodySpec {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: LayoutKey.self)
        style = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.style))
        firstLineIndentMm = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.firstLineIndentMm))
        paragraphGapPt = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.paragraphGapPt))
        gapBeforePt = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.gapBeforePt))
        headings = try c.decode([TextStyle].self, forKey: LayoutKey(CodingKeys.headings))
        headingGapPt = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.headingGapPt))
    }
}

extension SignatureSpec {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: LayoutKey.self)
        gapBeforePt = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.gapBeforePt))
        leftWidthMm = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.leftWidthMm))
        title = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.title))
        name = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.name))
        spaceMm = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.spaceMm))
        ccLabel = try c.decode(String.self, forKey: LayoutKey(CodingKeys.ccLabel))
        ccLabelStyle = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.ccLabelStyle))
        ccStyle = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.ccStyle))
        archiveLabel = try c.decode(String.self, forKey: LayoutKey(CodingKeys.archiveLabel))
        signatureFieldWidthMm = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.signatureFieldWidthMm))
        sealDiameterMm = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.sealDiameterMm))
    }
}

extension PageNumberSpec {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: LayoutKey.self)
        style = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.style))
        baselineMm = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.baselineMm))
        showOnFirstPage = try c.decode(Bool.self, forKey: LayoutKey(CodingKeys.showOnFirstPage))
    }
}

extension ContactSpec {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: LayoutKey.self)
        style = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.style))
        gapAbovePt = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.gapAbovePt))
    }
}

extension AnnexSpec {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: LayoutKey.self)
        labelPrefix = try c.decode(String.self, forKey: LayoutKey(CodingKeys.labelPrefix))
        defaultPhrase = try c.decode(String.self, forKey: LayoutKey(CodingKeys.defaultPhrase))
        label = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.label))
        code = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.code))
        title = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.title))
        reference = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.reference))
        ruleRatio = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.ruleRatio))
        gapAfterPt = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.gapAfterPt))
        numberBlankSpaces = try c.decode(Int.self, forKey: LayoutKey(CodingKeys.numberBlankSpaces))
        dateBlankSpaces = try c.decode(Int.self, forKey: LayoutKey(CodingKeys.dateBlankSpaces))
    }
}

extension TableSpec {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: LayoutKey.self)
        style = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.style))
        headerFace = try c.decode(FontFace.self, forKey: LayoutKey(CodingKeys.headerFace))
        paddingXMm = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.paddingXMm))
        paddingYMm = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.paddingYMm))
        borderPt = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.borderPt))
        lineSpacing = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.lineSpacing))
        caption = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.caption))
        note = try c.decode(TextStyle.self, forKey: LayoutKey(CodingKeys.note))
        gapPt = try c.decode(Double.self, forKey: LayoutKey(CodingKeys.gapPt))
    }
}
