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

public struct BatchOptions: Sendable {
    public var outputDirectory: String
    public var jobs: Int
    public var resume: Bool
    public init(outputDirectory: String, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, resume: Bool = false) {
        self.outputDirectory = outputDirectory; self.jobs = max(1, jobs); self.resume = resume
    }
}

/// Renders many documents on every core: each worker thread checks out its own typesetter
/// (fonts and layouts are loaded once); one bad document never stops the others.
public final class BatchRunner: @unchecked Sendable {
    let engine: Engine
    /// Wall time of each document's render in the last run, in seconds (input order; 0 for kept files).
    public private(set) var lastDurations: [Double] = []
    public init(engine: Engine) { self.engine = engine }

    /// Renders every document into `options.outputDirectory`, writes `manifest.json`, and returns the entries in input order.
    public func run(_ documents: [BatchDocument], options: BatchOptions,
                    progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> [ManifestEntry] {
        try FileManager.default.createDirectory(atPath: options.outputDirectory, withIntermediateDirectories: true)
        let previous = options.resume ? readManifest(options.outputDirectory) : [:]
        let names = SafeFileName.unique(documents.map(\.id))
        let queue = WorkQueue(count: documents.count)
        let workers = min(options.jobs, max(1, documents.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = queue.take() {
                let started = DispatchTime.now().uptimeNanoseconds
                let entry = self.render(documents[index], file: names[index] + ".pdf", options: options, previous: previous[documents[index].id])
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                progress(queue.finish(index, entry, seconds: entry.skipped == true ? 0 : seconds), documents.count)
            }
        }
        let results = queue.results
        lastDurations = queue.durations
        let entries = results.map { $0! }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(Array(try encoder.encode(Manifest(documents: entries))), to: options.outputDirectory + "/manifest.json")
        return entries
    }

    private func render(_ doc: BatchDocument, file: String, options: BatchOptions, previous: ManifestEntry?) -> ManifestEntry {
        let path = options.outputDirectory + "/" + file
        if let previous, previous.status == "ok", previous.hash == doc.hash, previous.file == file,
           FileManager.default.fileExists(atPath: path) {
            var kept = previous
            kept.skipped = true
            return kept
        }
        do {
            let result = try engine.renderPDF(engine.validate(json: doc.payload))
            try AtomicFile.write(result.pdf, to: path)
            return ManifestEntry(id: doc.id, file: file, pages: result.document.pageCount, status: "ok", error: nil, hash: doc.hash)
        } catch let failure as ValidationFailure {
            let message = failure.diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "; ")
            return ManifestEntry(id: doc.id, file: nil, pages: nil, status: "error", error: message, hash: doc.hash)
        } catch {
            return ManifestEntry(id: doc.id, file: nil, pages: nil, status: "error", error: "\(error)", hash: doc.hash)
        }
    }

    private func readManifest(_ dir: String) -> [String: ManifestEntry] {
        guard let data = FileManager.default.contents(atPath: dir + "/manifest.json"),
              let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else { return [:] }
        return Dictionary(manifest.documents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// One print-ready PDF of the rendered documents, in order, each keeping its own page numbers,
    /// with an outline entry per document; `duplex` starts each document on an odd page.
    /// `cancellation` is checked between documents and table rows; once set, this throws `RenderCancelled`.
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
                let validated = try engine.validate(json: doc.payload)
                let parent = writer.beginDocument(title: doc.id, startOnOddPage: duplex)
                var composer = DocumentComposer(spec: validated.layout, typesetter: typesetter)
                composer.cancellation = cancellation
                _ = composer.compose(validated.payload) { page, titles in writer.add(page, outline: titles, under: parent) }
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
