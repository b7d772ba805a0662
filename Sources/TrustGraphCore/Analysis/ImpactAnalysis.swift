/// Impact of each supplier's compromise (contract §5): dependents(j),
/// affected(j) and impact(j) = Σ_{i≠j} (t(i) − t'(i)) with j compromised.
///
/// A counterfactual starts from the baseline and re-solves only what moves
/// (see `CounterfactualWorker`). Three shortcuts keep long chains, trees and
/// rings linear instead of quadratic, each exact:
///
/// - dependents come from the strongly connected components (`DependentCounts`);
/// - a supplier j outside any cycle whose compromise takes each of its
///   consumers c to full distrust (d = 1), where the suppliers above
///   different consumers are disjoint (one consumer, or a tree of components
///   above j), loses exactly what c's own compromise loses above c, plus c:
///   impact(j) = Σ_c (drop(c) + impact(c)), computed from the top consumers down;
/// - a ring whose members have no consumer outside it (`ringImpacts`) shares
///   its waves: a compromise turns the ring into a chain from j, and chains
///   from consecutive members coincide once they reach full distrust.
///
/// Counterfactuals are independent and spread over threads; each one's
/// arithmetic is the same whatever the thread count, and the shortcuts run in
/// a fixed order, so results are bit-identical for any number of threads.
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
    /// - Complexity: O(n + rows) on chains, rings, trees and forests of them
    ///   whose compromises reach full distrust or fade within a few links;
    ///   in general, the sum of the waves of the suppliers no shortcut covers
    ///   (each wave the suppliers whose trust moves) plus the walks of `DependentCounts`.
    public init(model: TrustModel, baseline: TrustSolution, options: SolverOptions = SolverOptions(),
                progress: (@Sendable (Int) -> Void)? = nil) {
        self.init(model: model, baseline: baseline, options: options, shortcuts: true, progress: progress)
    }

    /// - Parameter shortcuts: false runs every counterfactual as its own wave
    ///   (the reference the shortcuts are tested against).
    init(model: TrustModel, baseline: TrustSolution, options: SolverOptions, shortcuts: Bool,
         progress: (@Sendable (Int) -> Void)? = nil) {
        let n = model.supplierCount
        let schedule = model.schedule
        let counts = DependentCounts(graph: model.graph, schedule: schedule, threads: options.threads)
        // Waves may start from the baseline inside cycles only when it is the exact fixed point.
        let exact = options.tolerance == 0 && baseline.report.converged
        let rings = shortcuts && exact ? ImpactAnalysis.closedRings(model) : []
        var inRing = [Bool](repeating: false, count: schedule.componentCount)
        for c in rings { inRing[Int(c)] = true }
        var affected = [Int](repeating: 0, count: n)
        var impact = [Double](repeating: 0, count: n)
        var derived = [Bool](repeating: false, count: n)
        var position = [Int32](repeating: 0, count: n)
        for k in 0..<n { position[Int(schedule.order[k])] = Int32(k) }
        let plan = CounterfactualWorker.Plan(exact: exact, shortcuts: shortcuts, treeAbove: counts.treeAbove,
                                             inRing: inRing, position: position)
        let done = ProgressCounter()
        withSharedBuffers(&affected, &impact, &derived) { outAffected, outImpact, outDerived in
            // Waves, and which suppliers a shortcut will cover.
            Parallel.forEachChunk(n, chunk: 256, threads: options.threads,
                                  makeState: { CounterfactualWorker(model: model, baseline: baseline, options: options, plan: plan) }) { worker, range in
                worker.run(range) { j, outcome in
                    switch outcome {
                    case .derived: outDerived[j] = true
                    case .later: break
                    case let .solved(affected, impact):
                        outAffected[j] = affected
                        outImpact[j] = impact
                    }
                }
                if let progress { progress(done.add(range.count)) }
            }
            // Rings, each on its own.
            Parallel.forEachChunk(rings.count, chunk: 1, threads: options.threads,
                                  makeState: { CounterfactualWorker(model: model, baseline: baseline, options: options, plan: plan) }) { worker, range in
                for k in range {
                    worker.ringImpacts(Int(rings[k])) { j, affected, impact in
                        outAffected[j] = affected
                        outImpact[j] = impact
                    }
                }
            }
        }
        // Shortcut suppliers from their consumers' figures: consumers come later
        // in schedule order, so walk it backwards.
        let graph = model.graph
        for k in stride(from: n - 1, through: 0, by: -1) {
            let j = Int(schedule.order[k])
            guard derived[j] else { continue }
            var total = 0.0
            var count = 0
            for e in Int(graph.consumerStart[j])..<Int(graph.consumerStart[j + 1]) {
                let c = Int(graph.consumers[e])
                let drop = baseline.trust[c] - TrustModel.trust(base: baseline.base[c], distrust: 1)
                total += drop + impact[c]
                count += affected[c] + (drop > 1e-9 ? 1 : 0)
            }
            impact[j] = total
            affected[j] = count
        }
        dependents = counts.dependents
        self.affected = affected
        self.impact = impact
    }

    /// Cyclic components that are simple rings closed above: every member has
    /// exactly one consumer, inside the component (so exactly one provider
    /// inside it too, since the component is strongly connected).
    static func closedRings(_ model: TrustModel) -> [Int32] {
        let graph = model.graph, schedule = model.schedule
        var rings: [Int32] = []
        for c in 0..<schedule.componentCount {
            let lo = Int(schedule.componentStart[c]), hi = Int(schedule.componentStart[c + 1])
            guard hi - lo > 1 else { continue }
            var closed = true
            for k in lo..<hi {
                let v = Int(schedule.order[k])
                let first = Int(graph.consumerStart[v])
                if graph.consumerStart[v + 1] - graph.consumerStart[v] != 1 || Int(schedule.component[Int(graph.consumers[first])]) != c {
                    closed = false
                    break
                }
            }
            if closed { rings.append(Int32(c)) }
        }
        return rings
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
