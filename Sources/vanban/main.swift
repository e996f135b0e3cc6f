import ArgumentParser
import Dispatch
import Foundation

// The entry point. A synchronous command (render, validate, preview, batch, copy, layouts, forms) runs
// right here on the main thread; only the commands that need Swift concurrency (serve, issue, register)
// start it. `AsyncParsableCommand.main` would move every command onto the concurrency pool's threads
// first, creating them, and run the render from a thread with its own malloc arena (#14: cold start).
//
// A synchronous command named first (`vanban render …`) is parsed on its own (`DirectCommand`); when
// that parse succeeds, the command runs. Anything else — a parse error, `--help`, `--version`, a
// completion-script request, no arguments, serve, issue, register — goes through the root exactly as
// before, so every message, usage line and help text is the root's own. Parsing stays ArgumentParser's.
let arguments = Array(CommandLine.arguments.dropFirst())
if let name = arguments.first, let type = DirectCommand.named(name),
   var command = try? type.parseAsRoot(Array(arguments.dropFirst())),
   ObjectIdentifier(Swift.type(of: command)) == ObjectIdentifier(type) {  // not ArgumentParser's help command
    do {
        try command.run()
    } catch {
        VanBan.exit(withError: error)  // as the root's `main` reports a command's failure
    }
    finishStandardOutput()
} else {
    do {
        var command = try VanBan.parseAsRoot(arguments)
        if let asyncCommand = command as? any AsyncParsableCommand {
            runConcurrently(asyncCommand)
        } else {
            try command.run()
            finishStandardOutput()
        }
    } catch {
        VanBan.exit(withError: error)
    }
}

/// Runs an async command as a task and parks the main thread (serving the main queue) until the task
/// ends the process: status 0 when `run()` returns, else ArgumentParser's status and message for the error.
func runConcurrently(_ command: any AsyncParsableCommand) -> Never {
    nonisolated(unsafe) var command = command
    Task {
        do {
            try await command.run()
            VanBan.exit()
        } catch {
            VanBan.exit(withError: error)
        }
    }
    dispatchMain()
}
