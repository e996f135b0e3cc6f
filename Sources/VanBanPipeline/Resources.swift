import Foundation

/// Where the bundled `Fonts/` and `Layouts/` live.
///
/// Looked up, in order: an explicit directory, `$VANBAN_HOME`, then the folders above the running
/// executable and the current directory (so `.build/release/vanban` finds the checkout's folders).
public struct Resources: Sendable, Equatable {
    public var root: String
    public var fontsDirectory: String { root + "/Fonts" }
    public var layoutsDirectory: String { root + "/Layouts" }

    public init(root: String) { self.root = root }

    public static func locate(explicit: String? = nil) throws(PipelineError) -> Resources {
        var candidates: [String] = []
        if let explicit { candidates.append(explicit) }
        if let env = ProcessInfo.processInfo.environment["VANBAN_HOME"], !env.isEmpty { candidates.append(env) }
        if explicit == nil {
            var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<6 {
                candidates.append(dir.path)
                dir = dir.deletingLastPathComponent()
            }
            candidates.append(FileManager.default.currentDirectoryPath)
        }
        for c in candidates {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: c + "/Fonts", isDirectory: &isDir), isDir.boolValue,
               FileManager.default.fileExists(atPath: c + "/Layouts", isDirectory: &isDir), isDir.boolValue {
                return Resources(root: c)
            }
        }
        throw PipelineError("cannot find the Fonts/ and Layouts/ folders (looked in: \(candidates.joined(separator: ", "))); set VANBAN_HOME")
    }
}

/// A failure that is not the payload's fault (missing fonts, unreadable layout, I/O).
public struct PipelineError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
