/// A column of strings stored as one UTF-8 byte arena plus offsets.
///
/// A million supplier ids or names cost two allocations instead of a million;
/// `String`s are made only when a value is read.
public struct StringColumn: Sendable, Equatable {
    @usableFromInline var arena: [UInt8] = []
    @usableFromInline var offsets: [Int] = [0]

    public init() {}

    public init<S: Sequence>(_ values: S) where S.Element == String {
        for value in values { append(value) }
    }

    /// Number of values.
    public var count: Int { offsets.count - 1 }

    /// The value at `index`.
    /// - Complexity: O(length of the value).
    public subscript(index: Int) -> String {
        arena.withUnsafeBytes { String(decoding: UnsafeRawBufferPointer(rebasing: $0[offsets[index]..<offsets[index + 1]]), as: UTF8.self) }
    }

    /// True when the value at `index` is empty.
    public func isEmpty(at index: Int) -> Bool { offsets[index] == offsets[index + 1] }

    /// Appends raw UTF-8 bytes.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        arena.append(contentsOf: bytes)
        offsets.append(arena.count)
    }

    /// Appends bytes with ASCII letters upper-cased.
    mutating func appendASCIIUppercased(_ bytes: UnsafeRawBufferPointer) {
        for b in bytes { arena.append(b >= 97 && b <= 122 ? b - 32 : b) }
        offsets.append(arena.count)
    }

    /// Appends a string.
    public mutating func append(_ value: String) {
        arena.append(contentsOf: value.utf8)
        offsets.append(arena.count)
    }

    /// Calls `body` with the bytes of the value at `index`.
    func withBytes<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try arena.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[offsets[index]..<offsets[index + 1]])) }
    }

    /// Reserves room for `values` values of about `bytesEach` bytes.
    mutating func reserve(values: Int, bytesEach: Int) {
        arena.reserveCapacity(values * bytesEach)
        offsets.reserveCapacity(values + 1)
    }
}

/// Interns byte strings to dense `Int32` ids, comparing them byte for byte.
///
/// Ids in the contract are compared code point by code point, which for
/// valid UTF-8 is byte equality; Swift's `String` equality would merge
/// canonically equivalent spellings, so keys are bytes here.
/// Open addressing with linear probing over a power-of-two slot array.
public struct InternTable: Sendable {
    /// The interned values, in id order.
    public private(set) var values = StringColumn()
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        hashes.reserveCapacity(capacity)
        values.reserve(values: capacity, bytesEach: 12)
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
        var slot = Int(truncatingIfNeeded: h) & mask
        return slots.withUnsafeBufferPointer { slots in
            values.arena.withUnsafeBytes { arena in
                while true {
                    let id = slots[slot]
                    if id < 0 { return nil }
                    if hashes[Int(id)] == h && equal(arena, Int(id), key) { return id }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    mutating func intern(_ key: UnsafeRawBufferPointer) -> (id: Int32, inserted: Bool) {
        if (count + 1) * 2 > slots.count { grow() }
        let h = InternTable.hash(key)
        var slot = Int(truncatingIfNeeded: h) & mask
        let found: Int32? = slots.withUnsafeBufferPointer { slots in
            values.arena.withUnsafeBytes { arena in
                while true {
                    let id = slots[slot]
                    if id < 0 { return nil }
                    if hashes[Int(id)] == h && equal(arena, Int(id), key) { return id }
                    slot = (slot + 1) & mask
                }
            }
        }
        if let found { return (found, false) }
        let id = Int32(count)
        slots[slot] = id
        hashes.append(h)
        values.append(key)
        return (id, true)
    }

    @inline(__always)
    private func equal(_ arena: UnsafeRawBufferPointer, _ id: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = values.offsets[id], end = values.offsets[id + 1]
        guard end - start == key.count else { return false }
        if key.count == 0 { return true }
        return memcmp(arena.baseAddress! + start, key.baseAddress!, key.count) == 0
    }

    private mutating func grow() {
        let size = slots.count * 2
        var fresh = [Int32](repeating: -1, count: size)
        let m = size - 1
        for id in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & m
            while fresh[slot] >= 0 { slot = (slot + 1) & m }
            fresh[slot] = Int32(id)
        }
        slots = fresh
        mask = m
    }

    /// A fast 64-bit hash over 8-byte words (multiply–xorshift mixing).
    @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        var i = 0
        let n = key.count
        guard let p = key.baseAddress else { return h }
        while i + 8 <= n {
            h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
