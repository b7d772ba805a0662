/// Orders of dependency rows used when building compressed adjacency.
enum RowOrder {
    /// Row indices grouped by consumer (counting sort), in file order within a consumer.
    /// - Returns: `start` (rows of consumer i are `order[start[i] ..< start[i+1]]`) and `order`.
    static func byConsumer(_ consumers: [Int32], extra: [Int32] = [], count n: Int) -> (start: [Int32], order: [Int32]) {
        let rows = consumers.count
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

    /// Sorts `order[range]` by (key of the row, row): an insertion sort, as one consumer has few rows.
    @inline(__always)
    static func sort(_ order: UnsafeMutableBufferPointer<Int32>, _ range: Range<Int>, by key: UnsafeBufferPointer<Int32>) {
        guard range.count > 1 else { return }
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
