import Foundation
import VanBanModel

/// One document of a batch: the defaults deep-merged with its own fields.
///
/// The merged payload is not kept: it is made when asked for (`payload`), from the document's
/// `source`, so that a batch of any size holds little more than its ids while it runs. Each worker
/// makes its document's payload, renders it and drops it.
public struct BatchDocument: Sendable {
    public var id: String
    /// Grouping for the summary table ("Các sở, ban, ngành", "UBND cấp huyện", …).
    public var group: String?
    /// Where the merged payload comes from.
    public var source: Source
    /// The CSV row this document came from, if any (for error messages).
    public var origin: CSVOrigin? {
        if let givenOrigin { return givenOrigin }
        if case .csvRow(let reader, let line, let cells) = source { return reader.origin(line: line, fields: cells.fields) }
        return nil
    }
    private var givenOrigin: CSVOrigin?
    private var givenHash: String?

    /// Where a document's merged payload comes from.
    public enum Source: Sendable {
        /// The merged payload itself (a CSV row, a caller's own document).
        case value(JSONValue)
        /// The batch's defaults and the document's own fields (without `id` and `group`), merged when
        /// asked for. Every document shares the one defaults value (`JSONValue` is copy-on-write).
        case overlay(defaults: JSONValue, own: JSONValue)
        /// The bytes `range` of a batch file (`{` to `}` of the document's element in `"documents"`),
        /// read again, checked against `digest` (`BatchFileScanner.digest` of those bytes when the
        /// file was scanned), parsed and merged over the file's defaults when asked for.
        case file(BatchFile, range: Range<Int>, digest: UInt64)
        /// A row of a CSV batch as read (`line` is its Excel row), read again into the defaults and the
        /// row's own fields when asked for.
        case csvRow(CSVRowReader, line: Int, cells: CSVCells)
    }

    /// A document whose merged payload is given; `hash`, when given, is its fingerprint.
    public init(id: String, group: String?, payload: JSONValue, hash: String? = nil, origin: CSVOrigin? = nil) {
        self.init(id: id, group: group, source: .value(payload), hash: hash, origin: origin)
    }

    public init(id: String, group: String?, source: Source, hash: String? = nil, origin: CSVOrigin? = nil) {
        self.id = id; self.group = group; self.source = source; self.givenHash = hash; self.givenOrigin = origin
    }

    /// The merged payload. Only a `.file` source can fail: the file can no longer be read, or its
    /// bytes for this document are not those scanned (the file changed since); the `PipelineError`
    /// names the document's id and the file.
    public var payload: JSONValue {
        get throws(PipelineError) {
            let (defaults, own) = try parts
            return defaults.map { $0.merging(own) } ?? own
        }
    }

    /// The merged payload of a document to render: as `payload`, but a document that names its own agency
    /// in one of `issuer.name` and `issuer.name_in_text` while the other comes from the defaults
    /// (`BatchInput.mixedIssuer`) is refused with that `ValidationFailure`. Every way a batch is rendered
    /// (the CLI's runner, the service's ZIP and merged batches) takes its payloads from here.
    public func checkedPayload() throws -> JSONValue {
        let (defaults, own) = try parts
        guard let defaults else { return own }
        if let mixed = BatchInput.mixedIssuer(defaults: defaults, own: own) { throw ValidationFailure([mixed]) }
        return defaults.merging(own)
    }

    /// The defaults and the document's own fields (nil defaults: the payload given whole).
    private var parts: (defaults: JSONValue?, own: JSONValue) {
        get throws(PipelineError) {
            switch source {
            case .value(let value): return (nil, value)
            case .overlay(let defaults, let own): return (defaults, own)
            case .file(let file, let range, let digest): return try file.parts(id: id, range: range, digest: digest)
            case .csvRow(let reader, let line, let cells): return (reader.base, reader.read(line: line, fields: cells.fields).own)
            }
        }
    }

    /// Fingerprint of the merged payload (SHA-256 of its canonical JSON). The runner combines it with
    /// the program, layouts, forms and fonts (`BatchFingerprint`) for `--resume`. Unless given, it is
    /// computed when asked for: by the worker that renders the document, not before the batch starts.
    public var hash: String {
        get throws(PipelineError) {
            if let givenHash { return givenHash }
            return BatchInput.fingerprint(try payload)
        }
    }

    /// `hash` from a payload already made by `payload` (so that it is not made twice).
    public func fingerprint(of payload: JSONValue) -> String {
        givenHash ?? BatchInput.fingerprint(payload)
    }
}
