import Foundation
import VanBanModel

/// Writes files so that a reader never sees half of one: write a temporary file beside the
/// target, then rename it over the target (atomic on POSIX file systems).
///
/// Failures are `PipelineError`s worded for a clerk, from the system's own reason:
/// `cannot write out/a.pdf: No space left on device` — never a Foundation error dump.
public enum AtomicFile {
    /// Writes one file atomically. Throws `PipelineError` naming the file and the reason.
    public static func write(_ bytes: [UInt8], to path: String) throws(PipelineError) {
        try writeAll([(bytes, path)])
    }

    /// Writes several files all or nothing: every file is first written in full to a temporary file
    /// beside its target, and only when all of them succeeded are they renamed into place. A failure
    /// before that point (missing folder, full disk, no permission) removes the temporary files and
    /// leaves every target untouched. Throws `PipelineError` naming the file that failed and why.
    public static func writeAll(_ files: [(bytes: [UInt8], path: String)]) throws(PipelineError) {
        var staged: [(temp: String, path: String)] = []
        for file in files {
            do { staged.append((try stage(file.bytes, for: file.path), file.path)) } catch {
                for s in staged { unlink(s.temp) }
                throw error
            }
        }
        for (i, s) in staged.enumerated() where rename(s.temp, s.path) != 0 {
            let reason = systemReasonArgument(errno)
            for rest in staged[i...] { unlink(rest.temp) }
            throw PipelineError(Message("file.cannot-write", s.path, reason))
        }
    }

    /// The text the system gives for an `errno` value ("No space left on device").
    public static func systemReason(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// The same reason as a message argument: from the catalogue (so in Vietnamese too) for the usual
    /// causes, else the system's text.
    public static func systemReasonArgument(_ code: Int32) -> String {
        let ids: [Int32: String] = [ENOENT: "system.ENOENT", EACCES: "system.EACCES", ENOSPC: "system.ENOSPC",
                                    EISDIR: "system.EISDIR", ENOTDIR: "system.ENOTDIR", EROFS: "system.EROFS", EPERM: "system.EPERM"]
        let text = systemReason(code)
        // Only where the catalogue's English is the system's own text, so English output is unchanged.
        if let id = ids[code], Message(id).text(.en) == text { return Message(id).asArgument }
        return text
    }

    /// Throws the error `write(_:to:)` would give for a missing folder, before any work is done
    /// (`vanban batch --merged/--summary` check their paths before rendering for minutes).
    public static func checkFolder(for path: String) throws(PipelineError) {
        // The usual case without Foundation's URL (its first use costs a cold process two scans of the
        // conformance records, #14); a missing folder is named as before, absolute.
        if FileFacts(path: folderAndName(path).folder)?.isFolder == true { return }
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw PipelineError(Message("file.cannot-write", path, Message("file.no-folder", dir.path).asArgument))
        }
    }

    /// The longest name a target may have, in UTF-8 bytes: the system's 255 less what `stage` adds to
    /// make the temporary name (`.`, `.PID`, `.RANDOM`, `.tmp`: at most 24).
    public static let maxNameBytes = 231

    /// Writes `bytes` to a new temporary file in the target's folder and returns its path.
    private static func stage(_ bytes: [UInt8], for path: String) throws(PipelineError) -> String {
        let (dir, name) = folderAndName(path)
        try checkFolder(for: path)
        let temp = dir + "/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw PipelineError(Message("file.cannot-write", path, systemReasonArgument(errno))) }
        var failure: Int32? = nil
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                done += n
            }
        }
        // A full disk or a network file system may only report the failure when the file is closed.
        if close(fd) != 0, failure == nil { failure = errno }
        if let failure {
            unlink(temp)
            throw PipelineError(Message("file.cannot-write", path, systemReasonArgument(failure)))
        }
        return temp
    }

    /// The folder holding `path` and its last component, as written ("out.pdf" → (".", "out.pdf"),
    /// "/a/b/" → ("/a", "b"), "/x" → ("/", "x")).
    public static func folderAndName(_ path: String) -> (folder: String, name: String) {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return (".", String(p)) }
        let name = String(p[p.index(after: slash)...])
        return (slash == p.startIndex ? "/" : String(p[..<slash]), name)
    }

    /// True for the name of a temporary file this type writes (`.NAME.PID.RANDOM.tmp`), so a batch can
    /// remove those a killed process left behind.
    public static func isTemporaryName(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let parts = name.dropLast(4).split(separator: ".")
        guard parts.count >= 3 else { return false }
        return parts[parts.count - 1].allSatisfy(\.isNumber) && parts[parts.count - 2].allSatisfy(\.isNumber)
    }
}
