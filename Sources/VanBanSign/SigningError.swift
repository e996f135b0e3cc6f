/// Why a PDF could not be prepared for signing.
///
/// One struct with a `code` (for callers that branch) and a full sentence (for people): the CLI
/// prints `description` as is, and tests compare it exactly so that messages stay stable.
public struct SigningError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, without the details that the message carries.
    public enum Code: String, Sendable, Equatable {
        case notAPDF
        case noStartxref
        case xrefStreamUnsupported
        case encryptedUnsupported
        case malformedPDF
        case pageIndexOutOfRange
        case invalidFieldName
        case duplicateFieldName
        case invalidFieldRect
        case fieldOutsideMediaBox
        case invalidDate
    }

    public let code: Code
    public let description: String

    init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    static let notAPDF = SigningError(.notAPDF, "not a PDF: the input does not start with %PDF-")

    static let noStartxref = SigningError(
        .noStartxref, "no startxref: the end of the input has no 'startxref' offset, so the PDF is truncated or damaged")

    static func xrefStream(at offset: Int) -> SigningError {
        SigningError(
            .xrefStreamUnsupported,
            "unsupported PDF: the cross-reference section at byte \(offset) is an xref stream; only classic 'xref' tables are supported")
    }

    static let encrypted = SigningError(.encryptedUnsupported, "unsupported PDF: the document is encrypted")

    static func malformed(_ detail: String) -> SigningError {
        SigningError(.malformedPDF, "malformed PDF: \(detail)")
    }

    static func pageIndexOutOfRange(field: String, index: Int, pageCount: Int) -> SigningError {
        SigningError(
            .pageIndexOutOfRange,
            "field '\(field)': page index \(index) is out of range (the document has \(pageCount) page\(pageCount == 1 ? "" : "s"))")
    }

    static func invalidFieldName(_ name: String) -> SigningError {
        SigningError(
            .invalidFieldName,
            "field '\(name)': invalid name (it must be non-empty and must not contain '.', which PDF uses to separate the parts of a field name)")
    }

    static func duplicateFieldName(_ name: String) -> SigningError {
        SigningError(.duplicateFieldName, "duplicate field name '\(name)'")
    }

    static func invalidFieldRect(field: String, rect: PDFRect) -> SigningError {
        SigningError(
            .invalidFieldRect, "field '\(field)': rect \(rect) must have finite coordinates and a non-zero width and height")
    }

    static func fieldOutsideMediaBox(field: String, rect: PDFRect, pageIndex: Int, mediaBox: PDFRect) -> SigningError {
        SigningError(
            .fieldOutsideMediaBox,
            "field '\(field)': rect \(rect) lies outside the MediaBox \(mediaBox) of page index \(pageIndex)")
    }

    static func invalidDate(_ key: String, _ date: PDFDate) -> SigningError {
        SigningError(.invalidDate, "invalid \(key) \(date): a field is out of range")
    }
}
