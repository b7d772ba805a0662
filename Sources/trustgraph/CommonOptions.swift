import ArgumentParser
import TrustGraphCore

/// The dataset directory argument and the evaluation parameters.
struct DatasetOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Dataset directory (suppliers.csv, and optionally certifications.csv, dependencies.csv, schemes.csv).",
                                 valueName: "dataset"))
    var dataset: String

    @Option(help: ArgumentHelp("Evaluation date, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
    var date: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Global prior in [0,1] for suppliers without their own.", valueName: "p"))
    var prior: Number = Number(TrustParameters.defaultPrior)

    @OptionGroup(title: "Reading spreadsheet exports") var reading: ReadingFlags

    func validate() throws {
        if let date, Day(date) == nil {
            throw ValidationError("--date '\(date)' is not a real calendar day in YYYY-MM-DD form")
        }
        guard prior.value >= 0 && prior.value <= 1 else { throw ValidationError("--prior \(prior) is out of range (expected a number in [0,1])") }
    }

    var parameters: TrustParameters {
        TrustParameters(date: date.flatMap(Day.init) ?? .today(), prior: prior.value)
    }

    /// Loads the dataset, printing warnings to stderr; on errors prints them and exits 1.
    func load() throws -> Dataset {
        try DatasetOptions.load(dataset, reading: reading)
    }

    /// Loads the dataset in `directory`, printing warnings to stderr; on errors prints them and exits 1.
    static func load(_ directory: String, reading: ReadingFlags) throws -> Dataset {
        do {
            let (dataset, report) = try DatasetLoader.load(directory: directory, options: reading.options)
            for note in report.notes { Console.error(note.description) }
            if report.warningCount > 0 {
                Console.error("\(plural(report.warningCount, "warning")) (run `trustgraph validate` to list them)")
            }
            return dataset
        } catch {
            for note in error.notes { Console.error(note.description) }
            Console.error(error.description)
            Console.error("\(directory): \(plural(error.errorCount, "error")); nothing was computed")
            throw ExitCode(1)
        }
    }
}

/// How spreadsheet exports are read (contract §1.1), for every command that loads a dataset.
struct ReadingFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Cell delimiter of every file (default: detected per file from its header); with --for-spreadsheet, also of the CSV written.",
                               valueName: "d"))
    var delimiter: ReadOptions.Delimiter?

    @Option(help: ArgumentHelp("Encoding of files without a byte-order mark (latin-1 is read as windows-1252).",
                               valueName: "name"))
    var encoding: ReadOptions.Encoding = .utf8

    @Option(name: .customLong("date-format"),
            help: ArgumentHelp("Also read dates in this form (day and month of one or two digits).", valueName: "form"))
    var dateFormat: ReadOptions.DateFormat?

    var options: ReadOptions { ReadOptions(delimiter: delimiter, encoding: encoding, dateFormat: dateFormat) }
}

extension ReadOptions.Delimiter: ExpressibleByArgument {
    public init?(argument: String) {
        var text = argument.lowercased()
        if text.count == 3, text.hasPrefix("'"), text.hasSuffix("'") { text = String(text.dropFirst().dropLast()) }
        switch text {
        case ",", "comma": self = .comma
        case ";", "semicolon": self = .semicolon
        case "tab", "\t", "\\t": self = .tab
        default: return nil
        }
    }

    /// As the help shows them (a bare comma would read as a separator).
    public static var allValueStrings: [String] { ["','", "';'", "tab"] }
    public var defaultValueDescription: String { argument }
}

extension ReadOptions.Encoding: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "windows-1252", "cp1252", "windows1252": self = .windows1252
        case "latin-1", "latin1", "iso-8859-1": self = .latin1
        default: return nil
        }
    }
}

extension ReadOptions.DateFormat: ExpressibleByArgument {
    public init?(argument: String) {
        guard let format = Self.allCases.first(where: { $0.rawValue == argument.uppercased() }) else { return nil }
        self = format
    }
}

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

/// A number on the command line, written as the contract writes numbers
/// (`0.5`, `-1`, `2e-3`; not `.5`, `inf` or `nan`), negative ones included.
struct Number: ExpressibleByArgument, CustomStringConvertible {
    let value: Double
    let description: String

    init(_ value: Double) {
        self.value = value
        description = value.description
    }

    init?(argument: String) {
        guard let value = ContractNumber.parse(argument) else { return nil }
        self.value = value
        description = argument
    }

    var defaultValueDescription: String { description }
}

/// Output format and destination.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

struct OutputFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Output format: table (for people), csv or json (stable columns).", valueName: "format"))
    var format: OutputFormat = .table

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .customLong("for-spreadsheet"),
          help: "CSV to open in a spreadsheet: a byte-order mark, cells that would run as formulas (=, +, -, @) written as text, the --delimiter given (';' or tab: decimal commas).")
    var forSpreadsheet = false

    func validate() throws {
        if forSpreadsheet && format != .csv { throw ValidationError("--for-spreadsheet applies to --format csv") }
    }

    /// Writes `text` to the output file or stdout.
    func emit(_ text: String) throws {
        try Console.emit(text, to: output)
    }

    /// Writes CSV `text`, in its spreadsheet form with `--for-spreadsheet` (cells separated by `delimiter`).
    func emitCSV(_ text: String, delimiter: ReadOptions.Delimiter?) throws {
        guard forSpreadsheet else { return try emit(text) }
        try Console.emit(bytes: SpreadsheetCSV.convert(text, delimiter: delimiter ?? .comma), to: output)
    }
}

/// Exit code for a solve that did not converge within --max-iterations.
let notConvergedExitCode: Int32 = 3

enum Console {
    static func error(_ text: String) {
        var standardError = StandardError()
        print(text, to: &standardError)
    }

    static func emit(_ text: String, to path: String?) throws {
        try emit(bytes: Array(text.utf8), to: path)
    }

    static func emit(bytes: [UInt8], to path: String?) throws {
        guard let path, path != "-" else {
            guard writeToStandardOutput(bytes) else {
                error("error: cannot write to standard output: \(errnoText())")
                throw ExitCode(1)
            }
            return
        }
        do {
            try FileBytes.writeAtomically(bytes, to: path)
        } catch {
            Console.error("error: \(error.description)")
            throw ExitCode(1)
        }
    }

    /// Writes `text` to standard output, checked: a failed write (a full
    /// disk, a closed pipe) is an error and exit status 1, not lost output.
    static func out(_ text: String, terminator: String = "\n") throws {
        guard writeToStandardOutput(Array((text + terminator).utf8)) else {
            error("error: cannot write to standard output: \(errnoText())")
            throw ExitCode(1)
        }
    }

    /// Writes all of `bytes` to standard output; false when a write failed.
    static func writeToStandardOutput(_ bytes: [UInt8]) -> Bool {
        FileBytes.writeAll(bytes, to: 1)
    }

    static func errnoText() -> String {
        guard let text = strerror(errno) else { return "error \(errno)" }
        return String(cString: text)
    }

    /// Reports a solve that did not converge on stderr.
    static func reportConvergence(_ report: SolveReport) {
        if !report.converged {
            error("warning: did not converge: after \(plural(report.sweeps, "sweep")) the largest change was \(report.finalChange) (raise --max-iterations or --tolerance)")
        }
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var bytes = Array(string.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress! + written, $0.count - written) }
            if n <= 0 { return }
            written += n
        }
    }
}

/// Wall-clock phases for `--timings`, printed to standard error.
struct PhaseClock {
    let enabled: Bool
    private var last = DispatchTime.now()

    init(enabled: Bool) { self.enabled = enabled }

    mutating func lap(_ what: String) {
        guard enabled else { return }
        let now = DispatchTime.now()
        let ms = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e6
        Console.error("\(TextTable.fixed(ms, 1).leftPadded(9)) ms  \(what)")
        last = now
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

import Dispatch

extension Console {
    /// Rewrites one progress line on a terminal's standard error; `nil` clears it.
    static func progress(_ text: String?) {
        var standardError = StandardError()
        print("\r\u{1B}[K" + (text ?? ""), terminator: "", to: &standardError)
    }
}
