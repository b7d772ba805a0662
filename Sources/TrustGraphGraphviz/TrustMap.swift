import TrustGraphCore

/// A trust map: the suppliers of a solved model drawn as a DOT graph an
/// analyst can read at a glance.
///
/// - Fill: effective trust t on a colour-blind-safe diverging scale (warm
///   below 0.5, cool above), or the change in trust when `delta` is given.
/// - Label: name and t; `▼ t (b …)` when dependencies pull t below base trust b.
/// - Shape: the supplier's sector family (see `SectorFamily`).
/// - Outline: dashed when no certification counts at the evaluation date,
///   double for focus suppliers, heavy for marked ones.
/// - Edges: consumer → provider, width by criticality, dark for the
///   dependency that limits the consumer; alternatives of one group go
///   through a small "or" junction.
/// - Tooltips: certifications with status and expiry, and the limiting chain.
/// - A legend drawn in the graph; a graph label saying what was left out.
public struct TrustMap: Sendable {
    /// The suppliers drawn and what was left out.
    public let selection: TrustMapSelection
    /// The layout engine the graph is tuned for (and names in its `layout` attribute).
    public let engine: String
    /// The graph.
    public let graph: DOTGraph
    /// What the view leaves out, in sentences for a terminal (empty when nothing is).
    public let notes: [String]

    /// The DOT text.
    public var dot: String { graph.text }

    /// Above this many suppliers the default engine is `sfdp`: `dot`'s layered layout
    /// grows much faster than linearly (2,000 suppliers take about a minute) and becomes unreadable.
    public static let largestDotView = 150
    /// Above this many drawn dependencies the default engine is `sfdp` too: `dot`'s
    /// crossing minimisation grows with the edges, and 100 suppliers with 1,400
    /// critical rows in groups took over 150 s.
    public static let largestDotEdges = 300

    /// The engine for a view of `suppliers` suppliers and `edges` drawn
    /// consumer–provider links: `dot` up to `largestDotView` suppliers and
    /// `largestDotEdges` links, `sfdp` beyond either.
    public static func defaultEngine(suppliers: Int, edges: Int = 0) -> String {
        suppliers <= largestDotView && edges <= largestDotEdges ? "dot" : "sfdp"
    }

    /// Consumer–provider links between the suppliers of `selection` (an upper
    /// bound of the edges drawn: a provider in two groups of one consumer counts twice).
    static func links(in selection: TrustMapSelection, graph: SupplyGraph) -> Int {
        guard selection.suppliers.count <= largestDotView else { return 0 }
        let chosen = Set(selection.suppliers)
        var count = 0
        for i in selection.suppliers {
            for g in graph.groups(of: i) {
                for j in graph.providers(ofGroup: g) where chosen.contains(Int(j)) { count += 1 }
            }
        }
        return count
    }

    /// Builds the map of `solution` (solved from `model` with `parameters`).
    /// - Complexity: O(n log n + rows) to choose the suppliers, then O(size of the view).
    public init(model: TrustModel, solution: TrustSolution, parameters: TrustParameters,
                options: TrustMapOptions = TrustMapOptions()) {
        let selection = TrustMapSelection(model: model, solution: solution, options: options)
        let engine = options.engine ?? TrustMap.defaultEngine(suppliers: selection.suppliers.count,
                                                              edges: TrustMap.links(in: selection, graph: model.graph))
        var builder = TrustMapBuilder(model: model, solution: solution, parameters: parameters,
                                      options: options, selection: selection, engine: engine)
        self.selection = selection
        self.engine = engine
        self.graph = builder.build()
        self.notes = builder.notes
    }
}

/// Assembles the DOT graph of a `TrustMap`.
struct TrustMapBuilder {
    let model: TrustModel
    let solution: TrustSolution
    let parameters: TrustParameters
    let options: TrustMapOptions
    let selection: TrustMapSelection
    let engine: String
    let delta: [Double]?
    var kept: [Bool]
    var explanations: [Int: Explanation] = [:]
    var notes: [String] = []
    /// What the drawing uses, so the legend explains only that.
    var used = LegendContent()

    init(model: TrustModel, solution: TrustSolution, parameters: TrustParameters, options: TrustMapOptions,
         selection: TrustMapSelection, engine: String) {
        self.model = model
        self.solution = solution
        self.parameters = parameters
        self.options = options
        self.selection = selection
        self.engine = engine
        let n = model.supplierCount
        delta = options.delta.flatMap { $0.count == n ? $0 : nil }
        kept = [Bool](repeating: false, count: n)
        for i in selection.suppliers { kept[i] = true }
    }

    var suppliers: SupplierTable { model.dataset.suppliers }

    mutating func build() -> DOTGraph {
        for i in selection.suppliers {
            explanations[i] = model.explain(i, solution: solution, parameters: parameters, compromised: options.compromised)
        }
        var graph = DOTGraph(name: "trust-map")
        graph.nodeDefaults = [
            "fontname": .text(TrustMapStyle.fontName), "fontsize": "11", "style": "filled",
            "penwidth": "1.2", "margin": "0.12,0.06",
        ]
        graph.edgeDefaults = [
            "fontname": .text(TrustMapStyle.fontName), "fontsize": "9", "color": .text(TrustMapStyle.edgeColor),
            "arrowsize": "0.7",
        ]

        // Suppliers (in clusters when asked), then junctions and edges, then the legend:
        // dot places what comes first first, so the legend ends up on the side.
        var topLevel: [DOTStatement] = []
        var clusters: [String: DOTSubgraph] = [:]
        for i in selection.suppliers {
            let statement = DOTStatement.node(id: TrustMapIdentifiers.node(supplier: suppliers.id(i)), attributes: nodeAttributes(i))
            if let key = clusterKey(i) {
                clusters[key, default: cluster(key)].statements.append(statement)
            } else {
                topLevel.append(statement)
            }
        }
        var edges: [DOTStatement] = []
        for i in selection.suppliers {
            for placed in dependencyStatements(of: i) {
                switch placed.statement {
                case .node:
                    if let key = placed.cluster { clusters[key]?.statements.append(placed.statement) } else { topLevel.append(placed.statement) }
                default:
                    edges.append(placed.statement)
                }
            }
        }
        graph.statements = topLevel
        for key in clusters.keys.sorted(by: TrustMapBuilder.byteOrder) { graph.statements.append(.subgraph(clusters[key]!)) }
        graph.statements += edges
        graph.statements += sectorKey()
        // Last: the label's legend explains only what the drawing turned out to use.
        graph.attributes = graphAttributes()
        return graph
    }

    // MARK: - Graph

    mutating func graphAttributes() -> DOTAttributes {
        var attributes: DOTAttributes = [
            "layout": .text(engine), "fontname": .text(TrustMapStyle.fontName), "fontsize": "13",
            "labelloc": "t", "labeljust": "l", "bgcolor": "white", "pad": "0.3",
        ]
        attributes["label"] = .html(HTMLLabel.element("TABLE", [("BORDER", "0"), ("CELLSPACING", "0"), ("CELLPADDING", "0")], [
            HTMLLabel.element("TR", [], [
                HTMLLabel.element("TD", [("ALIGN", "LEFT"), ("VALIGN", "TOP"), ("BALIGN", "LEFT")], titleLabel(headline())),
            ]),
            HTMLLabel.element("TR", [], [HTMLLabel.element("TD", [("ALIGN", "LEFT"), ("HEIGHT", "8")], [])]),
            HTMLLabel.element("TR", [], [HTMLLabel.element("TD", [("ALIGN", "LEFT")], [legendTable()])]),
        ]))
        switch engine {
        case "dot":
            attributes["rankdir"] = "TB"
            attributes["nodesep"] = "0.12"
            attributes["ranksep"] = "0.5"
            attributes["newrank"] = "true"
        case "sfdp":
            // Spline routing and the default overlap removal are what make sfdp slow on
            // large views; straight edges and prism keep a 300-node view well under a second.
            attributes["overlap"] = "prism"
            attributes["splines"] = "false"
            attributes["outputorder"] = "edgesfirst"
            attributes["sep"] = "+4"
        case "neato", "fdp":
            attributes["overlap"] = "prism"
            attributes["splines"] = "true"
            attributes["outputorder"] = "edgesfirst"
            attributes["sep"] = "+4"
        default:
            attributes["overlap"] = "false"
            attributes["outputorder"] = "edgesfirst"
        }
        return attributes
    }

    /// The graph label: title, what is shown, what was left out.
    mutating func headline() -> [String] {
        let title = options.title ?? "Trust map"
        var lines = ["\(title) — \(parameters.date), global prior \(TextTable.fixed(parameters.prior, 2))"]
        let shown = selection.suppliers.count
        let total = selection.total
        switch selection.rule {
        case .everything:
            lines.append("All \(count(total, "supplier")).")
        case .overview:
            lines.append("Showing \(count(shown, "supplier")) of \(grouped(total)), grown from the most depended-on: alternately "
                         + "those with the most direct consumers and \(delta == nil ? "the weakest links (distrust × consumers)" : "those with the largest loss"), "
                         + "each with the providers that limit it.")
            let note = "\(grouped(selection.leftOut)) of \(grouped(total)) suppliers left out (raise --max-nodes or use --focus)."
            lines.append(note)
            notes.append("note: showing \(shown) of \(total) suppliers; \(selection.leftOut) left out (raise --max-nodes or use --focus)")
        case .neighbourhood(let depth, let direction):
            let focusNames = options.focus.prefix(3).map { suppliers.id($0) }.joined(separator: ", ")
                + (options.focus.count > 3 ? " and \(options.focus.count - 3) more" : "")
            let cone: String
            switch direction {
            case .providers: cone = "providers"
            case .consumers: cone = "consumers"
            case .both: cone = "providers and consumers"
            }
            lines.append("Focus on \(focusNames): \(cone) within \(count(depth, "hop")) — \(count(selection.reached, "supplier")) of \(grouped(total)).")
            if selection.leftOut > 0 {
                let complete = selection.completeDepth ?? 0
                lines.append("\(grouped(selection.leftOut)) of them left out: showing the \(grouped(shown)) nearest "
                             + "(all within \(count(complete, "hop")), then \(delta == nil ? "lowest trust" : "largest loss") first).")
                notes.append("note: the focus reaches \(selection.reached) suppliers; showing the \(shown) nearest, \(selection.leftOut) left out (raise --max-nodes or lower --depth)")
            }
        }
        if selection.suppliers.count < total {
            lines.append("Only dependencies between suppliers shown are drawn; tooltips count the others.")
        }
        return lines
    }

    /// The title block: the first line large and bold, the others as left-aligned notes.
    func titleLabel(_ lines: [String]) -> [HTMLLabel] {
        var content: [HTMLLabel] = []
        for (k, line) in lines.enumerated() {
            if k == 0 {
                content.append(HTMLLabel.element("B", [], [HTMLLabel.element("FONT", [("POINT-SIZE", "18")], [HTMLLabel.text(line)])]))
            } else {
                content.append(HTMLLabel.element("FONT", [("POINT-SIZE", "11"), ("COLOR", "#424242")], [HTMLLabel.text(line)]))
            }
            content.append(HTMLLabel.element("BR", [("ALIGN", "LEFT")]))
        }
        return content
    }

    func count(_ value: Int, _ noun: String) -> String { "\(grouped(value)) \(noun)\(value == 1 ? "" : "s")" }

    /// 12,345 (thousands grouped for people).
    func grouped(_ value: Int) -> String { TextTable.grouped(value) }

    // MARK: - Clusters

    func clusterKey(_ i: Int) -> String? {
        switch options.cluster {
        case nil: return nil
        case .country?: return suppliers.countries.isEmpty(at: i) ? nil : suppliers.countries[i]
        case .sector?: return suppliers.sectors.isEmpty(at: i) ? nil : suppliers.sectors[i]
        }
    }

    func cluster(_ key: String) -> DOTSubgraph {
        let kind = options.cluster ?? .country
        let members = selection.suppliers.filter { clusterKey($0) == key }.count
        return DOTSubgraph(name: "cluster_" + TrustMapIdentifiers.encode(key), attributes: [
            "id": .text(TrustMapIdentifiers.cluster(kind, key: key)),
            "label": .text("\(key) · \(members)"), "tooltip": .text("\(kind.rawValue) \(key): \(count(members, "supplier")) shown"),
            "style": "rounded", "color": "#9e9e9e", "fontcolor": "#424242", "fontsize": "12", "labeljust": "l",
        ])
    }

    static func byteOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    // MARK: - Nodes

    mutating func nodeAttributes(_ i: Int) -> DOTAttributes {
        let explanation = explanations[i]!
        let t = solution.trust[i]
        let b = solution.base[i]
        let limited = t < b - 1e-12
        let certified = explanation.certifications.contains { $0.value > 0 }
        let family = SectorFamily(sector: suppliers.sectors[i])
        used.sectors[family, default: []].formUnion(suppliers.sectors.isEmpty(at: i) ? [] : [suppliers.sectors[i]])

        var score = (limited ? "▼ " : "") + TextTable.fixed(t, 2)
        let fill: String
        if let delta {
            // NaN: no baseline to compare with (a supplier the scenario added).
            let change = delta[i].isNaN ? 0 : delta[i]
            fill = TrustMapStyle.deltaColor(change)
            score += delta[i].isNaN ? " (new)" : " (Δ " + signed(change) + ")"
        } else {
            fill = TrustMapStyle.trustColor(t)
            if limited { score += " (b " + TextTable.fixed(b, 2) + ")" }
        }
        if limited { used.limited = true }

        var attributes: DOTAttributes = [
            "id": .text(TrustMapIdentifiers.node(supplier: suppliers.id(i))),
            "label": .text((wrap(suppliers.name(i)) + [score]).joined(separator: "\n")),
            "shape": .text(family.shape),
            "fillcolor": .text(fill),
        ]
        if TrustMapStyle.needsLightText(fill) { attributes["fontcolor"] = "white" }
        if !certified {
            attributes["style"] = "filled,dashed"
            attributes["penwidth"] = "1.6"
            used.uncertified = true
        }
        if options.focus.contains(i) {
            attributes["peripheries"] = "2"
            used.focus = true
        }
        if options.marked.contains(i) {
            attributes["penwidth"] = "4"
            used.marked = true
        }
        attributes["tooltip"] = .text(tooltip(i, explanation))
        return attributes
    }

    /// A change in trust with its sign and three decimals (`−0.180`, `+0.050`).
    func signed(_ value: Double) -> String {
        let text = TextTable.fixed(abs(value), 3)
        if text == "0.000" { return "0.000" }
        return (value < 0 ? "−" : "+") + text
    }

    /// A name on at most three lines of about 18 characters, shortened with "…" beyond:
    /// narrow nodes keep a layered layout from growing far wider than a slide.
    func wrap(_ name: String, width: Int = 18) -> [String] {
        if name.count <= width { return [name] }
        var lines: [String] = []
        var current = ""
        for word in name.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > 3 {
            lines = [lines[0], lines[1], lines[2...].joined(separator: " ")]
        }
        return lines.map { $0.count > width + 4 ? String($0.prefix(width + 3)) + "…" : $0 }
    }

    // MARK: - Edges

    /// A statement, and the cluster it belongs in (junction nodes whose ends all share one).
    struct Placed {
        var statement: DOTStatement
        var cluster: String?
    }

    mutating func dependencyStatements(of i: Int) -> [Placed] {
        let graph = model.graph
        let explanation = explanations[i]!
        let consumerID = suppliers.id(i)
        let consumerNode = TrustMapIdentifiers.node(supplier: consumerID)
        var result: [Placed] = []
        for (k, g) in graph.groups(of: i).enumerated() {
            let providers = graph.providers(ofGroup: g).map(Int.init)
            let shown = providers.filter { kept[$0] }
            if shown.isEmpty { continue }
            let w = graph.weight(ofGroup: g)
            let label = model.dataset.groupLabelText(graph.label(ofGroup: g))
            let limits = explanation.limitingGroup == k
            let best = explanation.groups[k].best.map { explanation.groups[k].alternatives[$0].supplier }
            let criticality = Criticality.label(w)
            let penWidth = DOT.number(TrustMapStyle.penWidth(w))

            if providers.count == 1 {
                let j = providers[0]
                var attributes: DOTAttributes = [
                    "id": .text(TrustMapIdentifiers.edge(consumer: consumerID, group: label, provider: suppliers.id(j))),
                    "penwidth": .text(penWidth),
                ]
                attributes["tooltip"] = .text("\(suppliers.name(i)) depends on \(suppliers.name(j)) — \(criticality) (w \(TextTable.fixed(w, 2)))"
                                              + (limits ? "; this dependency limits its trust" : ""))
                if limits {
                    attributes["color"] = .text(TrustMapStyle.limitingEdgeColor)
                    used.limitingEdge = true
                }
                result.append(Placed(statement: .edge(from: consumerNode, to: TrustMapIdentifiers.node(supplier: suppliers.id(j)),
                                                      attributes: attributes)))
                used.edges = true
                continue
            }

            used.junction = true
            used.edges = true
            let junction = TrustMapIdentifiers.junction(consumer: consumerID, group: label)
            let hidden = providers.count - shown.count
            let alternatives = providers.map { "\(suppliers.name($0)) (\(TextTable.fixed(solution.trust[$0], 2)))" }
                .joined(separator: ", ")
            let junctionCluster = clusterKey(i).flatMap { key in shown.allSatisfy { clusterKey($0) == key } ? key : nil }
            result.append(Placed(statement: .node(id: junction, attributes: [
                "id": .text(junction), "label": .text(hidden > 0 ? "or\n+\(hidden)" : "or"), "shape": "circle",
                "fontsize": "8", "width": "0.3", "height": "0.3", "margin": "0.02", "fillcolor": "white",
                "color": .text(limits ? TrustMapStyle.limitingEdgeColor : TrustMapStyle.edgeColor),
                "tooltip": .text("\(suppliers.name(i)) needs any one of: \(alternatives) — group '\(label)', \(criticality)"
                                 + (hidden > 0 ? "; \(hidden) not shown" : "")),
            ]), cluster: junctionCluster))
            var stem: DOTAttributes = [
                "id": .text(TrustMapIdentifiers.junctionEdge(consumer: consumerID, group: label)),
                "penwidth": .text(penWidth), "arrowhead": "none",
            ]
            stem["tooltip"] = .text("\(suppliers.name(i)): group '\(label)', \(criticality) (w \(TextTable.fixed(w, 2)))")
            if limits { stem["color"] = .text(TrustMapStyle.limitingEdgeColor) }
            result.append(Placed(statement: .edge(from: consumerNode, to: junction, attributes: stem)))
            for j in shown {
                var attributes: DOTAttributes = [
                    "id": .text(TrustMapIdentifiers.edge(consumer: consumerID, group: label, provider: suppliers.id(j))),
                    "penwidth": .text(penWidth),
                ]
                attributes["tooltip"] = .text("\(suppliers.name(i)) can use \(suppliers.name(j)) (\(TextTable.fixed(solution.trust[j], 2)))"
                                              + (limits && best == j ? "; its best alternative, which limits its trust" : ""))
                if limits && best == j {
                    attributes["color"] = .text(TrustMapStyle.limitingEdgeColor)
                    used.limitingEdge = true
                }
                result.append(Placed(statement: .edge(from: junction, to: TrustMapIdentifiers.node(supplier: suppliers.id(j)),
                                                      attributes: attributes)))
            }
        }
        return result
    }
}
