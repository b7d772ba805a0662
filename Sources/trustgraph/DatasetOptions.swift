import ArgumentParser
import TrustGraphCore

/// The dataset directory argument and the evaluation parameters.
struct DatasetOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Dataset directory (suppliers.csv, and optionally certifications.csv, dependencies.csv, schemes.csv).",
                                 valueName: "dataset"))
    var dataset: String

    @Option(help: ArgumentHelp("Evaluation date, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
    var date: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Global prior in [0,1] for suppliers without their own.", valueName: "p"))
    var prior: Number = Number(TrustParameters.defaultPrior)

    @OptionGroup(title: "Reading spreadsheet exports") var reading: ReadingFlags

    func validate() throws {
        if let date, Day(date) == nil {
            throw ValidationError("--date '\(date)' is not a real calendar day in YYYY-MM-DD form")
        }
        guard prior.value >= 0 && prior.value <= 1 else { throw ValidationError("--prior \(prior) is out of range (expected a number in [0,1])") }
    }

    var parameters: TrustParameters {
        TrustParameters(date: date.flatMap(Day.init) ?? .today(), prior: prior.value)
    }

    /// Loads the dataset, printing notes and the count of warnings to stderr.
    /// - Throws: `CommandFailure` with every error (exit status 1).
    func load() throws -> Dataset {
        try DatasetOptions.load(dataset, reading: reading)
    }

    /// Loads the dataset in `directory`, printing notes and the count of warnings to stderr.
    /// - Throws: `CommandFailure` with every error (exit status 1).
    static func load(_ directory: String, reading: ReadingFlags) throws -> Dataset {
        do {
            let (dataset, report) = try DatasetLoader.load(directory: directory, options: reading.options)
            for note in report.notes { Console.error(note.description) }
            if report.warningCount > 0 {
                Console.error("\(plural(report.warningCount, "warning")) (run `trustgraph validate` to list them)")
            }
            return dataset
        } catch {
            throw CommandFailure(lines: error.notes.map(\.description)
                                 + [error.description, "\(directory): \(plural(error.errorCount, "error")); nothing was computed"])
        }
    }
}
