import Foundation
import VanBanModel

/// Tells the renders of one connection that their client is gone (it closed its side, the connection
/// dropped, or it was cut for being too slow): every registered `CancellationFlag` is cancelled.
final class ConnectionSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var closed = false
    private var flags: [ObjectIdentifier: CancellationFlag] = [:]

    var isClosed: Bool { lock.withLock { closed } }

    /// Cancels `flag` when the connection closes (at once if it already has). Pair with `unwatch`.
    func watch(_ flag: CancellationFlag) {
        let already = lock.withLock { () -> Bool in
            if !closed { flags[ObjectIdentifier(flag)] = flag }
            return closed
        }
        if already { flag.cancel("the client disconnected") }
    }

    func unwatch(_ flag: CancellationFlag) {
        lock.withLock { _ = flags.removeValue(forKey: ObjectIdentifier(flag)) }
    }

    /// The client is gone: cancel every watched render.
    func close() {
        let watched = lock.withLock { () -> [CancellationFlag] in
            closed = true
            defer { flags.removeAll() }
            return Array(flags.values)
        }
        for flag in watched { flag.cancel("the client disconnected") }
    }
}
