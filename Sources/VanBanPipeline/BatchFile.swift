import Foundation
import VanBanModel

/// A batch JSON file read in place: scanned once (`BatchFileScanner`), then each document's bytes are
/// read again when its payload is made (`pread` on one read-only descriptor, safe from any thread),
/// parsed and merged over the defaults, and dropped once used.
///
/// The descriptor stays open for as long as any of the file's documents lives: a file that an editor
/// replaces meanwhile (a new file renamed over it) is still read as it was scanned. A file changed in
/// place is caught by each document's digest: that document fails, naming the file; the others render.
public final class BatchFile: Sendable {
    /// The file as the user named it (for messages).
    public let path: String
    /// The batch's `"defaults"`: an empty object when absent or null. Shared by every document.
    public let defaults: JSONValue
    private let fd: Int32

    private init(path: String, fd: Int32, defaults: JSONValue) {
        self.path = path; self.fd = fd; self.defaults = defaults
    }

    deinit { close(fd) }

    /// The documents and summary of the batch JSON file at `path`, each document reading its payload
    /// from the file when asked; or why the file must be read whole by `BatchInput.fromJSON` instead (it
    /// cannot be opened, is not a regular file, or is anything but a plain well-formed batch).
    static func read(_ path: String, chunkSize: Int = BatchFileScanner.chunkSize)
        -> Result<(documents: [BatchDocument], summary: JSONValue?), BatchFileScanner.ReadWhole> {
        typealias ReadWhole = BatchFileScanner.ReadWhole
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(ReadWhole("cannot open: \(AtomicFile.systemReason(errno))")) }
        var info = stat()
        // A pipe or a device is read whole: its bytes cannot be read again.
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return .failure(ReadWhole("not a regular file"))
        }
        let layout: BatchFileLayout
        do { layout = try BatchFileScanner.scan(fd: fd, chunkSize: chunkSize) } catch {
            close(fd)
            return .failure(error)
        }
        // The values of "defaults" and "summary", as `fromJSON` takes them (null is absent).
        func value(_ range: Range<Int>?) -> Result<JSONValue?, ReadWhole> {
            guard let range else { return .success(nil) }
            guard case .success(let bytes) = readBytes(fd, range), let v = try? JSONParser.parse(bytes) else {
                return .failure(ReadWhole("the file changed while it was scanned"))
            }
            return .success(v == .null ? nil : v)
        }
        let defaults: JSONValue, summary: JSONValue?
        switch (value(layout.defaults), value(layout.summary)) {
        case (.success(let d), .success(let s)):
            guard d == nil || d?.objectMembers != nil else { close(fd); return .failure(ReadWhole("defaults is not an object")) }
            guard s == nil || s?.objectMembers != nil else { close(fd); return .failure(ReadWhole("summary is not an object")) }
            defaults = d ?? .object([]); summary = s
        case (.failure(let e), _), (_, .failure(let e)):
            close(fd)
            return .failure(e)
        }
        let file = BatchFile(path: path, fd: fd, defaults: defaults)   // closes fd from here on
        // Ids and groups as `fromJSON` reads them (NFC, no control character, not blank; ids unique).
        let sink = DiagnosticCollector()
        func text(_ raw: String) -> String? { JSONReader(.string(raw), sink: sink).text(printed: false) }
        var documents: [BatchDocument] = []
        documents.reserveCapacity(layout.documents.count)
        var seen = Set<String>()
        for d in layout.documents {
            guard let id = text(d.id) else { return .failure(ReadWhole("an id that is not a plain text")) }
            guard seen.insert(id).inserted else { return .failure(ReadWhole("a duplicate id")) }
            var group: String? = nil
            if let g = d.group {
                guard let checked = text(g) else { return .failure(ReadWhole("a group that is not a plain text")) }
                group = checked
            }
            documents.append(BatchDocument(id: id, group: group, source: .file(file, range: d.range, digest: d.digest)))
        }
        return .success((documents, summary))
    }

    /// The payload of the document `id` whose element lies at `range`: its bytes read again and checked
    /// against `digest`, parsed, without `id` and `group`, merged over the defaults — what `fromJSON`
    /// gives. Throws a `PipelineError` naming the document and the file when they cannot be read or
    /// are no longer those scanned.
    /// The file's defaults and the document's own fields (without `id` and `group`), read again.
    func parts(id: String, range: Range<Int>, digest: UInt64) throws(PipelineError) -> (defaults: JSONValue, own: JSONValue) {
        let changed = Message("batch.file-changed").asArgument
        let bytes: [UInt8]
        switch Self.readBytes(fd, range) {
        case .success(let b): bytes = b
        case .failure(.system(let code)):
            throw PipelineError(Message("batch.document-unreadable", id, path, AtomicFile.systemReasonArgument(code)))
        case .failure(.short):
            throw PipelineError(Message("batch.document-unreadable", id, path, changed))
        }
        guard BatchFileScanner.digest(bytes) == digest, case .object(var members)? = try? JSONParser.parse(bytes) else {
            throw PipelineError(Message("batch.document-unreadable", id, path, changed))
        }
        members.removeAll { $0.key == "id" || $0.key == "group" }
        return (defaults, .object(members))
    }

    enum ReadFailure: Error { case system(Int32), short }

    /// The bytes at `range` of the file open at `fd` (`pread`, so from any thread without a shared offset).
    static func readBytes(_ fd: Int32, _ range: Range<Int>) -> Result<[UInt8], ReadFailure> {
        var failure: ReadFailure? = nil
        let bytes = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            var done = 0
            while done < range.count {
                let n = pread(fd, buffer.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = .system(errno)
                    break
                }
                if n == 0 { failure = .short; break }
                done += n
            }
            initialized = done
        }
        if let failure { return .failure(failure) }
        return .success(bytes)
    }
}

extension BatchInput {
    /// The documents of the batch JSON file at `path`, and its summary fields, read in place: one
    /// checking pass over the file in 64 KiB reads, after which each document holds only its id, group
    /// and where its bytes lie (`BatchDocument.Source.file`); only `"defaults"` and `"summary"` are
    /// parsed. Memory no longer grows with the size of the batch.
    ///
    /// Accepts exactly what `fromJSON` accepts, and gives the same documents, payloads and fingerprints.
    /// Whenever the file is anything but a plain well-formed batch (see `BatchFileScanner`), or is not
    /// a regular file, `readWhole()` gives its bytes and `fromJSON` reads them, so that every problem is
    /// reported by the one reader with today's exact diagnostics. Throws what those two throw.
    public static func fromJSONFile(_ path: String, readWhole: () throws -> [UInt8]) throws -> (documents: [BatchDocument], summary: JSONValue?) {
        switch BatchFile.read(path) {
        case .success(let batch): return batch
        case .failure: return try fromJSON(readWhole())
        }
    }
}
