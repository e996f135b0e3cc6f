import Foundation

/// An exclusive claim on a batch output folder, so two batches never write the same PDFs and
/// manifest at once: `DIR/.vanban-batch.lock`, held with `flock` (the system releases it when the
/// process ends, even by SIGKILL, so a killed run leaves no stale lock) and holding the owner's
/// process id for the message a second batch gets.
public final class BatchLock: @unchecked Sendable {
    /// The lock file's name inside the output folder.
    public static let fileName = ".vanban-batch.lock"
    private var fd: Int32
    private let path: String

    private init(fd: Int32, path: String) { self.fd = fd; self.path = path }

    /// Takes the lock on `directory` (which must exist), or fails at once naming the process that has it.
    public static func acquire(directory: String) throws(PipelineError) -> BatchLock {
        let path = directory + "/" + fileName
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PipelineError("cannot lock \(directory): \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            var buffer = [UInt8](repeating: 0, count: 64)
            let n = read(fd, &buffer, buffer.count)
            close(fd)
            if code == EWOULDBLOCK {
                let owner = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
                throw PipelineError("\(directory) is in use by another vanban batch" + (owner.isEmpty ? "" : " (process \(owner))")
                                    + "; wait for it to finish or choose another --out folder")
            }
            throw PipelineError("cannot lock \(directory): \(String(cString: strerror(code)))")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, pid, pid.count, 0)
        return BatchLock(fd: fd, path: path)
    }

    /// Removes the lock file and lets the folder go.
    public func release() {
        guard fd >= 0 else { return }
        unlink(path)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
