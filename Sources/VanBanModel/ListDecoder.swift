/// Reads list blocks: `{"list": [items], "style"?, "marker"?, "start"?}`, an item being a string or
/// `{"text", "sublist"?: {list block}}`.
extension PayloadDecoder {
    static let literalMarkers = ["-", "+", "*", "•", "–"]

    static func readList(_ r: JSONReader, depth: Int = 0) -> ListBlock? {
        guard r.expectObject(allowed: ["list", "marker", "style", "start"]) else { return nil }
        let style = r.member("style")?.oneOf(ListBlock.Style.allCases.map(\.rawValue)).flatMap(ListBlock.Style.init(rawValue:))
        let marker = r.member("marker")?.oneOf(literalMarkers) ?? "-"
        if r.has("style"), let m = r.member("marker") { m.error(Message("list.marker-and-style")) }
        let start = r.member("start")?.integer(in: 1...3999) ?? 1
        if r.has("start"), style == nil || style == .dash || style == .plus || style == .none, let s = r.member("start") {
            s.warning(Message("list.start"))
        }
        // A null list has no items; a string is a list of one item.
        guard let list = r.member("list") else { return ListBlock(items: [], marker: marker, style: style, start: start) }
        let readers: [JSONReader]
        if case .string = list.value { readers = [list] } else {
            guard let all = list.elements() else { return nil }
            readers = all
        }
        if readers.isEmpty { list.error(Message("text.empty")) }
        if depth > 6 { r.error(Message("list.depth")); return nil }
        let numbered = style.map { [.decimal, .outline, .alpha, .roman].contains($0) } ?? false
        let marked = style != .some(.none)
        var items: [ListItem] = []
        for item in readers {
            var textReader = item
            var sublist: ListBlock? = nil
            var text: String?
            if case .object = item.value {
                guard item.expectObject(allowed: ["text", "sublist"]) else { continue }
                text = item.requiredText("text")
                if let t = item.member("text") { textReader = t }
                sublist = item.member("sublist").flatMap { readList($0, depth: depth + 1) }
            } else {
                text = item.text()
            }
            guard var t = text else { continue }
            if marked { t = strippedDash(t, at: textReader, what: Message("word.list-item"), rule: "R34") }
            if numbered, let typed = TypedMarker.typedNumber(t) {
                textReader.warning(Message("list.typed-number", typed))
            }
            items.append(ListItem(text: t, sublist: sublist))
        }
        return ListBlock(items: items, marker: marker, style: style, start: start)
    }
}
