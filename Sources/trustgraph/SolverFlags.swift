import ArgumentParser
import TrustGraphCore

/// Solver knobs shared by the commands that solve.
struct SolverFlags: ParsableArguments {
    @Option(name: .customLong("threads"), help: ArgumentHelp("Worker threads (one per core unless given). Results are identical for any value.", valueName: "n"))
    var threadCount: Int?

    /// The threads to use.
    var threads: Int { threadCount ?? Parallel.defaultThreads }

    @Option(parsing: .unconditional, help: ArgumentHelp("Stop iterating a cycle when no value changes by more than this (0: exactly).", valueName: "x"))
    var tolerance: Number = Number(0)

    @Option(name: .customLong("max-iterations"), help: ArgumentHelp("Give up on a cycle after this many sweeps.", valueName: "n"))
    var maxIterations: Int = 10_000

    func validate() throws {
        if let threadCount, threadCount < 1 { throw ValidationError("--threads must be at least 1") }
        guard tolerance.value >= 0 && tolerance.value.isFinite else { throw ValidationError("--tolerance \(tolerance) must be a number ≥ 0") }
        guard maxIterations >= 1 else { throw ValidationError("--max-iterations must be at least 1") }
    }

    var options: SolverOptions { SolverOptions(tolerance: tolerance.value, maxIterations: maxIterations, threads: threads) }
}
