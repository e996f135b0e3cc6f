import Foundation
import VanBanModel

/// One line of the register of outgoing documents (sổ đăng ký văn bản đi): the columns of the
/// decree's register form, plus what the program needs (series, status, hashes).
public struct RegisterEntry: Codable, Sendable, Equatable {
    public var id: Int64
    /// The numbering series: the agency ("SKHCN"), or agency and type ("SKHCN/CV") when numbered per type.
    public var series: String
    public var year: Int
    public var number: Int
    public var symbol: String
    /// ISO date of issue, "2026-11-30".
    public var date: String
    public var type: String
    public var subject: String
    public var signer: String
    public var recipients: String
    /// Units (and people) keeping the archive copy, with their count as written: "VT, VP (02)".
    public var archive: String
    public var copies: Int
    /// `allocated` (number taken, file not yet written), `issued`, `voided` (taken, never used
    /// again), `reserved` (taken by hand, for a paper document).
    public var status: String
    /// SHA-256 of the issued file, and of the signed file it came from.
    public var sha256: String?
    public var sourceSHA256: String?
    public var note: String?

    /// "07/SKHCN-VP": the number as the decree writes it (R20), then the symbol.
    public var numberAndSymbol: String { VietnameseFormat.numberAndSymbol(number: number, symbol: symbol, blank: 0) }

    enum CodingKeys: String, CodingKey {
        case id, series, year, number, symbol, date, type, subject, signer, recipients, archive, copies, status, sha256, note
        case sourceSHA256 = "source_sha256"
    }
}

/// What an allocation records with the number it takes.
public struct RegisterDraft: Sendable, Equatable {
    public var series: String
    public var year: Int
    public var symbol: String
    public var date: String
    public var type: String
    public var subject: String
    public var signer: String
    public var recipients: String
    public var archive: String
    public var copies: Int
    public var status: String
    public var sourceSHA256: String?
    public var note: String?

    public init(series: String, year: Int, symbol: String, date: String, type: String = "", subject: String = "",
                signer: String = "", recipients: String = "", archive: String = "", copies: Int = 0,
                status: String = "allocated", sourceSHA256: String? = nil, note: String? = nil) {
        self.series = series; self.year = year; self.symbol = symbol; self.date = date; self.type = type
        self.subject = subject; self.signer = signer; self.recipients = recipients; self.archive = archive
        self.copies = copies; self.status = status; self.sourceSHA256 = sourceSHA256; self.note = note
    }
}

public struct RegisterError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The register's storage: SQLite (a file) or PostgreSQL (shared by several service replicas).
///
/// `allocate` is atomic across processes and machines: the series' counter is advanced and the
/// entry written in one transaction, so a number is never handed out twice; an entry whose issue
/// then fails is marked `voided`, and its number is never reused.
public protocol RegisterStore: Sendable {
    func allocate(_ draft: RegisterDraft) async throws -> RegisterEntry
    func markIssued(id: Int64, sha256: String) async throws
    func markVoided(id: Int64, reason: String) async throws
    /// The number the next allocation in a series and year would take (nothing is reserved).
    func nextNumber(series: String, year: Int) async throws -> Int
    /// Entries in register order (year, series, number), of one year or all.
    func entries(year: Int?) async throws -> [RegisterEntry]
    /// The issued entry made from a signed file with this SHA-256, if any.
    func issuedEntry(sourceSHA256: String) async throws -> RegisterEntry?
    func close() async
    /// "SQLite file ./vanban-register.sqlite", "PostgreSQL 127.0.0.1:5432/vanban".
    var location: String { get }
}

/// Where the register lives: `--register FILE` (or a postgres:// URL), else `$VANBAN_REGISTER_URL`
/// (PostgreSQL), else `$VANBAN_REGISTER`, else `./vanban-register.sqlite`.
public struct RegisterConfiguration: Sendable, Equatable {
    public enum Backend: Sendable, Equatable {
        case sqlite(path: String)
        case postgres(url: String)
    }
    public var backend: Backend
    /// One series per agency and document type, not per agency alone.
    public var perType: Bool

    public init(backend: Backend, perType: Bool = false) {
        self.backend = backend
        self.perType = perType
    }

    public static let defaultPath = "vanban-register.sqlite"

    public static func resolve(option: String?, perType: Bool = false,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> RegisterConfiguration {
        let perType = perType || ["1", "true", "yes"].contains(environment["VANBAN_REGISTER_PER_TYPE"]?.lowercased() ?? "")
        if let option, !option.isEmpty {
            return RegisterConfiguration(backend: isPostgresURL(option) ? .postgres(url: option) : .sqlite(path: option), perType: perType)
        }
        if let url = environment["VANBAN_REGISTER_URL"], !url.isEmpty {
            return RegisterConfiguration(backend: .postgres(url: url), perType: perType)
        }
        if let path = environment["VANBAN_REGISTER"], !path.isEmpty {
            return RegisterConfiguration(backend: .sqlite(path: path), perType: perType)
        }
        return RegisterConfiguration(backend: .sqlite(path: defaultPath), perType: perType)
    }

    static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public func open() async throws -> any RegisterStore {
        switch backend {
        case .sqlite(let path): return try await SQLiteRegister.open(path: path)
        case .postgres(let url): return try await PostgresRegister.open(url: url)
        }
    }

    /// The series a document is numbered in.
    public func series(agency: String, typeCode: String) -> String {
        perType ? agency + "/" + typeCode : agency
    }
}

extension RegisterConfiguration {
    /// Runs `body` on the opened register and closes it afterwards, whatever happens.
    public func withStore<T>(_ body: (any RegisterStore) async throws -> T) async throws -> T {
        let store = try await open()
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}

/// Column list shared by both backends (same order in every SELECT).
let registerColumns = "id, series, year, number, symbol, issue_date, type, subject, signer, recipients, archive, copies, status, sha256, source_sha256, note"
