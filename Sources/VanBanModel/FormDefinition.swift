import Foundation
/// A form (biểu mẫu) from `Layouts/forms/<name>.json`: it fixes the annex's structure — title,
/// rows with ids, criteria, units, columns — and payloads only supply values by field id.
///
/// The same definition prints blank (dotted leaders, empty boxes: the template sent with a request)
/// or filled from a payload's `values`.
public struct FormDefinition: Sendable, Equatable {
    public var name: String
    public var template: Annex
    /// Every input of the form, by id, with where it was defined.
    public var fields: [String: FieldRef]
    /// Options of choice fields, by id.
    public var options: [String: [String]]
    /// Every printable string of the form, with its path in the form file (for extraction checks).
    public var strings: [String]

    /// Reads a form definition; problems are reported with paths inside the form file.
    public static func decode(_ bytes: [UInt8], name: String) -> (form: FormDefinition?, diagnostics: [Diagnostic]) {
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch { return (nil, [Diagnostic(at: .root, error.message)]) }
        guard case .object(var members) = json else { return (nil, [Diagnostic(at: .root, Message("expected.object", json.typeName))]) }
        members.removeAll { $0.key == "description" }
        let sink = DiagnosticCollector()
        let annex = PayloadDecoder.readAnnex(JSONReader(.object(members), sink: sink))
        if members.contains(where: { $0.key == "form" || $0.key == "values" }) {
            sink.error(.root, Message("form-definition.form"))
        }
        var fields: [String: FieldRef] = [:]
        var options: [String: [String]] = [:]
        if let annex {
            for (path, field, opts) in collectFields(annex.blocks, path: .root / "blocks") {
                if fields[field.id] != nil { sink.error(path, Message("form-definition.field-twice", field.id)) }
                fields[field.id] = field
                if let opts { options[field.id] = opts }
            }
        }
        guard let annex, !sink.hasErrors else { return (nil, sink.diagnostics) }
        return (FormDefinition(name: name, template: annex, fields: fields, options: options, strings: sink.strings.map(\.text)), sink.diagnostics)
    }

    static func collectFields(_ blocks: [Block], path: JSONPath) -> [(JSONPath, FieldRef, [String]?)] {
        var out: [(JSONPath, FieldRef, [String]?)] = []
        for (i, block) in blocks.enumerated() {
            let p = path / i
            switch block {
            case .table(let t):
                for (ri, row) in t.rows.enumerated() {
                    for (ci, cell) in row.cells.enumerated() { if let f = cell.field { out.append((p / "table" / "rows" / ri / "cells" / ci, f, nil)) } }
                }
            case .fill(let fill):
                for (k, part) in fill.parts.enumerated() { if case .field(let f, _) = part { out.append((p / "fill" / k, f, nil)) } }
            case .choices(let c):
                if let f = c.field { out.append((p / "field", f, c.options)) }
            case .answer(let a):
                if let f = a.field { out.append((p / "answer" / "field", f, nil)) }
            case .paragraph, .heading, .list: break
            }
        }
        return out
    }

    /// The annex a payload asks for, printed with this form: the form's structure, the payload's
    /// title/label/reference where given, its values checked against the form's fields.
    public func bind(_ annex: Annex, path: JSONPath, sink: DiagnosticCollector) -> Annex {
        var values: [String: FieldValue] = [:]
        for key in annex.values.keys.sorted() {
            let value = annex.values[key]!
            let vp = path / "values" / key
            guard let field = fields[key] else {
                let known = fields.keys.sorted()
                let hint = known.min { editDistance($0, key) < editDistance($1, key) }.flatMap { editDistance($0, key) <= hintDistance(key) ? $0 : nil }
                sink.error(vp, hint.map { Message("form.no-field.hint", name, key, $0) } ?? Message("form.no-field", name, key))
                continue
            }
            switch (field.kind, value) {
            case (.number, .number(let f)):
                if let max = field.decimals, f.significantPlaces > max {
                    sink.error(vp, Message(max == 1 ? "form.decimals.one" : "form.decimals", key, String(max), f.vietnamese()))
                } else { values[key] = value }
            case (.text, .text): values[key] = value
            case (.text, .number(let f)): values[key] = .text(f.vietnamese(groupThousands: false))
            case (.number, .text(let s)):
                switch Figure.read(s, notation: .vietnamese) {
                case .success(let f): values[key] = .number(f)
                case .failure(.notANumber): sink.error(vp, Message("expected.number", "a string"))
                case .failure(let e): sink.error(vp, Message("value.reason", s, e.message.asArgument))
                }
            case (.choice, .number(let f)):
                let n = options[key]?.count ?? 0
                if f.isIntegral, f.value >= 1, f.value <= Decimal(n) { values[key] = .choice((Int(f.plain(places: 0)) ?? 1) - 1) }
                else { sink.error(vp, Message("form.option-number", String(n), f.description)) }
            case (.choice, .text(let s)):
                if let i = options[key]?.firstIndex(of: s) { values[key] = .choice(i) }
                else { sink.error(vp, Message("form.one-of", (options[key] ?? []).map { "\"\($0)\"" }.joined(separator: ", "))) }
            case (_, .choice): values[key] = value
            }
        }
        var merged = template
        if !annex.title.isEmpty { merged.title = annex.title }
        if annex.label != nil { merged.label = annex.label }
        if annex.code != nil { merged.code = annex.code }
        // The payload's reference wins field by field over the form's default, whatever it says (R56).
        merged.reference = annex.reference.over(template.reference)
        if annex.orientation == .landscape { merged.orientation = .landscape }
        merged.blocks = template.blocks + annex.blocks
        merged.form = name
        merged.values = values
        // Figures of the form's tables with these values: formats, sums and formulas checked here, so
        // `validate` reports them (at the value's path when a field gave it).
        for (bi, block) in merged.blocks.enumerated() {
            guard case .table(var table) = block else { continue }
            let problems = TableFilling.fillKeeping(&table, values: values).map { p -> TableFilling.Problem in
                var p = p
                if let r = p.row, let c = p.cell, let f = table.rows[r].cells[c].field, values[f.id] != nil { p.field = f.id }
                return p
            }
            TableDecoder.report(problems, table: table, at: path / "blocks" / bi / "table", sink: sink, valuesPath: path / "values")
            merged.blocks[bi] = .table(table)
        }
        return merged
    }
}
