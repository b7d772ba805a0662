import ArgumentParser
import TrustGraphCore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a dataset against a policy: a gate for CI that fails when a rule is broken.",
        discussion: """
        A policy file (YAML) holds rules; each finds suppliers, certificates, groups or the \
        whole portfolio that break it, with a severity:

          policy: EU cloud baseline
          fail_on: error                    # error (default), warning, note or never
          rules:
            - id: critical-providers-trusted
              kind: min-trust
              threshold: 0.5
              where: {depended_on: critical}
            - id: certificates-not-lapsing
              kind: certificate-expiry
              severity: warning
              within_days: 60

        Kinds and their keys: min-trust {threshold}, min-base-trust {threshold}, \
        certificate-expiry {within_days}, stale-evidence {max_age_days}, \
        requires-scheme {schemes, min_coverage?}, single-point-of-failure {level?, \
        min_providers?}, max-concentration {by, max_hhi, level?}. Every rule takes id, kind, \
        severity?, description? and (but max-concentration) where?, whose conditions must all \
        hold: ids, sector, country, depended_on, min_dependents, attribute {COLUMN: VALUE}; a \
        list means any of its values.

        requires-scheme counts a certificate of another scheme when the dataset's \
        recognition.csv (source,target,coverage) recognises it toward a listed one with \
        coverage ≥ min_coverage.

        Every problem of the policy (an unknown key, kind, supplier, scheme or column, a value \
        out of range, a duplicate rule id) is reported at once with its line, and then nothing \
        is evaluated. docs/policy.md describes every kind, the outputs and CI jobs.

        Formats: text (for people: rules worst first, each finding with its why), json (the \
        stable fields rule, severity, supplier, scheme, group, value, message, file, line), \
        sarif (SARIF 2.1.0, for code-scanning dashboards) and junit (JUnit XML, for CI test \
        reports).

        Exit status: 0 when no finding reaches fail_on, 1 when one does, 2 when the dataset or \
        the policy has errors (or the output cannot be written), 3 when a cycle did not \
        converge within --max-iterations (the findings are still written), 64 when the command \
        line is wrong.

        Examples:
          trustgraph check samples/eu-cloud --date 2026-06-30 \\
              --policy samples/policies/eu-cloud-baseline.yaml
          trustgraph check data/ --policy policy.yaml --format sarif -o tg.sarif
          trustgraph check data/ --policy policy.yaml --format junit -o junit.xml
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, sarif, junit }

    @OptionGroup var data: DatasetOptions

    @Option(help: ArgumentHelp("Policy file (YAML).", valueName: "policy.yaml"))
    var policy: String

    @Option(help: ArgumentHelp("Output format: text (for people), json, sarif or junit.", valueName: "format"))
    var format: Format = .text

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Text: show at most N findings per rule, worst first (the other formats list all).", valueName: "n"))
    var top: Int = 20

    @OptionGroup var solver: SolverFlags

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let (evaluator, dataset) = try Check.readPolicy(policy) {
            do { return try data.load() } catch let failure as CommandFailure { throw failure.with(status: ExitStatus.badInput) }
        }
        let parameters = data.parameters
        let model = TrustModel(dataset)
        let solution = model.solve(parameters, options: solver.options)
        let outcome = evaluator.evaluate(model: model, solution: solution, parameters: parameters)
        let written: [UInt8]
        switch format {
        case .text: written = Array(outcome.text(dataset: data.dataset, limit: top).utf8)
        case .json: written = outcome.jsonBytes
        case .sarif: written = outcome.sarifBytes(dataset: data.dataset, version: TrustGraphCommand.configuration.version)
        case .junit: written = outcome.junitBytes
        }
        do {
            try Console.emit(bytes: written, to: output)
        } catch let failure as CommandFailure {
            throw failure.with(status: ExitStatus.badInput)
        }
        try Convergence(solution.report).check()
        if outcome.failed { throw CommandFailure(lines: [], status: ExitStatus.failure) }
    }

    /// Reads the policy `file` and resolves its names against the dataset `load` reads. Every
    /// problem of the policy (its shape and values, then its names) is reported at once with its
    /// line, and exits 2 (`ExitStatus.badInput`); a failure of `load` ends the command as it would, the
    /// policy's shape errors are reported.
    static func readPolicy(_ file: String, load: () throws -> Dataset) throws -> (evaluator: PolicyEvaluator, dataset: Dataset) {
        let text: String
        switch FileBytes.read(file) {
        case .success(let bytes): text = String(decoding: bytes, as: UTF8.self)
        case .failure(.missing):
            throw CommandFailure(TerminalText.escaped("error: policy file '\(file)' does not exist"), status: ExitStatus.badInput)
        case .failure(.unreadable(let reason)):
            throw CommandFailure(TerminalText.escaped("error: cannot read '\(file)': \(reason)"), status: ExitStatus.badInput)
        }
        // Every problem at once: the file's shape and values, then its names against the dataset.
        let (parsed, shapeErrors) = PolicyFile.read(text, file: file)
        let dataset: Dataset
        do {
            dataset = try load()
        } catch let failure as CommandFailure {
            throw CommandFailure(lines: failure.lines + (shapeErrors.isEmpty ? [] : report(shapeErrors, file: file)), status: failure.status)
        }
        let (evaluator, resolveErrors) = PolicyEvaluator.resolve(parsed, dataset: dataset, file: file)
        guard shapeErrors.isEmpty, let evaluator else {
            throw CommandFailure(lines: report(shapeErrors + resolveErrors, file: file), status: ExitStatus.badInput)
        }
        return (evaluator, dataset)
    }

    /// Policy errors in line order, then their count: the lines standard error shows.
    private static func report(_ errors: [PolicyError], file: String) -> [String] {
        [PolicyFileError(inLineOrder: errors).description, TerminalText.escaped("\(file): \(plural(errors.count, "error")); nothing was evaluated")]
    }
}

extension Check: ReadsAndWritesFiles {
    var inputFiles: [String] { data.inputFiles + [policy] }
    var outputFiles: [String] { output.map { [$0] } ?? [] }
    var inputErrorExitCode: Int32 { ExitStatus.badInput }
}
