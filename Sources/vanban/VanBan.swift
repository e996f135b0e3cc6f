import ArgumentParser
import Foundation
import VanBanModel
import VanBanPipeline

/// The root command; `main.swift` parses and runs it. Every command names itself (`commandName`): otherwise ArgumentParser derives each name with
/// `String(describing:)` on the type at start-up, a dynamic cast and a scan of the conformance tables
/// per command, 21 M instructions in all before the first render (#14).
struct VanBan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vanban",
        abstract: "Typesets Vietnamese administrative documents (Decree 30/2020/NĐ-CP) from JSON to PDF.",
        version: VanBanVersion.string,
        subcommands: [Render.self, Validate.self, PreviewCommand.self, Batch.self, Issue.self, CopyCommand.self, RegisterCommand.self, Serve.self, Layouts.self, Forms.self])
}

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("resources"), help: "Folder holding Fonts/ and Layouts/ (default: found from the executable or $VANBAN_HOME).")
    var resources: String?
    @Option(name: .customLong("layouts"), help: "A folder of layouts (and forms/) searched before the bundled ones; repeatable. Also $VANBAN_LAYOUTS (folders separated by \":\").")
    var layouts: [String] = []
    @Option(name: .customLong("lang"), help: "Language of messages: vi or en (default: $VANBAN_LANG, else vi when the locale is Vietnamese, else en).")
    var lang: String?

    /// The engine over the located resources, with the layout folders in front of the bundled ones.
    /// It lives until the process ends (`ProcessEngine`).
    func engine() throws -> Engine {
        if let lang {
            guard let l = Language(code: lang) else { throw PipelineError(Message("cli.lang", lang)) }
            CLILanguage.current = l
        }
        let engine = try Engine(resources: Resources.locate(explicit: resources).withLayoutOverlays(layouts))
        ProcessEngine.keep(engine)
        return engine
    }
}

/// The command's engine, held until the process exits so that its font maps, typesetters and caches
/// are never torn down one by one on the way out: the system reclaims them at exit (#14: 1 ms of a
/// one-document `vanban render`). A command makes one engine; the CLI never needs it freed.
enum ProcessEngine {
    nonisolated(unsafe) private static var engines: [Engine] = []
    static func keep(_ engine: Engine) { engines.append(engine) }
}

/// Exit statuses: 0 success, 1 failure not caused by the payload, 2 invalid payload.
enum ExitStatus {
    static let failure: Int32 = 1
    static let invalidPayload: Int32 = 2
}

/// The language of this run's messages: `--lang`, else `$VANBAN_LANG`, else the locale (vi_VN… → Vietnamese), else English.
enum CLILanguage {
    nonisolated(unsafe) static var current = Language.resolve()
    static var warningPrefix: String { current == .vi ? "cảnh báo: " : "warning: " }
    static var errorPrefix: String { current == .vi ? "lỗi: " : "error: " }
}

/// "1 page", "3 pages": a count and its noun, singular for one, for the summary lines commands print.
func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

/// Runs a command body, mapping failures to the documented exit statuses and stderr lines.
func runReportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let failure as ValidationFailure {
        for d in failure.diagnostics {
            FileHandle.standardError.write(Data(((d.severity == .warning ? CLILanguage.warningPrefix : "") + d.description(in: CLILanguage.current) + "\n").utf8))
        }
        throw ExitCode(ExitStatus.invalidPayload)
    } catch let failure as CSVInputError {
        for p in failure.problems { FileHandle.standardError.write(Data((p.description(in: CLILanguage.current) + "\n").utf8)) }
        throw ExitCode(ExitStatus.invalidPayload)
    } catch let e as ExitCode {
        throw e
    } catch {
        FileHandle.standardError.write(Data("\(CLILanguage.errorPrefix)\(errorLine(error))\n".utf8))
        throw ExitCode(ExitStatus.failure)
    }
}

/// One stderr line for a failure: the project's own errors as they describe themselves, a Foundation
/// error as its reason alone (never an `Error Domain=… UserInfo=…` dump), control characters escaped.
func errorLine(_ error: any Error) -> String {
    let text: String
    switch error {
    case let e as PipelineError: text = e.text(CLILanguage.current)
    case let e as POSIXError: text = AtomicFile.systemReason(e.code.rawValue)
    case is CocoaError: text = foundationReason(error)
    case let e as any CustomStringConvertible where !(type(of: error) is NSError.Type): text = e.description
    default: text = foundationReason(error)
    }
    return text.escapingControlCharacters
}

/// The reason inside a Foundation error: its POSIX cause when it has one, else its localized description.
private func foundationReason(_ error: any Error) -> String {
    posixCode(of: error).map(AtomicFile.systemReason) ?? (error as NSError).localizedDescription
}

/// The POSIX error number a Foundation error carries (itself, or as its underlying error), if any.
func posixCode(of error: any Error) -> Int32? {
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain { return Int32(underlying.code) }
    return ns.domain == NSPOSIXErrorDomain ? Int32(ns.code) : nil
}

/// The bytes of `path` ('-' for standard input). Throws `PipelineError("cannot read FILE: <reason>")`.
func readInput(_ path: String) throws -> [UInt8] {
    if path == "-" {
        // `readDataToEndOfFile` traps when standard input is closed or a folder; this reports it.
        do { return Array(try FileHandle.standardInput.readToEnd() ?? Data()) } catch {
            let reason = posixCode(of: error).map(AtomicFile.systemReasonArgument) ?? Message("file.unreadable").asArgument
            throw PipelineError(Message("file.cannot-read", Message("file.stdin").asArgument, reason))
        }
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        // FileManager gives no reason: ask the system for it (missing file, no permission, a folder).
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw PipelineError(Message("file.cannot-read", path, Message("file.is-folder").asArgument))
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw PipelineError(Message("file.cannot-read", path, AtomicFile.systemReasonArgument(errno))) }
        // A pipe, a FIFO or a process substitution (`<(…)`, /dev/fd/N): read to its end.
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            if let data = try handle.readToEnd() { return Array(data) }
            return []
        } catch {
            throw PipelineError(Message("file.cannot-read", path, Message("file.unreadable").asArgument))
        }
    }
    return Array(data)
}

/// A JSON file (payload, batch, defaults) as UTF-8 bytes, whatever Windows tool saved it
/// (`decodeJSONText`: UTF-8 with or without BOM, UTF-16 LE/BE); any other encoding is an error
/// naming the file and line, as a payload error (exit 2).
func readJSONInput(_ path: String) throws -> [UInt8] {
    do { return try decodeJSONText(readInput(path)) } catch let e as TextDecoding.Failure {
        throw ValidationFailure([Diagnostic(at: .root, Message("file.problem", path == "-" ? Message("file.stdin").asArgument : path, e.message.asArgument))])
    }
}

/// A JSON file parsed (see `readJSONInput`); malformed JSON is a payload error naming the file.
func readJSONFile(_ path: String) throws -> JSONValue {
    let bytes = try readJSONInput(path)
    do { return try JSONParser.parse(bytes) } catch {
        throw ValidationFailure([Diagnostic(at: .root, Message("file.problem", path, error.message.asArgument))])
    }
}

/// Writes `bytes` to standard output. Throws `PipelineError("cannot write standard output: <reason>")`
/// (a full disk, a closed pipe) where `FileHandle.write(_:)` would trap.
func writeStandardOutput(_ bytes: [UInt8]) throws(PipelineError) {
    do { try FileHandle.standardOutput.write(contentsOf: bytes) } catch {
        throw PipelineError(Message("file.cannot-write", Message("file.stdout").asArgument,
                                    posixCode(of: error).map(AtomicFile.systemReasonArgument) ?? Message("file.unreadable").asArgument))
    }
}

/// After a command's output: standard output flushed, a failure to write it (`> /dev/full`) reported
/// as every other failure is, with status 1, rather than lost with status 0.
func finishStandardOutput() {
    guard fflush(nil) != 0 else { return }
    let reason = AtomicFile.systemReasonArgument(errno)
    FileHandle.standardError.write(Data("\(CLILanguage.errorPrefix)\(Message("file.cannot-write", Message("file.stdout").asArgument, reason).text(CLILanguage.current))\n".utf8))
    exit(ExitStatus.failure)
}

func printWarnings(_ warnings: [String]) {
    for w in warnings { FileHandle.standardError.write(Data("\(CLILanguage.warningPrefix)\(w.escapingControlCharacters)\n".utf8)) }
}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render", _superCommandName: DirectCommand.superCommand, abstract: "Render a payload to PDF, ready for the digital-signing workflow.")
    enum AnnexMode: String, ExpressibleByArgument { case together, separate }
    @Argument(help: "Payload JSON file ('-' for standard input).") var payload: String
    @Option(name: .shortAndLong, help: "Output PDF file ('-' for standard output; the summary line then goes to standard error).") var output: String
    @Flag(help: "Leave out the empty signature fields (SignerSignature, AgencySeal).") var noFields = false
    @Option(help: "Also write the slot map: page and rectangle of the number and date blanks, the signature fields and each annex.")
    var slots: String?
    @Option(help: "together: annexes in the same PDF; separate: OUT.pdf for the letter and OUT-phu-luc-N.pdf for each annex.")
    var annexes: AnnexMode = .together
    @Flag(help: "Treat the decree's warnings (punctuation, blank place, typed markers) as errors.") var strict = false
    @Flag(name: .shortAndLong, help: "Print nothing on success (warnings still go to stderr).") var quiet = false
    @OptionGroup var common: CommonOptions

    func validate() throws {
        if output == "-", annexes == .separate { throw ValidationError("--annexes separate writes several files: give -o a file name, not '-'") }
        if slots == "-" { throw ValidationError("--slots needs a file name ('-' is not one)") }
    }

    func run() throws {
        try runReportingErrors {
            // Outputs that cannot be right are refused before any work: a folder, the payload itself, the
            // PDF and the slot map in one file.
            try OutputPath.check(output, against: [payload])
            if let slots {
                try OutputPath.check(slots, against: [payload])
                if output != "-", OutputPath.sameFile(output, slots) { throw PipelineError(Message("file.same-output", "-o", "--slots", slots)) }
            }
            let engine = try common.engine()
            let validated = try engine.validate(readJSONInput(payload), strict: strict)
            let options = RenderOptions(signatureFields: !noFields)
            var files: [(path: String, result: RenderResult)] = []
            switch annexes {
            case .together:
                files = [(output, try engine.renderPDF(validated, options: options))]
            case .separate:
                let base = output.hasSuffix(".pdf") ? String(output.dropLast(4)) : output
                files = try engine.renderSeparate(validated, options: options).map { part in
                    (part.suffix.isEmpty ? output : base + "-" + part.suffix + ".pdf", part.result)
                }
            }
            // The annex files' names (OUT-phu-luc-N.pdf) are checked as -o is: never the payload, a folder
            // or the slot map (found by a fresh tester: --slots OUT-phu-luc-1.pdf lost the annex).
            for file in files.dropFirst() {
                try OutputPath.check(file.path, against: [payload])
                if let slots, OutputPath.sameFile(file.path, slots) {
                    throw PipelineError(Message("file.same-output", "--annexes separate", "--slots", slots))
                }
            }
            // Everything is rendered before anything is written, and the PDFs and the slot map are written
            // all or nothing: a failure (say, the slot map's folder is missing) leaves no file behind.
            var outputs = files.map { (bytes: $0.result.pdf, path: $0.path) }
            if let slots {
                let maps = files.map { SlotMap(document: $0.result.document) }
                let json: [UInt8]
                if files.count == 1 { json = maps[0].json() } else {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    json = Array(try encoder.encode(SlotFiles(files: zip(files, maps).map { .init(file: ($0.0.path as NSString).lastPathComponent, map: $0.1) })))
                }
                outputs.append((json, slots))
            }
            // `-o -`: the PDF goes to standard output (written last, after any slot map), the summary to stderr.
            let toStandardOutput = output == "-"
            if toStandardOutput { outputs.removeFirst() }
            try AtomicFile.writeAll(outputs)
            if toStandardOutput { try writeStandardOutput(files[0].result.pdf) }
            let warnings = files.flatMap(\.result.warnings)
            printWarnings(warnings)
            if !quiet {
                // One line: what was written, how many pages, how many warnings (listed above on stderr).
                let pages = files.map { "\(toStandardOutput ? "standard output" : $0.path) (\(counted($0.result.document.pageCount, "page")))" }
                let line = pages.joined(separator: ", ") + ", " + counted(warnings.count, "warning")
                if toStandardOutput { FileHandle.standardError.write(Data((line + "\n").utf8)) } else { print(line) }
            }
        }
    }
}

/// The slot map of several files (`--annexes separate`).
struct SlotFiles: Encodable {
    struct File: Encodable { var file: String; var map: SlotMap }
    var files: [File]
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", _superCommandName: DirectCommand.superCommand, abstract: "Check a payload without rendering it.")
    @Argument(help: "Payload JSON file ('-' for standard input).") var payload: String
    @Flag(help: "Treat the decree's warnings (punctuation, blank place, typed markers) as errors (exit status 2).") var strict = false
    @OptionGroup var common: CommonOptions

    func run() throws {
        try runReportingErrors {
            let engine = try common.engine()
            let validated = try engine.validate(readJSONInput(payload), strict: strict)
            printWarnings(validated.warnings.map { $0.description(in: CLILanguage.current) })
            print("\(payload): valid (\(validated.payload.kind.rawValue), layout \(validated.layout.name))")
        }
    }
}

struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "preview", _superCommandName: DirectCommand.superCommand,
        abstract: "Render pages to PNG, drawn from the same laid-out pages as the PDF.")
    @Argument(help: "Payload JSON file.") var payload: String
    @Option(name: .shortAndLong, help: "Output PNG file, or a folder with --all.") var output: String
    @Option(help: "Page number (1-based).") var page: Int = 1
    @Option(help: "Resolution in dots per inch.") var dpi: Double = 96
    @Flag(help: "Write every page into the output folder as page-N.png.") var all = false
    @Flag(help: "Frame the margins and each Decree 30 cell (ô 1–14) with its number.") var boxes = false
    @Flag(help: "Render again whenever the payload, a layout or a form file changes (Ctrl-C to stop).") var watch = false
    @Option(help: "Also write the PDF here (with --watch: after every render).") var pdf: String?
    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard (10...600).contains(dpi) else { throw ValidationError("--dpi must be between 10 and 600") }
        guard page >= 1 else { throw ValidationError("--page must be 1 or more") }
    }

    func run() throws {
        let engine = try runReportingErrors { try common.engine() }
        try runReportingErrors { try renderOnce(engine) }
        guard watch else { return }
        var stamp = modificationStamp(engine)
        FileHandle.standardError.write(Data("watching \(payload) and \(engine.resources.layoutDirectories.joined(separator: ", ")) …\n".utf8))
        while true {
            Thread.sleep(forTimeInterval: 0.4)
            let now = modificationStamp(engine)
            guard now != stamp else { continue }
            stamp = now
            engine.reloadDefinitions()
            do { try runReportingErrors { try renderOnce(engine) } } catch {}  // keep watching after a bad edit
        }
    }

    func renderOnce(_ engine: Engine) throws {
        let validated = try engine.validate(readJSONInput(payload))
        let preview = try engine.renderPNG(validated, pages: all ? nil : [page - 1], dpi: dpi, boxes: boxes)
        if all {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            for (i, png) in preview.images.enumerated() { try AtomicFile.write(png, to: output + "/page-\(i + 1).png") }
        } else {
            try AtomicFile.write(preview.images[0], to: output)
        }
        if let pdf { try AtomicFile.write(engine.renderPDF(validated).pdf, to: pdf) }
        printWarnings(preview.warnings)
        let p = validated.payload
        var notes: [String] = []
        if p.kind != .annexOnly && p.number == nil { notes.append("number not assigned: a blank is reserved after \"Số:\"") }
        if p.kind != .annexOnly && p.date.day == nil { notes.append("day not given: a blank is reserved in the date line") }
        for n in notes { FileHandle.standardError.write(Data("note: \(n)\n".utf8)) }
        // Written at once (not through stdio's buffer): a watcher reading a pipe sees each render as it happens.
        FileHandle.standardOutput.write(Data("\(preview.pageCount) page(s)\(pdf.map { ", PDF: \($0)" } ?? "")\n".utf8))
    }

    /// Identity (inode), modification time and size of the payload and of every layout and form file: an
    /// editor that saves by writing a new file and renaming it over the old one changes the inode, even
    /// when it keeps the modification time.
    func modificationStamp(_ engine: Engine) -> [String] {
        var files = [payload]
        for dir in engine.resources.layoutDirectories {
            for sub in ["", "/forms"] {
                for f in (try? FileManager.default.contentsOfDirectory(atPath: dir + sub)) ?? [] where f.hasSuffix(".json") { files.append(dir + sub + "/" + f) }
            }
        }
        return files.map { path in
            guard let a = try? FileManager.default.attributesOfItem(atPath: path) else { return path + ": missing" }
            let inode = (a[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
            let modified = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let size = (a[.size] as? NSNumber)?.int64Value ?? 0
            return "\(path): \(inode) \(modified) \(size)"
        }.sorted()
    }
}

struct Layouts: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "layouts", _superCommandName: DirectCommand.superCommand, abstract: "List the layout definitions.")
    @OptionGroup var common: CommonOptions
    func run() throws {
        try runReportingErrors {
            let engine = try common.engine()
            for name in engine.layoutNames() { print(name) }
            // The document types (payload "kind") with their Appendix III models and type codes.
            print("\ntypes (\"kind\", Layouts/types/):")
            for t in try engine.documentTypes() {
                let kind = t.kind.padding(toLength: 16, withPad: " ", startingAt: 0)
                let label = t.label.padding(toLength: 16, withPad: " ", startingAt: 0)
                print("\(kind) \(label) Mẫu \(t.model)\(t.code.map { ", code " + $0 } ?? ", no type code")")
            }
        }
    }
}

struct Forms: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "forms", _superCommandName: DirectCommand.superCommand, abstract: "List the forms, or one form's fields (id, type, label).")
    @Argument(help: "A form name: list its fields.") var name: String?
    @OptionGroup var common: CommonOptions
    func run() throws {
        try runReportingErrors {
            let engine = try common.engine()
            guard let name else {
                for name in engine.formNames() {
                    let title = (try? engine.form(named: name).title) ?? "(invalid: run vanban forms \(name))"
                    print("\(name)\t\(title)")
                }
                return
            }
            let form = try engine.form(named: name)
            print("\(form.name): \(form.title)")
            for f in form.fieldSummaries {
                print("\(f.id)\t\(f.type)\t\(f.label)" + (f.options.map { "\t[" + $0.joined(separator: " | ") + "]" } ?? ""))
            }
        }
    }
}
