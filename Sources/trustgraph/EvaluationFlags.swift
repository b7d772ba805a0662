import ArgumentParser
import TrustGraphCore

/// The evaluation date and the global prior, for the commands that solve at one date.
struct EvaluationFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Evaluation date, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
    var date: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Global prior in [0,1] for suppliers without their own.", valueName: "p"))
    var prior: Number = Number(TrustParameters.defaultPrior)

    func validate() throws { try EvaluationFlags.validate(date: date, prior: prior) }

    /// The date (today, UTC, when not given) and the prior.
    var parameters: TrustParameters { EvaluationFlags.parameters(date: date, prior: prior) }

    /// Checks a `--date` and a `--prior` (`diff` declares its own, with its own help).
    static func validate(date: String?, prior: Number) throws {
        if let date, Day(date) == nil {
            throw ValidationError("--date '\(date)' is not a real calendar day in YYYY-MM-DD form")
        }
        guard prior.value >= 0 && prior.value <= 1 else { throw ValidationError("--prior \(prior) is out of range (expected a number in [0,1])") }
    }

    /// The parameters of a `--date` (today, UTC, when not given) and a `--prior`.
    static func parameters(date: String?, prior: Number) -> TrustParameters {
        TrustParameters(date: date.flatMap(Day.init) ?? .today(), prior: prior.value)
    }
}
