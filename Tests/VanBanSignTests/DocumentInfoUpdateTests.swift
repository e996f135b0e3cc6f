import Testing
@testable import VanBanSign

/// The Info dictionary revision: cairo 1.16 writes `/CreationDate` without `D:`, and Vietnamese
/// metadata must survive as UTF-16BE, or viewers and signers show mojibake or reject the date.
@Suite struct DocumentInfoUpdateTests {
    let original = TestPDF.cairoLike()

    func infoObject(_ info: DocumentInfo?) throws -> String? {
        let output = try SigningPreparation.appendUpdate(to: original, fields: [], info: info)
        return try WrittenUpdate(output).object(7, in: output)
    }

    @Test func creationDateGetsTheDPrefixAndOffset() throws {
        let info = try #require(try infoObject(DocumentInfo(creationDate: TestPDF.vietnamTime)))
        #expect(info.contains("/CreationDate (D:20200605000000+07'00')"))
        #expect(!info.contains("(20200605080000+07'00)"))
    }

    @Test func vietnameseTitleIsWrittenAsUTF16BEHexWithBOM() throws {
        let info = try #require(try infoObject(DocumentInfo(title: "Quyết định")))
        // Q u y ế t ␠ đ ị n h
        #expect(info.contains("/Title <FEFF0051007500791EBF0074002001111ECB006E0068>"))
    }

    @Test func asciiTextIsAnEscapedLiteral() throws {
        let info = try #require(try infoObject(DocumentInfo(subject: "a (b) \\ c", keywords: "x\ny")))
        #expect(info.contains("/Subject (a \\(b\\) \\\\ c) /Keywords (x\\ny)"))
    }

    @Test func unsetEntriesKeepTheOriginalValues() throws {
        let info = try #require(try infoObject(DocumentInfo(author: "UBND", modDate: TestPDF.vietnamTime)))
        #expect(info == """
            7 0 obj
            << /Producer (cairo 1.16.0 \\(https://cairographics.org\\)) /CreationDate (20200605080000+07'00) /Author (UBND) /ModDate (D:20200605000000+07'00') >>

            """)
    }

    @Test func noInfoLeavesTheInfoObjectAlone() throws {
        let output = try SigningPreparation.appendUpdate(to: original, fields: TestPDF.twoFields, info: nil)
        let update = try WrittenUpdate(output)
        #expect(update.entries[7] == nil)
        #expect(update.trailer.contains("/Info 7 0 R"))
    }

    @Test func documentWithoutInfoGetsANewObject() throws {
        let pdf = TestPDF.build([
            (1, "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"),
            (2, "<< /Type /Page /Parent 1 0 R /MediaBox [0 0 100 100] >>"),
            (3, "<< /Type /Catalog /Pages 1 0 R >>"),
        ], root: 3, info: nil)
        let output = try SigningPreparation.appendUpdate(to: pdf, fields: [], info: DocumentInfo(title: "T"))
        let update = try WrittenUpdate(output)
        #expect(update.object(4, in: output) == "4 0 obj\n<< /Title (T) >>\n")
        #expect(update.trailer.hasPrefix("<< /Size 5 /Root 3 0 R /Info 4 0 R /Prev "))
    }

    @Test func existingIDKeepsItsFirstElement() throws {
        let pdf = TestPDF.build([
            (1, "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"),
            (2, "<< /Type /Page /Parent 1 0 R /MediaBox [0 0 100 100] >>"),
            (3, "<< /Type /Catalog /Pages 1 0 R >>"),
        ], root: 3, info: nil, extraTrailer: "\n   /ID [<0102> <0304>]")
        let output = try SigningPreparation.appendUpdate(to: pdf, fields: [], info: nil)
        let md5 = PDFSerializer.hexString(MD5.digest(pdf))
        #expect(try WrittenUpdate(output).trailer.contains("/ID [<0102> \(md5)]"))
    }
}
