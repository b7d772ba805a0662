import ArgumentParser
import TrustGraphCore

/// A dataset read without an evaluation date: the commands over time set their own dates.
struct UndatedDatasetOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Dataset directory (suppliers.csv, and optionally certifications.csv, dependencies.csv, schemes.csv).",
                                 valueName: "dataset"))
    var dataset: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Global prior in [0,1] for suppliers without their own.", valueName: "p"))
    var prior: Number = Number(TrustParameters.defaultPrior)

    @OptionGroup(title: "Reading spreadsheet exports") var reading: ReadingFlags

    func validate() throws {
        try EvaluationFlags.validate(date: nil, prior: prior)
    }

    /// Loads the dataset, printing notes and the count of warnings to stderr.
    /// - Throws: `CommandFailure` with every error (exit status 1).
    func load() throws -> Dataset { try DatasetOptions.load(dataset, reading: reading) }

    var inputFiles: [String] { [dataset] + DatasetLoader.filePaths(in: dataset) }
}

/// The window of dates `--from` … `--to` (both included).
struct WindowOptions: ParsableArguments {
    @Option(help: ArgumentHelp("First day of the window, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last day of the window, YYYY-MM-DD, included (default: 90 days after --from).", valueName: "date"))
    var to: String?

    func validate() throws {
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, Day(value) == nil { throw ValidationError("\(name) '\(value)' is not a real calendar day in YYYY-MM-DD form") }
        }
    }

    /// The window; a `--to` before `--from` is reported and exits 2 (nothing is computed).
    func window() throws -> (from: Day, to: Day) {
        let start = from.flatMap(Day.init) ?? .today()
        let end = to.flatMap(Day.init) ?? start.adding(days: 90)
        guard end >= start else {
            throw CommandFailure("error: --to \(end) is before --from \(start) (the window runs from --from to --to); nothing was computed",
                                 status: ExitStatus.badInput)
        }
        return (start, end)
    }
}
