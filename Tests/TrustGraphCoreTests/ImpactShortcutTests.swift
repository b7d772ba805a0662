import Testing
@testable import TrustGraphCore

/// The shortcuts of `ImpactAnalysis` (dependents by components, figures
/// derived from consumers, rings) against a plain reference: one full solve
/// per compromised supplier and one breadth-first walk per supplier.
@Suite struct ImpactShortcutTests {
    /// Graph shapes the shortcuts treat differently.
    enum Shape: String, CaseIterable {
        case chain, ring, consumerTree, providerTree, lollipop, ringsAndTrees, layered, random
    }

    /// A dataset of `shape` with random weights, priors and some groups of alternatives.
    static func dataset(_ shape: Shape, seed: UInt64, size: Int? = nil) throws -> Dataset {
        var rng = SplitMix64(seed: seed)
        let n = size ?? 2 + Int(rng.next() % 59)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        func below(_ k: Int) -> Int { Int(rng.next() % UInt64(k)) }
        let levels = ["critical", "critical", "critical", "high", "medium", "low", "0.95", "0.99"]
        var rows: [(Int, Int, String)] = []
        func row(_ c: Int, _ p: Int, _ group: String = "") { if c != p { rows.append((c, p, group)) } }
        switch shape {
        case .chain: for i in 0..<(n - 1) { row(i, i + 1) }
        case .ring: for i in 0..<n { row(i, (i + 1) % n) }
        case .consumerTree: for i in 1..<n { row(below(i), i) }       // one consumer each
        case .providerTree: for i in 1..<n { row(i, below(i)) }       // one provider each
        case .lollipop:
            // A ring with a chain below it (providers) and a chain above it (consumers).
            let m = max(2, n / 3)
            for i in 0..<m { row(i, (i + 1) % m) }
            if n > m { row(m - 1, m) }
            for i in stride(from: m, to: n - 1, by: 2) where i + 2 < n { row(i, i + 2) }
            if n > m + 1 { row(m + 1, 0) }
            for i in stride(from: m + 1, to: n, by: 2) where i + 2 < n { row(i + 2, i) }
        case .ringsAndTrees:
            let m = max(2, n / 3)
            for i in 0..<m { row(i, (i + 1) % m) }
            for i in m..<n { row(below(i), i) }                        // trees of providers below the ring
            for i in 0..<m where rng.next() % 4 == 0 && n > m { row(i, m + below(n - m), "alt") }
        case .layered:
            for i in 0..<n { for _ in 0..<below(4) where i + 1 < n { row(i, i + 1 + below(n - i - 1), pick(["", "", "g1", "g2"])) } }
        case .random:
            for _ in 0..<(n / 2 + below(3 * n)) { row(below(n), below(n), pick(["", "", "g1", "g2", "g3"])) }
        }
        if rng.next() % 3 == 0 { for _ in 0..<(1 + below(5)) { row(below(n), below(n), pick(["g1", "g2", ""])) } }
        let priors = ["0", "0.3", "0.5", "0.6", "0.7", "0.8", "0.9", "0.95", "0.99", "1", "0.123", "0.777"]
        var suppliers = "id,prior\n"
        for i in 0..<n { suppliers += "s\(i),\(pick(priors))\n" }
        var dependencies = "consumer,provider,criticality,group\n"
        for (c, p, g) in rows { dependencies += "s\(c),s\(p),\(pick(levels)),\(g)\n" }
        return try Fixture.load(["suppliers.csv": suppliers, "dependencies.csv": dependencies])
    }

    /// dependents, affected and impact by the definition: a breadth-first walk
    /// and a full solve with j compromised, for every j.
    static func reference(_ model: TrustModel, _ baseline: TrustSolution) -> (dependents: [Int], affected: [Int], impact: [Double]) {
        let n = model.supplierCount
        var dependents = [Int](repeating: 0, count: n), affected = dependents, impact = [Double](repeating: 0, count: n)
        for j in 0..<n {
            var seen: Set<Int> = [j], queue = [j]
            while let v = queue.popLast() {
                for c in model.graph.consumers(of: v) where seen.insert(Int(c)).inserted { queue.append(Int(c)) }
            }
            dependents[j] = seen.count - 1
            let counterfactual = model.solve(base: baseline.base, options: SolverOptions(threads: 1), compromised: [j])
            for i in 0..<n where i != j {
                let drop = baseline.trust[i] - counterfactual.trust[i]
                impact[j] += drop
                if drop > 1e-9 { affected[j] += 1 }
            }
        }
        return (dependents, affected, impact)
    }

    @Test(arguments: Shape.allCases)
    func shortcutsMatchFullSolves(_ shape: Shape) throws {
        for seed in UInt64(0)..<25 {
            let dataset = try Self.dataset(shape, seed: seed &* 7919 &+ UInt64(shape.rawValue.count))
            let (model, baseline) = Fixture.solve(dataset)
            let expected = Self.reference(model, baseline)
            let fast = ImpactAnalysis(model: model, baseline: baseline, options: SolverOptions(threads: 1))
            let plain = ImpactAnalysis(model: model, baseline: baseline, options: SolverOptions(threads: 1), shortcuts: false)
            for result in [fast, plain] {
                #expect(result.dependents == expected.dependents, "\(shape) seed \(seed)")
                #expect(result.affected == expected.affected, "\(shape) seed \(seed)")
                for j in 0..<model.supplierCount {
                    #expect(abs(result.impact[j] - expected.impact[j]) < 1e-11, "\(shape) seed \(seed) supplier \(j)")
                }
            }
        }
    }

    /// With a tolerance, cycles are re-solved whole from d = 1 − b (no shortcut
    /// assumes the baseline is the exact fixed point); figures stay close.
    @Test func toleranceKeepsTheWholeReSolve() throws {
        for seed in UInt64(0)..<20 {
            let dataset = try Self.dataset(seed % 2 == 0 ? .ringsAndTrees : .random, seed: seed)
            let model = TrustModel(dataset)
            let options = SolverOptions(tolerance: 1e-13, threads: 1)
            let baseline = model.solve(TrustParameters(date: Fixture.exampleDate), options: options)
            let expected = Self.reference(model, baseline)
            let result = ImpactAnalysis(model: model, baseline: baseline, options: options)
            #expect(result.dependents == expected.dependents)
            for j in 0..<model.supplierCount { #expect(abs(result.impact[j] - expected.impact[j]) < 1e-9) }
        }
    }

    /// Many shapes side by side, large enough for several chunks and rings on
    /// several threads: the same bits on 1 and 3 threads.
    @Test func sameBitsOnAnyNumberOfThreads() throws {
        var suppliers = "id,prior\n", dependencies = "consumer,provider,criticality,group\n"
        var offset = 0
        for (k, shape) in (Shape.allCases + Shape.allCases).enumerated() {
            let part = try Self.dataset(shape, seed: UInt64(100 + k), size: 300)
            for i in 0..<part.suppliers.count {
                suppliers += "p\(offset + i),\(part.suppliers.prior(i).map { "\($0)" } ?? "")\n"
            }
            let rows = part.dependencies
            for r in 0..<rows.count {
                dependencies += "p\(offset + Int(rows.consumer[r])),p\(offset + Int(rows.provider[r])),\(rows.weight[r]),g\(rows.group[r])\n"
            }
            offset += part.suppliers.count
        }
        // Closed rings of mixed weights, with chains of providers below some members.
        for r in 0..<4 {
            for i in 0..<150 {
                suppliers += "r\(r)-\(i),\(["0.9", "0.6", "0.95"][i % 3])\n"
                dependencies += "r\(r)-\(i),r\(r)-\((i + 1) % 150),\(["critical", "high", "critical", "medium"][(i + r) % 4]),\n"
            }
            for i in stride(from: 0, to: 150, by: 10) {
                for k in 0..<20 {
                    suppliers += "r\(r)-\(i)-\(k),0.8\n"
                    dependencies += "\(k == 0 ? "r\(r)-\(i)" : "r\(r)-\(i)-\(k - 1)"),r\(r)-\(i)-\(k),\(k % 3 == 0 ? "high" : "critical"),\n"
                }
            }
        }
        let dataset = try Fixture.load(["suppliers.csv": suppliers, "dependencies.csv": dependencies])
        let (model, baseline) = Fixture.solve(dataset)
        let one = ImpactAnalysis(model: model, baseline: baseline, options: SolverOptions(threads: 1))
        let three = ImpactAnalysis(model: model, baseline: baseline, options: SolverOptions(threads: 3))
        #expect(one.impact.map(\.bitPattern) == three.impact.map(\.bitPattern))
        #expect(one.affected == three.affected)
        #expect(one.dependents == three.dependents)
        #expect(ImpactAnalysis.closedRings(model).count >= 4)
    }

    /// The reproducer of a quadratic analysis: a long uniform chain and ring,
    /// with figures derivable by hand. (Each took minutes at 100k suppliers
    /// when every compromise walked all its dependents.)
    @Test func longUniformChainsAndRings() throws {
        let n = 20_000
        func load(prior: String, criticality: String, ring: Bool) throws -> (TrustModel, TrustSolution, ImpactAnalysis) {
            var suppliers = "id,prior\n", dependencies = "consumer,provider,criticality\n"
            for i in 0..<n { suppliers += "s\(i),\(prior)\n" }
            for i in 0..<(ring ? n : n - 1) { dependencies += "s\(i),s\((i + 1) % n),\(criticality)\n" }
            let (model, baseline) = Fixture.solve(try Fixture.load(["suppliers.csv": suppliers, "dependencies.csv": dependencies]), threads: 2)
            return (model, baseline, ImpactAnalysis(model: model, baseline: baseline, options: SolverOptions(threads: 2)))
        }
        // Critical chain, every prior 0.5: t = 0.5 everywhere; compromising s_k
        // takes its k consumers above it to 0.
        let (chainModel, _, chain) = try load(prior: "0.5", criticality: "critical", ring: false)
        for k in [0, 1, 2, 777, n / 2, n - 2, n - 1] {
            let j = chainModel.dataset.suppliers.find("s\(k)")!
            #expect(chain.dependents[j] == k)
            #expect(chain.affected[j] == k)
            #expect(chain.impact[j] == 0.5 * Double(k))
        }
        // Critical ring: every compromise takes all the others to 0.
        let (_, _, ring) = try load(prior: "0.5", criticality: "critical", ring: true)
        #expect(ring.dependents.allSatisfy { $0 == n - 1 })
        #expect(ring.affected.allSatisfy { $0 == n - 1 })
        #expect(ring.impact.allSatisfy { abs($0 - 0.5 * Double(n - 1)) < 1e-9 })
        // Medium ring, priors 0.9: d = 0.1 everywhere. Compromising j gives its
        // consumer d = 0.4 (trust 0.6) and the next d = 0.16 (trust 0.84); the
        // one after stays at 0.1.
        let (_, _, medium) = try load(prior: "0.9", criticality: "medium", ring: true)
        #expect(medium.affected.allSatisfy { $0 == 2 })
        #expect(medium.impact.allSatisfy { abs($0 - 0.36) < 1e-12 })
        #expect(medium.dependents.allSatisfy { $0 == n - 1 })
    }
}
