import ArgumentParser
import TrustGraphCore

struct Advise: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the certificate that would raise the portfolio's trust most (per unit of cost).",
        discussion: """
        Candidates: every supplier that something depends on, with every scheme of the \
        catalogue (built in and schemes.csv, or --schemes) of which it holds no certificate \
        that counts at --date. For each, gain is what a new certificate — valid, issued and \
        evidenced on --date, full scope — would add to trust summed over all suppliers: \
        Σ (t after − t). affected counts the suppliers gaining more than 1e-9.

        With a cost column in schemes.csv (a number ≥ 0, empty when unknown), gain_per_cost = \
        gain / cost (empty when the cost is unknown or 0); --sort gain-per-cost ranks by it, \
        unknowns last — where the next audit budget goes.

        The table lists the best candidates with the supplier that gains most besides the \
        certified one. CSV and JSON carry supplier,scheme,gain,affected,cost,gain_per_cost \
        (then most_helped,most_helped_gain) for every candidate, those with gain 0 too.

        Exit status: 0 on success, 1 when the dataset has errors or a --schemes name is \
        unknown, 3 when the baseline did not converge within --max-iterations, 64 when the \
        command line is wrong (an unknown option, a missing or bad value).

        Examples:
          trustgraph advise samples/eu-cloud --date 2026-06-30
          trustgraph advise samples/eu-cloud --date 2026-06-30 \\
              --schemes ISO27001,BSI-C5,SOC2-TYPE2 --sort gain-per-cost
          trustgraph advise samples/eu-cloud --format csv -o advice.csv
        """
    )

    @OptionGroup var data: DatasetOptions
    @OptionGroup var solver: SolverFlags
    @OptionGroup var output: OutputFlags

    @Option(help: ArgumentHelp("Only these schemes, comma-separated (names as in certifications.csv; default: the whole catalogue).",
                               valueName: "A,B"))
    var schemes: String?

    @Option(help: ArgumentHelp("Rank by gain or gain-per-cost (unknown costs last).", valueName: "order"))
    var sort: CertificationAdvice.Order = .gain

    @Option(help: ArgumentHelp("Only the N best candidates, in every format (default: 20 in the table, all in csv/json).", valueName: "n"))
    var top: Int?

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        if let schemes, Advise.names(schemes).isEmpty {
            throw ValidationError("--schemes '\(schemes)' names no scheme (expected names separated by commas)")
        }
    }

    func run() throws {
        let dataset = try data.load()
        let chosen = try schemes.map { try Advise.resolve($0, in: dataset.schemes) }
        let model = TrustModel(dataset)
        let parameters = data.parameters
        let baseline = model.solve(parameters, options: solver.options)
        let schemeCount = chosen?.count ?? dataset.schemes.count
        let progress = ProgressLine.make("advise", total: model.supplierCount * schemeCount,
                                         worthIt: model.supplierCount >= 20_000)
        let advice = CertificationAdvice(model: model, parameters: parameters, baseline: baseline, schemes: chosen, order: sort,
                                         options: solver.options, progress: progress)
        if progress != nil { Console.progress(nil) }
        let report = AdviceReport(advice: advice, dataset: dataset)
        switch output.format {
        case .table: try output.emit(report.table(top: top ?? 20))
        case .csv: try output.emitCSV(report.csv(top: top), delimiter: data.reading.delimiter)
        case .json: try output.emit(report.json(top: top))
        }
        try Convergence(baseline.report).check()
    }

    /// The names of a comma-separated list, trimmed, empty ones dropped.
    static func names(_ list: String) -> [String] {
        list.split(separator: ",").map { String($0.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()) }
            .filter { !$0.isEmpty }
    }

    /// The scheme ids `list` names (each once, in order); an unknown name is reported with suggestions and exits 1.
    static func resolve(_ list: String, in catalogue: SchemeCatalogue) throws -> [Int32] {
        var ids: [Int32] = []
        for name in names(list) {
            guard let id = catalogue.find(name) else {
                let near = catalogue.suggestions(for: name)
                throw CommandFailure(TerminalText.escaped("error: --schemes: unknown scheme '\(name)' (not built in and not in schemes.csv)"
                                                          + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?")))
            }
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }
}

extension CertificationAdvice.Order: ExpressibleByArgument {}

extension Advise: ReadsAndWritesFiles {
    var inputFiles: [String] { data.inputFiles }
    var outputFiles: [String] { output.output.map { [$0] } ?? [] }
}
