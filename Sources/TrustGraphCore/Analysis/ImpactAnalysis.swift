/// Impact of each supplier's compromise (contract §5): dependents(j),
/// affected(j) and impact(j) = Σ_{i≠j} (t(i) − t'(i)) with j compromised.
///
/// Each counterfactual starts from the baseline and re-solves only what
/// actually moves: components are visited in schedule order from a heap, and
/// a supplier whose distrust does not rise stops the wave there. Counterfactuals
/// are independent and spread over threads; each one's arithmetic is the same
/// whatever the thread count, so results are bit-identical.
public struct ImpactAnalysis: Sendable {
    /// dependents(j): suppliers that reach j through one or more rows.
    public var dependents: [Int]
    /// affected(j): suppliers i ≠ j with t(i) − t'(i) > 1e-9.
    public var affected: [Int]
    /// impact(j).
    public var impact: [Double]

    /// Computes impacts for every supplier.
    /// - Parameters:
    ///   - progress: called now and then with the number of suppliers done (from any thread).
    public init(model: TrustModel, baseline: TrustSolution, options: SolverOptions = SolverOptions(),
                progress: (@Sendable (Int) -> Void)? = nil) {
        let n = model.supplierCount
        var dependents = [Int](repeating: 0, count: n)
        var affected = [Int](repeating: 0, count: n)
        var impact = [Double](repeating: 0, count: n)
        let chunk = 256
        let done = ProgressCounter()
        dependents.withUnsafeMutableBufferPointer { dependentsBuffer in
        affected.withUnsafeMutableBufferPointer { affectedBuffer in
        impact.withUnsafeMutableBufferPointer { impactBuffer in
            let outDependents = SharedBuffer(dependentsBuffer), outAffected = SharedBuffer(affectedBuffer)
            let outImpact = SharedBuffer(impactBuffer)
            Parallel.forEachChunk(n, chunk: chunk, threads: options.threads,
                                  makeState: { CounterfactualWorker(model: model, baseline: baseline, options: options) }) { worker, range in
                worker.run(range) { j, dependents, affected, impact in
                    outDependents[j] = dependents
                    outAffected[j] = affected
                    outImpact[j] = impact
                }
                if let progress { progress(done.add(range.count)) }
            }
        }}}
        self.dependents = dependents
        self.affected = affected
        self.impact = impact
    }
}

/// A thread-safe counter for progress reports.
final class ProgressCounter: @unchecked Sendable {
    private var value = 0
    private let lock = Lock()

    func add(_ k: Int) -> Int {
        lock.withLock { value += k; return value }
    }
}

/// One thread's state for counterfactual solves: private copies of the
/// baseline distrust and of the "fixed" flags that each counterfactual edits
/// and then restores, so a counterfactual costs what it changes, not O(n).
/// The updates are those of the solver's kernel.
struct CounterfactualWorker {
    let model: TrustModel
    let baseline: TrustSolution
    let options: SolverOptions
    private var distrust: [Double]
    private var fixed: [Bool]
    private var mark: [UInt32]
    private var stamp: UInt32 = 0
    private var queue: [Int32] = []
    private var heap: [Int32] = []
    private var changed: [Int32] = []

    init(model: TrustModel, baseline: TrustSolution, options: SolverOptions) {
        self.model = model
        self.baseline = baseline
        self.options = options
        distrust = baseline.distrust
        fixed = [Bool](repeating: false, count: model.supplierCount)
        mark = [UInt32](repeating: 0, count: model.supplierCount)
    }

    /// Runs the counterfactuals of `suppliers`, reporting dependents, affected and impact of each.
    mutating func run(_ suppliers: Range<Int>, _ report: (Int, Int, Int, Double) -> Void) {
        // Move the buffers out while the kernel points into them (no copy-on-write copy).
        var distrust: [Double] = []
        var fixed: [Bool] = []
        swap(&distrust, &self.distrust)
        swap(&fixed, &self.fixed)
        defer {
            swap(&distrust, &self.distrust)
            swap(&fixed, &self.fixed)
        }
        baseline.base.withUnsafeBufferPointer { base in
            fixed.withUnsafeMutableBufferPointer { fixedBuffer in
                distrust.withUnsafeMutableBufferPointer { distrustBuffer in
                    TrustSolver.withKernel(graph: model.graph, schedule: model.schedule, base: base,
                                           fixed: UnsafeBufferPointer(fixedBuffer), distrust: distrustBuffer,
                                           options: options) { kernel in
                        for j in suppliers {
                            let dependents = countDependents(of: j)
                            fixedBuffer[j] = true
                            let (affected, impact) = compromise(j, kernel: kernel)
                            fixedBuffer[j] = false
                            report(j, dependents, affected, impact)
                        }
                    }
                }
            }
        }
    }

    private mutating func nextStamp() -> UInt32 {
        stamp &+= 1
        if stamp == 0 {
            for k in mark.indices { mark[k] = 0 }
            stamp = 1
        }
        return stamp
    }

    /// dependents(j), by a breadth-first walk over consumers.
    private mutating func countDependents(of j: Int) -> Int {
        let s = nextStamp()
        let graph = model.graph
        queue.removeAll(keepingCapacity: true)
        queue.append(Int32(j))
        mark[j] = s
        var head = 0
        while head < queue.count {
            let v = Int(queue[head])
            head += 1
            for e in Int(graph.consumerStart[v])..<Int(graph.consumerStart[v + 1]) {
                let i = Int(graph.consumers[e])
                if mark[i] != s { mark[i] = s; queue.append(Int32(i)) }
            }
        }
        return queue.count - 1
    }

    /// With j fixed at d = 1 in the kernel, re-solves what moves, in schedule
    /// order, and returns affected(j) and impact(j); restores the distrust after.
    private mutating func compromise(_ j: Int, kernel: TrustSolver.Kernel) -> (affected: Int, impact: Double) {
        let schedule = model.schedule
        guard baseline.distrust[j] < 1 else { return (0, 0) }
        let s = nextStamp()
        changed.removeAll(keepingCapacity: true)
        heap.removeAll(keepingCapacity: true)
        kernel.distrust[j] = 1
        changed.append(Int32(j))
        let own = Int(schedule.component[j])
        if schedule.componentStart[own + 1] - schedule.componentStart[own] > 1 {
            // j sits in a cycle: the rest of its cycle depends on it too.
            mark[Int(schedule.order[Int(schedule.componentStart[own])])] = s
            push(Int32(own))
        }
        pushConsumers(of: j, stamp: s)
        var result = (sweeps: 1, change: 0.0, converged: true)
        while let c = popMin() {
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
        // Sum in the order the changes were made (schedule order): the same on every thread.
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

    private mutating func pushConsumers(of v: Int, stamp s: UInt32) {
        let graph = model.graph, schedule = model.schedule
        for e in Int(graph.consumerStart[v])..<Int(graph.consumerStart[v + 1]) {
            let i = Int(graph.consumers[e])
            let c = schedule.component[i]
            let first = Int(schedule.order[Int(schedule.componentStart[Int(c)])])
            // Mark a component by its first supplier so it is queued once.
            if mark[first] != s && c != schedule.component[v] {
                mark[first] = s
                push(c)
            }
        }
    }

    // A binary min-heap of component indices.
    private mutating func push(_ c: Int32) {
        heap.append(c)
        var k = heap.count - 1
        while k > 0 {
            let parent = (k - 1) / 2
            if heap[parent] <= heap[k] { break }
            heap.swapAt(parent, k)
            k = parent
        }
    }

    private mutating func popMin() -> Int32? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var k = 0
            while true {
                let l = 2 * k + 1, r = l + 1
                var m = k
                if l < heap.count && heap[l] < heap[m] { m = l }
                if r < heap.count && heap[r] < heap[m] { m = r }
                if m == k { break }
                heap.swapAt(k, m)
                k = m
            }
        }
        return top
    }
}
