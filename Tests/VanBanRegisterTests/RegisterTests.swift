import Foundation
import VanBanModel
import VanBanPipeline
@testable import VanBanRegister
import XCTest

final class RegisterTests: XCTestCase {
    private func temporaryRegister() -> RegisterConfiguration {
        let path = NSTemporaryDirectory() + "vanban-register-\(UUID().uuidString).sqlite"
        addTeardownBlock { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        return RegisterConfiguration(backend: .sqlite(path: path))
    }

    private static func draft(_ year: Int, series: String = "SKHCN") -> RegisterDraft {
        RegisterDraft(series: series, year: year, symbol: "SKHCN-VP", date: "\(year)-06-01", status: "reserved")
    }

    /// 8 connections × 50 allocations at once: 400 distinct numbers, exactly 1…400.
    func testConcurrentAllocationOnSQLiteGivesConsecutiveDistinctNumbers() async throws {
        let configuration = temporaryRegister()
        let numbers = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    do { return try await configuration.withStore { store in
                        var taken: [Int] = []
                        for _ in 0..<50 { taken.append(try await store.allocate(RegisterTests.draft(2031)).number) }
                        return taken
                    } } catch { FileHandle.standardError.write(Data("allocation task failed: \(error)\n".utf8)); throw error }
                }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
        XCTAssertEqual(numbers.sorted(), Array(1...400))
        let entries = try await configuration.withStore { try await $0.entries(year: 2031) }
        XCTAssertEqual(entries.map(\.number), Array(1...400))
    }

    func testYearRolloverStartsAtOneAndSeriesAreSeparate() async throws {
        let configuration = temporaryRegister()
        try await configuration.withStore { store in
            for _ in 0..<12 { _ = try await store.allocate(Self.draft(2026)) }
            let next = try await store.nextNumber(series: "SKHCN", year: 2026)
            XCTAssertEqual(next, 13)
            let first = try await store.allocate(Self.draft(2027))
            XCTAssertEqual(first.number, 1)
            XCTAssertEqual(first.numberAndSymbol, "01/SKHCN-VP")
            let other = try await store.allocate(Self.draft(2026, series: "STTTT"))
            XCTAssertEqual(other.number, 1)
            let thirteenth = try await store.allocate(Self.draft(2026))
            XCTAssertEqual(thirteenth.numberAndSymbol, "13/SKHCN-VP")
        }
    }

    func testVoidedNumberIsKeptAndNeverReused() async throws {
        let configuration = temporaryRegister()
        try await configuration.withStore { store in
            let a = try await store.allocate(Self.draft(2026))
            try await store.markVoided(id: a.id, reason: "disk full")
            let b = try await store.allocate(Self.draft(2026))
            XCTAssertEqual(b.number, 2)
            let entries = try await store.entries(year: 2026)
            XCTAssertEqual(entries.map(\.status), ["voided", "reserved"])
            XCTAssertEqual(entries.first?.note, "disk full")
        }
    }

    func testConfigurationResolution() {
        XCTAssertEqual(RegisterConfiguration.resolve(option: nil, environment: [:]).backend, .sqlite(path: "vanban-register.sqlite"))
        XCTAssertEqual(RegisterConfiguration.resolve(option: nil, environment: ["VANBAN_REGISTER": "/x/r.sqlite"]).backend, .sqlite(path: "/x/r.sqlite"))
        XCTAssertEqual(RegisterConfiguration.resolve(option: nil, environment: ["VANBAN_REGISTER": "/x/r.sqlite", "VANBAN_REGISTER_URL": "postgres://u@h/db"]).backend,
                       .postgres(url: "postgres://u@h/db"))
        XCTAssertEqual(RegisterConfiguration.resolve(option: "mine.sqlite", environment: ["VANBAN_REGISTER_URL": "postgres://u@h/db"]).backend,
                       .sqlite(path: "mine.sqlite"))
        let perType = RegisterConfiguration.resolve(option: nil, environment: ["VANBAN_REGISTER_PER_TYPE": "1"])
        XCTAssertEqual(perType.series(agency: "SKHCN", typeCode: "CV"), "SKHCN/CV")
    }

    func testAgencyPartOfTheSymbol() {
        XCTAssertEqual(IssueTemplate.agency(symbol: "SKHCN-VP", kind: .congVan), "SKHCN")
        XCTAssertEqual(IssueTemplate.agency(symbol: "BC-STTTT", kind: .baoCao), "STTTT")
    }

    func testIssueDatesAndSigningTimes() throws {
        XCTAssertEqual(try IssueDay(parsing: "2026-11-30"), IssueDay(year: 2026, month: 11, day: 30))
        for bad in ["2026-02-30", "30/11/2026", "2026-13-01", "26-1-1"] {
            XCTAssertThrowsError(try IssueDay(parsing: bad)) { XCTAssertEqual(($0 as? IssueError)?.code, .invalidDate) }
        }
        // 23:30 UTC on 29 November is already 30 November in Vietnam.
        let signed = try XCTUnwrap(SigningTime.parse("D:20261129233000+00'00'"))
        XCTAssertEqual(SigningTime.day(of: signed), IssueDay(year: 2026, month: 11, day: 30))
        XCTAssertEqual(SigningTime.day(of: try XCTUnwrap(SigningTime.parse("D:20261130083000+07'00'"))), IssueDay(year: 2026, month: 11, day: 30))
        XCTAssertEqual(VietnameseFormat.dateWords(IssueDay(year: 2027, month: 1, day: 5).documentDate, blank: 0), "ngày 05 tháng 01 năm 2027")
    }

    func testCSVExportQuotesAndMarksVoidedNumbers() {
        let e = RegisterEntry(id: 1, series: "SKHCN", year: 2026, number: 7, symbol: "SKHCN-VP", date: "2026-11-30", type: "Công văn",
                              subject: "a, b", signer: "X", recipients: "Y", archive: "VT, VP (02)", copies: 3, status: "voided",
                              sha256: nil, sourceSHA256: nil, note: nil)
        let text = String(decoding: RegisterBook.csv([e]).dropFirst(3), as: UTF8.self)
        XCTAssertTrue(text.contains("2026,SKHCN,07/SKHCN-VP,30/11/2026,\"Công văn — a, b\",X,Y,\"VT, VP (02)\",3,\"Số hủy, không dùng lại\",voided,"), text)
    }
}
