/// dependents(j) for every supplier (contract §5), counted on the graph's
/// strongly connected components rather than by a walk from each supplier.
///
/// Members of one component have the same dependents: the other members and
/// every supplier of the components above it. Components are visited from the
/// top consumers down. A component whose consumers all lie in one component
/// P has |P| + dependents above P; a component above which the components form
/// a tree (each has exactly one provider component, so no supplier reaches it
/// along two paths) adds up its consumers' counts. Only a component where
/// paths from above merge is counted by a walk over the components above it;
/// those walks run in parallel.
struct DependentCounts {
    /// dependents(j) per supplier.
    let dependents: [Int]
    /// Per component: every component above it has exactly one provider
    /// component, so the suppliers above two different consumer components
    /// are disjoint sets.
    let treeAbove: [Bool]

    /// - Complexity: O(n + rows) when no component has paths merging above
    ///   it (chains, cycles, trees either way); otherwise, in addition, one
    ///   walk over the components above each such component — at worst
    ///   O(components × component edges), never more than a walk per supplier.
    init(graph: SupplyGraph, schedule: SolveSchedule, threads: Int) {
        let n = graph.supplierCount
        let components = schedule.componentCount
        let (start, order, component) = (schedule.componentStart, schedule.order, schedule.component)
        // Distinct consumer components of each component (compressed rows) and
        // how many distinct provider components each has (0, 1, or 2 for "more").
        var upStart = [Int32](repeating: 0, count: components + 1)
        var up: [Int32] = []
        up.reserveCapacity(graph.consumers.count)
        var providerComponents = [UInt8](repeating: 0, count: components)
        var seen = [Int32](repeating: -1, count: components)
        for c in 0..<components {
            for k in Int(start[c])..<Int(start[c + 1]) {
                let v = Int(order[k])
                for e in Int(graph.consumerStart[v])..<Int(graph.consumerStart[v + 1]) {
                    let p = component[Int(graph.consumers[e])]
                    if Int(p) != c && seen[Int(p)] != Int32(c) {
                        seen[Int(p)] = Int32(c)
                        up.append(p)
                        if providerComponents[Int(p)] < 2 { providerComponents[Int(p)] += 1 }
                    }
                }
            }
            upStart[c + 1] = Int32(up.count)
        }
        // Consumers lie at higher component indices: visit from the top down.
        var treeAbove = [Bool](repeating: true, count: components)
        var walked: [Int32] = []
        for c in stride(from: components - 1, through: 0, by: -1) {
            var tree = true
            for e in Int(upStart[c])..<Int(upStart[c + 1]) {
                let p = Int(up[e])
                if providerComponents[p] != 1 || !treeAbove[p] { tree = false; break }
            }
            treeAbove[c] = tree
            if upStart[c + 1] - upStart[c] > 1 && !tree { walked.append(Int32(c)) }
        }
        // Components where paths merge: count the suppliers above by a walk.
        var above = [Int](repeating: 0, count: components)
        let walks = walked
        above.withUnsafeMutableBufferPointer { aboveBuffer in
            let out = SharedBuffer(aboveBuffer)
            let (upStart, up, start) = (upStart, up, start)
            Parallel.forEachChunk(walks.count, chunk: 16, threads: threads,
                                  makeState: { ComponentWalk(components: components) }) { walk, range in
                for k in range {
                    let c = Int(walks[k])
                    out[c] = walk.suppliersAbove(c, upStart: upStart, up: up, componentStart: start)
                }
            }
        }
        // Everyone else from its consumers' counts, top down.
        var needsWalk = [Bool](repeating: false, count: components)
        for c in walked { needsWalk[Int(c)] = true }
        for c in stride(from: components - 1, through: 0, by: -1) where !needsWalk[c] {
            var total = 0
            for e in Int(upStart[c])..<Int(upStart[c + 1]) {
                let p = Int(up[e])
                total += Int(start[p + 1] - start[p]) + above[p]
            }
            above[c] = total
        }
        var dependents = [Int](repeating: 0, count: n)
        for c in 0..<components {
            let others = Int(start[c + 1] - start[c]) - 1 + above[c]
            for k in Int(start[c])..<Int(start[c + 1]) { dependents[Int(order[k])] = others }
        }
        self.dependents = dependents
        self.treeAbove = treeAbove
    }
}

/// One thread's scratch for breadth-first walks over consumer components.
private struct ComponentWalk {
    private var mark: [UInt32]
    private var stamp: UInt32 = 0
    private var queue: [Int32] = []

    init(components: Int) {
        mark = [UInt32](repeating: 0, count: components)
    }

    /// The number of suppliers in components above component `c`.
    mutating func suppliersAbove(_ c: Int, upStart: [Int32], up: [Int32], componentStart: [Int32]) -> Int {
        stamp &+= 1
        if stamp == 0 {
            for k in mark.indices { mark[k] = 0 }
            stamp = 1
        }
        queue.removeAll(keepingCapacity: true)
        queue.append(Int32(c))
        mark[c] = stamp
        var head = 0
        var count = 0
        while head < queue.count {
            let v = Int(queue[head])
            head += 1
            for e in Int(upStart[v])..<Int(upStart[v + 1]) {
                let p = Int(up[e])
                if mark[p] != stamp {
                    mark[p] = stamp
                    queue.append(Int32(p))
                    count += Int(componentStart[p + 1] - componentStart[p])
                }
            }
        }
        return count
    }
}
