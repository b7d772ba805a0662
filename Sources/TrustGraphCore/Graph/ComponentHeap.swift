/// Components waiting to be re-solved, the earliest in schedule order first:
/// a binary min-heap of component indices. Schedule order is topological, so
/// popping the smallest index visits a component after every one it reads.
/// Used by the incremental waves (impacts, base-trust changes over time).
struct ComponentHeap {
    private var items: [Int32] = []

    var isEmpty: Bool { items.isEmpty }

    /// Empties the heap, keeping its storage for the next wave.
    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    mutating func push(_ c: Int32) {
        items.append(c)
        var k = items.count - 1
        while k > 0 {
            let parent = (k - 1) / 2
            if items[parent] <= items[k] { break }
            items.swapAt(parent, k)
            k = parent
        }
    }

    mutating func popMin() -> Int32? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var k = 0
            while true {
                let l = 2 * k + 1, r = l + 1
                var m = k
                if l < items.count && items[l] < items[m] { m = l }
                if r < items.count && items[r] < items[m] { m = r }
                if m == k { break }
                items.swapAt(k, m)
                k = m
            }
        }
        return top
    }
}
