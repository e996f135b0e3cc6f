import Foundation
import VanBanModel

/// Bounds rendering: at most `concurrency` renders run (on threads outside the server's event
/// loops and Swift's cooperative pool, since rendering blocks), at most `queueLimit` wait; anything
/// more is refused at once so memory never grows without bound (back-pressure). Parsing and
/// validating a payload run inside the slot too, so many large requests cannot crowd out the
/// event loops (and `/healthz`).
final class RenderGate: @unchecked Sendable {
    struct Busy: Error {}
    struct TimedOut: Error {}

    private let lock = NSLock()
    private let concurrency: Int
    private let queueLimit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private let queue = DispatchQueue(label: "vanban.render", qos: .userInitiated, attributes: .concurrent)

    init(concurrency: Int, queueLimit: Int) {
        self.concurrency = concurrency
        self.queueLimit = queueLimit
    }

    var inFlight: Int { lock.lock(); defer { lock.unlock() }; return running }
    var queued: Int { lock.lock(); defer { lock.unlock() }; return waiting.count }

    /// True when a request arriving now would be refused (every slot busy and the queue full):
    /// routes ask before reading a body, so a refused request costs no parsing.
    var isSaturated: Bool { lock.lock(); defer { lock.unlock() }; return running >= concurrency && waiting.count >= queueLimit }

    /// Runs `work` when a slot is free; throws `Busy` when the queue is full, `TimedOut` after `timeout`.
    ///
    /// `work` gets `cancellation` and must pass it to the pipeline, which checks it between pages and
    /// table rows. At the deadline the caller is answered at once and the flag is set, so the work
    /// stops within one row or page and frees its slot; a cancelled task (or a client that went away,
    /// through the flag) does the same. Work whose flag is set before it starts is not run at all.
    func run<T: Sendable>(timeout: Duration, cancellation: CancellationFlag = CancellationFlag(),
                          _ work: @escaping @Sendable (CancellationFlag) throws -> T) async throws -> T {
        try await acquire()
        let once = Once()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, any Error>) in
                queue.async {
                    let result = Result { () throws -> T in
                        try cancellation.check()
                        return try work(cancellation)
                    }
                    self.release()
                    if once.claim() { c.resume(with: result) }
                }
                let (seconds, attoseconds) = timeout.components
                let nanos = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
                DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanos)) {
                    if once.claim() {
                        cancellation.cancel("the time limit passed")
                        c.resume(throwing: TimedOut())
                    }
                }
            }
        } onCancel: {
            cancellation.cancel("the request was cancelled")
        }
    }

    /// The first of the work and the deadline to finish answers the caller.
    private final class Once: @unchecked Sendable {
        private let lock = NSLock()
        private var claimed = false
        func claim() -> Bool {
            lock.lock(); defer { lock.unlock() }
            if claimed { return false }
            claimed = true
            return true
        }
    }

    private enum Decision { case go, wait, busy }

    private func acquire() async throws {
        switch decide() {
        case .go: return
        case .busy: throw Busy()
        case .wait: await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in enqueue(c) }
        }
    }

    private func decide() -> Decision {
        lock.lock(); defer { lock.unlock() }
        if running < concurrency { running += 1; return .go }
        return waiting.count < queueLimit ? .wait : .busy
    }

    /// Queues a waiter, or lets it go at once if a slot freed up since `decide()`.
    private func enqueue(_ c: CheckedContinuation<Void, Never>) {
        lock.lock()
        if running < concurrency {
            running += 1
            lock.unlock()
            c.resume()
            return
        }
        waiting.append(c)
        lock.unlock()
    }

    private func release() {
        lock.lock()
        if waiting.isEmpty {
            running -= 1
            lock.unlock()
        } else {
            let next = waiting.removeFirst()   // the slot passes straight to the next in line
            lock.unlock()
            next.resume()
        }
    }
}
