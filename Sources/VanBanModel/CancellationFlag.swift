import Foundation

/// A flag a long render checks between pages and table rows, so work nobody waits for any more
/// (the service's time limit passed, or its client went away) stops early and frees its slot.
///
/// Setting it is one-way and thread-safe; checking it costs one lock. Layout code only reads it:
/// the pipeline turns a cancelled render into `RenderCancelled` after the layout returns.
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private var reason: String?

    public init() {}

    /// Marks the work as abandoned; `why` (e.g. "the time limit passed") is kept for the error. Later calls keep the first reason.
    public func cancel(_ why: String = "cancelled") {
        lock.lock(); defer { lock.unlock() }
        if !cancelled { cancelled = true; reason = why }
    }

    /// True once `cancel` was called.
    public var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return cancelled }

    /// Throws `RenderCancelled` when the flag is set.
    public func check() throws(RenderCancelled) {
        lock.lock(); defer { lock.unlock() }
        if cancelled { throw RenderCancelled(reason: reason ?? "cancelled") }
    }
}

/// Thrown by the pipeline when its `CancellationFlag` was set: the output is incomplete and must not be used.
public struct RenderCancelled: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { "render cancelled: \(reason)" }
}
