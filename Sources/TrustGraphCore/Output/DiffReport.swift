/// Output of `diff`: every id of either snapshot with its change and trust delta.
public struct DiffReport: Sendable {
    public let diff: SnapshotDiff

    public init(diff: SnapshotDiff) { self.diff = diff }

    /// The stable columns.
    public static let csvHeader = ["id", "change", "old_trust", "new_trust", "delta"]

    /// CSV in the diff's order (empty cells where a snapshot lacks the id).
    public var csv: String {
        var writer = CSVWriter(header: DiffReport.csvHeader)
        for row in diff.rows {
            writer.row([row.id, row.change.rawValue, row.oldTrust?.description ?? "", row.newTrust?.description ?? "",
                        row.delta?.description ?? ""])
        }
        return writer.text
    }

    /// JSON: the CSV's rows as objects (null where a snapshot lacks the id).
    public var json: String {
        let items: [JSON.Value] = diff.rows.map { row in
            .object([("id", .string(row.id)), ("change", .string(row.change.rawValue)),
                     ("old_trust", row.oldTrust.map(JSON.Value.number) ?? .null),
                     ("new_trust", row.newTrust.map(JSON.Value.number) ?? .null),
                     ("delta", row.delta.map(JSON.Value.number) ?? .null)])
        }
        return JSON.Value.array(items).serialized() + "\n"
    }

    /// A table for people: the counts, the `top` movers with the changed
    /// supplier on each one's limiting chain, and the added and removed ids.
    public func table(top: Int) -> String {
        let rows = diff.rows
        var out = "Snapshots compared at \(diff.parameters.date): \(diff.count(.added)) added, \(diff.count(.removed)) removed, "
        out += "\(diff.count(.changed)) changed, \(diff.count(.same)) same\n"
        let both = rows.filter { $0.delta != nil }
        if !both.isEmpty {
            let before = both.reduce(0.0) { $0 + $1.oldTrust! } / Double(both.count)
            let after = both.reduce(0.0) { $0 + $1.newTrust! } / Double(both.count)
            out += "Mean trust of the \(both.count) in both: \(TextTable.fixed(before)) → \(TextTable.fixed(after))\n"
        }
        let movers = both.filter { abs($0.delta!) > 1e-9 }
        if movers.isEmpty {
            out += "No supplier's trust moved.\n"
        } else {
            var table = TextTable(header: ["delta", "old", "new", "id", "change", "explained by (on its limiting chain)"], rightAligned: [0, 1, 2])
            for row in movers.prefix(top) {
                let why: String
                if let found = diff.explanation(of: row) {
                    why = found.id == row.id ? "its own rows (\(found.change.rawValue))" : "\(found.id) (\(found.change.rawValue))"
                } else {
                    why = "no changed supplier on its chain (schemes.csv?)"
                }
                table.add([(row.delta! > 0 ? "+" : "") + TextTable.fixed(row.delta!), TextTable.fixed(row.oldTrust!),
                           TextTable.fixed(row.newTrust!), row.id, row.change.rawValue, why])
            }
            out += table.render()
            if movers.count > top { out += "… and \(movers.count - top) more moved (use --top or --format csv)\n" }
        }
        for kind in [SnapshotDiff.Change.added, .removed] {
            let ids = rows.filter { $0.change == kind }
            guard !ids.isEmpty else { continue }
            let shown = ids.prefix(top).map { row in
                "\(TerminalText.escaped(row.id)) (\(TextTable.fixed((row.newTrust ?? row.oldTrust)!)))"
            }
            out += "\(kind.rawValue.capitalized): \(shown.joined(separator: ", "))" + (ids.count > top ? ", … \(ids.count - top) more" : "") + "\n"
        }
        return out
    }
}
