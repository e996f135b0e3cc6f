import Foundation

/// The manifest as it grows: one JSON line per event, appended as each document is done, so a run
/// killed at any moment leaves a true record of which file was made from which input.
///
/// For each document written, a `"writing"` line (with the new fingerprint) goes first, then the PDF
/// is renamed into place, then the `"ok"` or `"error"` line. A document whose last line is
/// `"writing"` was interrupted between the two: its PDF may be old or new, so it is never trusted.
/// The next batch in the folder folds the journal into `manifest.json` and removes it.
final class ManifestJournal: @unchecked Sendable {
    static let fileName = ".manifest-journal.jsonl"
    /// The status of the line written before a PDF is renamed into place.
    static let writing = "writing"
    private let fd: Int32
    private let lock = NSLock()
    let path: String

    init(directory: String) throws(PipelineError) {
        path = directory + "/" + Self.fileName
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PipelineError("cannot write \(path): \(String(cString: strerror(errno)))") }
    }

    deinit { close(fd) }

    /// Appends one entry as one line, in one write (O_APPEND), so lines never interleave.
    func append(_ entry: ManifestEntry) throws(PipelineError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(entry) else { throw PipelineError("cannot encode the manifest entry of \(entry.id)") }
        let line = Array(data) + [0x0A]
        lock.lock(); defer { lock.unlock() }
        let n = line.withUnsafeBytes { write(fd, $0.baseAddress!, line.count) }
        if n != line.count {
            let reason = n < 0 ? String(cString: strerror(errno)) : "only \(n) of \(line.count) bytes written"
            throw PipelineError("cannot write \(path): \(reason)")
        }
    }

    /// The entries of a journal left in `directory`, in order; a torn last line (a kill mid-write) is ignored.
    static func entries(in directory: String) -> [ManifestEntry] {
        guard let data = FileManager.default.contents(atPath: directory + "/" + fileName) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: 0x0A).compactMap { try? decoder.decode(ManifestEntry.self, from: Data($0)) }
    }

    static func remove(in directory: String) { unlink(directory + "/" + fileName) }
}
