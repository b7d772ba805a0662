/// Interns byte strings to dense `Int32` ids, comparing them byte for byte.
///
/// Ids in the contract are compared code point by code point, which for
/// valid UTF-8 is byte equality; Swift's `String` equality would merge
/// canonically equivalent spellings, so keys are bytes here.
///
/// Open addressing with linear probing over 32-byte slots that hold the id,
/// the key's length and hash tag and its first 20 bytes: a lookup of a short
/// id (the common case) touches one cache line, which matters when millions
/// of dependency rows each look up two ids.
public struct InternTable: Sendable {
    /// The interned values, in id order.
    public private(set) var values = StringColumn()
    private(set) var slots: SlotStorage
    /// The slots form 1, 2, 4 or 8 shards of equal size, chosen by a key's top
    /// three hash bits (masked by `shardSelect`); a key probes only within its
    /// shard. Large tables are built one shard per task (`build`).
    private var shardSelect: Int
    private var shardShift: Int
    private var shardMask: Int

    /// One slot: 32 bytes, all zero when empty (it holds id + 1). The key's
    /// first 20 bytes, zero-padded, are `low`, `high` and `tail`; `meta` holds
    /// its length and hash tag.
    struct Slot {
        var idPlusOne: Int32 = 0
        var tail: UInt32 = 0
        var meta: UInt64 = 0
        var low: UInt64 = 0
        var high: UInt64 = 0
    }

    static let inlineBytes = 20

    /// The slot array, zero-filled by `calloc`: for a table of millions of
    /// ids the memory comes straight from the system, already zero, so no
    /// pass writes it before use.
    final class SlotStorage: @unchecked Sendable {
        let base: UnsafeMutablePointer<Slot>
        let count: Int

        init(count: Int) {
            self.count = count
            let bytes = count * MemoryLayout<Slot>.stride
            let huge = 2 << 20
            var raw: UnsafeMutableRawPointer?
            if bytes >= huge, posix_memalign(&raw, huge, bytes) == 0, let raw {
                #if canImport(Glibc)
                _ = madvise(raw, bytes, MADV_HUGEPAGE)
                #endif
                memset(raw, 0, bytes)
                base = raw.bindMemory(to: Slot.self, capacity: count)
            } else {
                guard let raw = calloc(count, MemoryLayout<Slot>.stride) else {
                    OutOfMemory.fail(.init("a table of ", count, " id slots"), bytes: count * MemoryLayout<Slot>.stride)
                }
                base = raw.bindMemory(to: Slot.self, capacity: count)
            }
        }

        func copy() -> SlotStorage {
            let other = SlotStorage(count: count)
            other.base.update(from: base, count: count)
            return other
        }

        deinit { free(base) }
    }

    public init(capacity: Int = 16) {
        self.init(slotCount: InternTable.slotCount(capacity), shards: 1)
        values.reserve(values: capacity, bytesEach: 12)
    }

    private init(slotCount: Int, shards: Int) {
        slots = SlotStorage(count: slotCount)
        shardSelect = shards - 1
        shardMask = slotCount / shards - 1
        shardShift = (slotCount / shards).trailingZeroBitCount
    }

    /// Slots for `capacity` keys: a power of two, at least twice as many.
    private static func slotCount(_ capacity: Int) -> Int {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        return size
    }

    /// The slot where a key with hash `h` starts probing.
    @inline(__always)
    private func home(_ h: UInt64) -> Int {
        ((Int(truncatingIfNeeded: h >> 61) & shardSelect) << shardShift) | (Int(truncatingIfNeeded: h) & shardMask)
    }

    /// The slot after `slot` within its shard.
    @inline(__always)
    private func next(_ slot: Int) -> Int {
        (slot & ~shardMask) | ((slot + 1) & shardMask)
    }

    /// A table of `values`, whose ids are their positions, built on up to
    /// `threads` threads, one shard per task; `nil` when two values are equal
    /// or a shard would be too full (the caller then interns them one by one,
    /// which also reports the duplicates).
    /// - Parameter hashes: `hash(_:)` of each value.
    static func build(distinct values: StringColumn, hashes: [UInt64], threads: Int) -> InternTable? {
        let count = values.count
        let shards = count >= 1 << 16 ? 8 : 1
        var table = InternTable(slotCount: slotCount(count), shards: shards)
        table.values = values
        let frozen = table
        let (arena, offsets, hashes) = (SharedReadBuffer(values.arena), SharedReadBuffer(values.offsets), SharedReadBuffer(hashes))
        let duplicate = [Bool].filled(count: shards) { duplicate in
            Parallel.forEachChunk(shards, chunk: 1, threads: threads) { range in
                for shard in range {
                    duplicate[shard] = !frozen.insertShard(shard, arena: arena, offsets: offsets, hashes: hashes)
                }
            }
        }
        guard !duplicate.contains(true) else { return nil }
        #if DEBUG
        table._checkInvariants()
        #endif
        return table
    }

    /// Inserts, into this table's slots, the values of `build` whose hash
    /// selects `shard`, as ids their positions; only this shard's slots are
    /// written, so shards can be filled at the same time.
    /// - Returns: false when two values are equal or the shard would be too full.
    private func insertShard(_ shard: Int, arena: SharedReadBuffer<UInt8>, offsets: SharedReadBuffer<Int>,
                             hashes: SharedReadBuffer<UInt64>) -> Bool {
        let count = self.count, shards = shardSelect + 1
        var mine: [Int32] = []
        mine.reserveCapacity(count / shards + count / (4 * shards) + 16)
        for k in 0..<count where Int(truncatingIfNeeded: hashes[k] >> 61) & shardSelect == shard {
            mine.append(Int32(k))
        }
        // A shard fuller than three quarters (keys crafted to collide) gives up.
        if mine.count * 4 > (shardMask + 1) * 3 { return false }
        let ahead = 16
        for (n, k) in mine.enumerated() {
            if n + ahead < mine.count { prefetch(hash: hashes[Int(mine[n + ahead])]) }
            let key = UnsafeRawBufferPointer(start: arena.base + offsets[Int(k)], count: offsets[Int(k) + 1] - offsets[Int(k)])
            let probe = Probe(key: key, hash: hashes[Int(k)])
            let (found, slot) = locate(probe)
            if found >= 0 { return false }
            slots.base[slot] = probe.slot(id: k)
        }
        return true
    }

    /// Number of interned values.
    public var count: Int { values.count }

    /// The id of `key`, or `nil`.
    /// - Complexity: O(length of the key) expected.
    public func find(_ key: String) -> Int32? {
        var key = key
        return key.withUTF8 { find(UnsafeRawBufferPointer($0)) }
    }

    /// The id of `key`, inserting it when new.
    @discardableResult
    public mutating func intern(_ key: String) -> (id: Int32, inserted: Bool) {
        var key = key
        return key.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    func find(_ key: UnsafeRawBufferPointer) -> Int32? {
        let h = InternTable.hash(key)
        let probe = Probe(key: key, hash: h)
        let (id, _) = locate(probe)
        return id >= 0 ? id : nil
    }

    /// Starts loading the slot where a key with this hash would be found,
    /// so that a lookup a little later finds it in the cache.
    @inline(__always)
    func prefetch(hash: UInt64) {
        trustgraph_prefetch(slots.base + home(hash))
    }

    /// The id of `key` whose `hash(_:)` is `hash`, or -1.
    @inline(__always)
    func find(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int32 {
        locate(Probe(key: key, hash: hash)).0
    }

    @inline(__always)
    mutating func intern(_ key: UnsafeRawBufferPointer) -> (id: Int32, inserted: Bool) {
        intern(key, hash: InternTable.hash(key))
    }

    /// Like `intern(_:)` with the key's `hash(_:)` already computed.
    mutating func intern(_ key: UnsafeRawBufferPointer, hash: UInt64) -> (id: Int32, inserted: Bool) {
        // A sharded table (from `build`) is made one shard first: shards fill unevenly.
        if shardSelect != 0 { rehash(slotCount: slots.count, shards: 1) }
        if (count + 1) * 2 > slots.count { grow() }
        let probe = Probe(key: key, hash: hash)
        let (found, slot) = locate(probe)
        if found >= 0 { return (found, false) }
        let id = Int32(count)
        if !isKnownUniquelyReferenced(&slots) { slots = slots.copy() }
        slots.base[slot] = probe.slot(id: id)
        values.append(key)
        return (id, true)
    }

    /// What a lookup compares: the key, its tag and its zero-padded prefix.
    struct Probe {
        let key: UnsafeRawBufferPointer
        let hash: UInt64
        let head: Slot

        @inline(__always)
        init(key: UnsafeRawBufferPointer, hash: UInt64) {
            self.key = key
            self.hash = hash
            let n = key.count
            var head = Slot(meta: UInt64(truncatingIfNeeded: n) << 32 | hash >> 32)
            // Word loads, not a byte copy read back as words (which stalls store forwarding).
            if let p = key.baseAddress {
                if n >= 16 {
                    head.low = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
                    head.high = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
                    head.tail = n >= 20 ? UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
                                        : UInt32(truncatingIfNeeded: InternTable.loadShort(p + 16, n - 16))
                } else if n >= 8 {
                    head.low = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
                    head.high = InternTable.loadShort(p + 8, n - 8)
                } else {
                    head.low = InternTable.loadShort(p, n)
                }
            }
            self.head = head
        }

        func slot(id: Int32) -> Slot {
            var s = head
            s.idPlusOne = id + 1
            return s
        }

        @inline(__always) func matchesHead(_ s: Slot) -> Bool {
            s.meta == head.meta && s.low == head.low && s.high == head.high && s.tail == head.tail
        }
    }

    /// The id of the probe's key and its slot, or -1 and the empty slot where it would go.
    @inline(__always)
    private func locate(_ probe: Probe) -> (Int32, Int) {
        var slot = home(probe.hash)
        let slots = self.slots.base
        while true {
            let s = slots[slot]
            if s.idPlusOne == 0 { return (-1, slot) }
            if probe.matchesHead(s) && (probe.key.count <= InternTable.inlineBytes || tailEqual(Int(s.idPlusOne - 1), probe.key)) {
                return (s.idPlusOne - 1, slot)
            }
            slot = next(slot)
        }
    }

    private func tailEqual(_ id: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        values.arena.withUnsafeBytes { arena in
            let start = values.offsets[id]
            return memcmp(arena.baseAddress! + start, key.baseAddress!, key.count) == 0
        }
    }

    private mutating func grow() {
        rehash(slotCount: slots.count * 2, shards: shardSelect + 1)
    }

    private mutating func rehash(slotCount: Int, shards: Int) {
        let grown = InternTable(slotCount: slotCount, shards: shards)
        for k in 0..<slots.count where slots.base[k].idPlusOne != 0 {
            let s = slots.base[k]
            var slot = grown.home(values.withBytes(Int(s.idPlusOne - 1)) { InternTable.hash($0) })
            while grown.slots.base[slot].idPlusOne != 0 { slot = grown.next(slot) }
            grown.slots.base[slot] = s
        }
        slots = grown.slots
        shardSelect = grown.shardSelect
        shardMask = grown.shardMask
        shardShift = grown.shardShift
    }

    /// The `n` < 8 bytes at `p` as a little-endian word, zero above them:
    /// two overlapping loads instead of a loop over the bytes, never reading
    /// outside them.
    @inline(__always)
    static func loadShort(_ p: UnsafeRawPointer, _ n: Int) -> UInt64 {
        if n >= 4 {
            let low = UInt64(UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
            return low | high << UInt64(8 * (n - 4))
        }
        if n >= 2 {
            let low = UInt64(UInt16(littleEndian: p.loadUnaligned(as: UInt16.self)))
            let high = UInt64(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: n - 2, as: UInt16.self)))
            return low | high << UInt64(8 * (n - 2))
        }
        return n == 1 ? UInt64(p.load(as: UInt8.self)) : 0
    }

    /// True when `a` and `b` hold the same bytes: word compares for keys of
    /// up to 16 bytes (ids, mostly), `memcmp` beyond.
    @inline(__always)
    static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let n = a.count
        guard n == b.count else { return false }
        guard n > 0, let p = a.baseAddress, let q = b.baseAddress else { return true }
        if n <= 16 { return shortWords(p, n) == shortWords(q, n) }
        return memcmp(p, q, n) == 0
    }

    /// The `n` bytes at `p` (1 to 16) as two little-endian words that determine
    /// them given `n`: the first eight and the last eight (overlapping), or the
    /// bytes zero-padded and 0 when there are at most eight. Never reads outside them.
    @inline(__always)
    static func shortWords(_ p: UnsafeRawPointer, _ n: Int) -> (low: UInt64, high: UInt64) {
        if n <= 8 { return (loadShort(p, n), 0) }
        return (UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)),
                UInt64(littleEndian: p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)))
    }

    /// A fast 64-bit hash over 8-byte words (multiply–xorshift mixing).
    @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        var i = 0
        let n = key.count
        let p = key.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!  // not read when the key is empty
        while i + 8 <= n {
            h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        let tail = InternTable.loadShort(p + i, n - i)
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
    }
}

import CFastPaths
