import Foundation
import Testing
import VanBanPipeline

/// Issue 13/15: the ZIP writer traps at entry 65,536 no more; it refuses the entry with the limit named.
@Suite struct ZipWriterLimitTests {
    @Test func entryPastTheClassicLimitIsRefusedNotATrap() throws {
        var zip = ZipWriter()
        var size = 0
        for i in 0..<ZipWriter.maxEntries { size += try zip.entry(name: "\(i)", data: []).count }
        #expect(zip.entryCount == 65_535)
        #expect(throws: ZipWriter.LimitExceeded.self) { _ = try zip.entry(name: "one-more", data: [1]) }
        do { _ = try zip.entry(name: "x", data: []) } catch { #expect(error.description == "a ZIP archive holds at most 65535 entries") }
        // The archive written before the refusal is still whole: its end record counts 65,535 entries.
        let end = zip.finish().suffix(22)
        #expect(Array(end.prefix(4)) == [0x50, 0x4B, 0x05, 0x06])
        #expect(Int(end[end.startIndex + 10]) | Int(end[end.startIndex + 11]) << 8 == 65_535)
        #expect(size > 0)
    }

    @Test func nameOverTheFormatLimitIsRefused() throws {
        var zip = ZipWriter()
        #expect(throws: ZipWriter.LimitExceeded.self) { _ = try zip.entry(name: String(repeating: "a", count: 70_000), data: []) }
        #expect(zip.entryCount == 0)
    }
}
