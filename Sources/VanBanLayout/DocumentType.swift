import Foundation
import VanBanModel
import VanBanText

/// A document type from `Layouts/types/<name>.json`: which blocks the document has, in order, with
/// each block's style and spacing, and the payload fields it must give.
///
/// The payload names it with `"kind"` (`"quyet_dinh"` → `Layouts/types/quyet-dinh.json`). Adding a type
/// whose blocks are all of kinds the engine knows needs only a new file here.
public struct DocumentType: Sendable, Codable, Equatable {
    /// File name without ".json" ("quyet-dinh"); set when loaded.
    public var name: String
    /// "Quyết định": used in messages, the annex and attachment reference lines, the PDF title.
    public var label: String
    /// Appendix III model(s): "1.2, 1.3".
    public var model: String
    /// Type code of Appendix III, part I ("QĐ"); nil for a công văn, whose symbol has none.
    public var code: String?
    /// Layout (sizes, geometry) in `Layouts/` used unless the payload names another.
    public var layout: String
    /// Type name printed in ô 5a ("QUYẾT ĐỊNH"); the payload's `title` may replace it.
    public var title: String?
    public var description: String?
    /// Payload fields this type needs.
    public var required: [String]
    public var blocks: [TypeBlock]

    /// The payload's `kind` for this type: "quyet-dinh" → "quyet_dinh".
    public var kind: String { name.replacingScalar("-", with: "_") }

    public func block(_ kind: TypeBlock.Kind) -> TypeBlock? { blocks.first { $0.block == kind } }
    public func has(_ kind: TypeBlock.Kind) -> Bool { block(kind) != nil }
}

/// One block of a document type, in the order it is printed.
public struct TypeBlock: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Ô 1–4 (and the marks, ô 10a, 10b, 11). Variants: "standard"; "no_date" (biên bản: no place/date line).
        case header
        /// Ô 5b: "V/v <subject>" under the number (công văn).
        case subjectLine = "subject_line"
        /// Ô 5a: type name, bold subject, short rule. `subject: false`: no subject (giấy giới thiệu).
        case title
        /// The authority line in capitals, bold, centred ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"): payload `authority`.
        case authority
        /// "Căn cứ …;" paragraphs, italic: payload `grounds`.
        case grounds
        /// A fixed line from the type ("QUYẾT ĐỊNH:"); "{authority}" is replaced by the payload's authority.
        case line
        /// "Kính gửi:" and the recipients (ô 9a); `label: ""` prints them as a dash list without a label.
        case recipients
        /// "Thời gian: …", "Địa điểm: …" lines: payload `labelled`; `labels` are the ones the payload must give.
        case labelled
        /// Ô 6: payload `body`.
        case body
        /// "Điều 1." … numbered by the engine, with chapters and sections: payload `articles`.
        case articles
        /// Paragraphs after the labelled lines or the body ("Giấy này có giá trị …./."): payload `closing`.
        case closing
        /// Ô 7–9b, 12. Variants: "single"; "two" (two signers side by side, payload `signers`).
        /// `cc`: "beside" (Nơi nhận level with the signer) or "below" (under the signatures).
        case signature
        /// Ô 13: the contact footer on page 1.
        case contact
        /// Phụ lục (Mẫu 2.1) after the document.
        case annexes
        /// The document a quyết định issues (Mẫu 1.3): own header, type name, "(Kèm theo …)", articles.
        case attached
    }

    public var block: Kind
    public var variant: String?
    /// `line`: the text; `title`: replaces the type name.
    public var text: String?
    public var style: TextStyle?
    /// "left", "center", "right", "justify".
    public var align: String?
    public var gapBeforePt: Double?
    /// `recipients`: the label ("" for none; default the layout's "Kính gửi:").
    public var label: String?
    /// `recipients`: where the block starts from the text block's left edge.
    public var indentMm: Double?
    /// `labelled`: labels the payload must give, in this order.
    public var labels: [String]?
    /// `signature`: "beside" or "below".
    public var cc: String?
    /// `title`: false when the type has no subject line.
    public var subject: Bool?

    /// The keys a block of `kind` may have (a `switch`: a dictionary keyed by `Kind` would cost a
    /// process a scan of the conformance records at its first use, #14).
    static func keys(_ kind: Kind) -> Set<String> {
        let common: Set<String> = ["block", "gap_before_pt"]
        switch kind {
        case .header: return common.union(["variant"])
        case .title: return common.union(["text", "style", "subject"])
        case .authority, .grounds: return common.union(["style", "align"])
        case .line: return common.union(["text", "style", "align"])
        case .recipients: return common.union(["label", "indent_mm"])
        case .labelled: return common.union(["labels", "style"])
        case .signature: return common.union(["variant", "cc"])
        case .subjectLine, .body, .articles, .closing, .contact, .annexes, .attached: return common
        }
    }
}

extension DocumentType {
    /// The type codes of Appendix III, part I, by type (used to tell a code typed for the wrong type).
    public static let appendixCodes: [String: String] = [
        "NQ": "nghị quyết", "QĐ": "quyết định", "CT": "chỉ thị", "QC": "quy chế", "QyĐ": "quy định", "TC": "thông cáo",
        "TB": "thông báo", "HD": "hướng dẫn", "CTr": "chương trình", "KH": "kế hoạch", "PA": "phương án", "ĐA": "đề án",
        "DA": "dự án", "BC": "báo cáo", "BB": "biên bản", "TTr": "tờ trình", "HĐ": "hợp đồng", "CĐ": "công điện",
        "BGN": "bản ghi nhớ", "BTT": "bản thỏa thuận", "GUQ": "giấy ủy quyền", "GM": "giấy mời", "GGT": "giấy giới thiệu",
        "GNP": "giấy nghỉ phép", "PG": "phiếu gửi", "PC": "phiếu chuyển", "PB": "phiếu báo", "SY": "bản sao y",
        "TrS": "bản trích sao", "SL": "bản sao lục",
    ]

    static let topKeys: Set<String> = ["name", "model", "code", "layout", "title", "description", "required", "blocks"]
    static let fieldNames: Set<String> = ["title", "subject", "recipients", "authority", "grounds", "labelled", "body",
                                          "articles", "closing", "signer", "signers", "cc", "contact", "annexes", "attached"]

    /// Reads `Layouts/types/<name>.json` and checks it: known keys and block kinds, each block at most once,
    /// the header first, required fields that some block prints.
    public static func load(named name: String, directory: String) throws(LayoutError) -> DocumentType {
        guard NamePattern.isFileName(name) else {
            throw LayoutError(description: "invalid document type name \"\(name)\"")
        }
        let file = "Layouts/types/\(name).json"
        let path = (directory as NSString).appendingPathComponent("types/" + name + ".json")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LayoutError(Message("type.unknown", name, file))
        }
        let json: JSONValue
        do { json = try JSONParser.parse(Array(data)) } catch {
            throw LayoutError(description: "\(file): \(error.description)")
        }
        guard case .object(let members) = json else {
            throw LayoutError(description: "\(file) is not a JSON object")
        }
        var problems: [String] = []
        // As strict as a layout: a key written twice is an error, never "the last one wins".
        func duplicates(_ members: [(key: String, value: JSONValue)], at path: String) {
            for key in JSONValue.repeatedKeys(members) { problems.append("\(path)\(key): duplicate key") }
        }
        duplicates(members, at: "")
        for (key, _) in members where !topKeys.contains(key) { problems.append("unknown key \"\(key)\"") }
        if case .array(let blocks)? = json["blocks"] {
            for (i, b) in blocks.enumerated() {
                guard case .object(let blockMembers) = b else { problems.append("blocks[\(i)] is not an object"); continue }
                duplicates(blockMembers, at: "blocks[\(i)].")
                guard case .string(let kindName)? = b["block"], let k = TypeBlock.Kind(rawValue: kindName) else {
                    problems.append("blocks[\(i)].block must be one of " + TypeBlock.Kind.allCases.map(\.rawValue).joined(separator: ", "))
                    continue
                }
                for (key, _) in blockMembers where !TypeBlock.keys(k).contains(key) {
                    problems.append("blocks[\(i)] (\(k.rawValue)): unknown key \"\(key)\"")
                }
            }
        }
        if !problems.isEmpty { throw LayoutError(description: file + ": " + problems.joined(separator: "; ")) }
        var withName = members.filter { $0.key != "name" && $0.key != "label" }
        withName.append(("name", .string(name)))
        if let label = json["name"] { withName.append(("label", label)) }
        var type: DocumentType
        let requests = JSONValueDecoder.Requests()
        do {
            type = try JSONValueDecoder().decode(DocumentType.self, from: .object(withName), recordingInto: requests)
        } catch let error as DecodingError {
            // Named as the layout loader names it: the file, the JSON path in the file's own keys, what was expected.
            throw LayoutError(description: LayoutSpec.describe(error, chain: [LayoutSpec.LayoutFile(display: file, json: .object(withName))], requests: requests))
        } catch {
            throw LayoutError(description: "\(file): \(error)")
        }
        type.name = name
        try type.check(file: file)
        return type
    }

    func check(file: String) throws(LayoutError) {
        var problems: [String] = []
        if blocks.first?.block != .header { problems.append("the first block must be the header") }
        for k in TypeBlock.Kind.allCases where k != .line && blocks.filter({ $0.block == k }).count > 1 {
            problems.append("block \"\(k.rawValue)\" appears more than once")
        }
        for f in required where !Self.fieldNames.contains(f) { problems.append("required: unknown field \"\(f)\"") }
        for f in required where !printedFields.contains(f) { problems.append("required: \"\(f)\" is printed by no block of this type") }
        if let code, DocumentType.appendixCodes[code] == nil { problems.append("code \"\(code)\" is not in the abbreviation table of Appendix III") }
        for b in blocks {
            if b.block == .signature, let v = b.variant, !["single", "two"].contains(v) { problems.append("signature variant must be \"single\" or \"two\"") }
            if b.block == .signature, let c = b.cc, !["beside", "below", "none"].contains(c) { problems.append("signature cc must be \"beside\", \"below\" or \"none\"") }
            if b.block == .header, let v = b.variant, !["standard", "no_date"].contains(v) { problems.append("header variant must be \"standard\" or \"no_date\"") }
            if b.block == .line, b.text == nil { problems.append("a \"line\" block needs \"text\"") }
            if let a = b.align, !["left", "center", "right", "justify"].contains(a) { problems.append("align must be left, center, right or justify") }
        }
        if !problems.isEmpty { throw LayoutError(description: file + ": " + problems.joined(separator: "; ")) }
    }

    /// Payload fields some block of this type prints.
    public var printedFields: Set<String> {
        var out: Set<String> = []
        for b in blocks {
            switch b.block {
            case .subjectLine: out.insert("subject")
            case .title: out.insert("title"); if b.subject != false { out.insert("subject") }
            case .authority: out.insert("authority")
            case .line: if b.text?.contains("{authority}") == true { out.insert("authority") }
            case .grounds: out.insert("grounds")
            case .recipients: out.formUnion(["recipients", "recipients_note"])
            case .labelled: out.insert("labelled")
            case .body: out.insert("body")
            case .articles: out.insert("articles")
            case .closing: out.insert("closing")
            case .signature:
                out.insert(b.variant == "two" ? "signers" : "signer")
                if b.cc != "none" { out.formUnion(["cc", "archive", "drafter"]) }
            case .contact: out.insert("contact")
            case .annexes: out.insert("annexes")
            case .attached: out.insert("attached")
            case .header: break
            }
        }
        return out
    }

    /// Names of the types in `Layouts/types/`.
    public static func names(directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory + "/types")) ?? [])
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }
}

extension DocumentType {
    /// What the payload must give and may not give for this type, the type code in the symbol (Appendix III)
    /// and the articles "{article:…}" names: every problem with its JSON path.
    public func problems(_ p: Payload) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let what = Message("type.what", label.lowercased(), model).asArgument
        for f in required where !p.givenFields.contains(f) {
            out.append(Diagnostic(at: .root / f, Message("type.required", what)))
        }
        let printed = printedFields
        for f in p.givenFields.sorted() where Self.fieldNames.contains(f) && !printed.contains(f) {
            out.append(Diagnostic(at: .root / f, Message("type.no-place", what, f, name, printed.sorted().joined(separator: ", "))))
        }
        if let b = block(.labelled), let labels = b.labels, !p.labelled.isEmpty {
            let given = Set(p.labelled.map(\.label))
            for l in labels where !given.contains(l) {
                out.append(Diagnostic(at: .root / "labelled", Message("type.labelled.missing", l, what, labels.map { "\"\($0)\"" }.joined(separator: ", "))))
            }
        }
        if let signature = block(.signature), signature.variant == "two", p.givenFields.contains("signer") {
            out.append(Diagnostic(at: .root / "signer", Message("type.two-signers", what)))
        }
        if let d = symbolProblem(p.symbol) { out.append(d) }
        // "{article:id}" must name an article.
        let numbers = ArticleItem.numbers(p.articles)
        var texts: [(JSONPath, String)] = p.cc.enumerated().map { (.root / "cc" / $0.offset, $0.element.name) }
        for (i, item) in p.articles.enumerated() {
            guard case .article(let a) = item else { continue }
            texts += [a.title, a.text].compactMap { $0 }.map { (.root / "articles" / i, $0) }
            for c in a.clauses { texts += ([c.text] + c.points).map { (.root / "articles" / i / "clauses", $0) } }
        }
        for (path, t) in texts {
            for id in ArticleItem.referencedIDs(t) where numbers[id] == nil {
                out.append(Diagnostic(at: path, Message("article.reference", id)))
            }
        }
        return out
    }

    /// The symbol's first group is this type's code from Appendix III ("QĐ-UBND"); a công văn's has none.
    public func symbolProblem(_ symbol: String) -> Diagnostic? {
        guard !symbol.isEmpty else { return nil }
        let groups = symbol.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        let first = groups[0]
        let rest = Self.appendixCodes[first] != nil && groups.count > 1 ? groups.dropFirst().joined(separator: "-") : symbol
        if let code {
            guard first != code else { return nil }
            if let other = Self.appendixCodes[first] {
                return Diagnostic(at: .root / "symbol", Message("symbol.type-code.other", code, label.lowercased(), first, other, code + "-" + rest))
            }
            return Diagnostic(at: .root / "symbol", Message("symbol.type-code", code, label.lowercased(), code + "-" + rest))
        }
        guard let other = Self.appendixCodes[first] else { return nil }
        return Diagnostic(at: .root / "symbol", Message("symbol.no-type-code", label.lowercased(), first, other, rest))
    }
}

// MARK: Decoding

// Through `LayoutKey`, as the layout types (see LayoutSpec.swift), for the same reason (#14).

extension DocumentType {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: LayoutKey.self)
        name = try c.decode(String.self, forKey: LayoutKey(CodingKeys.name))
        label = try c.decode(String.self, forKey: LayoutKey(CodingKeys.label))
        model = try c.decode(String.self, forKey: LayoutKey(CodingKeys.model))
        code = try c.decodeIfPresent(String.self, forKey: LayoutKey(CodingKeys.code))
        layout = try c.decode(String.self, forKey: LayoutKey(CodingKeys.layout))
        title = try c.decodeIfPresent(String.self, forKey: LayoutKey(CodingKeys.title))
        description = try c.decodeIfPresent(String.self, forKey: LayoutKey(CodingKeys.description))
        required = try c.decode([String].self, forKey: LayoutKey(CodingKeys.required))
        blocks = try c.decode([TypeBlock].self, forKey: LayoutKey(CodingKeys.blocks))
    }
}

extension TypeBlock {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: LayoutKey.self)
        block = try c.decode(Kind.self, forKey: LayoutKey(CodingKeys.block))
        variant = try c.decodeIfPresent(String.self, forKey: LayoutKey(CodingKeys.variant))
        text = try c.decodeIfPresent(String.self, forKey: LayoutKey(CodingKeys.text))
        style = try c.decodeIfPresent(TextStyle.self, forKey: LayoutKey(CodingKeys.style))
        align = try c.decodeIfPresent(String.self, forKey: LayoutKey(CodingKeys.align))
        gapBeforePt = try c.decodeIfPresent(Double.self, forKey: LayoutKey(CodingKeys.gapBeforePt))
        label = try c.decodeIfPresent(String.self, forKey: LayoutKey(CodingKeys.label))
        indentMm = try c.decodeIfPresent(Double.self, forKey: LayoutKey(CodingKeys.indentMm))
        labels = try c.decodeIfPresent([String].self, forKey: LayoutKey(CodingKeys.labels))
        cc = try c.decodeIfPresent(String.self, forKey: LayoutKey(CodingKeys.cc))
        subject = try c.decodeIfPresent(Bool.self, forKey: LayoutKey(CodingKeys.subject))
    }
}
