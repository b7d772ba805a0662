/// Orders of dependency rows used when building compressed adjacency.
enum RowOrder {
    /// Turns per-task counts into places, for a counting sort split over
    /// tasks: `counts[t * keys + k]` is task t's count of key k; on return it
    /// is where task t writes its first item of key k (keys in order, and
    /// within a key earlier tasks first), and `start[k]` is where key k begins
    /// (`start[keys]` the total).
    static func places<Count: FixedWidthInteger>(_ counts: UnsafeMutableBufferPointer<Count>, keys: Int, tasks: Int,
                                                 start: UnsafeMutableBufferPointer<Count>) {
        var running: Count = 0
        for k in 0..<keys {
            start[k] = running
            for t in 0..<tasks {
                let count = counts[t * keys + k]
                counts[t * keys + k] = running
                running += count
            }
        }
        start[keys] = running
    }

    /// Row indices grouped by consumer (counting sort), in file order within a consumer.
    /// - Returns: `start` (rows of consumer i are `order[start[i] ..< start[i+1]]`) and `order`.
    static func byConsumer(_ consumers: [Int32], extra: [Int32] = [], count n: Int, threads: Int = 1) -> (start: [Int32], order: [Int32]) {
        let rows = consumers.count
        let tasks = max(1, min(threads, (rows + extra.count) / (1 << 18)))
        if tasks > 1 { return byConsumer(consumers, extra: extra, count: n, tasks: tasks) }
        var start = [Int32].large(repeating: 0, count: n + 1)
        var order = [Int32].unset(count: rows + extra.count)
        start.withUnsafeMutableBufferPointer { start in
        order.withUnsafeMutableBufferPointer { order in
        consumers.withUnsafeBufferPointer { consumers in
            for c in consumers { start[Int(c) + 1] += 1 }
            for c in extra { start[Int(c) + 1] += 1 }
            for i in 0..<n { start[i + 1] += start[i] }
            // Fill from the back of each consumer's range, rows taken last to first: file order within a consumer.
            let fill = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
            defer { fill.deallocate() }
            for i in 0..<n { fill[i] = start[i + 1] }
            for k in stride(from: extra.count - 1, through: 0, by: -1) {
                let c = Int(extra[k])
                fill[c] -= 1
                order[Int(fill[c])] = Int32(rows + k)
            }
            var r = rows - 1
            while r >= 0 {
                let c = Int(consumers[r])
                fill[c] -= 1
                order[Int(fill[c])] = Int32(r)
                r -= 1
            }
        }}}
        return (start, order)
    }

    /// `byConsumer` in parallel: each task counts the rows of its share per
    /// consumer, the counts give each task its place in every consumer's
    /// range (earlier shares first, so rows stay in file order), then each
    /// task places its rows.
    private static func byConsumer(_ consumers: [Int32], extra: [Int32], count n: Int, tasks: Int) -> (start: [Int32], order: [Int32]) {
        let rows = consumers.count, total = rows + extra.count
        let share = (total + tasks - 1) / tasks
        let (rowConsumer, extraConsumer) = (SharedReadBuffer(consumers), SharedReadBuffer(extra))
        @inline(__always) @Sendable func consumer(_ k: Int) -> Int { Int(k < rows ? rowConsumer[k] : extraConsumer[k - rows]) }
        // place[t * n + c]: first task t's count of consumer c's rows, then where it writes the next one.
        var place = [Int32].large(repeating: 0, count: tasks * n)
        place.withUnsafeMutableBufferPointer { place in
            let place = SharedBuffer(place)
            Parallel.forEachTask(tasks, threads: tasks) { t in
                let mine = place.base + t * n
                for k in (t * share)..<min(total, (t + 1) * share) { mine[consumer(k)] += 1 }
            }
        }
        var start = [Int32].large(repeating: 0, count: n + 1)
        place.withUnsafeMutableBufferPointer { place in
            start.withUnsafeMutableBufferPointer { start in places(place, keys: n, tasks: tasks, start: start) }
        }
        var order = [Int32].unset(count: total)
        withSharedBuffers(&order, &place) { order, place in
            Parallel.forEachTask(tasks, threads: tasks) { t in
                let next = place.base + t * n
                for k in (t * share)..<min(total, (t + 1) * share) {
                    let c = consumer(k)
                    order[Int(next[c])] = Int32(k)
                    next[c] += 1
                }
            }
        }
        return (start, order)
    }

    /// Sorts `order[range]` by (key of the row, row): an insertion sort, as one
    /// consumer usually has few rows; a comparison sort above 32 rows (a
    /// consumer with thousands of rows would otherwise take quadratic time).
    @inline(__always)
    static func sort(_ order: UnsafeMutableBufferPointer<Int32>, _ range: Range<Int>, by key: UnsafeBufferPointer<Int32>) {
        guard range.count > 1 else { return }
        if range.count > 32 {
            let sorted = order[range].sorted { (key[Int($0)], $0) < (key[Int($1)], $1) }
            for (k, row) in zip(range, sorted) { order[k] = row }
            return
        }
        for k in (range.lowerBound + 1)..<range.upperBound {
            let r = order[k]
            let value = key[Int(r)]
            var j = k - 1
            while j >= range.lowerBound && (key[Int(order[j])] > value || (key[Int(order[j])] == value && order[j] > r)) {
                order[j + 1] = order[j]
                j -= 1
            }
            order[j + 1] = r
        }
    }
}
