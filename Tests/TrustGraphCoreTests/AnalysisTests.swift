import Testing
@testable import TrustGraphCore

@Suite struct AnalysisTests {
    private func analyze(_ suppliers: String, _ dependencies: String, threads: Int = 1) throws -> (TrustModel, TrustSolution, ImpactAnalysis) {
        let dataset = try Fixture.load(["suppliers.csv": "id,prior\n" + suppliers,
                                        "dependencies.csv": "consumer,provider,criticality,group\n" + dependencies])
        let (model, solution) = Fixture.solve(dataset, threads: threads)
        return (model, solution, ImpactAnalysis(model: model, baseline: solution, options: SolverOptions(threads: threads)))
    }

    @Test func contractExample() throws {
        let (dataset, _) = try DatasetLoader.load(directory: Fixture.example("analyze"))
        let (model, solution) = Fixture.solve(dataset)
        let impacts = ImpactAnalysis(model: model, baseline: solution, options: SolverOptions(threads: 1))
        let pageRank = PageRank(model: model, threads: 1)
        for row in try Fixture.csvRows(Fixture.example("analyze") + "/expected.csv") {
            let i = model.dataset.suppliers.find(row["id"]!)!
            #expect(impacts.dependents[i] == Int(row["dependents"]!)!)
            #expect(impacts.affected[i] == Int(row["affected"]!)!)
            #expect(abs(impacts.impact[i] - Double(row["impact"]!)!) < 1e-12)
            #expect(abs(pageRank.rank[i] - Double(row["pagerank"]!)!) < 1e-9)
        }
    }

    @Test func chainImpactsAddUpTheDropsAbove() throws {
        // a → b → c, all critical; priors 0.9, 0.8, 0.7. t = 0.7 for all three.
        let (m, _, x) = try analyze("a,0.9\nb,0.8\nc,0.7\n", "a,b,critical,\nb,c,critical,\n")
        let c = m.dataset.suppliers.find("c")!, b = m.dataset.suppliers.find("b")!, a = m.dataset.suppliers.find("a")!
        #expect(x.dependents[c] == 2 && x.dependents[b] == 1 && x.dependents[a] == 0)
        // Compromising c drops a and b from 0.7 to 0: impact 1.4.
        #expect(abs(x.impact[c] - 1.4) < 1e-12)
        #expect(x.affected[c] == 2)
        #expect(abs(x.impact[b] - 0.7) < 1e-12)
        #expect(x.impact[a] == 0)
    }

    @Test func redundancyHoldsWhenOneAlternativeFalls() throws {
        // x (prior 0.95) depends on p1 or p2 in one critical group: t(x) = 0.9 through p1.
        let (m, s, x) = try analyze("x,0.95\np1,0.9\np2,0.8\n", "x,p1,critical,h\nx,p2,critical,h\n")
        let p1 = m.dataset.suppliers.find("p1")!, p2 = m.dataset.suppliers.find("p2")!
        #expect(abs(Fixture.trust("x", m, s) - 0.9) < 1e-12)
        #expect(abs(x.impact[p1] - 0.1) < 1e-12)   // x falls to p2's 0.8
        #expect(x.impact[p2] == 0)                   // p1 still holds the service at 0.9
        #expect(x.affected[p2] == 0)
    }

    @Test func cyclesAreReSolvedWhole() throws {
        // a ⇄ b critical, g → a high. Compromise a: b and g lose everything they had through a.
        let (m, s, x) = try analyze("a,0.5\nb,0.8\ng,1\n", "a,b,critical,\nb,a,critical,\ng,a,high,\n")
        let a = m.dataset.suppliers.find("a")!, b = m.dataset.suppliers.find("b")!
        // Baseline: a = b = 0.5, g = 0.65. With a compromised: b = 0, g = 1 − 0.7 = 0.3.
        #expect(abs(x.impact[a] - (0.5 + 0.35)) < 1e-12)
        // Compromise b: a = 0 (critical on b), g = 0.3.
        #expect(abs(x.impact[b] - (0.5 + 0.35)) < 1e-12)
        #expect(x.dependents[a] == 2 && x.dependents[b] == 2)
        #expect(s.report.cyclicComponents == 1)
    }

    /// Impact equals a full solve of the dataset with j compromised, on generated data, for every j; and
    /// the analysis is bit-identical for 1 and 3 threads.
    @Test func impactMatchesFullCounterfactualSolves() throws {
        let dataset = try DatasetLoader.load(contents: DatasetGenerator(suppliers: 400, seed: 21).files()).0
        let model = TrustModel(dataset)
        let parameters = TrustParameters(date: Day(year: 2026, month: 6, day: 30)!)
        let baseline = model.solve(parameters, options: SolverOptions(threads: 1))
        let one = ImpactAnalysis(model: model, baseline: baseline, options: SolverOptions(threads: 1))
        let three = ImpactAnalysis(model: model, baseline: baseline, options: SolverOptions(threads: 3))
        #expect(one.impact.map(\.bitPattern) == three.impact.map(\.bitPattern))
        #expect(one.dependents == three.dependents)
        for j in stride(from: 0, to: model.supplierCount, by: 7) {
            let counterfactual = model.solve(parameters, options: SolverOptions(threads: 1), compromised: [j])
            var impact = 0.0, affected = 0
            for i in 0..<model.supplierCount where i != j {
                let drop = baseline.trust[i] - counterfactual.trust[i]
                impact += drop
                if drop > 1e-9 { affected += 1 }
            }
            #expect(abs(one.impact[j] - impact) < 1e-9, "supplier \(j)")
            #expect(one.affected[j] == affected)
        }
    }

    @Test func pageRankMatchesAPlainPowerIteration() throws {
        let dataset = try DatasetLoader.load(contents: DatasetGenerator(suppliers: 300, seed: 4).files()).0
        let fast = PageRank(model: TrustModel(dataset), threads: 2)
        // The textbook iteration, written plainly over dictionaries.
        let n = dataset.suppliers.count
        var weights: [Int: [Int: Double]] = [:]
        for r in 0..<dataset.dependencies.count {
            weights[Int(dataset.dependencies.consumer[r]), default: [:]][Int(dataset.dependencies.provider[r]), default: 0] += dataset.dependencies.weight[r]
        }
        var x = [Double](repeating: 1 / Double(n), count: n)
        for _ in 0..<1000 {
            var next = [Double](repeating: 0, count: n)
            var dangling = 0.0
            for i in 0..<n {
                guard let out = weights[i], !out.isEmpty else { dangling += x[i]; continue }
                let total = out.values.reduce(0, +)
                for (j, w) in out { next[j] += 0.85 * x[i] * w / total }
            }
            for j in 0..<n { next[j] += 0.85 * dangling / Double(n) + 0.15 / Double(n) }
            let change = zip(next, x).reduce(0) { $0 + abs($1.0 - $1.1) }
            x = next
            if change < 1e-14 { break }
        }
        for j in 0..<n { #expect(abs(fast.rank[j] - x[j]) < 1e-10) }
        // The same figures on any number of threads.
        let one = PageRank(model: TrustModel(dataset), threads: 1)
        #expect(one.rank.map(\.bitPattern) == fast.rank.map(\.bitPattern))
        #expect(abs(fast.rank.reduce(0, +) - 1) < 1e-9)
        #expect(fast.sweeps >= 1)
    }

    @Test func concentrationAndSinglePointsOnAHandMadeDataset() throws {
        let dataset = try Fixture.load([
            "suppliers.csv": "id,country,sector\napp,DE,saas\nshop,FR,saas\nh1,DE,hosting\nh2,NL,hosting\ncdn,US,cdn\n",
            "dependencies.csv": "consumer,provider,criticality,group\n"
                + "app,h1,critical,hosting\napp,h2,critical,hosting\napp,cdn,high,\nshop,cdn,critical,\nshop,h1,low,\n",
        ])
        let c = Concentration(dataset: dataset)
        // Critical/high rows: app→h1, app→h2, app→cdn, shop→cdn = 4.
        #expect(c.rows == 4)
        #expect(c.providers.map(\.name) == ["cdn", "h1", "h2"])
        #expect(c.providers[0].share == 0.5)
        #expect(abs(c.providerHHI - (0.25 + 0.0625 + 0.0625)) < 1e-15)
        #expect(c.countries.map(\.name) == ["US", "DE", "NL"])
        #expect(abs(c.sectorHHI - 0.5) < 1e-15)
        let spof = SinglePointOfFailure.find(in: TrustModel(dataset))
        #expect(spof.count == 1)
        #expect(dataset.suppliers.id(spof[0].provider) == "cdn")
        #expect(spof[0].consumers.map { dataset.suppliers.id($0.consumer) } == ["app", "shop"])
    }
}
