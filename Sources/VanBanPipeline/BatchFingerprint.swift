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
    /// and `Fonts/` files are hashed, names and bytes, in a stable order.
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
                add(FileManager.default.contents(atPath: file).map(Array.init) ?? [])
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

    /// The running program: its version and, when it can be found, its executable's size and
    /// modification time (a rebuilt program may lay pages out differently, so its PDFs are redone).
    public static func programIdentity(version: String) -> String {
        var id = "vanban " + version
        if let exe = Bundle.main.executablePath,
           let attrs = try? FileManager.default.attributesOfItem(atPath: exe) {
            let size = (attrs[.size] as? NSNumber)?.int64Value ?? 0
            let modified = (attrs[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            id += " (\(size) bytes, built \(Int64(modified * 1000)))"
        }
        return id
    }
}
