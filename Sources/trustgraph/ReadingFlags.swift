import ArgumentParser
import TrustGraphCore

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
