import Dispatch

/// Splitting work over threads with `DispatchQueue.concurrentPerform`.
///
/// Work is cut into contiguous chunks whose boundaries depend only on the
/// input size (never on the thread count), so per-chunk results are the same
/// whatever the number of threads.
public enum Parallel {
    /// The number of active processors.
    public static var defaultThreads: Int { max(1, ProcessInfoLite.activeProcessorCount) }

    /// Calls `body` for consecutive chunks of `0..<count`, on up to `threads` threads.
    /// - Parameters:
    ///   - chunk: size of a chunk; small inputs run on the calling thread.
    static func forEachChunk(_ count: Int, chunk: Int, threads: Int, _ body: @Sendable (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let chunks = (count + chunk - 1) / chunk
        if threads <= 1 || chunks == 1 {
            for k in 0..<chunks { body(k * chunk ..< min(count, (k + 1) * chunk)) }
            return
        }
        // Each thread takes every `threads`-th chunk; chunk contents do not depend on it.
        let workers = min(threads, chunks)
        checkRoomForWorkers(workers)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var k = w
            while k < chunks {
                body(k * chunk ..< min(count, (k + 1) * chunk))
                k += workers
            }
        }
    }
}

extension Parallel {
    /// Ends the process with a message (`OutOfMemory`) when the stacks of the threads a
    /// parallel step may start do not fit under the process's memory limit: Dispatch
    /// would otherwise retry creating them for ever, and the command would hang.
    static func checkRoomForWorkers(_ workers: Int) {
        OutOfMemory.ensure((workers - 1) * workerStackBytes, for: "starting \(workers - 1) worker \(workers == 2 ? "thread" : "threads")")
    }

    /// The address space a worker thread's stack takes (the system's default stack size).
    static let workerStackBytes = 8 << 20

    /// Calls `body` for every index of `0..<count` on up to `threads` threads,
    /// each thread taking the next index as soon as it is free: for tasks of
    /// uneven cost (pieces of a file). What a task computes must not depend
    /// on which thread runs it.
    static func forEachTask(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        if threads <= 1 || count == 1 {
            for k in 0..<count { body(k) }
            return
        }
        let lock = Lock()
        nonisolated(unsafe) var next = 0
        checkRoomForWorkers(min(threads, count))
        DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
            while true {
                let k = lock.withLock { () -> Int in
                    defer { next += 1 }
                    return next
                }
                if k >= count { return }
                body(k)
            }
        }
    }

    /// The results of `first` and `second`, run at the same time when there
    /// are two threads to run them.
    static func both<A: Sendable, B: Sendable>(threads: Int = Parallel.defaultThreads,
                                               _ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
        if threads <= 1 { return (first(), second()) }
        var a: A?, b: B?
        withUnsafeMutablePointer(to: &a) { a in
            withUnsafeMutablePointer(to: &b) { b in
                nonisolated(unsafe) let (a, b) = (a, b)
                checkRoomForWorkers(2)
                DispatchQueue.concurrentPerform(iterations: 2) { k in
                    if k == 0 { a.pointee = first() } else { b.pointee = second() }
                }
            }
        }
        return (a!, b!)
    }

    /// Like `forEachChunk`, with one piece of state per worker thread, made by
    /// `makeState` and reused across that worker's chunks (large scratch
    /// buffers are then allocated once per thread, not once per chunk).
    static func forEachChunk<State>(_ count: Int, chunk: Int, threads: Int, makeState: @Sendable () -> State,
                                    _ body: @Sendable (inout State, Range<Int>) -> Void) {
        guard count > 0 else { return }
        let chunks = (count + chunk - 1) / chunk
        let workers = max(1, min(threads, chunks))
        if workers > 1 { checkRoomForWorkers(workers) }
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var state = makeState()
            var k = w
            while k < chunks {
                body(&state, k * chunk ..< min(count, (k + 1) * chunk))
                k += workers
            }
        }
    }
}

/// A mutual-exclusion lock over a pthread mutex, for rare updates such as progress counts.
final class Lock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}

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

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Large arrays are asked to live in 2 MB pages: on this kind of virtual
/// machine every 4 kB page of fresh memory costs a fault of about 1 µs
/// (10 % of a load), a 2 MB page one fault for 512 of them.
enum HugePages {
    static let size = 2 << 20

    /// Advises the kernel to back the 2 MB-aligned part of `buffer` with huge
    /// pages; to take effect it must come before the memory is first written.
    static func advise<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
        #if canImport(Glibc)
        guard let base = buffer.baseAddress, buffer.count * MemoryLayout<T>.stride >= 2 * size else { return }
        let start = (Int(bitPattern: base) + size - 1) & ~(size - 1)
        let end = (Int(bitPattern: base) + buffer.count * MemoryLayout<T>.stride) & ~(size - 1)
        if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
        #endif
    }
}

enum ProcessInfoLite {
    static var activeProcessorCount: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}

extension Array where Element: BitwiseCopyable & Sendable {
    /// An array of `count` elements, every one written by `fill` (which may
    /// split the writes over threads: see `SharedBuffer`).
    static func filled(count: Int, _ fill: (SharedBuffer<Element>) -> Void) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            HugePages.advise(buffer)
            fill(SharedBuffer(buffer))
            initialized = count
        }
    }

    /// A copy of `source` made on up to `threads` threads: what a what-if
    /// changes is a few entries of million-entry arrays, and copying them is
    /// most of its time.
    static func copy(of source: [Element], threads: Int) -> [Element] {
        let from = SharedReadBuffer(source)
        let result = [Element].filled(count: source.count) { out in
            Parallel.forEachChunk(source.count, chunk: 1 << 17, threads: threads) { range in
                (out.base + range.lowerBound).initialize(from: from.base + range.lowerBound, count: range.count)
            }
        }
        withExtendedLifetime(source) {}
        return result
    }

    /// An array of `count` elements whose values are not set: for scratch
    /// arrays written in parts (possibly leaving gaps) where only written
    /// elements are ever read.
    static func unset(count: Int) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            HugePages.advise(buffer)
            initialized = count
        }
    }

    /// `count` copies of `value`, in huge pages when large (see `HugePages`).
    static func large(repeating value: Element, count: Int) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            HugePages.advise(buffer)
            buffer.initialize(repeating: value)
            initialized = count
        }
    }

    /// The concatenation of `parts`, each element passed through `transform(part, element)`,
    /// copied part by part on up to `threads` threads.
    static func concatenating<Source: BitwiseCopyable & Sendable>(_ parts: [[Source]], threads: Int,
                                                                 _ transform: @escaping @Sendable (Int, Source) -> Element) -> [Element] {
        concatenating(parts, threads: threads) { k, part, destination in
            for i in 0..<part.count { destination[i] = transform(k, part[i]) }
        }
    }

    /// The concatenation of `parts`, copied part by part on up to `threads` threads.
    static func concatenating(_ parts: [[Element]], threads: Int) -> [Element] {
        concatenating(parts, threads: threads) { _, part, destination in
            if let source = part.baseAddress { destination.update(from: source, count: part.count) }
        }
    }

    /// The concatenation of the buffers `parts` (alive until this returns), copied part by part on up to `threads` threads.
    static func concatenating(_ parts: [SharedReadBuffer<Element>], threads: Int) -> [Element] {
        concatenating(parts, threads: threads) { _, part, destination in
            if let source = part.baseAddress { destination.update(from: source, count: part.count) }
        }
    }

    /// The concatenation of the buffers `parts`, each element passed through `transform(part, element)`.
    static func concatenating<Source: BitwiseCopyable & Sendable>(_ parts: [SharedReadBuffer<Source>], threads: Int,
                                                                 _ transform: @escaping @Sendable (Int, Source) -> Element) -> [Element] {
        concatenating(parts, threads: threads) { k, part, destination in
            for i in 0..<part.count { destination[i] = transform(k, part[i]) }
        }
    }

    /// Part `k` of `parts` is written by `copy(k, part, destination)` at its offset, parts on up to `threads` threads.
    private static func concatenating<Source: Sendable>(
        _ parts: [[Source]], threads: Int,
        copy: @escaping @Sendable (Int, UnsafeBufferPointer<Source>, UnsafeMutablePointer<Element>) -> Void
    ) -> [Element] {
        defer { withExtendedLifetime(parts) {} }
        return concatenating(parts.map { SharedReadBuffer($0) }, threads: threads, copy: copy)
    }

    private static func concatenating<Source: Sendable>(
        _ parts: [SharedReadBuffer<Source>], threads: Int,
        copy: @escaping @Sendable (Int, UnsafeBufferPointer<Source>, UnsafeMutablePointer<Element>) -> Void
    ) -> [Element] {
        var ends = [0]
        for part in parts { ends.append(ends.last! + part.count) }
        let offsets = ends
        return filled(count: offsets.last!) { out in
            Parallel.forEachTask(parts.count, threads: threads) { k in
                copy(k, UnsafeBufferPointer(start: parts[k].base, count: parts[k].count), out.base + offsets[k])
            }
        }
    }
}
