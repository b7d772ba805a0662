/// PageRank over the consumer→provider graph (contract §5): damping 0.85,
/// edge weight = sum of the criticality weights of the rows of a pair,
/// out-weights normalised, dangling suppliers spreading their rank uniformly,
/// uniform teleport (L. Page, S. Brin et al., "The PageRank citation ranking", 1999).
///
/// The power iteration's fixed point is x = αAᵀx + s·1, where the scalar
/// s = (α·Σ dangling x + 1 − α)/N gathers the teleport and the dangling mass.
/// So x = s·y with y = 1 + αAᵀy, and Σx = 1 gives x = y / Σy. Here y is
/// solved directly: one pass over the strongly connected components in
/// topological order (consumers before their providers), iterating only
/// inside cycles until a sweep changes y by less than 1e-15 relative. The
/// result is the fixed point NetworkX's `pagerank` iterates towards, reached
/// without iterating the whole graph; levels are spread over threads and each
/// value is summed in a fixed order, so results do not depend on the thread count.
public struct PageRank: Sendable {
    /// Rank of each supplier (they sum to 1).
    public var rank: [Double]
    /// Largest number of sweeps any cycle needed (1 without cycles).
    public var sweeps: Int

    /// - Parameters:
    ///   - damping: α, the probability of following an edge.
    public init(model: TrustModel, damping: Double = 0.85, threads: Int = Parallel.defaultThreads) {
        let graph = PageRankGraph(model.dataset)
        let schedule = model.schedule
        let n = graph.count
        var y = [Double](repeating: 1, count: n)
        var sweeps = 1
        let levels = schedule.levelCount
        let start = SharedReadBuffer(graph.inStart), source = SharedReadBuffer(graph.inSource), weight = SharedReadBuffer(graph.inWeight)
        let order = SharedReadBuffer(schedule.order), componentStart = SharedReadBuffer(schedule.componentStart)
        y.withUnsafeMutableBufferPointer { yBuffer in
            let y = SharedBuffer(yBuffer)
            @Sendable func value(_ j: Int) -> Double {
                var sum = 0.0
                for e in Int(start[j])..<Int(start[j + 1]) { sum += y[Int(source[e])] * weight[e] }
                return 1 + damping * sum
            }
            /// Solves y on component `c`, whose consumers outside it are final;
            /// the sweeps it took when it is a cycle, else nil.
            @Sendable func solve(component c: Int) -> Int? {
                let lo = Int(componentStart[c]), hi = Int(componentStart[c + 1])
                if hi - lo == 1 {
                    let j = Int(order[lo])
                    y[j] = value(j)
                    return nil
                }
                var sweep = 0
                while true {
                    sweep += 1
                    var change = 0.0, total = 0.0
                    for k in lo..<hi {
                        let j = Int(order[k])
                        let v = value(j)
                        change += abs(v - y[j])
                        total += v
                        y[j] = v
                    }
                    if change <= 1e-15 * total || sweep >= 100_000 { return sweep }
                }
            }
            // Providers come first in the schedule; PageRank flows from consumers to providers, so walk it backwards.
            for l in stride(from: levels - 1, through: 0, by: -1) {
                let first = Int(schedule.levelStart[l]), last = Int(schedule.levelStart[l + 1])
                let size = Int(componentStart[last] - componentStart[first])
                let levelThreads = size >= TrustSolver.parallelThreshold ? threads : 1
                let cycleSweeps = SharedSweeps()
                Parallel.forEachChunk(last - first, chunk: TrustSolver.componentsPerChunk, threads: levelThreads) { range in
                    for c in (first + range.lowerBound)..<(first + range.upperBound) {
                        if let sweep = solve(component: c) { cycleSweeps.record(sweep) }
                    }
                }
                sweeps = max(sweeps, cycleSweeps.value)
            }
        }
        // Normalise in a fixed order so the sum, and hence every rank, is the same on any thread count.
        let total = y.reduce(0, +)
        rank = y.map { $0 / total }
        self.sweeps = sweeps
    }
}

/// The largest sweep count seen by any worker.
final class SharedSweeps: @unchecked Sendable {
    private let lock = Lock()
    private var largest = 1

    func record(_ sweeps: Int) { lock.withLock { largest = max(largest, sweeps) } }
    var value: Int { lock.withLock { largest } }
}

/// The weighted consumer→provider graph PageRank walks, stored by target
/// (pull form: each supplier sums what flows in), with normalised weights.
struct PageRankGraph {
    let count: Int
    /// Edges into j: `inSource[inStart[j] ..< inStart[j+1]]`, each with its normalised weight.
    let inStart: [Int32]
    let inSource: [Int32]
    let inWeight: [Double]
    /// Suppliers with no outgoing edge.
    let dangling: [Int]

    init(_ dataset: Dataset) {
        let n = dataset.suppliers.count
        let rows = dataset.dependencies
        // Aggregate rows per (consumer, provider) pair: row indices by consumer, then provider.
        let byConsumer = RowOrder.byConsumer(rows.consumer, count: n)
        let byConsumerStart = byConsumer.start
        var order = byConsumer.order
        var edgeSource: [Int32] = [], edgeTarget: [Int32] = [], edgeWeight: [Double] = []
        edgeSource.reserveCapacity(rows.count)
        edgeTarget.reserveCapacity(rows.count)
        edgeWeight.reserveCapacity(rows.count)
        var outSum = [Double](repeating: 0, count: n)
        rows.provider.withUnsafeBufferPointer { provider in
        rows.weight.withUnsafeBufferPointer { weight in
        order.withUnsafeMutableBufferPointer { order in
            for i in 0..<n {
                let lo = Int(byConsumerStart[i]), hi = Int(byConsumerStart[i + 1])
                RowOrder.sort(order, lo..<hi, by: provider)
                var k = lo
                while k < hi {
                    let p = provider[Int(order[k])]
                    var w = 0.0
                    while k < hi && provider[Int(order[k])] == p {
                        w += weight[Int(order[k])]
                        k += 1
                    }
                    edgeSource.append(Int32(i))
                    edgeTarget.append(p)
                    edgeWeight.append(w)
                    outSum[i] += w
                }
            }
        }}}
        var inStart = [Int32](repeating: 0, count: n + 1)
        for t in edgeTarget { inStart[Int(t) + 1] += 1 }
        for j in 0..<n { inStart[j + 1] += inStart[j] }
        var next = inStart
        var inSource = [Int32](repeating: 0, count: edgeTarget.count)
        var inWeight = [Double](repeating: 0, count: edgeTarget.count)
        for e in 0..<edgeTarget.count {
            let t = Int(edgeTarget[e])
            let slot = Int(next[t])
            inSource[slot] = edgeSource[e]
            inWeight[slot] = edgeWeight[e] / outSum[Int(edgeSource[e])]
            next[t] += 1
        }
        count = n
        self.inStart = inStart
        self.inSource = inSource
        self.inWeight = inWeight
        dangling = (0..<n).filter { outSum[$0] == 0 }
    }
}
