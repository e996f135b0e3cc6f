import VanBanModel
import VanBanText

extension DocumentComposer {
    /// A list block as body paragraphs: each item starts with its marker ("1.", "a)", "I.", "-", "+")
    /// after the first-line indent, continuation lines run from the margin, and a nested list follows
    /// its item (R34: parts I., clauses 1., points a), đ), g)). Items are spaced like paragraphs (R32).
    func listFlow(_ list: ListBlock, width: Double, spaceBefore: Double, parent: String? = nil) -> [FlowItem] {
        let b = spec.body
        let indent = mm(b.firstLineIndentMm)
        var flow: [FlowItem] = []
        for (k, item) in list.items.enumerated() {
            let marker = list.marker(at: k, parent: parent)
            let line = marker.isEmpty ? item.text : marker + " " + item.text
            flow += text.flow(line, font: b.style.font, width: width, align: .justify, indent: indent,
                              spaceBefore: k == 0 ? spaceBefore : b.paragraphGapPt, role: "body")
            if let sub = item.sublist {
                flow += listFlow(sub, width: width, spaceBefore: b.paragraphGapPt, parent: marker)
            }
        }
        return flow
    }
}
