import ArgumentParser
import TrustGraphCore

/// The dataset directory argument and the evaluation parameters.
struct DatasetOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Dataset directory (suppliers.csv, and optionally certifications.csv, dependencies.csv, schemes.csv).",
                                 valueName: "dataset"))
    var dataset: String

    @OptionGroup var evaluation: EvaluationFlags

    @OptionGroup(title: "Reading spreadsheet exports") var reading: ReadingFlags

    /// The evaluation date and prior.
    var parameters: TrustParameters { evaluation.parameters }

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
