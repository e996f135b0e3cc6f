import Foundation

/// Writes files so that a reader never sees half of one: write a temporary file beside the
/// target, then rename it over the target (atomic on POSIX file systems).
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw PipelineError("cannot write \(path): folder \(dir.path) does not exist")
        }
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            try Data(bytes).write(to: temp)
            if rename(temp.path, url.path) != 0 {
                let err = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temp)
                throw PipelineError("cannot write \(path): \(err)")
            }
        } catch let e as PipelineError {
            throw e
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw PipelineError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
