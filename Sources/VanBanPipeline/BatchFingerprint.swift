import Crypto
import Foundation
import VanBanModel

/// What `--resume` compares: a document's PDF is kept only when everything that shaped it is the same
/// as when it was made — its payload, the layouts and forms, the fonts, and the program itself.
///
/// SHA-256 (swift-crypto, Apple's maintained implementation, BoringSSL on Linux) rather than a
/// hand-written FNV: a 64-bit FNV over thousands of payloads and megabytes of fonts is a checksum, not
/// a fingerprint — collisions are rare but possible and nothing would ever show one — and a well-kept
/// library costs nothing to read.
public struct BatchFingerprint: Sendable, Equatable {
    /// The digest of everything the documents share: program, layouts (and forms), fonts.
    public let context: String

    /// `program` identifies the running program (version and build); `resources` whose `Layouts/`
    /// (layouts, types, forms) and `Fonts/` files are identified, in a stable order, by name, size and
    /// modification time (nanoseconds).
    ///
    /// By their file facts, not their bytes: hashing the bundled faces and layouts read 1.6 MB for
    /// every batch, 55 M instructions, more than half of a one-document run's start (#14). Saving an
    /// edited layout or replacing a font changes its time (and mostly its size) — the rule
    /// `programIdentity` uses for the executable, and the one make and rsync use; a file touched
    /// without a change only makes `--resume` render its documents again.
    public init(program: String, resources: Resources) {
        var hasher = SHA256()
        func add(_ bytes: [UInt8]) {
            var n = UInt64(bytes.count).bigEndian
            withUnsafeBytes(of: &n) { hasher.update(bufferPointer: $0) }
            hasher.update(data: bytes)
        }
        add(Array("vanban-batch-fingerprint-1".utf8))
        add(Array(program.utf8))
        for dir in resources.layoutDirectories + [resources.fontsDirectory] {
            for file in Self.files(under: dir) {
                add(Array(String(file.dropFirst(dir.count)).utf8))
                add(Array(Self.fileFacts(file).utf8))
            }
        }
        context = Self.hexString(hasher.finalize())
    }

    /// The fingerprint of one document: the shared context and the payload's own digest.
    public func document(payloadHash: String) -> String {
        Self.hex(Array((context + ":" + payloadHash).utf8))
    }

    /// SHA-256 of `bytes`, as 64 lower-case hex digits.
    public static func hex(_ bytes: [UInt8]) -> String { hexString(SHA256.hash(data: bytes)) }

    static func hexString<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// Every regular file under `dir` (symbolic links followed), sorted by path; hidden files and
    /// folders and editor backups left out. Walked with `readdir` and `stat` (FileManager's
    /// enumerator cost 2 M instructions for two small folders).
    static func files(under dir: String) -> [String] {
        var out: [String] = []
        func walk(_ path: String, depth: Int) {
            guard depth < 16 else { return }
            for name in FileFacts.names(in: path) where !name.hasPrefix(".") && !name.hasSuffix("~") {
                let child = path + "/" + name
                guard let facts = FileFacts(path: child) else { continue }
                if facts.isFolder { walk(child, depth: depth + 1) } else if facts.isRegularFile { out.append(child) }
            }
        }
        walk(dir, depth: 0)
        return out.sorted()
    }

    /// "SIZE bytes, modified SECONDS.NANOSECONDS" of the file at `path` (symbolic links followed),
    /// or "missing" when it cannot be read.
    static func fileFacts(_ path: String) -> String { FileFacts(path: path)?.summary ?? "missing" }

    /// The running program: its version and, when it can be found, its executable's size and
    /// modification time (a rebuilt program may lay pages out differently, so its PDFs are redone).
    /// Read with one `stat` of `/proc/self/exe`: `Bundle.main` cost 6 M instructions at start-up.
    public static func programIdentity(version: String) -> String {
        var id = "vanban " + version
        if let exe = FileFacts(path: "/proc/self/exe") { id += " (\(exe.size) bytes, built \(exe.milliseconds))" }
        return id
    }
}
