import Foundation
import VanBanText

/// Hands each rendering thread a Typesetter of its own and keeps them warm between documents.
///
/// Pango font maps must never be used by two threads at once (shared maps crashed or silently
/// drew wrong faces in measurements), so a typesetter is checked out exclusively for one render.
final class TypesetterPool: @unchecked Sendable {
    private let library: FontLibrary
    private let lock = NSLock()
    private var idle: [Typesetter] = []

    init(library: FontLibrary) { self.library = library }

    func with<T>(_ body: (Typesetter) throws -> T) throws -> T {
        lock.lock()
        let existing = idle.popLast()
        lock.unlock()
        let typesetter = try existing ?? Typesetter(library: library)
        defer {
            lock.lock()
            idle.append(typesetter)
            lock.unlock()
        }
        return try body(typesetter)
    }
}
