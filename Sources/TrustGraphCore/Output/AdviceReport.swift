/// Output of `advise`: candidate certificates ranked by the trust they would add.
public struct AdviceReport: Sendable {
    public let advice: CertificationAdvice
    public let dataset: Dataset

    public init(advice: CertificationAdvice, dataset: Dataset) {
        self.advice = advice
        self.dataset = dataset
    }

    /// The stable columns, then the supplier that gains most besides the candidate and its gain.
    public static let csvHeader = ["supplier", "scheme", "gain", "affected", "cost", "gain_per_cost", "most_helped", "most_helped_gain"]

    private func rows(top: Int?) -> ArraySlice<CertificationAdvice.Candidate> {
        advice.candidates.prefix(top ?? advice.candidates.count)
    }

    /// CSV in the ranking's order (candidates with gain 0 included; `cost` and
    /// `gain_per_cost` empty when unknown).
    public func csv(top: Int? = nil) -> String {
        var writer = CSVWriter(header: AdviceReport.csvHeader)
        for c in rows(top: top) {
            writer.row([dataset.suppliers.id(c.supplier), dataset.schemes.names[Int(c.scheme)], c.gain.description, String(c.affected),
                        c.cost?.description ?? "", c.gainPerCost?.description ?? "",
                        c.mostHelped.map { dataset.suppliers.id($0) } ?? "", c.mostHelped == nil ? "" : c.mostHelpedGain.description])
        }
        return writer.text
    }

    /// JSON: the CSV's rows as objects (unknowns null).
    public func json(top: Int? = nil) -> String {
        let items: [JSON.Value] = rows(top: top).map { c in
            .object([
                ("supplier", .string(dataset.suppliers.id(c.supplier))), ("scheme", .string(dataset.schemes.names[Int(c.scheme)])),
                ("gain", .number(c.gain)), ("affected", .integer(c.affected)),
                ("cost", c.cost.map(JSON.Value.number) ?? .null), ("gain_per_cost", c.gainPerCost.map(JSON.Value.number) ?? .null),
                ("most_helped", c.mostHelped.map { .string(dataset.suppliers.id($0)) } ?? .null),
                ("most_helped_gain", c.mostHelped == nil ? .null : .number(c.mostHelpedGain)),
            ])
        }
        return JSON.Value.array(items).serialized() + "\n"
    }

    /// A table for people: the `top` candidates with who gains most.
    public func table(top: Int) -> String {
        let candidates = advice.candidates
        let suppliers = dataset.suppliers
        let schemes = advice.schemes.map { dataset.schemes.names[Int($0)] }
        var out = "Candidate certificates at \(advice.parameters.date): \(candidates.count) "
        out += "(suppliers something depends on × \(plural(schemes.count, "scheme")) they do not hold; "
        out += "gain = Σ trust added, ranked by \(advice.order == .gain ? "gain" : "gain per cost"))\n"
        guard !candidates.isEmpty else { return out }
        let withCost = candidates.contains { $0.cost != nil }
        var header = ["supplier", "scheme", "gain", "affected"]
        if withCost { header += ["cost", "gain per 10k"] }
        header.append("gains most besides it")
        var table = TextTable(header: header, rightAligned: withCost ? [2, 3, 4, 5] : [2, 3])
        for c in candidates.prefix(top) {
            var row = [suppliers.id(c.supplier), dataset.schemes.names[Int(c.scheme)], TextTable.fixed(c.gain), String(c.affected)]
            if withCost { row += [c.cost.map { TextTable.fixed($0, 0) } ?? "?", c.gainPerCost.map { TextTable.fixed($0 * 10_000, 4) } ?? "—"] }
            row.append(c.mostHelped.map { "\(suppliers.id($0)) (+\(TextTable.fixed(c.mostHelpedGain)))" } ?? "—")
            table.add(row)
        }
        out += table.render()
        if candidates.count > top { out += "… and \(candidates.count - top) more (use --top or --format csv)\n" }
        if withCost { out += "gain per 10k: the gain for 10,000 of cost (gain_per_cost × 10,000); ? = no cost in schemes.csv.\n" }
        return out
    }
}
