import Foundation

/// What the file system says of a file without reading it: its kind, size and modification time
/// (`stat`, symbolic links followed), and the names in a folder (`readdir`). The batch fingerprint,
/// the program's identity, the engine's check for edited definition files and the font library's
/// file list decide from these rather than from the files' bytes or Foundation's enumerators
/// (#14: hashing them cost more than half a process's start).
public struct FileFacts: Equatable, Sendable {
    public var isFolder: Bool
    public var isRegularFile: Bool
    /// Bytes.
    public var size: Int64
    /// Modification time: seconds since 1970 and the nanoseconds after them.
    public var seconds: Int64
    public var nanoseconds: Int64

    /// The facts of `path`; nil when it cannot be `stat`ed (missing, no permission).
    public init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        isFolder = st.st_mode & S_IFMT == S_IFDIR
        isRegularFile = st.st_mode & S_IFMT == S_IFREG
        size = Int64(st.st_size)
        seconds = Int64(st.st_mtim.tv_sec)
        nanoseconds = Int64(st.st_mtim.tv_nsec)
    }

    /// "SIZE bytes, modified SECONDS.NANOSECONDS", as the batch fingerprint records it.
    public var summary: String { "\(size) bytes, modified \(seconds).\(nanoseconds)" }

    /// The modification time in whole milliseconds.
    public var milliseconds: Int64 { seconds * 1000 + nanoseconds / 1_000_000 }

    /// The names in folder `dir`, "." and ".." left out, in no particular order; none when it cannot be read.
    public static func names(in dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var out: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { out.append(name) }
        }
        return out
    }

    /// Whether `path` itself (not what a symbolic link there points to) is a folder: `lstat`.
    public static func isRealFolder(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }
}
