/// Orders of dependency rows used when building compressed adjacency.
enum RowOrder {
    /// Row indices grouped by consumer (counting sort), in file order within a consumer.
    /// - Returns: `start` (rows of consumer i are `order[start[i] ..< start[i+1]]`) and `order`.
    static func byConsumer(_ consumers: [Int32], extra: [Int32] = [], count n: Int) -> (start: [Int32], order: [Int32]) {
        var start = [Int32](repeating: 0, count: n + 1)
        for c in consumers { start[Int(c) + 1] += 1 }
        for c in extra { start[Int(c) + 1] += 1 }
        for i in 0..<n { start[i + 1] += start[i] }
        var order = [Int32](repeating: 0, count: consumers.count + extra.count)
        var fill = start
        for (r, c) in consumers.enumerated() {
            order[Int(fill[Int(c)])] = Int32(r)
            fill[Int(c)] += 1
        }
        for (k, c) in extra.enumerated() {
            order[Int(fill[Int(c)])] = Int32(consumers.count + k)
            fill[Int(c)] += 1
        }
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
