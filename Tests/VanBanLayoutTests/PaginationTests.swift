import Testing
import VanBanLayout

@Suite struct PaginationTests {
    @Test func longBodyFlowsOntoNumberedPages() throws {
        let doc = try layOut(json: longLetter(paragraphs: 40))
        #expect(doc.pages.count >= 3)
        for (i, page) in doc.pages.enumerated() {
            let numbers = page.text(role: "page-number")
            if i == 0 { #expect(numbers.isEmpty); continue }
            let n = try #require(numbers.first)
            #expect(n.text == "\(i + 1)")
            #expect(n.font == .init(.regular, 14))
            // Centred on the text block, baseline inside the 20 mm top margin.
            #expect(abs(n.x + n.width / 2 - (page.textBlock.x + page.textBlock.width / 2)) < 0.01)
            #expect(n.baseline < page.textBlock.y)
            // Continuation pages carry no letterhead (R09) and start at the top margin.
            #expect(page.text(role: "o1").isEmpty)
            let firstBody = page.texts.filter { $0.role == "body" || $0.role == "o7a" }.map(\.baseline).min()!
            #expect(firstBody - page.textBlock.y < 20)
        }
        for page in doc.pages {
            for item in page.items { #expect(item.bottom <= page.textBlock.maxY + 0.01) }
        }
    }

    @Test func signatureBlockNeverStandsAloneAtThePageTop() throws {
        // Try body lengths around a page break: wherever the signer lands, body text precedes it on that page.
        for n in 8...24 {
            let doc = try layOut(json: longLetter(paragraphs: n))
            let signerPage = try #require(doc.pages.first { !$0.text(role: "o7a").isEmpty })
            let signerY = signerPage.text(role: "o7a")[0].baseline
            #expect(signerPage.text(role: "body").contains { $0.baseline < signerY }, "n = \(n)")
            #expect(signerPage.text(role: "body").filter { $0.baseline < signerY }.count >= 2, "n = \(n)")
        }
    }

    @Test func severalRecipientsAreADashedListUnderTheColon() throws {
        let page = try layOut(json: longLetter(paragraphs: 1)).pages[0]
        let lines = page.text(role: "o9a")
        #expect(lines.map(\.text) == ["Kính gửi:", "- Sở A;", "- Sở B;", "- UBND các huyện, thị xã, thành phố."])
        let colonRight = lines[0].x + lines[0].width
        for l in lines.dropFirst() { #expect(abs(l.x - colonRight) < 0.01) }
    }

    @Test func archiveCopiesPurposesAndDrafterCode() throws {
        let doc = try layOut(json: longLetter(paragraphs: 1))
        let page = doc.pages.first { !$0.text(role: "o9b").isEmpty }!
        #expect(page.text(role: "o9b").map(\.text) == ["Nơi nhận:", "- Như trên;", "- UBND tỉnh (báo cáo);", "- Lưu: VT, VP (2)."])
        #expect(page.text(role: "o12").map(\.text) == ["PL.(300)"])
    }

    @Test func slotsForSignatureAndSealSitBetweenTitleAndName() throws {
        let doc = try layOut(json: longLetter(paragraphs: 1))
        let sig = try #require(doc.slots.first { $0.name == "SignerSignature" })
        let seal = try #require(doc.slots.first { $0.name == "AgencySeal" })
        let page = doc.pages[sig.pageIndex]
        let title = page.text(role: "o7a").last!, name = page.text(role: "o7b")[0]
        #expect(sig.rect.y > title.baseline && sig.rect.maxY < name.baseline - 10)
        #expect(abs(sig.rect.x + sig.rect.width / 2 - (name.x + name.width / 2)) < 0.5)
        #expect(abs(seal.rect.width - mmToPt(36)) < 0.01)
        // The seal covers the left third of the signature.
        #expect(abs(seal.rect.maxX - (sig.rect.x + sig.rect.width / 3)) < 0.01)
        // Number and date are assigned: no blank slots.
        #expect(!doc.slots.contains { $0.name == "number" || $0.name == "date" })
    }
}
