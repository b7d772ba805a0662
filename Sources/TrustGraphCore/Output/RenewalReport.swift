/// Output of `renewals`: every certificate lapsing in the window with the
/// trust the portfolio loses on that day, ranked.
public struct RenewalReport: Sendable {
    public let analysis: RenewalAnalysis
    public let dataset: Dataset

    public init(analysis: RenewalAnalysis, dataset: Dataset) {
        self.analysis = analysis
        self.dataset = dataset
    }

    /// The stable columns, then the supplier hurt most besides the holder and its loss.
    public static let csvHeader = ["lapse_date", "supplier", "scheme", "expires", "loss", "affected", "most_hurt", "most_hurt_loss"]

    private func rows(top: Int?) -> ArraySlice<RenewalAnalysis.Lapse> {
        analysis.lapses.prefix(top ?? analysis.lapses.count)
    }

    /// CSV, in the ranking's order (certificates whose loss is 0 included).
    public func csv(top: Int? = nil) -> String {
        var writer = CSVWriter(header: RenewalReport.csvHeader)
        for lapse in rows(top: top) {
            writer.row([lapse.lapse.description, dataset.suppliers.id(lapse.supplier), dataset.schemes.names[Int(lapse.scheme)],
                        lapse.expires.description, lapse.loss.description, String(lapse.affected),
                        lapse.mostHurt.map { dataset.suppliers.id($0) } ?? "", lapse.mostHurt == nil ? "" : lapse.mostHurtLoss.description])
        }
        return writer.text
    }

    /// JSON: the CSV's rows as objects (`most_hurt` null when no one else loses).
    public func json(top: Int? = nil) -> String {
        let items: [JSON.Value] = rows(top: top).map { lapse in
            .object([
                ("lapse_date", .string(lapse.lapse.description)), ("supplier", .string(dataset.suppliers.id(lapse.supplier))),
                ("scheme", .string(dataset.schemes.names[Int(lapse.scheme)])), ("expires", .string(lapse.expires.description)),
                ("loss", .number(lapse.loss)), ("affected", .integer(lapse.affected)),
                ("most_hurt", lapse.mostHurt.map { .string(dataset.suppliers.id($0)) } ?? .null),
                ("most_hurt_loss", lapse.mostHurt == nil ? .null : .number(lapse.mostHurtLoss)),
            ])
        }
        return JSON.Value.array(items).serialized() + "\n"
    }

    /// A table for people: the `top` costliest lapses, each with who is hurt most.
    public func table(top: Int) -> String {
        let lapses = analysis.lapses
        let suppliers = dataset.suppliers
        var out = "Certificates lapsing from \(analysis.from) to \(analysis.to): \(lapses.count)"
        let costly = lapses.filter { $0.loss > 1e-9 }.count
        out += lapses.isEmpty ? "\n" : " (\(costly) cost trust; loss = Σ trust renewal would keep, on the lapse day)\n"
        guard !lapses.isEmpty else { return out }
        var table = TextTable(header: ["lapses", "supplier", "scheme", "loss", "affected", "hurt most (loss)"], rightAligned: [3, 4])
        for lapse in lapses.prefix(top) {
            let hurt = lapse.mostHurt.map { "\(suppliers.id($0)) (\(TextTable.fixed(lapse.mostHurtLoss)))" }
                ?? (lapse.loss > 1e-9 ? "only the holder" : "—")
            table.add([lapse.lapse.description, suppliers.id(lapse.supplier), dataset.schemes.names[Int(lapse.scheme)],
                       TextTable.fixed(lapse.loss), String(lapse.affected), hurt])
        }
        out += table.render()
        if lapses.count > top { out += "… and \(lapses.count - top) more (use --top or --format csv)\n" }
        let covered = lapses.filter { $0.loss == 0 }.count
        if covered > 0 {
            out += "\(plural(covered, "lapse")) cost nothing: another certificate of the scheme, or a dependency, already limits the holder.\n"
        }
        return out
    }
}
