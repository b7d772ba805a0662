/// Re-solving after a change, touching only what the change can reach.
///
/// When the equations of some suppliers change (their base trust, their
/// groups, or they are compromised), only those suppliers and their
/// dependents can change value; everyone else keeps the baseline value
/// exactly. With the graph unchanged, the dependents of a supplier form whole
/// strongly connected components (a cycle reaching it reaches it from every
/// member), so they are re-solved component by component in the baseline's
/// schedule order — the same updates a full solve would make, hence the same
/// bits (at tolerance 0, where the fixed point is unique).
struct IncrementalSolve {
    let graph: SupplyGraph
    let schedule: SolveSchedule

    /// Visited sets, so that a re-solve costs O(affected), not O(n).
    final class Scratch {
        var visited = Set<Int32>()
        var queue: [Int32] = []
        var components: [Int32] = []

        init() {}
    }

    /// The seeds and everyone who depends on them, directly or not.
    func affected(from seeds: some Sequence<Int>, scratch: Scratch) -> [Int32] {
        scratch.visited.removeAll(keepingCapacity: true)
        scratch.queue.removeAll(keepingCapacity: true)
        for s in seeds where scratch.visited.insert(Int32(s)).inserted {
            scratch.queue.append(Int32(s))
        }
        var head = 0
        let (start, consumers) = (SharedReadBuffer(graph.consumerStart), SharedReadBuffer(graph.consumers))
        while head < scratch.queue.count {
            let j = Int(scratch.queue[head])
            head += 1
            for e in Int(start[j])..<Int(start[j + 1]) where scratch.visited.insert(consumers[e]).inserted {
                scratch.queue.append(consumers[e])
            }
        }
        return scratch.queue
    }

    /// Components of `nodes`, each once, in schedule (topological) order.
    func components(of nodes: [Int32], scratch: Scratch) -> [Int32] {
        scratch.visited.removeAll(keepingCapacity: true)
        scratch.components.removeAll(keepingCapacity: true)
        for v in nodes {
            let c = schedule.component[Int(v)]
            if scratch.visited.insert(c).inserted { scratch.components.append(c) }
        }
        scratch.components.sort()
        return scratch.components
    }

    /// Re-solves `components` (in order) into `distrust`, which holds final
    /// values for every other supplier.
    func solve(components: [Int32], base: [Double], fixed: [Bool], distrust: inout [Double], options: SolverOptions) -> SolveReport {
        var result = (sweeps: 1, change: 0.0, converged: true)
        distrust.withUnsafeMutableBufferPointer { distrust in
            let kernel = TrustSolver.Kernel(graph: graph, schedule: schedule, base: SharedReadBuffer(base), fixed: SharedReadBuffer(fixed),
                                            distrust: SharedBuffer(distrust), options: options)
            for c in components { kernel.solveComponent(Int(c), into: &result) }
        }
        var solved = 0
        var cyclic = 0
        for c in components {
            let size = Int(schedule.componentStart[Int(c) + 1] - schedule.componentStart[Int(c)])
            solved += size
            if size > 1 { cyclic += 1 }
        }
        return SolveReport(sweeps: result.sweeps, finalChange: result.change, converged: result.converged,
                           solvedSuppliers: solved, cyclicComponents: cyclic, levels: schedule.levelCount)
    }
}
