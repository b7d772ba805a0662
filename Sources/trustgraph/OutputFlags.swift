import ArgumentParser
import TrustGraphCore

/// Output format and destination.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// `--format` (table, csv or json) and where the output goes.
struct OutputFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Output format: table (for people), csv or json (stable columns).", valueName: "format"))
    var format: OutputFormat = .table

    @OptionGroup var destination: OutputDestination

    func validate() throws {
        if forSpreadsheet && format != .csv { throw ValidationError("--for-spreadsheet applies to --format csv") }
    }

    /// The file given with `-o`, or nil for standard output.
    var output: String? { destination.output }
    var forSpreadsheet: Bool { destination.forSpreadsheet }

    /// Writes `text` to the output file or stdout.
    func emit(_ text: String) throws { try destination.emit(text) }

    /// Writes CSV `text`, in its spreadsheet form with `--for-spreadsheet` (cells separated by `delimiter`).
    func emitCSV(_ text: String, delimiter: ReadOptions.Delimiter?) throws { try destination.emitCSV(text, delimiter: delimiter) }

    /// Writes UTF-8 `bytes` to the output file or stdout (large outputs, not copied into a string).
    func emit(bytes: [UInt8]) throws { try Console.emit(bytes: bytes, to: destination.output) }

    /// Writes CSV `bytes` as `emitCSV` writes its text.
    func emitCSV(bytes: [UInt8], delimiter: ReadOptions.Delimiter?) throws {
        guard forSpreadsheet else { return try emit(bytes: bytes) }
        try Console.emit(bytes: SpreadsheetCSV.convert(bytes: bytes, delimiter: delimiter ?? .comma), to: destination.output)
    }
}

/// `-o FILE` and `--for-spreadsheet`: where a command's output goes and in which form CSV is written
/// (`timeline` pairs them with its own `--format`).
struct OutputDestination: ParsableArguments {
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .customLong("for-spreadsheet"),
          help: "CSV to open in a spreadsheet: a byte-order mark, cells that would run as formulas (=, +, -, @) written as text, the --delimiter given (';' or tab: decimal commas).")
    var forSpreadsheet = false

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
