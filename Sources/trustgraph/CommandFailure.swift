import ArgumentParser
import TrustGraphCore

/// How a command that cannot finish ends: the lines standard error shows, and the exit status.
///
/// Commands throw it rather than printing an error and throwing `ExitCode`:
/// `TrustGraphCommand.main` prints the lines and exits with the status, so every
/// failure takes the one path.
struct CommandFailure: Error {
    /// Lines for standard error, as they are (text from the data already escaped).
    var lines: [String]
    /// The exit status (see `ExitStatus`).
    var status: Int32

    /// A failure with one line of standard error.
    init(_ line: String, status: Int32 = ExitStatus.failure) {
        self.init(lines: [line], status: status)
    }

    init(lines: [String], status: Int32 = ExitStatus.failure) {
        self.lines = lines
        self.status = status
    }

    /// The same failure with another exit status.
    func with(status: Int32) -> CommandFailure {
        CommandFailure(lines: lines, status: status)
    }
}

/// The exit statuses the commands' help pages document (64, a wrong command line, is ArgumentParser's).
enum ExitStatus {
    /// Bad input, a failed write, or (for `check`) a policy that fails.
    static let failure: Int32 = 1
    /// `check` and `report`: the policy, the dataset or the output cannot be used;
    /// `renewals`, `timeline` and `report`: --to is before --from.
    static let badInput: Int32 = 2
    /// A solve did not converge within --max-iterations (the results were still written).
    static let notConverged: Int32 = 3
}

/// The solves of one command that did not converge: a warning for each, then exit status 3.
struct Convergence {
    private(set) var warnings: [String] = []

    /// The warnings of `reports` that did not converge.
    init(_ reports: SolveReport...) {
        for report in reports { note(report) }
    }

    /// Notes a solve: a warning when it did not converge.
    mutating func note(_ report: SolveReport) {
        guard !report.converged else { return }
        warnings.append("warning: did not converge: after \(plural(report.sweeps, "sweep")) the largest change was "
                        + "\(report.finalChange) (raise --max-iterations or --tolerance)")
    }

    /// Notes solves known only to have converged or not, with the warning to give when not.
    mutating func note(converged: Bool, warning: String) {
        if !converged { warnings.append(warning) }
    }

    /// Ends the command with exit status 3 and the warnings when a solve did not converge.
    func check() throws {
        guard warnings.isEmpty else { throw CommandFailure(lines: warnings, status: ExitStatus.notConverged) }
    }
}
