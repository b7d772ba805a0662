import ArgumentParser
import TrustGraphCore

#if canImport(Glibc)
import Glibc
#endif

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
        (provider,consumer,group,weight,provider_trust) writes those lists instead, in full.

        Exit status: 0 on success, 1 when the dataset has errors, 3 when a cycle did not \
        converge within --max-iterations (the figures are still written), 64 when the command line is wrong (an unknown option, a missing or bad value).

        Examples:
          trustgraph analyze samples/eu-cloud --date 2026-06-30
          trustgraph analyze samples/eu-cloud --date 2026-06-30 --format csv -o impact.csv
          trustgraph analyze samples/eu-cloud --date 2026-06-30 --format csv --sort impact
          trustgraph analyze samples/eu-cloud --what single-points --format csv
        """
    )

    enum Section: String, ExpressibleByArgument, CaseIterable {
        case suppliers, concentration, singlePoints = "single-points"
    }

    @OptionGroup var data: DatasetOptions
    @OptionGroup var solver: SolverFlags
    @OptionGroup var output: OutputFlags

    @Option(help: ArgumentHelp("Table: show the N suppliers with most impact.", valueName: "n"))
    var top: Int = 20

    @Option(help: ArgumentHelp("Supplier rows: impact (largest first), input (file order) or id (default: impact for the table, input for csv/json).",
                               valueName: "order"))
    var sort: AnalysisReport.Order?

    @Option(help: ArgumentHelp("Only this list: suppliers (the impact ranking), concentration or single-points. The table shows all three by default; CSV and JSON show suppliers.", valueName: "list"))
    var what: Section?

    /// Reports counterfactuals done on one rewritten line of standard error.
    static func progressLine(total: Int) -> @Sendable (Int) -> Void {
        { (done: Int) in Console.progress("impact: \(done) of \(total) suppliers") }
    }

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let dataset = try data.load()
        let model = TrustModel(dataset)
        let parameters = data.parameters
        let solution = model.solve(parameters, options: solver.options)
        let n = model.supplierCount
        let showProgress = isatty(2) != 0 && n >= 20_000
        let progress = showProgress ? Analyze.progressLine(total: n) : nil
        let impacts = ImpactAnalysis(model: model, baseline: solution, options: solver.options, progress: progress)
        if showProgress { Console.progress(nil) }
        let pageRank = PageRank(model: model, threads: solver.threads)
        let report = AnalysisReport(model: model, solution: solution, impacts: impacts, pageRank: pageRank)
        switch (output.format, what) {
        case (.table, nil): try output.emit(report.table(top: top, order: sort ?? .impact))
        case (.table, .suppliers): try output.emit(report.impactTable(top: top, order: sort ?? .impact))
        case (.table, .concentration): try output.emit(report.concentrationTable(limit: nil))
        case (.table, .singlePoints): try output.emit(report.singlePointsTable(top: top, hint: false))
        case (.csv, .suppliers), (.csv, nil): try output.emit(report.csv(order: report.rows(sort ?? .input)))
        case (.json, .suppliers), (.json, nil): try output.emit(report.json(order: report.rows(sort ?? .input)))
        case (.csv, .concentration): try output.emit(report.concentrationCSV)
        case (.json, .concentration): try output.emit(report.concentrationJSON)
        case (.csv, .singlePoints): try output.emit(report.singlePointsCSV)
        case (.json, .singlePoints): try output.emit(report.singlePointsJSON)
        }
        Console.reportConvergence(solution.report)
        if !solution.report.converged { throw ExitCode(notConvergedExitCode) }
    }
}

extension AnalysisReport.Order: ExpressibleByArgument {}
