import Foundation
import VanBanModel

/// Where an output file really goes, for the checks a command makes before it renders anything: two
/// options naming one file, an output that is one of the command's inputs, an output that is a folder,
/// a name the batch writes itself in its `--out` folder. Paths are compared after symbolic links are
/// followed (`realpath` of the part that exists), so a link to a folder is that folder.
public enum OutputPath {
    /// `path` made absolute, every symbolic link of its existing part followed, "." and ".." resolved and
    /// trailing slashes dropped; the part that does not exist yet is appended as written.
    public static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : currentFolder() + "/" + path
        var existing = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var rest: [String] = []
        while true {
            let candidate = "/" + existing.joined(separator: "/")
            if let real = realpath(candidate, nil) {
                defer { free(real) }
                return normalized(String(cString: real), appending: rest)
            }
            guard let last = existing.popLast() else { return normalized("/", appending: rest) }
            rest.insert(last, at: 0)
        }
    }

    /// The working folder (`getcwd`; Foundation's `currentDirectoryPath` would cost `render` a cold start's
    /// first uses of its file APIs).
    private static func currentFolder() -> String {
        guard let cwd = getcwd(nil, 0) else { return "." }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    /// `base` (absolute, already resolved) with `components` appended, "." and ".." taken lexically.
    private static func normalized(_ base: String, appending components: [String]) -> String {
        var parts = base.split(separator: "/").map(String.init)
        for c in components {
            switch c {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(c)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The resolved folder an output goes into and its file name.
    public static func folderAndName(_ path: String) -> (folder: String, name: String) {
        let r = resolved(path)
        guard let slash = r.lastIndex(of: "/") else { return ("/", r) }
        return (slash == r.startIndex ? "/" : String(r[..<slash]), String(r[r.index(after: slash)...]))
    }

    /// Whether two paths name one file: the same resolved folder and the same name, letters compared
    /// without case (a batch keeps its own file names apart without case, and on a disk that ignores
    /// case they are one file).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        let x = folderAndName(a), y = folderAndName(b)
        return x.folder == y.folder && x.name.lowercased() == y.name.lowercased()
    }

    /// Refuses, as `PipelineError`, an output that names a folder (it exists as one, or ends with "/"),
    /// whose name is over `AtomicFile.maxNameBytes`, or that is one of `inputs` ("-", standard input or
    /// output, is never compared).
    public static func check(_ output: String, against inputs: [String]) throws(PipelineError) {
        guard output != "-" else { return }
        if output.hasSuffix("/") || FileFacts(path: output)?.isFolder == true {
            throw PipelineError(Message("file.cannot-write", output, Message("file.is-folder").asArgument))
        }
        // The file is written as a temporary beside it first: a name too long for that failed after all
        // the work (found by a fresh tester with a 300-letter name).
        let name = AtomicFile.folderAndName(output).name
        if name.utf8.count > AtomicFile.maxNameBytes {
            throw PipelineError(Message("file.cannot-write", output,
                                        Message("file.name-too-long", String(name.utf8.count), String(AtomicFile.maxNameBytes)).asArgument))
        }
        for input in inputs where input != "-" && sameFile(output, input) {
            throw PipelineError(Message("file.cannot-write", output, Message("file.output-is-input", input).asArgument))
        }
    }
}
