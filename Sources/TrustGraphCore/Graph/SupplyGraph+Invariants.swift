extension SupplyGraph {
    /// Checks the compressed rows: every offset array starts at 0, never
    /// falls and ends at the length of what it indexes; every supplier index
    /// is in range; weights are in [0,1]; each provider's consumers are
    /// distinct and in order. Traps when one does not hold.
    ///
    /// Run after every graph is built in debug builds and from the tests
    /// (the solver's views read these arrays without bounds checks); compiled
    /// only in debug builds.
    /// - Complexity: O(suppliers + groups + members + consumers).
    func _checkInvariants() {
        #if DEBUG
        let n = supplierCount
        SupplyGraph.checkOffsets(groupStart, rows: n, total: groupCount, "groupStart")
        precondition(groupLabel.count == groupCount, "\(groupLabel.count) group labels for \(groupCount) groups")
        for g in 0..<groupCount {
            precondition(groupWeight[g] >= 0 && groupWeight[g] <= 1, "group \(g) has weight \(groupWeight[g])")
        }
        SupplyGraph.checkOffsets(memberStart, rows: groupCount, total: members.count, "memberStart")
        for (m, j) in members.enumerated() { precondition(j >= 0 && Int(j) < n, "member \(m) is supplier \(j) of \(n)") }
        // A forward-only graph (`forward`, `SolveLayout`) has no consumer lists.
        guard !consumerStart.isEmpty || !consumers.isEmpty else { return }
        SupplyGraph.checkOffsets(consumerStart, rows: n, total: consumers.count, "consumerStart")
        for j in 0..<n {
            var previous: Int32 = -1
            for c in consumers(of: j) {
                precondition(c > previous && Int(c) < n, "consumers of \(j) are not distinct suppliers in order")
                previous = c
            }
        }
        #endif
    }

    /// Traps unless `offsets` has `rows + 1` entries, starts at 0, never falls and ends at `total`.
    private static func checkOffsets(_ offsets: [Int32], rows: Int, total: Int, _ name: String) {
        precondition(offsets.count == rows + 1, "\(name) has \(offsets.count) entries for \(rows) rows")
        precondition(offsets[0] == 0, "\(name) starts at \(offsets[0])")
        for k in 0..<rows { precondition(offsets[k] <= offsets[k + 1], "\(name) falls at \(k)") }
        precondition(Int(offsets[rows]) == total, "\(name) ends at \(offsets[rows]), not \(total)")
    }
}
