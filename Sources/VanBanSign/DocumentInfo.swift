/// The document information dictionary (`/Info`) entries the update writes.
///
/// Entries left nil keep the value the original file had (cairo writes `/Producer` and
/// `/Creator`, and a `/CreationDate` without `D:`): the update merges, it never drops what the
/// original said unless the caller supplies a replacement.
public struct DocumentInfo: Sendable, Equatable {
    public var title: String?
    public var author: String?
    public var subject: String?
    public var keywords: String?
    public var creator: String?
    public var producer: String?
    public var creationDate: PDFDate?
    public var modDate: PDFDate?
    /// Further text entries (private keys such as `VanBanIssue`), written in key order.
    public var custom: [String: String]

    public init(title: String? = nil, author: String? = nil, subject: String? = nil, keywords: String? = nil,
                creator: String? = nil, producer: String? = nil, creationDate: PDFDate? = nil, modDate: PDFDate? = nil, custom: [String: String] = [:]) {
        self.title = title
        self.author = author
        self.subject = subject
        self.keywords = keywords
        self.creator = creator
        self.producer = producer
        self.creationDate = creationDate
        self.modDate = modDate
        self.custom = custom
    }
}
