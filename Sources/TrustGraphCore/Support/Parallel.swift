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
        OutOfMemory.ensure((workers - 1) * workerStackBytes, for: .init("starting ", workers - 1, workers == 2 ? " worker thread" : " worker threads"))
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

    /// The results of `body` for consecutive chunks of `0..<count`, in chunk order,
    /// computed on up to `threads` threads, each taking the next chunk as soon as it
    /// is free: the same results whatever the number of threads.
    static func mapChunks<T: Sendable>(_ count: Int, chunk: Int, threads: Int, _ body: @Sendable (Range<Int>) -> T) -> [T] {
        let chunks = (count + chunk - 1) / chunk
        var results = [T?](repeating: nil, count: chunks)
        results.withUnsafeMutableBufferPointer { buffer in
            let out = SharedBuffer(buffer)
            forEachTask(chunks, threads: threads) { k in out[k] = body(k * chunk ..< min(count, (k + 1) * chunk)) }
        }
        return results.map { $0! }
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

enum ProcessInfoLite {
    static var activeProcessorCount: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}
