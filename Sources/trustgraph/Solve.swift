import ArgumentParser
import TrustGraphCore

struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute every supplier's base and effective trust.",
        discussion: """
        Base trust b comes from the supplier's prior and certifications valid at --date; effective \
        trust t ≤ b once distrust has flowed up its dependencies (a critical dependency caps a \
        supplier at its provider's trust; alternatives in one group hold it as long as one is \
        trusted). Cycles are solved to the exact greatest fixed point.

        The table is sorted by trust, lowest first; CSV and JSON keep the order of suppliers.csv \
        (--sort changes either; --top N keeps the N weakest, or the first N of --sort, in every \
        format) and carry the stable columns id,name,base_trust,trust, then country,sector,limited_by \
        (the provider the table shows under "limited by", empty when none) and the extra \
        columns of suppliers.csv under their own names ("attribute:" before a name that is \
        already taken; JSON puts them in "attributes").

        Exit status: 0 on success, 1 when the dataset has errors, 3 when a cycle did not \
        converge within --max-iterations (the values are still written), 64 when the command line is wrong (an unknown option, a missing or bad value).

        Examples:
          trustgraph solve samples/eu-cloud --date 2026-06-30
          trustgraph solve samples/eu-cloud --format csv -o trust.csv
          trustgraph solve samples/eu-cloud --format csv --top 10 -o weakest.csv
          trustgraph solve big/ --threads 1 --top 20
        """
    )

    @OptionGroup var data: DatasetOptions
    @OptionGroup var solver: SolverFlags
    @OptionGroup var output: OutputFlags

    @Option(help: ArgumentHelp("Row order: trust (lowest first), input (file order) or id (default: trust for the table and with --top, input for csv/json).",
                               valueName: "order"))
    var sort: SolveRowOrder?

    @Option(help: ArgumentHelp("Only the N weakest suppliers (the first N of --sort when given), in every format.", valueName: "n"))
    var top: Int?

    @Flag(help: "Print the time of each phase (load, graph, base trust, solve) to standard error.")
    var timings = false

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        var clock = PhaseClock(enabled: timings)
        let dataset = try data.load()
        clock.lap("load \(plural(dataset.suppliers.count, "supplier")), \(plural(dataset.dependencies.count, "row"))")
        let parameters = data.parameters
        let model = TrustModel(dataset)
        let (levels, cycles) = (model.schedule.levelCount, model.schedule.cyclicComponentCount)
        clock.lap("build graph and schedule (\(plural(levels, "level")), \(plural(cycles, "cycle")))")
        let base = model.baseTrust(parameters, threads: solver.threads)
        clock.lap("base trust")
        let solution = model.solve(base: base, options: solver.options)
        let sweeps = solution.report.sweeps
        clock.lap("effective trust (\(plural(sweeps, "sweep")))")
        let report = TrustReport(model: model, solution: solution,
                                 order: sort ?? .implied(table: output.format == .table, top: top), top: top)
        switch output.format {
        case .csv: try output.emitCSV(bytes: report.csvBytes(threads: solver.threads), delimiter: data.reading.delimiter)
        case .json: try output.emit(bytes: report.jsonBytes(threads: solver.threads))
        case .table: try output.emit(bytes: report.tableBytes(parameters: parameters, solve: solution.report, threads: solver.threads))
        }
        clock.lap("output")
        try Convergence(solution.report).check()
    }
}

extension SolveRowOrder: ExpressibleByArgument {}

extension Solve: ReadsAndWritesFiles {
    var inputFiles: [String] { data.inputFiles }
    var outputFiles: [String] { output.output.map { [$0] } ?? [] }
}
