import Foundation

/// The fields of the named document types (Layouts/types/): authority, grounds, articles, labelled lines,
/// closing paragraphs, two signers, the attached document of a quyết định (Mẫu 1.3).
extension PayloadDecoder {
    /// The payload's `kind`: cong_van, bao_cao, annex_only or a type in Layouts/types/ (checked by the engine).
    static func readKind(_ r: JSONReader) -> DocumentKind? {
        guard let s = r.text(printed: false) else { return nil }
        guard NamePattern.isKind(s) else {
            // "quyet-dinh", "Cong_van": the file name or capitals given for the kind.
            let likely = s.lowercased().replacingOccurrences(of: "-", with: "_")
            r.error(NamePattern.isKind(likely) ? Message("kind.type.hint", likely) : Message("kind.type"))
            return nil
        }
        return DocumentKind(rawValue: s)
    }

    static func readAuthority(_ r: JSONReader) -> (String?, [String]?) {
        let (text, lines) = readLines(r, "authority")
        if let m = r.member("authority"), let t = text, t != t.uppercased() {
            m.error(Message("caps.authority-line"))
        }
        return (text, lines)
    }

    static func readArticles(_ r: JSONReader) -> [ArticleItem] {
        guard let items = r.elements() else { return [] }
        var out: [ArticleItem] = []
        var ids: Set<String> = []
        for item in items {
            guard case .object = item.value else { item.error(Message("expected.object", item.value.typeName)); continue }
            if item.has("chapter") {
                item.expectObject(allowed: ["chapter"])
                if let t = item.requiredText("chapter") { out.append(.chapter(t)) }
            } else if item.has("section") {
                item.expectObject(allowed: ["section"])
                if let t = item.requiredText("section") { out.append(.section(t)) }
            } else {
                guard item.expectObject(allowed: ["id", "title", "text", "clauses"]) else { continue }
                let id = item.member("id").flatMap { m -> String? in
                    guard let s = m.text(printed: false) else { return nil }
                    if !NamePattern.isID(s) {
                        m.error(Message("article.id.chars")); return nil
                    }
                    if !ids.insert(s).inserted { m.error(Message("article.id.duplicate", s)); return nil }
                    return s
                }
                let title = item.optionalText("title")
                let text = item.optionalText("text")
                let clauses = item.member("clauses")?.elements()?.compactMap(readClause) ?? []
                if title == nil, text == nil, clauses.isEmpty, !item.has("title"), !item.has("text") {
                    item.error(Message("article.empty"))
                }
                if let t = text, let typed = typedArticleLabel(t) {
                    item.member("text")?.error(Message("article.numbered", typed))
                }
                out.append(.article(Article(id: id, title: title, text: text, clauses: clauses)))
            }
        }
        return out
    }

    static func typedArticleLabel(_ s: String) -> String? {
        NamePattern.articleLabel(s)
    }

    static func readClause(_ r: JSONReader) -> Clause? {
        if case .string = r.value { return r.text().map { Clause(text: $0) } }
        guard r.expectObject(allowed: ["text", "points"]) else { return nil }
        let text = r.requiredText("text")
        let points = r.member("points")?.textList() ?? []
        return text.map { Clause(text: $0, points: points) }
    }

    static func readLabelled(_ r: JSONReader) -> [LabelledLine] {
        (r.elements() ?? []).compactMap { item -> LabelledLine? in
            guard item.expectObject(allowed: ["label", "text"]) else { return nil }
            let label = item.requiredText("label")
            let text = item.requiredText("text")
            guard let label, let text else { return nil }
            return LabelledLine(label: label, text: text)
        }
    }

    static func readSigners(_ r: JSONReader) -> [Signer] {
        guard let items = r.elements() else { return [] }
        if items.count != 2 { r.error(Message("signers.two")) }
        return items.compactMap(readSigner)
    }

    static func readAttached(_ r: JSONReader) -> AttachedDocument? {
        guard r.expectObject(allowed: ["title", "subject", "ref", "articles", "body"]) else { return nil }
        let title = r.requiredText("title")
        if let m = r.member("title"), let t = title, t != t.uppercased() { m.error(Message("caps.type-name")) }
        let (subject, subjectLines) = readLines(r, "subject")
        let ref = r.member("ref").flatMap(readReference) ?? AnnexReference()
        let articles = r.member("articles").map(readArticles) ?? []
        let body = r.member("body")?.elements()?.compactMap(readBlock) ?? []
        if articles.isEmpty, body.isEmpty { r.sink.error(r.path / "articles", Message("articles.required")) }
        guard let title else { return nil }
        return AttachedDocument(title: title, subject: subject, subjectLines: subjectLines, reference: ref, articles: articles, body: body)
    }
}
