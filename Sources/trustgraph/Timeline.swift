import ArgumentParser
import TrustGraphCore

struct Timeline: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Trust of every supplier at dates from --from to --to: who drifts below the line, and when.",
        discussion: """
        The dates are --from, --from + step, … up to and including --to. A month step adds \
        calendar months to --from, the day clamped to the month's length (from 31 January: 28 \
        or 29 February, 31 March, 30 April …). Between dates, freshness decays and certificates \
        start and lapse; each date re-solves only the suppliers that can move.

        The table shows per date the mean trust, how many suppliers are below --threshold and \
        the certificates that lapsed since the previous date. CSV carries date,id,trust \
        (date-major, suppliers in the order of suppliers.csv); JSON one object per date with \
        mean_trust, below_threshold and every supplier's trust. --format svg draws a chart for \
        a slide: mean trust, the --lines suppliers that move most, the threshold, certificate \
        lapses as marks, and the count below the threshold per date.

        Exit status: 0 on success, 1 when the dataset has errors or dates × suppliers exceeds \
        100 million, 2 when --to is before --from, \
        3 when a solve did not converge within --max-iterations, 64 when the command line is \
        wrong (an unknown option, a missing or bad value).

        Examples:
          trustgraph timeline samples/eu-cloud --from 2026-06-30 --to 2027-06-30
          trustgraph timeline samples/eu-cloud --from 2026-06-30 --to 2027-06-30 \\
              --format svg -o timeline.svg
          trustgraph timeline samples/eu-cloud --from 2026-01-31 --to 2026-12-31 \\
              --every 2w --format csv
        """
    )

    /// The most trust values a run keeps (dates × suppliers): 800 MB of them.
    static let maxValues = 100_000_000

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json, svg
    }

    @OptionGroup var data: UndatedDatasetOptions
    @OptionGroup var window: WindowOptions

    @Option(help: ArgumentHelp("Step between dates: Nd (days), Nw (weeks) or Nm (calendar months).", valueName: "step"))
    var every: String = "1m"

    @Option(parsing: .unconditional, help: ArgumentHelp("Trust below this counts as weak.", valueName: "t"))
    var threshold: Number = Number(0.5)

    @Option(help: ArgumentHelp("SVG: how many of the suppliers that move most to draw as lines.", valueName: "n"))
    var lines: Int = 5

    @OptionGroup var solver: SolverFlags

    @Option(help: ArgumentHelp("Output format: table (for people), csv or json (stable columns), svg (a chart).", valueName: "format"))
    var format: Format = .table

    @OptionGroup var destination: OutputDestination

    func validate() throws {
        guard DateStep(every) != nil else { throw ValidationError("--every '\(every)' is not a step (expected Nd, Nw or Nm, e.g. 7d, 2w, 1m)") }
        guard threshold.value.isFinite else { throw ValidationError("--threshold \(threshold) must be a number") }
        if lines < 0 { throw ValidationError("--lines must be at least 0") }
        if destination.forSpreadsheet && format != .csv { throw ValidationError("--for-spreadsheet applies to --format csv") }
    }

    func run() throws {
        let (from, to) = try window.window()
        let dataset = try data.load()
        let dates = DateStep(every)!.dates(from: from, to: to)
        // Every supplier's trust is kept for every date (the CSV and the chart need them all).
        guard dates.count * max(dataset.suppliers.count, 1) <= Timeline.maxValues else {
            throw CommandFailure("error: \(dates.count) dates × \(dataset.suppliers.count) suppliers is more than \(Timeline.maxValues) values "
                                 + "to keep; choose a longer --every or a shorter window (nothing was computed)")
        }
        let timeline = TrustTimeline(model: TrustModel(dataset), dates: dates, prior: data.prior.value, options: solver.options)
        let report = TimelineReport(timeline: timeline, threshold: threshold.value)
        switch format {
        case .table: try destination.emit(report.table())
        case .json: try destination.emit(report.json)
        case .svg:
            let name = data.dataset.split(separator: "/").last.map(String.init) ?? data.dataset
            try destination.emit(TimelineChart(timeline: timeline, threshold: threshold.value, lines: lines, subject: name).svg)
        case .csv: try destination.emitCSV(report.csv, delimiter: data.reading.delimiter)
        }
        var convergence = Convergence()
        convergence.note(converged: timeline.converged, warning: "warning: a solve did not converge within --max-iterations (raise it or --tolerance)")
        try convergence.check()
    }
}

extension Timeline: ReadsAndWritesFiles {
    var inputFiles: [String] { data.inputFiles }
    var outputFiles: [String] { destination.output.map { [$0] } ?? [] }
}
