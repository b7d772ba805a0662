/// Which lapsing certificate costs the portfolio most (contract: over-time, renewals).
///
/// A certification c (status `valid`, issued empty or ≤ expires, with an
/// expiry) lapses on L = expires + 1 day. For each c with D1 ≤ L ≤ D2:
///
///     loss(c) = Σ_i (t_i at L with c's expiry moved to L) − t_i at L
///
/// what renewing c just before it lapses keeps, on the day it would lapse.
/// The baseline is solved once per distinct lapse date; each certificate's
/// counterfactual then re-solves only what its holder's base trust reaches,
/// spread over threads with results that do not depend on their number.
public struct RenewalAnalysis: Sendable {
    /// One lapsing certificate and what its lapse costs.
    public struct Lapse: Sendable, Equatable {
        /// Row of `certifications.csv` (index in the dataset's certification table).
        public var row: Int
        public var supplier: Int
        public var scheme: Int32
        public var expires: Day
        /// expires + 1 day.
        public var lapse: Day
        /// Σ over all suppliers of the trust renewal would keep (≥ 0).
        public var loss: Double
        /// Suppliers keeping more than 1e-9.
        public var affected: Int
        /// The supplier other than the holder that loses most, and its loss (nil when none loses).
        public var mostHurt: Int?
        public var mostHurtLoss: Double
    }

    public let from: Day
    public let to: Day
    /// Sorted by loss (largest first), then lapse date, supplier id, scheme name.
    public let lapses: [Lapse]
    /// Baseline solves made (one per distinct lapse date).
    public let datesSolved: Int
    /// False when some solve did not converge within the iteration limit.
    public let converged: Bool

    /// Rows that lapse in `from...to`, with their lapse day, in row order.
    /// - Complexity: O(certifications).
    public static func lapsing(_ dataset: Dataset, from: Day, to: Day) -> [(row: Int, lapse: Day)] {
        let certs = dataset.certifications
        var result: [(Int, Day)] = []
        for r in 0..<certs.count where certs.status[r] == .valid && certs.expires[r] != CertificationTable.noEnd {
            guard certs.issued[r] == CertificationTable.noStart || certs.issued[r] <= certs.expires[r] else { continue }
            let lapse = Day(ordinal: certs.expires[r] + 1)
            if lapse >= from && lapse <= to { result.append((r, lapse)) }
        }
        return result
    }

    /// Computes the loss of every certification lapsing in `from...to`.
    /// - Parameters:
    ///   - prior: the global prior.
    ///   - progress: called now and then with the number of certifications done (from any thread).
    /// - Complexity: one full solve per distinct lapse date, plus, per certification, the suppliers its change reaches.
    public init(model: TrustModel, from: Day, to: Day, prior: Double = TrustParameters.defaultPrior,
                options: SolverOptions = SolverOptions(), progress: (@Sendable (Int) -> Void)? = nil) {
        self.from = from
        self.to = to
        let dataset = model.dataset
        let certs = dataset.certifications
        let found = RenewalAnalysis.lapsing(dataset, from: from, to: to).sorted { ($0.lapse, $0.row) < ($1.lapse, $1.row) }
        var loss = [Double](repeating: 0, count: found.count)
        var affected = [Int](repeating: 0, count: found.count)
        var hurt = [Int32](repeating: -1, count: found.count)
        var hurtLoss = [Double](repeating: 0, count: found.count)
        // Lapses of one day are contiguous: groups[g] ..< groups[g + 1].
        var groups = [0]
        for k in found.indices.dropFirst() where found[k].lapse != found[k - 1].lapse { groups.append(k) }
        if !found.isEmpty { groups.append(found.count) }
        let dayCount = groups.count - 1
        var dayConverged = [Bool](repeating: true, count: max(dayCount, 0))
        let done = ProgressCounter()
        let rows = found.map(\.row), days = found.map(\.lapse), starts = groups
        withSharedBuffers(&loss, &affected, &hurt, &hurtLoss, &dayConverged) { loss, affected, hurt, hurtLoss, converged in
            let out = (loss: loss, affected: affected, hurt: hurt, hurtLoss: hurtLoss, converged: converged)
            /// The counterfactuals of lapses `range` (all of one day) against that day's baseline.
            @Sendable func run(_ range: Range<Int>, _ state: CounterfactualState, inputs: BaseTrust.Inputs) {
                for k in range {
                    let row = rows[k]
                    let holder = Int(certs.supplier[row])
                    let renewed = inputs.value(of: holder, scratch: &state.scratch, row: row, expires: days[k].ordinal)
                    let outcome = state.worker.change(holder, base: renewed)
                    out.loss[k] = outcome.delta
                    out.affected[k] = outcome.affected
                    out.hurt[k] = outcome.mostMovedDelta > 1e-9 ? outcome.mostMoved : -1
                    out.hurtLoss[k] = outcome.mostMovedDelta
                }
                if let progress { progress(done.add(range.count)) }
            }
            if dayCount >= 2 * options.threads {
                // Many days: each thread takes whole days, solving the baseline on its own
                // (a day's solve at this size hardly spreads over threads; days do).
                let single = SolverOptions(tolerance: options.tolerance, maxIterations: options.maxIterations, threads: 1)
                Parallel.forEachChunk(dayCount, chunk: 1, threads: options.threads, makeState: { () -> CounterfactualState? in nil }) { state, range in
                    for g in range {
                        let parameters = TrustParameters(date: days[starts[g]], prior: prior)
                        let baseline = model.solve(parameters, options: single)
                        out.converged[g] = baseline.report.converged
                        if state == nil {
                            state = CounterfactualState(model: model, baseline: baseline, options: single)
                        } else {
                            state!.worker.rebase(baseline)
                        }
                        run(starts[g]..<starts[g + 1], state!, inputs: BaseTrust.Inputs(dataset, index: model.certificationIndex, parameters: parameters))
                    }
                }
            } else {
                // Few days: solve each on all threads and spread its lapses.
                for g in 0..<dayCount {
                    let parameters = TrustParameters(date: days[starts[g]], prior: prior)
                    let baseline = model.solve(parameters, options: options)
                    out.converged[g] = baseline.report.converged
                    let inputs = BaseTrust.Inputs(dataset, index: model.certificationIndex, parameters: parameters)
                    let (first, last) = (starts[g], starts[g + 1])
                    Parallel.forEachChunk(last - first, chunk: 32, threads: options.threads, makeState: {
                        CounterfactualState(model: model, baseline: baseline, options: options)
                    }) { state, range in
                        run(first + range.lowerBound ..< first + range.upperBound, state, inputs: inputs)
                    }
                }
            }
        }
        let converged = dayConverged.allSatisfy { $0 }
        let datesSolved = dayCount
        var lapses: [Lapse] = []
        lapses.reserveCapacity(found.count)
        for (k, item) in found.enumerated() {
            let r = item.row
            lapses.append(Lapse(row: r, supplier: Int(certs.supplier[r]), scheme: certs.scheme[r],
                                expires: Day(ordinal: certs.expires[r]), lapse: item.lapse, loss: loss[k], affected: affected[k],
                                mostHurt: hurt[k] >= 0 ? Int(hurt[k]) : nil, mostHurtLoss: hurt[k] >= 0 ? hurtLoss[k] : 0))
        }
        let suppliers = dataset.suppliers, names = dataset.schemes.names
        lapses.sort { a, b in
            if a.loss != b.loss { return a.loss > b.loss }
            if a.lapse != b.lapse { return a.lapse < b.lapse }
            if a.supplier != b.supplier { return String.codePointPrecedes(suppliers.id(a.supplier), suppliers.id(b.supplier)) }
            if a.scheme != b.scheme { return String.codePointPrecedes(names[Int(a.scheme)], names[Int(b.scheme)]) }
            return a.row < b.row
        }
        self.lapses = lapses
        self.datesSolved = datesSolved
        self.converged = converged
    }
}
