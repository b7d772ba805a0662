import ArgumentParser
import TrustGraphCore

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two snapshots of a dataset: who was added, removed or changed, and whose trust moved why.",
        discussion: """
        Both snapshots are solved at the same --date and --prior. Every id of either is \
        added (only in NEW), removed (only in OLD), changed (its own supplier row, its \
        certifications or its outgoing dependency rows differ as parsed values: 0.90 is 0.9, \
        high is 0.7, extra columns count, row order does not) or same — a same supplier's \
        trust can still move when something it depends on changed.

        The table shows the counts, the suppliers whose trust moved most with, for each, the \
        changed (or added, or removed) supplier on its limiting chain that explains the move, \
        and the added and removed ids. CSV and JSON carry id,change,old_trust,new_trust,delta \
        (delta = new − old; empty for added and removed ids), sorted by |delta| (largest first) \
        then id, then the added and removed ids together by id.

        Exit status: 0 on success, 1 when a dataset has errors, 3 when a solve did not \
        converge within --max-iterations, 64 when the command line is wrong.

        Examples:
          trustgraph diff exports/2026-05 exports/2026-06 --date 2026-06-30
          trustgraph diff yesterday/ today/ --format csv -o changes.csv
        """
    )

    @Argument(help: ArgumentHelp("The older snapshot (a dataset directory).", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The newer snapshot (a dataset directory).", valueName: "new"))
    var new: String

    @Option(help: ArgumentHelp("Evaluation date for both, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
    var date: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Global prior in [0,1] for suppliers without their own.", valueName: "p"))
    var prior: Number = Number(TrustParameters.defaultPrior)

    @OptionGroup(title: "Reading spreadsheet exports") var reading: ReadingFlags
    @OptionGroup var solver: SolverFlags
    @OptionGroup var output: OutputFlags

    @Option(help: ArgumentHelp("Table: explain at most N movers (default 20).", valueName: "n"))
    var top: Int = 20

    func validate() throws {
        try EvaluationFlags.validate(date: date, prior: prior)
        if top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let oldData = try DatasetOptions.load(old, reading: reading)
        let newData = try DatasetOptions.load(new, reading: reading)
        let parameters = EvaluationFlags.parameters(date: date, prior: prior)
        let diff = SnapshotDiff(old: TrustModel(oldData), new: TrustModel(newData), parameters: parameters, options: solver.options)
        let report = DiffReport(diff: diff)
        switch output.format {
        case .table: try output.emit(report.table(top: top))
        case .csv: try output.emitCSV(report.csv, delimiter: reading.delimiter)
        case .json: try output.emit(report.json)
        }
        try Convergence(diff.oldSolution.report, diff.newSolution.report).check()
    }
}

extension Diff: ReadsAndWritesFiles {
    var inputFiles: [String] { [old, new] + DatasetLoader.filePaths(in: old) + DatasetLoader.filePaths(in: new) }
    var outputFiles: [String] { output.output.map { [$0] } ?? [] }
}
