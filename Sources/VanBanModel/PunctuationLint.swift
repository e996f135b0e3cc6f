import Foundation

/// The decree's punctuation and place checks, reported as warnings with the JSON path and the rule
/// (`vanban validate --strict` makes them errors):
/// - R28: each "Kính gửi" item of a list ends with ";", the last with ".";
/// - R46: each "Nơi nhận" item ends with ";" (the "Lưu" line closes the list with ".");
/// - R36: the body ends with "./.";
/// - R25: the place is named, not left as a blank ("……").
///
/// Missing punctuation is added by the layout and not reported; wrong punctuation is the payload's
/// text and is printed as given, so it is reported.
enum PunctuationLint {
    static func check(_ r: JSONReader, payload p: Payload) {
        if let place = r.member("place"), isBlank(p.place) {
            place.warning(Message("place.blank", p.place))
        }
        if p.recipients.count > 1, let items = r.member("recipients")?.elements(), items.count == p.recipients.count {
            for (i, (text, item)) in zip(p.recipients, items).enumerated() {
                let last = i == items.count - 1
                guard let end = text.last else { continue }
                if last, [";", ","].contains(end) {
                    item.warning(Message("recipients.last-end", String(end)))
                } else if !last, [".", ","].contains(end) {
                    item.warning(Message("recipients.end", String(end)))
                }
            }
        }
        if let items = r.member("cc")?.elements(), items.count == p.cc.count {
            for (entry, item) in zip(p.cc, items) {
                let path = item.member("name") ?? item
                guard let end = entry.name.last else { continue }
                if [".", ","].contains(end) {
                    path.warning(Message("noi-nhan.end", String(end)))
                } else if end == ";", entry.purpose != nil {
                    path.warning(Message("noi-nhan.purpose"))
                }
            }
        }
        // The text ends with "./.": the closing paragraphs when given (giấy mời, biên bản …), else the body.
        let closing = r.member("closing")?.elements().flatMap { $0.isEmpty ? nil : $0 }
        if p.kind != .annexOnly, let blocks = closing ?? r.member("body")?.elements(), let last = lastText(blocks) {
            if !last.text.hasSuffix("./.") {
                last.reader.warning(Message(closing == nil ? "ends-with.body" : "ends-with.closing"))
            }
        }
    }

    /// A place written as dots, ellipses, underscores or spaces only.
    static func isBlank(_ place: String) -> Bool {
        place.allSatisfy { ".…_ \u{00A0}-".contains($0) }
    }

    /// The reader of the body's last sentence: the last paragraph, or the last (innermost) item of a final list.
    static func lastText(_ blocks: [JSONReader]) -> (reader: JSONReader, text: String)? {
        guard let block = blocks.last else { return nil }
        if let t = block.member("text"), case .string(let s) = t.value { return (t, s.precomposedStringWithCanonicalMapping) }
        guard let items = block.member("list")?.elements(), let item = items.last else { return nil }
        if case .string(let s) = item.value { return (item, s.precomposedStringWithCanonicalMapping) }
        if let sub = item.member("sublist"), let inner = lastText([sub]) { return inner }
        if let t = item.member("text"), case .string(let s) = t.value { return (t, s.precomposedStringWithCanonicalMapping) }
        return nil
    }
}
