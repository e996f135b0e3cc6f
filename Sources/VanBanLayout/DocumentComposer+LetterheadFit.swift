import VanBanModel
import VanBanText

extension DocumentComposer {
    /// A letterhead (ô 1–4, 5b: agency names, "Số:" and date lines, V/v) taller than the first page's text
    /// block would be drawn off the page, its text silently lost. Checked at validation: the error names
    /// the longest of the letterhead's fields (`$.issuer.parent`, `$.issuer.name`, `$.subject`, `$.place`).
    public func letterheadFitProblems(_ payload: Payload) -> [Diagnostic] {
        guard payload.kind != .annexOnly else { return [] }
        let (_, _, tb) = frame(landscape: false)
        let type = documentType(for: payload)
        let head = letterhead(payload, variant: type.block(.header)?.variant ?? "standard",
                              subjectLine: type.has(.subjectLine), textBlock: tb)
        // Room for at least a few lines of the body under the letterhead.
        let limit = tb.maxY - spec.body.style.size * 3
        guard head.bottom > limit else { return [] }
        let candidates: [(JSONPath, Int)] = [
            (.root / "issuer" / "parent", (payload.issuer.parent ?? "").count),
            (.root / "issuer" / "name", payload.issuer.name.count),
            (.root / "subject", (payload.subject ?? "").count),
            (.root / "place", payload.place.count),
        ]
        let path = candidates.max { $0.1 < $1.1 }?.0 ?? .root / "issuer"
        return [Diagnostic(at: path, Message("letterhead.too-tall", DocumentComposer.mmText(head.bottom / mm(1)), DocumentComposer.mmText(limit / mm(1))))]
    }
}
