/// PageRank over the consumer→provider graph (contract §5): damping 0.85,
/// edge weight = sum of the criticality weights of the rows of a pair,
/// out-weights normalised, dangling suppliers spreading their rank uniformly,
/// uniform teleport; power iteration until the L1 change of a sweep is below
/// the tolerance (L. Page, S. Brin et al., "The PageRank citation ranking", 1999;
/// the same iteration as NetworkX's `pagerank`).
public struct PageRank: Sendable {
    /// Rank of each supplier (they sum to 1).
    public var rank: [Double]
    /// Sweeps made.
    public var sweeps: Int
    /// L1 change of the last sweep.
    public var change: Double

    /// - Parameters:
    ///   - damping: α, the probability of following an edge.
    ///   - tolerance: stop when the L1 change of a sweep is below this.
    public init(dataset: Dataset, damping: Double = 0.85, tolerance: Double = 1e-12, maxSweeps: Int = 10_000,
                threads: Int = Parallel.defaultThreads) {
        let graph = PageRankGraph(dataset)
        let n = graph.count
        var x = [Double](repeating: n == 0 ? 0 : 1 / Double(n), count: n)
        var next = [Double](repeating: 0, count: n)
        let chunk = 8192
        let chunks = (n + chunk - 1) / chunk
        var partial = [Double](repeating: 0, count: max(chunks, 1))
        var sweeps = 0
        var change = Double.infinity
        let teleport = n == 0 ? 0 : (1 - damping) / Double(n)
        while sweeps < maxSweeps && change >= tolerance && n > 0 {
            sweeps += 1
            var dangling = 0.0
            for i in graph.dangling { dangling += x[i] }
            let uniform = teleport + damping * dangling / Double(n)
            x.withUnsafeBufferPointer { xBuffer in
            next.withUnsafeMutableBufferPointer { nextBuffer in
            partial.withUnsafeMutableBufferPointer { partialBuffer in
            graph.inStart.withUnsafeBufferPointer { inStart in
            graph.inSource.withUnsafeBufferPointer { inSource in
            graph.inWeight.withUnsafeBufferPointer { inWeight in
                let x = SharedReadBuffer(xBuffer), out = SharedBuffer(nextBuffer), sums = SharedBuffer(partialBuffer)
                let start = SharedReadBuffer(inStart), source = SharedReadBuffer(inSource), weight = SharedReadBuffer(inWeight)
                Parallel.forEachChunk(n, chunk: chunk, threads: threads) { range in
                    var l1 = 0.0
                    for j in range {
                        var sum = 0.0
                        for e in Int(start[j])..<Int(start[j + 1]) { sum += x[Int(source[e])] * weight[e] }
                        let value = damping * sum + uniform
                        l1 += abs(value - x[j])
                        out[j] = value
                    }
                    sums[range.lowerBound / chunk] = l1
                }
            }}}}}}
            change = partial.prefix(chunks).reduce(0, +)
            swap(&x, &next)
        }
        rank = x
        self.sweeps = sweeps
        self.change = change
    }
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
        // Aggregate rows per (consumer, provider) pair: sort row indices by consumer, then provider.
        var byConsumerStart = [Int32](repeating: 0, count: n + 1)
        for c in rows.consumer { byConsumerStart[Int(c) + 1] += 1 }
        for i in 0..<n { byConsumerStart[i + 1] += byConsumerStart[i] }
        var fill = byConsumerStart
        var order = [Int32](repeating: 0, count: rows.count)
        for r in 0..<rows.count {
            let c = Int(rows.consumer[r])
            order[Int(fill[c])] = Int32(r)
            fill[c] += 1
        }
        var edgeSource: [Int32] = [], edgeTarget: [Int32] = [], edgeWeight: [Double] = []
        var outSum = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let lo = Int(byConsumerStart[i]), hi = Int(byConsumerStart[i + 1])
            if hi - lo > 1 { order[lo..<hi].sort { (rows.provider[Int($0)], $0) < (rows.provider[Int($1)], $1) } }
            var k = lo
            while k < hi {
                let p = rows.provider[Int(order[k])]
                var w = 0.0
                while k < hi && rows.provider[Int(order[k])] == p {
                    w += rows.weight[Int(order[k])]
                    k += 1
                }
                edgeSource.append(Int32(i))
                edgeTarget.append(p)
                edgeWeight.append(w)
                outSum[i] += w
            }
        }
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
