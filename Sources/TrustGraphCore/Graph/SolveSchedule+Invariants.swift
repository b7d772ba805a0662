extension SolveSchedule {
    /// Checks the schedule on its own: `order` is a permutation of the
    /// suppliers, components and levels partition it into non-empty ranges,
    /// and `component` (when kept) names each supplier's component. Traps
    /// when one does not hold.
    ///
    /// Run after every schedule is built in debug builds and from the tests;
    /// compiled only in debug builds.
    /// - Complexity: O(suppliers).
    func _checkInvariants() {
        #if DEBUG
        let n = order.count
        var seen = [Bool](repeating: false, count: n)
        for v in order {
            precondition(v >= 0 && Int(v) < n && !seen[Int(v)], "order is not a permutation of 0..<\(n) (\(v))")
            seen[Int(v)] = true
        }
        precondition(componentStart.first == 0 && Int(componentStart.last ?? -1) == n, "components do not cover the order")
        for c in 0..<componentCount { precondition(componentStart[c] < componentStart[c + 1], "component \(c) is empty") }
        precondition(levelStart.first == 0 && Int(levelStart.last ?? -1) == componentCount, "levels do not cover the components")
        for l in 0..<levelCount { precondition(levelStart[l] < levelStart[l + 1], "level \(l) is empty") }
        // A renumbered schedule (`SolveLayout`) does not keep `component`.
        guard !component.isEmpty else { return }
        precondition(component.count == n, "\(component.count) component entries for \(n) suppliers")
        for c in 0..<componentCount {
            for k in Int(componentStart[c])..<Int(componentStart[c + 1]) {
                precondition(component[Int(order[k])] == Int32(c), "supplier \(order[k]) is listed in component \(c)")
            }
        }
        #endif
    }

    /// Checks the schedule against the graph it was computed from: every
    /// provider of a supplier is in the supplier's component or in one of an
    /// earlier level, so a level only reads what earlier levels finished.
    /// - Complexity: O(suppliers + members).
    func _checkInvariants(against graph: SupplyGraph) {
        #if DEBUG
        _checkInvariants()
        precondition(order.count == graph.supplierCount, "\(order.count) scheduled of \(graph.supplierCount) suppliers")
        var component = self.component
        if component.isEmpty {
            component = [Int32](repeating: 0, count: order.count)
            for (k, v) in order.enumerated() { component[Int(v)] = Int32(componentOf(position: k)) }
        }
        var level = [Int32](repeating: 0, count: componentCount)
        for l in 0..<levelCount {
            for c in Int(levelStart[l])..<Int(levelStart[l + 1]) { level[c] = Int32(l) }
        }
        for v in 0..<graph.supplierCount {
            let c = Int(component[v])
            for j in graph.providers(of: v) {
                let cj = Int(component[Int(j)])
                precondition(cj == c || level[cj] < level[c], "supplier \(v) (level \(level[c])) depends on \(j) (level \(level[cj]))")
            }
        }
        #endif
    }

    /// The component of the supplier at schedule position `k` (by binary search).
    private func componentOf(position k: Int) -> Int {
        var (lo, hi) = (0, componentCount)
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if Int(componentStart[mid]) <= k { lo = mid } else { hi = mid }
        }
        return lo
    }
}
