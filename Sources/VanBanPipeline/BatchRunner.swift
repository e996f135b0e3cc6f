import Foundation
import VanBanLayout
import VanBanModel
import VanBanRender

/// One line of `manifest.json`.
public struct ManifestEntry: Codable, Sendable, Equatable {
    public var id: String
    public var file: String?
    public var pages: Int?
    public var status: String
    public var error: String?
    public var hash: String
    /// True when `--resume` kept the existing file.
    public var skipped: Bool?

    public init(id: String, file: String?, pages: Int?, status: String, error: String?, hash: String, skipped: Bool? = nil) {
        self.id = id; self.file = file; self.pages = pages; self.status = status; self.error = error; self.hash = hash; self.skipped = skipped
    }
}

public struct Manifest: Codable, Sendable {
    public var documents: [ManifestEntry]
    public init(documents: [ManifestEntry]) { self.documents = documents }
}

/// How a batch runs.
public struct BatchOptions: Sendable {
    public var outputDirectory: String
    public var jobs: Int
    /// Keep documents whose PDF exists and whose fingerprint (payload, layouts, forms, fonts, program) is unchanged.
    public var resume: Bool
    /// The running program's identity (`BatchFingerprint.programIdentity`), part of every fingerprint.
    public var program: String
    public init(outputDirectory: String, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, resume: Bool = false,
                program: String = BatchFingerprint.programIdentity(version: VanBanVersion.string)) {
        self.outputDirectory = outputDirectory; self.jobs = max(1, jobs); self.resume = resume; self.program = program
    }
}

/// Renders many documents on every core: each worker thread checks out its own typesetter
/// (fonts and layouts are loaded once); one bad document never stops the others.
///
/// The output folder is locked for the run (`BatchLock`); temporary files a killed run left there are
/// removed first; the manifest grows as documents finish (`ManifestJournal`) and `manifest.json` is
/// rewritten whole at the end. A document that fails, or whose PDF cannot be written (a full disk),
/// is an `"error"` entry with a one-line reason, and any older PDF of it is removed.
public final class BatchRunner: @unchecked Sendable {
    let engine: Engine
    /// Wall time of each document's render in the last run, in seconds (input order; 0 for kept files).
    public private(set) var lastDurations: [Double] = []
    /// Temporary files of an interrupted run removed at the start of the last run.
    public private(set) var removedTemporaryFiles = 0
    /// Set when the last run could not write `manifest.json` (its journal is then kept for the next run).
    public private(set) var manifestError: String?
    public init(engine: Engine) { self.engine = engine }

    /// Renders every document into `options.outputDirectory`, writes `manifest.json`, and returns the entries in input order.
    /// Throws only when the folder cannot be made or locked; each document's failure is in its entry.
    public func run(_ documents: [BatchDocument], options: BatchOptions,
                    progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> [ManifestEntry] {
        let dir = options.outputDirectory
        try Self.makeDirectory(dir)
        let lock = try BatchLock.acquire(directory: dir)
        defer { lock.release() }
        removedTemporaryFiles = Self.removeTemporaryFiles(in: dir)
        let recovered = try recoverManifest(dir)
        let previous = options.resume ? recovered : [:]
        let journal = try ManifestJournal(directory: dir)
        let fingerprint = BatchFingerprint(program: options.program, resources: engine.resources)
        let names = SafeFileName.unique(documents.map(\.id))
        let queue = WorkQueue(count: documents.count)
        let workers = min(options.jobs, max(1, documents.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = queue.take() {
                let started = DispatchTime.now().uptimeNanoseconds
                let doc = documents[index]
                let entry = self.render(doc, file: names[index] + ".pdf", fingerprint: fingerprint,
                                        directory: dir, journal: journal, previous: previous[doc.id])
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                progress(queue.finish(index, entry, seconds: entry.skipped == true ? 0 : seconds), documents.count)
            }
        }
        lastDurations = queue.durations
        let entries = queue.results.map { $0! }
        manifestError = nil
        do {
            try Self.writeManifest(entries, to: dir)
            ManifestJournal.remove(in: dir)
        } catch {
            manifestError = "\(error)"
        }
        return entries
    }

    /// One document, on a worker thread: its payload is made here (read again from the batch file, for
    /// one read in place), fingerprinted, rendered and written, and dropped when this returns.
    private func render(_ doc: BatchDocument, file: String, fingerprint: BatchFingerprint, directory: String,
                        journal: ManifestJournal, previous: ManifestEntry?) -> ManifestEntry {
        let path = directory + "/" + file
        var hash = ""
        func failed(_ message: String) -> ManifestEntry {
            // An older PDF of this document no longer matches its input: it must not be printed.
            unlink(path)
            let entry = ManifestEntry(id: doc.id, file: nil, pages: nil, status: "error", error: message, hash: hash)
            try? journal.append(entry)
            return entry
        }
        /// A payload problem, each named at its CSV row and column when the document came from one.
        func failed(_ failure: ValidationFailure) -> ManifestEntry {
            failed(failure.diagnostics.filter { $0.severity == .error }
                .map { (doc.origin?.prefix(for: $0.path) ?? "") + $0.description }.joined(separator: "; "))
        }
        let payload: JSONValue
        do { payload = try doc.checkedPayload() } catch let failure as ValidationFailure {
            return failed(failure)
        } catch {
            // The batch file changed or cannot be read: no fingerprint, so never kept by --resume.
            return failed("\(error)")
        }
        hash = fingerprint.document(payloadHash: doc.fingerprint(of: payload))
        if let previous, previous.status == "ok", previous.hash == hash, previous.file == file,
           Self.endsLikeAPDF(path) {
            var kept = previous
            kept.skipped = true
            return kept
        }
        let result: RenderResult
        do {
            result = try engine.renderPDF(engine.validate(json: payload))
        } catch let failure as ValidationFailure {
            return failed(failure)
        } catch {
            return failed("\(error)")
        }
        do {
            try journal.append(ManifestEntry(id: doc.id, file: file, pages: nil, status: ManifestJournal.writing, error: nil, hash: hash))
            try AtomicFile.write(result.pdf, to: path)
        } catch {
            return failed("\(error)")
        }
        let entry = ManifestEntry(id: doc.id, file: file, pages: result.document.pageCount, status: "ok", error: nil, hash: hash)
        try? journal.append(entry)
        return entry
    }

    /// The last complete manifest with any journal of an interrupted run folded in (a document caught
    /// mid-write is marked so that it is never kept), written back as `manifest.json`; the journal is removed.
    private func recoverManifest(_ dir: String) throws -> [String: ManifestEntry] {
        var order: [String] = []
        var byID: [String: ManifestEntry] = [:]
        if let data = FileManager.default.contents(atPath: dir + "/manifest.json"),
           let manifest = try? JSONDecoder().decode(Manifest.self, from: data) {
            for e in manifest.documents where byID[e.id] == nil { order.append(e.id); byID[e.id] = e }
        }
        let journal = ManifestJournal.entries(in: dir)
        guard !journal.isEmpty || FileManager.default.fileExists(atPath: dir + "/" + ManifestJournal.fileName) else { return byID }
        for var e in journal {
            if byID[e.id] == nil { order.append(e.id) }
            if e.status == ManifestJournal.writing {
                e = ManifestEntry(id: e.id, file: e.file, pages: nil, status: "error",
                                  error: "interrupted while its PDF was being written", hash: "")
            }
            e.skipped = nil
            byID[e.id] = e
        }
        try Self.writeManifest(order.map { byID[$0]! }, to: dir)
        ManifestJournal.remove(in: dir)
        return byID
    }

    static func writeManifest(_ entries: [ManifestEntry], to dir: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(Array(try encoder.encode(Manifest(documents: entries))), to: dir + "/manifest.json")
    }

    /// Removes the temporary files (`AtomicFile`) a killed run left in `dir`; returns how many.
    static func removeTemporaryFiles(in dir: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter(AtomicFile.isTemporaryName).reduce(0) { $0 + (unlink(dir + "/" + $1) == 0 ? 1 : 0) }
    }

    /// Whether the file at `path` exists and ends with a PDF's `%%EOF` marker (whitespace after it
    /// allowed): `--resume` keeps only such a file, so a PDF cut short since (a full disk, a copy
    /// interrupted, a truncation) is rendered again rather than kept because its input is unchanged.
    static func endsLikeAPDF(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size >= 8 else { return false }
        let n = Int(min(st.st_size, 64))
        var tail = [UInt8](repeating: 0, count: n)
        guard pread(fd, &tail, n, off_t(st.st_size) - off_t(n)) == n else { return false }
        while let last = tail.last, [0x0A, 0x0D, 0x20, 0x09, 0x00].contains(last) { tail.removeLast() }
        return tail.count >= 5 && Array(tail.suffix(5)) == Array("%%EOF".utf8)
    }

    /// `mkdir -p`, with the system's reason on failure.
    static func makeDirectory(_ dir: String) throws(PipelineError) {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
            if isDir.boolValue { return }
            throw PipelineError(Message("batch.output-is-file", dir))
        }
        // The folder above by a string split: Foundation's `deletingLastPathComponent` traps on a
        // one-character relative path (`--out x` crashed; found by a fresh tester).
        let parent = AtomicFile.folderAndName(dir).folder
        if parent != "." && parent != "/" && parent != dir { try makeDirectory(parent) }
        if mkdir(dir, 0o755) != 0 && errno != EEXIST {
            throw PipelineError(Message("file.cannot-create-folder", dir, AtomicFile.systemReasonArgument(errno)))
        }
    }

    /// One print-ready PDF of the rendered documents, in order, each keeping its own page numbers,
    /// with an outline entry per document; `duplex` starts each document on an odd page.
    /// `cancellation` is checked between documents and table rows; once set, this throws `RenderCancelled`.
    /// A document whose payload can no longer be made (its batch file changed) throws its `PipelineError`.
    public func merged(_ documents: [BatchDocument], entries: [ManifestEntry], duplex: Bool,
                       cancellation: CancellationFlag? = nil) throws -> (pdf: [UInt8], pages: Int) {
        let ok = zip(documents, entries).filter { $0.1.status == "ok" }.map(\.0)
        let first = try ok.first.map { try engine.validate(json: $0.payload) }
        let metadata = PDFMetadata(title: "Tập văn bản (\(ok.count))", author: first.map { $0.payload.issuer.nameInText ?? $0.payload.issuer.name } ?? "",
                                   creator: "VanBan", creationDate: first.map { Engine.metadata($0.payload).creationDate } ?? "2000-01-01T00:00:00+07:00")
        return try engine.withTypesetter { typesetter in
            let writer = PDFWriter(metadata: metadata, typesetter: typesetter)
            for doc in ok {
                try cancellation?.check()
                // One payload at a time, made from its source and dropped after its pages are added.
                let payload = try doc.payload
                let validated = try engine.validate(json: payload)
                // The outline shows the agency, as a clerk looks for it, not the batch's id.
                let parent = writer.beginDocument(title: BatchSummary.agencyName(payload, fallback: doc.id), startOnOddPage: duplex)
                var composer = DocumentComposer(spec: validated.layout, typesetter: typesetter)
                composer.cancellation = cancellation
                _ = composer.compose(validated.payload) { page, titles in writer.add(page, outline: titles, under: parent) }
                typesetter.finishDocument()
            }
            try cancellation?.check()
            let pages = writer.pageCount
            return (writer.finish(), pages)
        }
    }
}

/// Hands out document indices to worker threads and collects their results in input order.
final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var done = 0
    private let count: Int
    private var slots: [ManifestEntry?]
    private var seconds: [Double]

    init(count: Int) { self.count = count; slots = Array(repeating: nil, count: count); seconds = Array(repeating: 0, count: count) }

    func take() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    /// Stores a result; returns how many are done.
    func finish(_ index: Int, _ entry: ManifestEntry, seconds duration: Double) -> Int {
        lock.lock(); defer { lock.unlock() }
        slots[index] = entry
        seconds[index] = duration
        done += 1
        return done
    }

    var results: [ManifestEntry?] { lock.lock(); defer { lock.unlock() }; return slots }
    var durations: [Double] { lock.lock(); defer { lock.unlock() }; return seconds }
}

/// File names from document ids: Vietnamese letters folded to ASCII, anything else to "_", unique.
public enum SafeFileName {
    public static func make(_ id: String) -> String {
        let folded = id.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive], locale: nil)
        var s = String(folded.unicodeScalars.map { c -> Character in
            (c.isASCII && (CharacterSet.alphanumerics.contains(c) || c == "-" || c == "_" || c == ".")) ? Character(c) : "_"
        })
        while s.hasPrefix(".") { s.removeFirst() }
        if s.count > 100 { s = String(s.prefix(100)) }
        return s.isEmpty ? "document" : s
    }

    public static func unique(_ ids: [String]) -> [String] {
        var used = Set<String>()
        return ids.map { id in
            let base = make(id)
            var name = base, n = 2
            while !used.insert(name.lowercased()).inserted { name = "\(base)-\(n)"; n += 1 }
            return name
        }
    }
}
