import ArgumentParser
import TrustGraphCore
import TrustGraphGraphviz
import TrustGraphReport

#if canImport(Glibc)
import Glibc
#endif

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

        Exit status: 0 on success, 1 on bad input or a failed map or write, 3 when a cycle did \
        not converge within --max-iterations (the report is still written), 64 when the command \
        line is wrong (an unknown option, a missing or bad value).

        Examples:
          trustgraph report samples/eu-cloud --date 2026-06-30 -o report.html
          trustgraph report samples/eu-cloud --date 2026-06-30 -o report.html \\
              --scenarios samples/scenarios/cdn-breach.yaml \\
              --scenarios samples/scenarios/next-year.yaml
          trustgraph report big/ --max-nodes 150 --title "Q3 supplier review" -o q3.html
        """
    )

    @OptionGroup var data: DatasetOptions

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The HTML file to write.", valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp("A scenario file (YAML, as for whatif); repeat for more.", valueName: "file"))
    var scenarios: [String] = []

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
    }

    func run() throws {
        do {
            try TrustMapFile.checkWritable(output)
        } catch {
            Console.error("error: \(error.description)")
            throw ExitCode(1)
        }
        let dataset = try data.load()
        let parameters = data.parameters
        let model = TrustModel(dataset)
        let solution = model.solve(parameters, options: solver.options)
        let n = model.supplierCount
        let showProgress = isatty(2) != 0 && n >= 20_000
        let impacts = ImpactAnalysis(model: model, baseline: solution, options: solver.options,
                                     progress: showProgress ? Analyze.progressLine(total: n) : nil)
        if showProgress { Console.progress(nil) }
        let analysis = AnalysisReport(model: model, solution: solution, impacts: impacts,
                                      pageRank: PageRank(model: model, threads: solver.threads))

        let runner = ScenarioRunner(model: model, parameters: parameters, baseline: solution, options: solver.options)
        var outcomes: [ScenarioOutcome] = []
        for file in scenarios {
            for scenario in try WhatIf.readScenarios(file, runner: runner) { outcomes.append(try runner.run(scenario)) }
        }

        let inputs = ReportInputs(model: model, parameters: parameters, solution: solution, analysis: analysis, outcomes: outcomes,
                                  threshold: threshold.value, title: title, datasetName: Report.datasetName(data.dataset),
                                  toolVersion: TrustGraphCommand.configuration.version)
        let maps = ReportMaps(inputs, maxNodes: maxNodes)
        for note in maps.notes { Console.error(note) }
        let document = ReportDocument(inputs, detailed: maps.baseline.selection.suppliers)
        let page: [UInt8]
        do {
            let rendered = try maps.render(document, limits: graphviz.limits)
            for (_, failure) in rendered.failures.sorted(by: { $0.key < $1.key }) {
                Console.error("warning: \(failure.description); the report says so in its place")
            }
            page = ReportPage.html(document, maps: rendered.maps, missing: rendered.failures.mapValues(\.description))
            try TrustMapFile.write(page, to: output)
        } catch let error as ReportMapError {
            Console.error("error: \(error.description)")
            throw ExitCode(1)
        } catch let error as TrustMapFileError {
            Console.error("error: \(error.description)")
            throw ExitCode(1)
        }
        let megabytes = TextTable.fixed(Double(page.count) / 1_000_000, 1)
        try Console.out("wrote \(output): \(plural(n, "supplier")), map of \(maps.baseline.selection.suppliers.count), "
                        + "\(plural(outcomes.count, "scenario")), \(megabytes) MB")
        Console.reportConvergence(solution.report)
        let notConverged = outcomes.filter { !$0.solution.report.converged }
        for outcome in notConverged {
            Console.error("warning: scenario '\(outcome.scenario.name)' did not converge within --max-iterations")
        }
        if !solution.report.converged || !notConverged.isEmpty { throw ExitCode(notConvergedExitCode) }
    }

    /// The dataset's name for the footer: its directory's last component.
    static func datasetName(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        return trimmed.split(separator: "/").last.map(String.init) ?? trimmed
    }
}

extension Report: ReadsAndWritesFiles {
    var inputFiles: [String] { data.inputFiles + scenarios }
    var outputFiles: [String] { [output] }
}
