import Testing
@testable import VanBanSign

/// `PageOverlay` (the copy line of `vanban copy`) on PDFs not shaped like cairo's: a nested page
/// tree whose pages inherit MediaBox and (indirect) Resources, `/Contents` as an array, an XObject
/// name already taken.
struct PageOverlayTests {
    /// Three pages under two intermediate nodes; pages inherit MediaBox (root) and Resources (node 10).
    /// Page 1 (object 2) has `/Contents [3 0 R 4 0 R]`; page 3 (object 6) has its own Resources holding `/VBCopy0`.
    static func nested() -> [UInt8] {
        TestPDF.build([
            (1, "<< /Type /Pages /Kids [10 0 R 11 0 R] /Count 3 /MediaBox [0 0 500 700] >>"),
            (10, "<< /Type /Pages /Parent 1 0 R /Kids [2 0 R 5 0 R] /Count 2 /Resources 12 0 R >>"),
            (11, "<< /Type /Pages /Parent 1 0 R /Kids [6 0 R] /Count 1 /Rotate 0 >>"),
            (12, "<< /ProcSet [/PDF /Text] >>"),
            (2, "<< /Type /Page /Parent 10 0 R /Contents [3 0 R 4 0 R] >>"),
            (3, "<< /Length 8 >>\nstream\n1 0 0 RG\nendstream"),
            (4, "<< /Length 3 >>\nstream\nq Q\nendstream"),
            (5, "<< /Type /Page /Parent 10 0 R /Contents 4 0 R >>"),
            (6, "<< /Type /Page /Parent 11 0 R /Contents 4 0 R /Resources << /XObject << /VBCopy0 7 0 R >> >> >>"),
            (7, "<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] /Length 0 >>\nstream\n\nendstream"),
            (8, "<< /Type /Catalog /Pages 1 0 R >>"),
        ], root: 8, info: nil)
    }

    /// A one-page "overlay" 500 × 700 with one content stream and a font resource.
    static func overlay() -> [UInt8] {
        TestPDF.build([
            (1, "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"),
            (2, "<< /Type /Page /Parent 1 0 R /MediaBox [0 0 500 700] /Contents 3 0 R /Resources << /Font << /f-0-0 4 0 R >> >> >>"),
            (3, "<< /Length 29 >>\nstream\nBT /f-0-0 10 Tf (SAO Y) Tj ET\nendstream"),
            (4, "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>"),
            (5, "<< /Type /Catalog /Pages 1 0 R >>"),
        ], root: 5, info: nil)
    }

    func contents(_ file: PDFFile, _ page: PDFPage) throws -> [PDFReference] {
        (try file.resolve(page.dictionary["Contents"]).arrayValue ?? []).compactMap(\.reference)
    }

    @Test func overlayWrapsTheContentAndAddsTheForm() throws {
        let original = Self.nested()
        let boxes = try PageOverlay.pages(of: original)
        #expect(boxes.map(\.mediaBox) == Array(repeating: PDFRect(x1: 0, y1: 0, x2: 500, y2: 700), count: 3))
        let out = try PageOverlay.appendUpdate(to: original, overlays: [0: Self.overlay()])
        #expect(Array(out.prefix(original.count)) == original)
        let file = try PDFFile(bytes: out)
        let pages = try file.pages()
        #expect(pages.count == 3)
        let refs = try contents(file, pages[0])
        #expect(refs.count == 4)
        #expect(Array(refs[1...2]) == [PDFReference(3), PDFReference(4)])
        #expect(try file.stream(refs[0]).data == Array("q\n".utf8))
        #expect(latin1(try file.stream(refs[3]).data) == "Q\nq 1 0 0 1 0 0 cm /VBCopy0 Do Q\n")
        // The inherited (indirect) Resources are written on the page, with the form added.
        let resources = try file.resolve(pages[0].dictionary["Resources"]).dictionaryValue
        #expect(resources?["ProcSet"] != nil)
        let form = try #require(resources?["XObject"]?.dictionaryValue?["VBCopy0"]?.reference)
        let (dictionary, data) = try file.stream(form)
        #expect(dictionary["Subtype"]?.nameValue == "Form")
        #expect(latin1(data) == "BT /f-0-0 10 Tf (SAO Y) Tj ET")
        let font = try file.resolve(try file.resolve(dictionary["Resources"]).dictionaryValue?["Font"]).dictionaryValue?["f-0-0"]
        #expect(try file.resolve(font).dictionaryValue?["BaseFont"]?.nameValue == "Times-Roman")
        // The other pages are untouched.
        #expect(pages[1].dictionary == (try file.dictionary(PDFReference(5), what: "page")))
        #expect(try PDFFile(bytes: original).dictionary(PDFReference(5), what: "page") == pages[1].dictionary)
    }

    @Test func aTakenNameIsNotReused() throws {
        let out = try PageOverlay.appendUpdate(to: Self.nested(), overlays: [2: Self.overlay()])
        let file = try PDFFile(bytes: out)
        let page = try file.pages()[2]
        let xobjects = try file.resolve(page.dictionary["Resources"]).dictionaryValue?["XObject"]?.dictionaryValue
        #expect(xobjects?["VBCopy0"]?.reference == PDFReference(7))
        #expect(xobjects?["VBCopy1"] != nil)
    }

    @Test func anExtractKeepsItsPagesUnderTheRoot() throws {
        let out = try PageOverlay.appendUpdate(to: Self.nested(), overlays: [1: Self.overlay()], keep: [1, 2])
        let file = try PDFFile(bytes: out)
        let pages = try file.pages()
        #expect(pages.map(\.reference) == [PDFReference(5), PDFReference(6)])
        for page in pages {
            #expect(page.dictionary["Parent"]?.reference == PDFReference(1))
            #expect(page.dictionary["MediaBox"] != nil)
            #expect(page.dictionary["Resources"] != nil)
        }
        #expect(try file.resolve(pages[1].dictionary["Rotate"]).integer == 0)
        #expect(try file.dictionary(PDFReference(1), what: "root")["Count"]?.integer == 2)
    }

    @Test func pagesOutOfRangeAreRefused() throws {
        #expect(throws: SigningError.self) { try PageOverlay.appendUpdate(to: Self.nested(), overlays: [3: Self.overlay()]) }
        #expect(throws: SigningError.self) { try PageOverlay.appendUpdate(to: Self.nested(), overlays: [:], keep: [0, 5]) }
        #expect(throws: SigningError.self) { try PageOverlay.pages(of: Array("hello".utf8)) }
    }
}
