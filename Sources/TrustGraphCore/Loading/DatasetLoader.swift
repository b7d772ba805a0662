#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loads a dataset directory (contract §1): `suppliers.csv` and, when
/// present, `schemes.csv`, `certifications.csv` and `dependencies.csv`.
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
    /// - Parameter threads: threads for parsing large files (the result does not depend on it).
    public static func load(directory: String, threads: Int = Parallel.defaultThreads) throws(DatasetError) -> (Dataset, LoadReport) {
        var files: [String: [UInt8]] = [:]
        var sink = DiagnosticSink()
        for name in [suppliersFile, schemesFile, certificationsFile, dependenciesFile] {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            switch FileBytes.read(path) {
            case .success(let bytes): files[name] = bytes
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
        return try load(contents: files, sink: sink, threads: threads)
    }

    /// Loads a dataset from file contents keyed by file name (for tests and tools
    /// that hold the files in memory).
    public static func load(contents: [String: [UInt8]], threads: Int = Parallel.defaultThreads) throws(DatasetError) -> (Dataset, LoadReport) {
        var sink = DiagnosticSink()
        if contents[suppliersFile] == nil {
            sink.error(.missingFile, file: suppliersFile, line: 0, "required file is missing (expected suppliers.csv with at least a column 'id')")
        }
        return try load(contents: contents, sink: sink, threads: threads)
    }

    static func load(contents: [String: [UInt8]], sink: consuming DiagnosticSink, threads: Int) throws(DatasetError) -> (Dataset, LoadReport) {
        var sink = sink
        var dataset = Dataset()
        var suppliersUsable = false
        if let bytes = contents[suppliersFile] {
            suppliersUsable = bytes.withUnsafeBytes { readSuppliers($0, threads: threads, into: &dataset, sink: &sink) }
        }
        if let bytes = contents[schemesFile] {
            bytes.withUnsafeBytes { readSchemes($0, into: &dataset, sink: &sink) }
        }
        if let bytes = contents[certificationsFile] {
            bytes.withUnsafeBytes { readCertifications($0, threads: threads, into: &dataset, checkSuppliers: suppliersUsable, sink: &sink) }
        }
        if let bytes = contents[dependenciesFile] {
            bytes.withUnsafeBytes { readDependencies($0, threads: threads, into: &dataset, checkSuppliers: suppliersUsable, sink: &sink) }
        }
        if suppliersUsable { warnAboutIsolatedSuppliers(dataset, sink: &sink) }
        if sink.errorCount > 0 {
            throw DatasetError(errors: sink.errors, errorCount: sink.errorCount, warnings: sink.warnings)
        }
        return (dataset, LoadReport(warnings: sink.warnings, warningCount: sink.warningCount))
    }

    // MARK: pieces

    /// How many pieces a file body is cut into for parallel parsing.
    static let piecesPerThread = 4

    /// Parses the body of a file in pieces, in parallel, with `parse` run on
    /// each piece; falls back to one piece when a piece met a malformed record
    /// (the cut may have been wrong). Results come in file order.
    static func parsePieces<Piece: Sendable>(_ bytes: UnsafeRawBufferPointer, header: TableHeader, threads: Int,
                                             parse: @Sendable (inout TableReader, inout DiagnosticSink) -> Piece)
        -> [(piece: Piece, sink: DiagnosticSink)] {
        let body = header.bodyStart..<bytes.count
        let cuts = CSVChunking.split(bytes, body: body, firstLine: header.bodyLine, pieces: threads <= 1 ? 1 : threads * piecesPerThread)
        var results = [(piece: Piece, sink: DiagnosticSink, malformed: Bool)?](repeating: nil, count: cuts.count)
        let file = SharedReadBuffer(bytes.bindMemory(to: UInt8.self))
        results.withUnsafeMutableBufferPointer { buffer in
            let out = SharedBuffer(buffer)
            Parallel.forEachChunk(cuts.count, chunk: 1, threads: threads) { range in
                for k in range {
                    let bytes = UnsafeRawBufferPointer(start: file.base, count: file.count)
                    var reader = TableReader(header: header, bytes: bytes, range: cuts[k].range, line: cuts[k].line)
                    var sink = DiagnosticSink()
                    let piece = parse(&reader, &sink)
                    sink.sortByPosition()
                    out[k] = (piece, sink, reader.sawMalformed)
                }
            }
        }
        if cuts.count > 1 && results.contains(where: { $0!.malformed }) {
            var reader = TableReader(header: header, bytes: bytes, range: body, line: header.bodyLine)
            var sink = DiagnosticSink()
            let piece = parse(&reader, &sink)
            sink.sortByPosition()
            return [(piece, sink)]
        }
        return results.map { ($0!.piece, $0!.sink) }
    }

    // MARK: suppliers.csv

    /// One piece of suppliers.csv after the parallel phase: every record with
    /// a non-empty id, its columns already in their final form.
    struct SupplierPiece: Sendable {
        var lines: [Int32] = []
        var ids = CellStore()
        var names = StringColumn()
        var countries = StringColumn()
        var sectors = StringColumn()
        var priors: [Double] = []
        var attributes = AttributeColumns()
    }

    private static func readSuppliers(_ bytes: UnsafeRawBufferPointer, threads: Int, into dataset: inout Dataset, sink: inout DiagnosticSink) -> Bool {
        let file = suppliersFile
        guard let header = TableHeader(file: file, bytes: bytes, known: ["id", "name", "country", "sector", "prior"],
                                       required: ["id"], sink: &sink) else {
            if !sink.errors.contains(where: { $0.file == file }) {
                sink.error(.missingColumn, file: file, line: 1, column: "id", "file has no header row (expected at least a column 'id')")
            }
            return false
        }
        let (ID, NAME, COUNTRY, SECTOR, PRIOR) = (0, 1, 2, 3, 4)
        let extras = header.extraColumns.count
        let pieces = parsePieces(bytes, header: header, threads: threads) { table, sink in
            var piece = SupplierPiece()
            let estimate = table.csv.remaining / 32
            piece.lines.reserveCapacity(estimate)
            piece.priors.reserveCapacity(estimate)
            piece.ids = CellStore(capacity: estimate)
            piece.names.reserve(values: estimate, bytesEach: 16)
            piece.attributes.names = header.extraColumns.map(\.name)
            piece.attributes.values = Array(repeating: StringColumn(), count: extras)
            while let line = table.nextRecord(sink: &sink) {
                if table.cell(ID).isEmpty {
                    sink.error(.emptyId, file: file, line: line, column: "id", rank: header.rank(ID),
                               "empty supplier id (expected a non-empty, unique id)")
                    continue
                }
                let country = table.cell(COUNTRY)
                if country.isEmpty || (country.count == 2 && country.allSatisfy(isASCIILetter)) {
                    piece.countries.appendASCIIUppercased(country)
                } else {
                    sink.error(.badCountry, file: file, line: line, column: table.name(COUNTRY), rank: header.rank(COUNTRY),
                               "'\(table.text(COUNTRY))' is not a country code (expected two ASCII letters)")
                    piece.countries.append("")
                }
                var prior = Double.nan
                let priorText = table.cell(PRIOR)
                if !priorText.isEmpty {
                    if let value = ContractNumber.parse(priorText) {
                        if value >= 0 && value <= 1 {
                            prior = value
                        } else {
                            sink.error(.outOfRange, file: file, line: line, column: table.name(PRIOR), rank: header.rank(PRIOR),
                                       "prior \(table.text(PRIOR)) is out of range [0,1] (expected a number in [0,1])")
                        }
                    } else {
                        sink.error(.badNumber, file: file, line: line, column: table.name(PRIOR), rank: header.rank(PRIOR),
                                   "'\(table.text(PRIOR))' is not a number (expected a number in [0,1])")
                    }
                }
                piece.lines.append(Int32(truncatingIfNeeded: line))
                table.keep(ID, in: &piece.ids)
                piece.names.append(table.cell(NAME))
                piece.sectors.append(table.cell(SECTOR))
                piece.priors.append(prior)
                table.appendAttributes(&piece.attributes)
            }
            return piece
        }

        // Sequential phase: ids are interned in file order, so duplicates name their first line.
        let records = pieces.reduce(0) { $0 + $1.piece.lines.count }
        var suppliers = SupplierTable()
        suppliers.index = InternTable(capacity: records)
        suppliers.priors.reserveCapacity(records)
        suppliers.lines.reserveCapacity(records)
        suppliers.attributes.names = header.extraColumns.map(\.name)
        suppliers.attributes.values = Array(repeating: StringColumn(), count: extras)
        for (piece, pieceSink) in pieces {
            var duplicates = DiagnosticSink()
            var keep = [Bool](repeating: true, count: piece.lines.count)
            for r in 0..<piece.lines.count {
                let (index, inserted) = piece.ids.withBytes(r, in: bytes.baseAddress!) { suppliers.index.intern($0) }
                if inserted {
                    suppliers.lines.append(piece.lines[r])
                } else {
                    keep[r] = false
                    duplicates.error(.duplicateId, file: file, line: Int(piece.lines[r]), column: "id", rank: header.rank(ID),
                                     "duplicate supplier id '\(piece.ids.string(r, in: bytes.baseAddress!))' (first on line \(suppliers.lines[Int(index)]))")
                }
            }
            if duplicates.errorCount == 0 {
                suppliers.names.append(contentsOf: piece.names)
                suppliers.countries.append(contentsOf: piece.countries)
                suppliers.sectors.append(contentsOf: piece.sectors)
                suppliers.priors += piece.priors
                for x in 0..<extras { suppliers.attributes.values[x].append(contentsOf: piece.attributes.values[x]) }
            } else {
                suppliers.names.append(contentsOf: piece.names) { keep[$0] }
                suppliers.countries.append(contentsOf: piece.countries) { keep[$0] }
                suppliers.sectors.append(contentsOf: piece.sectors) { keep[$0] }
                suppliers.priors += piece.priors.indices.filter { keep[$0] }.map { piece.priors[$0] }
                for x in 0..<extras { suppliers.attributes.values[x].append(contentsOf: piece.attributes.values[x]) { keep[$0] } }
            }
            var merged = pieceSink
            merged.append(duplicates)
            merged.sortByPosition()
            sink.append(merged)
        }
        dataset.suppliers = suppliers
        return true
    }

    // MARK: schemes.csv

    private static func readSchemes(_ bytes: UnsafeRawBufferPointer, into dataset: inout Dataset, sink: inout DiagnosticSink) {
        let file = schemesFile
        guard let header = TableHeader(file: file, bytes: bytes, known: ["scheme", "assurance", "evidence_half_life_days"],
                                       required: ["scheme", "assurance"], sink: &sink) else {
            emptyOptionalFile(file, sink: &sink)
            return
        }
        let (SCHEME, ASSURANCE, HALF_LIFE) = (0, 1, 2)
        var table = TableReader(header: header, bytes: bytes, range: header.bodyStart..<bytes.count, line: header.bodyLine)
        var firstLine: [String: Int] = [:]
        while let line = table.nextRecord(sink: &sink) {
            let name = table.text(SCHEME)
            if name.isEmpty {
                sink.error(.emptyId, file: file, line: line, column: "scheme", "empty scheme name (expected a scheme name)")
                continue
            }
            let key = SchemeCatalogue.key(name)
            if let first = firstLine[key] {
                sink.error(.duplicateScheme, file: file, line: line, column: "scheme",
                           "scheme '\(name)' listed twice (first on line \(first))")
                continue
            }
            firstLine[key] = line
            var assurance = 0.0
            let assuranceText = table.text(ASSURANCE)
            if let value = ContractNumber.parse(assuranceText) {
                if value >= 0 && value <= 1 { assurance = value } else {
                    sink.error(.outOfRange, file: file, line: line, column: table.name(ASSURANCE),
                               "assurance \(assuranceText) is out of range [0,1] (expected a number in [0,1])")
                }
            } else {
                sink.error(.badNumber, file: file, line: line, column: table.name(ASSURANCE),
                           "'\(assuranceText)' is not a number (expected a number in [0,1])")
            }
            var halfLife = SchemeCatalogue.defaultHalfLifeDays
            let halfLifeText = table.text(HALF_LIFE)
            if !halfLifeText.isEmpty {
                if let value = ContractNumber.parse(halfLifeText) {
                    if value > 0 { halfLife = value } else {
                        sink.error(.outOfRange, file: file, line: line, column: table.name(HALF_LIFE),
                                   "half-life \(halfLifeText) must be > 0 (expected a number of days > 0)")
                    }
                } else {
                    sink.error(.badNumber, file: file, line: line, column: table.name(HALF_LIFE),
                               "'\(halfLifeText)' is not a number (expected a number of days > 0)")
                }
            }
            dataset.schemes.define(name, assurance: assurance, halfLifeDays: halfLife)
        }
    }

    // MARK: certifications.csv

    /// One piece of certifications.csv: rows that parsed, supplier still to resolve.
    struct CertificationPiece: Sendable {
        var rows = CertificationTable()
        var cells = CellStore()
        var ok: [Bool] = []
    }

    private static func readCertifications(_ bytes: UnsafeRawBufferPointer, threads: Int, into dataset: inout Dataset,
                                           checkSuppliers: Bool, sink: inout DiagnosticSink) {
        let file = certificationsFile
        guard let header = TableHeader(file: file, bytes: bytes,
                                       known: ["supplier", "scheme", "status", "issued", "expires", "last_evidence", "scope"],
                                       required: ["supplier", "scheme"], sink: &sink) else {
            emptyOptionalFile(file, sink: &sink)
            return
        }
        let (SUPPLIER, SCHEME, STATUS, ISSUED, EXPIRES, EVIDENCE, SCOPE) = (0, 1, 2, 3, 4, 5, 6)
        let extras = header.extraColumns.count
        let frozen = dataset
        let pieces = parsePieces(bytes, header: header, threads: threads) { table, sink in
            var piece = CertificationPiece()
            let estimate = table.csv.remaining / 40
            piece.ok.reserveCapacity(estimate)
            piece.cells = CellStore(capacity: estimate * (1 + extras))
            // Exact spellings seen so far, mapped to scheme ids (-1: unknown).
            var spellings = InternTable()
            var spellingScheme: [Int32] = []
            while let line = table.nextRecord(sink: &sink) {
                var ok = true
                let spelling = spellings.intern(table.cell(SCHEME))
                if spelling.inserted {
                    spellingScheme.append(frozen.schemes.find(table.text(SCHEME)) ?? -1)
                }
                let scheme = spellingScheme[Int(spelling.id)]
                if scheme < 0 {
                    let name = table.text(SCHEME)
                    sink.error(name.isEmpty ? .emptyId : .unknownScheme, file: file, line: line, column: table.name(SCHEME),
                               rank: header.rank(SCHEME),
                               name.isEmpty ? "empty scheme (expected a scheme name)"
                                            : "unknown scheme '\(name)' (not built in and not in schemes.csv)")
                    ok = false
                }
                let status = CertificationStatus.parse(table.cell(STATUS))
                if status == nil {
                    sink.error(.unknownWord, file: file, line: line, column: table.name(STATUS), rank: header.rank(STATUS),
                               "unknown status '\(table.text(STATUS))' (expected one of valid, suspended, revoked, expired)")
                    ok = false
                }
                let issued = readDate(table, ISSUED, line: line, missing: CertificationTable.noStart, ok: &ok, sink: &sink)
                let expires = readDate(table, EXPIRES, line: line, missing: CertificationTable.noEnd, ok: &ok, sink: &sink)
                let evidence = readDate(table, EVIDENCE, line: line, missing: CertificationTable.noStart, ok: &ok, sink: &sink)
                var partial = false
                let scope = table.cell(SCOPE)
                if scope.isEmpty || ASCII.equalsIgnoringCase(scope, "full") {
                    partial = false
                } else if ASCII.equalsIgnoringCase(scope, "partial") {
                    partial = true
                } else {
                    sink.error(.unknownWord, file: file, line: line, column: table.name(SCOPE), rank: header.rank(SCOPE),
                               "unknown scope '\(table.text(SCOPE))' (expected full or partial)")
                    ok = false
                }
                piece.rows.append(supplier: -1, scheme: scheme, status: status ?? .valid, issued: issued, expires: expires,
                                  lastEvidence: evidence, partial: partial, line: Int32(truncatingIfNeeded: line))
                piece.ok.append(ok)
                table.keep(SUPPLIER, in: &piece.cells)
                table.appendAttributes(&piece.rows.attributes)
            }
            // Resolve suppliers in a tight loop: independent lookups overlap their cache misses.
            let stride = 1
            for r in 0..<piece.ok.count {
                let found = piece.cells.withBytes(r * stride, in: table.csv.fileBase) {
                    frozen.suppliers.index.find($0)
                }
                if let found {
                    piece.rows.supplier[r] = found
                } else {
                    if checkSuppliers {
                        let id = piece.cells.string(r * stride, in: table.csv.fileBase)
                        sink.error(.unknownSupplier, file: file, line: Int(piece.rows.lines[r]), column: header.name(SUPPLIER),
                                   rank: header.rank(SUPPLIER), unknownSupplierMessage(id))
                    }
                    piece.ok[r] = false
                }
            }
            return piece
        }
        var certifications = CertificationTable()
        certifications.attributes.names = header.extraColumns.map(\.name)
        certifications.attributes.values = Array(repeating: StringColumn(), count: extras)
        for (piece, pieceSink) in pieces {
            certifications.append(contentsOf: piece.rows) { piece.ok[$0] }
            sink.append(pieceSink)
        }
        dataset.certifications = certifications
    }

    // MARK: dependencies.csv

    /// One piece of dependencies.csv, parsed and resolved in parallel with the others.
    struct DependencyPiece: Sendable {
        var rows = DependencyTable()
        var ok: [Bool] = []
        /// Per record: consumer, provider, group, then the unknown columns.
        var cells = CellStore()
        /// Group labels that are no supplier id, interned in this piece
        /// (`rows.group` holds −1 − local id for them until the merge).
        var labels = InternTable()
    }

    private static func readDependencies(_ bytes: UnsafeRawBufferPointer, threads: Int, into dataset: inout Dataset,
                                         checkSuppliers: Bool, sink: inout DiagnosticSink) {
        let file = dependenciesFile
        guard let header = TableHeader(file: file, bytes: bytes, known: ["consumer", "provider", "criticality", "group", "service"],
                                       required: ["consumer", "provider"], sink: &sink) else {
            emptyOptionalFile(file, sink: &sink)
            return
        }
        let (CONSUMER, PROVIDER, CRITICALITY, GROUP, SERVICE) = (0, 1, 2, 3, 4)
        let extras = header.extraColumns.count
        let stride = 3 + extras
        let index = dataset.suppliers.index
        let pieces = parsePieces(bytes, header: header, threads: threads) { table, sink in
            var piece = DependencyPiece()
            let estimate = table.csv.remaining / 24
            piece.rows.weight.reserveCapacity(estimate)
            piece.rows.lines.reserveCapacity(estimate)
            piece.rows.service.reserveCapacity(estimate)
            piece.ok.reserveCapacity(estimate)
            piece.cells = CellStore(capacity: estimate * stride)
            while let line = table.nextRecord(sink: &sink) {
                let weight = Criticality.weight(table.cell(CRITICALITY))
                if weight == nil {
                    let text = table.text(CRITICALITY)
                    if ContractNumber.parse(text) != nil {
                        sink.error(.outOfRange, file: file, line: line, column: table.name(CRITICALITY), rank: header.rank(CRITICALITY),
                                   "criticality \(text) is out of range (0,1]")
                    } else {
                        sink.error(.unknownWord, file: file, line: line, column: table.name(CRITICALITY), rank: header.rank(CRITICALITY),
                                   "'\(text)' is not critical/high/medium/low or a number in (0,1]")
                    }
                }
                piece.rows.lines.append(Int32(truncatingIfNeeded: line))
                piece.ok.append(weight != nil)
                piece.rows.weight.append(weight ?? 0)
                let service = table.cell(SERVICE)
                piece.rows.service.append(service.isEmpty ? 0 : piece.rows.serviceNames.intern(service).id)
                table.keep(CONSUMER, in: &piece.cells)
                table.keep(PROVIDER, in: &piece.cells)
                table.keep(GROUP, in: &piece.cells)
                table.keepAttributes(in: &piece.cells)
            }
            // Resolve ids in tight loops: independent lookups overlap their cache misses.
            let base = table.csv.fileBase
            let rows = piece.ok.count
            let cells = piece.cells
            piece.rows.consumer = [Int32](unsafeUninitializedCapacity: rows) { out, filled in
                index.find(count: rows, key: { cells.bytes(($0) * stride, in: base) }, into: out)
                filled = rows
            }
            piece.rows.provider = [Int32](unsafeUninitializedCapacity: rows) { out, filled in
                index.find(count: rows, key: { cells.bytes(($0) * stride + 1, in: base) }, into: out)
                filled = rows
            }
            piece.rows.group = (0..<rows).map { r in
                cells.isEmpty(r * stride + 2) ? piece.rows.provider[r]
                    : cells.withBytes(r * stride + 2, in: base) { index.find($0) ?? Int32.min }
            }
            for r in 0..<rows {
                let line = Int(piece.rows.lines[r])
                if piece.rows.consumer[r] < 0 || piece.rows.provider[r] < 0 {
                    for (k, resolved) in [(CONSUMER, piece.rows.consumer[r]), (PROVIDER, piece.rows.provider[r])] where resolved < 0 {
                        if checkSuppliers {
                            sink.error(.unknownSupplier, file: file, line: line, column: header.name(k), rank: header.rank(k),
                                       unknownSupplierMessage(cells.string(r * stride + k, in: base)))
                        }
                    }
                    piece.ok[r] = false
                }
                if piece.ok[r] && piece.rows.consumer[r] == piece.rows.provider[r] {
                    sink.error(.selfDependency, file: file, line: line, column: header.name(PROVIDER), rank: header.rank(PROVIDER),
                               "self-dependency: '\(cells.string(r * stride + 1, in: base))' depends on itself")
                    piece.ok[r] = false
                }
                if piece.rows.group[r] == Int32.min {
                    piece.rows.group[r] = -1 - cells.withBytes(r * stride + 2, in: base) { piece.labels.intern($0).id }
                }
            }
            return piece
        }

        // Merge the pieces in file order; local label and service ids become global ones.
        var rows = DependencyTable()
        let total = pieces.reduce(0) { $0 + $1.piece.ok.count }
        rows.consumer.reserveCapacity(total)
        rows.provider.reserveCapacity(total)
        rows.weight.reserveCapacity(total)
        rows.group.reserveCapacity(total)
        rows.service.reserveCapacity(total)
        rows.lines.reserveCapacity(total)
        rows.attributes.names = header.extraColumns.map(\.name)
        rows.attributes.values = Array(repeating: StringColumn(), count: extras)
        let supplierCount = Int32(dataset.suppliers.count)
        for (piece, pieceSink) in pieces {
            let labelIds = (0..<piece.labels.count).map { supplierCount + rows.extraLabels.intern(piece.labels.values[$0]).id }
            let serviceIds = (0..<piece.rows.serviceNames.count).map { rows.serviceNames.intern(piece.rows.serviceNames.values[$0]).id }
            let local = piece.rows
            if !piece.ok.contains(false) && piece.labels.count == 0 {
                rows.consumer += local.consumer
                rows.provider += local.provider
                rows.weight += local.weight
                rows.group += local.group
                rows.lines += local.lines
                rows.service += local.service.map { serviceIds[Int($0)] }
                if extras > 0 {
                    for r in 0..<piece.ok.count {
                        for x in 0..<extras {
                            piece.cells.withBytes(r * stride + 3 + x, in: bytes.baseAddress!) { rows.attributes.values[x].append($0) }
                        }
                    }
                }
            } else {
                for r in 0..<piece.ok.count where piece.ok[r] {
                    let label = local.group[r]
                    rows.consumer.append(local.consumer[r])
                    rows.provider.append(local.provider[r])
                    rows.weight.append(local.weight[r])
                    rows.group.append(label >= 0 ? label : labelIds[Int(-1 - label)])
                    rows.service.append(serviceIds[Int(local.service[r])])
                    rows.lines.append(local.lines[r])
                    for x in 0..<extras {
                        piece.cells.withBytes(r * stride + 3 + x, in: bytes.baseAddress!) { rows.attributes.values[x].append($0) }
                    }
                }
            }
            sink.append(pieceSink)
        }
        dataset.dependencies = rows
    }

    // MARK: helpers

    static func unknownSupplierMessage(_ id: String) -> String {
        id.isEmpty ? "empty supplier id (expected an id from suppliers.csv)"
                   : "unknown supplier '\(id)' (expected an id from suppliers.csv)"
    }

    private static func readDate(_ table: borrowing TableReader, _ k: Int, line: Int, missing: Int32,
                                 ok: inout Bool, sink: inout DiagnosticSink) -> Int32 {
        let bytes = table.cell(k)
        if bytes.isEmpty { return missing }
        switch Day.parse(bytes) {
        case .some(.some(let day)): return day.ordinal
        case .some(.none):
            sink.error(.badDate, file: table.file, line: line, column: table.name(k), rank: table.header.rank(k),
                       "'\(table.text(k))' is not a valid calendar date")
        case .none:
            sink.error(.badDate, file: table.file, line: line, column: table.name(k), rank: table.header.rank(k),
                       "'\(table.text(k))' is not a date in YYYY-MM-DD form")
        }
        ok = false
        return missing
    }

    private static func emptyOptionalFile(_ file: String, sink: inout DiagnosticSink) {
        if !sink.errors.contains(where: { $0.file == file }) {
            sink.warning(.emptyFile, file: file, line: 0, "file has no header row: treated as missing")
        }
    }

    private static func isASCIILetter(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }

    private static func warnAboutIsolatedSuppliers(_ dataset: Dataset, sink: inout DiagnosticSink) {
        let n = dataset.suppliers.count
        var seen = [Bool](repeating: false, count: n)
        for s in dataset.certifications.supplier { seen[Int(s)] = true }
        for p in dataset.dependencies.provider { seen[Int(p)] = true }
        for i in 0..<n where !seen[i] {
            sink.warning(.isolatedSupplier, file: suppliersFile, line: Int(dataset.suppliers.lines[i]), column: "id",
                         "supplier '\(dataset.suppliers.id(i))' has no certification and nothing depends on it (its trust is its prior alone)")
        }
    }
}
