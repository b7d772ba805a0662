import ArgumentParser
import TrustGraphCore

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain why a supplier has its score.",
        discussion: """
        Shows, with the arithmetic spelled out so the numbers add up to the score:
          • each certification's contribution a(c), or why it counts zero (expired on …, \
        suspended, revoked, not yet issued), with freshness from evidence dates and partial scope;
          • the prior and the coverage C = 1 − Π(1 − A) that give base trust b;
          • each dependency group, its weight and its best alternative, and the distrust it passes up;
          • the chain of limiting dependencies, hop by hop, down to the root cause.

        Exit status: 0 on success, 1 when the dataset has errors or the supplier is unknown, \
        3 when a cycle did not converge within --max-iterations (the explanation is still shown), 64 when the command line is wrong (an unknown option, a missing or bad value).

        Examples:
          trustgraph explain samples/eu-cloud shopfront-saas --date 2026-06-30
          trustgraph explain samples/eu-cloud shopfront-saas --format json
        """
    )

    @OptionGroup var data: DatasetOptions

    @Argument(help: ArgumentHelp("Supplier id (exactly as in suppliers.csv).", valueName: "supplier"))
    var supplier: String

    @OptionGroup var solver: SolverFlags

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: ArgumentHelp("Output format: text (for people) or json.", valueName: "format"))
    var format: Format = .text

    func run() throws {
        let dataset = try data.load()
        let index: Int
        do {
            index = try dataset.suppliers.index(of: supplier)
        } catch {
            throw CommandFailure("error: " + error.description(in: "\(data.dataset)/suppliers.csv"))
        }
        let parameters = data.parameters
        let model = TrustModel(dataset)
        let solution = model.solve(parameters, options: solver.options)
        let explanation = model.explain(index, solution: solution, parameters: parameters)
        switch format {
        case .json: try Console.out(explanation.json.serialized())
        case .text: try Console.out(explanation.text, terminator: "")
        }
        try Convergence(solution.report).check()
    }
}
