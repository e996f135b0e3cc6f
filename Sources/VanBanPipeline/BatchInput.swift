import Foundation
import VanBanModel

/// Reads batch inputs: a batch JSON (`{"defaults": {…}, "documents": [{"id": …, …}]}`) held in memory
/// (`fromJSON`) or read in place from its file (`fromJSONFile`, in BatchFile.swift), or a CSV of form
/// values (`fromCSV`, in CSVBatchInput.swift).
public enum BatchInput {
    /// The batch's documents, and the payload fields of its summary table (`"summary"`), if any.
    /// Each document keeps its own fields and shares the defaults (`BatchDocument.Source.overlay`).
    /// Throws every problem found (malformed JSON, an unknown key, a document without an id, a
    /// duplicate id, no documents) as one `ValidationFailure`.
    public static func fromJSON(_ bytes: [UInt8]) throws(ValidationFailure) -> (documents: [BatchDocument], summary: JSONValue?) {
        let json: JSONValue
        do { json = try JSONParser.parse(decodeJSONText(bytes)) }
        catch let e as TextDecoding.Failure { throw ValidationFailure([Diagnostic(at: .root, Message("file.not-text", e.message.asArgument))]) }
        catch let e as JSONParser.SyntaxError { throw ValidationFailure([Diagnostic(at: .root, e.message)]) }
        catch { throw ValidationFailure([Diagnostic(at: .root, "\(error)")]) }
        let sink = DiagnosticCollector()
        let root = JSONReader(json, sink: sink)
        guard root.expectObject(allowed: ["$schema", "defaults", "documents", "summary"]) else { throw ValidationFailure(sink.diagnostics) }
        let summary = root.member("summary")?.value
        let defaults = root.member("defaults")?.value ?? .object([])
        if case .object = defaults {} else { sink.error(.root / "defaults", Message("expected.object", defaults.typeName)) }
        // Found by schemathesis: a summary that is not an object was accepted (the document says object).
        if let summary, summary.objectMembers == nil { sink.error(.root / "summary", Message("expected.object", summary.typeName)) }
        guard let docs = root.member("documents")?.elements() else {
            if !root.has("documents") { sink.error(.root / "documents", Message("field.required")) }
            throw ValidationFailure(sink.diagnostics)
        }
        var out: [BatchDocument] = []
        var seen = Set<String>()
        for d in docs {
            guard case .object(var members) = d.value else { d.error(Message("expected.object", d.value.typeName)); continue }
            guard let id = d.member("id")?.text(printed: false) else {
                if !d.has("id") { sink.error(d.path / "id", Message("field.required")) }
                continue
            }
            if !seen.insert(id).inserted { sink.error(d.path / "id", Message("batch.duplicate-id", id)); continue }
            let group = d.member("group")?.text(printed: false)
            members.removeAll { $0.key == "id" || $0.key == "group" }
            out.append(BatchDocument(id: id, group: group, source: .overlay(defaults: defaults, own: .object(members))))
        }
        if out.isEmpty && docs.isEmpty { sink.error(.root / "documents", Message("text.empty")) }
        if sink.hasErrors { throw ValidationFailure(sink.diagnostics) }
        return (out, summary)
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

    /// The payload's own fingerprint: SHA-256 of its canonical text (keys in order, numbers as written).
    static func fingerprint(_ value: JSONValue) -> String {
        BatchFingerprint.hex(Array(JSONWriter.string(value).utf8))
    }
}
