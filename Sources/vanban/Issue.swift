import ArgumentParser
import Foundation
import VanBanModel
import VanBanPipeline
import VanBanRegister

/// Options naming the register.
struct RegisterOptions: ParsableArguments {
    @Option(name: .customLong("register"), help: "Register: an SQLite file, or a postgres:// URL (default: $VANBAN_REGISTER_URL, else $VANBAN_REGISTER, else ./vanban-register.sqlite).")
    var register: String?
    @Flag(name: .customLong("per-type"), help: "Number each document type in its own series (default: one series per agency; or $VANBAN_REGISTER_PER_TYPE=1).")
    var perType = false

    var configuration: RegisterConfiguration { RegisterConfiguration.resolve(option: register, perType: perType) }
}

/// Async twin of `runReportingErrors`: issue and register errors are one `error:` line, exit 1.
func runReportingErrorsAsync<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch let e as ExitCode { throw e } catch {
        FileHandle.standardError.write(Data("error: \(errorLine(error))\n".utf8))
        throw ExitCode(ExitStatus.failure)
    }
}

struct Issue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue", abstract: "Number and date a leader-signed VanBan PDF from the register (a new incremental update; signed bytes untouched).")
    @Argument(help: "The PDF rendered by VanBan and signed by the leader (SignerSignature).") var signed: String
    @Option(name: .shortAndLong, help: "The issued PDF.") var output: String?
    @Option(help: "Issue date YYYY-MM-DD (default: today in Vietnam, UTC+7); not before the signing date.") var date: String?
    @Flag(help: "Check the file and show the number it would take, changing nothing.") var dryRun = false
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        if !dryRun, output == nil { throw ValidationError("give the issued file with -o ISSUED.pdf (or --dry-run)") }
    }

    func run() async throws {
        try await runReportingErrorsAsync {
            let engine = try Engine(resources: Resources.locate(explicit: common.resources))
            let day = try date.map { text throws(IssueError) in try IssueDay(parsing: text) }
            let pdf = try readInput(signed)
            let issuer = Issuer(engine: engine, configuration: registerOptions.configuration)
            let outcome = try await issuer.issue(pdf, date: day, dryRun: dryRun) { bytes in
                if let output { try AtomicFile.write(bytes, to: output) }
            }
            let e = outcome.entry
            let line = "Số: \(e.numberAndSymbol), \(outcome.dateText)"
            if outcome.dryRun {
                print("would issue \(line) (series \(e.series) \(e.year); nothing taken)")
            } else {
                print("issued \(line) -> \(output ?? "")")
                print("register: entry \(e.id), series \(e.series) \(e.year), sha256 \(e.sha256 ?? "")")
            }
            for note in outcome.notes { print("note: \(note)") }
        }
    }
}

struct RegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register", abstract: "The register of outgoing documents (sổ đăng ký văn bản đi).",
        subcommands: [List.self, Show.self, Export.self, Reserve.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "One line per entry: number/symbol, date, status, subject.")
        @Option(help: "Only this year.") var year: Int?
        @Flag(help: "JSON instead of lines.") var json = false
        @OptionGroup var registerOptions: RegisterOptions

        func run() async throws {
            try await runReportingErrorsAsync {
                let entries = try await registerOptions.configuration.withStore { try await $0.entries(year: year) }
                if json { print(String(decoding: try encodeEntries(entries), as: UTF8.self)); return }
                for e in entries {
                    print([e.numberAndSymbol, e.date, e.status, e.series, e.subject].joined(separator: "\t"))
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Every column of entry N (of a year; every series holding N).")
        @Argument(help: "The register number.") var number: Int
        @Option(help: "The year (default: the current year).") var year: Int?
        @OptionGroup var registerOptions: RegisterOptions

        func run() async throws {
            try await runReportingErrorsAsync {
                let y = year ?? IssueDay.today().year
                let found = try await registerOptions.configuration.withStore { try await $0.entries(year: y) }.filter { $0.number == number }
                guard !found.isEmpty else { throw RegisterError("no entry \(VietnameseFormat.documentNumber(number)) in \(y)") }
                for e in found {
                    let rows: [(String, String)] = [
                        ("Số, ký hiệu", e.numberAndSymbol), ("Ngày", e.date), ("Sổ", "\(e.series) \(e.year)"), ("Loại", e.type),
                        ("Trích yếu", e.subject), ("Người ký", e.signer), ("Nơi nhận", e.recipients), ("Lưu", e.archive),
                        ("Số lượng bản", String(e.copies)), ("Trạng thái", e.status), ("SHA-256", e.sha256 ?? ""),
                        ("SHA-256 bản ký", e.sourceSHA256 ?? ""), ("Ghi chú", e.note ?? ""),
                    ]
                    for (k, v) in rows { print(k + ": " + v) }
                }
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "The register book of a year: CSV or a landscape PDF typeset by VanBan.")
        @Option(help: "The year.") var year: Int
        @Option(help: "csv or pdf.") var format = "csv"
        @Option(name: .shortAndLong, help: "Output file ('-' or none: standard output for CSV).") var output: String?
        @Option(help: "The agency named at the head of the PDF (default: the series' agencies).") var agency: String?
        @OptionGroup var registerOptions: RegisterOptions
        @OptionGroup var common: CommonOptions

        func validate() throws {
            guard ["csv", "pdf"].contains(format) else { throw ValidationError("--format must be csv or pdf") }
            if format == "pdf", output == nil || output == "-" { throw ValidationError("a PDF export needs -o FILE.pdf") }
        }

        func run() async throws {
            try await runReportingErrorsAsync {
                let entries = try await registerOptions.configuration.withStore { try await $0.entries(year: year) }
                let bytes: [UInt8]
                if format == "pdf" {
                    let engine = try Engine(resources: Resources.locate(explicit: common.resources))
                    bytes = try RegisterBook.pdf(entries, year: year, agency: agency, engine: engine)
                } else {
                    bytes = RegisterBook.csv(entries)
                }
                if let output, output != "-" {
                    try AtomicFile.write(bytes, to: output)
                    print("\(entries.count) entr\(entries.count == 1 ? "y" : "ies") of \(year) -> \(output)")
                } else {
                    FileHandle.standardOutput.write(Data(bytes))
                }
            }
        }
    }

    struct Reserve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reserve", abstract: "Take numbers by hand (a paper document numbered outside VanBan), recorded as reserved.")
        @Option(help: "The document's symbol, e.g. SKHCN-VP (its agency part names the series).") var symbol: String
        @Option(help: "cong_van, or the symbol's type code for named types.") var kind = "cong_van"
        @Option(help: "Date YYYY-MM-DD (default: today in Vietnam).") var date: String?
        @Option(help: "Subject (trích yếu).") var subject = ""
        @Option(help: "How many numbers.") var count = 1
        @OptionGroup var registerOptions: RegisterOptions

        func run() async throws {
            try await runReportingErrorsAsync {
                let day = try date.map { text throws(IssueError) in try IssueDay(parsing: text) } ?? IssueDay.today()
                let documentKind = DocumentKind(rawValue: kind)
                let agency = IssueTemplate.agency(symbol: symbol, kind: documentKind)
                let typeCode = documentKind == .congVan ? "CV" : String(symbol.split(separator: "-").first ?? "")
                let configuration = registerOptions.configuration
                let series = configuration.series(agency: agency, typeCode: typeCode)
                try await configuration.withStore { store in
                    for _ in 0..<max(1, count) {
                        let e = try await store.allocate(RegisterDraft(series: series, year: day.year, symbol: symbol, date: day.description,
                                                                       type: documentKind == .congVan ? "Công văn" : typeCode,
                                                                       subject: subject, status: "reserved"))
                        print(e.numberAndSymbol)
                    }
                }
            }
        }
    }
}

func encodeEntries(_ entries: [RegisterEntry]) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return Array(try encoder.encode(["entries": entries]))
}
