import VanBanModel

/// How a CSV batch is read: the separator (nil: detected from the header line) and how numbers
/// are written (`.detect` refuses "2,829" and "2.829", which read differently in each notation).
public struct CSVOptions: Sendable {
    public var delimiter: CSVDelimiter?
    public var numberFormat: Figure.Notation
    public init(delimiter: CSVDelimiter? = nil, numberFormat: Figure.Notation = .detect) {
        self.delimiter = delimiter; self.numberFormat = numberFormat
    }
}

/// Where a document of a CSV batch came from, so a payload error found later can name the row and column.
public struct CSVOrigin: Sendable {
    public var file: String
    /// The row as Excel numbers it.
    public var line: Int
    /// Each column that gave this document a value, with where it went.
    public var columns: [(header: String, path: JSONPath)]

    /// "values.csv:3: column "date.day": " for a diagnostic at or under a column's path, else "values.csv:3: ".
    public func prefix(for path: JSONPath) -> String {
        let hit = columns.first { path.components.starts(with: $0.path.components) }
        return "\(file):\(line): " + (hit.map { "column \"\($0.header)\": " } ?? "")
    }
}

extension BatchInput {
    /// What one CSV column fills.
    enum ColumnRole {
        case id, group
        /// A field of the form (a value of the first annex).
        case field(FieldRef, percent: Bool)
        /// A payload field by dotted path; `integer` when the payload takes a whole number there.
        case payload([String], integer: Bool)
        /// A column with no header and no value in any row (Excel's trailing separators).
        case ignored
    }

    /// A CSV with one row per agency: `id`, optional `group`, payload fields by dotted path
    /// (`issuer.name`, `signer.name`, `number`), and the form's field ids (values of its first annex).
    ///
    /// `defaults` is the payload every row starts from; its `"summary"` member, if any, is not part of
    /// the documents but the payload fields of the batch's summary table (returned as `summary`).
    /// Every problem names `FILE:LINE`, the column and the JSON path the column fills; nothing is
    /// guessed: a row with more or fewer fields than the header, a header that is neither a form field
    /// nor a payload path, a number that reads differently in Vietnamese and English notation.
    ///
    /// The defaults' first annex is the form's: the values it gives start every row's (a row's own cell
    /// wins), a form it names must be `form`, and each of its value ids must be a field of the form —
    /// refused once, naming `defaultsFile`, rather than for every row or not at all. Annexes after it are
    /// kept as they are.
    public static func fromCSV(_ bytes: [UInt8], file: String, form: FormDefinition, defaults: JSONValue,
                               defaultsFile: String? = nil,
                               options: CSVOptions = CSVOptions()) throws(CSVInputError) -> (documents: [BatchDocument], summary: JSONValue?) {
        let table = try CSVTable.read(bytes, file: file, delimiter: options.delimiter)
        var problems: [CSVProblem] = []
        var base = defaults
        var summary: JSONValue? = nil
        if case .object(let members) = defaults {
            summary = members.last { $0.key == "summary" }?.value
            base = .object(members.filter { $0.key != "summary" })
        } else {
            problems.append(CSVProblem(file: defaultsFile ?? file, line: nil, Message("csv.defaults.object", defaults.typeName)))
        }
        problems += defaultsAnnexProblems(base, form: form, file: defaultsFile ?? "--defaults")

        // 1. The header: every column must say where its cells go.
        let percentFields = Set(BatchSummary.numberFields(form).filter(\.percent).map(\.id))
        var roles: [ColumnRole] = []
        var seen: [String: Int] = [:]
        for (i, name) in table.header.enumerated() {
            if name.isEmpty {
                if let row = table.rows.first(where: { i < $0.fields.count && !$0.fields[i].trimmingCharacters(in: .whitespaces).isEmpty }) {
                    problems.append(CSVProblem(file: file, line: row.line, Message("csv.header.unnamed", String(i + 1), row.fields[i])))
                }
                roles.append(.ignored)
                continue
            }
            if let first = seen[name] {
                problems.append(CSVProblem(file: file, line: table.headerLine, column: name, Message("csv.header.twice", String(first + 1), String(i + 1))))
            }
            seen[name] = i
            if name == "id" { roles.append(.id); continue }
            if name == "group" { roles.append(.group); continue }
            if let field = form.fields[name] { roles.append(.field(field, percent: percentFields.contains(name))); continue }
            switch probe(name, form: form) {
            case .success(let integer): roles.append(.payload(name.split(separator: ".", omittingEmptySubsequences: false).map(String.init), integer: integer))
            case .failure(let message):
                problems.append(CSVProblem(file: file, line: table.headerLine, column: name, message.message))
                roles.append(.ignored)
            }
        }
        guard roles.contains(where: { if case .id = $0 { return true } else { return false } }) else {
            // Without an id column the header was most likely split with the wrong separator: that
            // one message says what was read, instead of one "unknown column" per misread name.
            let read = table.header.prefix(4).map { "\"\($0)\"" }.joined(separator: ", ") + (table.header.count > 4 ? ", …" : "")
            problems = [CSVProblem(file: file, line: table.headerLine, Message("csv.header.no-id", table.delimiter.name, read,
                                                                               options.delimiter == nil ? "" : Message("csv.hint.delimiter").asArgument))]
            throw CSVInputError(problems)
        }
        // 2. The rows: each is read now, so that every problem of the file is reported before anything
        // is rendered, and read again when its document is rendered (`BatchDocument.Source.csvRow`): a
        // batch holds its rows as read, never a payload per row (#14: flat memory).
        let reader = CSVRowReader(file: file, header: table.header, roles: roles, base: base, formName: form.name,
                                  numberFormat: options.numberFormat)
        var out: [BatchDocument] = []
        var ids: [String: Int] = [:]
        for row in table.rows {
            if row.fields.count != table.header.count {
                problems.append(fieldCountProblem(row: row, table: table, roles: roles, file: file, path: CSVRowReader.path))
                continue
            }
            let read = reader.read(line: row.line, fields: row.fields)
            problems += read.problems
            if read.id.isEmpty {
                problems.append(CSVProblem(file: file, line: row.line, column: "id", Message("csv.id.empty")))
                continue
            }
            if let earlier = ids[read.id] {
                problems.append(CSVProblem(file: file, line: row.line, column: "id", Message("csv.id.duplicate", read.id, String(earlier))))
                continue
            }
            ids[read.id] = row.line
            guard read.problems.isEmpty else { continue }
            out.append(BatchDocument(id: read.id, group: read.group, source: .csvRow(reader, line: row.line, cells: CSVCells(row.fields))))
        }
        if !problems.isEmpty { throw CSVInputError(problems) }
        return (out, summary)
    }

    /// What is wrong with the defaults' annexes for a CSV batch of `form` (see `fromCSV`), each named at
    /// its JSON path in `file`.
    static func defaultsAnnexProblems(_ base: JSONValue, form: FormDefinition, file: String) -> [CSVProblem] {
        var out: [CSVProblem] = []
        func problem(_ path: JSONPath, _ message: Message) {
            out.append(CSVProblem(file: file, line: nil, Message("csv.defaults.at", path.description, message.asArgument)))
        }
        guard let annexes = base["annexes"] else { return [] }
        guard case .array(let items) = annexes else { problem(.root / "annexes", Message("expected.array", annexes.typeName)); return out }
        guard let first = items.first else { return [] }
        guard case .object = first else { problem(.root / "annexes" / 0, Message("expected.object", first.typeName)); return out }
        if let named = first["form"], named != .string(form.name) {
            let shown: String
            if case .string(let s) = named { shown = s } else { shown = named.typeName }
            problem(.root / "annexes" / 0 / "form", Message("csv.defaults.other-form", shown, form.name))
        }
        if let values = first["values"] {
            guard case .object(let members) = values else {
                problem(.root / "annexes" / 0 / "values", Message("expected.object", values.typeName)); return out
            }
            for m in members {
                let path: JSONPath = .root / "annexes" / 0 / "values" / m.key
                guard let field = form.fields[m.key] else { problem(path, Message("form.no-field", form.name, m.key)); continue }
                // The value's kind, as the form's binding would refuse it in every row.
                switch (field.kind, m.value) {
                case (.number, .number), (.text, .string), (.choice, .number), (.choice, .string), (_, .null): break
                case (.number, _): problem(path, Message("expected.number", m.value.typeName))
                case (.text, _): problem(path, Message("expected.string", m.value.typeName))
                case (.choice, _): problem(path, Message("expected.number", m.value.typeName))
                }
            }
        }
        return out
    }

    /// A cell read as an exact figure in the given notation; a problem (and nil) when it is not one.
    static func number(_ cell: String, notation: Figure.Notation, percent: Bool, problem: (Message) -> Void) -> JSONValue? {
        switch Figure.read(cell, notation: notation, allowPercent: percent) {
        case .success(let f):
            guard let v = JSONValue.numeral(f.description) else { problem(Message("csv.number.unheld", cell)); return nil }
            return v
        case .failure(.notANumber):
            problem(Message("csv.number.expected", cell))
        case .failure(let e):
            if case .ambiguous = e {
                problem(Message("csv.number.ambiguous", cell, e.message.asArgument))
            } else {
                problem(Message("csv.number.invalid", cell, e.message.asArgument))
            }
        }
        return nil
    }

    /// A row whose field count is not the header's: names both counts and, for a long row, the first
    /// number column where an unquoted decimal comma would have split a figure in two.
    static func fieldCountProblem(row: (line: Int, fields: [String]), table: CSVTable, roles: [ColumnRole], file: String,
                                  path: (ColumnRole) -> JSONPath?) -> CSVProblem {
        let n = row.fields.count, h = table.header.count
        let counts = Message(n == 1 ? "csv.fields.one" : "csv.fields", String(n), String(h)).asArgument
        /// "a" then "b" then "c" (or: "a" or "b"), joined in the message's language.
        func chain(_ items: [String], _ id: String) -> String {
            items.dropLast().reversed().reduce(items.last ?? "") { Message(id, $1, $0).asArgument }
        }
        if n > h {
            let extra = n - h
            if table.delimiter == .comma {
                // Where could "28,4" have been split? A number column whose merged cell is a figure the
                // field accepts (its declared decimals), with every other number cell of the row then
                // fitting its own column too.
                func fits(_ cell: String, _ role: ColumnRole) -> Bool {
                    guard case .field(let f, _) = role, f.kind == .number else { return true }
                    let t = cell.trimmingCharacters(in: .whitespaces)
                    if t.isEmpty { return true }
                    guard case .success(let fig) = Figure.read(t, notation: .vietnamese, allowPercent: true) else { return false }
                    return f.decimals.map { fig.significantPlaces <= $0 } ?? true
                }
                var candidates: [(column: Int, joined: String, parts: [String])] = []
                for i in 0..<h {
                    guard case .field(let f, _) = roles[i], f.kind == .number else { continue }
                    let parts = row.fields[i...i + extra].map { $0.trimmingCharacters(in: .whitespaces) }
                    guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } }) else { continue }
                    let joined = parts.joined(separator: ",")
                    let merged = Array(row.fields[..<i]) + [joined] + Array(row.fields[(i + extra + 1)...])
                    guard zip(merged, roles).allSatisfy({ fits($0, $1) }) else { continue }
                    candidates.append((i, joined, parts))
                }
                if let c = candidates.first {
                    let others = candidates.dropFirst().map { "\"\(table.header[$0.column])\"" }
                    return CSVProblem(file: file, line: row.line, Message(
                        "csv.fields.decimal-comma", counts, c.joined, table.header[c.column],
                        path(roles[c.column]).map { " (\($0))" } ?? "",
                        chain(c.parts.map { "\"\($0)\"" }, "csv.then"),
                        others.isEmpty ? "" : Message("csv.or-column", chain(others, "csv.or")).asArgument))
                }
            }
            return CSVProblem(file: file, line: row.line, Message("csv.fields.too-many", counts, table.delimiter.name, table.header[h - 1]))
        }
        let missing = table.header[n...].map { "\"\($0)\"" }
        return CSVProblem(file: file, line: row.line, Message(missing.count == 1 ? "csv.fields.too-few.one" : "csv.fields.too-few", counts,
                                                              missing.prefix(5).joined(separator: ", ") + (missing.count > 5 ? ", …" : "")))
    }

    /// Whether a header that is not a form field is a payload path, tried on the payload decoder itself:
    /// success (with whether it takes a whole number), or the message for an unknown path (with a
    /// did-you-mean from the decoder or from the form's field ids).
    static func probe(_ header: String, form: FormDefinition) -> Result<Bool, ProbeFailure> {
        let parts = header.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let looksLikeFieldID = header.allSatisfy { $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" } || header.first?.isNumber == true
        func nearestField() -> String? {
            let candidates = Array(form.fields.keys) + ["id", "group"] + commonPayloadPaths
            return candidates.min { distance($0, header) < distance($1, header) }.flatMap { distance($0, header) <= max(1, header.count / 4) ? $0 : nil }
        }
        func unknown(_ hint: String?) -> Result<Bool, ProbeFailure> {
            .failure(ProbeFailure(message: Message("csv.column.unknown", form.name, hint.map { Message("hint.did-you-mean", $0).asArgument } ?? "")))
        }
        if parts.contains(where: \.isEmpty) || looksLikeFieldID { return unknown(nearestField()) }
        let target = JSONPath(components: parts.map { .key($0) })
        let probeDoc = setting(.object([]), path: parts, to: .string("x"))
        let diagnostics = PayloadDecoder.decode(probeDoc).diagnostics
        for d in diagnostics where target.components.starts(with: d.path.components) && d.message.hasPrefix("unknown field") {
            let k = d.path.components.count - 1
            var hint: String? = nil
            if let open = d.message.range(of: "did you mean \""), let close = d.message[open.upperBound...].firstIndex(of: "\"") {
                var fixed = parts
                fixed[k] = String(d.message[open.upperBound..<close])
                hint = fixed.joined(separator: ".")
            }
            return unknown(nearestField() ?? hint)
        }
        for d in diagnostics where d.path == target {
            if d.message.hasPrefix("expected an object") {
                return .failure(ProbeFailure(message: Message("csv.column.object", header)))
            }
            if d.message.hasPrefix("expected an array") {
                return .failure(ProbeFailure(message: Message("csv.column.list")))
            }
            if d.message.hasPrefix("expected an integer") || d.message.hasPrefix("expected a number") { return .success(true) }
        }
        return .success(false)
    }

    struct ProbeFailure: Error { var message: Message }

    /// Payload paths a CSV column commonly fills, for did-you-mean hints only: whether a path is
    /// accepted is decided by the payload decoder (`probe`), never by this list.
    static let commonPayloadPaths = [
        "kind", "layout", "number", "symbol", "place", "title", "subject", "recipients",
        "issuer.parent", "issuer.name", "issuer.name_in_text", "date.day", "date.month", "date.year",
        "signer.authority", "signer.head_title", "signer.title", "signer.name",
        "archive.copies", "drafter.initials", "drafter.copies", "marks.secrecy", "marks.urgency", "marks.circulation",
    ]

    /// Edit distance with transpositions ("nmae" is one step from "name"), for did-you-mean hints.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var beforePrevious = previous
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { current[j] = min(current[j], beforePrevious[j - 2] + 1) }
            }
            beforePrevious = previous
            previous = current
        }
        return previous[b.count]
    }
}

/// How a row of a CSV batch becomes its document, once the header is read: which column fills what,
/// the defaults every row starts from, the form and how numbers are written. One per batch, shared by
/// every row's document; reading a row is a pure function of its fields (the same row reads the same
/// at the check and at the render).
public final class CSVRowReader: Sendable {
    let file: String
    let header: [String]
    let roles: [BatchInput.ColumnRole]
    /// The defaults (without their "summary").
    let base: JSONValue
    let formName: String
    let numberFormat: Figure.Notation

    init(file: String, header: [String], roles: [BatchInput.ColumnRole], base: JSONValue, formName: String, numberFormat: Figure.Notation) {
        self.file = file; self.header = header; self.roles = roles; self.base = base; self.formName = formName; self.numberFormat = numberFormat
    }

    /// What a row holds: its id and group, its own fields (to merge over `base`: the payload paths
    /// its columns fill and the form's annex with its values), the columns that gave a value, and the
    /// problems of its cells (each naming `FILE:LINE`, the column and the JSON path).
    struct Row {
        var id = "", group: String? = nil
        var own: JSONValue = .object([])
        var columns: [(header: String, path: JSONPath)] = []
        var problems: [CSVProblem] = []
    }

    /// The JSON path a column fills (nil for id, group and ignored columns).
    static func path(_ role: BatchInput.ColumnRole) -> JSONPath? {
        switch role {
        case .field(let f, _): return JSONPath.root / "annexes" / 0 / "values" / f.id
        case .payload(let parts, _): return JSONPath(components: parts.map { .key($0) })
        default: return nil
        }
    }

    /// Reads a row of `header.count` fields.
    func read(line: Int, fields: [String]) -> Row {
        var row = Row()
        var values: [(key: String, value: JSONValue)] = []
        func setValue(_ key: String, _ value: JSONValue) {
            if let i = values.firstIndex(where: { $0.key == key }) { values[i].value = value } else { values.append((key, value)) }
        }
        for (col, role) in roles.enumerated() {
            let name = header[col]
            let cell = fields[col].trimmingCharacters(in: .whitespaces)
            func problem(_ message: Message) {
                row.problems.append(CSVProblem(file: file, line: line, column: name, path: Self.path(role)?.description, message))
            }
            switch role {
            case .ignored: continue
            case .id: row.id = cell
            case .group: row.group = cell.isEmpty ? nil : cell
            case .field(let field, let percent):
                if cell.isEmpty { continue }
                switch field.kind {
                case .text: setValue(name, .string(cell))
                case .choice:
                    if cell.allSatisfy({ $0.isASCII && $0.isNumber }), let v = JSONValue.numeral(cell) { setValue(name, v) }
                    else { setValue(name, .string(cell)) }
                case .number:
                    guard let v = BatchInput.number(cell, notation: numberFormat, percent: percent, problem: problem) else { continue }
                    setValue(name, v)
                }
                row.columns.append((name, Self.path(role)!))
            case .payload(let parts, let integer):
                if cell.isEmpty { continue }
                var value: JSONValue = .string(cell)
                if integer {
                    guard let v = BatchInput.number(cell, notation: numberFormat, percent: false, problem: problem) else { continue }
                    value = v
                }
                row.own = BatchInput.setting(row.own, path: parts, to: value)
                row.columns.append((name, Self.path(role)!))
            }
        }
        // The form's annex is the payload's first (an array is replaced whole, never merged): what the
        // first one (the row's own, else the defaults') says besides form and values stays, its values
        // start this row's (a filled cell wins), and the annexes after it are kept.
        var annex: [(key: String, value: JSONValue)] = [("form", .string(formName))]
        var later: [JSONValue] = []
        if case .array(let existing)? = row.own["annexes"] ?? base["annexes"], case .object(let first)? = existing.first {
            annex = first.filter { $0.key != "form" && $0.key != "values" } + annex
            if case .object(let given)? = first.first(where: { $0.key == "values" })?.value {
                let own = values
                values = given
                for (key, value) in own { setValue(key, value) }
            }
            later = Array(existing.dropFirst())
        }
        annex.append(("values", .object(values)))
        row.own = BatchInput.setting(row.own, path: ["annexes"], to: .array([.object(annex)] + later))
        // Told with the rest of the file's problems, before anything is rendered, at the column that set
        // the row's own half.
        if let mixed = BatchInput.mixedIssuer(defaults: base, own: row.own) {
            let ownKey = mixed.path == JSONPath.root / "issuer" / "name" ? "name_in_text" : "name"
            let column = row.columns.first { $0.path == JSONPath.root / "issuer" / ownKey }
            row.problems.append(CSVProblem(file: file, line: line, column: column?.header, path: mixed.path.description,
                                           Message("batch.issuer-mixed", mixed.arguments)))
        }
        return row
    }

    /// Where the row's values came from, for naming a column in a payload problem.
    func origin(line: Int, fields: [String]) -> CSVOrigin {
        CSVOrigin(file: file, line: line, columns: read(line: line, fields: fields).columns)
    }
}
