/// Every supplier's trust at each date of a window (contract: over-time, timeline).
///
/// The model (graph, schedule) is built once. Between two dates only base
/// trust moves — freshness decays, certificates start and lapse — so each
/// date recomputes base trust, and when the suppliers whose base moved reach
/// at most half the graph, re-solves only them and their dependents from the
/// previous date's values (the same bits as a full solve); otherwise it solves
/// in full.
public struct TrustTimeline: Sendable {
    /// A certificate lapsing inside the window (L = expires + 1 day).
    public struct LapseEvent: Sendable, Equatable {
        public var lapse: Day
        public var supplier: Int
        public var scheme: Int32
    }

    public let model: TrustModel
    public let dates: [Day]
    public let prior: Double
    /// `trust[k][i]`: t(i) at `dates[k]`.
    public let trust: [[Double]]
    /// Certificates lapsing between the first and the last date, by day then row.
    public let lapses: [LapseEvent]
    /// Suppliers re-solved at each date (all of them at the first).
    public let solvedSuppliers: [Int]
    /// False when some solve did not converge within the iteration limit.
    public let converged: Bool

    /// Solves `model` at every date of `dates` (ascending).
    /// - Complexity: per date, O(n + certifications) for base trust, plus what moved.
    public init(model: TrustModel, dates: [Day], prior: Double = TrustParameters.defaultPrior,
                options: SolverOptions = SolverOptions()) {
        self.model = model
        self.dates = dates
        self.prior = prior
        var trust: [[Double]] = []
        var solved: [Int] = []
        var converged = true
        var previous: TrustSolution?
        let n = model.supplierCount
        let incremental = IncrementalSolve(graph: model.graph, schedule: model.schedule)
        let scratch = IncrementalSolve.Scratch()
        for day in dates {
            let parameters = TrustParameters(date: day, prior: prior)
            let base = model.baseTrust(parameters, threads: options.threads)
            var solution: TrustSolution
            if let last = previous {
                var seeds: [Int] = []
                for i in 0..<n where base[i].bitPattern != last.base[i].bitPattern { seeds.append(i) }
                let affected = seeds.isEmpty ? [] : incremental.affected(from: seeds, scratch: scratch)
                if affected.count * 2 > n {
                    solution = model.solve(base: base, options: options)
                } else {
                    var distrust = last.distrust, trustNow = last.trust
                    let components = incremental.components(of: affected, scratch: scratch)
                    let report = incremental.solve(components: components, base: base, fixed: [], distrust: &distrust, options: options)
                    for v in affected { trustNow[Int(v)] = TrustModel.trust(base: base[Int(v)], distrust: distrust[Int(v)]) }
                    solution = TrustSolution(base: base, distrust: distrust, trust: trustNow, report: report)
                }
            } else {
                solution = model.solve(base: base, options: options)
            }
            converged = converged && solution.report.converged
            solved.append(solution.report.solvedSuppliers)
            trust.append(solution.trust)
            previous = solution
        }
        self.trust = trust
        solvedSuppliers = solved
        self.converged = converged
        if let first = dates.first, let last = dates.last {
            let certs = model.dataset.certifications
            lapses = RenewalAnalysis.lapsing(model.dataset, from: first, to: last)
                .map { LapseEvent(lapse: $0.lapse, supplier: Int(certs.supplier[$0.row]), scheme: certs.scheme[$0.row]) }
                .sorted { $0.lapse < $1.lapse }
        } else {
            lapses = []
        }
    }

    /// Mean trust over all suppliers at date index `k` (0 with no supplier).
    public func mean(at k: Int) -> Double {
        trust[k].isEmpty ? 0 : trust[k].reduce(0, +) / Double(trust[k].count)
    }

    /// How many suppliers are below `threshold` at date index `k`.
    public func count(below threshold: Double, at k: Int) -> Int {
        trust[k].lazy.filter { $0 < threshold }.count
    }

    /// The `count` suppliers whose trust spans the widest range over the
    /// window (largest max − min first, then dataset order); none that never moves.
    public func movers(_ count: Int) -> [Int] {
        guard let first = trust.first else { return [] }
        var range = [Double](repeating: 0, count: first.count)
        for i in first.indices {
            var (low, high) = (first[i], first[i])
            for row in trust { low = min(low, row[i]); high = max(high, row[i]) }
            range[i] = high - low
        }
        return first.indices.filter { range[$0] > 1e-9 }.sorted { (range[$0], -$0) > (range[$1], -$1) }.prefix(count).map { $0 }
    }
}
