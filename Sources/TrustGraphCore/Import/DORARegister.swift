/// Turns DORA Registers of Information (xBRL-CSV report packages, Implementing
/// Regulation (EU) 2024/2956) into a dataset, as `docs/import.md` sets out:
/// entities and ICT third-party providers become suppliers, contractual
/// arrangements active at the date and sub-contracting chains of rank 2 and
/// more become dependency rows, with a criticality taken from the function
/// each arrangement supports.
public enum DORARegister {
    /// The templates read, and the columns each must have.
    static let templates: [(code: String, columns: [String], required: Bool)] = [
        ("b_01.02", ["c0010", "c0020", "c0030", "c0040"], true),
        ("b_05.01", ["c0010", "c0030", "c0050", "c0070", "c0080"], true),
        ("b_02.02", ["c0010", "c0020", "c0030", "c0050", "c0060", "c0070", "c0080", "c0180"], true),
        ("b_05.02", ["c0010", "c0020", "c0030", "c0050", "c0060"], true),
        ("b_06.01", ["c0010", "c0030", "c0040", "c0050"], true),
        ("b_07.01", ["c0010", "c0020", "c0040", "c0050"], false),
    ]

    /// The reasons a row is dropped or merged, as the summary counts them (in the singular).
    public static let inactive = "b_02.02 row whose arrangement is not active at the date"
    public static let rankOne = "rank-1 b_05.02 row (it restates b_02.02)"
    public static let noActiveContract = "b_05.02 row whose arrangement has no active b_02.02 row"
    public static let selfDependency = "self-dependency (the recipient is its own provider)"
    public static let repeatedDefinition = "repeated definition of a supplier (the first is kept)"
    public static let intraGroup = "intra-group provider (an id in both b_01.02 and b_05.01), written once as a financial entity"

    /// The columns of the files written.
    static let supplierHeader = ["id", "name", "country", "sector", "entity_type", "annual_expense", "ultimate_parent"]
    static let dependencyHeader = ["consumer", "provider", "criticality", "group", "service", "contract", "substitutability"]

    /// One package's templates, read.
    struct Package {
        var path: String
        var date: Day
        var templates: [String: RegisterTemplate] = [:]
        subscript(code: String) -> RegisterTemplate? { templates[code] }
    }

    /// A supplier as the definitions so far give it.
    struct Supplier {
        var id: String
        var name: String
        var country: String
        var isEntity: Bool
        var entityType = ""
        var annualExpense = ""
        var ultimateParent = ""

        var row: [String] {
            [id, name, country, isEntity ? "financial-entity" : "ict-provider", entityType, annualExpense, ultimateParent]
        }
    }

    /// A b_06.01 row.
    struct Function {
        var entity: String
        var criticality: DORACodes.FunctionCriticality
    }

    /// A dependency row before duplicates and self-dependencies are dropped.
    struct Row {
        var consumer: String
        var provider: String
        var level: DORACodes.Level
        var service: String
        var contract: String
    }

    /// Reads the packages (command-line order) and maps them into one dataset.
    /// - Parameters:
    ///   - paths: report packages, each a .zip or a directory.
    ///   - options: the date (else each package's `refPeriod`, else today) and a certifications file.
    /// - Returns: the dataset, checked by the loader, with what was read, written and dropped.
    /// - Throws: `DatasetError` with every problem found, each naming file:line: column.
    public static func importPackages(_ paths: [String], options: ImportOptions = ImportOptions()) throws(DatasetError) -> ImportedDataset {
        var sink = DiagnosticSink()
        var summary = ImportSummary()
        var packages: [Package] = []
        for path in paths {
            if let package = readPackage(path, options: options, sink: &sink, summary: &summary) { packages.append(package) }
        }

        // Definitions first, from every package, so a reference may name a supplier another package defines.
        var suppliers: [String: Supplier] = [:]
        var order: [String] = []
        for package in packages {
            defineSuppliers(package, suppliers: &suppliers, order: &order, sink: &sink, summary: &summary)
        }
        var functions: [String: [Function]] = [:]
        for package in packages {
            guard let template = package["b_06.01"] else { continue }
            summary.addRead("function (b_06.01)", "functions (b_06.01)", template.rows.count)
            for row in template.rows {
                let code = template.cell(row, "c0050")
                guard let criticality = DORACodes.functionCriticality(code) else {
                    sink.error(.unknownWord, file: template.file, line: row.line, column: "c0050",
                               "unknown code \(Diagnostic.quote(code)) (\(DORACodes.functionCriticalityExpected))")
                    continue
                }
                functions[template.cell(row, "c0010"), default: []].append(Function(entity: template.cell(row, "c0040"), criticality: criticality))
            }
        }

        var references = ReferenceCheck(known: suppliers)
        var rows: [Row] = []
        var substitutability: [Int: String] = [:]
        for package in packages {
            let first = rows.count
            mapContracts(package, functions: functions, references: &references, rows: &rows, sink: &sink, summary: &summary)
            let assessments = readAssessments(package, summary: &summary)
            for r in first..<rows.count {
                let row = rows[r]
                if let value = assessments[AssessmentKey(contract: row.contract, provider: row.provider, service: row.service)] {
                    substitutability[r] = value
                }
            }
        }

        sink.sortByPosition()
        _ = try sink.report()

        var imported = ImportedDataset(suppliers: ImportedTable(header: supplierHeader),
                                       dependencies: ImportedTable(header: dependencyHeader))
        for id in order { imported.suppliers.append(suppliers[id]!.row) }
        var seen = Set<String>()
        for (r, row) in rows.enumerated() {
            if row.consumer == row.provider {
                summary.drop(DORARegister.selfDependency, "self-dependencies (the recipient is its own provider)")
                continue
            }
            let key = [row.consumer, row.provider, row.level.word, row.service].joined(separator: "\u{0}")
            guard seen.insert(key).inserted else {
                summary.drop(ImportSummary.duplicateRow, "duplicate rows (same consumer, provider, criticality and service)")
                continue
            }
            imported.dependencies.append([row.consumer, row.provider, row.level.word, "", row.service, row.contract, substitutability[r] ?? ""])
        }
        imported.summary = summary
        _ = try imported.finish(options)
        return imported
    }

    /// Opens a package and reads its templates and reference period.
    /// - Returns: nil when the package cannot be opened (the error is in `sink`).
    static func readPackage(_ path: String, options: ImportOptions, sink: inout DiagnosticSink, summary: inout ImportSummary) -> Package? {
        var files: ImportPackage
        do { files = try ImportPackage(path: path, limits: options.zipLimits) } catch {
            sink.record(error)
            return nil
        }
        if !files.unsafeNames.isEmpty {
            summary.notes.append("\(path): ignored \(plural(files.unsafeNames.count, "entry", "entries")) whose names would leave the package: "
                + files.unsafeNames.prefix(3).map { Diagnostic.quote($0) }.joined(separator: ", "))
        }
        var package = Package(path: path, date: options.date ?? options.today)
        for (code, columns, required) in templates {
            let found = files.paths(named: code + ".csv")
            guard let relative = found.first else {
                if required {
                    sink.error(.missingFile, file: path, line: 0, "template \(code) is missing (expected a file named \(code).csv in the package)")
                }
                continue
            }
            if found.count > 1 {
                sink.error(.missingFile, file: path, line: 0,
                           "template \(code) appears \(found.count) times (\(found.map { Diagnostic.quote($0) }.joined(separator: ", "))); expected one file")
                continue
            }
            do {
                let bytes = try files.read(relative)
                package.templates[code] = RegisterTemplate(code: code, file: files.display(relative), bytes: bytes, required: columns, sink: &sink)
            } catch {
                sink.record(error)
            }
        }
        if options.date == nil, let relative = files.paths(named: "parameters.csv").first {
            do {
                let bytes = try files.read(relative)
                if let day = referencePeriod(bytes, file: files.display(relative), sink: &sink) { package.date = day }
            } catch {
                sink.record(error)
            }
        }
        return package
    }

    /// The `refPeriod` of an xBRL-CSV `parameters.csv` (columns `name`, `value`).
    static func referencePeriod(_ bytes: [UInt8], file: String, sink: inout DiagnosticSink) -> Day? {
        let template = RegisterTemplate(code: "parameters", file: file, bytes: bytes, required: ["name", "value"], sink: &sink)
        guard let row = template.rows.first(where: { template.cell($0, "name").lowercased() == "refperiod" }) else { return nil }
        let text = template.cell(row, "value")
        guard let day = Day(text) else {
            sink.error(.badDate, file: file, line: row.line, column: "value", "refPeriod \(Diagnostic.quote(text)) is not a date (expected YYYY-MM-DD)")
            return nil
        }
        return day
    }

    /// Adds the entities (b_01.02) and providers (b_05.01) of a package. An id defined
    /// before keeps its first definition, except that an entity's name, country and
    /// sector win over a provider's (an intra-group provider).
    static func defineSuppliers(_ package: Package, suppliers: inout [String: Supplier], order: inout [String],
                                sink: inout DiagnosticSink, summary: inout ImportSummary) {
        for (code, isEntity) in [("b_01.02", true), ("b_05.01", false)] {
            guard let template = package[code] else { continue }
            summary.addRead(isEntity ? "entity (b_01.02)" : "provider (b_05.01)", isEntity ? "entities (b_01.02)" : "providers (b_05.01)", template.rows.count)
            for row in template.rows {
                let id = template.cell(row, "c0010")
                guard !id.isEmpty else {
                    sink.error(.emptyId, file: template.file, line: row.line, column: "c0010",
                               isEntity ? "empty LEI (expected the entity's LEI)" : "empty identification code (expected the provider's code)")
                    continue
                }
                let countryColumn = isEntity ? "c0030" : "c0050"
                let countryText = template.cell(row, countryColumn)
                guard let country = DORACodes.country(countryText) else {
                    sink.error(.badCountry, file: template.file, line: row.line, column: countryColumn,
                               "unknown code \(Diagnostic.quote(countryText)) (\(DORACodes.countryExpected))")
                    continue
                }
                let name = template.cell(row, isEntity ? "c0020" : "c0030")
                var supplier = Supplier(id: id, name: name, country: country, isEntity: isEntity)
                if isEntity { supplier.entityType = template.cell(row, "c0040") } else {
                    supplier.annualExpense = template.cell(row, "c0070")
                    supplier.ultimateParent = template.cell(row, "c0080")
                }
                guard var existing = suppliers[id] else {
                    suppliers[id] = supplier
                    order.append(id)
                    continue
                }
                if isEntity && !existing.isEntity {
                    (existing.name, existing.country, existing.isEntity, existing.entityType) = (name, country, true, supplier.entityType)
                    summary.merge(DORARegister.intraGroup, "intra-group providers (an id in both b_01.02 and b_05.01), written once as financial entities")
                } else if !isEntity && existing.isEntity {
                    if existing.annualExpense.isEmpty && existing.ultimateParent.isEmpty {
                        (existing.annualExpense, existing.ultimateParent) = (supplier.annualExpense, supplier.ultimateParent)
                    }
                    summary.merge(DORARegister.intraGroup, "intra-group providers (an id in both b_01.02 and b_05.01), written once as financial entities")
                } else {
                    summary.drop(DORARegister.repeatedDefinition, "repeated definitions of a supplier (the first is kept)")
                }
                suppliers[id] = existing
            }
        }
    }

    /// Checks that references name a defined supplier, with "did you mean" for the first ones.
    struct ReferenceCheck {
        let known: [String: Supplier]
        private var suggested = 0
        private lazy var ids: [String] = known.keys.sorted()

        init(known: [String: Supplier]) { self.known = known }

        /// True when `id` is defined; otherwise records an error at the cell.
        mutating func check(_ id: String, what: String, template: RegisterTemplate, row: RegisterTemplate.Row, column: String,
                            sink: inout DiagnosticSink) -> Bool {
            if known[id] != nil { return true }
            var message = id.isEmpty ? "empty \(what)" : "unknown \(what) \(Diagnostic.quote(id))"
            message += " (expected a provider code that b_05.01 column c0010 defines, or an entity LEI that b_01.02 column c0010 defines)"
            if !id.isEmpty && suggested < 50 {
                suggested += 1
                message += SupplierSearch.didYouMean(SupplierSearch.nearest(to: id, among: ids))
            }
            sink.error(.unknownSupplier, file: template.file, line: row.line, column: column, subject: id, message)
            return false
        }
    }

    /// A date cell: a day, nil when empty (no bound); records an error and returns nil for anything else.
    static func date(_ template: RegisterTemplate, _ row: RegisterTemplate.Row, _ column: String, ok: inout Bool,
                     sink: inout DiagnosticSink) -> Day? {
        let text = template.cell(row, column)
        if text.isEmpty { return nil }
        guard let day = Day(text) else {
            sink.error(.badDate, file: template.file, line: row.line, column: column, "\(Diagnostic.quote(text)) is not a date (expected YYYY-MM-DD)")
            ok = false
            return nil
        }
        return day
    }

    /// Maps a package's arrangements (b_02.02) and chains (b_05.02) into rows.
    static func mapContracts(_ package: Package, functions: [String: [Function]], references: inout ReferenceCheck,
                             rows: inout [Row], sink: inout DiagnosticSink, summary: inout ImportSummary) {
        let open = Day(year: 9999, month: 12, day: 31)!
        var contractLevel: [String: DORACodes.Level] = [:]
        if let template = package["b_02.02"] {
            summary.addRead("contract row (b_02.02)", "contract rows (b_02.02)", template.rows.count)
            for row in template.rows {
                let consumer = template.cell(row, "c0020"), provider = template.cell(row, "c0030")
                var ok = references.check(consumer, what: "entity LEI", template: template, row: row, column: "c0020", sink: &sink)
                ok = references.check(provider, what: "provider", template: template, row: row, column: "c0030", sink: &sink) && ok
                let start = date(template, row, "c0070", ok: &ok, sink: &sink)
                let end = date(template, row, "c0080", ok: &ok, sink: &sink)
                let relianceText = template.cell(row, "c0180")
                let reliance = DORACodes.reliance(relianceText)
                if reliance == nil {
                    sink.error(.unknownWord, file: template.file, line: row.line, column: "c0180",
                               "unknown code \(Diagnostic.quote(relianceText)) (\(DORACodes.relianceExpected))")
                }
                let functionId = template.cell(row, "c0050")
                let candidates = functions[functionId] ?? []
                let function = candidates.first { $0.entity == consumer } ?? candidates.first
                if function == nil {
                    sink.error(.unknownSupplier, file: template.file, line: row.line, column: "c0050",
                               (functionId.isEmpty ? "empty function identifier" : "unknown function \(Diagnostic.quote(functionId))")
                               + " (expected a function identifier that b_06.01 column c0010 defines)"
                               + (functionId.isEmpty ? "" : SupplierSearch.didYouMean(SupplierSearch.nearest(to: functionId, among: functions.keys.sorted()))))
                }
                guard ok, let reliance, let function else { continue }
                let active = (start.map { $0 <= package.date } ?? true) && (end.map { $0 == open || package.date <= $0 } ?? true)
                guard active else {
                    summary.drop(DORARegister.inactive, "b_02.02 rows whose arrangement is not active at the date")
                    continue
                }
                let level = DORACodes.level(function: function.criticality, reliance: reliance)
                let contract = template.cell(row, "c0010")
                contractLevel[contract] = max(contractLevel[contract] ?? level, level)
                rows.append(Row(consumer: consumer, provider: provider, level: level, service: template.cell(row, "c0060"), contract: contract))
            }
        }
        guard let template = package["b_05.02"] else { return }
        summary.addRead("chain row (b_05.02)", "chain rows (b_05.02)", template.rows.count)
        for row in template.rows {
            let rankText = template.cell(row, "c0050")
            let rank = Int(rankText).flatMap { $0 >= 1 && rankText.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } ? $0 : nil }
            if rank == nil {
                sink.error(.badNumber, file: template.file, line: row.line, column: "c0050",
                           "rank \(Diagnostic.quote(rankText)) is not a positive integer (expected 1 for a direct provider, 2 or more down the chain)")
            }
            let provider = template.cell(row, "c0030"), recipient = template.cell(row, "c0060")
            var ok = references.check(provider, what: "provider", template: template, row: row, column: "c0030", sink: &sink)
            if !recipient.isEmpty || (rank ?? 1) >= 2 {
                ok = references.check(recipient, what: "recipient", template: template, row: row, column: "c0060", sink: &sink) && ok
            }
            guard ok, let rank else { continue }
            guard rank >= 2 else {
                summary.drop(DORARegister.rankOne, "rank-1 b_05.02 rows (they restate b_02.02)")
                continue
            }
            let contract = template.cell(row, "c0010")
            guard let level = contractLevel[contract] else {
                summary.drop(DORARegister.noActiveContract, "b_05.02 rows whose arrangement has no active b_02.02 row")
                continue
            }
            rows.append(Row(consumer: recipient, provider: provider, level: level, service: template.cell(row, "c0020"), contract: contract))
        }
    }

    struct AssessmentKey: Hashable {
        var contract: String
        var provider: String
        var service: String
    }

    /// The substitutability (b_07.01 c0050) of each contract, provider and service type; the first row of a key wins.
    static func readAssessments(_ package: Package, summary: inout ImportSummary) -> [AssessmentKey: String] {
        guard let template = package["b_07.01"] else { return [:] }
        summary.addRead("assessment row (b_07.01)", "assessment rows (b_07.01)", template.rows.count)
        var result: [AssessmentKey: String] = [:]
        for row in template.rows {
            let key = AssessmentKey(contract: template.cell(row, "c0010"), provider: template.cell(row, "c0020"), service: template.cell(row, "c0040"))
            if result[key] == nil { result[key] = template.cell(row, "c0050") }
        }
        return result
    }
}
