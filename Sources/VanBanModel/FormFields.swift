import Foundation

/// What a layout author or an integrator needs to fill a form: each field's id, type and a label read
/// from the form itself (its table row's text, the words before a fill-in blank, a choice's question).
public struct FormFieldSummary: Sendable, Equatable, Codable {
    public var id: String
    public var type: String
    public var label: String
    public var options: [String]?
}

extension FormDefinition {
    /// The annex title, one line.
    public var title: String { template.title.joined(separator: " ") }

    /// Every field in the order the form prints them.
    public var fieldSummaries: [FormFieldSummary] {
        var out: [FormFieldSummary] = []
        func add(_ f: FieldRef, _ label: String, _ options: [String]? = nil) {
            let clean = label.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            out.append(FormFieldSummary(id: f.id, type: f.kind.rawValue, label: clean, options: options))
        }
        for block in template.blocks {
            switch block {
            case .table(let t):
                let header = t.header.last.map { $0.flatMap { c in Array(repeating: c.paragraphs.joined(separator: " "), count: max(1, c.colspan)) } } ?? []
                for row in t.rows {
                    let rowText = row.cells.filter { $0.field == nil && $0.figure == nil }.map { $0.paragraphs.joined(separator: " ") }
                        .filter { !$0.isEmpty }.joined(separator: " – ")
                    var column = 0
                    for cell in row.cells {
                        if let f = cell.field {
                            let head = column < header.count ? header[column] : ""
                            add(f, [rowText, head].filter { !$0.isEmpty }.joined(separator: " – "))
                        }
                        column += max(1, cell.colspan)
                    }
                }
            case .fill(let fill):
                var before = ""
                for part in fill.parts {
                    switch part {
                    case .text(let s): before += s
                    case .field(let f, _): add(f, before.trimmingCharacters(in: .whitespaces).trimmingSuffix(":…. ")); before = ""
                    }
                }
            case .choices(let c):
                if let f = c.field { add(f, c.label ?? c.options.joined(separator: " / "), c.options) }
            case .answer(let a):
                if let f = a.field { add(f, a.hint ?? "") }
            case .paragraph, .heading, .list: break
            }
        }
        return out
    }
}

extension String {
    func trimmingSuffix(_ characters: String) -> String {
        var s = Substring(self)
        while let last = s.last, characters.contains(last) { s = s.dropLast() }
        return String(s)
    }
}

/// "Did you mean" suggestions for names (layouts, forms, fields, keys of layout files).
public enum Suggestion {
    /// Levenshtein distance between two names.
    public static func distance(_ a: String, _ b: String) -> Int { editDistance(a, b) }

    /// The known name nearest `name` when it is close enough to be a typo of it; else a known name
    /// that is `name` with up to three more letters, or without them: a singular for a plural
    /// ("annex" → "annexes", "signer" ↔ "signers").
    public static func nearest(_ name: String, among known: [String]) -> String? {
        let lower = name.lowercased()
        if let typo = known.min(by: { editDistance($0, lower) < editDistance($1, lower) }), editDistance(typo, lower) <= hintDistance(name) {
            return typo
        }
        return known.filter { k in
            lower.count >= 3 && k.count >= 3 && abs(k.count - lower.count) <= 3 && (k.hasPrefix(lower) || lower.hasPrefix(k))
        }.min { abs($0.count - lower.count) < abs($1.count - lower.count) }
    }
}
