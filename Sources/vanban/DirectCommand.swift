import ArgumentParser

/// The synchronous commands that `main.swift` parses on their own when they are named first, rather
/// than from the root (`VanBan`). Parsing from the root builds every command of the tree and parses the
/// arguments twice more, looking for a completion-script request: 20 M instructions, a ninth of a
/// one-document `vanban render` (#14).
///
/// Only a parse that succeeds is used: a failed one (an error, `--help`, `--version`, a completion
/// request) is parsed again from the root, which prints what it always printed. Each of these commands'
/// configurations names `vanban` as its super-command (`_superCommandName`): ArgumentParser then skips
/// the completion-script check for it when it is the root of a parse, and shows `vanban` before its
/// name (`CLIParsingTests` compares the outputs of both ways on a corpus of invocations).
enum DirectCommand {
    /// The root's name, shown before each command's own.
    static let superCommand = "vanban"

    /// The command named `name`, when it is one of them. A `switch` on the name: a dictionary would
    /// cost a process its first `String: Hashable` lookup here.
    static func named(_ name: String) -> (any ParsableCommand.Type)? {
        switch name {
        case "render": Render.self
        case "validate": Validate.self
        case "preview": PreviewCommand.self
        case "batch": Batch.self
        case "copy": CopyCommand.self
        case "layouts": Layouts.self
        case "forms": Forms.self
        default: nil
        }
    }
}
