import VanBanModel

/// The consolidated table (tổng hợp) of a form batch: one row per agency, grouped (sở/ngành,
/// huyện, xã) with a subtotal per group and a grand total, like seed 002's tables.
///
/// Every number field of the form becomes a column. Fields measured in "%" are not summed (a sum
/// of percentages means nothing); their total cells stay blank.
public enum BatchSummary {
    /// The text of the row of a document that failed: it is listed, marked, and not counted in the totals.
    public static let noFiguresMark = "không có số liệu"

    /// The payload fields a summary must get from the batch's `"summary"` object (never from one of its
    /// documents: the consolidated table is the consolidating agency's, not the first row's).
    public static func check(overrides: JSONValue?) throws(ValidationFailure) {
        var problems: [Diagnostic] = []
        let how = Message("summary.how").asArgument
        guard let overrides else {
            throw ValidationFailure([Diagnostic(at: .root / "summary", Message("summary.required", how))])
        }
        guard case .object = overrides else {
            throw ValidationFailure([Diagnostic(at: .root / "summary", Message("expected.object", overrides.typeName))])
        }
        if overrides["issuer"] == nil { problems.append(Diagnostic(at: .root / "summary" / "issuer", Message("summary.issuer.required", how))) }
        if overrides["date"] == nil { problems.append(Diagnostic(at: .root / "summary" / "date", Message("summary.date.required", how))) }
        if !problems.isEmpty { throw ValidationFailure(problems) }
    }

    /// What the summary keeps of one document: the agency's name and the figures of its first annex
    /// (only those of the form's number fields), not its payload.
    public struct Row: Sendable {
        public var id: String
        public var group: String?
        /// `agencyName` of the payload.
        public var name: String
        /// The document's figures by field id (number fields only).
        public var figures: [String: JSONNumber]
        /// False for a document that failed: it is listed, marked, and not counted in the totals.
        public var ok: Bool
    }

    /// The summary's payload: issuer, symbol, number, place and date from `overrides` (the batch's
    /// `"summary"`; its `"annex"` object merges into the table annex), one row per document — a document
    /// that failed is a row marked "không có số liệu" — and totals that say how many documents they cover.
    ///
    /// The documents' payloads are made one at a time and only their rows are kept. A document whose
    /// payload can no longer be made (its batch file changed) throws its `PipelineError` if it was
    /// rendered, and is named by its id if it had failed already.
    public static func payload(documents: [BatchDocument], entries: [ManifestEntry], form: FormDefinition,
                               overrides: JSONValue? = nil) throws(PipelineError) -> JSONValue {
        let columns = Set(numberFields(form).map(\.id))
        var rows: [Row] = []
        rows.reserveCapacity(documents.count)
        var reference: JSONValue? = nil
        for (i, (doc, entry)) in zip(documents, entries).enumerated() {
            let ok = entry.status == "ok"
            let payload: JSONValue?
            do { payload = try doc.payload } catch { if ok { throw error } else { payload = nil } }
            if i == 0, let payload { reference = annexReference(payload) }
            var figures: [String: JSONNumber] = [:]
            if let payload {
                for (key, value) in annexValues(payload) where columns.contains(key) { if case .number(let n) = value { figures[key] = n } }
            }
            rows.append(Row(id: doc.id, group: doc.group, name: payload.map { agencyName($0, fallback: doc.id) } ?? doc.id,
                            figures: figures, ok: ok))
        }
        return payload(rows: rows, reference: reference, form: form, overrides: overrides)
    }

    /// The summary's payload from the rows (see above); `reference` is the first document's annex
    /// `"ref"`, which the table annex keeps.
    public static func payload(rows: [Row], reference: JSONValue?, form: FormDefinition, overrides: JSONValue? = nil) -> JSONValue {
        let columns = numberFields(form)
        var tableRows: [JSONValue] = []
        var groups: [(name: String, docs: [Row])] = []
        for row in rows {
            let g = row.group ?? "Các đơn vị"
            if let i = groups.firstIndex(where: { $0.name == g }) { groups[i].docs.append(row) } else { groups.append((g, [row])) }
        }
        let width = columns.count + 2
        func covered(_ docs: [Row]) -> String {
            let ok = docs.filter(\.ok).count
            return ok == docs.count ? "" : " (\(ok)/\(docs.count) đơn vị có số liệu)"
        }
        var failedNames: [String] = []
        for (gi, group) in groups.enumerated() {
            tableRows.append(.object([("kind", .string("section")),
                                      ("cells", .array([.object([("text", .string(RomanNumeral.string(gi + 1) + ". " + group.name)), ("colspan", int(width))])]))]))
            for (i, item) in group.docs.enumerated() {
                let name = item.name
                var cells: [JSONValue] = [.string(String(i + 1)), .string(name)]
                if !item.ok {
                    failedNames.append(name)
                    cells.append(.object([("text", .string(noFiguresMark)), ("colspan", int(max(1, columns.count))), ("italic", .bool(true)), ("align", .string("center"))]))
                    tableRows.append(.array(cells))
                    continue
                }
                for c in columns {
                    if let n = item.figures[c.id] { cells.append(.number(n)) }
                    else { cells.append(.string("")) }
                }
                tableRows.append(.array(cells))
            }
            tableRows.append(.object([("kind", .string("total")), ("sum", .string("section")),
                                      ("cells", .array([.object([("text", .string("Tổng" + covered(group.docs))), ("colspan", int(2))])] + columns.map { _ in .string("") }))]))
        }
        let all = groups.flatMap(\.docs)
        tableRows.append(.object([("kind", .string("total")), ("sum", .string("all")),
                                  ("cells", .array([.object([("text", .string("Tổng cộng" + covered(all))), ("colspan", int(2))])] + columns.map { _ in .string("") }))]))
        let sumColumns = columns.enumerated().filter { !$0.element.percent }.map { int($0.offset + 3) }
        let header: [JSONValue] = [
            .array([.object([("text", .string("STT")), ("rowspan", int(2))]), .object([("text", .string("Đơn vị")), ("rowspan", int(2))]),
                    .object([("text", .string("Số liệu theo chỉ tiêu của biểu mẫu (mục)")), ("colspan", int(columns.count))])]),
            .array(columns.map { .string($0.id + ($0.percent ? " (%)" : "")) }),
        ]
        var notes: [JSONValue] = [.string("(Ghi chú: " + columns.map { "Mục \($0.id): \($0.label)" }.joined(separator: "; ") + ". Các cột tỷ lệ (%) không cộng dồn.)")]
        if !failedNames.isEmpty {
            notes.append(.string("(Số liệu tổng hợp của \(all.count - failedNames.count)/\(all.count) đơn vị; \(failedNames.count) đơn vị \(noFiguresMark), không tính vào tổng: " + failedNames.joined(separator: "; ") + ".)"))
        }
        let widths: [JSONValue] = [int(6), int(34)] + columns.map { _ in int(10) }
        let table: JSONValue = .object([("header", .array(header)), ("widths", .array(widths)), ("rows", .array(tableRows)),
                                        ("sum_columns", .array(sumColumns)), ("notes", .array(notes))])
        var annex: [(key: String, value: JSONValue)] = [
            ("title", .array(([ "BẢNG TỔNG HỢP"] + form.template.title).map(JSONValue.string))),
            ("orientation", .string(columns.count > 6 ? "landscape" : "portrait")),
            ("blocks", .array([.object([("table", table)])])),
        ]
        if let reference { annex.append(("ref", reference)) }
        let payload: [(key: String, value: JSONValue)] = [("kind", .string("annex_only")), ("annexes", .array([.object(annex)]))]
        guard let overrides else { return .object(payload) }
        // The summary's own fields; its "annex" object merges into the table annex.
        var merged = JSONValue.object(payload).merging(.object((overrides.objectMembers ?? []).filter { $0.key != "annex" }))
        if let annexOverride = overrides["annex"], case .array(let a)? = merged["annexes"], let first = a.first {
            merged = BatchInput.setting(merged, path: ["annexes"], to: .array([first.merging(annexOverride)]))
        }
        return merged
    }

    struct Column { var id: String; var label: String; var decimals: Int?; var percent: Bool }

    /// Number fields in form order, with their criterion text and whether they are percentages.
    static func numberFields(_ form: FormDefinition) -> [Column] {
        var out: [Column] = []
        for block in form.template.blocks {
            guard case .table(let t) = block else { continue }
            for row in t.rows {
                for cell in row.cells {
                    guard let f = cell.field, f.kind == .number else { continue }
                    let texts = row.cells.filter { $0.field == nil }.map { $0.paragraphs.joined(separator: " ") }
                    let label = texts.dropFirst().first { !$0.isEmpty && $0 != "%" } ?? f.id
                    let cleaned = label.hasPrefix("- ") ? String(label.dropFirst(2)) : label
                    out.append(Column(id: f.id, label: cleaned, decimals: f.decimals, percent: texts.contains("%")))
                }
            }
        }
        return out
    }

    /// The `"ref"` of the payload's first annex, if any.
    static func annexReference(_ payload: JSONValue) -> JSONValue? {
        guard case .array(let a)? = payload["annexes"], case .object(let m)? = a.first else { return nil }
        return m.first(where: { $0.key == "ref" })?.value
    }

    static func annexValues(_ payload: JSONValue) -> [String: JSONValue] {
        guard case .array(let a)? = payload["annexes"], case .object? = a.first, case .object(let v)? = a.first?["values"] else { return [:] }
        return Dictionary(v.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// The agency's name as a clerk reads it: `issuer.name_in_text`, else `issuer.name`, else `fallback`.
    public static func agencyName(_ payload: JSONValue, fallback: String) -> String {
        if case .string(let s)? = payload["issuer"]?["name_in_text"] { return s }
        if case .string(let s)? = payload["issuer"]?["name"] { return s }
        return fallback
    }

    private static func int(_ n: Int) -> JSONValue { .integer(n) }
}
