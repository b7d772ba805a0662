/// Loads a dataset directory (contract §1): `suppliers.csv` and, when
/// present, `schemes.csv`, `certifications.csv`, `dependencies.csv` and
/// `recognition.csv` (policy contract: recognition between schemes).
///
/// Every defect is reported with its file, line and column, all in one pass;
/// any error makes loading throw a `DatasetError` holding them all.
public enum DatasetLoader {
    public static let suppliersFile = "suppliers.csv"
    public static let certificationsFile = "certifications.csv"
    public static let dependenciesFile = "dependencies.csv"
    public static let schemesFile = "schemes.csv"

    /// Loads the dataset in `directory`.
    /// - Returns: the dataset and its warnings.
    /// - Throws: `DatasetError` with every error found.
    /// - Parameters:
    ///   - options: how spreadsheet exports are read (contract §1.1); the defaults detect the delimiter per file.
    ///   - threads: threads for parsing large files (the result does not depend on it).
    public static func load(directory: String, options: ReadOptions = ReadOptions(),
                            threads: Int = Parallel.defaultThreads) throws(DatasetError) -> (Dataset, LoadReport) {
        var files: [String: FileBuffer] = [:]
        var sink = DiagnosticSink()
        for name in [suppliersFile, schemesFile, certificationsFile, dependenciesFile, recognitionFile] {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            switch FileBuffer.map(path) {
            case .success(let buffer): files[name] = buffer
            case .failure(.missing): break
            case .failure(.unreadable(let reason)):
                sink.error(.unreadableFile, file: name, line: 0, "cannot read \(path): \(reason)")
            }
        }
        if files[suppliersFile] == nil && sink.errorCount == 0 {
            var isDirectory = stat()
            let message = stat(directory, &isDirectory) != 0
                ? "dataset directory '\(directory)' does not exist"
                : "required file is missing from '\(directory)' (expected suppliers.csv with at least a column 'id')"
            sink.error(.missingFile, file: suppliersFile, line: 0, message)
        }
        return try load(contents: files, options: options, sink: sink, threads: threads)
    }

    /// The scheme catalogue of the dataset in `directory`: the built-in schemes
    /// with its `schemes.csv` applied, when it has one (the other files are not read).
    /// - Throws: `DatasetError` with every error of `schemes.csv`.
    public static func loadSchemes(directory: String, options: ReadOptions = ReadOptions()) throws(DatasetError) -> (SchemeCatalogue, LoadReport) {
        var sink = DiagnosticSink()
        var dataset = Dataset()
        let path = directory.hasSuffix("/") ? directory + schemesFile : directory + "/" + schemesFile
        switch FileBuffer.map(path) {
        case .success(let buffer):
            let (files, formats) = decode([schemesFile: buffer], options: options, sink: &sink)
            readSchemes(files[schemesFile]!.bytes, format: formats[schemesFile]!, into: &dataset, sink: &sink)
            withExtendedLifetime(files) {}
        case .failure(.missing):
            var info = stat()
            if stat(directory, &info) != 0 { sink.error(.missingFile, file: schemesFile, line: 0, "dataset directory '\(directory)' does not exist") }
        case .failure(.unreadable(let reason)):
            sink.error(.unreadableFile, file: schemesFile, line: 0, "cannot read \(path): \(reason)")
        }
        return (dataset.schemes, try sink.report())
    }

    /// Loads a dataset from file contents keyed by file name (for tests and tools
    /// that hold the files in memory).
    public static func load(contents: [String: [UInt8]], options: ReadOptions = ReadOptions(),
                            threads: Int = Parallel.defaultThreads) throws(DatasetError) -> (Dataset, LoadReport) {
        var sink = DiagnosticSink()
        if contents[suppliersFile] == nil {
            sink.error(.missingFile, file: suppliersFile, line: 0, "required file is missing (expected suppliers.csv with at least a column 'id')")
        }
        let buffers: [String: FileBuffer] = contents.mapValues { FileBuffer(copying: $0) }
        return try load(contents: buffers, options: options, sink: sink, threads: threads)
    }

    static func load(contents: [String: FileBuffer], options: ReadOptions, sink: consuming DiagnosticSink,
                     threads: Int) throws(DatasetError) -> (Dataset, LoadReport) {
        var sink = sink
        let (files, formats) = decode(contents, options: options, sink: &sink)
        var dataset = Dataset()
        var suppliersUsable = false
        if let file = files[suppliersFile] {
            suppliersUsable = readSuppliers(file.bytes, format: formats[suppliersFile]!, threads: threads, into: &dataset, sink: &sink)
        }
        if let file = files[schemesFile] {
            readSchemes(file.bytes, format: formats[schemesFile]!, into: &dataset, sink: &sink)
        }
        if let file = files[recognitionFile] {
            readRecognition(file.bytes, format: formats[recognitionFile]!, into: &dataset, sink: &sink)
        }
        if let file = files[certificationsFile] {
            readCertifications(file.bytes, format: formats[certificationsFile]!, threads: threads, into: &dataset,
                               checkSuppliers: suppliersUsable, sink: &sink)
        }
        if let file = files[dependenciesFile] {
            readDependencies(file.bytes, format: formats[dependenciesFile]!, threads: threads, into: &dataset,
                             checkSuppliers: suppliersUsable, sink: &sink)
        }
        warnAboutCertificatesThatNeverCount(dataset.certifications, sink: &sink)
        if suppliersUsable { warnAboutIsolatedSuppliers(dataset, threads: threads, sink: &sink) }
        addHints(contents, options: options, suppliers: suppliersUsable ? dataset.suppliers : nil, sink: &sink)
        withExtendedLifetime(contents) {}
        withExtendedLifetime(files) {}
        return (dataset, try sink.report())
    }

    /// Each file as UTF-8 and how its cells are read (contract §1.1), with
    /// one note per file that is read other than as plain comma-separated UTF-8.
    private static func decode(_ contents: [String: FileBuffer], options: ReadOptions,
                               sink: inout DiagnosticSink) -> ([String: FileBuffer], [String: TableFormat]) {
        var files: [String: FileBuffer] = [:]
        var formats: [String: TableFormat] = [:]
        for name in [suppliersFile, schemesFile, certificationsFile, dependenciesFile, recognitionFile] {
            guard let original = contents[name] else { continue }
            let (file, source) = TextDecoding.decode(original, encoding: options.encoding, file: name, sink: &sink)
            let delimiter = options.delimiter ?? DelimiterDetection.detect(file.bytes)
            files[name] = file
            formats[name] = TableFormat(delimiter: delimiter.byte, dateFormat: options.dateFormat)
            var how: [String] = []
            if let encoding = source.noteText { how.append(encoding) }
            if delimiter != .comma { how += ["\(delimiter.name)-separated", "decimal comma"] }
            if let form = options.dateFormat, name == certificationsFile { how.append("dates also as \(form.rawValue)") }
            if !how.isEmpty && !file.bytes.isEmpty { sink.note(.readAs, file: name, "read as " + how.joined(separator: ", ")) }
        }
        return (files, formats)
    }

    /// Hints that need a whole file, or every supplier, to be known: the
    /// option that reads a file that is not UTF-8, and the ids closest to an
    /// unknown one (for the errors that are shown).
    private static func addHints(_ contents: [String: FileBuffer], options: ReadOptions, suppliers: SupplierTable?,
                                 sink: inout DiagnosticSink) {
        if options.encoding == .utf8 {
            for (name, file) in contents where sink.errors.contains(where: { $0.file == name && $0.kind == .invalidUTF8 }) {
                let bytes = file.bytes
                let hasBOM = bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
                guard !hasBOM, TextDecoding.couldBeWindows1252(bytes) else { continue }
                sink.amendErrors(where: { $0.file == name && $0.kind == .invalidUTF8 }) {
                    $0.message + " (if the file was saved as Windows-1252 or Latin-1, read it with --encoding windows-1252)"
                }
            }
        }
        guard let suppliers else { return }
        // Suggestions for the errors a person sees first (`DatasetError` prints 50); each distinct id is searched once.
        var shown = 0
        var found: [String: String] = [:]
        sink.amendErrors(where: { error in
            guard error.kind == .unknownSupplier, let id = error.subject, !id.isEmpty, shown < 50 else { return false }
            shown += 1
            return true
        }) { error in
            let id = error.subject!
            if found[id] == nil { found[id] = SupplierSearch.didYouMean(SupplierSearch.suggestions(for: id, in: suppliers)) }
            return error.message + found[id]!
        }
    }

    // MARK: pieces

    /// How many pieces a file body is cut into for parallel parsing.
    static let piecesPerThread = 8

    /// One parsed piece of a file body. Lines in `piece` become the file's
    /// once `firstLine` is added (the first piece counts from the file's
    /// first line, the others from 0); the diagnostics in `sink` are already
    /// on the file's lines and sorted by position.
    struct ParsedPiece<Piece> {
        var piece: Piece
        var sink: DiagnosticSink
        var firstLine: Int
    }

    /// Parses the body of a file in pieces, in parallel, with `parse` run on
    /// each piece; falls back to one piece when a piece met a malformed record
    /// (the cut may have been wrong, see `CSVChunking`). Results come in file order.
    static func parsePieces<Piece: Sendable>(_ bytes: UnsafeRawBufferPointer, header: TableHeader, threads: Int,
                                             parse: @Sendable (inout TableReader, inout DiagnosticSink) -> Piece)
        -> [ParsedPiece<Piece>] {
        let body = header.bodyStart..<bytes.count
        let cuts = CSVChunking.cuts(bytes, body: body, pieces: threads <= 1 ? 1 : threads * piecesPerThread)
        var results = [(piece: Piece, sink: DiagnosticSink, lines: Int, malformed: Bool)?](repeating: nil, count: cuts.count)
        let file = SharedReadBuffer(bytes.bindMemory(to: UInt8.self))
        results.withUnsafeMutableBufferPointer { buffer in
            let out = SharedBuffer(buffer)
            Parallel.forEachTask(cuts.count, threads: threads) { k in
                let bytes = UnsafeRawBufferPointer(start: file.base, count: file.count)
                // The first piece knows its lines; the others count from 0 (a message
                // naming another line only comes from a malformed record, read again below).
                let firstLine = k == 0 ? header.bodyLine : 0
                var reader = TableReader(header: header, bytes: bytes, range: cuts[k], line: firstLine)
                var sink = DiagnosticSink()
                let piece = parse(&reader, &sink)
                sink.sortByPosition()
                out[k] = (piece, sink, reader.csv.line - firstLine, reader.sawMalformed)
            }
        }
        if cuts.count > 1 && results.contains(where: { $0!.malformed }) {
            results = []
            var reader = TableReader(header: header, bytes: bytes, range: body, line: header.bodyLine)
            var sink = DiagnosticSink()
            let piece = parse(&reader, &sink)
            sink.sortByPosition()
            return [ParsedPiece(piece: piece, sink: sink, firstLine: 0)]
        }
        var line = header.bodyLine
        return results.enumerated().map { k, result in
            var sink = result!.sink
            let shift = k == 0 ? 0 : line
            sink.shiftLines(by: shift)
            defer { line += result!.lines }
            return ParsedPiece(piece: result!.piece, sink: sink, firstLine: shift)
        }
    }

    // MARK: schemes.csv

    private static func readSchemes(_ bytes: UnsafeRawBufferPointer, format: TableFormat, into dataset: inout Dataset, sink: inout DiagnosticSink) {
        let file = schemesFile
        guard let header = TableHeader(file: file, bytes: bytes, format: format, known: ["scheme", "assurance", "evidence_half_life_days", "cost"],
                                       required: ["scheme", "assurance"], sink: &sink) else {
            emptyOptionalFile(file, sink: &sink)
            return
        }
        let (SCHEME, ASSURANCE, HALF_LIFE, COST) = (0, 1, 2, 3)
        var table = TableReader(header: header, bytes: bytes, range: header.bodyStart..<bytes.count, line: header.bodyLine)
        // Line of the row that defined each scheme: rows are told apart by the
        // scheme they resolve to, so `C5` and `BSI-C5` are one scheme.
        var firstRow: [Int32: (line: Int, name: String)] = [:]
        while let line = table.nextRecord(sink: &sink) {
            let name = table.text(SCHEME)
            if name.isEmpty {
                sink.error(.emptyId, file: file, line: line, column: "scheme", "empty scheme name (expected a scheme name)")
                continue
            }
            let key = SchemeCatalogue.key(name)
            if key.isEmpty {
                sink.error(.unknownScheme, file: file, line: line, column: "scheme",
                           "scheme name \(Diagnostic.quote(name)) has no letter or digit (expected a scheme name)")
                continue
            }
            let known = dataset.schemes.find(name)
            if let known, let first = firstRow[known] {
                let canonical = dataset.schemes.names[Int(known)]
                sink.error(.duplicateScheme, file: file, line: line, column: "scheme",
                           "scheme \(Diagnostic.quote(name)) listed twice (first on line \(first.line))"
                           + (SchemeCatalogue.key(name) == SchemeCatalogue.key(first.name) ? "" : " (both name \(canonical))"))
                continue
            }
            if let known, dataset.schemes.names[Int(known)] != name {
                sink.note(.schemeSpelling, file: file,
                          "scheme \(Diagnostic.quote(name)) read as \(dataset.schemes.names[Int(known)]) (1 row, line \(line))")
            }
            var assurance = 0.0
            let assuranceText = table.text(ASSURANCE)
            if let value = format.number(assuranceText) {
                if value >= 0 && value <= 1 { assurance = value } else {
                    sink.error(.outOfRange, file: file, line: line, column: table.name(ASSURANCE),
                               "assurance \(assuranceText) is out of range [0,1] (expected a number in [0,1])")
                }
            } else {
                sink.error(.badNumber, file: file, line: line, column: table.name(ASSURANCE),
                           "\(Diagnostic.quote(assuranceText)) is not a number (expected a number in [0,1])")
            }
            var halfLife = SchemeCatalogue.defaultHalfLifeDays
            let halfLifeText = table.text(HALF_LIFE)
            if !halfLifeText.isEmpty {
                if let value = format.number(halfLifeText) {
                    if value > 0 && value.isFinite { halfLife = value } else {
                        sink.error(.outOfRange, file: file, line: line, column: table.name(HALF_LIFE),
                                   value > 0 ? "half-life \(halfLifeText) is too large (expected a number of days > 0 that a double holds)"
                                             : "half-life \(halfLifeText) must be > 0 (expected a number of days > 0)")
                    }
                } else {
                    sink.error(.badNumber, file: file, line: line, column: table.name(HALF_LIFE),
                               "\(Diagnostic.quote(halfLifeText)) is not a number (expected a number of days > 0)")
                }
            }
            // `cost` (what `advise` divides by): a number ≥ 0, empty when unknown.
            var cost: Double?
            let costText = table.text(COST)
            if !costText.isEmpty {
                if let value = format.number(costText), value >= 0, value.isFinite {
                    cost = value
                } else {
                    sink.error(format.number(costText) == nil ? .badNumber : .outOfRange, file: file, line: line, column: table.name(COST),
                               "\(Diagnostic.quote(costText)) is not a cost (expected a number ≥ 0, or an empty cell when unknown)")
                }
            }
            let id = dataset.schemes.define(name, assurance: assurance, halfLifeDays: halfLife)
            dataset.schemes.setCost(cost, of: id)
            firstRow[id] = (line, name)
        }
    }

    // MARK: helpers

    /// Reports an unknown supplier id (out of line: the parsing loops that call it stay small).
    @inline(never)
    static func reportUnknownSupplier(_ id: String, file: String, line: Int, column: String, rank: Int, sink: inout DiagnosticSink) {
        sink.error(.unknownSupplier, file: file, line: line, column: column, rank: rank, subject: id, unknownSupplierMessage(id))
    }

    static func unknownSupplierMessage(_ id: String) -> String {
        id.isEmpty ? "empty supplier id (expected an id from suppliers.csv)"
                   : "unknown supplier \(Diagnostic.quote(id)) (expected an id from suppliers.csv)"
    }

    /// The day of a date cell already read (or `missing` for an empty one);
    /// `nil` when the cell is new: `readDate` then parses it.
    @inline(__always)
    static func cachedDate(_ bytes: UnsafeRawBufferPointer, missing: Int32, cache: borrowing DayCache) -> Int32? {
        bytes.isEmpty ? missing : cache.ordinal(of: bytes)
    }

    /// Column `k` of the current record as a day not yet in `cache` (see
    /// `cachedDate`), remembered when valid; `missing` and an error otherwise.
    @inline(never)
    static func readDate(_ table: borrowing TableReader, _ k: Int, line: Int, missing: Int32,
                         cache: inout DayCache, ok: inout Bool, sink: inout DiagnosticSink) -> Int32 {
        let bytes = table.cell(k)
        let format = table.header.format
        switch format.day(bytes) {
        case .some(.some(let day)):
            cache.remember(bytes, ordinal: day.ordinal)
            return day.ordinal
        case .some(.none):
            sink.error(.badDate, file: table.file, line: line, column: table.name(k), rank: table.header.rank(k),
                       "\(Diagnostic.quote(table.text(k))) is not a valid calendar date" + dateHint(bytes, format: format))
        case .none:
            sink.error(.badDate, file: table.file, line: line, column: table.name(k), rank: table.header.rank(k),
                       "\(Diagnostic.quote(table.text(k))) is not a date in YYYY-MM-DD form"
                        + (format.dateFormat.map { " or \($0.rawValue)" } ?? "") + dateHint(bytes, format: format))
        }
        ok = false
        return missing
    }

    /// Names the `--date-format` that would read a date cell, when one would.
    static func dateHint(_ bytes: UnsafeRawBufferPointer, format: TableFormat) -> String {
        let forms = Day.formats(reading: bytes).filter { $0 != format.dateFormat }
        guard !forms.isEmpty else { return "" }
        return " (--date-format " + forms.map(\.rawValue).joined(separator: " or ") + " would read it)"
    }

    static func emptyOptionalFile(_ file: String, sink: inout DiagnosticSink) {
        if !sink.errors.contains(where: { $0.file == file }) {
            sink.warning(.emptyFile, file: file, line: 0, "file has no header row: treated as missing")
        }
    }

    static func isASCIILetter(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }

    /// A certificate that expires before it is issued is allowed (contract §1)
    /// but never counts: most likely two dates swapped, so it is a warning.
    private static func warnAboutCertificatesThatNeverCount(_ certifications: CertificationTable, sink: inout DiagnosticSink) {
        certifications.issued.withUnsafeBufferPointer { issued in
            certifications.expires.withUnsafeBufferPointer { expires in
                for r in 0..<issued.count where issued[r] > expires[r]
                    && issued[r] != CertificationTable.noStart && expires[r] != CertificationTable.noEnd {
                    sink.warning(.expiresBeforeIssued, file: certificationsFile, line: Int(certifications.lines[r]), column: "expires",
                                 "certificate expires (\(Day(ordinal: expires[r]))) before it is issued (\(Day(ordinal: issued[r]))): it never counts")
                }
            }
        }
    }

    private static func warnAboutIsolatedSuppliers(_ dataset: Dataset, threads: Int, sink: inout DiagnosticSink) {
        let n = dataset.suppliers.count
        let words = (n + 63) / 64
        // Each task marks the suppliers named by its share of the rows in its own bit set.
        let tasks = max(1, min(threads, 4))
        let certified = SharedReadBuffer(dataset.certifications.supplier), provided = SharedReadBuffer(dataset.dependencies.provider)
        let marks = [UInt64].filled(count: tasks * words) { marks in
            Parallel.forEachTask(tasks, threads: threads) { t in
                let mine = marks.base + t * words
                mine.initialize(repeating: 0, count: words)
                for rows in [certified, provided] {
                    for r in (rows.count * t / tasks)..<(rows.count * (t + 1) / tasks) {
                        let i = Int(rows[r])
                        mine[i >> 6] |= 1 << UInt64(i & 63)
                    }
                }
            }
        }
        for w in 0..<words {
            var seen: UInt64 = 0
            for t in 0..<tasks { seen |= marks[t * words + w] }
            let valid: UInt64 = w == words - 1 && n % 64 != 0 ? (1 << UInt64(n % 64)) - 1 : ~0
            var missing = ~seen & valid
            while missing != 0 {
                let i = w * 64 + missing.trailingZeroBitCount
                missing &= missing - 1
                sink.warning(.isolatedSupplier, file: suppliersFile, line: Int(dataset.suppliers.lines[i]), column: "id",
                             "supplier \(Diagnostic.quote(dataset.suppliers.id(i))) has no certification and nothing depends on it (its base trust is its prior alone)")
            }
        }
    }
}

/// Days already read, by their exact text: a large file repeats a few
/// thousand dates millions of times. Open addressing on the ten bytes of
/// `YYYY-MM-DD`; only valid dates are remembered, and no more than half the
/// slots are ever filled (a file of more distinct dates reads the rest as new).
struct DayCache: ~Copyable {
    private static let size = 8192
    private let keys: UnsafeMutablePointer<UInt64>
    private let tails: UnsafeMutablePointer<UInt16>
    /// `Int32.min` in an empty slot (no day has it).
    private let ordinals: UnsafeMutablePointer<Int32>
    private var count = 0

    init() {
        keys = .allocate(capacity: DayCache.size)
        tails = .allocate(capacity: DayCache.size)
        ordinals = .allocate(capacity: DayCache.size)
        ordinals.initialize(repeating: .min, count: DayCache.size)
    }

    deinit {
        keys.deallocate()
        tails.deallocate()
        ordinals.deallocate()
    }

    @inline(__always)
    private static func slot(_ head: UInt64, _ tail: UInt16) -> Int {
        Int(truncatingIfNeeded: ((head ^ UInt64(tail)) &* 0x9E37_79B9_7F4A_7C15) >> 51)
    }

    @inline(__always)
    func ordinal(of bytes: UnsafeRawBufferPointer) -> Int32? {
        guard bytes.count == 10, let p = bytes.baseAddress else { return nil }
        let head = p.loadUnaligned(as: UInt64.self), tail = p.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        var k = DayCache.slot(head, tail)
        while ordinals[k] != .min {
            if keys[k] == head && tails[k] == tail { return ordinals[k] }
            k = (k + 1) & (DayCache.size - 1)
        }
        return nil
    }

    mutating func remember(_ bytes: UnsafeRawBufferPointer, ordinal: Int32) {
        guard bytes.count == 10, let p = bytes.baseAddress, count < DayCache.size / 2 else { return }
        let head = p.loadUnaligned(as: UInt64.self), tail = p.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        var k = DayCache.slot(head, tail)
        while ordinals[k] != .min {
            if keys[k] == head && tails[k] == tail { return }
            k = (k + 1) & (DayCache.size - 1)
        }
        keys[k] = head
        tails[k] = tail
        ordinals[k] = ordinal
        count += 1
    }
}
