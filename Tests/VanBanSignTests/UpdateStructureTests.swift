import Testing
@testable import VanBanSign

/// The byte-level promises of an incremental update: signers hash byte ranges and readers seek by
/// offset, so one wrong offset or a touched original byte makes the file unsignable.
@Suite struct UpdateStructureTests {
    let original = TestPDF.cairoLike()

    func prepared() throws -> [UInt8] {
        try SigningPreparation.appendUpdate(
            to: original, fields: TestPDF.twoFields, info: DocumentInfo(creationDate: TestPDF.vietnamTime))
    }

    @Test func originalBytesAreAnUntouchedPrefix() throws {
        let output = try prepared()
        #expect(output.count > original.count)
        #expect(Array(output.prefix(original.count)) == original)
    }

    @Test func everyNewXrefOffsetPointsAtItsObjectHeader() throws {
        let output = try prepared()
        let update = try WrittenUpdate(output)
        // Fields 9…12, AcroForm 13; revisions: pages 2 and 5, Info 7, catalog 8.
        #expect(update.entries.keys.sorted() == [2, 5, 7, 8, 9, 10, 11, 12, 13])
        for (number, entry) in update.entries {
            #expect(entry.offset >= original.count, "object \(number) must be in the update")
            let header = Array("\(number) \(entry.generation) obj\n".utf8)
            #expect(Array(output[entry.offset..<entry.offset + header.count]) == header, "object \(number)")
        }
    }

    @Test func xrefEntriesAreTwentyBytesInRunsOfConsecutiveNumbers() throws {
        let update = try WrittenUpdate(try prepared())
        #expect(update.subsectionHeaders == ["2 1", "5 1", "7 7"])
        for line in update.entryLines {
            #expect(line.utf8.count == 20)
            #expect(line.hasSuffix(" 00000 n \n"))
        }
    }

    @Test func trailerChainsToTheOriginalAndCountsAllObjects() throws {
        let output = try prepared()
        let update = try WrittenUpdate(output)
        let oldStartxref = try PDFFile(bytes: original).startxref
        #expect(update.trailer.contains("/Prev \(oldStartxref) "))
        #expect(update.trailer.hasPrefix("<< /Size 14 /Root 8 0 R /Info 7 0 R /Prev \(oldStartxref) /ID [<"))
        #expect(update.startxref > original.count)
        #expect(latin1(output[update.startxref..<update.startxref + 5]) == "xref\n")
        #expect(latin1(output.suffix(6)) == "%%EOF\n")
    }

    @Test func trailerIDIsTheMD5OfTheOriginalTwice() throws {
        let update = try WrittenUpdate(try prepared())
        let md5 = PDFSerializer.hexString(MD5.digest(original))
        #expect(update.trailer.contains("/ID [\(md5) \(md5)]"))
    }

    @Test func sameInputGivesTheSameBytes() throws {
        #expect(try prepared() == prepared())
    }

    @Test func newlineIsAddedWhenTheOriginalEndsWithoutOne() throws {
        let unterminated = TestPDF.cairoLike(endWithNewline: false)
        #expect(unterminated.last == UInt8(ascii: "F"))
        let output = try SigningPreparation.appendUpdate(to: unterminated, fields: TestPDF.twoFields, info: nil)
        #expect(Array(output.prefix(unterminated.count)) == unterminated)
        #expect(latin1(output[unterminated.count..<unterminated.count + 6]) == "\n2 0 o")
        let update = try WrittenUpdate(output)
        #expect(update.entries[2]?.offset == unterminated.count + 1)
    }

    @Test func updateWithNothingToAddStillWritesAValidSection() throws {
        let output = try SigningPreparation.appendUpdate(to: original, fields: [], info: nil)
        let update = try WrittenUpdate(output)
        // The catalog is revised unchanged, so the section has a subsection; the trailer carries /Info on.
        #expect(update.subsectionHeaders == ["8 1"])
        #expect(update.trailer.hasPrefix("<< /Size 9 /Root 8 0 R /Info 7 0 R /Prev "))
        #expect(update.object(8, in: output) == "8 0 obj\n<< /Type /Catalog /Pages 1 0 R >>\n")
    }
}
