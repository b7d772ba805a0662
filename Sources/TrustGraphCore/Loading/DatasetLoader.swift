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
    public static func load(directory: String) throws(DatasetError) -> (Dataset, LoadReport) {
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
        return try load(contents: files, sink: sink)
    }

    /// Loads a dataset from file contents keyed by file name (for tests and tools
    /// that hold the files in memory).
    public static func load(contents: [String: [UInt8]]) throws(DatasetError) -> (Dataset, LoadReport) {
        var sink = DiagnosticSink()
        if contents[suppliersFile] == nil {
            sink.error(.missingFile, file: suppliersFile, line: 0, "required file is missing (expected suppliers.csv with at least a column 'id')")
        }
        return try load(contents: contents, sink: sink)
    }

    static func load(contents: [String: [UInt8]], sink: consuming DiagnosticSink) throws(DatasetError) -> (Dataset, LoadReport) {
        var sink = sink
        var dataset = Dataset()
        var suppliersUsable = false
        if let bytes = contents[suppliersFile] {
            suppliersUsable = bytes.withUnsafeBytes { readSuppliers($0, into: &dataset, sink: &sink) }
        }
        if let bytes = contents[schemesFile] {
            bytes.withUnsafeBytes { readSchemes($0, into: &dataset, sink: &sink) }
        }
        if let bytes = contents[certificationsFile] {
            bytes.withUnsafeBytes { readCertifications($0, into: &dataset, checkSuppliers: suppliersUsable, sink: &sink) }
        }
        if let bytes = contents[dependenciesFile] {
            bytes.withUnsafeBytes { readDependencies($0, into: &dataset, checkSuppliers: suppliersUsable, sink: &sink) }
        }
        if suppliersUsable { warnAboutIsolatedSuppliers(dataset, sink: &sink) }
        if sink.errorCount > 0 {
            throw DatasetError(errors: sink.errors, errorCount: sink.errorCount, warnings: sink.warnings)
        }
        return (dataset, LoadReport(warnings: sink.warnings, warningCount: sink.warningCount))
    }

    // MARK: suppliers.csv

    private static func readSuppliers(_ bytes: UnsafeRawBufferPointer, into dataset: inout Dataset, sink: inout DiagnosticSink) -> Bool {
        let file = suppliersFile
        guard var table = TableReader(file: file, bytes: bytes, known: ["id", "name", "country", "sector", "prior"],
                                      required: ["id"], sink: &sink) else {
            if !sink.errors.contains(where: { $0.file == file }) {
                sink.error(.missingColumn, file: file, line: 1, column: "id", "file has no header row (expected at least a column 'id')")
            }
            return false
        }
        let (ID, NAME, COUNTRY, SECTOR, PRIOR) = (0, 1, 2, 3, 4)
        let estimate = max(16, bytes.count / 48)
        var suppliers = SupplierTable()
        suppliers.index = InternTable(capacity: estimate)
        suppliers.priors.reserveCapacity(estimate)
        suppliers.lines.reserveCapacity(estimate)
        while let line = table.nextRecord(sink: &sink) {
            let id = table.cell(ID)
            if id.isEmpty {
                sink.error(.emptyId, file: file, line: line, column: "id", "empty supplier id (expected a non-empty, unique id)")
                continue
            }
            let (index, inserted) = suppliers.index.intern(id)
            if !inserted {
                sink.error(.duplicateId, file: file, line: line, column: "id",
                           "duplicate supplier id '\(table.text(ID))' (first on line \(suppliers.lines[Int(index)]))")
                continue
            }
            suppliers.lines.append(Int32(truncatingIfNeeded: line))
            suppliers.names.append(table.cell(NAME))
            let country = table.cell(COUNTRY)
            if country.isEmpty || (country.count == 2 && country.allSatisfy(isASCIILetter)) {
                suppliers.countries.appendASCIIUppercased(country)
            } else {
                sink.error(.badCountry, file: file, line: line, column: table.name(COUNTRY),
                           "'\(table.text(COUNTRY))' is not a country code (expected two ASCII letters)")
                suppliers.countries.append("")
            }
            suppliers.sectors.append(table.cell(SECTOR))
            var prior = Double.nan
            let priorText = table.cell(PRIOR)
            if !priorText.isEmpty {
                if let value = ContractNumber.parse(priorText) {
                    if value >= 0 && value <= 1 {
                        prior = value
                    } else {
                        sink.error(.outOfRange, file: file, line: line, column: table.name(PRIOR),
                                   "prior \(table.text(PRIOR)) is out of range [0,1] (expected a number in [0,1])")
                    }
                } else {
                    sink.error(.badNumber, file: file, line: line, column: table.name(PRIOR),
                               "'\(table.text(PRIOR))' is not a number (expected a number in [0,1])")
                }
            }
            suppliers.priors.append(prior)
            table.appendAttributes(&suppliers.attributes)
        }
        dataset.suppliers = suppliers
        return true
    }

    // MARK: schemes.csv

    private static func readSchemes(_ bytes: UnsafeRawBufferPointer, into dataset: inout Dataset, sink: inout DiagnosticSink) {
        let file = schemesFile
        guard var table = TableReader(file: file, bytes: bytes, known: ["scheme", "assurance", "evidence_half_life_days"],
                                      required: ["scheme", "assurance"], sink: &sink) else {
            emptyOptionalFile(file, sink: &sink)
            return
        }
        let (SCHEME, ASSURANCE, HALF_LIFE) = (0, 1, 2)
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

    private static func readCertifications(_ bytes: UnsafeRawBufferPointer, into dataset: inout Dataset,
                                           checkSuppliers: Bool, sink: inout DiagnosticSink) {
        let file = certificationsFile
        guard var table = TableReader(file: file, bytes: bytes,
                                      known: ["supplier", "scheme", "status", "issued", "expires", "last_evidence", "scope"],
                                      required: ["supplier", "scheme"], sink: &sink) else {
            emptyOptionalFile(file, sink: &sink)
            return
        }
        let (SUPPLIER, SCHEME, STATUS, ISSUED, EXPIRES, EVIDENCE, SCOPE) = (0, 1, 2, 3, 4, 5, 6)
        var certifications = CertificationTable()
        // Exact spellings seen so far, mapped to scheme ids (-1: unknown).
        var spellings = InternTable()
        var spellingScheme: [Int32] = []
        while let line = table.nextRecord(sink: &sink) {
            var ok = true
            let supplier = lookUpSupplier(table.cell(SUPPLIER), in: dataset, table: table, column: SUPPLIER,
                                          line: line, check: checkSuppliers, sink: &sink)
            if supplier < 0 { ok = false }
            let spelling = spellings.intern(table.cell(SCHEME))
            if spelling.inserted {
                spellingScheme.append(dataset.schemes.find(table.text(SCHEME)) ?? -1)
            }
            let scheme = spellingScheme[Int(spelling.id)]
            if scheme < 0 {
                let name = table.text(SCHEME)
                sink.error(name.isEmpty ? .emptyId : .unknownScheme, file: file, line: line, column: table.name(SCHEME),
                           name.isEmpty ? "empty scheme (expected a scheme name)"
                                        : "unknown scheme '\(name)' (not built in and not in schemes.csv)")
                ok = false
            }
            let status = CertificationStatus.parse(table.cell(STATUS))
            if status == nil {
                sink.error(.unknownWord, file: file, line: line, column: table.name(STATUS),
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
                sink.error(.unknownWord, file: file, line: line, column: table.name(SCOPE),
                           "unknown scope '\(table.text(SCOPE))' (expected full or partial)")
                ok = false
            }
            guard ok, let status else { continue }
            certifications.append(supplier: supplier, scheme: scheme, status: status, issued: issued, expires: expires,
                                  lastEvidence: evidence, partial: partial, line: Int32(truncatingIfNeeded: line))
            table.appendAttributes(&certifications.attributes)
        }
        dataset.certifications = certifications
    }

    // MARK: dependencies.csv

    private static func readDependencies(_ bytes: UnsafeRawBufferPointer, into dataset: inout Dataset,
                                         checkSuppliers: Bool, sink: inout DiagnosticSink) {
        let file = dependenciesFile
        guard var table = TableReader(file: file, bytes: bytes, known: ["consumer", "provider", "criticality", "group", "service"],
                                      required: ["consumer", "provider"], sink: &sink) else {
            emptyOptionalFile(file, sink: &sink)
            return
        }
        let (CONSUMER, PROVIDER, CRITICALITY, GROUP, SERVICE) = (0, 1, 2, 3, 4)
        var rows = DependencyTable()
        let estimate = bytes.count / 20
        rows.consumer.reserveCapacity(estimate)
        rows.provider.reserveCapacity(estimate)
        rows.weight.reserveCapacity(estimate)
        rows.group.reserveCapacity(estimate)
        rows.service.reserveCapacity(estimate)
        rows.lines.reserveCapacity(estimate)
        let supplierCount = Int32(dataset.suppliers.count)
        while let line = table.nextRecord(sink: &sink) {
            var ok = true
            let consumer = lookUpSupplier(table.cell(CONSUMER), in: dataset, table: table, column: CONSUMER,
                                          line: line, check: checkSuppliers, sink: &sink)
            let provider = lookUpSupplier(table.cell(PROVIDER), in: dataset, table: table, column: PROVIDER,
                                          line: line, check: checkSuppliers, sink: &sink)
            if consumer < 0 || provider < 0 { ok = false }
            if ok && consumer == provider {
                sink.error(.selfDependency, file: file, line: line, column: table.name(PROVIDER),
                           "self-dependency: '\(table.text(PROVIDER))' depends on itself")
                ok = false
            }
            let weight = Criticality.weight(table.cell(CRITICALITY))
            if weight == nil {
                let text = table.text(CRITICALITY)
                if ContractNumber.parse(text) != nil {
                    sink.error(.outOfRange, file: file, line: line, column: table.name(CRITICALITY),
                               "criticality \(text) is out of range (0,1]")
                } else {
                    sink.error(.unknownWord, file: file, line: line, column: table.name(CRITICALITY),
                               "'\(text)' is not critical/high/medium/low or a number in (0,1]")
                }
                ok = false
            }
            guard ok, let weight else { continue }
            let groupCell = table.cell(GROUP)
            let label = groupCell.isEmpty ? provider
                : dataset.suppliers.index.find(groupCell) ?? supplierCount + rows.extraLabels.intern(groupCell).id
            let serviceCell = table.cell(SERVICE)
            let service: Int32 = serviceCell.isEmpty ? 0 : rows.serviceNames.intern(serviceCell).id
            rows.consumer.append(consumer)
            rows.provider.append(provider)
            rows.weight.append(weight)
            rows.group.append(label)
            rows.service.append(service)
            rows.lines.append(Int32(truncatingIfNeeded: line))
            table.appendAttributes(&rows.attributes)
        }
        dataset.dependencies = rows
    }

    // MARK: helpers

    private static func lookUpSupplier(_ bytes: UnsafeRawBufferPointer, in dataset: Dataset, table: borrowing TableReader,
                                       column: Int, line: Int, check: Bool, sink: inout DiagnosticSink) -> Int32 {
        if let index = dataset.suppliers.index.find(bytes) { return index }
        if check {
            let id = String(decoding: bytes, as: UTF8.self)
            sink.error(.unknownSupplier, file: table.file, line: line, column: table.name(column),
                       id.isEmpty ? "empty supplier id (expected an id from suppliers.csv)"
                                  : "unknown supplier '\(id)' (expected an id from suppliers.csv)")
        }
        return -1
    }

    private static func readDate(_ table: borrowing TableReader, _ k: Int, line: Int, missing: Int32,
                                 ok: inout Bool, sink: inout DiagnosticSink) -> Int32 {
        let bytes = table.cell(k)
        if bytes.isEmpty { return missing }
        switch Day.parse(bytes) {
        case .some(.some(let day)): return day.ordinal
        case .some(.none):
            sink.error(.badDate, file: table.file, line: line, column: table.name(k),
                       "'\(table.text(k))' is not a valid calendar date")
        case .none:
            sink.error(.badDate, file: table.file, line: line, column: table.name(k),
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
