import TrustGraphCore

/// Which suppliers a trust map draws, and what it left out.
///
/// Pure model logic (no Graphviz), so views can be tested and reused:
/// - without a focus, every supplier when they fit in `maxNodes`; otherwise an
///   overview grown from the most depended-on supplier, alternating between
///   the suppliers with the most direct consumers and the weakest links
///   (distrust × direct consumers; the largest loss when a `delta` is given),
///   each of the latter followed by the chain of providers that limits it, and
///   preferring suppliers next to those already kept so the view stays
///   connected;
/// - with a focus, the suppliers within `depth` hops in `direction`, nearest
///   first (lowest trust first within one distance) when they do not fit.
///
/// Focus and marked suppliers are always kept, even beyond `maxNodes`.
public struct TrustMapSelection: Sendable, Equatable {
    /// How the suppliers were chosen.
    public enum Rule: Sendable, Equatable {
        /// The whole dataset fits.
        case everything
        /// The overview of a dataset larger than `maxNodes`.
        case overview
        /// A focus with its neighbourhood.
        case neighbourhood(depth: Int, direction: FocusDirection)
    }

    /// The kept suppliers, by ascending index.
    public var suppliers: [Int]
    /// How they were chosen.
    public var rule: Rule
    /// Suppliers in the model.
    public var total: Int
    /// Suppliers the rule reached before the `maxNodes` cap (the dataset, or the focus neighbourhood).
    public var reached: Int
    /// With a focus: every supplier up to this many hops away is kept (nil without a focus).
    public var completeDepth: Int?

    /// Reached suppliers that the cap left out.
    public var leftOut: Int { reached - suppliers.count }

    /// Chooses the suppliers of a view.
    /// - Complexity: O(n log n + rows) for an overview or a large neighbourhood.
    public init(model: TrustModel, solution: TrustSolution, options: TrustMapOptions) {
        let n = model.supplierCount
        let graph = model.graph
        let cap = max(0, options.maxNodes)
        var pinned: [Int] = []
        var isPinned = [Bool](repeating: false, count: n)
        for i in options.focus + options.marked.sorted() where i >= 0 && i < n && !isPinned[i] {
            isPinned[i] = true
            pinned.append(i)
        }
        let consumerCount = (0..<n).map { graph.consumerCount(of: $0) }
        let lowKey: [Double]
        if let delta = options.delta, delta.count == n {
            lowKey = delta.map { $0.isNaN ? Double.infinity : $0 }
        } else {
            lowKey = solution.trust
        }
        total = n

        if options.focus.isEmpty {
            rule = n <= cap ? .everything : .overview
            reached = n
            completeDepth = nil
            if n <= cap {
                suppliers = Array(0..<n)
                return
            }
            suppliers = TrustMapSelection.overview(model: model, solution: solution, cap: cap, pinned: pinned,
                                                   consumerCount: consumerCount, lowKey: lowKey, byLoss: options.delta?.count == n)
            return
        }

        let depth = max(0, options.depth)
        rule = .neighbourhood(depth: depth, direction: options.direction)
        let distance = TrustMapSelection.distances(graph, from: options.focus.filter { $0 >= 0 && $0 < n },
                                                   depth: depth, direction: options.direction)
        var candidates = (0..<n).filter { distance[$0] >= 0 && !isPinned[$0] }
        reached = candidates.count + pinned.count
        if reached <= max(cap, pinned.count) {
            suppliers = (pinned + candidates).sorted()
            completeDepth = depth
            return
        }
        candidates.sort {
            (distance[$0], lowKey[$0], -consumerCount[$0], $0) < (distance[$1], lowKey[$1], -consumerCount[$1], $1)
        }
        let room = max(0, cap - pinned.count)
        let kept = candidates.prefix(room)
        let firstLeftOut = candidates[room]
        completeDepth = Int(distance[firstLeftOut]) - 1
        suppliers = (pinned + kept).sorted()
    }

    /// Hop distances from `focus` (−1 beyond `depth`), following providers, consumers, or each cone separately.
    /// - Complexity: O(suppliers and rows reached).
    public static func distances(_ graph: SupplyGraph, from focus: [Int], depth: Int, direction: FocusDirection) -> [Int32] {
        switch direction {
        case .providers: return breadthFirst(graph, from: focus, depth: depth, upstream: true)
        case .consumers: return breadthFirst(graph, from: focus, depth: depth, upstream: false)
        case .both:
            var up = breadthFirst(graph, from: focus, depth: depth, upstream: true)
            let down = breadthFirst(graph, from: focus, depth: depth, upstream: false)
            for i in up.indices where down[i] >= 0 && (up[i] < 0 || down[i] < up[i]) { up[i] = down[i] }
            return up
        }
    }

    private static func breadthFirst(_ graph: SupplyGraph, from focus: [Int], depth: Int, upstream: Bool) -> [Int32] {
        var distance = [Int32](repeating: -1, count: graph.supplierCount)
        var frontier: [Int] = []
        for i in focus where distance[i] < 0 {
            distance[i] = 0
            frontier.append(i)
        }
        var level: Int32 = 0
        while !frontier.isEmpty && Int(level) < depth {
            level += 1
            var next: [Int] = []
            for i in frontier {
                let neighbours = upstream ? graph.providers(of: i) : graph.consumers(of: i)
                for j in neighbours where distance[Int(j)] < 0 {
                    distance[Int(j)] = level
                    next.append(Int(j))
                }
            }
            frontier = next
        }
        return distance
    }

    /// The overview of a large dataset (see the type's summary).
    ///
    /// The view grows as one connected piece where it can: after the first
    /// pick, each pick is the best-ranked supplier next to one already kept
    /// (a provider or consumer of it), since a supplier none of whose
    /// dependencies are drawn would float alone and explain nothing. Only
    /// when no ranked supplier touches the view does a new piece start.
    static func overview(model: TrustModel, solution: TrustSolution, cap: Int, pinned: [Int],
                         consumerCount: [Int], lowKey: [Double], byLoss: Bool) -> [Int] {
        let n = model.supplierCount
        let graph = model.graph
        var kept = [Bool](repeating: false, count: n)
        var touching = [Bool](repeating: false, count: n)
        var result: [Int] = []
        let budget = max(cap, pinned.count)
        func keep(_ i: Int) {
            kept[i] = true
            result.append(i)
            for j in graph.providers(of: i) { touching[Int(j)] = true }
            for j in graph.consumers(of: i) { touching[Int(j)] = true }
        }
        for i in pinned { keep(i) }

        let mostConsumers = (0..<n).sorted {
            (-consumerCount[$0], solution.trust[$0], $0) < (-consumerCount[$1], solution.trust[$1], $1)
        }
        // By trust: the weak links others rely on, distrust (1 − t) times direct consumers, so a
        // low score counts by how far it can pass up. By loss: largest loss first, wherever it sits.
        let weakest: [Int]
        if byLoss {
            weakest = (0..<n).sorted {
                (lowKey[$0], -consumerCount[$0], $0) < (lowKey[$1], -consumerCount[$1], $1)
            }
        } else {
            let exposure = (0..<n).map { (1 - solution.trust[$0]) * Double(consumerCount[$0]) }
            weakest = (0..<n).sorted {
                (-exposure[$0], solution.trust[$0], $0) < (-exposure[$1], solution.trust[$1], $1)
            }
        }

        /// The best-ranked supplier not yet kept that touches the view (or, failing that, the
        /// best-ranked one); `skip` advances past the kept prefix so repeated scans stay short.
        func next(in ranking: [Int], skip: inout Int) -> Int? {
            while skip < ranking.count && kept[ranking[skip]] { skip += 1 }
            guard skip < ranking.count else { return nil }
            if result.isEmpty { return ranking[skip] }
            var k = skip
            while k < ranking.count {
                let i = ranking[k]
                if !kept[i] && touching[i] { return i }
                k += 1
            }
            return ranking[skip]
        }

        var a = 0, b = 0
        while result.count < budget {
            var progressed = false
            if let i = next(in: mostConsumers, skip: &a) {
                keep(i)
                progressed = true
            }
            if result.count < budget, var current = next(in: weakest, skip: &b) {
                // The supplier, then what limits it, hop by hop, while there is room.
                while result.count < budget && !kept[current] {
                    keep(current)
                    guard let limit = model.limitingProvider(of: current, solution: solution) else { break }
                    current = limit
                }
                progressed = true
            }
            if !progressed { break }
        }
        return result.sorted()
    }
}
