import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// The register in PostgreSQL (postgres-nio), for several service replicas sharing one register.
///
/// Allocation is one transaction: an upsert on the counter row (`INSERT … ON CONFLICT DO UPDATE
/// SET last = last + 1 RETURNING last`, which locks that row until commit) and the entry's
/// insert, so two replicas can never take the same number.
final class PostgresRegister: RegisterStore, @unchecked Sendable {
    private let connection: PostgresConnection
    private let logger: Logger
    let location: String

    private init(connection: PostgresConnection, logger: Logger, location: String) {
        self.connection = connection
        self.logger = logger
        self.location = location
    }

    /// `postgres://user:password@host:port/database?sslmode=disable|require`.
    static func open(url text: String) async throws -> PostgresRegister {
        guard let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw RegisterError("VANBAN_REGISTER_URL is not a postgres:// URL: \(redacted(text))")
        }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        let sslmode = url.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        let tls: PostgresConnection.Configuration.TLS
        switch sslmode {
        case "disable": tls = .disable
        case "require", "verify-full":
            var configuration = TLSConfiguration.makeClientConfiguration()
            if sslmode == "require" { configuration.certificateVerification = .none }
            tls = .require(try NIOSSLContext(configuration: configuration))
        default: throw RegisterError("VANBAN_REGISTER_URL: sslmode \(sslmode) is not supported (disable, require, verify-full)")
        }
        let configuration = PostgresConnection.Configuration(
            host: host, port: url.port ?? 5432, username: url.user ?? "postgres", password: url.password,
            database: database.isEmpty ? nil : database, tls: tls)
        var logger = Logger(label: "vanban.register")
        logger.logLevel = .critical
        let location = "PostgreSQL \(host):\(url.port ?? 5432)/\(database)"
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw RegisterError("cannot connect to the register (\(location)): \(String(reflecting: error).prefix(300))")
        }
        let register = PostgresRegister(connection: connection, logger: logger, location: location)
        do {
            try await register.transaction {
                // Replicas starting at once must not race on CREATE TABLE: one at a time.
                try await register.run("SELECT pg_advisory_xact_lock(7320122026)")
                try await register.run("""
                    CREATE TABLE IF NOT EXISTS vanban_register_counters (
                      series TEXT NOT NULL, year BIGINT NOT NULL, last BIGINT NOT NULL, PRIMARY KEY (series, year))
                    """)
                try await register.run("""
                    CREATE TABLE IF NOT EXISTS vanban_register_entries (
                      id BIGSERIAL PRIMARY KEY, series TEXT NOT NULL, year BIGINT NOT NULL, number BIGINT NOT NULL,
                      symbol TEXT NOT NULL, issue_date TEXT NOT NULL, type TEXT NOT NULL, subject TEXT NOT NULL,
                      signer TEXT NOT NULL, recipients TEXT NOT NULL, archive TEXT NOT NULL, copies BIGINT NOT NULL,
                      status TEXT NOT NULL, sha256 TEXT, source_sha256 TEXT, note TEXT,
                      created_at TIMESTAMPTZ NOT NULL DEFAULT now(), UNIQUE (series, year, number))
                    """)
                try await register.run(
                    "CREATE INDEX IF NOT EXISTS vanban_register_source ON vanban_register_entries (source_sha256)")
            }
        } catch {
            try? await connection.close()
            throw RegisterError("cannot prepare the register (\(location)): \(String(reflecting: error).prefix(300))")
        }
        return register
    }

    private static func redacted(_ url: String) -> String {
        url.replacingOccurrences(of: #":[^:@/]*@"#, with: ":***@", options: .regularExpression)
    }

    private func run(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) async throws {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        for try await _ in rows {}
    }

    private func rows(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) async throws -> [PostgresRandomAccessRow] {
        var out: [PostgresRandomAccessRow] = []
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger) {
            out.append(row.makeRandomAccess())
        }
        return out
    }

    private func transaction<T>(_ body: () async throws -> T) async throws -> T {
        try await run("BEGIN")
        do {
            let result = try await body()
            try await run("COMMIT")
            return result
        } catch {
            try? await run("ROLLBACK")
            throw error
        }
    }

    func allocate(_ d: RegisterDraft) async throws -> RegisterEntry {
        try await transaction {
            var counterBinds = PostgresBindings()
            counterBinds.append(d.series)
            counterBinds.append(Int64(d.year))
            let counter = try await rows("""
                INSERT INTO vanban_register_counters (series, year, last) VALUES ($1, $2, 1)
                ON CONFLICT (series, year) DO UPDATE SET last = vanban_register_counters.last + 1 RETURNING last
                """, counterBinds)
            guard let number = try counter.first?["last"].decode(Int64.self) else {
                throw RegisterError("the register's counter did not answer")
            }
            var b = PostgresBindings()
            b.append(d.series); b.append(Int64(d.year)); b.append(number); b.append(d.symbol); b.append(d.date)
            b.append(d.type); b.append(d.subject); b.append(d.signer); b.append(d.recipients); b.append(d.archive)
            b.append(Int64(d.copies)); b.append(d.status); b.append(d.sourceSHA256); b.append(d.note)
            let inserted = try await rows("""
                INSERT INTO vanban_register_entries (series, year, number, symbol, issue_date, type, subject, signer,
                  recipients, archive, copies, status, source_sha256, note)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING \(registerColumns)
                """, b)
            guard let row = inserted.first else { throw RegisterError("the register did not record the entry") }
            return try Self.entry(row)
        }
    }

    func markIssued(id: Int64, sha256: String) async throws {
        var b = PostgresBindings()
        b.append(sha256); b.append(id)
        try await run("UPDATE vanban_register_entries SET status = 'issued', sha256 = $1 WHERE id = $2", b)
    }

    func markVoided(id: Int64, reason: String) async throws {
        var b = PostgresBindings()
        b.append(reason); b.append(id)
        try await run("UPDATE vanban_register_entries SET status = 'voided', note = $1 WHERE id = $2", b)
    }

    func nextNumber(series: String, year: Int) async throws -> Int {
        var b = PostgresBindings()
        b.append(series); b.append(Int64(year))
        let found = try await rows("SELECT last FROM vanban_register_counters WHERE series = $1 AND year = $2", b)
        return Int(try found.first?["last"].decode(Int64.self) ?? 0) + 1
    }

    func entries(year: Int?) async throws -> [RegisterEntry] {
        if let year {
            var b = PostgresBindings()
            b.append(Int64(year))
            return try await rows("SELECT \(registerColumns) FROM vanban_register_entries WHERE year = $1 ORDER BY year, series, number", b).map(Self.entry)
        }
        return try await rows("SELECT \(registerColumns) FROM vanban_register_entries ORDER BY year, series, number").map(Self.entry)
    }

    func issuedEntry(sourceSHA256: String) async throws -> RegisterEntry? {
        var b = PostgresBindings()
        b.append(sourceSHA256)
        return try await rows("SELECT \(registerColumns) FROM vanban_register_entries WHERE source_sha256 = $1 AND status = 'issued' ORDER BY id LIMIT 1", b)
            .first.map(Self.entry)
    }

    func close() async { try? await connection.close() }

    private static func entry(_ r: PostgresRandomAccessRow) throws -> RegisterEntry {
        RegisterEntry(
            id: try r["id"].decode(Int64.self), series: try r["series"].decode(String.self),
            year: Int(try r["year"].decode(Int64.self)), number: Int(try r["number"].decode(Int64.self)),
            symbol: try r["symbol"].decode(String.self), date: try r["issue_date"].decode(String.self),
            type: try r["type"].decode(String.self), subject: try r["subject"].decode(String.self),
            signer: try r["signer"].decode(String.self), recipients: try r["recipients"].decode(String.self),
            archive: try r["archive"].decode(String.self), copies: Int(try r["copies"].decode(Int64.self)),
            status: try r["status"].decode(String.self), sha256: try r["sha256"].decode(String?.self),
            sourceSHA256: try r["source_sha256"].decode(String?.self), note: try r["note"].decode(String?.self))
    }
}
