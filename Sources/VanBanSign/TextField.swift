/// An empty text field to add with the signature fields: `DocumentNumber` and `IssueDate`, which
/// the văn thư fills at issuance, after the leader signed (Decree 30: numbered from the register).
public struct TextField: Sendable, Equatable {
    /// The field's partial name (`/T`). Unique in the document, no '.'.
    public var name: String
    /// Zero-based index of the page in document order.
    public var pageIndex: Int
    /// Where the widget sits, in the page's user space.
    public var rect: PDFRect
    /// A one-page PDF the size of `rect` whose page is drawn as the field's appearance (what the
    /// page shows there before the field is filled); nil leaves the appearance empty.
    public var appearance: [UInt8]?

    public init(name: String, pageIndex: Int, rect: PDFRect, appearance: [UInt8]? = nil) {
        self.name = name
        self.pageIndex = pageIndex
        self.rect = rect
        self.appearance = appearance
    }
}
