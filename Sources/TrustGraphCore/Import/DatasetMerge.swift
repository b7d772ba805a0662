#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A dataset directory read whole, for an import to be merged into (`--merge-into`).
public struct ExistingDataset: Sendable {
    /// The directory, as given.
    public let directory: String
    /// Every regular file of the directory, by name, as read: a merge writes back unchanged
    /// the files it does not merge (recognition.csv, notes, a hand-kept certifications.csv…).
    public let files: [(name: String, bytes: [UInt8])]
    /// Entries that are not regular files (sub-directories, links…): a merge in place could not keep them.
    public let otherEntries: [String]
    /// The dataset's scheme catalogue (built-in schemes and its schemes.csv).
    let schemes: SchemeCatalogue
    /// How many dependency rows and certifications the dataset has.
    let dependencyCount: Int, certificationCount: Int

    /// Reads every regular file of `directory` and checks the dataset with the loader.
    /// - Throws: `DatasetError` when the directory cannot be read or the dataset has an
    ///   error; errors name `directory/file`.
    /// - Complexity: O(n) in the size of the files.
    public static func read(_ directory: String) throws(DatasetError) -> ExistingDataset {
        var sink = DiagnosticSink()
        var info = stat()
        if stat(directory, &info) != 0 {
            sink.error(.missingFile, file: directory, line: 0,
                       "no such dataset directory (--merge-into adds to an existing dataset; give -o to write a new one)")
        } else if (info.st_mode & S_IFMT) != S_IFDIR {
            sink.error(.unreadableFile, file: directory, line: 0, "not a directory (expected a dataset directory)")
        }
        _ = try sink.report()

        var names: [String] = []
        do {
            names = try FileBytes.entries(of: directory, as: directory).sorted()
        } catch {
            sink.error(.unreadableFile, file: directory, line: 0, "cannot read the directory: \(error.reason)")
        }
        var files: [(name: String, bytes: [UInt8])] = []
        var others: [String] = []
        for name in names where !name.hasPrefix(".trustgraph-") {
            let path = Self.path(directory, name)
            var entry = stat()
            guard lstat(path, &entry) == 0, (entry.st_mode & S_IFMT) == S_IFREG else {
                others.append(name)
                continue
            }
            switch FileBytes.read(path) {
            case .success(let bytes): files.append((name, bytes))
            case .failure(.missing): break
            case .failure(.unreadable(let reason)): sink.error(.unreadableFile, file: path, line: 0, "cannot read it: \(reason)")
            }
        }
        _ = try sink.report()

        var contents: [String: [UInt8]] = [:]
        for (name, bytes) in files where DatasetLoader.fileNames.contains(name) { contents[name] = bytes }
        do {
            let (dataset, _) = try DatasetLoader.load(contents: contents)
            return ExistingDataset(directory: directory, files: files, otherEntries: others, schemes: dataset.schemes,
                                   dependencyCount: dataset.dependencies.count, certificationCount: dataset.certifications.count)
        } catch {
            throw error.naming { Self.path(directory, $0) }
        }
    }

    /// The bytes of the file `name`, nil when the directory has none.
    func bytes(_ name: String) -> [UInt8]? { files.first { $0.name == name }?.bytes }

    static func path(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

/// An import merged into an existing dataset: every file of the directory, the merged ones rewritten.
public struct MergedDataset: Sendable {
    /// The directory merged into.
    public let source: String
    /// The files to write: the dataset's files first (suppliers, dependencies, certifications,
    /// schemes, recognition), then the directory's other files by name.
    public let files: [(name: String, bytes: [UInt8])]
    /// The names of the files whose content the merge changed or created, in `files` order.
    public let changed: [String]
    /// Entries of the source directory that are not regular files (not copied).
    public let otherEntries: [String]
    /// What was read, imported, merged and written.
    public var summary: ImportSummary

    /// Writes the merged dataset as `path`, all files at once (see `FileBytes.writeDirectory`).
    /// Into the directory merged from, the directory is replaced whatever it holds besides the
    /// files read — unless it holds a sub-directory or a link, which would be lost; elsewhere,
    /// as a new dataset is written (a non-empty directory only when `replacing`).
    /// - Throws: `WriteError` naming `path` and why; then nothing was changed.
    public func write(to path: String, replacing: Bool) throws(FileBytes.WriteError) {
        guard FileBytes.isSameFile(path, source) else {
            try FileBytes.writeDirectory(files, to: path, replacing: replacing, replaceable: DatasetLoader.fileNames)
            return
        }
        if let entry = otherEntries.first {
            throw FileBytes.WriteError(path: path, reason: "it holds '\(entry)', which is not a regular file and a merge in place "
                                       + "would lose it (give -o to write the merged dataset elsewhere)")
        }
        try FileBytes.writeDirectory(files, to: path, replacing: true, replaceable: Set(files.map(\.name)))
    }

    /// "suppliers.csv, dependencies.csv merged; certifications.csv as it was", for the line that says what was written.
    public var filesText: String {
        let kept = files.map(\.name).filter { !changed.contains($0) }
        var parts: [String] = []
        if !changed.isEmpty { parts.append(changed.joined(separator: ", ") + " merged") }
        if !kept.isEmpty { parts.append(kept.joined(separator: ", ") + (kept.count == 1 ? " as it was" : " as they were")) }
        return parts.joined(separator: "; ")
    }
}

extension ImportedDataset {
    /// Merges this import into `existing`.
    ///
    /// - An imported supplier is the dataset's supplier with its id; else the one whose name
    ///   (the `name` cell, else the id) equals its name exactly, when that name belongs to one
    ///   supplier of the dataset and one of the import and that supplier is not matched by id;
    ///   the imported id is then rewritten to the dataset's in every imported row
    ///   (`consumer`, `provider`, `supplier`, `assessor`, `ultimate_parent`).
    /// - Rows are matched by key — suppliers by id, dependencies by consumer, provider and
    ///   service, certifications by supplier, scheme (as the catalogue resolves it) and
    ///   issued; the n-th imported row of a key pairs with the n-th such row of the dataset.
    ///   A matched row takes the import's non-empty cells; columns it lacks are added; an
    ///   unmatched one is appended. No row is removed.
    /// - A scheme the dataset already defines keeps its row; a new one is appended.
    /// - Returns: the merged files, checked by the loader, with the summary.
    /// - Throws: `DatasetError` when a file to merge is not comma-separated UTF-8, or the merged
    ///   dataset has an error (then nothing may be written).
    /// - Complexity: O(n) in the rows of both (dictionaries keyed by id, name and row key).
    public func merged(into existing: ExistingDataset) throws(DatasetError) -> MergedDataset {
        var sink = DiagnosticSink()
        func table(_ name: String) -> ImportedTable? {
            guard let bytes = existing.bytes(name) else { return nil }
            return DatasetMerge.parse(bytes, file: ExistingDataset.path(existing.directory, name), sink: &sink)
        }
        var importedCertifications = certifications
        if importedCertifications == nil, let certificationsFile {
            importedCertifications = DatasetMerge.parse(certificationsFile, file: certificationsPath ?? DatasetLoader.certificationsFile, sink: &sink)
        }
        var merge = DatasetMerge(summary: MergeSummary(directory: existing.directory))
        var suppliersMerge = RowMerge(table(DatasetLoader.suppliersFile), importHeader: suppliers.header)
        var dependenciesMerge = RowMerge((dependencies.count == 0) ? nil : table(DatasetLoader.dependenciesFile), importHeader: dependencies.header)
        var certificationsMerge = importedCertifications.map { RowMerge(table(DatasetLoader.certificationsFile), importHeader: $0.header) }
        var schemesMerge = schemes.map { RowMerge(table(DatasetLoader.schemesFile), importHeader: $0.header) }
        _ = try sink.report()

        merge.suppliers(suppliers, into: &suppliersMerge)
        if !(dependencies.count == 0) {
            dependenciesMerge.merge(merge.renamed(dependencies, columns: ["consumer", "provider"]), key: ["consumer", "provider", "service"])
        }
        merge.summary.dependencies = dependenciesMerge.counts
        if (dependencies.count == 0) {
            merge.summary.dependencies.imported = false
            merge.summary.dependencies.kept = existing.dependencyCount
        }
        if let importedCertifications, var rows = certificationsMerge {
            let catalogue = existing.schemes
            rows.merge(merge.renamed(importedCertifications, columns: ["supplier", "assessor"]), key: ["supplier", "scheme", "issued"]) { column, text in
                // Spellings of one scheme (`ISO/IEC 27001:2022`, `ISO27001`) are one key.
                guard column == 1 else { return text }
                return catalogue.find(text).map { "#\($0)" } ?? SchemeCatalogue.key(text)
            }
            merge.summary.certifications = rows.counts
            certificationsMerge = rows
        } else {
            merge.summary.certifications.imported = false
            merge.summary.certifications.kept = existing.certificationCount
        }
        var addedSchemes: [String] = []
        if let schemes, var rows = schemesMerge {
            let column = schemes.header.firstIndex(of: "scheme") ?? 0
            var kept = ImportedTable(header: schemes.header)
            for row in schemes.rows {
                if existing.schemes.find(row[column]) != nil { merge.summary.schemesKept += 1 } else { kept.append(row); addedSchemes.append(row[column]) }
            }
            rows.merge(kept, key: ["scheme"])
            merge.summary.schemesAdded = rows.counts.added
            schemesMerge = rows
        }

        // The files: the dataset's, the merged ones rewritten, new ones after them.
        var merged: [String: [UInt8]] = [:]
        var changed = Set<String>()
        func take(_ name: String, _ rows: RowMerge?) {
            guard let rows, rows.touched else { return }
            merged[name] = rows.table.csv
            changed.insert(name)
        }
        take(DatasetLoader.suppliersFile, suppliersMerge)
        take(DatasetLoader.dependenciesFile, dependenciesMerge)
        take(DatasetLoader.certificationsFile, certificationsMerge)
        take(DatasetLoader.schemesFile, schemesMerge)
        var files: [(name: String, bytes: [UInt8])] = []
        let datasetOrder = [DatasetLoader.suppliersFile, DatasetLoader.dependenciesFile, DatasetLoader.certificationsFile,
                            DatasetLoader.schemesFile, DatasetLoader.recognitionFile]
        for name in datasetOrder {
            if let bytes = merged[name] ?? existing.bytes(name) { files.append((name, bytes)) }
        }
        for file in existing.files where !datasetOrder.contains(file.name) { files.append(file) }

        var contents: [String: [UInt8]] = [:]
        for (name, bytes) in files where DatasetLoader.fileNames.contains(name) { contents[name] = bytes }
        let dataset: Dataset, report: LoadReport
        do {
            (dataset, report) = try DatasetLoader.load(contents: contents)
        } catch {
            throw error.naming { changed.contains($0) ? "\($0) (merged)" : ExistingDataset.path(existing.directory, $0) }
        }

        var summary = self.summary
        summary.imported = summary.written
        summary.written = ImportSummary.counts(of: dataset, schemes: schemesMerge.map(\.rows.count))
        summary.notes.removeAll { $0 == ImportSummary.noCertificationsNote }
        if let schemes {
            let names = schemes.rows.map { $0[schemes.header.firstIndex(of: "scheme") ?? 0] }
            summary.notes.removeAll { $0 == ImportSummary.unknownSchemesNote(names) }
            if !addedSchemes.isEmpty { summary.notes.append(ImportSummary.unknownSchemesNote(addedSchemes)) }
        }
        if !merge.summary.sharedNames.isEmpty {
            let shown = merge.summary.sharedNames.prefix(MergeSummary.listed).map { Diagnostic.quote($0) }.joined(separator: ", ")
            let more = merge.summary.sharedNames.count > MergeSummary.listed ? ", … and \(merge.summary.sharedNames.count - MergeSummary.listed) more" : ""
            summary.notes.append("\(plural(merge.summary.sharedNames.count, "imported supplier")) not matched by name, the name being shared "
                                 + "(by several suppliers, or by one matched by id), added under the imported id: \(shown)\(more)")
        }
        if dataset.certifications.count == 0 { summary.notes.append(ImportSummary.noCertificationsNote) }
        summary.loaderWarnings(report)
        summary.merge = merge.summary
        return MergedDataset(source: existing.directory, files: files, changed: files.map(\.name).filter(changed.contains),
                             otherEntries: existing.otherEntries, summary: summary)
    }
}

/// The supplier matching of a merge: which imported ids are the dataset's suppliers under another id.
struct DatasetMerge {
    var summary: MergeSummary
    /// Imported id → the dataset's id, for suppliers matched by name.
    var rename: [String: String] = [:]

    /// Reads a dataset file to merge; a file the loader reads as another delimiter or encoding is an error,
    /// since the merge writes it back as comma-separated UTF-8.
    static func parse(_ bytes: [UInt8], file: String, sink: inout DiagnosticSink) -> ImportedTable? {
        let utf16 = bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
        let delimiter = bytes.withUnsafeBytes { DelimiterDetection.detect($0) }
        if utf16 || delimiter != .comma {
            let how = utf16 ? "UTF-16" : "\(delimiter.name)-separated"
            sink.error(.unreadableFile, file: file, line: 0, "the file is \(how), and a merge rewrites it as comma-separated UTF-8 "
                       + "(save it as comma-separated UTF-8 first, or import with -o into a new dataset)")
            return nil
        }
        return ImportedTable.parse(bytes, file: file, sink: &sink)
    }

    /// Matches the imported suppliers (by id, then by exact name), records the renames, and
    /// merges their rows into `rows`.
    mutating func suppliers(_ imported: ImportedTable, into rows: inout RowMerge) {
        let idColumn = rows.column("id") ?? 0
        let nameColumn = rows.column("name")
        let importedId = imported.header.firstIndex(of: "id") ?? 0
        let importedName = imported.header.firstIndex(of: "name")
        func name(_ cells: [String], _ id: Int, _ name: Int?) -> String {
            let text = name.map { cells[$0] } ?? ""
            return text.isEmpty ? cells[id] : text
        }
        var byId: [String: Int] = [:]
        var byName: [String: Int] = [:]  // -1: several suppliers have the name
        for r in 0..<rows.existingCount {
            let cells = rows.rows[r]
            byId[cells[idColumn]] = r
            let text = name(cells, idColumn, nameColumn)
            byName[text] = byName[text] == nil ? r : -1
        }
        let importedRows = imported.rows
        var match = [Int?](repeating: nil, count: importedRows.count)
        var claimed = [Bool](repeating: false, count: rows.existingCount)
        var importedNames: [String: Int] = [:]
        for (i, cells) in importedRows.enumerated() {
            if let r = byId[cells[importedId]] { match[i] = r; claimed[r] = true }
            importedNames[name(cells, importedId, importedName), default: 0] += 1
        }
        for (i, cells) in importedRows.enumerated() where match[i] == nil {
            let text = name(cells, importedId, importedName)
            guard let r = byName[text] else { continue }
            if r >= 0 && importedNames[text] == 1 && !claimed[r] {
                match[i] = r
                claimed[r] = true
                rename[cells[importedId]] = rows.rows[r][idColumn]
                summary.matchedByName.append(MergeSummary.Rename(imported: cells[importedId], existing: rows.rows[r][idColumn]))
            } else {
                summary.sharedNames.append(cells[importedId])
            }
        }
        let renamed = renamed(imported, columns: ["id", "ultimate_parent"])
        var place = rows.placement(of: renamed.header)
        place.keys = [importedId]
        for (i, cells) in renamed.rows.enumerated() {
            if let r = match[i] { rows.update(r, with: cells, place: &place) } else { rows.append(cells, place: &place) }
        }
        rows.counts.kept = claimed.lazy.filter { !$0 }.count
        summary.suppliers = rows.counts
    }

    /// `table` with the ids in `columns` rewritten to the dataset's ids of suppliers matched by name.
    func renamed(_ table: ImportedTable, columns: [String]) -> ImportedTable {
        let positions = columns.compactMap { table.header.firstIndex(of: $0) }
        guard !rename.isEmpty, !positions.isEmpty else { return table }
        var result = ImportedTable(header: table.header)
        for var cells in table.rows {
            for k in positions { if let id = rename[cells[k]] { cells[k] = id } }
            result.append(cells)
        }
        return result
    }
}

/// One dataset file being merged: the dataset's rows, then imported rows written over them or after them.
struct RowMerge {
    private(set) var header: [String]
    private(set) var rows: [[String]]
    /// How many of `rows` the dataset had.
    let existingCount: Int
    var counts = MergeSummary.Rows()
    private var position: [String: Int] = [:]

    /// Where the columns of an imported header are in the file.
    struct Placement {
        var names: [String]
        /// nil: the file has no such column yet (it is added on the column's first non-empty cell).
        var positions: [Int?]
        /// The imported columns of the key: equal in a matched row (or the same scheme spelt
        /// otherwise), so they never update it.
        var keys: Set<Int> = []
    }

    /// - Parameters:
    ///   - existing: the dataset's file; nil when it has none (the import's header is used).
    ///   - importHeader: the header of the imported file.
    init(_ existing: ImportedTable?, importHeader: [String]) {
        header = existing?.header ?? importHeader
        rows = existing?.rows ?? []
        existingCount = rows.count
        for (k, name) in header.enumerated() where position[name] == nil { position[name] = k }
    }

    /// Whether the merge added or changed a row.
    var touched: Bool { counts.added + counts.updated > 0 }

    /// The position of column `name`, nil when the file has none.
    func column(_ name: String) -> Int? { position[name] }

    /// The merged file.
    var table: ImportedTable {
        var table = ImportedTable(header: header)
        for row in rows { table.append(row) }
        return table
    }

    func placement(of importHeader: [String]) -> Placement {
        Placement(names: importHeader, positions: importHeader.map { position[$0] })
    }

    /// The position of imported column `k`, adding the column (empty in every row) when the file has none.
    private mutating func target(_ k: Int, _ place: inout Placement) -> Int {
        if let p = place.positions[k] { return p }
        header.append(place.names[k])
        position[place.names[k]] = header.count - 1
        for r in rows.indices { rows[r].append("") }
        place.positions[k] = header.count - 1
        return header.count - 1
    }

    /// Writes the non-empty imported `cells` over row `r`; counts the row updated or unchanged.
    mutating func update(_ r: Int, with cells: [String], place: inout Placement) {
        var changed = false
        for (k, cell) in cells.enumerated() where !cell.isEmpty && k < place.names.count && !place.keys.contains(k) {
            let p = target(k, &place)
            guard rows[r][p] != cell else { continue }
            rows[r][p] = cell
            changed = true
            if !counts.updatedColumns.contains(header[p]) { counts.updatedColumns.append(header[p]) }
        }
        if changed { counts.updated += 1 } else { counts.unchanged += 1 }
    }

    /// Appends the imported `cells`, each under its column.
    mutating func append(_ cells: [String], place: inout Placement) {
        var row: [String] = []
        for (k, cell) in cells.enumerated() where !cell.isEmpty && k < place.names.count {
            let p = target(k, &place)
            if row.count < header.count { row += [String](repeating: "", count: header.count - row.count) }
            row[p] = cell
        }
        if row.count < header.count { row += [String](repeating: "", count: header.count - row.count) }
        rows.append(row)
        counts.added += 1
    }

    /// Merges the imported rows by `key` (column names; a missing column reads as empty, and
    /// `normalise(position in key, cell)` may map spellings together): the n-th imported row of
    /// a key updates the n-th row of the dataset with that key, the others are appended.
    mutating func merge(_ imported: ImportedTable, key: [String], normalise: (Int, String) -> String = { $1 }) {
        let existingKey = key.map { position[$0] }
        let importedKey = key.map { imported.header.firstIndex(of: $0) }
        // One string per key, each cell preceded by its length (so that no two keys run together):
        // hashing it costs a fraction of hashing an array of strings.
        func keyOf(_ cells: [String], _ columns: [Int?]) -> String {
            var key = ""
            for (k, c) in columns.enumerated() {
                let cell = normalise(k, c.map { cells[$0] } ?? "")
                key += "\(cell.utf8.count):"
                key += cell
            }
            return key
        }
        // Rows sharing a key are chained in file order: `next` is the next row with the same key.
        var cursor: [String: Int] = [:]
        cursor.reserveCapacity(existingCount)
        var next = [Int](repeating: -1, count: existingCount)
        do {
            var last: [String: Int] = [:]
            last.reserveCapacity(existingCount)
            for r in 0..<existingCount {
                let k = keyOf(rows[r], existingKey)
                if let l = last[k] { next[l] = r } else { cursor[k] = r }
                last[k] = r
            }
        }
        var place = placement(of: imported.header)
        place.keys = Set(importedKey.compactMap { $0 })
        var paired = 0
        for cells in imported.rows {
            let k = keyOf(cells, importedKey)
            if let r = cursor[k], r >= 0 {
                cursor[k] = next[r]
                paired += 1
                update(r, with: cells, place: &place)
            } else {
                append(cells, place: &place)
            }
        }
        counts.kept = existingCount - paired
    }
}

extension DatasetError {
    /// The error with each diagnostic's file renamed by `name`.
    func naming(_ name: (String) -> String) -> DatasetError {
        var renamed = self
        for k in renamed.errors.indices { renamed.errors[k].file = name(renamed.errors[k].file) }
        for k in renamed.warnings.indices { renamed.warnings[k].file = name(renamed.warnings[k].file) }
        for k in renamed.notes.indices { renamed.notes[k].file = name(renamed.notes[k].file) }
        return renamed
    }
}
