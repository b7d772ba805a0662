/// A mutable buffer shared by workers that write disjoint indices.
///
/// The one place where the solver hands a raw buffer to `@Sendable` closures;
/// every caller guarantees that no two workers write the same index and that
/// no worker reads an index another worker writes in the same phase.
struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    let count: Int

    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        base = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: MemoryLayout<Element>.alignment)!
        count = buffer.count
    }

    @inline(__always) subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}

/// A read-only view of an array's storage for `@Sendable` closures.
struct SharedReadBuffer<Element>: @unchecked Sendable {
    let base: UnsafePointer<Element>
    let count: Int

    init(_ buffer: UnsafeBufferPointer<Element>) {
        base = buffer.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Element>.alignment)!
        count = buffer.count
    }

    /// A view of `array`'s storage: valid while the array is alive and not
    /// mutated (keep it with `withExtendedLifetime` past the last use).
    init(_ array: [Element]) {
        self.init(array.withUnsafeBufferPointer { $0 })
    }

    @inline(__always) subscript(i: Int) -> Element { base[i] }
}
