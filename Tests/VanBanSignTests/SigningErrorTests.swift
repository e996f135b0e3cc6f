import Testing
@testable import VanBanSign

/// The exact messages: the CLI shows them to people who placed a field in a layout, so each must
/// name the field, the value at fault and the limit it broke.
@Suite struct SigningErrorTests {
    let original = TestPDF.cairoLike()

    func failure(_ fields: [SignatureField], info: DocumentInfo? = nil, pdf: [UInt8]? = nil) -> SigningError? {
        do {
            _ = try SigningPreparation.appendUpdate(to: pdf ?? original, fields: fields, info: info)
            return nil
        } catch {
            return error
        }
    }

    @Test func pageIndexOutOfRange() {
        let error = failure([SignatureField(name: "Seal", pageIndex: 2, rect: PDFRect(x1: 0, y1: 0, x2: 10, y2: 10))])
        #expect(error?.code == .pageIndexOutOfRange)
        #expect(error?.description == "field 'Seal': page index 2 is out of range (the document has 2 pages)")
        #expect(failure([SignatureField(name: "Seal", pageIndex: -1, rect: PDFRect(x1: 0, y1: 0, x2: 10, y2: 10))])?.code
            == .pageIndexOutOfRange)
    }

    @Test func rectOutsideTheMediaBox() {
        let error = failure([SignatureField(name: "Seal", pageIndex: 1, rect: PDFRect(x1: 500, y1: 10, x2: 600, y2: 60))])
        #expect(error?.code == .fieldOutsideMediaBox)
        #expect(error?.description
            == "field 'Seal': rect [500 10 600 60] lies outside the MediaBox [0 0 595.2756 841.8898] of page index 1")
    }

    @Test func degenerateRect() {
        let error = failure([SignatureField(name: "Seal", pageIndex: 0, rect: PDFRect(x1: 10, y1: 10, x2: 10, y2: 60))])
        #expect(error?.description == "field 'Seal': rect [10 10 10 60] must have finite coordinates and a non-zero width and height")
        #expect(failure([SignatureField(name: "S", pageIndex: 0, rect: PDFRect(x1: .nan, y1: 0, x2: 1, y2: 1))])?.code
            == .invalidFieldRect)
    }

    @Test func duplicateFieldName() {
        let rect = PDFRect(x1: 10, y1: 10, x2: 60, y2: 60)
        let error = failure([
            SignatureField(name: "Seal", pageIndex: 0, rect: rect), SignatureField(name: "Seal", pageIndex: 1, rect: rect),
        ])
        #expect(error == SigningError(.duplicateFieldName, "duplicate field name 'Seal'"))
    }

    @Test func invalidFieldNames() {
        let rect = PDFRect(x1: 10, y1: 10, x2: 60, y2: 60)
        #expect(failure([SignatureField(name: "a.b", pageIndex: 0, rect: rect)])?.description
            == "field 'a.b': invalid name (it must be non-empty and must not contain '.', which PDF uses to separate the parts of a field name)")
        #expect(failure([SignatureField(name: "", pageIndex: 0, rect: rect)])?.code == .invalidFieldName)
    }

    @Test func notAPDF() {
        let error = failure([], pdf: Array("<html>hello</html>".utf8))
        #expect(error?.description == "not a PDF: the input does not start with %PDF-")
        #expect(failure([], pdf: [])?.code == .notAPDF)
    }

    @Test func truncatedPDFHasNoStartxref() {
        let truncated = Array(original.prefix(original.count - 40))
        #expect(failure([], pdf: truncated)?.description
            == "no startxref: the end of the input has no 'startxref' offset, so the PDF is truncated or damaged")
    }

    @Test func xrefStreamIsUnsupported() {
        var pdf = Array("%PDF-1.5\n".utf8)
        let offset = pdf.count
        pdf += Array("1 0 obj\n<< /Type /XRef /Size 2 /W [1 2 1] /Length 0 >>\nstream\n\nendstream\nendobj\nstartxref\n\(offset)\n%%EOF\n".utf8)
        #expect(failure([], pdf: pdf)?.description
            == "unsupported PDF: the cross-reference section at byte 9 is an xref stream; only classic 'xref' tables are supported")
    }

    @Test func encryptedIsUnsupported() {
        let pdf = TestPDF.build([
            (1, "<< /Type /Pages /Kids [] /Count 0 >>"), (2, "<< /Type /Catalog /Pages 1 0 R >>"), (3, "<< /Filter /Standard >>"),
        ], root: 2, info: nil, extraTrailer: " /Encrypt 3 0 R")
        #expect(failure([], pdf: pdf)?.description == "unsupported PDF: the document is encrypted")
    }

    @Test func invalidDate() {
        let error = failure([], info: DocumentInfo(creationDate: PDFDate(year: 2021, month: 2, day: 29)))
        #expect(error?.description == "invalid CreationDate D:20210229000000Z: a field is out of range")
    }

    @Test func xrefOffsetThatMissesItsObject() {
        var pdf = original
        // Point the xref entry of object 8 (the catalog) at byte 9, where object 3 starts.
        let table = offset(of: "xref\n0 9\n", in: pdf)!
        let entry = table + 9 + 8 * 20
        let wrong = Array(IncrementalUpdate.xrefEntry(offset: 15, generation: 0).utf8)
        pdf.replaceSubrange(entry..<entry + 20, with: wrong)
        #expect(failure([], pdf: pdf)?.description
            == "malformed PDF: the xref entry of object 8 points at byte 15, which holds object 3 0")
    }
}
