import ArgumentParser
import TrustGraphCore

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a dataset and list every problem at once.",
        discussion: """
        Reads suppliers.csv, schemes.csv, certifications.csv and dependencies.csv and reports \
        every error with its file, line and column, and what was expected — all in one pass \
        (the first 50 are printed, then a count). Warnings (for example a supplier that has no \
        certification and that nothing depends on) are listed separately and do not fail.

        Exit status: 0 when the dataset is valid, 1 when it has errors, 64 when the command line is wrong (an unknown option, a missing or bad value).

        Examples:
          trustgraph validate samples/eu-cloud
          trustgraph validate exports/ --max-errors 500
        """
    )

    @Argument(help: ArgumentHelp("Dataset directory.", valueName: "dataset"))
    var dataset: String

    @Option(name: .customLong("max-errors"), help: "List at most this many errors and warnings.")
    var maxErrors: Int = 50

    @OptionGroup(title: "Reading spreadsheet exports") var reading: ReadingFlags

    func run() throws {
        let loaded: (Dataset, LoadReport)
        do {
            loaded = try DatasetLoader.load(directory: dataset, options: reading.options)
        } catch {
            for note in error.notes { Console.error(note.description) }
            try Console.out(LoadReport.summarize(error.errors, total: error.errorCount, limit: maxErrors, noun: "error"))
            if !error.warnings.isEmpty {
                try Console.out(LoadReport.summarize(error.warnings, total: error.warnings.count, limit: maxErrors, noun: "warning"))
            }
            Console.error("\(dataset): \(plural(error.errorCount, "error"))")
            throw ExitCode(1)
        }
        let (data, report) = loaded
        for note in report.notes { Console.error(note.description) }
        if report.warningCount > 0 {
            try Console.out(LoadReport.summarize(report.warnings, total: report.warningCount, limit: maxErrors, noun: "warning"))
        }
        try Console.out("\(dataset): valid — \(plural(data.suppliers.count, "supplier")), "
                        + "\(plural(data.certifications.count, "certification")), "
                        + "\(plural(data.dependencies.count, "dependency row")), \(plural(report.warningCount, "warning"))")
    }
}
