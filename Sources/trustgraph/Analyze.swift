import ArgumentParser
import TrustGraphCore

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank suppliers by what their compromise would cost; find concentration and single points of failure.",
        discussion: """
        For every supplier j:
          dependents  how many suppliers reach j through one or more dependency rows;
          impact      the trust the portfolio loses in total, Σ (t − t'), if j is compromised;
          affected    how many suppliers lose more than 1e-9 of trust then;
          pagerank    PageRank of j on the consumer→provider graph (damping 0.85, weights =
                      criticality weights), a measure of how central j is.
        Then the share of critical and high dependency rows landing on each provider, country \
        and sector with a Herfindahl–Hirschman index, and the single points of failure: \
        providers that are the only member of a critical or high group.

        The table is sorted by impact, largest first. CSV and JSON carry id,trust,dependents,\
        affected,impact,pagerank (then name,sector,country) for every supplier, in the order of \
        suppliers.csv (--sort impact ranks them); --what concentration \
        (dimension,name,rows,share,dimension_hhi) or --what single-points \
        (provider,consumer,group,weight,provider_trust) writes those lists instead, in full. \
        --top N keeps the N suppliers with most impact (the first N of --sort when given) and \
        the N single points of failure with most consumers, in every format.

        Exit status: 0 on success, 1 when the dataset has errors, 3 when a cycle did not \
        converge within --max-iterations (the figures are still written), 64 when the command line is wrong (an unknown option, a missing or bad value).

        Examples:
          trustgraph analyze samples/eu-cloud --date 2026-06-30
          trustgraph analyze samples/eu-cloud --format csv -o impact.csv
          trustgraph analyze samples/eu-cloud --format csv --sort impact
          trustgraph analyze samples/eu-cloud --format csv --top 10
          trustgraph analyze samples/eu-cloud --what single-points --format csv
        """
    )

    enum Section: String, ExpressibleByArgument, CaseIterable {
        case suppliers, concentration, singlePoints = "single-points"
    }

    @OptionGroup var data: DatasetOptions
    @OptionGroup var solver: SolverFlags
    @OptionGroup var output: OutputFlags

    @Option(help: ArgumentHelp("Only the N suppliers with most impact (the first N of --sort when given) and the N single points of failure with most consumers, in every format (default: 20 in the table, all in csv/json).",
                               valueName: "n"))
    var top: Int?

    @Option(help: ArgumentHelp("Supplier rows: impact (largest first), input (file order) or id (default: impact for the table and with --top, input for csv/json).",
                               valueName: "order"))
    var sort: AnalysisReport.Order?

    @Option(help: ArgumentHelp("Only this list: suppliers (the impact ranking), concentration or single-points. The table shows all three by default; CSV and JSON show suppliers.", valueName: "list"))
    var what: Section?

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let dataset = try data.load()
        let model = TrustModel(dataset)
        let parameters = data.parameters
        let solution = model.solve(parameters, options: solver.options)
        let n = model.supplierCount
        let progress = ProgressLine.make("impact", total: n, unit: "suppliers", worthIt: n >= 20_000)
        let impacts = ImpactAnalysis(model: model, baseline: solution, options: solver.options, progress: progress)
        if progress != nil { Console.progress(nil) }
        let pageRank = PageRank(model: model, threads: solver.threads)
        let report = AnalysisReport(model: model, solution: solution, impacts: impacts, pageRank: pageRank)
        let order = sort ?? .implied(table: output.format == .table, top: top)
        let shown = top ?? 20
        switch (output.format, what) {
        case (.table, nil): try output.emit(report.table(top: shown, order: order))
        case (.table, .suppliers): try output.emit(report.impactTable(top: shown, order: order))
        case (.table, .concentration): try output.emit(report.concentrationTable(limit: nil))
        case (.table, .singlePoints): try output.emit(report.singlePointsTable(top: shown, hint: false))
        case (.csv, .suppliers), (.csv, nil):
            try output.emitCSV(bytes: report.csvBytes(order: report.rows(order, top: top), threads: solver.threads), delimiter: data.reading.delimiter)
        case (.json, .suppliers), (.json, nil): try output.emit(bytes: report.jsonBytes(order: report.rows(order, top: top), threads: solver.threads))
        case (.csv, .concentration): try output.emitCSV(report.concentrationCSV, delimiter: data.reading.delimiter)
        case (.json, .concentration): try output.emit(report.concentrationJSON)
        case (.csv, .singlePoints): try output.emitCSV(report.singlePointsCSV(top: top), delimiter: data.reading.delimiter)
        case (.json, .singlePoints): try output.emit(report.singlePointsJSON(top: top))
        }
        try Convergence(solution.report).check()
    }
}

extension AnalysisReport.Order: ExpressibleByArgument {}

extension Analyze: ReadsAndWritesFiles {
    var inputFiles: [String] { data.inputFiles }
    var outputFiles: [String] { output.output.map { [$0] } ?? [] }
}
