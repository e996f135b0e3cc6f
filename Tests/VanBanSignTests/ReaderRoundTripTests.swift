import Testing
@testable import VanBanSign

/// The output read back with the module's own reader, which follows `/Prev`: proves the new
/// revision is reachable and consistent, and that a prepared file can be prepared again.
@Suite struct ReaderRoundTripTests {
    let original = TestPDF.cairoLike()

    @Test func updatedFileReadsBackWithTheNewRevision() throws {
        let output = try SigningPreparation.appendUpdate(
            to: original, fields: TestPDF.twoFields, info: DocumentInfo(title: "Công văn", creationDate: TestPDF.vietnamTime))
        let file = try PDFFile(bytes: output)
        #expect(file.size == 14)
        #expect(try file.pages().map(\.reference.number) == [2, 5])
        #expect(try file.pages().map(\.mediaBox) == [TestPDF.mediaBox, TestPDF.mediaBox])

        // Old objects still come from the original table through /Prev.
        #expect(try file.object(PDFReference(6)).dictionaryValue?["Subtype"] == .name("Link"))
        #expect(file.entries[0] == .free)

        let catalog = try file.dictionary(try file.catalogReference(), what: "catalog")
        let acroForm = try #require(try file.resolve(catalog["AcroForm"]).dictionaryValue)
        let fields = try #require(acroForm["Fields"]?.arrayValue)
        let names = try fields.map { field throws -> String? in
            guard case .string(let bytes, _)? = try file.resolve(field).dictionaryValue?["T"] else { return nil }
            return PDFTextString.decode(bytes)
        }
        #expect(names == ["SignerSignature", "AgencySeal"])
        #expect(acroForm["SigFlags"] == nil)

        let page = try file.dictionary(PDFReference(2), what: "page")
        #expect(page["Annots"] == .array([.reference(PDFReference(6)), .reference(PDFReference(10))]))

        let info = try #require(try file.resolve(file.trailer["Info"]).dictionaryValue)
        guard case .string(let title, hex: true)? = info["Title"] else { Issue.record("no hex title"); return }
        #expect(PDFTextString.decode(title) == "Công văn")
        #expect(info["CreationDate"] == .string(Array("D:20200605000000+07'00'".utf8), hex: false))
    }

    @Test func preparedFileCanBePreparedAgain() throws {
        let first = try SigningPreparation.appendUpdate(to: original, fields: [TestPDF.twoFields[0]], info: nil)
        let second = try SigningPreparation.appendUpdate(to: first, fields: [TestPDF.twoFields[1]], info: nil)
        #expect(Array(second.prefix(first.count)) == first)
        let update = try WrittenUpdate(second)
        #expect(update.trailer.contains("/Prev \(try PDFFile(bytes: first).startxref) "))
        // The first run's AcroForm (11) is superseded by a new one (14) listing both widgets.
        #expect(update.object(14, in: second) == "14 0 obj\n<< /Fields [10 0 R 13 0 R] >>\n")
        let file = try PDFFile(bytes: second)
        #expect(try file.dictionary(PDFReference(8), what: "catalog")["AcroForm"] == .reference(PDFReference(14)))
        // The trailer /ID keeps the first run's permanent part.
        let firstID = PDFSerializer.hexString(MD5.digest(original))
        #expect(update.trailer.contains("/ID [\(firstID) \(PDFSerializer.hexString(MD5.digest(first)))]"))
    }

    @Test func preparingAgainRejectsAnExistingFieldName() throws {
        let first = try SigningPreparation.appendUpdate(to: original, fields: TestPDF.twoFields, info: nil)
        #expect(throws: SigningError(.duplicateFieldName, "duplicate field name 'AgencySeal'")) {
            try SigningPreparation.appendUpdate(to: first, fields: [TestPDF.twoFields[1]], info: nil)
        }
    }
}
