import ArgumentParser
import TrustGraphCore

struct WhatIf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Run what-if scenarios and show who is hurt, and by how much.",
        discussion: """
        A scenario file (YAML) holds one or more scenarios, each a list of steps applied in order \
        to a copy of the dataset:

          scenarios:
            - name: CDN breach
              steps:
                - compromise: {supplier: cdn-edgeway}
            - name: Next June
              steps:
                - set-date: 2027-06-30

        Steps: revoke {supplier, scheme?}, compromise {supplier}, exit {supplier}, \
        add-certification {supplier, scheme, status?, issued?, expires?, last_evidence?, scope?}, \
        add-dependency {consumer, provider, criticality?, group?}, remove-dependency {consumer, \
        provider, group?}, set-criticality {consumer, provider, criticality, group?}, \
        set-assurance {scheme, assurance}, set-prior {value, supplier?}, set-date DATE.

        Every step of every scenario is checked before anything is solved: an unknown key, \
        supplier, scheme or dependency is an error naming the scenario, the step and its line, \
        and then nothing is computed. Each scenario re-solves only the suppliers its steps can \
        reach; the baseline never changes.

        The table shows, per scenario, the suppliers whose trust changed (worst first) and then \
        the scenarios side by side. CSV and JSON carry scenario,id,baseline,trust,delta \
        (then base_trust) for every supplier present in the scenario (exited suppliers have no \
        row); --changed-only keeps the changed ones.

        Examples:
          trustgraph whatif samples/eu-cloud samples/scenarios/cdn-breach.yaml --date 2026-06-30
          trustgraph whatif samples/eu-cloud samples/scenarios/next-year.yaml --date 2026-06-30 --format csv --changed-only
        """
    )

    @OptionGroup var data: DatasetOptions

    @Argument(help: ArgumentHelp("Scenario file (YAML).", valueName: "scenarios.yaml"))
    var scenarios: String

    @OptionGroup var solver: SolverFlags
    @OptionGroup var output: OutputFlags

    @Option(help: ArgumentHelp("Trust below this counts as weak in the summaries (default: 0.5).", valueName: "t"))
    var threshold: Double = 0.5

    @Option(help: ArgumentHelp("Table: show at most N changed suppliers per scenario (default: 20).", valueName: "n"))
    var top: Int = 20

    @Flag(name: .customLong("changed-only"), help: "CSV/JSON: only the suppliers whose trust changed.")
    var changedOnly = false

    func validate() throws {
        guard threshold >= 0 && threshold <= 1 else { throw ValidationError("--threshold must be in [0,1]") }
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let dataset = try data.load()
        let text: String
        switch FileBytes.read(scenarios) {
        case .success(let bytes): text = String(decoding: bytes, as: UTF8.self)
        case .failure(.missing):
            Console.error("error: scenario file '\(scenarios)' does not exist")
            throw ExitCode(1)
        case .failure(.unreadable(let reason)):
            Console.error("error: cannot read '\(scenarios)': \(reason)")
            throw ExitCode(1)
        }
        let fileName = scenarios.split(separator: "/").last.map(String.init) ?? scenarios
        let runner = ScenarioRunner(model: TrustModel(dataset), parameters: data.parameters, options: solver.options)
        let outcomes: [ScenarioOutcome]
        do {
            let parsed = try ScenarioFile.parse(text, file: fileName)
            try runner.validate(parsed, file: fileName)
            outcomes = try parsed.map { (scenario) throws(ScenarioFileError) in try runner.run(scenario) }
        } catch {
            Console.error(error.description)
            Console.error("\(scenarios): \(error.errors.count) error\(error.errors.count == 1 ? "" : "s"); nothing was applied")
            throw ExitCode(1)
        }
        let report = WhatIfReport(outcomes: outcomes, threshold: threshold)
        switch output.format {
        case .csv: try output.emit(report.csv(changedOnly: changedOnly))
        case .json: try output.emit(report.json(changedOnly: changedOnly))
        case .table: try output.emit(report.table(top: top))
        }
        let notConverged = outcomes.filter { !$0.solution.report.converged }
        for outcome in notConverged {
            Console.error("warning: scenario '\(outcome.scenario.name)' did not converge within --max-iterations")
        }
        if !notConverged.isEmpty { throw ExitCode(notConvergedExitCode) }
    }
}
