/// Values of recently seen short cells, for columns that repeat a few
/// distinct words millions of times (services, group labels, scheme names):
/// a hit costs two word loads and a compare instead of a hash, a table probe
/// and a byte comparison.
///
/// Direct-mapped over 64 entries. A cell of 1 to 16 bytes is held as its
/// length and two overlapping little-endian words (its first and last eight
/// bytes, zero-padded below eight), which determine it exactly, so a hit
/// needs no comparison of bytes. Longer and empty cells are never cached.
struct ShortKeyCache: ~Copyable {
    private struct Entry {
        var low: UInt64 = 0
        var high: UInt64 = 0
        /// 0 in an empty entry.
        var length: Int = 0
        var value: Int32 = 0
    }

    private static let size = 64
    private let entries: UnsafeMutablePointer<Entry>

    init() {
        entries = .allocate(capacity: ShortKeyCache.size)
        entries.initialize(repeating: Entry(), count: ShortKeyCache.size)
    }

    deinit { entries.deallocate() }

    /// The words that determine a key of 1 to 16 bytes.
    @inline(__always)
    private static func words(_ key: UnsafeRawBufferPointer) -> (low: UInt64, high: UInt64)? {
        let n = key.count
        guard n > 0 && n <= 16, let p = key.baseAddress else { return nil }
        return InternTable.shortWords(p, n)
    }

    @inline(__always)
    private static func slot(_ low: UInt64, _ high: UInt64, _ length: Int) -> Int {
        Int(truncatingIfNeeded: (((low &* 0x9E37_79B9_7F4A_7C15) ^ high ^ UInt64(length)) &* 0xBF58_476D_1CE4_E5B9) >> 58)
    }

    /// The value remembered for `key`, or `nil`.
    @inline(__always)
    func value(of key: UnsafeRawBufferPointer) -> Int32? {
        guard let (low, high) = ShortKeyCache.words(key) else { return nil }
        let e = entries[ShortKeyCache.slot(low, high, key.count)]
        return e.length == key.count && e.low == low && e.high == high ? e.value : nil
    }

    /// Remembers `value` for `key` (replacing whatever shared its entry);
    /// does nothing for an empty key or one over 16 bytes.
    @inline(__always)
    func remember(_ key: UnsafeRawBufferPointer, value: Int32) {
        guard let (low, high) = ShortKeyCache.words(key) else { return }
        entries[ShortKeyCache.slot(low, high, key.count)] = Entry(low: low, high: high, length: key.count, value: value)
    }
}
