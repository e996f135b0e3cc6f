import Foundation
import VanBanModel

/// Where the bundled `Fonts/` and `Layouts/` live.
///
/// Looked up, in order: an explicit directory, `$VANBAN_HOME`, then the folders above the running
/// executable and the current directory (so `.build/release/vanban` finds the checkout's folders).
public struct Resources: Sendable, Equatable {
    public var root: String
    public var fontsDirectory: String { root + "/Fonts" }
    public var layoutsDirectory: String { root + "/Layouts" }
    /// Folders of layouts and forms searched before the bundled `Layouts/` (`--layouts DIR`, `$VANBAN_LAYOUTS`),
    /// first match wins: a layout author's own definitions, or edited copies of the bundled ones.
    public var layoutOverlays: [String] = []
    /// Every folder searched for `<name>.json` layouts (forms: their `forms/` subfolders), in order.
    public var layoutDirectories: [String] { layoutOverlays + [layoutsDirectory] }

    public init(root: String, layoutOverlays: [String] = []) {
        self.root = root
        self.layoutOverlays = layoutOverlays
    }

    /// `explicit` folders (the `--layouts` options) in front of those `$VANBAN_LAYOUTS` lists (separated by ":").
    /// A folder that does not exist is an error, so a typo never silently falls back to the bundled layouts.
    public func withLayoutOverlays(_ explicit: [String]) throws(PipelineError) -> Resources {
        let env = (ProcessEnvironment.value("VANBAN_LAYOUTS") ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
        var copy = self
        for (i, dir) in (explicit + env).enumerated() {
            let source = i < explicit.count ? "--layouts" : "$VANBAN_LAYOUTS"
            guard let facts = FileFacts(path: dir) else {
                throw PipelineError("the layouts folder \(dir) (\(source)) does not exist")
            }
            guard facts.isFolder else { throw PipelineError("\(dir) (\(source)) is a file, not a folder of layouts") }
            copy.layoutOverlays.append(dir)
        }
        return copy
    }

    /// The running executable's path, symbolic links resolved: `/proc/self/exe`, the program itself
    /// whatever `argv[0]` says; `realpath` of `argv[0]` where there is no `/proc`.
    static func executablePath() -> String? {
        if let p = realpath("/proc/self/exe", nil) {
            defer { free(p) }
            return String(cString: p)
        }
        let arg0 = CommandLine.arguments.first ?? ""
        guard arg0.contains("/"), let p = realpath(arg0, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    public static func locate(explicit: String? = nil) throws(PipelineError) -> Resources {
        var candidates: [String] = []
        func add(_ dir: String) { if !candidates.contains(dir) { candidates.append(dir) } }
        if let explicit { add(explicit) }
        if let env = ProcessEnvironment.value("VANBAN_HOME"), !env.isEmpty { add(env) }
        if explicit == nil {
            // Up to six folders above the executable (symbolic links resolved), then the current folder.
            var dir = executablePath() ?? "."
            for _ in 0..<6 where dir != "/" {
                dir = AtomicFile.folderAndName(dir).folder
                add(dir)
            }
            add(FileManager.default.currentDirectoryPath)
        }
        for c in candidates where FileFacts(path: c + "/Fonts")?.isFolder == true && FileFacts(path: c + "/Layouts")?.isFolder == true {
            return Resources(root: c)
        }
        if let explicit, candidates.count == 1 {
            throw PipelineError("the resources folder \(explicit) (--resources) has no Fonts/ and Layouts/ folders")
        }
        throw PipelineError("cannot find the Fonts/ and Layouts/ folders (looked in: \(candidates.joined(separator: ", "))); pass --resources DIR or set VANBAN_HOME")
    }
}

/// A failure that is not the payload's fault (missing fonts, unreadable layout, I/O).
public struct PipelineError: Error, Sendable, CustomStringConvertible {
    public var description: String
    /// The same text from the catalogue, to be told in Vietnamese too (nil for messages kept in English).
    public var message: Message? = nil
    public init(_ description: String) { self.description = description }
    public init(_ message: Message) { self.description = message.text(.en); self.message = message }
    public func text(_ language: Language) -> String { message?.text(language) ?? description }
}
