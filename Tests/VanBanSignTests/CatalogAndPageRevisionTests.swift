import Testing
@testable import VanBanSign

/// What the new revisions of the catalog and pages say: a signer finds fields only through
/// `/AcroForm`, and a viewer draws a widget only if its page lists it in `/Annots`.
@Suite struct CatalogAndPageRevisionTests {
    let original = TestPDF.cairoLike()

    func prepared(_ pdf: [UInt8]? = nil, fields: [SignatureField] = TestPDF.twoFields) throws -> ([UInt8], WrittenUpdate) {
        let output = try SigningPreparation.appendUpdate(to: pdf ?? original, fields: fields, info: nil)
        return (output, try WrittenUpdate(output))
    }

    @Test func catalogRevisionAddsTheAcroForm() throws {
        let (output, update) = try prepared()
        #expect(update.object(8, in: output) == "8 0 obj\n<< /Type /Catalog /Pages 1 0 R /AcroForm 13 0 R >>\n")
        // No /SigFlags: nothing is signed yet, and 3 (append-only) would be a false claim.
        #expect(update.object(13, in: output) == "13 0 obj\n<< /Fields [10 0 R 12 0 R] >>\n")
    }

    @Test func pageWithALinkKeepsItAndGainsTheWidget() throws {
        let (output, update) = try prepared()
        let page = try #require(update.object(2, in: output))
        #expect(page.contains("/Annots [6 0 R 10 0 R]"))
        #expect(page.contains("/Type /Page /Parent 1 0 R /MediaBox [0 0 595.275591 841.889764] /Contents 3 0 R"))
        #expect(!page.contains("%"), "cairo's '% 1' comment is not copied")
    }

    @Test func pageWithoutAnnotsGainsTheKey() throws {
        let (output, update) = try prepared()
        let page = try #require(update.object(5, in: output))
        #expect(page.hasSuffix("/Resources 4 0 R /Annots [12 0 R] >>\n"))
    }

    @Test func widgetIsAVisiblePrintableSignatureField() throws {
        let (output, update) = try prepared()
        #expect(update.object(10, in: output) == """
            10 0 obj
            << /Type /Annot /Subtype /Widget /FT /Sig /T (SignerSignature) /F 4 /Rect [340 120 540 200] /P 2 0 R /AP << /N 9 0 R >> >>

            """)
        #expect(try #require(update.object(12, in: output)).contains("/Rect [60.5 120 260.25 200] /P 5 0 R /AP << /N 11 0 R >>"))
        #expect(update.object(9, in: output) == """
            9 0 obj
            << /Type /XObject /Subtype /Form /BBox [0 0 200 80] /Resources << >> /Length 0 >>
            stream

            endstream

            """)
    }

    @Test func reversedCornersAreWrittenNormalized() throws {
        let field = SignatureField(name: "S", pageIndex: 1, rect: PDFRect(x1: 200, y1: 300, x2: 100, y2: 250))
        let (output, update) = try prepared(fields: [field])
        #expect(try #require(update.object(10, in: output)).contains("/Rect [100 250 200 300]"))
        #expect(try #require(update.object(9, in: output)).contains("/BBox [0 0 100 50]"))
    }

    @Test func indirectAnnotsArrayIsRevisedInPlace() throws {
        let pdf = TestPDF.build([
            (1, "<< /Type /Pages /Kids [2 0 R] /Count 1 /MediaBox [0 0 200 200] >>"),
            (2, "<< /Type /Page /Parent 1 0 R /Annots 3 0 R >>"),
            (3, "[ 4 0 R ]"),
            (4, "<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] >>"),
            (5, "<< /Type /Catalog /Pages 1 0 R >>"),
        ], root: 5, info: nil)
        let field = SignatureField(name: "S", pageIndex: 0, rect: PDFRect(x1: 10, y1: 10, x2: 100, y2: 50))
        let (output, update) = try prepared(pdf, fields: [field])
        #expect(update.object(3, in: output) == "3 0 obj\n[4 0 R 7 0 R]\n")
        #expect(update.entries[2] == nil, "the page itself is unchanged")
        #expect(update.trailer.hasPrefix("<< /Size 9 /Root 5 0 R /Prev "), "no /Info when the original has none")
    }

    @Test func nestedPageTreeInheritsTheMediaBox() throws {
        let pdf = TestPDF.build([
            (1, "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 3 /MediaBox [0 0 612 792] >>"),
            (2, "<< /Type /Pages /Parent 1 0 R /Kids [4 0 R 5 0 R] /Count 2 >>"),
            (3, "<< /Type /Page /Parent 1 0 R /MediaBox [0 0 100 100] >>"),
            (4, "<< /Type /Page /Parent 2 0 R >>"),
            (5, "<< /Type /Page /Parent 2 0 R >>"),
            (6, "<< /Type /Catalog /Pages 1 0 R >>"),
        ], root: 6, info: nil)
        let pages = try PDFFile(bytes: pdf).pages()
        #expect(pages.map(\.reference.number) == [4, 5, 3])
        #expect(pages.map(\.mediaBox) == [
            PDFRect(x1: 0, y1: 0, x2: 612, y2: 792), PDFRect(x1: 0, y1: 0, x2: 612, y2: 792),
            PDFRect(x1: 0, y1: 0, x2: 100, y2: 100),
        ])
        let field = SignatureField(name: "S", pageIndex: 1, rect: PDFRect(x1: 300, y1: 500, x2: 600, y2: 700))
        let (output, update) = try prepared(pdf, fields: [field])
        #expect(update.object(5, in: output) == "5 0 obj\n<< /Type /Page /Parent 2 0 R /Annots [8 0 R] >>\n")
    }

    @Test func twoFieldsOnOnePageShareOneRevision() throws {
        let fields = [
            SignatureField(name: "A", pageIndex: 0, rect: PDFRect(x1: 10, y1: 10, x2: 50, y2: 50)),
            SignatureField(name: "B", pageIndex: 0, rect: PDFRect(x1: 60, y1: 10, x2: 100, y2: 50)),
        ]
        let (output, update) = try prepared(fields: fields)
        #expect(try #require(update.object(2, in: output)).contains("/Annots [6 0 R 10 0 R 12 0 R]"))
        #expect(update.entries[5] == nil)
    }
}
