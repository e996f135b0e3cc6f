import ArgumentParser
import Dispatch
import Foundation

// The entry point. A synchronous command (render, validate, preview, batch, copy, layouts, forms) runs
// right here on the main thread; only the commands that need Swift concurrency (serve, issue, register)
// start it. `AsyncParsableCommand.main` would move every command onto the concurrency pool's threads
// first, creating them, and run the render from a thread with its own malloc arena (#14: cold start).
// Parsing, help, `--version` and every error message are ArgumentParser's, as before.
do {
    var command = try VanBan.parseAsRoot()
    if let asyncCommand = command as? any AsyncParsableCommand {
        runConcurrently(asyncCommand)
    } else {
        try command.run()
    }
} catch {
    VanBan.exit(withError: error)
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
