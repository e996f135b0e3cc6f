import Foundation
import VanBanModel

/// One document of a batch: the defaults deep-merged with its own fields.
public struct BatchDocument: Sendable {
    public var id: String
    /// Grouping for the summary table ("Các sở, ban, ngành", "UBND cấp huyện", …).
    public var group: String?
    public var payload: JSONValue
    /// Fingerprint of the merged payload: `--resume` re-renders only documents whose input changed.
    public var hash: String
}

/// Reads batch inputs: a batch JSON (`{"defaults": {…}, "documents": [{"id": …, …}]}`) or a CSV of form values.
public enum BatchInput {
    /// The batch's documents, and the payload fields of its summary table (`"summary"`), if any.
    public static func fromJSON(_ bytes: [UInt8]) throws(ValidationFailure) -> (documents: [BatchDocument], summary: JSONValue?) {
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch { throw ValidationFailure([Diagnostic(at: .root, error.description)]) }
        let sink = DiagnosticCollector()
        let root = JSONReader(json, sink: sink)
        guard root.expectObject(allowed: ["$schema", "defaults", "documents", "summary"]) else { throw ValidationFailure(sink.diagnostics) }
        let summary = root.member("summary")?.value
        let defaults = root.member("defaults")?.value ?? .object([])
        if case .object = defaults {} else { sink.error(.root / "defaults", "expected an object, got \(defaults.typeName)") }
        guard let docs = root.member("documents")?.elements() else {
            if !root.has("documents") { sink.error(.root / "documents", "is required") }
            throw ValidationFailure(sink.diagnostics)
        }
        var out: [BatchDocument] = []
        var seen = Set<String>()
        for d in docs {
            guard case .object(var members) = d.value else { d.error("expected an object, got \(d.value.typeName)"); continue }
            guard let id = d.member("id")?.text(printed: false) else {
                if !d.has("id") { sink.error(d.path / "id", "is required") }
                continue
            }
            if !seen.insert(id).inserted { sink.error(d.path / "id", "duplicate id \"\(id)\""); continue }
            let group = d.member("group")?.text(printed: false)
            members.removeAll { $0.key == "id" || $0.key == "group" }
            let merged = deepMerge(defaults, .object(members))
            out.append(BatchDocument(id: id, group: group, payload: merged, hash: fingerprint(merged)))
        }
        if out.isEmpty && docs.isEmpty { sink.error(.root / "documents", "must not be empty") }
        if sink.hasErrors { throw ValidationFailure(sink.diagnostics) }
        return (out, summary)
    }

    /// A CSV with one row per agency: `id`, optional `group`, payload fields by dotted path
    /// (`issuer.name`, `signer.name`, `number`), and the form's field ids (values of its first annex).
    public static func fromCSV(_ text: String, form: FormDefinition, defaults: JSONValue) throws(ValidationFailure) -> [BatchDocument] {
        let rows = CSV.parse(text)
        guard let header = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces) }), header.contains("id") else {
            throw ValidationFailure([Diagnostic(at: .root, "the CSV needs a header row with an \"id\" column")])
        }
        var out: [BatchDocument] = []
        var problems: [Diagnostic] = []
        var seen = Set<String>()
        let numericPaths: Set<String> = ["number", "date.day", "date.month", "date.year", "archive.copies"]
        for (lineIndex, row) in rows.dropFirst().enumerated() where !row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            let line = lineIndex + 2
            var doc = defaults
            var values: [(key: String, value: JSONValue)] = []
            var id = "", group: String? = nil
            for (col, name) in header.enumerated() {
                let cell = (col < row.count ? row[col] : "").trimmingCharacters(in: .whitespaces)
                if name == "id" { id = cell; continue }
                if name == "group" { group = cell.isEmpty ? nil : cell; continue }
                if form.fields[name] != nil {
                    if cell.isEmpty { continue }
                    if form.fields[name]!.kind == .text { values.append((name, .string(cell))) }
                    else if case .success(let f) = Figure.read(cell, notation: .detect), let v = JSONValue.numeral(f.description) { values.append((name, v)) }
                    else if form.fields[name]!.kind == .choice { values.append((name, .string(cell))) }
                    else { problems.append(Diagnostic(at: JSONPath.root / "csv" / "line \(line)" / name, "expected a number, got \"\(cell)\"")) }
                    continue
                }
                if cell.isEmpty { continue }
                let value: JSONValue = numericPaths.contains(name) && Int(cell) != nil ? .integer(Int(cell)!) : .string(cell)
                doc = setting(doc, path: name.split(separator: ".").map(String.init), to: value)
            }
            if id.isEmpty { problems.append(Diagnostic(at: JSONPath.root / "csv" / "line \(line)" / "id", "is required")); continue }
            if !seen.insert(id).inserted { problems.append(Diagnostic(at: JSONPath.root / "csv" / "line \(line)" / "id", "duplicate id \"\(id)\"")); continue }
            var annex: [(key: String, value: JSONValue)] = [("form", .string(form.name)), ("values", .object(values))]
            if case .array(let existing)? = doc["annexes"], case .object(let first)? = existing.first {
                annex = first.filter { $0.key != "form" && $0.key != "values" } + annex
            }
            doc = setting(doc, path: ["annexes"], to: .array([.object(annex)]))
            out.append(BatchDocument(id: id, group: group, payload: doc, hash: fingerprint(doc)))
        }
        if !problems.isEmpty { throw ValidationFailure(problems) }
        return out
    }

    /// Objects merge key by key; anything else in `overlay` replaces `base`.
    public static func deepMerge(_ base: JSONValue, _ overlay: JSONValue) -> JSONValue {
        guard case .object(let b) = base, case .object(let o) = overlay else { return overlay }
        var out = b
        for m in o {
            if let i = out.firstIndex(where: { $0.key == m.key }) { out[i].value = deepMerge(out[i].value, m.value) }
            else { out.append(m) }
        }
        return .object(out)
    }

    static func setting(_ value: JSONValue, path: [String], to newValue: JSONValue) -> JSONValue {
        guard let key = path.first else { return newValue }
        var members: [(key: String, value: JSONValue)] = []
        if case .object(let m) = value { members = m }
        if let i = members.firstIndex(where: { $0.key == key }) {
            members[i].value = setting(members[i].value, path: Array(path.dropFirst()), to: newValue)
        } else {
            members.append((key, setting(.object([]), path: Array(path.dropFirst()), to: newValue)))
        }
        return .object(members)
    }

    /// FNV-1a (64-bit) of the payload's canonical text: stable across runs and machines.
    static func fingerprint(_ value: JSONValue) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in JSONWriter.string(value).utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends, a UTF-8 BOM skipped.
enum CSV {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        chars.append("\n")
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else { field.append(c) }
            } else {
                switch c {
                case "\"": quoted = true
                case ",": row.append(field); field = ""
                case "\r\n", "\n", "\r":
                    row.append(field); field = ""
                    if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                    row = []
                default: field.append(c)
                }
            }
            i += 1
        }
        return rows
    }
}
