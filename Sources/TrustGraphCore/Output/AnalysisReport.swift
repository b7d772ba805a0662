/// Output of `analyze`: per-supplier metrics with the stable columns of
/// contract §6 (`id,trust,dependents,affected,impact,pagerank`), concentration
/// and single points of failure.
public struct AnalysisReport: Sendable {
    public let model: TrustModel
    public let solution: TrustSolution
    public let impacts: ImpactAnalysis
    public let pageRank: PageRank
    public let concentration: Concentration
    public let singlePoints: [SinglePointOfFailure]

    public init(model: TrustModel, solution: TrustSolution, impacts: ImpactAnalysis, pageRank: PageRank) {
        self.model = model
        self.solution = solution
        self.impacts = impacts
        self.pageRank = pageRank
        concentration = Concentration(dataset: model.dataset)
        singlePoints = SinglePointOfFailure.find(in: model)
    }

    public static let csvHeader = ["id", "trust", "dependents", "affected", "impact", "pagerank", "name", "sector", "country"]

    /// Suppliers by impact, largest first (ties: dependents, then input order).
    public var byImpact: [Int] {
        (0..<model.supplierCount).sorted {
            (impacts.impact[$1], impacts.dependents[$1], $0) < (impacts.impact[$0], impacts.dependents[$0], $1)
        }
    }

    public func csv(order: [Int]) -> String {
        var writer = CSVWriter(header: AnalysisReport.csvHeader)
        let s = model.dataset.suppliers
        for i in order {
            writer.row([s.id(i), solution.trust[i].description, String(impacts.dependents[i]), String(impacts.affected[i]),
                        impacts.impact[i].description, pageRank.rank[i].description, s.name(i), s.sectors[i], s.countries[i]])
        }
        return writer.text
    }

    public func json(order: [Int]) -> String {
        let s = model.dataset.suppliers
        let items: [JSON.Value] = order.map { i in
            .object([
                ("id", .string(s.id(i))), ("trust", .number(solution.trust[i])), ("dependents", .integer(impacts.dependents[i])),
                ("affected", .integer(impacts.affected[i])), ("impact", .number(impacts.impact[i])),
                ("pagerank", .number(pageRank.rank[i])), ("name", .string(s.name(i))), ("sector", .string(s.sectors[i])),
                ("country", .string(s.countries[i])),
            ])
        }
        return JSON.Value.array(items).serialized() + "\n"
    }

    /// Concentration as CSV: dimension,name,rows,share (then one row per dimension for the HHI).
    public var concentrationCSV: String {
        var writer = CSVWriter(header: ["dimension", "name", "rows", "share"])
        for (dimension, shares, hhi) in [("provider", concentration.providers, concentration.providerHHI),
                                         ("country", concentration.countries, concentration.countryHHI),
                                         ("sector", concentration.sectors, concentration.sectorHHI)] {
            for share in shares { writer.row([dimension, share.name, String(share.rows), share.share.description]) }
            writer.row([dimension, "HHI", String(concentration.rows), hhi.description])
        }
        return writer.text
    }

    /// Single points of failure as CSV: provider,consumer,group,weight.
    public var singlePointsCSV: String {
        var writer = CSVWriter(header: ["provider", "consumer", "group", "weight", "provider_trust"])
        let s = model.dataset.suppliers
        for spof in singlePoints {
            for c in spof.consumers {
                writer.row([s.id(spof.provider), s.id(c.consumer), c.group, c.weight.description, solution.trust[spof.provider].description])
            }
        }
        return writer.text
    }

    /// Tables for people.
    public func table(top: Int) -> String {
        let s = model.dataset.suppliers
        let f = { (x: Double) in TextTable.fixed(x) }
        var out = "Whom can the portfolio not afford to lose? (impact = trust lost in total if the supplier is compromised)\n"
        var table = TextTable(header: ["impact", "affected", "dependents", "pagerank", "trust", "id", "name"], rightAligned: [0, 1, 2, 3, 4])
        for i in byImpact.prefix(top) {
            table.add([f(impacts.impact[i]), String(impacts.affected[i]), String(impacts.dependents[i]),
                       TextTable.fixed(pageRank.rank[i], 5), f(solution.trust[i]), s.id(i), s.name(i)])
        }
        out += table.render()
        if model.supplierCount > top { out += "… \(model.supplierCount - top) more (use --top or --format csv)\n" }

        let c = concentration
        out += "\nConcentration of critical and high dependencies (\(c.rows) rows; HHI 1 = all on one):\n"
        for (title, shares, hhi) in [("provider", c.providers, c.providerHHI), ("country", c.countries, c.countryHHI),
                                     ("sector", c.sectors, c.sectorHHI)] {
            let head = shares.prefix(5).map { "\($0.name) \(TextTable.fixed($0.share * 100, 1))%" }.joined(separator: ", ")
            out += "  by \(title): HHI \(TextTable.fixed(hhi, 3)) — \(head)\(shares.count > 5 ? ", …" : "")\n"
        }

        out += "\nSingle points of failure (the only provider of a critical or high group):\n"
        if singlePoints.isEmpty { out += "  none\n" }
        for spof in singlePoints.prefix(top) {
            let consumers = spof.consumers.prefix(6).map { "\(s.id($0.consumer)) (\($0.group), \(Criticality.label($0.weight)))" }
            out += "  \(s.id(spof.provider)) t=\(f(solution.trust[spof.provider])): \(spof.consumers.count) consumer\(spof.consumers.count == 1 ? "" : "s") — "
                + consumers.joined(separator: ", ") + (spof.consumers.count > 6 ? ", …" : "") + "\n"
        }
        if singlePoints.count > top { out += "  … \(singlePoints.count - top) more\n" }
        return out
    }
}
