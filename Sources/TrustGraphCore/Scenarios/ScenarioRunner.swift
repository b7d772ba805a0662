/// Runs what-if scenarios against a solved baseline (contract §4).
///
/// Each scenario applies its steps to a copy of the baseline dataset, then
/// re-solves only the suppliers its steps can reach (the whole changed
/// dataset when `add-supplier` made it larger); the result is bit for bit
/// that of solving the modified dataset from scratch (at tolerance 0).
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

    /// The scenarios of a scenario file's `text`, every step checked against this runner's dataset.
    /// - Parameter file: the file's name, for the errors.
    /// - Throws: `ScenarioFileError` with every problem of the file at once — its shape
    ///   and keys, then each readable step — in line order (steps of a line in order).
    public func read(_ text: String, file: String) throws(ScenarioFileError) -> [Scenario] {
        let (parsed, shapeErrors) = ScenarioFile.read(text, file: file)
        var errors = shapeErrors
        do {
            try validate(parsed, file: file)
        } catch {
            errors += error.errors
        }
        guard errors.isEmpty else {
            errors.sort { ($0.line, $0.step ?? 0) < ($1.line, $1.step ?? 0) }
            throw ScenarioFileError(errors: errors)
        }
        return parsed
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
        // New suppliers make every per-supplier array longer than the baseline's,
        // and the graph and schedule change size: the changed dataset is solved whole.
        guard workspace.added.isEmpty else {
            let changed = TrustModel(workspace.dataset)
            let solution = changed.solve(workspace.parameters, options: options, compromised: workspace.compromised)
            return ScenarioOutcome(scenario: scenario, model: changed, parameters: workspace.parameters, baseline: baseline,
                                   solution: solution, exited: workspace.exited, compromised: workspace.compromised)
        }
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
            report = incremental.solve(components: components, base: base, fixed: fixed, distrust: &distrust, options: options)
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

    /// Number of suppliers of the baseline dataset; suppliers added by the
    /// scenario's `add-supplier` steps have the indices from here on.
    public var baselineCount: Int { baseline.trust.count }

    /// Suppliers present in the scenario: the dataset's in their order, then
    /// those the scenario added, in order of addition.
    public var present: [Int] { (0..<solution.trust.count).filter { !exited.contains($0) } }

    /// Suppliers the scenario added and that are still present, in order of addition.
    public var added: [Int] { (baselineCount..<solution.trust.count).filter { !exited.contains($0) } }

    /// True when supplier `i` was added by the scenario (it has no baseline).
    public func isAdded(_ i: Int) -> Bool { i >= baselineCount }

    /// The baseline trust of supplier `i`, or nil when the scenario added it.
    public func baselineTrust(_ i: Int) -> Double? { isAdded(i) ? nil : baseline.trust[i] }

    /// t − baseline t of supplier `i`, or nil when the scenario added it.
    public func delta(_ i: Int) -> Double? { isAdded(i) ? nil : solution.trust[i] - baseline.trust[i] }

    /// Suppliers present before and after whose trust moved by more than 1e-9,
    /// worst drop first. Added suppliers have nothing to move from: they are in `added`.
    public var changed: [Int] {
        let moved = (0..<baselineCount).filter { !exited.contains($0) && abs(solution.trust[$0] - baseline.trust[$0]) > 1e-9 }
        return moved.sorted { (delta($0)!, $0) < (delta($1)!, $1) }
    }

    /// Summary figures for comparing scenarios, over the suppliers present in the
    /// scenario both before and after: a supplier that exits counts in neither,
    /// one the scenario adds in neither (it has no "before"), so the means and
    /// counts compare like with like.
    public func summary(threshold: Double) -> ScenarioSummary {
        let compared = (0..<baselineCount).filter { !exited.contains($0) }
        let count = Double(max(compared.count, 1))
        let changed = self.changed
        return ScenarioSummary(
            name: scenario.name, steps: scenario.steps.count, suppliers: compared.count,
            exited: exited.filter { $0 < baselineCount }.count, added: added.count,
            meanBefore: compared.reduce(0.0) { $0 + baseline.trust[$1] } / count,
            meanAfter: compared.reduce(0.0) { $0 + solution.trust[$1] } / count,
            belowBefore: compared.filter { baseline.trust[$0] < threshold }.count,
            belowAfter: compared.filter { solution.trust[$0] < threshold }.count,
            changed: changed.count,
            worst: changed.first.flatMap { delta($0)! < 0 ? (model.dataset.suppliers.id($0), delta($0)!) : nil },
            solvedSuppliers: solution.report.solvedSuppliers)
    }
}

/// One row of the side-by-side comparison of scenarios.
public struct ScenarioSummary: Sendable {
    public var name: String
    public var steps: Int
    /// Suppliers the figures are over: present both before and after.
    public var suppliers: Int
    /// Suppliers of the dataset that exited.
    public var exited: Int
    /// Suppliers the scenario added and that are still present (not in the figures).
    public var added: Int
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
