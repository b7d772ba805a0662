/// The certification schemes a dataset can name, for `trustgraph schemes`:
/// the built-in catalogue and a dataset's `schemes.csv`, each with its
/// assurance, evidence half-life, where it comes from and the alias keys
/// that also name it (contract §1.1).
public struct SchemeListing: Sendable {
    public struct Row: Sendable, Equatable {
        public var name: String
        public var assurance: Double
        public var halfLifeDays: Double
        /// `built-in`, `schemes.csv`, or `schemes.csv (overrides built-in)`.
        public var source: String
        /// The key a spelling is matched by.
        public var key: String
        public var aliases: [String]
    }

    public let rows: [Row]

    /// - Parameter catalogue: the built-in catalogue with a dataset's schemes.csv applied (or the built-in one alone).
    public init(_ catalogue: SchemeCatalogue) {
        let builtIn = SchemeCatalogue.builtIn
        rows = (0..<catalogue.count).map { id in
            let isBuiltIn = id < builtIn.count
            let overridden = isBuiltIn && (catalogue.assurance[id] != builtIn.assurance[id] || catalogue.halfLifeDays[id] != builtIn.halfLifeDays[id])
            return Row(name: catalogue.names[id], assurance: catalogue.assurance[id], halfLifeDays: catalogue.halfLifeDays[id],
                       source: isBuiltIn ? (overridden ? "schemes.csv (overrides built-in)" : "built-in") : "schemes.csv",
                       key: SchemeCatalogue.key(catalogue.names[id]), aliases: catalogue.aliases(of: Int32(id)))
        }
    }

    public static let csvHeader = ["scheme", "assurance", "evidence_half_life_days", "source", "key", "aliases"]

    /// CSV with `csvHeader`; aliases separated by spaces.
    public var csv: String {
        var writer = CSVWriter(header: SchemeListing.csvHeader)
        for row in rows {
            writer.row([row.name, row.assurance.description, row.halfLifeDays.description, row.source, row.key, row.aliases.joined(separator: " ")])
        }
        return writer.text
    }

    public var json: String {
        JSON.Value.array(rows.map { row in
            .object([("scheme", .string(row.name)), ("assurance", .number(row.assurance)),
                     ("evidence_half_life_days", .number(row.halfLifeDays)), ("source", .string(row.source)),
                     ("key", .string(row.key)), ("aliases", .array(row.aliases.map { .string($0) }))])
        }).serialized() + "\n"
    }

    /// A table for people, with how names are matched.
    public var table: String {
        var table = TextTable(header: ["scheme", "assurance", "half-life", "source", "also matches"], rightAligned: [1, 2])
        for row in rows {
            table.add([row.name, TextTable.fixed(row.assurance, 2), "\(TextTable.fixed(row.halfLifeDays, 0)) d", row.source,
                       row.aliases.joined(separator: ", ")])
        }
        return table.render() + """

        A scheme is named by its key: a trailing year after ':', '-' or a space is
        dropped, letters are upper-cased and only A-Z and 0-9 kept, and a leading
        ISOIEC reads as ISO ('ISO/IEC 27001:2022' is ISO27001). A key that is no
        scheme's may be an alias ('SOC 2 Type II' is SOC2TYPEII: SOC2-TYPE2).

        """
    }
}
