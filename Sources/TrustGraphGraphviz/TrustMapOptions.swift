import TrustGraphCore

/// Which way a focused view follows dependencies from its focus.
public enum FocusDirection: String, Sendable, CaseIterable {
    /// What the focus depends on, and what those depend on (consumer → provider).
    case providers
    /// Who depends on the focus, and who depends on them (provider → consumer).
    case consumers
    /// Both cones: providers and consumers (not siblings reached by going up then down).
    case both
}

/// How nodes are grouped into boxes.
public enum TrustMapClustering: String, Sendable, CaseIterable {
    /// One box per country code.
    case country
    /// One box per sector.
    case sector
}

/// What a trust map shows and how.
///
/// A what-if view reuses the same map: pass the scenario's model and
/// solution, `delta` (scenario trust − baseline trust, per supplier) to colour
/// by change instead of by trust, and `marked` (the suppliers the scenario's
/// steps act on) to draw them with a heavy outline.
public struct TrustMapOptions: Sendable {
    /// Suppliers (indices into the model) to centre the view on; empty shows the whole dataset.
    public var focus: [Int]
    /// How many dependency hops from the focus to follow.
    public var depth: Int
    /// Which way to follow them.
    public var direction: FocusDirection
    /// At most this many suppliers are drawn; the rest are left out and counted in the graph label.
    public var maxNodes: Int
    /// Boxes around suppliers of one country or sector; nil draws none.
    public var cluster: TrustMapClustering?
    /// The layout engine the map is tuned for; nil picks one by size (see `TrustMap.defaultEngine`).
    public var engine: String?
    /// The first line of the graph label; nil gives "Trust map".
    public var title: String?
    /// What-if hook: per-supplier change in trust (indexed like the model, NaN for none, e.g.
    /// a supplier the scenario added, labelled "new"), coloured on a diverging loss/gain
    /// scale instead of trust and printed after the score.
    public var delta: [Double]?
    /// What-if hook: suppliers to highlight with a heavy outline (e.g. the targets of a scenario's steps).
    public var marked: Set<Int>
    /// What the heavy outline means, for the legend.
    public var markedMeaning: String
    /// Suppliers whose trust the solution fixed at 0 (a scenario's `compromise`), so tooltips explain them as such.
    public var compromised: Set<Int>

    /// Default options: the whole dataset, at most 300 suppliers, no clusters.
    public init(focus: [Int] = [], depth: Int = 2, direction: FocusDirection = .both, maxNodes: Int = 300,
                cluster: TrustMapClustering? = nil, engine: String? = nil, title: String? = nil,
                delta: [Double]? = nil, marked: Set<Int> = [], markedMeaning: String = "target of the scenario",
                compromised: Set<Int> = []) {
        self.focus = focus
        self.depth = depth
        self.direction = direction
        self.maxNodes = maxNodes
        self.cluster = cluster
        self.engine = engine
        self.title = title
        self.delta = delta
        self.marked = marked
        self.markedMeaning = markedMeaning
        self.compromised = compromised
    }
}

extension TrustMapOptions {
    /// The ids of `--focus` values: a value is one id when a supplier has exactly that
    /// id (ids may contain commas), otherwise a comma-separated list of ids.
    public static func focusIDs(_ values: [String], in suppliers: SupplierTable) -> [String] {
        values.flatMap { value -> [String] in
            if suppliers.find(value) != nil { return [value] }
            return value.split(separator: ",", omittingEmptySubsequences: true).map(String.init)
        }
    }

    /// The indices of suppliers given by id, in order, without repeats.
    /// - Throws: `UnknownSupplierError` for the first id that names no supplier.
    public static func suppliers(_ ids: [String], in table: SupplierTable) throws(UnknownSupplierError) -> [Int] {
        var result: [Int] = []
        var seen = Set<Int>()
        for id in ids {
            let i = try table.index(of: id)
            if seen.insert(i).inserted { result.append(i) }
        }
        return result
    }
}

extension TrustMapOptions {
    /// The view of a what-if scenario (`whatif --render`, the report's scenario maps):
    /// the suppliers its steps name and those whose trust moved, with their direct
    /// neighbours, filled by the change in trust and the steps' targets outlined.
    /// - Parameter maxNodes: at most this many suppliers; when more moved, the targets and
    ///   the largest drops come first.
    public init(scenario outcome: ScenarioOutcome, maxNodes: Int = 300) {
        let suppliers = outcome.model.dataset.suppliers
        var delta = [Double](repeating: .nan, count: suppliers.count)
        // An added supplier has no baseline: NaN, drawn as new.
        for i in outcome.present { delta[i] = outcome.delta(i) ?? .nan }
        let targets = Set(outcome.scenario.steps.flatMap(\.suppliers).compactMap { suppliers.find($0) })
            .subtracting(outcome.exited)
        var focus = targets.sorted()
        focus += outcome.changed.filter { !targets.contains($0) }
        // A focus is always drawn whole: a scenario that moves 40,000 suppliers of a large dataset
        // shows its targets and the hardest hit, at most `maxNodes`, not a graph no layout can finish.
        focus = Array(focus.prefix(maxNodes))
        self.init(focus: focus, depth: 1, direction: .both, maxNodes: maxNodes, title: "What if: \(outcome.scenario.name)",
                  delta: delta, marked: Set(targets.sorted().prefix(maxNodes)), markedMeaning: "named by a step of the scenario",
                  compromised: outcome.compromised)
    }
}
