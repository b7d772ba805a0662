/// What a report is computed from: one solved dataset, its analysis, and the
/// outcomes of any scenarios.
public struct ReportInputs: Sendable {
    public var model: TrustModel
    public var parameters: TrustParameters
    public var solution: TrustSolution
    /// Impact, PageRank, concentration and single points of failure of `solution`.
    public var analysis: AnalysisReport
    /// Scenario outcomes, in the order of their files and of the scenarios in each.
    public var outcomes: [ScenarioOutcome]
    /// Trust below this counts as weak.
    public var threshold: Double
    public var title: String
    /// The dataset's name, for the footer.
    public var datasetName: String
    public var toolVersion: String
    /// What a policy found (`check`'s outcome), for the summary's verdict and the findings table.
    public var policy: PolicyOutcome?
    /// The certificates lapsing in the window, ranked by loss (`renewals`).
    public var renewals: RenewalAnalysis?
    /// Trust at dates over the window (`timeline`), for the chart.
    public var timeline: TrustTimeline?

    /// Inputs from their parts.
    public init(model: TrustModel, parameters: TrustParameters, solution: TrustSolution, analysis: AnalysisReport,
                outcomes: [ScenarioOutcome] = [], threshold: Double = 0.5, title: String = "Supplier trust report",
                datasetName: String, toolVersion: String, policy: PolicyOutcome? = nil, renewals: RenewalAnalysis? = nil,
                timeline: TrustTimeline? = nil) {
        self.policy = policy
        self.renewals = renewals
        self.timeline = timeline
        self.model = model
        self.parameters = parameters
        self.solution = solution
        self.analysis = analysis
        self.outcomes = outcomes
        self.threshold = threshold
        self.title = title
        self.datasetName = datasetName
        self.toolVersion = toolVersion
    }
}

extension ReportDocument {
    /// How many suppliers the summary's short lists name.
    public static let shortListLength = 5

    /// The report of `inputs`: the summary, the trust map, the tables of the
    /// analysis, the policy's findings, the renewals and the timeline when given,
    /// then one section per scenario.
    /// - Parameter detailed: suppliers (indices) whose details, explanation included, the page
    ///   carries — those on the map; the summary's short lists are added. Explanations are
    ///   bounded this way because the text of 100,000 of them would not fit a page.
    /// - Complexity: O(n log n) for the orderings, plus one explanation per detailed supplier.
    public init(_ inputs: ReportInputs, detailed: [Int]) {
        let builder = ReportBuilder(inputs)
        var detailedSet = Set(detailed)
        var order = detailed
        for i in builder.weakest.prefix(ReportDocument.shortListLength) + builder.byImpact.prefix(ReportDocument.shortListLength)
            where detailedSet.insert(i).inserted {
            order.append(i)
        }
        var sections = [builder.summarySection(), builder.mapSection(), builder.suppliersSection(), builder.impactSection(),
                        builder.concentrationSection(), builder.singlePointsSection()]
        sections += [builder.policySection(), builder.renewalsSection(), builder.timelineSection()].compactMap { $0 }
        sections += builder.scenarioSections()
        self.init(title: inputs.title, sections: sections, details: order.map(builder.details),
                  footer: ReportFooter(date: inputs.parameters.date, dataset: inputs.datasetName, toolVersion: inputs.toolVersion),
                  threshold: inputs.threshold)
    }
}

/// Builds the standard sections of a report from its inputs.
struct ReportBuilder {
    let inputs: ReportInputs
    /// Suppliers by trust, weakest first (ties: input order).
    let weakest: [Int]
    /// Suppliers by impact, largest first.
    let byImpact: [Int]

    init(_ inputs: ReportInputs) {
        self.inputs = inputs
        let trust = inputs.solution.trust
        weakest = (0..<trust.count).sorted { (trust[$0], $0) < (trust[$1], $1) }
        byImpact = inputs.analysis.byImpact
    }

    var suppliers: SupplierTable { inputs.model.dataset.suppliers }
    var solution: TrustSolution { inputs.solution }
    var threshold: Double { inputs.threshold }
    var thresholdText: String { TextTable.fixed(threshold, 2) }

    static let trustHelp = "Effective trust t in [0,1]: base trust once distrust has flowed up the dependencies."
    static let baseHelp = "Base trust b: the prior raised by the certifications that count at the report's date."

    // MARK: - Summary

    func summarySection() -> ReportSection {
        let n = solution.trust.count
        let mean = n == 0 ? 0 : solution.trust.reduce(0, +) / Double(n)
        let below = solution.trust.filter { $0 < threshold }.count
        let limited = (0..<n).filter { solution.trust[$0] < solution.base[$0] - 1e-12 }.count
        let report = solution.report
        var figures = [
            ReportFigure(label: "Suppliers", value: Self.grouped(n), note: "in \(inputs.datasetName)"),
            ReportFigure(label: "Mean trust", value: TextTable.fixed(mean, 2), note: "0 = no trust, 1 = full",
                         tone: mean < threshold ? .warning : .good),
            ReportFigure(label: "Below \(thresholdText)", value: Self.grouped(below),
                         note: n == 0 ? "" : "\(TextTable.fixed(Double(below) * 100 / Double(n), 1))% of suppliers",
                         tone: below > 0 ? .warning : .good),
            ReportFigure(label: "Limited by dependencies", value: Self.grouped(limited), note: "trust pulled below own base trust"),
        ]
        if let policy = inputs.policy {
            figures.append(ReportBuilder.verdictFigure(policy))
        }
        if !report.converged {
            figures.append(ReportFigure(label: "Not converged", value: "!", note: "after \(plural(report.sweeps, "sweep")): figures are uncertain",
                                        tone: .warning))
        }
        let weakestItems = weakest.prefix(ReportDocument.shortListLength).map {
            ReportRanking.Item(supplier: suppliers.id($0), name: suppliers.name($0), value: TextTable.fixed(solution.trust[$0], 2))
        }
        let impactItems = byImpact.prefix(ReportDocument.shortListLength).map {
            ReportRanking.Item(supplier: suppliers.id($0), name: suppliers.name($0), value: TextTable.fixed(inputs.analysis.impacts.impact[$0], 2))
        }
        return ReportSection(
            id: "summary", title: "Summary",
            answers: "How much can we trust our suppliers, and where should we look first?",
            blocks: [
                .figures(figures),
                .ranking(ReportRanking(title: "The \(weakestItems.count) weakest", measure: "trust", items: weakestItems)),
                .ranking(ReportRanking(title: "The \(impactItems.count) with most impact", measure: "impact", items: impactItems)),
            ])
    }

    // MARK: - Map

    func mapSection() -> ReportSection {
        ReportSection(
            id: "map", title: "Trust map",
            answers: "Who depends on whom, and where does distrust come from? Click a supplier for its certificates and the chain that limits it.",
            blocks: [.map(ReportMapSlot(kind: .baseline, name: "trust-map"))])
    }

    // MARK: - Tables

    func suppliersSection() -> ReportSection {
        let rows = weakest.map { i -> [ReportCell] in
            [.number(solution.trust[i]), .number(solution.base[i]), .text(suppliers.id(i)), .text(suppliers.name(i)),
             .text(suppliers.sectors[i]), .text(suppliers.countries[i]),
             .text(inputs.model.limitingProvider(of: i, solution: solution).map { suppliers.id($0) } ?? "")]
        }
        let table = ReportTable(
            id: "suppliers",
            columns: [
                ReportColumn("trust", "Trust", .fixed(4), help: Self.trustHelp),
                ReportColumn("base_trust", "Base", .fixed(4), help: Self.baseHelp),
                ReportColumn("id", "Id"), ReportColumn("name", "Name"), ReportColumn("sector", "Sector"),
                ReportColumn("country", "Country"),
                ReportColumn("limited_by", "Limited by", help: "The provider whose distrust sets this supplier's trust (empty: its own base trust does)."),
            ],
            rows: rows, supplierColumn: 2, filterColumns: [2, 3], sortColumn: 0, sortDescending: false, emptyText: "no suppliers")
        return ReportSection(
            id: "suppliers", title: "Weakest suppliers",
            answers: "Which suppliers deserve the least trust, and what pulls them down? Every supplier is here, weakest first.",
            blocks: [.table(table)])
    }

    func impactSection() -> ReportSection {
        let impacts = inputs.analysis.impacts
        let rank = inputs.analysis.pageRank.rank
        let rows = byImpact.map { i -> [ReportCell] in
            [.number(impacts.impact[i]), .number(Double(impacts.affected[i])), .number(Double(impacts.dependents[i])),
             .number(rank[i]), .number(solution.trust[i]), .text(suppliers.id(i)), .text(suppliers.name(i))]
        }
        let table = ReportTable(
            id: "impact",
            columns: [
                ReportColumn("impact", "Impact", .fixed(4), help: "Trust the portfolio loses in total if this supplier is compromised."),
                ReportColumn("affected", "Affected", .integer, help: "Suppliers that lose trust then."),
                ReportColumn("dependents", "Dependents", .integer, help: "Suppliers that reach this one through dependencies."),
                ReportColumn("pagerank", "PageRank", .significant(3), help: "How central the supplier is in the dependency graph."),
                ReportColumn("trust", "Trust", .fixed(4), help: Self.trustHelp),
                ReportColumn("id", "Id"), ReportColumn("name", "Name"),
            ],
            rows: rows, supplierColumn: 5, filterColumns: [5, 6], sortColumn: 0, sortDescending: true, emptyText: "no suppliers")
        return ReportSection(
            id: "impact", title: "Impact ranking",
            answers: "Whom can we not afford to lose? Impact is the trust the whole portfolio loses if the supplier is compromised.",
            blocks: [.table(table)])
    }

    func concentrationSection() -> ReportSection {
        let c = inputs.analysis.concentration
        var rows: [[ReportCell]] = []
        for (dimension, shares, hhi) in [("provider", c.providers, c.providerHHI), ("country", c.countries, c.countryHHI),
                                         ("sector", c.sectors, c.sectorHHI)] {
            for share in shares {
                rows.append([.text(dimension), .text(share.name), .number(Double(share.rows)), .number(share.share), .number(hhi)])
            }
        }
        let table = ReportTable(
            id: "concentration",
            columns: [
                ReportColumn("dimension", "By"), ReportColumn("name", "Name"),
                ReportColumn("rows", "Rows", .integer, help: "Critical and high dependency rows landing here."),
                ReportColumn("share", "Share", .percent(1), help: "Its share of all critical and high dependency rows."),
                ReportColumn("dimension_hhi", "HHI of the dimension", .fixed(3),
                             help: "Herfindahl–Hirschman index of the dimension: 1 = everything on one."),
            ],
            rows: rows, filterColumns: [0, 1], sortColumn: 3, sortDescending: true, emptyText: "no critical or high dependencies")
        return ReportSection(
            id: "concentration", title: "Concentration",
            answers: "Do our critical dependencies pile up on one provider, one country or one sector? "
                + "\(plural(c.rows, "critical or high dependency row")); provider HHI \(TextTable.fixed(c.providerHHI, 3)), "
                + "country HHI \(TextTable.fixed(c.countryHHI, 3)), sector HHI \(TextTable.fixed(c.sectorHHI, 3)).",
            blocks: [.table(table)])
    }

    func singlePointsSection() -> ReportSection {
        var rows: [[ReportCell]] = []
        for spof in inputs.analysis.singlePoints {
            for consumer in spof.consumers {
                // The provider's name is one click away (its details): 100,000 suppliers have over 100,000 such rows.
                rows.append([.text(suppliers.id(spof.provider)), .number(solution.trust[spof.provider]),
                             .text(suppliers.id(consumer.consumer)), .text(consumer.group), .text(Criticality.label(consumer.weight))])
            }
        }
        let table = ReportTable(
            id: "single-points",
            columns: [
                ReportColumn("provider", "Provider"),
                ReportColumn("provider_trust", "Provider trust", .fixed(4), help: Self.trustHelp),
                ReportColumn("consumer", "Consumer"), ReportColumn("group", "Group"), ReportColumn("criticality", "Criticality"),
            ],
            rows: rows, supplierColumn: 0, filterColumns: [0, 2, 3], sortColumn: 1, sortDescending: false,
            emptyText: "no single point of failure")
        return ReportSection(
            id: "single-points", title: "Single points of failure",
            answers: "Which critical or high dependencies have no alternative? "
                + "\(plural(inputs.analysis.singlePoints.count, "provider")) \(inputs.analysis.singlePoints.count == 1 ? "is" : "are") "
                + "the only member of such a group for \(plural(rows.count, "consumer row")).",
            blocks: [.table(table)])
    }

    // MARK: - Details

    func details(_ i: Int) -> ReportSupplierDetails {
        let explanation = inputs.model.explain(i, solution: solution, parameters: inputs.parameters)
        return ReportSupplierDetails(
            id: suppliers.id(i), name: suppliers.name(i), trust: solution.trust[i], base: solution.base[i],
            certificates: explanation.certifications.map { .init(scheme: $0.scheme, value: $0.value, reason: $0.reason) },
            explanation: explanation.text)
    }

    /// 12,345 (thousands grouped for people).
    static func grouped(_ value: Int) -> String { TextTable.grouped(value) }
}
