/// Base trust of one supplier with one certification changed or added: the
/// same loop as `BaseTrust.Inputs.value`, in the same row order, so a change
/// that does not move A(i,s) gives the same bits (and a difference of exactly 0).
extension BaseTrust.Inputs {
    /// b(i) with certification `row`'s expiry read as `expires`.
    func value(of i: Int, scratch: inout SchemeScratch, row changed: Int, expires changedExpires: Int32) -> Double {
        offerCertifications(of: i, to: &scratch, changing: changed, expires: changedExpires)
        return combine(i, scratch: &scratch)
    }

    /// b(i) with one more certification, after its own, worth `value` in scheme `added`.
    func value(of i: Int, scratch: inout SchemeScratch, adding added: Int, worth value: Double) -> Double {
        offerCertifications(of: i, to: &scratch)
        scratch.offer(added, value)
        return combine(i, scratch: &scratch)
    }

    /// Whether certification `row` counts at the date (status valid, issued ≤ D ≤ expires).
    func counts(_ row: Int) -> Bool {
        status[row] == .valid && issued[row] <= date && date <= expires[row]
    }
}

/// What one counterfactual did: the sum of t' − t over every supplier, how
/// many moved by more than 1e-9, and the one (other than the changed supplier)
/// that moved most.
struct BaseChangeOutcome: Sendable, Equatable {
    var delta: Double
    var affected: Int
    /// The supplier other than the changed one with the largest |t' − t|, and its t' − t.
    var mostMoved: Int32
    var mostMovedDelta: Double
}

/// One thread's state for counterfactuals that change one supplier's base
/// trust: private copies of the baseline's base trust and distrust that each
/// counterfactual edits and then restores, so it costs what it moves, not O(n).
///
/// The change re-solves, in schedule order, the components it reaches (a
/// heap of component indices); a supplier whose distrust does not move stops
/// the wave there. Singletons take the solver's own update, cycles are
/// re-solved whole from d = 1 − b, as a full solve does, so every value is
/// bit for bit that of solving the changed dataset from scratch.
struct BaseChangeWorker {
    let model: TrustModel
    private(set) var baseline: TrustSolution
    let options: SolverOptions
    /// The model's graph and schedule for this worker's kernels (one per change).
    private let arrays: TrustSolver.KernelArrays
    private var base: [Double]
    private var distrust: [Double]
    private var mark: [UInt32]
    private var stamp: UInt32 = 0
    private var heap = ComponentHeap()
    private var changed: [Int32] = []

    init(model: TrustModel, baseline: TrustSolution, options: SolverOptions) {
        self.model = model
        self.baseline = baseline
        self.options = options
        arrays = TrustSolver.KernelArrays(graph: model.graph, schedule: model.schedule)
        base = baseline.base
        distrust = baseline.distrust
        mark = [UInt32](repeating: 0, count: model.supplierCount)
    }

    /// Starts over from another baseline of the same model (another date),
    /// reusing this worker's arrays.
    mutating func rebase(_ baseline: TrustSolution) {
        self.baseline = baseline
        _ = base.withUnsafeMutableBufferPointer { $0.update(fromContentsOf: baseline.base) }
        _ = distrust.withUnsafeMutableBufferPointer { $0.update(fromContentsOf: baseline.distrust) }
    }

    /// Solves with b(i) = `newBase` and returns what moved; `visit` sees every
    /// supplier that was recomputed with its new trust. Leaves the state as it was.
    mutating func change(_ i: Int, base newBase: Double, visit: ((Int, Double) -> Void)? = nil) -> BaseChangeOutcome {
        if newBase.bitPattern == baseline.base[i].bitPattern {
            visit?(i, baseline.trust[i])
            return BaseChangeOutcome(delta: 0, affected: 0, mostMoved: -1, mostMovedDelta: 0)
        }
        var base: [Double] = [], distrust: [Double] = []
        swap(&base, &self.base)
        swap(&distrust, &self.distrust)
        defer {
            swap(&base, &self.base)
            swap(&distrust, &self.distrust)
        }
        base[i] = newBase
        let outcome = base.withUnsafeBufferPointer { baseBuffer in
            distrust.withUnsafeMutableBufferPointer { distrustBuffer in
                TrustSolver.withKernel(arrays: arrays, base: baseBuffer,
                                       fixed: UnsafeBufferPointer(start: nil, count: 0), distrust: distrustBuffer,
                                       options: options) { kernel in
                    propagate(from: i, kernel: kernel, visit: visit)
                }
            }
        }
        base[i] = baseline.base[i]
        return outcome
    }

    private mutating func nextStamp() -> UInt32 {
        stamp &+= 1
        if stamp == 0 {
            for k in mark.indices { mark[k] = 0 }
            stamp = 1
        }
        return stamp
    }

    private mutating func propagate(from seed: Int, kernel: TrustSolver.Kernel, visit: ((Int, Double) -> Void)?) -> BaseChangeOutcome {
        let schedule = model.schedule
        let s = nextStamp()
        changed.removeAll(keepingCapacity: true)
        heap.removeAll()
        // The seed is always counted: its trust may move with b even when its distrust does not.
        changed.append(Int32(seed))
        let own = schedule.component[seed]
        mark[Int(schedule.order[Int(schedule.componentStart[Int(own)])])] = s
        heap.push(own)
        var result = (sweeps: 1, change: 0.0, converged: true)
        while let c = heap.popMin() {
            let lo = Int(schedule.componentStart[Int(c)]), hi = Int(schedule.componentStart[Int(c) + 1])
            if hi - lo == 1 {
                let i = Int(schedule.order[lo])
                let d = kernel.update(i)
                if d != kernel.distrust[i] {
                    kernel.distrust[i] = d
                    if i != seed { changed.append(Int32(i)) }
                    pushConsumers(of: i, stamp: s)
                }
                continue
            }
            kernel.solveComponent(Int(c), into: &result)
            for k in lo..<hi {
                let i = Int(schedule.order[k])
                if kernel.distrust[i] != baseline.distrust[i] {
                    if i != seed { changed.append(Int32(i)) }
                    pushConsumers(of: i, stamp: s)
                }
            }
        }
        // Sum in the order the changes were made (schedule order): the same on every thread.
        var outcome = BaseChangeOutcome(delta: 0, affected: 0, mostMoved: -1, mostMovedDelta: 0)
        for v in changed {
            let i = Int(v)
            let after = TrustModel.trust(base: kernel.base[i], distrust: kernel.distrust[i])
            let moved = after - baseline.trust[i]
            outcome.delta += moved
            if abs(moved) > 1e-9 { outcome.affected += 1 }
            if i != seed && abs(moved) > abs(outcome.mostMovedDelta) {
                outcome.mostMoved = v
                outcome.mostMovedDelta = moved
            }
            visit?(i, after)
        }
        for v in changed { kernel.distrust[Int(v)] = baseline.distrust[Int(v)] }
        // A cycle's members that did not move were rewritten with the same values.
        return outcome
    }

    private mutating func pushConsumers(of v: Int, stamp s: UInt32) {
        let graph = model.graph, schedule = model.schedule
        for e in Int(graph.consumerStart[v])..<Int(graph.consumerStart[v + 1]) {
            let i = Int(graph.consumers[e])
            let c = schedule.component[i]
            let first = Int(schedule.order[Int(schedule.componentStart[Int(c)])])
            if mark[first] != s && c != schedule.component[v] {
                mark[first] = s
                heap.push(c)
            }
        }
    }
}

/// One thread's worker and base-trust scratch, for `Parallel.forEachChunk`.
final class CounterfactualState {
    var worker: BaseChangeWorker
    var scratch: SchemeScratch

    init(model: TrustModel, baseline: TrustSolution, options: SolverOptions) {
        worker = BaseChangeWorker(model: model, baseline: baseline, options: options)
        scratch = SchemeScratch(count: model.dataset.schemes.count)
    }
}
