/// A cache bounded by the bytes it holds, not by its number of entries: the typesetter's caches are
/// keyed by whole texts, and a count bound let 80 distinct 200,000-character paragraphs grow the
/// service from 54 to 168 MiB (issue 15).
///
/// Two generations: entries go into the current one; when it would pass half the budget it becomes
/// the previous one (the older previous is dropped) and a hit there moves the entry back. What is
/// used again survives (the letterhead and form texts a batch repeats), everything is bounded by
/// `budget` bytes, and no entry is ever walked to be evicted.
///
/// An entry's cost is counted by the caller (the UTF-8 bytes of its texts plus a fixed overhead);
/// an entry over `maxEntryBytes` is not kept at all (a very long text is seldom set twice).
struct ByteBoundedCache<Key: Hashable, Value> {
    /// The most bytes both generations hold together.
    let budget: Int
    /// The largest entry kept.
    let maxEntryBytes: Int
    private var current: [Key: (value: Value, cost: Int)] = [:]
    private var previous: [Key: (value: Value, cost: Int)] = [:]
    private var currentBytes = 0
    private var previousBytes = 0

    init(budget: Int, maxEntryBytes: Int) {
        self.budget = max(0, budget)
        self.maxEntryBytes = min(maxEntryBytes, self.budget / 2)
    }

    /// The bytes held now (always at most `budget`).
    var byteCount: Int { currentBytes + previousBytes }
    var count: Int { current.count + previous.count }

    mutating func value(for key: Key) -> Value? {
        if let entry = current[key] { return entry.value }
        guard let entry = previous.removeValue(forKey: key) else { return nil }
        previousBytes -= entry.cost
        insert(entry.value, for: key, cost: entry.cost)
        return entry.value
    }

    mutating func insert(_ value: Value, for key: Key, cost: Int) {
        guard cost <= maxEntryBytes else { return }
        if let old = current.removeValue(forKey: key) { currentBytes -= old.cost }
        if let old = previous.removeValue(forKey: key) { previousBytes -= old.cost }
        if currentBytes + cost > budget / 2 {
            previous = current
            previousBytes = currentBytes
            current = [:]
            currentBytes = 0
        }
        current[key] = (value, cost)
        currentBytes += cost
    }

    /// Starts a new generation now, whatever the bytes: what was neither put in nor used since the
    /// last one started is dropped. A typesetter calls this between documents, so that it keeps what
    /// the last two documents used, not the texts of every document it ever set.
    mutating func age() {
        swap(&previous, &current)
        previousBytes = currentBytes
        current.removeAll(keepingCapacity: true)
        currentBytes = 0
    }

    mutating func removeAll() {
        current = [:]; previous = [:]; currentBytes = 0; previousBytes = 0
    }
}
