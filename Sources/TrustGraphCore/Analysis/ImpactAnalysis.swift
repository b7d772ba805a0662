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
                for j in range {
                    outDependents[j] = worker.countDependents(of: j)
                    let (affected, impact) = worker.compromise(j)
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

/// One thread's state for counterfactual solves: a private copy of the
/// baseline distrust that each counterfactual edits and then restores.
struct CounterfactualWorker {
    let model: TrustModel
    let baseline: TrustSolution
    let options: SolverOptions
    private var distrust: [Double]
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
        mark = [UInt32](repeating: 0, count: model.supplierCount)
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
    mutating func countDependents(of j: Int) -> Int {
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

    /// Compromises j and returns affected(j) and impact(j); leaves the worker as it was.
    mutating func compromise(_ j: Int) -> (affected: Int, impact: Double) {
        let schedule = model.schedule
        let base = baseline.base
        guard baseline.distrust[j] < 1 else { return (0, 0) }
        let s = nextStamp()
        changed.removeAll(keepingCapacity: true)
        heap.removeAll(keepingCapacity: true)
        distrust[j] = 1
        changed.append(Int32(j))
        let own = schedule.component[j]
        if schedule.componentStart[Int(own) + 1] - schedule.componentStart[Int(own)] > 1 {
            // j sits in a cycle: the rest of its cycle depends on it too.
            mark[Int(schedule.order[Int(schedule.componentStart[Int(own)])])] = s
            push(own)
        }
        pushConsumers(of: j, stamp: s)
        while let c = popMin() {
            let lo = Int(schedule.componentStart[Int(c)]), hi = Int(schedule.componentStart[Int(c) + 1])
            if hi - lo == 1 {
                let i = Int(schedule.order[lo])
                let d = update(i, fixed: j)
                if d != distrust[i] {
                    distrust[i] = d
                    changed.append(Int32(i))
                    pushConsumers(of: i, stamp: s)
                }
                continue
            }
            // A cycle: re-solve it whole from d = 1 − b, as a full solve would.
            for k in lo..<hi {
                let i = Int(schedule.order[k])
                distrust[i] = i == j ? 1 : 1 - base[i]
            }
            var sweep = 0
            var last = 0.0
            repeat {
                sweep += 1
                last = 0
                for k in lo..<hi {
                    let i = Int(schedule.order[k])
                    let d = update(i, fixed: j)
                    last = max(last, abs(d - distrust[i]))
                    distrust[i] = d
                }
            } while last > options.tolerance && sweep < options.maxIterations
            for k in lo..<hi {
                let i = Int(schedule.order[k])
                if distrust[i] != baseline.distrust[i] && i != j {
                    changed.append(Int32(i))
                    pushConsumers(of: i, stamp: s)
                }
            }
        }
        // Sum in the order the changes were made (schedule order): the same on every thread.
        var impact = 0.0
        var affected = 0
        for v in changed {
            let i = Int(v)
            if i != j {
                let after = TrustModel.trust(of: i, base: base, distrust: distrust, fixed: [])
                let drop = baseline.trust[i] - after
                impact += drop
                if drop > 1e-9 { affected += 1 }
            }
            distrust[i] = baseline.distrust[i]
        }
        return (affected, impact)
    }

    /// d(i) with j compromised.
    @inline(__always)
    private func update(_ i: Int, fixed j: Int) -> Double {
        if i == j { return 1 }
        let graph = model.graph
        var d = 1 - baseline.base[i]
        for g in Int(graph.groupStart[i])..<Int(graph.groupStart[i + 1]) {
            var best = 1.0
            for m in Int(graph.memberStart[g])..<Int(graph.memberStart[g + 1]) {
                let dj = distrust[Int(graph.members[m])]
                if dj < best { best = dj }
            }
            let passed = graph.groupWeight[g] * best
            if passed > d { d = passed }
        }
        return d
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
