/// Id lookups issued a few rows before they are resolved.
///
/// With a million suppliers the id table spans tens of megabytes, so nearly
/// every lookup of a provider misses the cache. A parser pushes each key with
/// its hash as it reads the cell (which starts loading the key's slot) and
/// resolves it `depth` keys later, when the slot has arrived: the misses
/// overlap with parsing instead of stalling it. Keys must stay valid until
/// they are resolved (spans into the file, not into a reader's scratch).
struct PendingLookups: ~Copyable {
    struct Entry {
        var key: UnsafeRawBufferPointer
        var hash: UInt64
        /// Row of the piece the key belongs to.
        var row: Int32
        /// Which cell of the row (caller-defined).
        var cell: Int32
    }

    static let depth = 64
    private let entries: UnsafeMutablePointer<Entry>
    private var head = 0
    private(set) var count = 0

    init() {
        entries = .allocate(capacity: PendingLookups.depth)
    }

    deinit { entries.deallocate() }

    /// Adds a lookup and prefetches its slot in `table`; returns the oldest
    /// pending lookup, to resolve now, when the queue was full.
    @inline(__always)
    mutating func push(_ entry: Entry, in table: borrowing InternTable) -> Entry? {
        table.prefetch(hash: entry.hash)
        let mask = PendingLookups.depth - 1
        if count == PendingLookups.depth {
            let oldest = entries[head]
            entries[head] = entry
            head = (head + 1) & mask
            return oldest
        }
        entries[(head + count) & mask] = entry
        count += 1
        return nil
    }

    /// Removes and returns the oldest pending lookup.
    @inline(__always)
    mutating func pop() -> Entry? {
        guard count > 0 else { return nil }
        let oldest = entries[head]
        head = (head + 1) & (PendingLookups.depth - 1)
        count -= 1
        return oldest
    }
}
