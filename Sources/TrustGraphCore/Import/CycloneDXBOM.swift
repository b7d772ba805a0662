/// Turns CycloneDX 1.4–1.6 JSON documents into a dataset, as `docs/import.md`
/// sets out: the organisations a document names become suppliers, the
/// dependencies between components and services become rows between their
/// organisations, and 1.6 attestations become certifications.
public enum CycloneDXBOM {
    static let supplierHeader = ["id", "name", "country", "roles", "url"]
    static let dependencyHeader = ["consumer", "provider", "criticality", "group", "service", "bom_ref"]
    static let certificationHeader = ["supplier", "scheme", "status", "issued", "expires", "last_evidence", "scope", "assessor", "conformance"]

    /// An organisation, by the slug of its name.
    struct Organisation {
        var name: String
        var id: String
        var roles: [String] = []
        var country = ""
        var url = ""
    }

    /// A component or service with a bom-ref: the organisation it belongs to and its dependencies.
    struct Node {
        var name: String
        /// The owning organisation's id ("" when none).
        var owner: String
        var level: DORACodes.Level
        var excluded: Bool
        var edges: [Int] = []
        var line: Int
        var hasParent = false
        var ref = ""
    }

    /// The state of one import (several documents).
    struct Builder {
        var organisations: [String: Organisation] = [:]
        var order: [String] = []
        var rows: [[String]] = []
        var rowKeys = Set<String>()
        var certifications: [[String]] = []
        var unknownSchemes: [String] = []
        var summary = ImportSummary()
        var sink = DiagnosticSink()

        /// Registers an organisation in a role; returns its id, the slug of its name. Names with
        /// one slug (`Acme, Inc.` and `ACME Inc`) are one organisation, which keeps the first name.
        mutating func organisation(_ name: String, role: String, country: String = "", url: String = "") -> String {
            let id = CycloneDXBOM.slug(name)
            if organisations[id] == nil {
                organisations[id] = Organisation(name: name, id: id)
                order.append(id)
            }
            if !organisations[id]!.roles.contains(role) { organisations[id]!.roles.append(role) }
            if organisations[id]!.country.isEmpty { organisations[id]!.country = country }
            if organisations[id]!.url.isEmpty { organisations[id]!.url = url }
            return id
        }
    }

    /// Reads the documents (command-line order) and maps them into one dataset.
    /// - Throws: `DatasetError` with every problem, each naming file:line: column.
    public static func importDocuments(_ paths: [String], options: ImportOptions = ImportOptions()) throws(DatasetError) -> ImportedDataset {
        var builder = Builder()
        for path in paths {
            switch FileBytes.read(path) {
            case .failure(.missing): builder.sink.error(.missingFile, file: path, line: 0, "no such file (expected a CycloneDX JSON document)")
            case .failure(.unreadable(let reason)): builder.sink.error(.unreadableFile, file: path, line: 0, "cannot read it: \(reason)")
            case .success(let bytes):
                do {
                    let root = try JSONReader.parse(bytes)
                    var document = Document(path: path, root: root)
                    document.read(into: &builder)
                } catch {
                    builder.sink.error(.malformedRecord, file: path, line: error.line,
                                       "column \(error.column): \(error.message) (XML documents are not read: give the JSON form)")
                }
            }
        }
        builder.sink.sortByPosition()
        _ = try builder.sink.report()

        var imported = ImportedDataset(suppliers: ImportedTable(header: supplierHeader), dependencies: ImportedTable(header: dependencyHeader))
        for id in builder.order {
            let o = builder.organisations[id]!
            imported.suppliers.append([id, o.name, o.country, o.roles.joined(separator: " "), o.url])
        }
        for row in builder.rows { imported.dependencies.append(row) }
        if !builder.certifications.isEmpty {
            var table = ImportedTable(header: certificationHeader)
            for row in builder.certifications { table.append(row) }
            imported.certifications = table
        }
        if !builder.unknownSchemes.isEmpty {
            var schemes = ImportedTable(header: ["scheme", "assurance", "evidence_half_life_days"])
            for name in builder.unknownSchemes { schemes.append([name, "0", ""]) }
            imported.schemes = schemes
            builder.summary.notes.append(ImportSummary.unknownSchemesNote(builder.unknownSchemes))
        }
        imported.summary = builder.summary
        _ = try imported.finish(options)
        return imported
    }

    /// A stable id for an organisation's name: lower-cased letters and digits, every other run
    /// of characters one `-` (`Acme, Inc.` → `acme-inc`); `org` when nothing is left.
    public static func slug(_ name: String) -> String {
        var result = ""
        var dash = false
        for scalar in name.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if dash && !result.isEmpty { result += "-" }
                dash = false
                result.unicodeScalars.append(scalar)
            } else {
                dash = true
            }
        }
        return result.isEmpty ? "org" : result
    }
}
