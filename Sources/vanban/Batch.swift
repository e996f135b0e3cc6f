import ArgumentParser
import Foundation
import VanBanModel
import VanBanPipeline

struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch", _superCommandName: DirectCommand.superCommand, abstract: "Render many documents at once (every core), with a manifest, a merged print file and a summary table.")
    @Argument(help: "Batch JSON ({\"defaults\": {…}, \"documents\": [{\"id\": …, …}]}) or a CSV of form values (with --form).")
    var input: String
    @Option(name: .customLong("out"), help: "Folder for <id>.pdf files and manifest.json.") var out: String
    @Option(help: "Also write one print-ready PDF of all documents in order.") var merged: String?
    @Option(help: "Also write the consolidated table of a form batch.") var summary: String?
    @Option(help: "Worker threads (default: the number of cores).") var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Skip documents whose PDF exists and whose input is unchanged since the last run.") var resume = false
    @Flag(help: "In the merged PDF, start each document on an odd page.") var duplex = false
    @Flag(help: "Print throughput and per-document latency (p50/p95/p99) when done.") var timings = false
    @Option(help: "For a CSV input: the form (Layouts/forms/<name>.json) whose fields the columns fill.") var form: String?
    @Option(help: "For a CSV input: a JSON file of payload fields shared by every row (its \"summary\" key, if any, gives the summary's issuer, symbol, place and date).") var defaults: String?
    @Option(help: "For a CSV input: the field separator, \",\", \";\" or \"tab\" (default: detected from the header line).") var delimiter: String?
    @Option(help: "For a CSV input: how numbers are written: vi (1.234,5), en (1,234.5) or detect (default; refuses 2,829 and 2.829, which read differently in each).")
    var numberFormat: String = "detect"
    @Option(help: "A JSON file of the summary's payload fields (issuer, symbol, place, date, annex), merged over the batch's \"summary\".")
    var summaryDefaults: String?
    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard jobs >= 1 && jobs <= 64 else { throw ValidationError("--jobs must be between 1 and 64") }
        if isCSV && form == nil { throw ValidationError("a CSV input needs --form") }
        // CSV-only options on a batch JSON were ignored without a word (found by a fresh tester).
        let csvOnly = [("--form", form), ("--defaults", defaults), ("--delimiter", delimiter)].filter { $0.1 != nil }.map(\.0)
        if !isCSV && !csvOnly.isEmpty {
            throw ValidationError("\(csvOnly.joined(separator: ", ")) \(csvOnly.count == 1 ? "is" : "are") for a CSV input; \(input) is read as a batch JSON")
        }
        if let delimiter, CSVDelimiter(argument: delimiter) == nil { throw ValidationError("--delimiter must be \",\", \";\" or \"tab\", got \"\(delimiter)\"") }
        if Figure.Notation(rawValue: numberFormat) == nil { throw ValidationError("--number-format must be vi, en or detect, got \"\(numberFormat)\"") }
    }

    /// Whether the input is a CSV of form values: a `.csv` file, or any file but `.json` read with
    /// `--form` (Excel saves tab-separated "Unicode Text" as `.txt`; such a file was read as JSON).
    var isCSV: Bool {
        let name = input.lowercased()
        return name.hasSuffix(".csv") || (form != nil && input != "-" && !name.hasSuffix(".json"))
    }

    func run() throws {
        try runReportingErrors {
            let engine = try common.engine()
            let documents: [BatchDocument]
            var summaryFields: JSONValue? = nil
            var formDefinition: FormDefinition? = nil
            if isCSV {
                let defaultsJSON = try defaults.map { try readJSONFile($0) } ?? .object([])
                formDefinition = try engine.form(named: form!)
                let options = CSVOptions(delimiter: delimiter.flatMap(CSVDelimiter.init(argument:)),
                                         numberFormat: Figure.Notation(rawValue: numberFormat) ?? .detect)
                (documents, summaryFields) = try BatchInput.fromCSV(readInput(input), file: input, form: formDefinition!,
                                                                    defaults: defaultsJSON, defaultsFile: defaults, options: options)
            } else if input == "-" {
                (documents, summaryFields) = try BatchInput.fromJSON(readJSONInput(input))
            } else {
                // Read in place: each document's bytes are read again by the worker that renders it, so
                // memory does not grow with the batch. A file that is not a plain well-formed batch is
                // read whole, as standard input is, for the same diagnostics.
                do {
                    (documents, summaryFields) = try BatchInput.fromJSONFile(input) { try readJSONInput(input) }
                } catch let failure as ValidationFailure {
                    // A file that is not JSON at all is named, as --defaults and --summary-defaults are: a
                    // batch reads several files (found by a fresh tester: "$: malformed JSON" named none).
                    throw ValidationFailure(failure.diagnostics.map { d in
                        guard d.path == .root, let id = d.messageID, id.hasPrefix("json.") || id == "file.not-text" else { return d }
                        return Diagnostic(d.severity, at: .root, Message("file.problem", input, Message(id, d.arguments).asArgument))
                    })
                }
            }
            if let summaryDefaults {
                let extra = try readJSONFile(summaryDefaults)
                summaryFields = summaryFields.map { $0.merging(extra) } ?? extra
            }
            // Output paths that cannot be right are refused before hours of rendering, not after: a folder,
            // one of the inputs, both options naming one file, a folder that does not exist — except the --out
            // folder, which the batch makes: the merged file or the summary may go there, under a name the
            // batch does not write there itself (a document's PDF, the manifest, its own dot files). Links are
            // followed and names compared without case, as the batch names its documents' files.
            let outputs = [("--merged", merged), ("--summary", summary)].compactMap { o, p in p.map { (option: o, path: $0) } }
            let inputs = [input, defaults, summaryDefaults].compactMap { $0 }
            if outputs.count == 2, OutputPath.sameFile(outputs[0].path, outputs[1].path) {
                throw PipelineError(Message("file.same-output", "--merged", "--summary", outputs[1].path))
            }
            let outFolder = OutputPath.resolved(out)
            // The names the batch writes in --out, without case (computed only when a file is there).
            var takenNames: Set<String>? = nil
            func taken(_ name: String) -> Bool {
                if takenNames == nil { takenNames = Set((SafeFileName.unique(documents.map(\.id)).map { $0 + ".pdf" } + ["manifest.json"]).map { $0.lowercased() }) }
                return takenNames!.contains(name.lowercased()) || name.hasPrefix(".")
            }
            for (_, path) in outputs {
                try OutputPath.check(path, against: inputs)
                let (folder, name) = OutputPath.folderAndName(path)
                guard folder == outFolder else { try AtomicFile.checkFolder(for: path); continue }
                if taken(name) { throw PipelineError(Message("batch.output-taken", path, out)) }
            }
            // An input inside --out under a name the batch writes there would be replaced by a PDF or the manifest.
            for path in inputs where path != "-" {
                let (folder, name) = OutputPath.folderAndName(path)
                if folder == outFolder && taken(name) { throw PipelineError(Message("batch.input-in-out", out, name, path)) }
            }
            // A summary that cannot be made is refused before hours of rendering, not after.
            if summary != nil { try BatchSummary.check(overrides: summaryFields) }
            let reporter = ProgressReporter(total: documents.count)
            let started = Date()
            let runner = BatchRunner(engine: engine)
            let options = BatchOptions(outputDirectory: out, jobs: jobs, resume: resume,
                                       program: BatchFingerprint.programIdentity(version: VanBanVersion.string))
            let entries = try runner.run(documents, options: options) { done, total in
                reporter.update(done: done, total: total)
            }
            reporter.finish()
            if runner.removedTemporaryFiles > 0 {
                FileHandle.standardError.write(Data("note: removed \(runner.removedTemporaryFiles) temporary file(s) left in \(out) by an interrupted run\n".utf8))
            }
            if timings {
                let d = runner.lastDurations.filter { $0 > 0 }.sorted()
                func pct(_ p: Double) -> Double { d.isEmpty ? 0 : d[min(d.count - 1, Int(Double(d.count) * p))] * 1000 }
                let wall = Date().timeIntervalSince(started)
                print(String(format: "timings: %d documents in %.2f s = %.1f doc/s with %d jobs; latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms",
                             d.count, wall, Double(d.count) / wall, jobs, pct(0.5), pct(0.95), pct(0.99)))
            }
            for e in entries where e.status == "error" {
                FileHandle.standardError.write(Data("\(e.id.escapingControlCharacters): \((e.error ?? "failed").escapingControlCharacters)\n".utf8))
            }
            if let merged {
                let (pdf, pages) = try runner.merged(documents, entries: entries, duplex: duplex)
                try AtomicFile.write(pdf, to: merged)
                FileHandle.standardError.write(Data("merged: \(merged) (\(counted(pages, "page")))\n".utf8))
            }
            if let summary {
                if formDefinition == nil, let name = firstForm(documents) { formDefinition = try engine.form(named: name) }
                guard let f = formDefinition else { throw PipelineError("--summary needs a form batch (documents whose first annex names a form)") }
                let payload = try BatchSummary.payload(documents: documents, entries: entries, form: f, overrides: summaryFields)
                let result = try engine.renderPDF(Array(JSONWriter.string(payload).utf8))
                try AtomicFile.write(result.pdf, to: summary)
                FileHandle.standardError.write(Data("summary: \(summary) (\(counted(result.document.pageCount, "page")))\n".utf8))
            }
            if let problem = runner.manifestError {
                FileHandle.standardError.write(Data("error: \(problem)\n".utf8))
                throw ExitCode(ExitStatus.failure)
            }
            let failed = entries.filter { $0.status == "error" }.count
            let skipped = entries.filter { $0.skipped == true }.count
            print("\(entries.count - failed) rendered\(skipped > 0 ? " (\(skipped) unchanged, kept)" : ""), \(failed) failed; manifest: \(out)/manifest.json")
            if failed > 0 { throw ExitCode(ExitStatus.failure) }
        }
    }

    /// The form named by the first annex of the first document that has one; payloads are made one at
    /// a time, and one that can no longer be made (its batch file changed) is passed over.
    func firstForm(_ docs: [BatchDocument]) -> String? {
        for d in docs {
            guard let payload = try? d.payload else { continue }
            if case .array(let a)? = payload["annexes"], case .string(let f)? = a.first?["form"] { return f }
        }
        return nil
    }
}

/// A progress bar on a terminal (done/total, rate, ETA); plain lines at each tenth otherwise.
final class ProgressReporter: @unchecked Sendable {
    private let lock = NSLock()
    private let start = Date()
    private let total: Int
    private let tty = isatty(STDERR_FILENO) != 0
    private var lastTenth = -1

    init(total: Int) { self.total = total }

    func update(done: Int, total: Int) {
        lock.lock(); defer { lock.unlock() }
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        if tty {
            let width = 30
            let filled = total == 0 ? width : width * done / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data(String(format: "\r%@ %d/%d  %.1f doc/s  ETA %.0fs ", bar, done, total, rate, eta).utf8))
        } else {
            let tenth = total == 0 ? 10 : done * 10 / total
            if tenth != lastTenth || done == total {
                lastTenth = tenth
                FileHandle.standardError.write(Data(String(format: "progress: %d/%d (%.1f doc/s)\n", done, total, rate).utf8))
            }
        }
    }

    func finish() {
        if tty { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
