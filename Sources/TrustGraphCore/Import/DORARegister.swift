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

    /// The suppliers defined so far, by dense id in definition order (ids compared byte for byte, as the loader does).
    struct Suppliers {
        var ids = InternTable()
        var records: [Supplier] = []
    }

    /// A b_06.01 row.
    struct Function {
        /// The entity's supplier id, or -1 when b_06.01 names an entity nothing defines.
        var entity: Int32
        var criticality: DORACodes.FunctionCriticality
    }

    /// Functions by identifier: several entities may use one identifier.
    struct Functions {
        var ids = InternTable()
        var definitions: [[Function]] = []
    }

    /// A dependency row before duplicates and self-dependencies are dropped: dense ids
    /// of the suppliers, the service type and the contract (in `Mapped`'s tables).
    struct Row {
        var consumer: Int32
        var provider: Int32
        var service: Int32
        var contract: Int32
        /// The substitutability (b_07.01 c0050) as an id of `Mapped.texts`, or -1.
        var substitutability: Int32 = -1
        var level: DORACodes.Level
    }

    /// The rows mapped so far and the texts they name.
    struct Mapped {
        var rows: [Row] = []
        var services = InternTable()
        var contracts = InternTable()
        /// Other cell texts copied into rows (substitutability).
        var texts = InternTable()
        /// The highest level of each contract's active b_02.02 rows, valid where `levelPackage` is the current package.
        var level: [DORACodes.Level] = []
        var levelPackage: [Int32] = []
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
        var suppliers = Suppliers()
        for package in packages { defineSuppliers(package, suppliers: &suppliers, sink: &sink, summary: &summary) }
        let functions = readFunctions(packages, suppliers: suppliers, sink: &sink, summary: &summary)

        var references = ReferenceCheck(suppliers: suppliers)
        var mapped = Mapped()
        for (k, package) in packages.enumerated() {
            let first = mapped.rows.count
            mapContracts(package, number: Int32(k), functions: functions, references: &references, mapped: &mapped,
                         sink: &sink, summary: &summary)
            readAssessments(package, suppliers: suppliers, mapped: &mapped, rows: first..<mapped.rows.count, sink: &sink, summary: &summary)
        }

        sink.sortByPosition()
        _ = try sink.report()

        var imported = ImportedDataset(suppliers: ImportedTable(header: supplierHeader),
                                       dependencies: dependencyTable(mapped, suppliers: suppliers, summary: &summary))
        for supplier in suppliers.records { imported.suppliers.append(supplier.row) }
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
        let (name, value) = (template.column("name"), template.column("value"))
        return template.withRows { rows in
            while rows.next(sink: &sink) {
                guard rows.text(name).lowercased() == "refperiod" else { continue }
                let text = rows.text(value)
                guard let day = Day(text) else {
                    sink.error(.badDate, file: file, line: rows.line, column: "value", "refPeriod \(Diagnostic.quote(text)) is not a date (expected YYYY-MM-DD)")
                    return nil
                }
                return day
            }
            return nil
        }
    }

    /// Adds the entities (b_01.02) and providers (b_05.01) of a package. An id defined
    /// before keeps its first definition, except that an entity's name, country and
    /// sector win over a provider's (an intra-group provider).
    static func defineSuppliers(_ package: Package, suppliers: inout Suppliers, sink: inout DiagnosticSink, summary: inout ImportSummary) {
        for (code, isEntity) in [("b_01.02", true), ("b_05.01", false)] {
            guard let template = package[code] else { continue }
            let idColumn = template.column("c0010")
            let countryCode = isEntity ? "c0030" : "c0050", countryColumn = template.column(countryCode)
            let nameColumn = template.column(isEntity ? "c0020" : "c0030")
            let (typeColumn, expenseColumn, parentColumn) = (template.column("c0040"), template.column("c0070"), template.column("c0080"))
            let count = template.withRows { rows in
                while rows.next(sink: &sink) {
                    let idBytes = rows.cell(idColumn)
                    guard !idBytes.isEmpty else {
                        sink.error(.emptyId, file: template.file, line: rows.line, column: "c0010",
                                   isEntity ? "empty LEI (expected the entity's LEI)" : "empty identification code (expected the provider's code)")
                        continue
                    }
                    let countryText = rows.text(countryColumn)
                    guard let country = DORACodes.country(countryText) else {
                        sink.error(.badCountry, file: template.file, line: rows.line, column: countryCode,
                                   "unknown code \(Diagnostic.quote(countryText)) (\(DORACodes.countryExpected))")
                        continue
                    }
                    let name = rows.text(nameColumn)
                    var supplier = Supplier(id: rows.text(idColumn), name: name, country: country, isEntity: isEntity)
                    if isEntity { supplier.entityType = rows.text(typeColumn) } else {
                        supplier.annualExpense = rows.text(expenseColumn)
                        supplier.ultimateParent = rows.text(parentColumn)
                    }
                    let (id, inserted) = suppliers.ids.intern(idBytes)
                    if inserted {
                        suppliers.records.append(supplier)
                        continue
                    }
                    var existing = suppliers.records[Int(id)]
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
                    suppliers.records[Int(id)] = existing
                }
                return rows.count
            }
            summary.addRead(isEntity ? "entity (b_01.02)" : "provider (b_05.01)", isEntity ? "entities (b_01.02)" : "providers (b_05.01)", count)
        }
    }

    /// The functions (b_06.01) of every package, by identifier.
    static func readFunctions(_ packages: [Package], suppliers: Suppliers, sink: inout DiagnosticSink, summary: inout ImportSummary) -> Functions {
        var functions = Functions()
        for package in packages {
            guard let template = package["b_06.01"] else { continue }
            let (idColumn, entityColumn, criticalityColumn) = (template.column("c0010"), template.column("c0040"), template.column("c0050"))
            let count = template.withRows { rows in
                while rows.next(sink: &sink) {
                    let code = rows.text(criticalityColumn)
                    guard let criticality = DORACodes.functionCriticality(code) else {
                        sink.error(.unknownWord, file: template.file, line: rows.line, column: "c0050",
                                   "unknown code \(Diagnostic.quote(code)) (\(DORACodes.functionCriticalityExpected))")
                        continue
                    }
                    let (id, inserted) = functions.ids.intern(rows.cell(idColumn))
                    if inserted { functions.definitions.append([]) }
                    let entity = suppliers.ids.find(rows.cell(entityColumn)) ?? -1
                    functions.definitions[Int(id)].append(Function(entity: entity, criticality: criticality))
                }
                return rows.count
            }
            summary.addRead("function (b_06.01)", "functions (b_06.01)", count)
        }
        return functions
    }

    /// Checks that references name a defined supplier, with "did you mean" for the first ones.
    struct ReferenceCheck {
        let suppliers: Suppliers
        private var suggested = 0
        private lazy var ids: [String] = (0..<suppliers.ids.count).map { suppliers.ids.values[$0] }.sorted()

        init(suppliers: Suppliers) { self.suppliers = suppliers }

        /// The supplier `id` names; otherwise records an error at the cell and returns nil.
        mutating func check(_ id: UnsafeRawBufferPointer, what: String, template: RegisterTemplate, line: Int, column: String,
                            sink: inout DiagnosticSink) -> Int32? {
            if let known = suppliers.ids.find(id) { return known }
            let text = String(decoding: id, as: UTF8.self)
            var message = text.isEmpty ? "empty \(what)" : "unknown \(what) \(Diagnostic.quote(text))"
            message += " (expected a provider code that b_05.01 column c0010 defines, or an entity LEI that b_01.02 column c0010 defines)"
            if !text.isEmpty && suggested < 50 {
                suggested += 1
                message += SupplierSearch.didYouMean(SupplierSearch.nearest(to: text, among: ids))
            }
            sink.error(.unknownSupplier, file: template.file, line: line, column: column, subject: text, message)
            return nil
        }
    }

    /// A date cell: a day, nil when empty (no bound); records an error and returns nil for anything else.
    static func date(_ bytes: UnsafeRawBufferPointer, template: RegisterTemplate, line: Int, column: String, ok: inout Bool,
                     sink: inout DiagnosticSink) -> Day? {
        if bytes.isEmpty { return nil }
        guard case .some(.some(let day)) = Day.parse(bytes) else {
            sink.error(.badDate, file: template.file, line: line, column: column,
                       "\(Diagnostic.quote(String(decoding: bytes, as: UTF8.self))) is not a date (expected YYYY-MM-DD)")
            ok = false
            return nil
        }
        return day
    }

    /// A rank cell (b_05.02 c0050): a positive integer written in digits only, else nil.
    static func rank(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for b in bytes {
            guard b >= 48 && b <= 57 else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int(b - 48))
            if o1 || o2 { return nil }
            value = sum
        }
        return value >= 1 ? value : nil
    }

    /// Maps a package's arrangements (b_02.02) and chains (b_05.02) into rows.
    /// - Parameter number: the package's place on the command line (a chain row finds only its own package's contracts).
    static func mapContracts(_ package: Package, number: Int32, functions: Functions, references: inout ReferenceCheck,
                             mapped: inout Mapped, sink: inout DiagnosticSink, summary: inout ImportSummary) {
        let open = Day(year: 9999, month: 12, day: 31)!
        if let template = package["b_02.02"] {
            // At least 128 bytes a row (18 columns): room for the rows and contracts up front, not grown a million times.
            let estimate = template.byteCount / 128
            mapped.rows.reserveCapacity(mapped.rows.count + estimate + estimate / 2)
            if mapped.contracts.count == 0 { mapped.contracts = InternTable(capacity: estimate) }
            let columns = ["c0010", "c0020", "c0030", "c0050", "c0060", "c0070", "c0080", "c0180"].map(template.column)
            let (contractColumn, consumerColumn, providerColumn, functionColumn) = (columns[0], columns[1], columns[2], columns[3])
            let (serviceColumn, startColumn, endColumn, relianceColumn) = (columns[4], columns[5], columns[6], columns[7])
            var functionNames: [String]?
            let count = template.withRows { rows in
                while rows.next(sink: &sink) {
                    let line = rows.line
                    let consumer = references.check(rows.cell(consumerColumn), what: "entity LEI", template: template, line: line,
                                                    column: "c0020", sink: &sink)
                    let provider = references.check(rows.cell(providerColumn), what: "provider", template: template, line: line,
                                                    column: "c0030", sink: &sink)
                    var ok = consumer != nil && provider != nil
                    let start = date(rows.cell(startColumn), template: template, line: line, column: "c0070", ok: &ok, sink: &sink)
                    let end = date(rows.cell(endColumn), template: template, line: line, column: "c0080", ok: &ok, sink: &sink)
                    let reliance = DORACodes.reliance(rows.cell(relianceColumn))
                    if reliance == nil {
                        sink.error(.unknownWord, file: template.file, line: line, column: "c0180",
                                   "unknown code \(Diagnostic.quote(rows.text(relianceColumn))) (\(DORACodes.relianceExpected))")
                    }
                    let candidates = functions.ids.find(rows.cell(functionColumn)).map { functions.definitions[Int($0)] } ?? []
                    let function = candidates.first { $0.entity == consumer } ?? candidates.first
                    if function == nil {
                        let functionId = rows.text(functionColumn)
                        var message = functionId.isEmpty ? "empty function identifier" : "unknown function \(Diagnostic.quote(functionId))"
                        message += " (expected a function identifier that b_06.01 column c0010 defines)"
                        if !functionId.isEmpty {
                            if functionNames == nil { functionNames = (0..<functions.ids.count).map { functions.ids.values[$0] }.sorted() }
                            message += SupplierSearch.didYouMean(SupplierSearch.nearest(to: functionId, among: functionNames!))
                        }
                        sink.error(.unknownSupplier, file: template.file, line: line, column: "c0050", message)
                    }
                    guard ok, let consumer, let provider, let reliance, let function else { continue }
                    let active = (start.map { $0 <= package.date } ?? true) && (end.map { $0 == open || package.date <= $0 } ?? true)
                    guard active else {
                        summary.drop(DORARegister.inactive, "b_02.02 rows whose arrangement is not active at the date")
                        continue
                    }
                    let level = DORACodes.level(function: function.criticality, reliance: reliance)
                    let contract = mapped.contracts.intern(rows.cell(contractColumn)).id
                    if Int(contract) == mapped.level.count {
                        mapped.level.append(level)
                        mapped.levelPackage.append(number)
                    } else if mapped.levelPackage[Int(contract)] != number {
                        (mapped.level[Int(contract)], mapped.levelPackage[Int(contract)]) = (level, number)
                    } else {
                        mapped.level[Int(contract)] = max(mapped.level[Int(contract)], level)
                    }
                    let service = mapped.services.intern(rows.cell(serviceColumn)).id
                    mapped.rows.append(Row(consumer: consumer, provider: provider, service: service, contract: contract, level: level))
                }
                return rows.count
            }
            summary.addRead("contract row (b_02.02)", "contract rows (b_02.02)", count)
        }
        guard let template = package["b_05.02"] else { return }
        let columns = ["c0010", "c0020", "c0030", "c0050", "c0060"].map(template.column)
        let (contractColumn, serviceColumn, providerColumn, rankColumn, recipientColumn) = (columns[0], columns[1], columns[2], columns[3], columns[4])
        let count = template.withRows { rows in
            while rows.next(sink: &sink) {
                let line = rows.line
                let rank = rank(rows.cell(rankColumn))
                if rank == nil {
                    sink.error(.badNumber, file: template.file, line: line, column: "c0050",
                               "rank \(Diagnostic.quote(rows.text(rankColumn))) is not a positive integer (expected 1 for a direct provider, 2 or more down the chain)")
                }
                let provider = references.check(rows.cell(providerColumn), what: "provider", template: template, line: line,
                                                column: "c0030", sink: &sink)
                var recipient: Int32?
                let recipientBytes = rows.cell(recipientColumn)
                if !recipientBytes.isEmpty || (rank ?? 1) >= 2 {
                    recipient = references.check(recipientBytes, what: "recipient", template: template, line: line, column: "c0060", sink: &sink)
                    if recipient == nil { continue }
                }
                guard let provider, let rank else { continue }
                guard rank >= 2, let recipient else {
                    summary.drop(DORARegister.rankOne, "rank-1 b_05.02 rows (they restate b_02.02)")
                    continue
                }
                guard let contract = mapped.contracts.find(rows.cell(contractColumn)), mapped.levelPackage[Int(contract)] == number else {
                    summary.drop(DORARegister.noActiveContract, "b_05.02 rows whose arrangement has no active b_02.02 row")
                    continue
                }
                let service = mapped.services.intern(rows.cell(serviceColumn)).id
                mapped.rows.append(Row(consumer: recipient, provider: provider, service: service, contract: contract,
                                       level: mapped.level[Int(contract)]))
            }
            return rows.count
        }
        summary.addRead("chain row (b_05.02)", "chain rows (b_05.02)", count)
    }

    /// Gives `rows` of `mapped` the substitutability (b_07.01 c0050) that a package's
    /// assessment of the same contract, provider and service type states; the first
    /// assessment of a key wins.
    static func readAssessments(_ package: Package, suppliers: Suppliers, mapped: inout Mapped, rows range: Range<Int>,
                                sink: inout DiagnosticSink, summary: inout ImportSummary) {
        guard let template = package["b_07.01"] else { return }
        struct Key: Hashable {
            var contract: Int32
            var provider: Int32
            var service: Int32
        }
        let columns = ["c0010", "c0020", "c0040", "c0050"].map(template.column)
        var assessed: [Key: Int32] = [:]
        assessed.reserveCapacity(min(template.byteCount / 64, 1 << 24))
        let count = template.withRows { rows in
            while rows.next(sink: &sink) {
                // A key naming a contract, provider or service no row names matches no row.
                guard let contract = mapped.contracts.find(rows.cell(columns[0])),
                      let provider = suppliers.ids.find(rows.cell(columns[1])),
                      let service = mapped.services.find(rows.cell(columns[2])) else { continue }
                let key = Key(contract: contract, provider: provider, service: service)
                if assessed[key] == nil { assessed[key] = mapped.texts.intern(rows.cell(columns[3])).id }
            }
            return rows.count
        }
        summary.addRead("assessment row (b_07.01)", "assessment rows (b_07.01)", count)
        guard !assessed.isEmpty else { return }
        for r in range {
            let row = mapped.rows[r]
            if let value = assessed[Key(contract: row.contract, provider: row.provider, service: row.service)] {
                mapped.rows[r].substitutability = value
            }
        }
    }
}
