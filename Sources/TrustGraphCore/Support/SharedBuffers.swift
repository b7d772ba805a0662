// The storage layer: the only way raw memory reaches worker threads.
//
// The solver, the graph builders and the analyses read and write arrays of
// millions of entries from several threads at once, through the two views
// below rather than through `Array` (whose checks and copy-on-write cost more
// than the work per entry). Unsafe code elsewhere follows the same rules:
//
// 1. Lifetimes. A pointer never outlives what owns its memory. A
//    `SharedReadBuffer` made from an array holds that array, so it is valid
//    wherever it is: no `withExtendedLifetime` is needed to keep an array
//    alive. One made from a buffer pointer, and every `SharedBuffer`, is
//    valid only inside the `withUnsafe…` call (or `withSharedBuffers`) that
//    produced the pointer, or while the object that allocated the memory
//    lives (a mapped file's `FileBuffer`, a loader's `PieceColumn`: the
//    loader keeps those alive until the columns are copied out). A
//    `borrowed` view is valid while the view it came from lives: only a
//    structure that also holds that view uses one (`TrustSolver.Kernel`).
// 2. Disjoint writes. Workers write through a `SharedBuffer` only at indices
//    no other worker writes in the same parallel phase, and never read an
//    index another worker writes in that phase; chunk boundaries depend only
//    on the input size (`Parallel`), so results do not depend on the thread
//    count. A phase ends when `Parallel.forEachChunk`/`forEachTask` returns.
// 3. No mutation under a view. An array is not mutated while a view of it is
//    in use, except through a `SharedBuffer` of it.
// 4. Invariants. The structures built here (`SupplyGraph`, `SolveSchedule`,
//    `InternTable`) check their invariants in debug builds right after they
//    are built (`_checkInvariants()`), and the tests call the same checks.
//
// See docs/architecture.md, "Unsafe code".

/// A mutable buffer shared by workers that write disjoint indices.
///
/// Valid only inside the scope that produced its pointer (rule 1 above); every
/// caller guarantees that no two workers write the same index and that no
/// worker reads an index another worker writes in the same phase (rule 2).
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

    /// A read-only view of the same elements, valid in the same scope.
    var readOnly: SharedReadBuffer<Element> { SharedReadBuffer(UnsafeBufferPointer(start: base, count: count)) }
}

/// A read-only view of elements for `@Sendable` closures, without bounds checks.
///
/// Made from an array, the view holds the array (its storage, not a copy of
/// the elements) and is valid as long as the view itself: the array's
/// elements cannot move or change while the view refers to them, since any
/// mutation through another copy of the array copies them first. Made from a
/// buffer pointer, it is valid only where that pointer is.
struct SharedReadBuffer<Element>: @unchecked Sendable {
    let base: UnsafePointer<Element>
    let count: Int
    /// The array whose storage `base` points into; `nil` for a view of a buffer pointer.
    private let owner: [Element]?

    /// A view of memory owned elsewhere, valid only within the scope of `buffer`.
    init(_ buffer: UnsafeBufferPointer<Element>) {
        base = buffer.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Element>.alignment)!
        count = buffer.count
        owner = nil
    }

    /// A view of `array`'s elements that keeps them alive: valid wherever the view is.
    init(_ array: [Element]) where Element: BitwiseCopyable {
        // Elements that are not class references are stored in the array's own
        // contiguous buffer (never a bridged, lazily copied one), at an address
        // fixed for the life of that buffer, which `owner` keeps.
        owner = array
        count = array.count
        base = array.withUnsafeBufferPointer { $0.baseAddress } ?? UnsafePointer(bitPattern: MemoryLayout<Element>.alignment)!
    }

    @inline(__always) subscript(i: Int) -> Element { base[i] }

    /// The elements as a buffer pointer, for `memcpy`-like copies and C calls; valid while this view is.
    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    /// The same view without holding the array: valid only while this view
    /// (or another holder of the array) lives. For a structure that holds the
    /// owning view itself and is copied often (`TrustSolver.Kernel`): copies of
    /// a holding view count references, atomically, on storage all threads share.
    var borrowed: SharedReadBuffer<Element> { SharedReadBuffer(buffer) }
}

/// Calls `body` with writable views of two arrays, valid only inside `body`.
///
/// The `withSharedBuffers` family stands for the nested
/// `a.withUnsafeMutableBufferPointer { b.withUnsafeMutableBufferPointer { … } }`
/// calls that give several arrays to the workers of one parallel phase.
@inline(__always)
func withSharedBuffers<A, B, R>(_ a: inout [A], _ b: inout [B],
                                _ body: (SharedBuffer<A>, SharedBuffer<B>) throws -> R) rethrows -> R {
    try a.withUnsafeMutableBufferPointer { a in
        try b.withUnsafeMutableBufferPointer { b in try body(SharedBuffer(a), SharedBuffer(b)) }
    }
}

/// Calls `body` with writable views of three arrays, valid only inside `body`.
@inline(__always)
func withSharedBuffers<A, B, C, R>(_ a: inout [A], _ b: inout [B], _ c: inout [C],
                                   _ body: (SharedBuffer<A>, SharedBuffer<B>, SharedBuffer<C>) throws -> R) rethrows -> R {
    try withSharedBuffers(&a, &b) { a, b in
        try c.withUnsafeMutableBufferPointer { c in try body(a, b, SharedBuffer(c)) }
    }
}

/// Calls `body` with writable views of four arrays, valid only inside `body`.
@inline(__always)
func withSharedBuffers<A, B, C, D, R>(_ a: inout [A], _ b: inout [B], _ c: inout [C], _ d: inout [D],
                                      _ body: (SharedBuffer<A>, SharedBuffer<B>, SharedBuffer<C>, SharedBuffer<D>) throws -> R)
    rethrows -> R {
    try withSharedBuffers(&a, &b, &c) { a, b, c in
        try d.withUnsafeMutableBufferPointer { d in try body(a, b, c, SharedBuffer(d)) }
    }
}

/// Calls `body` with writable views of five arrays, valid only inside `body`.
@inline(__always)
func withSharedBuffers<A, B, C, D, E, R>(
    _ a: inout [A], _ b: inout [B], _ c: inout [C], _ d: inout [D], _ e: inout [E],
    _ body: (SharedBuffer<A>, SharedBuffer<B>, SharedBuffer<C>, SharedBuffer<D>, SharedBuffer<E>) throws -> R
) rethrows -> R {
    try withSharedBuffers(&a, &b, &c, &d) { a, b, c, d in
        try e.withUnsafeMutableBufferPointer { e in try body(a, b, c, d, SharedBuffer(e)) }
    }
}
