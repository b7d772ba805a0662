import ArgumentParser
import TrustGraphCore

struct Renewals: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank the certificates that lapse in a window by the trust the portfolio loses.",
        discussion: """
        A certificate (status valid, with an expiry) lapses the day after it expires. For every \
        one lapsing from --from to --to, loss is the trust renewing it just before it lapses \
        would keep, summed over all suppliers on the lapse day: Σ (t with it renewed − t). The \
        holder counts; another certificate of the same scheme that still counts, or a \
        dependency that already limits the holder, can make it 0. affected counts the suppliers \
        that would keep more than 1e-9.

        The table lists the costliest lapses with, for each, the supplier hurt most besides the \
        holder. CSV and JSON carry lapse_date,supplier,scheme,expires,loss,affected (then \
        most_hurt,most_hurt_loss) for every lapsing certificate, those with loss 0 too, sorted \
        by loss (largest first), then lapse date, supplier and scheme.

        Exit status: 0 on success, 1 when the dataset has errors, 2 when --to is before --from, \
        3 when a solve did not converge within --max-iterations (the figures are still \
        written), 64 when the command line is wrong (an unknown option, a missing or bad value).

        Examples:
          trustgraph renewals samples/eu-cloud --from 2026-06-30 --to 2026-12-31
          trustgraph renewals samples/eu-cloud --from 2026-06-30 --to 2027-06-30 \\
              --format csv -o renewals.csv
          trustgraph renewals exports/ --top 10
        """
    )

    @OptionGroup var data: UndatedDatasetOptions
    @OptionGroup var window: WindowOptions
    @OptionGroup var solver: SolverFlags
    @OptionGroup var output: OutputFlags

    @Option(help: ArgumentHelp("Only the N costliest lapses, in every format (default: 20 in the table, all in csv/json).", valueName: "n"))
    var top: Int?

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let (from, to) = try window.window()
        let dataset = try data.load()
        let model = TrustModel(dataset)
        let total = RenewalAnalysis.lapsing(dataset, from: from, to: to).count
        let progress = ProgressLine.make("renewals", total: total, worthIt: model.supplierCount * max(total, 1) >= 100_000_000)
        let analysis = RenewalAnalysis(model: model, from: from, to: to, prior: data.prior.value, options: solver.options, progress: progress)
        if progress != nil { Console.progress(nil) }
        let report = RenewalReport(analysis: analysis, dataset: dataset)
        switch output.format {
        case .table: try output.emit(report.table(top: top ?? 20))
        case .csv: try output.emitCSV(report.csv(top: top), delimiter: data.reading.delimiter)
        case .json: try output.emit(report.json(top: top))
        }
        var convergence = Convergence()
        convergence.note(converged: analysis.converged, warning: "warning: a solve did not converge within --max-iterations (raise it or --tolerance)")
        try convergence.check()
    }
}

extension Renewals: ReadsAndWritesFiles {
    var inputFiles: [String] { data.inputFiles }
    var outputFiles: [String] { output.output.map { [$0] } ?? [] }
}
