import Testing
@testable import VanBanText

/// Issue 15: the line-break and width caches are bounded by bytes, not entries (80 distinct
/// 200,000-character paragraphs grew the service from 54 to 168 MiB).
@Suite struct TypesetterCacheTests {
    let words = "Thực hiện Công văn số 406/STTTT-CNTT của Sở Thông tin và Truyền thông về việc cung cấp số liệu".split(separator: " ")

    func paragraph(_ seed: Int, bytes: Int) -> String {
        var out = "\(seed)"
        var i = seed
        while out.utf8.count < bytes { i = (i &* 1_103_515_245 &+ 12_345) & 0x7FFF_FFFF; out += " " + words[i % words.count] }
        return out
    }

    @Test func cacheBytesStayUnderTheBudget() throws {
        let budget = 256 << 10
        let t = try Typesetter(library: engine.fonts, cacheBytes: budget)
        let font = FontSpec(.regular, 14)
        var most = 0
        for n in 0..<120 {
            let text = paragraph(n, bytes: 6_000)
            _ = t.breakLines(text, font: font, width: 450, indent: 36)
            _ = t.width(of: text, font: font)
            most = max(most, t.cacheByteCount)
            #expect(t.cacheByteCount <= budget, "after \(n + 1) paragraphs: \(t.cacheByteCount) bytes")
        }
        // The caches are used (not merely emptied): 120 paragraphs of 6 KB broken and measured is
        // far more than fits, and what fits stays.
        #expect(most > budget / 4)
    }

    @Test func aRepeatedTextIsServedFromTheCacheAndStaysWhenOthersPass() throws {
        let t = try Typesetter(library: engine.fonts, cacheBytes: 128 << 10)
        let font = FontSpec(.regular, 14)
        let letterhead = paragraph(999, bytes: 300)
        let first = t.breakLines(letterhead, font: font, width: 200)
        for n in 0..<60 {
            _ = t.breakLines(paragraph(n, bytes: 2_000), font: font, width: 450)
            #expect(t.breakLines(letterhead, font: font, width: 200) == first)
        }
        #expect(t.cacheByteCount <= 128 << 10)
    }

    @Test func veryLongTextsAreNotCached() throws {
        let t = try Typesetter(library: engine.fonts)
        let font = FontSpec(.regular, 14)
        let long = paragraph(1, bytes: Typesetter.maxCachedTextBytes + 1_000)
        let lines = t.breakLines(long, font: font, width: 450, indent: 36)
        _ = t.width(of: long, font: font)
        #expect(lines.count > 100)
        #expect(t.cacheByteCount < 64 << 10, "\(t.cacheByteCount) bytes kept after one long paragraph")
        // Broken again without the cache: the same lines.
        #expect(t.breakLines(long, font: font, width: 450, indent: 36) == lines)
    }

    /// Issue 14: between documents a typesetter keeps what the last document used, not every distinct
    /// text it ever set, so a batch of 2,000 distinct documents holds no more than one of 200; what
    /// every document repeats (the letterhead) stays and is not broken again.
    @Test func betweenDocumentsOnlyWhatTheLastFewDocumentsUsedIsKept() throws {
        let t = try Typesetter(library: engine.fonts)
        let font = FontSpec(.regular, 14)
        let letterhead = paragraph(999, bytes: 300)
        var bytes: [Int] = [], lines: [Int] = []
        for n in 0..<150 {
            _ = t.breakLines(letterhead, font: font, width: 200)
            _ = t.breakLines(paragraph(n, bytes: 6_000), font: font, width: 450, indent: 36)
            _ = t.width(of: paragraph(n + 1_000, bytes: 80), font: font)
            t.finishDocument()
            bytes.append(t.cacheByteCount)
            lines.append(t.keptLineCount)
        }
        // 150 documents of 6 KB are about 2 MB of text and lines, well under the 8 MiB budget: only the
        // aging (every `documentsPerCacheAge` documents) keeps the caches at a few documents' worth.
        let few = 2 * Typesetter.documentsPerCacheAge + 1
        #expect(bytes.allSatisfy { $0 <= few * bytes[0] }, "\(bytes.suffix(5)) after one document: \(bytes[0])")
        #expect(bytes.suffix(50).max()! < 60 * bytes[0], "the caches grew with the documents: \(bytes.suffix(5))")
        #expect(lines[0] > 0 && lines.allSatisfy { $0 <= few * lines[0] }, "\(lines.suffix(5)) after one document: \(lines[0])")
        let before = t.brokenBytes
        _ = t.breakLines(letterhead, font: font, width: 200)
        #expect(t.brokenBytes == before, "the letterhead was broken again")
    }

    @Test func theDefaultBudgetHoldsForManyDistinctLongParagraphs() throws {
        let t = try Typesetter(library: engine.fonts)
        let font = FontSpec(.regular, 14)
        // 160 paragraphs of 30 KB: their text and lines are about 10 MB, past the 8 MiB budget.
        for n in 0..<160 {
            _ = t.breakLines(paragraph(n, bytes: 30_000), font: font, width: 450, indent: 36)
            #expect(t.cacheByteCount <= Typesetter.defaultCacheBytes)
        }
    }
}
