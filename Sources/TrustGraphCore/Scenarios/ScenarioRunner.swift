/// Runs what-if scenarios against a solved baseline (contract §4).
///
/// Each scenario applies its steps to a copy of the baseline dataset, then
/// re-solves only the suppliers its steps can reach; the result is bit for
/// bit that of solving the modified dataset from scratch (at tolerance 0).
/// The baseline is never changed.
public struct ScenarioRunner: Sendable {
    public let model: TrustModel
    public let parameters: TrustParameters
    public let baseline: TrustSolution
    public let options: SolverOptions

    /// Solves the baseline of `model`.
    public init(model: TrustModel, parameters: TrustParameters, options: SolverOptions = SolverOptions()) {
        self.init(model: model, parameters: parameters, baseline: model.solve(parameters, options: options), options: options)
    }

    /// Uses an already solved baseline.
    public init(model: TrustModel, parameters: TrustParameters, baseline: TrustSolution, options: SolverOptions = SolverOptions()) {
        self.model = model
        self.parameters = parameters
        self.baseline = baseline
        self.options = options
    }

    /// Checks every step of every scenario without solving anything.
    /// - Throws: `ScenarioFileError` listing every problem, each naming its scenario and step.
    public func validate(_ scenarios: [Scenario], file: String? = nil) throws(ScenarioFileError) {
        var errors: [ScenarioError] = []
        for scenario in scenarios {
            var workspace = ScenarioWorkspace(dataset: model.dataset, parameters: parameters)
            for (k, step) in scenario.steps.enumerated() {
                do {
                    try workspace.apply(step)
                } catch {
                    var located = error
                    located.file = file
                    located.line = k < scenario.stepLines.count ? scenario.stepLines[k] : 0
                    located.scenario = scenario.name
                    located.step = k < scenario.stepNumbers.count ? scenario.stepNumbers[k] : k + 1
                    located.stepKind = step.kind
                    errors.append(located)
                }
            }
        }
        if !errors.isEmpty { throw ScenarioFileError(errors: errors) }
    }

    /// Applies a scenario and solves it incrementally.
    /// - Throws: `ScenarioFileError` when a step names something that does not exist.
    public func run(_ scenario: Scenario) throws(ScenarioFileError) -> ScenarioOutcome {
        try validate([scenario])
        var workspace = ScenarioWorkspace(dataset: model.dataset, parameters: parameters)
        for step in scenario.steps { try! workspace.apply(step) }
        return solve(workspace, scenario: scenario)
    }

    /// Applies a scenario and solves the modified dataset from scratch (for checking the incremental path).
    public func runFromScratch(_ scenario: Scenario) throws(ScenarioFileError) -> ScenarioOutcome {
        try validate([scenario])
        var workspace = ScenarioWorkspace(dataset: model.dataset, parameters: parameters)
        for step in scenario.steps { try! workspace.apply(step) }
        let changed = TrustModel(workspace.dataset)
        let solution = changed.solve(workspace.parameters, options: options, compromised: workspace.compromised)
        return ScenarioOutcome(scenario: scenario, model: changed, parameters: workspace.parameters, baseline: baseline,
                               solution: solution, exited: workspace.exited, compromised: workspace.compromised)
    }

    private func solve(_ workspace: ScenarioWorkspace, scenario: Scenario) -> ScenarioOutcome {
        let n = model.supplierCount
        let changed = TrustModel(workspace.dataset, reusing: workspace.graphChanged ? nil : model)
        // Base trust: all of it when the date or global prior moved, else only where touched.
        var base = baseline.base
        if workspace.allBaseTouched {
            base = changed.baseTrust(workspace.parameters, threads: options.threads)
        } else if !workspace.baseTouched.isEmpty {
            var scratch = SchemeScratch(count: changed.dataset.schemes.count)
            for i in workspace.baseTouched {
                base[i] = BaseTrust.value(of: i, changed.dataset, index: changed.certificationIndex,
                                          parameters: workspace.parameters, scratch: &scratch)
            }
        }
        var seeds = Set(workspace.groupsTouched).union(workspace.compromised)
        if workspace.allBaseTouched {
            for i in 0..<n where base[i].bitPattern != baseline.base[i].bitPattern { seeds.insert(i) }
        } else {
            for i in workspace.baseTouched where base[i].bitPattern != baseline.base[i].bitPattern { seeds.insert(i) }
        }
        var fixed: [Bool] = []
        if !workspace.compromised.isEmpty {
            fixed = [Bool](repeating: false, count: n)
            for i in workspace.compromised { fixed[i] = true }
        }
        let incremental = IncrementalSolve(graph: changed.graph, schedule: changed.schedule)
        let scratch = IncrementalSolve.Scratch()
        let affected = incremental.affected(from: seeds, scratch: scratch)
        var distrust = baseline.distrust
        var trust = baseline.trust
        var report: SolveReport
        if affected.count * 2 <= n {
            // Copied now, on all threads, rather than by the first write to each.
            (distrust, trust) = ([Double].copy(of: baseline.distrust, threads: options.threads),
                                 [Double].copy(of: baseline.trust, threads: options.threads))
        }
        if affected.count * 2 > n {
            // Most of the graph moves: a full parallel solve is the faster way to the same bits.
            let full = changed.solve(base: base, options: options, compromised: workspace.compromised)
            distrust = full.distrust
            trust = full.trust
            report = full.report
        } else {
            let components = incremental.components(of: affected, scratch: scratch)
            report = base.withUnsafeBufferPointer { base in
                fixed.withUnsafeBufferPointer { fixed in
                    distrust.withUnsafeMutableBufferPointer { distrust in
                        incremental.solve(components: components, base: base, fixed: fixed, distrust: distrust, options: options)
                    }
                }
            }
            for v in affected {
                let i = Int(v)
                trust[i] = TrustModel.trust(of: i, base: base, distrust: distrust, fixed: fixed)
            }
        }
        let solution = TrustSolution(base: base, distrust: distrust, trust: trust, report: report)
        return ScenarioOutcome(scenario: scenario, model: changed, parameters: workspace.parameters, baseline: baseline,
                               solution: solution, exited: workspace.exited, compromised: workspace.compromised)
    }
}

/// A scenario's result next to the baseline.
public struct ScenarioOutcome: Sendable {
    public let scenario: Scenario
    /// The modified dataset, prepared.
    public let model: TrustModel
    public let parameters: TrustParameters
    public let baseline: TrustSolution
    public let solution: TrustSolution
    /// Suppliers that left (no row in the output).
    public let exited: Set<Int>
    public let compromised: Set<Int>

    /// Suppliers present in the scenario, in dataset order.
    public var present: [Int] { (0..<baseline.trust.count).filter { !exited.contains($0) } }

    /// t − baseline t of a supplier.
    public func delta(_ i: Int) -> Double { solution.trust[i] - baseline.trust[i] }

    /// Suppliers whose trust moved by more than 1e-9, worst drop first.
    public var changed: [Int] {
        present.filter { abs(delta($0)) > 1e-9 }.sorted { (delta($0), $0) < (delta($1), $1) }
    }

    /// Summary figures for comparing scenarios, over the suppliers present in the
    /// scenario both before and after (an exited supplier counts in neither).
    public func summary(threshold: Double) -> ScenarioSummary {
        let present = self.present
        let count = Double(max(present.count, 1))
        let changed = self.changed
        return ScenarioSummary(
            name: scenario.name, steps: scenario.steps.count, suppliers: present.count, exited: exited.count,
            meanBefore: present.reduce(0.0) { $0 + baseline.trust[$1] } / count,
            meanAfter: present.reduce(0.0) { $0 + solution.trust[$1] } / count,
            belowBefore: present.filter { baseline.trust[$0] < threshold }.count,
            belowAfter: present.filter { solution.trust[$0] < threshold }.count,
            changed: changed.count,
            worst: changed.first.flatMap { delta($0) < 0 ? (model.dataset.suppliers.id($0), delta($0)) : nil },
            solvedSuppliers: solution.report.solvedSuppliers)
    }
}

/// One row of the side-by-side comparison of scenarios.
public struct ScenarioSummary: Sendable {
    public var name: String
    public var steps: Int
    public var suppliers: Int
    public var exited: Int
    public var meanBefore: Double
    public var meanAfter: Double
    public var belowBefore: Int
    public var belowAfter: Int
    public var changed: Int
    /// The supplier whose trust dropped most, and by how much (nil when none dropped).
    public var worst: (id: String, delta: Double)?
    /// Suppliers the incremental re-solve recomputed.
    public var solvedSuppliers: Int
}
