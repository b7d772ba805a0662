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

    /// Appends all values of `other`.
    mutating func append(contentsOf other: StringColumn) {
        let shift = arena.count, first = offsets.count
        arena += other.arena
        offsets += other.offsets.dropFirst()
        offsets.withUnsafeMutableBufferPointer { offsets in
            for k in first..<offsets.count { offsets[k] += shift }
        }
    }

    /// Appends the values of `other` whose index `keep` accepts.
    mutating func append(contentsOf other: StringColumn, where keep: (Int) -> Bool) {
        for k in 0..<other.count where keep(k) { other.withBytes(k) { append($0) } }
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
