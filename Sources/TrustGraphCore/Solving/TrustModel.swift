/// A dataset prepared for solving: its graph, schedule and certification index.
///
/// Build it once and solve it for as many dates and priors as needed; what-if
/// scenarios and impact analysis reuse it.
public struct TrustModel: Sendable {
    public let dataset: Dataset
    public let graph: SupplyGraph
    public let schedule: SolveSchedule
    /// The graph renumbered in schedule order, for full solves.
    let layout: SolveLayout
    let certificationIndex: RowsByOwner

    /// Prepares `dataset`.
    /// - Complexity: O(n + rows + certifications).
    public init(_ dataset: Dataset) {
        self.init(dataset, reusing: nil)
    }

    /// Prepares a changed copy of another model's dataset, reusing its graph
    /// and schedule when the dependencies did not change.
    init(_ dataset: Dataset, reusing other: TrustModel?) {
        self.dataset = dataset
        let sameCertifications = other.map { $0.dataset.certifications.count == dataset.certifications.count } ?? false
        if let other {
            graph = other.graph
            schedule = other.schedule
            layout = other.layout
            certificationIndex = sameCertifications ? other.certificationIndex : RowsByOwner(dataset)
            return
        }
        // The schedule's pass over components is sequential: meanwhile, another
        // thread lists each provider's consumers and indexes the certifications.
        let forward = SupplyGraph.forward(dataset, threads: Parallel.defaultThreads)
        let (schedule, (graph, certificationIndex)) = Parallel.both(
            { SolveSchedule(forward) },
            { (forward.withConsumerLists(threads: 1), RowsByOwner(dataset)) })
        self.graph = graph
        self.schedule = schedule
        self.certificationIndex = certificationIndex
        layout = SolveLayout(graph: forward, schedule: schedule)
    }

    /// Number of suppliers.
    public var supplierCount: Int { dataset.suppliers.count }

    /// b(i) for every supplier (contract §2).
    public func baseTrust(_ parameters: TrustParameters, threads: Int = Parallel.defaultThreads) -> [Double] {
        BaseTrust.compute(dataset, index: certificationIndex, parameters: parameters, threads: threads)
    }

    /// Solves base and effective trust (contract §2–§3).
    /// - Parameter compromised: suppliers whose trust is fixed at 0.
    public func solve(_ parameters: TrustParameters, options: SolverOptions = SolverOptions(),
                      compromised: Set<Int> = []) -> TrustSolution {
        let base = baseTrust(parameters, threads: options.threads)
        return solve(base: base, options: options, compromised: compromised)
    }

    /// Solves effective trust from given base trust.
    public func solve(base: [Double], options: SolverOptions = SolverOptions(), compromised: Set<Int> = []) -> TrustSolution {
        // The solve reads `base` through unchecked views.
        precondition(base.count == supplierCount, "base trust has \(base.count) values for \(supplierCount) suppliers")
        var fixed: [Bool] = []
        if !compromised.isEmpty {
            fixed = [Bool](repeating: false, count: supplierCount)
            for i in compromised { fixed[i] = true }
        }
        // Solve in schedule numbering, then bring distrust back to the dataset's.
        var ordered = [Double](repeating: 0, count: supplierCount)
        var report = TrustSolver.solve(graph: layout.graph, schedule: layout.schedule, base: layout.gather(base, threads: options.threads),
                                       fixed: layout.gather(fixed, threads: options.threads), distrust: &ordered, options: options)
        report.cyclicComponents = schedule.cyclicComponentCount
        let distrust = layout.scatter(ordered, threads: options.threads)
        return TrustSolution(base: base, distrust: distrust,
                             trust: TrustModel.trust(graph: graph, base: base, distrust: distrust, fixed: fixed, threads: options.threads),
                             report: report)
    }

    /// t(i) from d(i): a compromised supplier is 0; one whose own distrust
    /// wins (including one with no dependency) keeps b(i) exactly; others get
    /// 1 − d(i), never above b(i) even by a rounding error, so t ≤ b holds exactly.
    static func trust(graph: SupplyGraph, base: [Double], distrust: [Double], fixed: [Bool],
                      threads: Int = Parallel.defaultThreads) -> [Double] {
        let (b, d, f) = (SharedReadBuffer(base), SharedReadBuffer(distrust), SharedReadBuffer(fixed))
        return [Double].filled(count: base.count) { out in
            Parallel.forEachChunk(base.count, chunk: 1 << 16, threads: threads) { range in
                for i in range { out[i] = f.count > 0 && f[i] ? 0 : trust(base: b[i], distrust: d[i]) }
            }
        }
    }

    @inline(__always)
    static func trust(of i: Int, base: [Double], distrust: [Double], fixed: [Bool]) -> Double {
        if !fixed.isEmpty && fixed[i] { return 0 }
        return trust(base: base[i], distrust: distrust[i])
    }

    /// t from b and d: b exactly when the supplier's own distrust wins, else 1 − d, never above b.
    @inline(__always)
    static func trust(base b: Double, distrust d: Double) -> Double {
        d == 1 - b ? b : min(b, 1 - d)
    }
}
