import Foundation

/// Writes files so that a reader never sees half of one: write a temporary file beside the
/// target, then rename it over the target (atomic on POSIX file systems).
///
/// Failures are one line naming the file and the system's reason ("cannot write out/a.pdf: No space
/// left on device"), never a Foundation error dump. The temporary file is `.NAME.PID.RANDOM.tmp`
/// (hidden, in the same folder); a failed write removes it, and `isTemporaryName` lets a batch remove
/// those a killed process left behind.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw PipelineError("cannot write \(path): folder \(dir.path) does not exist")
        }
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp").path
        func failure(_ code: Int32) -> PipelineError {
            unlink(temp)
            return PipelineError("cannot write \(path): \(String(cString: strerror(code)))")
        }
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PipelineError("cannot write \(path): \(String(cString: strerror(errno)))") }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                throw failure(code)
            }
            offset += n
        }
        // close() reports what a network or full file system could only tell at the end.
        if close(fd) != 0 { throw failure(errno) }
        if rename(temp, path) != 0 { throw failure(errno) }
    }

    /// True for the name of a temporary file this type writes (`.NAME.PID.RANDOM.tmp`).
    public static func isTemporaryName(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let parts = name.dropLast(4).split(separator: ".")
        guard parts.count >= 3 else { return false }
        return parts[parts.count - 1].allSatisfy(\.isNumber) && parts[parts.count - 2].allSatisfy(\.isNumber)
    }
}
