/// One CSV file of an imported dataset being built: a header and rows of text.
public struct ImportedTable: Sendable, Equatable {
    public private(set) var header: [String]
    public private(set) var rows: [[String]] = []

    public init(header: [String]) { self.header = header }

    /// Appends a row (padded or cut to the header's width).
    mutating func append(_ row: [String]) {
        var row = row
        if row.count < header.count { row += Array(repeating: "", count: header.count - row.count) }
        rows.append(Array(row.prefix(header.count)))
    }

    /// Appends the rows of `other`, matching columns by name; columns only `other` has are added at the end.
    mutating func append(contentsOf other: ImportedTable) {
        var position: [Int] = []
        for name in other.header {
            if let k = header.firstIndex(of: name) { position.append(k); continue }
            header.append(name)
            for r in rows.indices { rows[r].append("") }
            position.append(header.count - 1)
        }
        for row in other.rows {
            var cells = Array(repeating: "", count: header.count)
            for (k, cell) in row.enumerated() where k < position.count { cells[position[k]] = cell }
            rows.append(cells)
        }
    }

    /// The table as RFC 4180 CSV.
    public var csv: [UInt8] {
        var writer = CSVWriter(header: header)
        for row in rows { writer.row(row) }
        return writer.bytes
    }

    /// Reads a CSV file's text into a table (comma-separated, as the dataset files are).
    /// - Returns: nil when the file has no header row.
    static func parse(_ bytes: [UInt8], file: String, sink: inout DiagnosticSink) -> ImportedTable? {
        var table: ImportedTable?
        bytes.withUnsafeBytes { buffer in
            var reader = CSVReader(buffer)
            loop: while true {
                switch reader.next() {
                case .end: break loop
                case .malformed(let line, let message):
                    sink.error(.malformedRecord, file: file, line: line, message)
                case .record(let line):
                    if reader.recordIsBlank { continue }
                    if reader.invalidUTF8Field != nil { sink.error(.invalidUTF8, file: file, line: line, "the record is not valid UTF-8") }
                    let cells = (0..<reader.fieldCount).map { reader.string($0) }
                    if table == nil { table = ImportedTable(header: cells.map { $0.lowercased() }) } else { table!.append(cells) }
                }
            }
        }
        return table
    }
}

/// What an import read, wrote and left out, for the command to print.
public struct ImportSummary: Sendable, Equatable {
    /// What was read, in reading order: ("entities (b_01.02)", 2), …
    public var read: [(what: String, count: Int)] = []
    /// What was written: ("suppliers", 17), …
    public var written: [(what: String, count: Int)] = []
    /// Rows or records left out, by reason, in the order reasons were first met.
    public var dropped: [(reason: String, count: Int)] = []
    /// Records written once for several definitions, by what they are.
    public var merged: [(what: String, count: Int)] = []
    /// Other facts the user should know (no certifications, an ignored ZIP entry…).
    public var notes: [String] = []

    public init() {}

    mutating func addRead(_ what: String, _ count: Int) {
        if let k = read.firstIndex(where: { $0.what == what }) { read[k].count += count } else { read.append((what, count)) }
    }

    mutating func drop(_ reason: String, _ count: Int = 1) {
        guard count > 0 else { return }
        if let k = dropped.firstIndex(where: { $0.reason == reason }) { dropped[k].count += count } else { dropped.append((reason, count)) }
    }

    mutating func merge(_ what: String) {
        if let k = merged.firstIndex(where: { $0.what == what }) { merged[k].count += 1 } else { merged.append((what, 1)) }
    }

    public static func == (lhs: ImportSummary, rhs: ImportSummary) -> Bool {
        lhs.read.elementsEqual(rhs.read, by: ==) && lhs.written.elementsEqual(rhs.written, by: ==)
            && lhs.dropped.elementsEqual(rhs.dropped, by: ==) && lhs.merged.elementsEqual(rhs.merged, by: ==)
            && lhs.notes == rhs.notes
    }

    /// The summary as lines for a person (data escaped for a terminal).
    public var lines: [String] {
        var lines: [String] = []
        lines.append("read: " + read.map { "\($0.count) \($0.what)" }.joined(separator: ", "))
        lines.append("wrote: " + written.map { "\($0.count) \($0.what)" }.joined(separator: ", "))
        if dropped.isEmpty {
            lines.append("dropped: nothing")
        } else {
            lines.append("dropped: \(dropped.reduce(0) { $0 + $1.count }):")
            for (reason, count) in dropped { lines.append("  \(count) \(TerminalText.escaped(reason))") }
        }
        for (what, count) in merged { lines.append("merged: \(count) \(TerminalText.escaped(what))") }
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
        let (dataset, _) = try check(certificationsPath: certificationsFile == nil ? nil : options.certifications)
        summary.written = [("suppliers", dataset.suppliers.count), ("dependency rows", dataset.dependencies.count),
                           ("certifications", dataset.certifications.count)]
        if let schemes { summary.written.append(("schemes", schemes.rows.count)) }
        if dataset.certifications.count == 0 {
            summary.notes.append("no certifications: every supplier's base trust is its prior (add them with --certifications FILE)")
        }
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
