/// What merging an import into a dataset did to each of its files, for the command to print.
public struct MergeSummary: Sendable, Equatable {
    /// What happened to the rows of one file.
    public struct Rows: Sendable, Equatable {
        /// Imported rows that matched none of the dataset's and were appended.
        public var added = 0
        /// Imported rows that matched a row of the dataset and changed at least one of its cells.
        public var updated = 0
        /// Imported rows that matched a row of the dataset and changed nothing.
        public var unchanged = 0
        /// Rows of the dataset that no imported row matched (a merge never removes a row).
        public var kept = 0
        /// The columns in which some row was updated, in the order first met.
        public var updatedColumns: [String] = []
        /// Whether the import had this file at all.
        public var imported = true

        public init() {}

        /// "3 added, 2 updated (name, country), 1 unchanged, 4 not in the import (kept)", or "none imported, 4 kept".
        public var text: String {
            guard imported else { return "none imported, \(kept) kept" }
            let columns = updatedColumns.isEmpty ? "" : " (" + updatedColumns.joined(separator: ", ") + ")"
            return "\(added) added, \(updated) updated\(columns), \(unchanged) unchanged, \(kept) not in the import (kept)"
        }
    }

    /// An imported supplier that is a supplier of the dataset under another id.
    public struct Rename: Sendable, Equatable {
        /// The id the import gave it.
        public var imported: String
        /// The dataset's id, which the merged rows use.
        public var existing: String
    }

    /// The dataset directory merged into.
    public var directory: String
    public var suppliers = Rows()
    public var dependencies = Rows()
    public var certifications = Rows()
    /// Schemes the import defines that the dataset did not know, appended to schemes.csv.
    public var schemesAdded = 0
    /// Schemes the import defines that the dataset already defines (kept as the dataset has them).
    public var schemesKept = 0
    /// Suppliers matched by exact name, in import order.
    public var matchedByName: [Rename] = []
    /// Imported suppliers whose name is shared (by several suppliers of the dataset or of the import, or
    /// by one matched by id), so they were not matched by name but added under their own ids.
    public var sharedNames: [String] = []

    public init(directory: String) { self.directory = directory }

    /// How many matched-by-name pairs the summary lists.
    static let listed = 5

    /// The summary as lines for a person (data escaped for a terminal).
    public var lines: [String] {
        var lines = ["merged into \(TerminalText.escaped(directory)):",
                     "  suppliers: " + TerminalText.escaped(suppliers.text),
                     "  dependency rows: " + TerminalText.escaped(dependencies.text),
                     "  certifications: " + TerminalText.escaped(certifications.text)]
        if schemesAdded + schemesKept > 0 {
            lines.append("  schemes: \(schemesAdded) added, \(schemesKept) already in the dataset (kept as it has them)")
        }
        if !matchedByName.isEmpty {
            var pairs = matchedByName.prefix(Self.listed).map { TerminalText.escaped("\($0.imported) → \($0.existing)") }.joined(separator: ", ")
            if matchedByName.count > Self.listed { pairs += ", … and \(matchedByName.count - Self.listed) more" }
            lines.append("  matched by name (imported id → dataset id): " + pairs)
        }
        return lines
    }
}
