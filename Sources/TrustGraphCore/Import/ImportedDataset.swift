/// One CSV file of an imported dataset being built: a header and rows of text,
/// kept as the CSV they will be written as (a register's million rows are
/// encoded once, not held as strings).
public struct ImportedTable: Sendable, Equatable {
    public private(set) var header: [String]
    /// The header and the rows, RFC 4180.
    private var writer: CSVWriter
    /// Number of rows.
    public private(set) var count = 0

    public init(header: [String]) {
        self.header = header
        writer = CSVWriter(header: header)
    }

    /// A table of `count` rows that `encoded` already holds, after `header`.
    init(header: [String], encoded: CSVWriter, count: Int) {
        self.header = header
        writer = encoded
        self.count = count
    }

    /// The rows, read back as text (cells trimmed of white space, as the loader reads them).
    public var rows: [[String]] {
        var sink = DiagnosticSink()
        return CSVRecords(writer.bytes, file: "", sink: &sink).rows.map { row in
            row.cells.count < header.count ? row.cells + Array(repeating: "", count: header.count - row.cells.count) : row.cells
        }
    }

    /// Appends a row (padded or cut to the header's width).
    mutating func append(_ row: [String]) {
        var row = row
        if row.count < header.count { row += Array(repeating: "", count: header.count - row.count) }
        writer.row(Array(row.prefix(header.count)))
        count += 1
    }

    /// Appends the rows of `other`, matching columns by name; columns only `other` has are added at the end.
    mutating func append(contentsOf other: ImportedTable) {
        var position: [Int] = []
        var widened = header
        for name in other.header {
            if let k = widened.firstIndex(of: name) { position.append(k); continue }
            widened.append(name)
            position.append(widened.count - 1)
        }
        if widened != header {
            let old = rows
            self = ImportedTable(header: widened)
            for row in old { append(row) }
        }
        for row in other.rows {
            var cells = Array(repeating: "", count: header.count)
            for (k, cell) in row.enumerated() where k < position.count { cells[position[k]] = cell }
            append(cells)
        }
    }

    /// The table as RFC 4180 CSV.
    public var csv: [UInt8] { writer.bytes }

    public static func == (a: ImportedTable, b: ImportedTable) -> Bool {
        a.header == b.header && a.count == b.count && a.writer.bytes == b.writer.bytes
    }

    /// Reads a CSV file's text into a table (comma-separated, as the dataset files are).
    /// - Returns: nil when the file has no header row.
    static func parse(_ bytes: [UInt8], file: String, sink: inout DiagnosticSink) -> ImportedTable? {
        let records = CSVRecords(bytes, file: file, sink: &sink)
        guard let header = records.header else { return nil }
        var table = ImportedTable(header: header)
        for row in records.rows { table.append(row.cells) }
        return table
    }
}

/// A count of something, with the noun in the singular and the plural.
public struct ImportCount: Sendable, Equatable {
    public var singular: String
    public var plural: String
    public var count: Int

    /// "1 entity (b_01.02)", "3 entities (b_01.02)".
    public var text: String { "\(count) " + (count == 1 ? singular : plural) }
}

/// What an import read, wrote and left out, for the command to print.
public struct ImportSummary: Sendable, Equatable {
    /// What was read, in reading order.
    public var read: [ImportCount] = []
    /// What was written.
    public var written: [ImportCount] = []
    /// Rows or records left out, by reason, in the order reasons were first met.
    public var dropped: [ImportCount] = []
    /// Records written once for several definitions.
    public var merged: [ImportCount] = []
    /// Other facts the user should know (no certifications, an ignored ZIP entry…).
    public var notes: [String] = []
    /// When the import was merged into a dataset: what the import alone holds (`written` is then the merged dataset).
    public var imported: [ImportCount] = []
    /// What merging into a dataset added, updated and kept; nil when the import is a new dataset.
    public var merge: MergeSummary?

    /// How many warnings the loader gave on the dataset written, and the first few of them.
    public var warningCount = 0
    public var warnings: [String] = []
    /// Warnings the summary shows; `trustgraph validate` lists them all.
    static let warningsShown = 3

    public init() {}

    /// Keeps the count and the first warnings of the loader's check of the dataset.
    mutating func loaderWarnings(_ report: LoadReport) {
        warningCount = report.warningCount
        warnings = report.warnings.prefix(ImportSummary.warningsShown).map(\.description)
    }

    /// The reason duplicate rows are dropped, in the singular.
    public static let duplicateRow = "duplicate row (same consumer, provider, criticality and service)"

    /// The note of a dataset without certifications.
    public static let noCertificationsNote = "no certifications: every supplier's base trust is its prior (add them with --certifications FILE)"

    /// The note naming the schemes an import writes to schemes.csv because the catalogue does not know them.
    static func unknownSchemesNote(_ names: [String]) -> String {
        "\(plural(names.count, "standard")) the scheme catalogue does not know "
            + "written to schemes.csv with assurance 0 (set their assurance there to count them): "
            + names.prefix(5).map { Diagnostic.quote($0) }.joined(separator: ", ")
    }

    /// The counts of a checked dataset for the "wrote:" line; schemes when `schemes` (the rows of the schemes.csv written) is given.
    static func counts(of dataset: Dataset, schemes: Int?) -> [ImportCount] {
        var counts = [ImportCount(singular: "supplier", plural: "suppliers", count: dataset.suppliers.count),
                      ImportCount(singular: "dependency row", plural: "dependency rows", count: dataset.dependencies.count),
                      ImportCount(singular: "certification", plural: "certifications", count: dataset.certifications.count)]
        if let schemes { counts.append(ImportCount(singular: "scheme", plural: "schemes", count: schemes)) }
        return counts
    }

    private static func add(_ list: inout [ImportCount], _ singular: String, _ plural: String, _ count: Int) {
        if let k = list.firstIndex(where: { $0.singular == singular }) { list[k].count += count } else {
            list.append(ImportCount(singular: singular, plural: plural, count: count))
        }
    }

    mutating func addRead(_ singular: String, _ plural: String, _ count: Int) { Self.add(&read, singular, plural, count) }

    mutating func drop(_ singular: String, _ plural: String, _ count: Int = 1) {
        guard count > 0 else { return }
        Self.add(&dropped, singular, plural, count)
    }

    mutating func merge(_ singular: String, _ plural: String) { Self.add(&merged, singular, plural, 1) }

    /// How many of `singular` were dropped (0 when none).
    public func droppedCount(_ singular: String) -> Int { dropped.first { $0.singular == singular }?.count ?? 0 }

    /// The summary as lines for a person (data escaped for a terminal).
    public var lines: [String] {
        var lines: [String] = []
        lines.append("read: " + read.map(\.text).joined(separator: ", "))
        if merge == nil {
            lines.append("wrote: " + written.map(\.text).joined(separator: ", "))
        } else {
            lines.append("imported: " + imported.map(\.text).joined(separator: ", "))
        }
        if dropped.isEmpty {
            lines.append("dropped: nothing")
        } else {
            lines.append("dropped: \(dropped.reduce(0) { $0 + $1.count }):")
            for item in dropped { lines.append("  " + TerminalText.escaped(item.text)) }
        }
        for item in merged { lines.append("merged: " + TerminalText.escaped(item.text)) }
        if let merge {
            lines += merge.lines
            lines.append("wrote: " + written.map(\.text).joined(separator: ", "))
        }
        if warningCount > 0 {
            lines.append("warnings: \(warningCount) from checking the dataset (trustgraph validate lists them all)"
                         + (warningCount > warnings.count ? "; the first \(warnings.count):" : ":"))
            for warning in warnings { lines.append("  " + TerminalText.escaped(warning)) }
        }
        for note in notes { lines.append("note: " + TerminalText.escaped(note)) }
        return lines
    }
}

/// An imported dataset, checked by the dataset loader and ready to write.
public struct ImportedDataset: Sendable {
    public var suppliers: ImportedTable
    public var dependencies: ImportedTable
    public var certifications: ImportedTable?
    /// Schemes the import defines (CycloneDX standards the catalogue does not know).
    public var schemes: ImportedTable?
    /// The bytes of a `--certifications` file copied as it is.
    var certificationsFile: [UInt8]?
    /// The path of the `--certifications` file, for the errors that name it.
    var certificationsPath: String?
    public var summary = ImportSummary()

    init(suppliers: ImportedTable, dependencies: ImportedTable) {
        self.suppliers = suppliers
        self.dependencies = dependencies
    }

    /// The dataset's files, by name.
    public var files: [(name: String, bytes: [UInt8])] {
        var files: [(String, [UInt8])] = [(DatasetLoader.suppliersFile, suppliers.csv), (DatasetLoader.dependenciesFile, dependencies.csv)]
        if let certificationsFile { files.append((DatasetLoader.certificationsFile, certificationsFile)) }
        else if let certifications { files.append((DatasetLoader.certificationsFile, certifications.csv)) }
        if let schemes { files.append((DatasetLoader.schemesFile, schemes.csv)) }
        return files
    }

    /// Adds a certifications.csv given with `--certifications` (supplier = an id of this dataset).
    /// - Throws: `DatasetError` when the file cannot be read.
    mutating func addCertifications(from path: String) throws(DatasetError) {
        var sink = DiagnosticSink()
        switch FileBytes.read(path) {
        case .success(let bytes):
            if var own = certifications {
                // Both: the file's rows follow the imported ones, columns matched by name.
                if let table = ImportedTable.parse(bytes, file: path, sink: &sink) { own.append(contentsOf: table) }
                certifications = own
            } else {
                certificationsFile = bytes
                certificationsPath = path
            }
        case .failure(.missing): sink.error(.missingFile, file: path, line: 0, "no such file (expected a certifications.csv to copy)")
        case .failure(.unreadable(let reason)): sink.error(.unreadableFile, file: path, line: 0, "cannot read it: \(reason)")
        }
        _ = try sink.report()
    }

    /// Loads the files as `trustgraph validate` would.
    /// - Parameter certificationsPath: the `--certifications` file, named in its errors instead of `certifications.csv`.
    /// - Returns: the dataset and the loader's warnings.
    /// - Throws: `DatasetError` with every defect (a copied certifications file can hold some).
    public func check(certificationsPath: String? = nil) throws(DatasetError) -> (Dataset, LoadReport) {
        var contents: [String: [UInt8]] = [:]
        for (name, bytes) in files { contents[name] = bytes }
        do {
            return try DatasetLoader.load(contents: contents)
        } catch {
            guard let certificationsPath else { throw error }
            var renamed = error
            for k in renamed.errors.indices where renamed.errors[k].file == DatasetLoader.certificationsFile {
                renamed.errors[k].file = certificationsPath
            }
            throw renamed
        }
    }

    /// Writes the dataset as `directory`, all files at once (see `FileBytes.writeDirectory`).
    public func write(to directory: String, replacing: Bool) throws(FileBytes.WriteError) {
        try FileBytes.writeDirectory(files, to: directory, replacing: replacing, replaceable: DatasetLoader.fileNames)
    }

    /// Adds the `--certifications` file, checks the dataset and counts what will be written.
    /// - Returns: the checked dataset (for the summary's counts and the caller's use).
    /// - Throws: `DatasetError` with every defect; then nothing may be written.
    mutating func finish(_ options: ImportOptions) throws(DatasetError) -> Dataset {
        if let path = options.certifications { try addCertifications(from: path) }
        let (dataset, report) = try check(certificationsPath: certificationsFile == nil ? nil : options.certifications)
        summary.written = ImportSummary.counts(of: dataset, schemes: schemes?.count)
        if dataset.certifications.count == 0 { summary.notes.append(ImportSummary.noCertificationsNote) }
        summary.loaderWarnings(report)
        return dataset
    }
}

/// The options both importers share.
public struct ImportOptions: Sendable {
    /// The evaluation date that picks active contracts (DORA) ; nil: the package's reference period, else today.
    public var date: Day?
    /// A certifications.csv to copy into the dataset.
    public var certifications: String?
    /// Bounds on ZIP packages.
    public var zipLimits: ZipLimits = .standard
    /// The day used when neither `date` nor the package gives one.
    public var today: Day = .today()

    public init(date: Day? = nil, certifications: String? = nil) {
        self.date = date
        self.certifications = certifications
    }
}
