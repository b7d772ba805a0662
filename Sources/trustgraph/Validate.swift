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

        With --date D, also warns about every certification that counts on D and lapses \
        within --warn-days days after it (30 unless given): the renewals to chase now.

        Exit status: 0 when the dataset is valid, 1 when it has errors, 64 when the command line is wrong (an unknown option, a missing or bad value).

        Examples:
          trustgraph validate samples/eu-cloud
          trustgraph validate exports/ --max-errors 500
          trustgraph validate samples/eu-cloud --date 2026-06-30 --warn-days 60
        """
    )

    @Argument(help: ArgumentHelp("Dataset directory.", valueName: "dataset"))
    var dataset: String

    @Option(name: .customLong("max-errors"), help: "List at most this many errors and warnings.")
    var maxErrors: Int = 50

    @Option(help: ArgumentHelp("Warn about certifications that count on this day, YYYY-MM-DD, and lapse soon after.", valueName: "date"))
    var date: String?

    @Option(name: .customLong("warn-days"), help: ArgumentHelp("With --date: how many days ahead a lapse is warned about.", valueName: "n"))
    var warnDays: Int = 30

    @OptionGroup(title: "Reading spreadsheet exports") var reading: ReadingFlags

    func validate() throws {
        if let date, Day(date) == nil { throw ValidationError("--date '\(date)' is not a real calendar day in YYYY-MM-DD form") }
        if warnDays < 0 { throw ValidationError("--warn-days must be at least 0") }
    }

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
            throw CommandFailure("\(dataset): \(plural(error.errorCount, "error"))")
        }
        let (data, report) = loaded
        for note in report.notes { Console.error(note.description) }
        if report.warningCount > 0 {
            try Console.out(LoadReport.summarize(report.warnings, total: report.warningCount, limit: maxErrors, noun: "warning"))
        }
        let lapsing = date.flatMap(Day.init).map { data.lapseWarnings(at: $0, withinDays: warnDays) } ?? []
        if !lapsing.isEmpty {
            try Console.out(LoadReport.summarize(lapsing, total: lapsing.count, limit: maxErrors, noun: "lapse"))
        }
        try Console.out("\(dataset): valid — \(plural(data.suppliers.count, "supplier")), "
                        + "\(plural(data.certifications.count, "certification")), "
                        + "\(plural(data.dependencies.count, "dependency row")), \(plural(report.warningCount, "warning"))"
                        + (date == nil ? "" : ", \(plural(lapsing.count, "certification")) lapsing within \(plural(warnDays, "day")) of \(date!)"))
    }
}
