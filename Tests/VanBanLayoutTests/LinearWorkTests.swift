import Foundation
import Testing
import VanBanLayout
import VanBanModel
import VanBanText

/// Issue 15 (found by the fuzz test): a long recipient, subject or agency name was broken a dozen times
/// over to balance its lines (a 90 KB recipient took 13 s in a debug build). Work must stay linear in
/// the content: counted here as the bytes of text the typesetter broke, not as time.
@Suite struct LinearWorkTests {
    /// ~40 KB of words.
    static let long: String = {
        let words = "Sở Thông tin và Truyền thông tỉnh Đồng Tháp đề nghị các cơ quan đơn vị phối hợp cung cấp số liệu".split(separator: " ")
        var out: [Substring] = []
        var i = 7
        while out.reduce(0, { $0 + $1.utf8.count + 1 }) < 40_000 { i = (i &* 31 &+ 17) % 9973; out.append(words[i % words.count]) }
        return out.joined(separator: " ")
    }()

    /// The bytes broken to lay out `json`, on a typesetter of its own with the caches out of play.
    func brokenBytes(_ json: String) throws -> Int {
        let validated = try engine.validate(Array(json.utf8))
        let typesetter = try Typesetter(library: engine.fonts, cacheBytes: 0)
        _ = DocumentComposer(spec: validated.layout, typesetter: typesetter).compose(validated.payload)
        return typesetter.brokenBytes
    }

    @Test func aLongRecipientIsBrokenAFewTimesNotADozen() throws {
        let base = try brokenBytes(longLetter(paragraphs: 1))
        let json = longLetter(paragraphs: 1).replacingOccurrences(of: "\"recipients\": [\"Sở A\", \"Sở B\",", with: "\"recipients\": [\"Sở A\", \"\(Self.long);\",")
        #expect(json.contains(Self.long))
        let work = try brokenBytes(json) - base
        // Once to count its lines, once to set them (and a margin); balancing would be 10 more.
        #expect(work < Self.long.utf8.count * 4, "\(work) bytes broken for a \(Self.long.utf8.count)-byte recipient")
    }

    @Test func aLongSingleRecipientIsBrokenAFewTimes() throws {
        let base = try brokenBytes(longLetter(paragraphs: 1))
        let json = longLetter(paragraphs: 1).replacingOccurrences(of: "\"recipients\": [\"Sở A\", \"Sở B\", \"UBND các huyện, thị xã, thành phố\"]",
                                                                  with: "\"recipients\": [\"\(Self.long)\"]")
        #expect(json.contains(Self.long))
        let work = try brokenBytes(json) - base
        #expect(work < Self.long.utf8.count * 6, "\(work) bytes broken for \(Self.long.utf8.count)")
    }

    /// A subject or agency name this long cannot stand in the letterhead at all: it is refused at its
    /// path (the letterhead would run off the first page), after laying the letterhead out once.
    @Test func aLetterheadFieldThisLongIsRefusedAtItsPath() throws {
        for (from, to, path) in [("\"subject\": \"thử nghiệm nhiều trang\"", "\"subject\": \"\(Self.long)\"", "$.subject"),
                                 ("\"name\": \"SỞ KHOA HỌC VÀ CÔNG NGHỆ\"", "\"name\": \"\(Self.long.uppercased())\"", "$.issuer.name")] {
            let json = longLetter(paragraphs: 1).replacingOccurrences(of: from, with: to)
            #expect(json.contains(to))
            do {
                _ = try engine.validate(Array(json.utf8))
                Issue.record("\(path): accepted")
            } catch {
                #expect(error.diagnostics.filter { $0.severity == .error }.map(\.path.description) == [path])
            }
        }
    }
}

/// A long table streams into pages: its rows are laid out as the paginator asks for them, so when the
/// table's first page is handed over only that page's rows have been set (all of them were, before
/// the first page, when `enumerated()` on a lazy sequence quietly made the bands eager).
@Suite struct TableStreamingTests {
    @Test func aLongTablesFirstPageComesBeforeItsLastRowsAreSet() throws {
        let seed = try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/Samples/seed-004-bao-cao-cchc-quy-1-2021.json"))
        var payload = try #require(try JSONSerialization.jsonObject(with: seed) as? [String: Any])
        var annexes = try #require(payload["annexes"] as? [[String: Any]])
        var blocks = try #require(annexes[0]["blocks"] as? [[String: Any]])
        let index = try #require(blocks.firstIndex { $0["table"] != nil })
        var table = try #require(blocks[index]["table"] as? [String: Any])
        let columns = try #require((table["widths"] as? [Any])?.count ?? (table["widths_mm"] as? [Any])?.count)
        table["rows"] = (1...1500).map { r in (0..<columns).map { c in c == 0 ? "\(r)" : "Chỉ tiêu số \(r) về ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước, cột \(c)" } }
        table.removeValue(forKey: "sum_columns"); table.removeValue(forKey: "formulas"); table.removeValue(forKey: "formats")
        blocks[index]["table"] = table
        annexes[0]["blocks"] = blocks
        payload["annexes"] = [annexes[0]]
        let json = try JSONSerialization.data(withJSONObject: payload)
        let validated = try engine.validate(Array(json))
        let typesetter = try Typesetter(library: engine.fonts, cacheBytes: 0)
        var brokenAtPage: [Int] = []
        _ = DocumentComposer(spec: validated.layout, typesetter: typesetter).compose(validated.payload) { _, _ in
            brokenAtPage.append(typesetter.brokenBytes)
        }
        #expect(brokenAtPage.count > 30)
        let total = try #require(brokenAtPage.last)
        // The report's own pages come first; the first page that set more text is the table's first page:
        // only that page's rows are set by then, not all 1,500.
        let firstTablePage = try #require(brokenAtPage.first { $0 > brokenAtPage[0] })
        #expect(firstTablePage - brokenAtPage[0] < (total - brokenAtPage[0]) / 20,
                "\(firstTablePage - brokenAtPage[0]) of \(total - brokenAtPage[0]) bytes of the table broken when its first page came")
    }
}
