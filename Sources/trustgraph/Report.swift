import ArgumentParser
import TrustGraphCore
import TrustGraphGraphviz
import TrustGraphReport

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one self-contained HTML report for the people who decide.",
        discussion: """
        The report is a single HTML file that opens in any current browser and loads nothing \
        from the network: send it by mail, put it in a board pack, archive it with the data.

        It holds:
          summary    suppliers, mean trust, how many fall below --threshold,
                     the five weakest and the five whose compromise costs most;
          trust map  the map `render` draws, with pan and zoom, a search box
                     that centres a supplier, and a details panel (trust, base
                     trust, certificates, the text `explain` prints);
          tables     weakest suppliers, impact ranking, concentration, single
                     points of failure: every supplier, sortable, filterable;
          policy     with --policy, the verdict in the summary (passes or fails,
                     the counts by severity, fail_on) and every finding of
                     `check` in a table;
          renewals   with --from and --to, the certificates lapsing in the
                     window ranked by the trust each lapse costs (as `renewals`),
                     and the chart `timeline --format svg` draws (monthly dates);
          scenarios  with --scenarios, per scenario the comparison with today
                     and its map, the change highlighted (as whatif --render);
          footer     the date, the dataset, trustgraph's and the contract's
                     versions.

        Large datasets: the map shows at most --max-nodes suppliers (chosen as `render` \
        chooses them) and says how many of how many; the tables hold every supplier and draw \
        a page of rows at a time.

        Safe to open: every value from the data is escaped, the page's Content-Security-Policy \
        forbids any request and runs only its own script and style (by hash), and the data \
        travels as JSON, never as markup. Hooks for automation: every supplier on a map is an \
        element with data-supplier="ID"; the details panel is #details; the weakest-suppliers \
        table is <table data-table="suppliers"> with rows <tr data-supplier="ID"> and a filter \
        <input data-filter="suppliers">.

        The file is written atomically: it is either complete or left as it was.

        Graphviz runs in a child process within --timeout and --memory-limit. When the \
        dataset's map fails, nothing is written; when a scenario's map fails (a scenario that \
        changes much of a large dataset can outgrow the limits), the report is written with \
        a note in the map's place and a warning on standard error.

        Exit status: 0 on success, 1 on bad input or a failed map or write, 2 when the policy \
        has errors (as for check) or --to is before --from (as for timeline), and nothing is \
        written, 3 when a cycle did not converge within --max-iterations (the report is still \
        written), 64 when the command line is wrong (an unknown option, a missing or bad value, \
        --from without --to).

        Examples:
          trustgraph report samples/eu-cloud --date 2026-06-30 -o report.html
          trustgraph report samples/eu-cloud --date 2026-06-30 -o report.html \\
              --scenarios samples/scenarios/cdn-breach.yaml \\
              --scenarios samples/scenarios/next-year.yaml
          trustgraph report samples/eu-cloud --date 2026-06-30 -o report.html \\
              --policy samples/policies/eu-cloud-baseline.yaml \\
              --from 2026-06-30 --to 2027-06-30
          trustgraph report big/ --max-nodes 150 --title "Q3 supplier review" -o q3.html
        """
    )

    @OptionGroup var data: DatasetOptions

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The HTML file to write.", valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp("A scenario file (YAML, as for whatif); repeat for more.", valueName: "file"))
    var scenarios: [String] = []

    @Option(help: ArgumentHelp("A policy file (YAML, as for check): its verdict in the summary, its findings in a table.",
                               valueName: "file"))
    var policy: String?

    @Option(help: ArgumentHelp("First day of the renewals window and the timeline, YYYY-MM-DD (with --to).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last day of the renewals window and the timeline, YYYY-MM-DD, included (with --from).", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("The report's heading.", valueName: "text"))
    var title: String = "Supplier trust report"

    @Option(name: .customLong("max-nodes"), help: ArgumentHelp("Draw at most this many suppliers on a map.", valueName: "n"))
    var maxNodes: Int = 300

    @Option(parsing: .unconditional, help: ArgumentHelp("Trust below this counts as weak.", valueName: "t"))
    var threshold: Number = Number(0.5)

    @OptionGroup var solver: SolverFlags

    @OptionGroup(title: "Graphviz") var graphviz: GraphvizFlags

    func validate() throws {
        guard maxNodes >= 1 else { throw ValidationError("--max-nodes must be at least 1") }
        guard threshold.value >= 0 && threshold.value <= 1 else { throw ValidationError("--threshold \(threshold) is out of range (expected a number in [0,1])") }
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, Day(value) == nil { throw ValidationError("\(name) '\(value)' is not a real calendar day in YYYY-MM-DD form") }
        }
        if (from == nil) != (to == nil) {
            throw ValidationError("\(from == nil ? "--to" : "--from") needs \(from == nil ? "--from" : "--to"): "
                                  + "the renewals table and the timeline chart cover the window from --from to --to")
        }
    }

    /// The renewals window, when given; a `--to` before `--from` is reported and exits 2 (nothing is computed).
    func window() throws -> (from: Day, to: Day)? {
        guard let start = from.flatMap(Day.init), let end = to.flatMap(Day.init) else { return nil }
        guard end >= start else {
            throw CommandFailure("error: --to \(end) is before --from \(start) (the window runs from --from to --to); nothing was written",
                                 status: ExitStatus.badInput)
        }
        return (start, end)
    }

    func run() throws {
        do {
            try TrustMapFile.checkWritable(output)
        } catch {
            throw CommandFailure("error: \(error.description)")
        }
        let window = try window()
        let evaluator: PolicyEvaluator?
        let dataset: Dataset
        if let policy {
            (evaluator, dataset) = try Check.readPolicy(policy) { try data.load() }
        } else {
            (evaluator, dataset) = (nil, try data.load())
        }
        let parameters = data.parameters
        let model = TrustModel(dataset)
        let solution = model.solve(parameters, options: solver.options)
        let n = model.supplierCount
        let progress = ProgressLine.make("impact", total: n, unit: "suppliers", worthIt: n >= 20_000)
        let impacts = ImpactAnalysis(model: model, baseline: solution, options: solver.options, progress: progress)
        if progress != nil { Console.progress(nil) }
        let analysis = AnalysisReport(model: model, solution: solution, impacts: impacts,
                                      pageRank: PageRank(model: model, threads: solver.threads))

        let runner = ScenarioRunner(model: model, parameters: parameters, baseline: solution, options: solver.options)
        var outcomes: [ScenarioOutcome] = []
        for file in scenarios {
            for scenario in try WhatIf.readScenarios(file, runner: runner) { outcomes.append(try runner.run(scenario)) }
        }

        let outcome = evaluator?.evaluate(model: model, solution: solution, parameters: parameters)
        var renewals: RenewalAnalysis?
        var timeline: TrustTimeline?
        if let (start, end) = window {
            renewals = RenewalAnalysis(model: model, from: start, to: end, prior: parameters.prior, options: solver.options)
            let dates = Report.timelineStep.dates(from: start, to: end)
            guard dates.count * max(n, 1) <= Timeline.maxValues else {
                throw CommandFailure("error: \(dates.count) dates × \(n) suppliers is more than \(Timeline.maxValues) values to keep "
                                     + "for the timeline; choose a shorter window (nothing was written)")
            }
            timeline = TrustTimeline(model: model, dates: dates, prior: parameters.prior, options: solver.options)
        }

        let inputs = ReportInputs(model: model, parameters: parameters, solution: solution, analysis: analysis, outcomes: outcomes,
                                  threshold: threshold.value, title: title, datasetName: Report.datasetName(data.dataset),
                                  toolVersion: TrustGraphCommand.configuration.version, policy: outcome, renewals: renewals,
                                  timeline: timeline)
        let maps = ReportMaps(inputs, maxNodes: maxNodes)
        for note in maps.notes { Console.error(note) }
        let document = ReportDocument(inputs, detailed: maps.baseline.selection.suppliers)
        let page: [UInt8]
        do {
            let rendered = try maps.render(document, limits: graphviz.limits)
            for (_, failure) in rendered.failures.sorted(by: { $0.key < $1.key }) {
                Console.error("warning: \(failure.description); the report says so in its place")
            }
            page = ReportPage.html(document, maps: rendered.maps, missing: rendered.failures.mapValues(\.description),
                                   charts: rendered.charts)
            try TrustMapFile.write(page, to: output)
        } catch let error as ReportMapError {
            throw CommandFailure("error: \(error.description)")
        } catch let error as TrustMapFileError {
            throw CommandFailure("error: \(error.description)")
        }
        let megabytes = TextTable.fixed(Double(page.count) / 1_000_000, 1)
        var parts = ["map of \(maps.baseline.selection.suppliers.count)", plural(outcomes.count, "scenario")]
        if let outcome {
            parts.append("policy \(outcome.failed ? "fails" : "passes") (\(plural(outcome.findings.count, "finding")))")
        }
        if let renewals { parts.append(plural(renewals.lapses.count, "lapsing certificate")) }
        try Console.out("wrote \(output): \(plural(n, "supplier")), \(parts.joined(separator: ", ")), \(megabytes) MB")
        var convergence = Convergence(solution.report)
        for outcome in outcomes {
            convergence.note(converged: outcome.solution.report.converged,
                             warning: "warning: scenario '\(outcome.scenario.name)' did not converge within --max-iterations")
        }
        convergence.note(converged: (renewals?.converged ?? true) && (timeline?.converged ?? true),
                         warning: "warning: a solve of the renewals or the timeline did not converge within --max-iterations")
        try convergence.check()
    }

    /// The timeline chart's step: a date a month.
    static let timelineStep = DateStep("1m")!

    /// The dataset's name for the footer: its directory's last component.
    static func datasetName(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        return trimmed.split(separator: "/").last.map(String.init) ?? trimmed
    }
}

extension Report: ReadsAndWritesFiles {
    var inputFiles: [String] { data.inputFiles + scenarios + (policy.map { [$0] } ?? []) }
    var outputFiles: [String] { [output] }
}
