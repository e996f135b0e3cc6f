import Crypto
import Foundation

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
    /// files are hashed, names and bytes, in a stable order, and whose `Fonts/` files are identified
    /// by name, size and modification time (nanoseconds).
    ///
    /// Fonts by their file facts, not their bytes: hashing the bundled faces read 1.5 MB for every
    /// batch, 52 M instructions, more than half of a one-document run's start (#14). A font is never
    /// edited in place as a layout is; it is replaced by another file, which changes its size or its
    /// time — the same rule `programIdentity` uses for the executable, and the one make and rsync use.
    public init(program: String, resources: Resources) {
        var hasher = SHA256()
        func add(_ bytes: [UInt8]) {
            var n = UInt64(bytes.count).bigEndian
            withUnsafeBytes(of: &n) { hasher.update(bufferPointer: $0) }
            hasher.update(data: bytes)
        }
        add(Array("vanban-batch-fingerprint-1".utf8))
        add(Array(program.utf8))
        for dir in resources.layoutDirectories {
            for file in Self.files(under: dir) {
                add(Array(String(file.dropFirst(dir.count)).utf8))
                add(FileManager.default.contents(atPath: file).map(Array.init) ?? [])
            }
        }
        let fonts = resources.fontsDirectory
        for file in Self.files(under: fonts) {
            add(Array(String(file.dropFirst(fonts.count)).utf8))
            add(Array(Self.fileFacts(file).utf8))
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

    /// Every regular file under `dir`, sorted by path (hidden files and editor backups left out).
    static func files(under dir: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: (dir as NSString).resolvingSymlinksInPath) else { return [] }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            let name = (rel as NSString).lastPathComponent
            if name.hasPrefix(".") || name.hasSuffix("~") { continue }
            var isDir: ObjCBool = false
            let path = dir + "/" + rel
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue { out.append(path) }
        }
        return out.sorted()
    }

    /// "SIZE bytes, modified SECONDS.NANOSECONDS" of the file at `path` (symbolic links followed),
    /// or "missing" when it cannot be read.
    static func fileFacts(_ path: String) -> String {
        var st = stat()
        guard stat(path, &st) == 0 else { return "missing" }
        return "\(st.st_size) bytes, modified \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }

    /// The running program: its version and, when it can be found, its executable's size and
    /// modification time (a rebuilt program may lay pages out differently, so its PDFs are redone).
    /// Read with one `stat` of `/proc/self/exe`: `Bundle.main` cost 6 M instructions at start-up.
    public static func programIdentity(version: String) -> String {
        var id = "vanban " + version
        var st = stat()
        if stat("/proc/self/exe", &st) == 0 {
            let millis = Int64(st.st_mtim.tv_sec) * 1000 + Int64(st.st_mtim.tv_nsec) / 1_000_000
            id += " (\(st.st_size) bytes, built \(millis))"
        }
        return id
    }
}
