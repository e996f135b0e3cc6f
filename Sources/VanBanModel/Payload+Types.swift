/// An entry of a document's articles (payload `articles`): a chapter or section heading, or an article.
/// Chapters ("Chương I"), sections ("Mục 1", restarting in each chapter) and articles ("Điều 1.",
/// running through the document) are numbered by the engine.
public enum ArticleItem: Sendable, Equatable {
    case chapter(String)
    case section(String)
    case article(Article)
}

/// "Điều n." with an optional title (printed bold after the label), its text, clauses and points.
public struct Article: Sendable, Equatable {
    /// Lets text elsewhere name this article: "{article:<id>}" prints "Điều n".
    public var id: String?
    public var title: String?
    public var text: String?
    public var clauses: [Clause]
    public init(id: String? = nil, title: String? = nil, text: String? = nil, clauses: [Clause] = []) {
        self.id = id; self.title = title; self.text = text; self.clauses = clauses
    }
}

/// A khoản ("1.", "2." …) with its điểm ("a)", "b)" … "đ)" …).
public struct Clause: Sendable, Equatable {
    public var text: String
    public var points: [String]
    public init(text: String, points: [String] = []) { self.text = text; self.points = points }
}

/// "Thời gian: 08 giờ 00 …": a label and its text on one paragraph.
public struct LabelledLine: Sendable, Equatable {
    public var label: String
    public var text: String
    public init(label: String, text: String) { self.label = label; self.text = text }
}

/// The document a quyết định issues (Mẫu 1.3): a quy chế, quy định or kế hoạch with its own header
/// (agency and national title, no number), type name and subject, "(Kèm theo Quyết định số … )", articles.
public struct AttachedDocument: Sendable, Equatable {
    /// Type name in capitals: "QUY CHẾ".
    public var title: String
    public var subject: String?
    public var subjectLines: [String]?
    public var reference: AnnexReference
    public var articles: [ArticleItem]
    public var body: [Block]
    public init(title: String, subject: String? = nil, subjectLines: [String]? = nil, reference: AnnexReference = AnnexReference(),
                articles: [ArticleItem] = [], body: [Block] = []) {
        self.title = title; self.subject = subject; self.subjectLines = subjectLines; self.reference = reference
        self.articles = articles; self.body = body
    }
}

extension ArticleItem {
    /// Article numbers by id, in document order.
    public static func numbers(_ items: [ArticleItem]) -> [String: Int] {
        var out: [String: Int] = [:]
        var n = 0
        for item in items {
            guard case .article(let a) = item else { continue }
            n += 1
            if let id = a.id { out[id] = n }
        }
        return out
    }

    /// "{article:<id>}" → "Điều n" (unknown ids are left as written; the engine reports them).
    public static func resolvingReferences(_ s: String, numbers: [String: Int]) -> String {
        guard s.contains("{article:") else { return s }
        var out = ""
        var rest = Substring(s)
        while let open = rest.range(of: "{article:") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { out += rest[open.lowerBound...]; return out }
            let id = String(rest[open.upperBound..<close])
            if let n = numbers[id] { out += "Điều \(n)" } else { out += rest[open.lowerBound...close] }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// Ids named by "{article:…}" in `s`.
    public static func referencedIDs(_ s: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(s)
        while let open = rest.range(of: "{article:"), let close = rest[open.upperBound...].firstIndex(of: "}") {
            ids.append(String(rest[open.upperBound..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return ids
    }
}
