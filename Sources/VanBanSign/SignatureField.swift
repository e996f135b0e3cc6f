/// An empty, visible signature field to add to a document.
///
/// The field is created unsigned so that signers (people in Acrobat/Foxit, or pyHanko in a
/// service) sign into a box whose place the layout chose, instead of each tool inventing one.
public struct SignatureField: Sendable, Equatable {
    /// The field's partial name (`/T`), e.g. `SignerSignature`. Unique in the document, no '.'.
    public var name: String
    /// Zero-based index of the page in document order.
    public var pageIndex: Int
    /// Where the widget sits, in the page's user space (must lie within its MediaBox).
    public var rect: PDFRect

    public init(name: String, pageIndex: Int, rect: PDFRect) {
        self.name = name
        self.pageIndex = pageIndex
        self.rect = rect
    }
}
