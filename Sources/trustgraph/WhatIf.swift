import ArgumentParser
import TrustGraphCore
import TrustGraphGraphviz

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
        add-supplier {id, name?, country?, sector?, prior?}, add-certification {supplier, scheme, status?, issued?, expires?, last_evidence?, scope?}, \
        add-dependency {consumer, provider, criticality?, group?}, remove-dependency {consumer, \
        provider, group?}, set-criticality {consumer, provider, criticality, group?}, \
        set-assurance {scheme, assurance}, set-prior {value, supplier?}, set-date DATE.

        Every step of every scenario is checked before anything is solved: an unknown key, \
        supplier, scheme or dependency is an error naming the scenario, the step and its line, \
        and then nothing is computed. Each scenario re-solves only the suppliers its steps can \
        reach; the baseline never changes.

        The table shows, per scenario, the suppliers whose trust changed (worst first) and then \
        the scenarios side by side. CSV and JSON carry scenario,id,baseline,trust,delta \
        (then base_trust,name) for every supplier present in the scenario (exited suppliers have no \
        row; added ones follow the dataset's, with an empty baseline and delta); --changed-only \
        keeps the changed and the added ones.

        --render DIR writes one SVG per scenario (DIR/<scenario>.svg, the name's letters and digits, \
        at most 80): the changed part of \
        the graph — the suppliers the steps name and those whose trust moved, with their direct \
        neighbours, at most 300, the targets and the largest drops first — coloured by the change \
        in trust, the steps' targets drawn with a heavy outline.

        Exit status: 0 on success, 1 when the dataset or the scenario file has errors, 3 when \
        the baseline or a scenario did not converge within --max-iterations (the results are \
        still written), 64 when the command line is wrong (an unknown option, a missing or bad value).

        Examples:
          trustgraph whatif samples/eu-cloud samples/scenarios/cdn-breach.yaml \\
              --date 2026-06-30
          trustgraph whatif samples/eu-cloud samples/scenarios/cdn-breach.yaml \\
              --date 2026-06-30 --render out/cdn-breach
          trustgraph whatif samples/eu-cloud samples/scenarios/next-year.yaml \\
              --date 2026-06-30 --format csv --changed-only
          trustgraph whatif samples/eu-cloud samples/scenarios/candidate-cdn.yaml \\
              --date 2026-06-30 --format csv
        """
    )

    @OptionGroup var data: DatasetOptions

    @Argument(help: ArgumentHelp("Scenario file (YAML).", valueName: "scenarios.yaml"))
    var scenarios: String

    @OptionGroup var solver: SolverFlags
    @OptionGroup var output: OutputFlags

    @Option(parsing: .unconditional, help: ArgumentHelp("Trust below this counts as weak in the summaries.", valueName: "t"))
    var threshold: Number = Number(0.5)

    @Option(help: ArgumentHelp("Table: show at most N changed suppliers per scenario.", valueName: "n"))
    var top: Int = 20

    @Flag(name: .customLong("changed-only"), help: "CSV/JSON: only the suppliers whose trust changed.")
    var changedOnly = false

    @Option(help: ArgumentHelp("Also write one SVG per scenario into this directory, the change highlighted.", valueName: "dir"))
    var render: String?

    @OptionGroup(title: "Graphviz (with --render)") var graphviz: GraphvizFlags

    func validate() throws {
        guard threshold.value >= 0 && threshold.value <= 1 else { throw ValidationError("--threshold \(threshold) is out of range (expected a number in [0,1])") }
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let dataset = try data.load()
        let runner = ScenarioRunner(model: TrustModel(dataset), parameters: data.parameters, options: solver.options)
        let parsed = try WhatIf.readScenarios(scenarios, runner: runner)
        var outcomes: [ScenarioOutcome] = []
        for scenario in parsed { outcomes.append(try runner.run(scenario)) }
        let report = WhatIfReport(outcomes: outcomes, threshold: threshold.value)
        switch output.format {
        case .csv: try output.emitCSV(bytes: report.csvBytes(changedOnly: changedOnly, threads: solver.threads), delimiter: data.reading.delimiter)
        case .json: try output.emit(bytes: report.jsonBytes(changedOnly: changedOnly, threads: solver.threads))
        case .table: try output.emit(report.table(top: top))
        }
        if let render { try renderScenarios(outcomes, into: render) }
        // Scenarios start from the baseline: one that did not converge makes every delta uncertain.
        let baseline = runner.baseline.report
        var convergence = Convergence()
        convergence.note(converged: baseline.converged, warning: "warning: the baseline did not converge within --max-iterations: "
                         + "after \(plural(baseline.sweeps, "sweep")) the largest change was \(baseline.finalChange)")
        for outcome in outcomes {
            convergence.note(converged: outcome.solution.report.converged,
                             warning: "warning: scenario '\(outcome.scenario.name)' did not converge within --max-iterations")
        }
        try convergence.check()
    }
}

extension WhatIf {
    /// The scenarios of the file at `path`, each step checked against the runner's dataset.
    /// - Throws: `CommandFailure` with every problem of the file at once (see `ScenarioRunner.read`).
    static func readScenarios(_ path: String, runner: ScenarioRunner) throws -> [Scenario] {
        let text: String
        switch FileBytes.read(path) {
        case .success(let bytes): text = String(decoding: bytes, as: UTF8.self)
        case .failure(.missing): throw CommandFailure("error: scenario file '\(path)' does not exist")
        case .failure(.unreadable(let reason)): throw CommandFailure("error: cannot read '\(path)': \(reason)")
        }
        do {
            return try runner.read(text, file: path.split(separator: "/").last.map(String.init) ?? path)
        } catch {
            throw CommandFailure(lines: [error.description, "\(path): \(plural(error.errors.count, "error")); nothing was applied"])
        }
    }

    /// Writes DIR/<scenario>.svg for each outcome: the changed part of the graph, coloured by delta.
    func renderScenarios(_ outcomes: [ScenarioOutcome], into directory: String) throws {
        do {
            try FileBytes.makeDirectory(directory)
        } catch {
            throw CommandFailure("error: \(error.description)")
        }
        var used = Set<String>()
        for outcome in outcomes {
            let options = TrustMapOptions(scenario: outcome)
            let map = TrustMap(model: outcome.model, solution: outcome.solution, parameters: outcome.parameters, options: options)
            let path = directory + "/" + WhatIf.fileName(for: outcome.scenario.name, avoiding: &used) + ".svg"
            do {
                let rendered = try TrustMapFile.render(map, as: .svg, limits: graphviz.limits)
                try FileBytes.writeAtomically(rendered.bytes, to: path)
            } catch let error as GraphvizError {
                throw CommandFailure("error: scenario '\(outcome.scenario.name)': \(error)")
            } catch let error as FileBytes.WriteError {
                throw CommandFailure("error: \(error.description)")
            }
            Console.error("wrote \(path): \(plural(map.selection.suppliers.count, "supplier")), \(outcome.changed.count) changed")
        }
    }

    /// A file name for a scenario: lower-case letters, digits and dashes, unique within the run.
    static func fileName(for name: String, avoiding used: inout Set<String>) -> String {
        var slug = ""
        for scalar in name.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                slug.unicodeScalars.append(scalar)
            } else if !slug.hasSuffix("-") && !slug.isEmpty {
                slug += "-"
            }
        }
        // File names are limited (255 bytes on most systems): a long name keeps its first 80 characters.
        if slug.count > 80 { slug = String(slug.prefix(80)) }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.isEmpty { slug = "scenario" }
        var candidate = slug
        var k = 2
        while used.contains(candidate) { candidate = "\(slug)-\(k)"; k += 1 }
        used.insert(candidate)
        return candidate
    }
}

extension WhatIf: ReadsAndWritesFiles {
    var inputFiles: [String] { data.inputFiles + [scenarios] }
    var outputFiles: [String] { output.output.map { [$0] } ?? [] }
}
