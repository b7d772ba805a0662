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

    /// Row orders of the supplier list.
    public enum Order: String, Sendable, CaseIterable {
        /// Largest impact first (`byImpact`).
        case impact
        /// The order of suppliers.csv.
        case input
        /// By id, byte for byte.
        case id

        /// The order when none is asked for: by impact for the table and whenever only
        /// the first `top` rows are kept (so `--top N` means the N with most impact in
        /// every format); otherwise the order of suppliers.csv.
        public static func implied(table: Bool, top: Int?) -> Order {
            table || top != nil ? .impact : .input
        }
    }

    /// Supplier indices in `order`, only the first `top` when given.
    public func rows(_ order: Order, top: Int?) -> [Int] {
        let all = rows(order)
        return top.map { Array(all.prefix(max(0, $0))) } ?? all
    }

    /// Supplier indices in `order`.
    public func rows(_ order: Order) -> [Int] {
        switch order {
        case .impact: return byImpact
        case .input: return Array(0..<model.supplierCount)
        case .id:
            let ids = model.dataset.suppliers
            return (0..<model.supplierCount).sorted { Array(ids.id($0).utf8).lexicographicallyPrecedes(Array(ids.id($1).utf8)) }
        }
    }

    public func csv(order: [Int]) -> String { String(decoding: csvBytes(order: order), as: UTF8.self) }

    /// The bytes of `csv(order:)`, written in chunks of rows on up to `threads` threads
    /// (the same bytes for any number).
    public func csvBytes(order: [Int], threads: Int = Parallel.defaultThreads) -> [UInt8] {
        var writer = CSVWriter(header: AnalysisReport.csvHeader)
        let s = model.dataset.suppliers
        let parts = Parallel.mapChunks(order.count, chunk: 8_192, threads: threads) { range in
            var part = CSVWriter()
            for i in order[range] {
                part.field(s.id(i), first: true)
                part.field(solution.trust[i].description)
                part.field(String(impacts.dependents[i]))
                part.field(String(impacts.affected[i]))
                part.field(impacts.impact[i].description)
                part.field(pageRank.rank[i].description)
                part.field(s.name(i))
                part.field(s.sectors[i])
                part.field(s.countries[i])
                part.endRecord()
            }
            return part
        }
        for part in parts { writer.append(part) }
        return writer.bytes
    }

    public func json(order: [Int]) -> String { String(decoding: jsonBytes(order: order), as: UTF8.self) }

    /// The bytes of `json(order:)`, written straight as bytes in chunks on up to `threads`
    /// threads (the same bytes for any number).
    public func jsonBytes(order: [Int], threads: Int = Parallel.defaultThreads) -> [UInt8] {
        guard !order.isEmpty else { return Array("[]\n".utf8) }
        let s = model.dataset.suppliers
        var out = JSONBytes()
        out.join(order.count, first: "[\n  ", separator: ",\n  ", bytesEach: 200, threads: threads) { r, w in
            let i = order[r]
            w.raw("{")
            w.field("id", s.id(i), first: true)
            w.field("trust", number: solution.trust[i])
            w.field("dependents", integer: impacts.dependents[i])
            w.field("affected", integer: impacts.affected[i])
            w.field("impact", number: impacts.impact[i])
            w.field("pagerank", number: pageRank.rank[i])
            w.field("name", s.name(i))
            w.field("sector", s.sectors[i])
            w.field("country", s.countries[i])
            w.raw("}")
        }
        out.raw("\n]\n")
        return out.bytes
    }

    /// The concentration lists as rows: dimension, name, rows, share, and the dimension's HHI.
    private var concentrationRows: [(dimension: String, share: Concentration.Share, hhi: Double)] {
        [("provider", concentration.providers, concentration.providerHHI),
         ("country", concentration.countries, concentration.countryHHI),
         ("sector", concentration.sectors, concentration.sectorHHI)].flatMap { (dimension, shares, hhi) in
            shares.map { (dimension, $0, hhi) }
        }
    }

    /// Concentration as CSV: dimension,name,rows,share,dimension_hhi.
    public var concentrationCSV: String {
        var writer = CSVWriter(header: ["dimension", "name", "rows", "share", "dimension_hhi"])
        for row in concentrationRows {
            writer.row([row.dimension, row.share.name, String(row.share.rows), row.share.share.description, row.hhi.description])
        }
        return writer.text
    }

    /// Concentration as JSON: the same rows as the CSV.
    public var concentrationJSON: String {
        JSON.Value.array(concentrationRows.map { row in
            .object([("dimension", .string(row.dimension)), ("name", .string(row.share.name)), ("rows", .integer(row.share.rows)),
                     ("share", .number(row.share.share)), ("dimension_hhi", .number(row.hhi))])
        }).serialized() + "\n"
    }

    /// Single points of failure as rows: provider, consumer, group, weight; the first
    /// `top` providers' (most consumers first) when given.
    private func singlePointRows(top: Int?) -> [(provider: Int, consumer: Int, group: String, weight: Double)] {
        singlePoints.prefix(max(0, top ?? singlePoints.count)).flatMap { spof in
            spof.consumers.map { (spof.provider, $0.consumer, $0.group, $0.weight) }
        }
    }

    /// Single points of failure as CSV: provider,consumer,group,weight,provider_trust, one row
    /// per consumer of each provider (of the first `top` providers when given).
    public func singlePointsCSV(top: Int? = nil) -> String {
        var writer = CSVWriter(header: ["provider", "consumer", "group", "weight", "provider_trust"])
        let s = model.dataset.suppliers
        for row in singlePointRows(top: top) {
            writer.row([s.id(row.provider), s.id(row.consumer), row.group, row.weight.description, solution.trust[row.provider].description])
        }
        return writer.text
    }

    /// Single points of failure as JSON: the same rows as the CSV.
    public func singlePointsJSON(top: Int? = nil) -> String {
        let s = model.dataset.suppliers
        return JSON.Value.array(singlePointRows(top: top).map { row in
            .object([("provider", .string(s.id(row.provider))), ("consumer", .string(s.id(row.consumer))), ("group", .string(row.group)),
                     ("weight", .number(row.weight)), ("provider_trust", .number(solution.trust[row.provider]))])
        }).serialized() + "\n"
    }

    /// Tables for people: the impact ranking, concentration and single points of failure.
    public func table(top: Int, order: Order = .impact) -> String {
        impactTable(top: top, order: order) + "\n" + concentrationTable(limit: 5) + "\n" + singlePointsTable(top: top, hint: true)
    }

    /// The first `top` suppliers in `order` (by impact unless asked otherwise).
    public func impactTable(top: Int, order: Order = .impact) -> String {
        let s = model.dataset.suppliers
        let f = { (x: Double) in TextTable.fixed(x) }
        var out = "Whom can the portfolio not afford to lose? (impact = trust lost in total if the supplier is compromised)\n"
        var table = TextTable(header: ["impact", "affected", "dependents", "pagerank", "trust", "id", "name"], rightAligned: [0, 1, 2, 3, 4])
        for i in rows(order).prefix(top) {
            table.add([f(impacts.impact[i]), String(impacts.affected[i]), String(impacts.dependents[i]),
                       TextTable.fixed(pageRank.rank[i], 5), f(solution.trust[i]), s.id(i), s.name(i)])
        }
        out += table.render()
        if model.supplierCount > top { out += "… \(model.supplierCount - top) more (use --top or --format csv)\n" }
        return out
    }

    /// The largest shares per dimension (at most `limit` each, all when nil) and each dimension's HHI.
    public func concentrationTable(limit: Int?) -> String {
        let c = concentration
        var out = "Concentration of critical and high dependencies (\(plural(c.rows, "row")); HHI 1 = all on one):\n"
        for (title, shares, hhi) in [("provider", c.providers, c.providerHHI), ("country", c.countries, c.countryHHI),
                                     ("sector", c.sectors, c.sectorHHI)] {
            let shown = shares.prefix(limit ?? shares.count)
            // The rows of providers without a country or sector share one empty key, shown as "(unknown)".
            let head = shown.map { "\($0.name.isEmpty ? "(unknown)" : TerminalText.escaped($0.name)) \(TextTable.fixed($0.share * 100, 1))%" }.joined(separator: ", ")
            out += "  by \(title): HHI \(TextTable.fixed(hhi, 3)) — \(head)\(shares.count > shown.count ? ", … (--what concentration lists all)" : "")\n"
        }
        return out
    }

    /// The `top` single points of failure, most consumers first.
    public func singlePointsTable(top: Int, hint: Bool) -> String {
        let s = model.dataset.suppliers
        var out = "Single points of failure (the only provider of a critical or high group):\n"
        if singlePoints.isEmpty { out += "  none\n" }
        for spof in singlePoints.prefix(top) {
            let consumers = spof.consumers.prefix(6).map { "\(s.id($0.consumer)) (\($0.group), \(Criticality.label($0.weight)))" }
            out += TerminalText.escaped("  \(s.id(spof.provider)) t=\(TextTable.fixed(solution.trust[spof.provider])): "
                + "\(plural(spof.consumers.count, "consumer")) — " + consumers.joined(separator: ", ") + (spof.consumers.count > 6 ? ", …" : "")) + "\n"
        }
        if singlePoints.count > top {
            out += "  … \(singlePoints.count - top) more" + (hint ? " (--what single-points lists all)" : " (use --top)") + "\n"
        }
        return out
    }
}
