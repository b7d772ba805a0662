/// Where the next certificate pays most (contract: over-time, advise).
///
/// Candidates: each supplier that something depends on, with each scheme it
/// holds no certification of that counts at D. For each candidate,
///
///     gain(i, s) = Σ_k t_k after add-certification {supplier: i, scheme: s, status: valid,
///                  issued: D, last_evidence: D, scope: full}  −  t_k
///
/// The new certificate is fresh (evidence today) and full, so it is worth the
/// scheme's assurance. Each candidate re-solves only what its supplier's base
/// trust reaches, spread over threads; results do not depend on their number.
public struct CertificationAdvice: Sendable {
    /// One candidate certificate and what it would raise.
    public struct Candidate: Sendable, Equatable {
        public var supplier: Int
        public var scheme: Int32
        /// Σ over all suppliers of the trust gained (≥ 0).
        public var gain: Double
        /// Suppliers gaining more than 1e-9.
        public var affected: Int
        /// The scheme's cost, when schemes.csv gives one.
        public var cost: Double?
        /// gain / cost; nil when the cost is unknown or 0.
        public var gainPerCost: Double? { cost.flatMap { $0 > 0 ? gain / $0 : nil } }
        /// The supplier other than the candidate's that gains most, and its gain (nil when none gains).
        public var mostHelped: Int?
        public var mostHelpedGain: Double
    }

    /// How candidates are ranked.
    public enum Order: String, Sendable, CaseIterable {
        /// Gain, largest first, then supplier id, then scheme name.
        case gain
        /// Gain per unit of cost, largest first, unknown costs last; then as `gain`.
        case gainPerCost = "gain-per-cost"
    }

    public let parameters: TrustParameters
    /// Schemes considered, in catalogue (or `--schemes`) order.
    public let schemes: [Int32]
    /// Every candidate, sorted by `order`.
    public let candidates: [Candidate]
    public let order: Order

    /// Computes the gain of every candidate.
    /// - Parameters:
    ///   - baseline: the model solved at `parameters`.
    ///   - schemes: the schemes to consider (default: the whole catalogue).
    ///   - progress: called now and then with the number of candidates done (from any thread).
    /// - Complexity: per candidate, the suppliers its change reaches.
    public init(model: TrustModel, parameters: TrustParameters, baseline: TrustSolution, schemes: [Int32]? = nil,
                order: Order = .gain, options: SolverOptions = SolverOptions(), progress: (@Sendable (Int) -> Void)? = nil) {
        let dataset = model.dataset
        let catalogue = dataset.schemes
        let schemes = schemes ?? (0..<Int32(catalogue.count)).map { $0 }
        let inputs = BaseTrust.Inputs(dataset, index: model.certificationIndex, parameters: parameters)
        let graph = model.graph
        // Candidates, supplier-major in dataset order: who is depended on, and the schemes it lacks.
        var pairs: [(supplier: Int32, scheme: Int32)] = []
        var held = [Bool](repeating: false, count: catalogue.count)
        let index = model.certificationIndex
        for i in 0..<model.supplierCount where graph.consumerStart[i + 1] > graph.consumerStart[i] {
            for k in Int(index.start[i])..<Int(index.start[i + 1]) {
                let row = Int(index.rows[k])
                if inputs.counts(row) { held[Int(dataset.certifications.scheme[row])] = true }
            }
            for s in schemes where !held[Int(s)] { pairs.append((Int32(i), s)) }
            for k in Int(index.start[i])..<Int(index.start[i + 1]) { held[Int(dataset.certifications.scheme[Int(index.rows[k])])] = false }
        }
        var gain = [Double](repeating: 0, count: pairs.count)
        var affected = [Int](repeating: 0, count: pairs.count)
        var helped = [Int32](repeating: -1, count: pairs.count)
        var helpedGain = [Double](repeating: 0, count: pairs.count)
        let done = ProgressCounter()
        let candidatePairs = pairs
        withSharedBuffers(&gain, &affected, &helped, &helpedGain) { gain, affected, helped, helpedGain in
            let out = (gain: gain, affected: affected, helped: helped, helpedGain: helpedGain)
            Parallel.forEachChunk(candidatePairs.count, chunk: 64, threads: options.threads, makeState: {
                CounterfactualState(model: model, baseline: baseline, options: options)
            }) { state, range in
                for k in range {
                    let (i, s) = (Int(candidatePairs[k].supplier), Int(candidatePairs[k].scheme))
                    // issued D, last evidence D (age 0, fresh), full scope, no expiry: worth the assurance.
                    let value = BaseTrust.certificationValue(status: .valid, issued: inputs.date, expires: CertificationTable.noEnd,
                                                             evidence: inputs.date, partial: false, assurance: inputs.assurance[s],
                                                             halfLifeDays: inputs.halfLifeDays[s], date: inputs.date)
                    let raised = inputs.value(of: i, scratch: &state.scratch, adding: s, worth: value)
                    let outcome = state.worker.change(i, base: raised)
                    out.gain[k] = outcome.delta
                    out.affected[k] = outcome.affected
                    out.helped[k] = outcome.mostMovedDelta > 1e-9 ? outcome.mostMoved : -1
                    out.helpedGain[k] = outcome.mostMovedDelta
                }
                if let progress { progress(done.add(range.count)) }
            }
        }
        var candidates: [Candidate] = []
        candidates.reserveCapacity(pairs.count)
        for (k, pair) in pairs.enumerated() {
            candidates.append(Candidate(supplier: Int(pair.supplier), scheme: pair.scheme, gain: gain[k], affected: affected[k],
                                        cost: catalogue.cost(of: pair.scheme), mostHelped: helped[k] >= 0 ? Int(helped[k]) : nil,
                                        mostHelpedGain: helped[k] >= 0 ? helpedGain[k] : 0))
        }
        let suppliers = dataset.suppliers, names = catalogue.names
        candidates.sort { a, b in
            if order == .gainPerCost {
                switch (a.gainPerCost, b.gainPerCost) {
                case let (x?, y?) where x != y: return x > y
                case (.some, nil): return true
                case (nil, .some): return false
                default: break
                }
            }
            if a.gain != b.gain { return a.gain > b.gain }
            if a.supplier != b.supplier { return String.codePointPrecedes(suppliers.id(a.supplier), suppliers.id(b.supplier)) }
            return String.codePointPrecedes(names[Int(a.scheme)], names[Int(b.scheme)])
        }
        self.parameters = parameters
        self.schemes = schemes
        self.candidates = candidates
        self.order = order
    }
}
