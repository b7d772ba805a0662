/// One problem found in a dataset: where it is and what was expected.
///
/// Its description reads `file:line: column 'name': what (expected …)`, the
/// form an analyst can jump to in an editor.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// The kind of defect, for programs that react to it.
    public enum Kind: String, Sendable, Equatable {
        case missingFile, missingColumn, duplicateColumn, unreadableFile
        case emptyId, duplicateId, unknownSupplier, selfDependency
        case unknownScheme, duplicateScheme
        /// recognition.csv: a scheme recognised toward itself, a pair listed twice.
        case selfRecognition, duplicatePair
        case badNumber, outOfRange, badDate, unknownWord, badCountry
        case invalidUTF8, malformedRecord, extraField
        /// Warnings.
        case isolatedSupplier, emptyFile, expiresBeforeIssued
        /// A certification that counts at the date given to `validate` and lapses soon after.
        case lapsingSoon
        /// Notes: how a file was read (contract §1.1).
        case readAs, schemeSpelling
    }

    public enum Severity: String, Sendable { case error, warning, note }

    public var severity: Severity
    public var kind: Kind
    /// File name within the dataset directory, e.g. `dependencies.csv`.
    public var file: String
    /// Physical line where the record starts (the header is line 1); 0 for the whole file.
    public var line: Int
    /// Column (header name, lower-cased), when the problem is in one cell.
    public var column: String?
    /// What is wrong, and what was expected.
    public var message: String
    /// The text the problem is about (an unknown id), for hints added once the whole dataset is read.
    var subject: String?

    /// - Parameter message: control characters (line breaks inside a quoted
    ///   cell, say) are written as escapes, so a diagnostic stays on one line.
    public init(_ severity: Severity = .error, _ kind: Kind, file: String, line: Int, column: String? = nil, _ message: String) {
        self.severity = severity
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column.map(Diagnostic.escapingControls)
        self.message = Diagnostic.escapingControls(message)
    }

    /// A cell's text as a message quotes it: in single quotes, control
    /// characters escaped (`\n`), cut after 60 characters with an ellipsis.
    public static func quote(_ text: String) -> String {
        let limit = 60
        let shown = text.count > limit ? String(text.prefix(limit)) + "…" : text
        return "'" + escapingControls(shown) + "'"
    }

    /// `text` with C0 controls and DEL written as `\n`, `\r`, `\t` or `\u{…}`.
    static func escapingControls(_ text: String) -> String { TerminalText.escaped(text) }

    public var description: String {
        var text = severity == .error ? file : "\(severity.rawValue): " + file
        if line > 0 { text += ":\(line)" }
        text += ": "
        if let column { text += "column '\(column)': " }
        return text + message
    }
}

/// Every problem found while loading a dataset.
public struct DatasetError: Error, Sendable, CustomStringConvertible {
    /// The errors, at most `LoadReport.storedLimit` of them.
    public var errors: [Diagnostic]
    /// How many errors there were in all.
    public var errorCount: Int
    /// Warnings found along the way.
    public var warnings: [Diagnostic]
    /// How files were read where that widened the contract's defaults (contract §1.1).
    public var notes: [Diagnostic] = []

    public var description: String {
        LoadReport.summarize(errors, total: errorCount, limit: 50, noun: "error")
    }
}

/// What loading found besides the data: the warnings (errors make loading throw).
public struct LoadReport: Sendable {
    /// At most this many diagnostics of each severity are kept; the rest are counted.
    public static let storedLimit = 1000

    public var warnings: [Diagnostic] = []
    public var warningCount = 0
    /// How files were read where that widened the contract's defaults (contract §1.1):
    /// one note per file, and one per spelling of a scheme other than its name.
    public var notes: [Diagnostic] = []

    /// `count` diagnostics listed up to `limit`, then "… and N more".
    public static func summarize(_ items: [Diagnostic], total: Int, limit: Int, noun: String) -> String {
        var lines = items.prefix(limit).map(\.description)
        if total > lines.count {
            lines.append("… and \(plural(total - lines.count, "more " + noun))")
        }
        return lines.joined(separator: "\n")
    }
}
