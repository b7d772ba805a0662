/// One thread's state for counterfactual solves: private copies of the
/// baseline distrust and of the "fixed" flags that each counterfactual edits
/// and then restores, so a counterfactual costs what it changes, not O(n).
/// The updates are those of the solver's kernel.
struct CounterfactualWorker {
    /// What the analysis decided once for all workers.
    struct Plan: Sendable {
        /// The baseline is the exact fixed point (tolerance 0, converged): a
        /// cycle is then re-solved from the baseline, touching only the members
        /// that move, instead of from d = 1 − b.
        let exact: Bool
        /// Whether suppliers may be left to the shortcuts of `ImpactAnalysis`.
        let shortcuts: Bool
        /// `DependentCounts.treeAbove`, per component.
        let treeAbove: [Bool]
        /// Components handled by `ringImpacts`.
        let inRing: [Bool]
        /// Schedule position of each supplier.
        let position: [Int32]
    }

    /// What became of one supplier's counterfactual.
    enum Outcome {
        case solved(affected: Int, impact: Double)
        /// Left to the consumers' figures (`ImpactAnalysis`).
        case derived
        /// Left to `ringImpacts`.
        case later
    }

    let model: TrustModel
    let baseline: TrustSolution
    let options: SolverOptions
    let plan: Plan
    /// The model's graph and schedule for this worker's kernels.
    private let arrays: TrustSolver.KernelArrays
    private var distrust: [Double]
    private var fixed: [Bool]
    /// Per supplier: queued (a component is marked through its first supplier), with `stamp`.
    private var mark: [UInt32]
    /// Per supplier: already in `changed`, with `stamp`.
    private var changedMark: [UInt32]
    /// Per supplier: in `queue` now.
    private var inQueue: [Bool]
    private var stamp: UInt32 = 0
    private var queue: [Int32] = []
    private var heap = ComponentHeap()
    private var changed: [Int32] = []
    /// Members of a cyclic component waiting for it, as linked lists: head per component.
    private var pendingHead: [Int32]
    private var pendingNext: [Int32] = []
    private var pendingMember: [Int32] = []

    init(model: TrustModel, baseline: TrustSolution, options: SolverOptions, plan: Plan) {
        self.model = model
        self.baseline = baseline
        self.options = options
        self.plan = plan
        arrays = TrustSolver.KernelArrays(graph: model.graph, schedule: model.schedule)
        let n = model.supplierCount
        distrust = baseline.distrust
        fixed = [Bool](repeating: false, count: n)
        mark = [UInt32](repeating: 0, count: n)
        changedMark = [UInt32](repeating: 0, count: n)
        inQueue = [Bool](repeating: false, count: n)
        pendingHead = [Int32](repeating: -1, count: plan.exact ? model.schedule.componentCount : 0)
    }

    /// Runs with the kernel over this worker's buffers.
    private mutating func withKernel(_ body: (inout CounterfactualWorker, TrustSolver.Kernel, SharedBuffer<Bool>) -> Void) {
        // Move the buffers out while the kernel points into them (no copy-on-write copy).
        var distrust: [Double] = []
        var fixed: [Bool] = []
        swap(&distrust, &self.distrust)
        swap(&fixed, &self.fixed)
        defer {
            swap(&distrust, &self.distrust)
            swap(&fixed, &self.fixed)
        }
        let (arrays, options, base) = (self.arrays, self.options, baseline.base)
        withSharedBuffers(&fixed, &distrust) { fixed, distrust in
            let kernel = TrustSolver.Kernel(arrays: arrays, base: SharedReadBuffer(base), fixed: fixed.readOnly,
                                            distrust: distrust, options: options)
            body(&self, kernel, fixed)
        }
    }

    /// Runs the counterfactuals of `suppliers`, reporting what became of each.
    mutating func run(_ suppliers: Range<Int>, _ report: (Int, Outcome) -> Void) {
        withKernel { worker, kernel, fixed in
            let schedule = worker.model.schedule
            for j in suppliers {
                if worker.baseline.distrust[j] >= 1 {
                    // Already fully distrusted: its compromise changes nothing.
                    report(j, .solved(affected: 0, impact: 0))
                } else if worker.plan.shortcuts && worker.plan.inRing[Int(schedule.component[j])] {
                    report(j, .later)
                } else if worker.plan.shortcuts && worker.derivable(j, kernel: kernel) {
                    report(j, .derived)
                } else {
                    fixed[j] = true
                    let (affected, impact) = worker.compromise(j, kernel: kernel)
                    fixed[j] = false
                    report(j, .solved(affected: affected, impact: impact))
                }
            }
        }
    }

    private mutating func nextStamp() -> UInt32 {
        stamp &+= 1
        if stamp == 0 {
            for k in mark.indices { mark[k] = 0 }
            for k in changedMark.indices { changedMark[k] = 0 }
            stamp = 1
        }
        return stamp
    }

    @inline(__always)
    private func componentSize(_ c: Int) -> Int {
        Int(model.schedule.componentStart[c + 1] - model.schedule.componentStart[c])
    }

    /// Whether j's figures follow from its consumers' (see `ImpactAnalysis`):
    /// j is outside any cycle, its compromise alone takes every consumer c to
    /// d = 1, and nothing above one consumer reaches j other than through it
    /// (one consumer, or a tree of components above j whose consumers are
    /// outside cycles). Then j's compromise is c's compromise above each c.
    private func derivable(_ j: Int, kernel: TrustSolver.Kernel) -> Bool {
        let graph = model.graph, schedule = model.schedule
        let own = Int(schedule.component[j])
        let first = Int(graph.consumerStart[j]), end = Int(graph.consumerStart[j + 1])
        guard componentSize(own) == 1 && end > first else { return false }
        if end - first > 1 && !plan.treeAbove[own] { return false }
        for e in first..<end {
            let c = Int(graph.consumers[e])
            // A consumer in a cycle: its members are re-solved from the baseline only when exact;
            // two consumers in one cycle would share what lies above them.
            if componentSize(Int(schedule.component[c])) > 1 && (end - first > 1 || !plan.exact) { return false }
        }
        kernel.distrust[j] = 1
        defer { kernel.distrust[j] = baseline.distrust[j] }
        for e in first..<end where kernel.update(Int(graph.consumers[e])) != 1 { return false }
        return true
    }

    /// With j fixed at d = 1 in the kernel, re-solves what moves, in schedule
    /// order, and returns affected(j) and impact(j); restores the distrust after.
    private mutating func compromise(_ j: Int, kernel: TrustSolver.Kernel) -> (affected: Int, impact: Double) {
        let schedule = model.schedule
        let s = nextStamp()
        changed.removeAll(keepingCapacity: true)
        heap.removeAll()
        pendingNext.removeAll(keepingCapacity: true)
        pendingMember.removeAll(keepingCapacity: true)
        kernel.distrust[j] = 1
        changed.append(Int32(j))
        changedMark[j] = s
        let own = Int(schedule.component[j])
        if componentSize(own) > 1 {
            // j sits in a cycle: the rest of its cycle depends on it too.
            enqueue(component: own, stamp: s)
            if plan.exact {
                let graph = model.graph
                for e in Int(graph.consumerStart[j])..<Int(graph.consumerStart[j + 1]) where Int(schedule.component[Int(graph.consumers[e])]) == own {
                    addPending(graph.consumers[e], to: own)
                }
            }
        }
        pushConsumers(of: j, stamp: s)
        var result = (sweeps: 1, change: 0.0, converged: true)
        var reordered = false
        while let c = heap.popMin() {
            let lo = Int(schedule.componentStart[Int(c)]), hi = Int(schedule.componentStart[Int(c) + 1])
            if hi - lo == 1 {
                let i = Int(schedule.order[lo])
                let d = kernel.update(i)
                if d != kernel.distrust[i] {
                    kernel.distrust[i] = d
                    changed.append(Int32(i))
                    pushConsumers(of: i, stamp: s)
                }
                continue
            }
            if plan.exact {
                propagate(inside: Int(c), kernel: kernel, stamp: s)
                reordered = true
                continue
            }
            // A cycle is re-solved whole, from d = 1 − b, as a full solve would.
            kernel.solveComponent(Int(c), into: &result)
            for k in lo..<hi {
                let i = Int(schedule.order[k])
                if i != j && kernel.distrust[i] != baseline.distrust[i] {
                    changed.append(Int32(i))
                    pushConsumers(of: i, stamp: s)
                }
            }
        }
        // Sum in schedule order (components in order, members of a cycle in
        // their order), as a whole re-solve of each cycle lists them: the same on every thread.
        if reordered {
            let position = plan.position
            changed.sort { position[Int($0)] < position[Int($1)] }
        }
        let base = baseline.base
        var impact = 0.0
        var affected = 0
        for v in changed {
            let i = Int(v)
            if i != j {
                let after = TrustModel.trust(base: base[i], distrust: kernel.distrust[i])
                let drop = baseline.trust[i] - after
                impact += drop
                if drop > 1e-9 { affected += 1 }
            }
        }
        // A cycle's members that did not move were rewritten with the same values; restore all touched ones.
        for v in changed { kernel.distrust[Int(v)] = baseline.distrust[Int(v)] }
        return (affected, impact)
    }

    /// Re-solves cyclic component `c` from the current values, its members
    /// with a changed provider first, then whoever a change reaches.
    ///
    /// The baseline is the least fixed point and values only rise, so
    /// updating in any order from it until nothing moves ends at the least
    /// fixed point of the changed equations: the values a whole re-solve from
    /// d = 1 − b reaches, without visiting the members that keep theirs.
    private mutating func propagate(inside c: Int, kernel: TrustSolver.Kernel, stamp s: UInt32) {
        let graph = model.graph, schedule = model.schedule
        queue.removeAll(keepingCapacity: true)
        var entry = pendingHead[c]
        while entry >= 0 {
            let v = pendingMember[Int(entry)]
            if !inQueue[Int(v)] { inQueue[Int(v)] = true; queue.append(v) }
            entry = pendingNext[Int(entry)]
        }
        var head = 0
        while head < queue.count {
            let i = Int(queue[head])
            head += 1
            inQueue[i] = false
            let d = kernel.update(i)
            guard d != kernel.distrust[i] else { continue }
            kernel.distrust[i] = d
            if changedMark[i] != s {
                changedMark[i] = s
                changed.append(Int32(i))
            }
            for e in Int(graph.consumerStart[i])..<Int(graph.consumerStart[i + 1]) {
                let v = graph.consumers[e]
                if Int(schedule.component[Int(v)]) == c {
                    if !inQueue[Int(v)] { inQueue[Int(v)] = true; queue.append(v) }
                }
            }
            pushConsumers(of: i, stamp: s)
        }
    }

    /// Queues the components of v's consumers (other than v's own), and, in
    /// a cyclic one re-solved from the baseline, the consumer itself.
    private mutating func pushConsumers(of v: Int, stamp s: UInt32) {
        let graph = model.graph, schedule = model.schedule
        let own = schedule.component[v]
        for e in Int(graph.consumerStart[v])..<Int(graph.consumerStart[v + 1]) {
            let i = graph.consumers[e]
            let c = schedule.component[Int(i)]
            guard c != own else { continue }
            enqueue(component: Int(c), stamp: s)
            if plan.exact && componentSize(Int(c)) > 1 { addPending(i, to: Int(c)) }
        }
    }

    /// Queues component `c` once per counterfactual (marked by its first supplier).
    private mutating func enqueue(component c: Int, stamp s: UInt32) {
        let schedule = model.schedule
        let first = Int(schedule.order[Int(schedule.componentStart[c])])
        guard mark[first] != s else { return }
        mark[first] = s
        if plan.exact { pendingHead[c] = -1 }
        heap.push(Int32(c))
    }

    private mutating func addPending(_ v: Int32, to c: Int) {
        pendingMember.append(v)
        pendingNext.append(pendingHead[c])
        pendingHead[c] = Int32(pendingMember.count - 1)
    }
}

extension CounterfactualWorker {
    /// affected and impact of every member of a closed ring `c` (see
    /// `ImpactAnalysis.closedRings`), reported through `report`.
    ///
    /// With member j compromised the ring is a chain from j: going round from
    /// j's consumer, each member's distrust follows from the previous one's
    /// alone, until a member keeps its baseline value (then so does every one
    /// after it). Where compromising a member takes the next one to d = 1, the
    /// chains from both coincide after it; so for each member e whose
    /// compromise does not (an "end"), the chain from e (its "tail") is worked
    /// out once, and a member j before e, all of whose next members up to e
    /// reach d = 1, has impact(j) = the drops of those members to 0, summed
    /// from e back to j, plus the tail's drops up to the member just before j,
    /// summed from e on (prefix sums). A ring without an end turns wholly to
    /// d = 1 whichever member falls.
    ///
    /// - Complexity: O(size + the tails' lengths).
    mutating func ringImpacts(_ c: Int, _ report: (Int, Int, Double) -> Void) {
        withKernel { worker, kernel, _ in worker.ringImpacts(c, kernel: kernel, report) }
    }

    private func ringImpacts(_ c: Int, kernel: TrustSolver.Kernel, _ report: (Int, Int, Double) -> Void) {
        let graph = model.graph, schedule = model.schedule
        let lo = Int(schedule.componentStart[c]), size = componentSize(c)
        // Members in ring order: each one's only consumer follows it.
        var ring = [Int32](repeating: 0, count: size)
        ring[0] = schedule.order[lo]
        for k in 1..<size { ring[k] = graph.consumers[Int(graph.consumerStart[Int(ring[k - 1])])] }
        let lost = (0..<size).map { k in
            let i = Int(ring[k])
            return baseline.trust[i] - TrustModel.trust(base: baseline.base[i], distrust: 1)
        }
        // full[k]: compromising ring[k] takes ring[k+1] to d = 1.
        var full = [Bool](repeating: false, count: size)
        for k in 0..<size {
            let i = Int(ring[k])
            kernel.distrust[i] = 1
            full[k] = kernel.update(Int(ring[(k + 1) % size])) == 1
            kernel.distrust[i] = baseline.distrust[i]
        }
        @inline(__always) func emit(_ k: Int, _ affected: Int, _ impact: Double) {
            let j = Int(ring[k])
            if baseline.distrust[j] >= 1 { report(j, 0, 0) } else { report(j, affected, impact) }
        }
        guard let lastEnd = full.lastIndex(of: false) else {
            // Every compromise takes the whole ring to d = 1: impact(j) = the
            // drops before j summed forwards plus those after j summed backwards.
            var before = [Double](repeating: 0, count: size)
            for k in 1..<size { before[k] = before[k - 1] + lost[k - 1] }
            let affectedAll = lost.reduce(0) { $0 + ($1 > 1e-9 ? 1 : 0) }
            var after = 0.0
            for k in stride(from: size - 1, through: 0, by: -1) {
                emit(k, affectedAll - (lost[k] > 1e-9 ? 1 : 0), before[k] + after)
                after = lost[k] + after
            }
            return
        }
        var tailImpact = [Double](repeating: 0, count: size)
        var tailAffected = [Int](repeating: 0, count: size)
        var previousEnd = lastEnd
        for e in 0..<size where !full[e] {
            // The members whose chains run through e at d = 1: those after the previous end, up to e.
            let run = (e - previousEnd + size - 1) % size + 1
            previousEnd = e
            // The tail: the chain from e, until a member keeps its value or the ring closes.
            let start = Int(ring[e])
            kernel.distrust[start] = 1
            var length = 0
            while length < size - 1 {
                let i = Int(ring[(e + length + 1) % size])
                let d = kernel.update(i)
                if d == baseline.distrust[i] { break }
                kernel.distrust[i] = d
                let drop = baseline.trust[i] - TrustModel.trust(base: baseline.base[i], distrust: d)
                tailImpact[length + 1] = tailImpact[length] + drop
                tailAffected[length + 1] = tailAffected[length] + (drop > 1e-9 ? 1 : 0)
                length += 1
            }
            kernel.distrust[start] = baseline.distrust[start]
            for t in stride(from: 1, through: length, by: 1) {
                let i = Int(ring[(e + t) % size])
                kernel.distrust[i] = baseline.distrust[i]
            }
            // j = ring[e − q]: members e − q + 1 … e fall to d = 1, then the tail up to j's provider.
            var ones = 0.0
            var onesAffected = 0
            for q in 0..<run {
                if q > 0 {
                    let k = (e - q + 1 + size) % size
                    ones = lost[k] + ones
                    onesAffected += lost[k] > 1e-9 ? 1 : 0
                }
                let limit = min(length, size - 1 - q)
                emit((e - q + size) % size, onesAffected + tailAffected[limit], ones + tailImpact[limit])
            }
        }
    }
}
