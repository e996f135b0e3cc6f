import Foundation
import Logging
import NIOCore
import SQLiteNIO
import VanBanPipeline

/// One writer at a time inside this process. sqlite-nio runs queries on a small shared thread
/// pool, and SQLite's busy handler sleeps on that thread: connections of one process (the service)
/// waiting for each other's write lock could occupy every thread while the holder waits for one
/// to commit. Other processes are kept apart by SQLite's own lock (`BEGIN IMMEDIATE`).
actor WriterGate {
    static let shared = WriterGate()
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !busy { busy = true; return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
    }

    static func run<T>(_ body: () async throws -> T) async throws -> T {
        await shared.acquire()
        do {
            let result = try await body()
            await shared.release()
            return result
        } catch {
            await shared.release()
            throw error
        }
    }
}

/// The register in an SQLite file (sqlite-nio, SQLite vendored: no system library needed).
///
/// Allocation runs in a `BEGIN IMMEDIATE` transaction, which takes the database's write lock
/// before reading the counter, so concurrent processes queue (busy timeout 30 s) instead of
/// reading the same value. WAL journaling lets `list` read while someone issues.
final class SQLiteRegister: RegisterStore, @unchecked Sendable {
    private let connection: SQLiteConnection
    let location: String

    private init(connection: SQLiteConnection, path: String) {
        self.connection = connection
        location = "SQLite file \(path)"
    }

    static func open(path: String) async throws -> SQLiteRegister {
        // Not Foundation's `deletingLastPathComponent`: it traps on a one-character relative path.
        let directory = AtomicFile.folderAndName(path).folder
        if !FileManager.default.fileExists(atPath: directory) {
            throw RegisterError("cannot open the register \(path): the folder \(directory) does not exist")
        }
        var logger = Logger(label: "vanban.register")
        logger.logLevel = .critical
        let connection: SQLiteConnection
        do { connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger) } catch {
            throw RegisterError("cannot open the register \(path): \(error)")
        }
        let register = SQLiteRegister(connection: connection, path: path)
        // Switching a new file to WAL takes an exclusive lock without calling the busy handler, so
        // several processes opening a new register at once retry that step (up to about 10 s).
        var attempt = 0
        while true {
            do {
                try await WriterGate.run { try await register.prepareSchema() }
                break
            } catch {
                attempt += 1
                if attempt < 100, "\(error)".contains("locked") || "\(error)".contains("busy") {
                    try? await Task.sleep(nanoseconds: UInt64(20_000_000 + (attempt % 5) * 20_000_000))
                    continue
                }
                await register.close()
                throw RegisterError("cannot open the register \(path): \(error)")
            }
        }
        return register
    }

    private func prepareSchema() async throws {
        // Waits (sleeping) for another process's write lock instead of failing with SQLITE_BUSY.
        _ = try await connection.query("PRAGMA busy_timeout = 30000")
        _ = try await connection.query("PRAGMA journal_mode = WAL")
        try await transaction {
            _ = try await connection.query("""
                CREATE TABLE IF NOT EXISTS vanban_register_counters (
                  series TEXT NOT NULL, year INTEGER NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (series, year))
                """)
            _ = try await connection.query("""
                CREATE TABLE IF NOT EXISTS vanban_register_entries (
                  id INTEGER PRIMARY KEY AUTOINCREMENT, series TEXT NOT NULL, year INTEGER NOT NULL,
                  number INTEGER NOT NULL, symbol TEXT NOT NULL, issue_date TEXT NOT NULL, type TEXT NOT NULL,
                  subject TEXT NOT NULL, signer TEXT NOT NULL, recipients TEXT NOT NULL, archive TEXT NOT NULL,
                  copies INTEGER NOT NULL, status TEXT NOT NULL, sha256 TEXT, source_sha256 TEXT, note TEXT,
                  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
                  UNIQUE (series, year, number))
                """)
            _ = try await connection.query(
                "CREATE INDEX IF NOT EXISTS vanban_register_source ON vanban_register_entries (source_sha256)")
        }
    }

    private func transaction<T>(_ body: () async throws -> T) async throws -> T {
        _ = try await connection.query("BEGIN IMMEDIATE")
        do {
            let result = try await body()
            _ = try await connection.query("COMMIT")
            return result
        } catch {
            _ = try? await connection.query("ROLLBACK")
            throw error
        }
    }

    /// Runs a whole transaction again when SQLite answers "busy" without waiting (lock states the
    /// busy handler does not cover, such as a file switching to WAL): it was rolled back, so nothing
    /// of it was kept and running it again cannot take a second number.
    private func retryingBusy<T>(_ body: () async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do { return try await body() } catch {
                attempt += 1
                guard attempt < 200, "\(error)".contains("locked") || "\(error)".contains("busy") else { throw error }
                try? await Task.sleep(nanoseconds: UInt64(5_000_000 * (1 + attempt % 8)))
            }
        }
    }

    func allocate(_ d: RegisterDraft) async throws -> RegisterEntry {
        try await WriterGate.run { try await retryingBusy { try await allocateOnce(d) } }
    }

    private func allocateOnce(_ d: RegisterDraft) async throws -> RegisterEntry {
        try await transaction {
            let counter = try await connection.query("""
                INSERT INTO vanban_register_counters (series, year, last) VALUES (?, ?, 1)
                ON CONFLICT (series, year) DO UPDATE SET last = last + 1 RETURNING last
                """, [.text(d.series), .integer(d.year)])
            guard let number = counter.first?.column("last")?.integer else { throw RegisterError("the register's counter did not answer") }
            let rows = try await connection.query("""
                INSERT INTO vanban_register_entries (series, year, number, symbol, issue_date, type, subject, signer,
                  recipients, archive, copies, status, source_sha256, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING \(registerColumns)
                """, [.text(d.series), .integer(d.year), .integer(number), .text(d.symbol), .text(d.date), .text(d.type),
                      .text(d.subject), .text(d.signer), .text(d.recipients), .text(d.archive), .integer(d.copies),
                      .text(d.status), d.sourceSHA256.map(SQLiteData.text) ?? .null, d.note.map(SQLiteData.text) ?? .null])
            guard let row = rows.first else { throw RegisterError("the register did not record the entry") }
            return try Self.entry(row)
        }
    }

    func markIssued(id: Int64, sha256: String) async throws {
        _ = try await WriterGate.run {
            try await connection.query("UPDATE vanban_register_entries SET status = 'issued', sha256 = ? WHERE id = ?",
                                       [.text(sha256), .integer(Int(id))])
        }
    }

    func markVoided(id: Int64, reason: String) async throws {
        _ = try await WriterGate.run {
            try await connection.query("UPDATE vanban_register_entries SET status = 'voided', note = ? WHERE id = ?",
                                       [.text(reason), .integer(Int(id))])
        }
    }

    func nextNumber(series: String, year: Int) async throws -> Int {
        let rows = try await connection.query("SELECT last FROM vanban_register_counters WHERE series = ? AND year = ?",
                                              [.text(series), .integer(year)])
        return (rows.first?.column("last")?.integer ?? 0) + 1
    }

    func entries(year: Int?) async throws -> [RegisterEntry] {
        let rows: [SQLiteRow]
        if let year {
            rows = try await connection.query("SELECT \(registerColumns) FROM vanban_register_entries WHERE year = ? ORDER BY year, series, number",
                                              [.integer(year)])
        } else {
            rows = try await connection.query("SELECT \(registerColumns) FROM vanban_register_entries ORDER BY year, series, number")
        }
        return try rows.map(Self.entry)
    }

    func issuedEntry(sourceSHA256: String) async throws -> RegisterEntry? {
        let rows = try await connection.query(
            "SELECT \(registerColumns) FROM vanban_register_entries WHERE source_sha256 = ? AND status = 'issued' ORDER BY id LIMIT 1",
            [.text(sourceSHA256)])
        return try rows.first.map(Self.entry)
    }

    /// Through the future-based close, which a cancelled task cannot skip.
    func close() async { try? await (connection.close() as EventLoopFuture<Void>).get() }

    private static func entry(_ row: SQLiteRow) throws -> RegisterEntry {
        func text(_ name: String) -> String { row.column(name)?.string ?? "" }
        func optional(_ name: String) -> String? { row.column(name).flatMap { $0.isNull ? nil : $0.string } }
        func int(_ name: String) -> Int { row.column(name)?.integer ?? 0 }
        return RegisterEntry(id: Int64(int("id")), series: text("series"), year: int("year"), number: int("number"),
                             symbol: text("symbol"), date: text("issue_date"), type: text("type"), subject: text("subject"),
                             signer: text("signer"), recipients: text("recipients"), archive: text("archive"),
                             copies: int("copies"), status: text("status"), sha256: optional("sha256"),
                             sourceSHA256: optional("source_sha256"), note: optional("note"))
    }
}
