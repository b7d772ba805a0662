import Testing
@testable import TrustGraphCore

/// Hand-computed values for each rule of contract §2–§3.
@Suite struct BaseTrustTests {
    private func base(_ certifications: String, prior: String = "", schemes: String? = nil,
                      date: Day = Fixture.exampleDate, globalPrior: Double = 0.3) throws -> Double {
        var files = ["suppliers.csv": "id,prior\ns,\(prior)\n",
                     "certifications.csv": "supplier,scheme,status,issued,expires,last_evidence,scope\n" + certifications]
        if let schemes { files["schemes.csv"] = schemes }
        let model = TrustModel(try Fixture.load(files))
        return model.baseTrust(TrustParameters(date: date, prior: globalPrior))[0]
    }

    @Test func priorAloneGlobalAndOwn() throws {
        #expect(try base("") == 0.3)
        #expect(try base("", globalPrior: 0.2) == 0.2)
        #expect(try base("", prior: "0.9", globalPrior: 0.2) == 0.9)
    }

    @Test func validityBoundsAreInclusive() throws {
        // D = 2026-01-15. ISO27001 = 0.6: b = 0.3 + 0.7 × 0.6 = 0.72.
        #expect(try base("s,ISO27001,valid,2026-01-15,2026-01-15,,\n") == 0.3 + 0.7 * 0.6)
        #expect(try base("s,ISO27001,valid,2026-01-16,,,\n") == 0.3)
        #expect(try base("s,ISO27001,valid,,2026-01-14,,\n") == 0.3)
        #expect(try base("s,ISO27001,valid,2027-01-01,2025-01-01,,\n") == 0.3)
    }

    @Test func onlyValidStatusCounts() throws {
        for status in ["suspended", "revoked", "expired"] {
            #expect(try base("s,ISO27001,\(status),,,,\n") == 0.3)
        }
    }

    @Test func partialScopeHalvesAndSchemesCombine() throws {
        // A(ISO27001) = 0.3 (partial), A(BSI-C5) = 0.7: C = 1 − 0.7 × 0.3 = 0.79.
        let b = try base("s,ISO27001,,,,,partial\ns,BSI-C5,,,,,\n")
        #expect(abs(b - (0.3 + 0.7 * 0.79)) < 1e-15)
    }

    @Test func bestCertificationOfASchemeCounts() throws {
        // Two ISO27001: partial (0.3) and full (0.6): A = 0.6, not combined.
        let b = try base("s,ISO27001,,,,,partial\ns,iso27001,,,,,full\n")
        #expect(b == 0.3 + 0.7 * 0.6)
    }

    @Test func evidenceDecaysWithHalfLife() throws {
        // 180 days after the evidence: fresh = 0.5; 360 days: 0.25. Future evidence: 1.
        #expect(try base("s,ISO27001,,,,2025-07-19,\n") == 0.3 + 0.7 * 0.3)
        #expect(abs(try base("s,ISO27001,,,,2025-01-20,\n") - (0.3 + 0.7 * 0.15)) < 1e-15)
        #expect(try base("s,ISO27001,,,,2026-02-01,\n") == 0.3 + 0.7 * 0.6)
        // schemes.csv overrides the half-life (and assurance).
        let b = try base("s,ISO27001,,,,2025-01-15,\n", schemes: "scheme,assurance,evidence_half_life_days\niso27001,0.5,365\n")
        #expect(b == 0.3 + 0.7 * 0.25)
    }
}

@Suite struct EffectiveTrustTests {
    private func solve(_ suppliers: String, _ dependencies: String) throws -> (TrustModel, TrustSolution) {
        Fixture.solve(try Fixture.load(["suppliers.csv": "id,prior\n" + suppliers, "dependencies.csv": "consumer,provider,criticality,group\n" + dependencies]))
    }

    @Test func criticalCapsAtProviderTrustAndLowCostsAtMostTenPercent() throws {
        let (m, s) = try solve("c,0.9\np,0.4\nl,0.9\n", "c,p,critical,\nl,p,low,\n")
        #expect(Fixture.trust("c", m, s) == 1 - 0.6)
        #expect(Fixture.trust("l", m, s) == 0.9 - 0.0)   // 1 − max(0.1, 0.1 × 0.6) = 0.9
        let (m2, s2) = try solve("l,0.99\np,0.0\n", "l,p,low,\n")
        #expect(abs(Fixture.trust("l", m2, s2) - 0.9) < 1e-15)
    }

    @Test func alternativesHoldTheServiceAndTheWorstGroupWins() throws {
        // Group "h": best alternative p2 (d = 0.2); weight = max(critical, low) = 1. Group "x": 0.4 × 0.9.
        let (m, s) = try solve("c,1\np1,0.1\np2,0.8\nx,0.1\n", "c,p1,critical,h\nc,p2,low,h\nc,x,medium,\n")
        #expect(abs(Fixture.trust("c", m, s) - 0.64) < 1e-15)   // max(0.2, 0.36) = 0.36
    }

    @Test func criticalCycleTakesItsWeakestMember() throws {
        let (m, s) = try solve("a,0.5\nb,0.8\ng,1\n", "a,b,critical,\nb,a,critical,\ng,a,high,\n")
        #expect(Fixture.trust("a", m, s) == 0.5)
        #expect(Fixture.trust("b", m, s) == 0.5)
        #expect(abs(Fixture.trust("g", m, s) - 0.65) < 1e-15)
        #expect(s.report.cyclicComponents == 1)
    }

    @Test func lowCycleDoesNotAmplify() throws {
        let (m, s) = try solve("c,0.98\nd,0.5\n", "c,d,low,\nd,c,low,\n")
        #expect(abs(Fixture.trust("c", m, s) - 0.95) < 1e-15)
        #expect(Fixture.trust("d", m, s) == 0.5)
        #expect(s.report.converged)
    }

    @Test func maxIterationsReportsNonConvergence() throws {
        // A long critical cycle needs several sweeps; one sweep is not enough.
        var suppliers = ""
        var deps = ""
        for k in 0..<6 { suppliers += "n\(k),\(0.9 - Double(k) * 0.1)\n"; deps += "n\(k),n\((k + 5) % 6),critical,\n" }
        let model = TrustModel(try Fixture.load(["suppliers.csv": "id,prior\n" + suppliers, "dependencies.csv": "consumer,provider,criticality,group\n" + deps]))
        let once = model.solve(TrustParameters(date: Fixture.exampleDate), options: SolverOptions(maxIterations: 1, threads: 1))
        #expect(!once.report.converged)
        #expect(once.report.finalChange > 0)
        let full = model.solve(TrustParameters(date: Fixture.exampleDate), options: SolverOptions(threads: 1))
        #expect(full.report.converged)
        #expect(full.report.sweeps > 1)
        for i in 0..<6 { #expect(abs(full.trust[i] - 0.4) < 1e-12) }
        // A loose tolerance stops earlier but stays within it of the exact answer.
        let loose = model.solve(TrustParameters(date: Fixture.exampleDate), options: SolverOptions(tolerance: 0.5, threads: 1))
        #expect(loose.report.converged)
        #expect(loose.report.sweeps <= full.report.sweeps)
    }
}

/// Properties on generated datasets.
@Suite struct SolverPropertyTests {
    static let seeds: [UInt64] = [1, 2, 3]

    private func generated(_ seed: UInt64, suppliers: Int = 3000) throws -> Dataset {
        try DatasetLoader.load(contents: DatasetGenerator(suppliers: suppliers, seed: seed).files()).0
    }

    @Test(arguments: seeds)
    func trustIsBoundedByBaseAndUnitInterval(seed: UInt64) throws {
        let (_, s) = Fixture.solve(try generated(seed), date: Day(year: 2026, month: 6, day: 30)!)
        for i in s.trust.indices {
            #expect(s.trust[i] <= s.base[i])
            #expect(s.trust[i] >= 0 && s.base[i] <= 1)
        }
        #expect(s.report.converged)
    }

    @Test(arguments: seeds)
    func bitIdenticalForOneAndManyThreads(seed: UInt64) throws {
        let dataset = try generated(seed, suppliers: 40_000)
        let model = TrustModel(dataset)
        let parameters = TrustParameters(date: Day(year: 2026, month: 6, day: 30)!)
        let one = model.solve(parameters, options: SolverOptions(threads: 1))
        for threads in [2, 3, 8] {
            let many = model.solve(parameters, options: SolverOptions(threads: threads))
            #expect(one.trust.map(\.bitPattern) == many.trust.map(\.bitPattern))
            #expect(one.base.map(\.bitPattern) == many.base.map(\.bitPattern))
        }
    }

    @Test(arguments: seeds)
    func addingAValidCertificationNeverLowersTrust(seed: UInt64) throws {
        var files = DatasetGenerator(suppliers: 2000, seed: seed).files()
        let (before, parameters) = (try DatasetLoader.load(contents: files).0, TrustParameters(date: Day(year: 2026, month: 6, day: 30)!))
        let sBefore = TrustModel(before).solve(parameters, options: SolverOptions(threads: 1))
        // Certify a few suppliers with a strong scheme.
        var extra = ""
        for i in stride(from: 0, to: before.suppliers.count, by: 97) { extra += "\(before.suppliers.id(i)),SECNUMCLOUD,valid,,,,\n" }
        files["certifications.csv"]! += Array(extra.utf8)
        let after = try DatasetLoader.load(contents: files).0
        let sAfter = TrustModel(after).solve(parameters, options: SolverOptions(threads: 1))
        var raised = 0
        for i in sBefore.trust.indices {
            #expect(sAfter.trust[i] >= sBefore.trust[i])
            if sAfter.trust[i] > sBefore.trust[i] { raised += 1 }
        }
        #expect(raised > 0)
    }

    @Test func generatorIsDeterministicAndValid() throws {
        let a = DatasetGenerator(suppliers: 500, seed: 9).files()
        let b = DatasetGenerator(suppliers: 500, seed: 9).files()
        let c = DatasetGenerator(suppliers: 500, seed: 10).files()
        #expect(a == b)
        #expect(a != c)
        let (dataset, _) = try DatasetLoader.load(contents: a)
        #expect(dataset.suppliers.count == 500)
        let schedule = SolveSchedule(SupplyGraph(dataset))
        // The cycles the schedule found are those a plain reachability check finds.
        #expect(schedule.cyclicComponentCount == Self.cyclesByReachability(dataset))
        #expect(dataset.dependencies.count > 500)
    }

    /// Groups of two or more suppliers that reach each other, by one search from every supplier.
    static func cyclesByReachability(_ dataset: Dataset) -> Int {
        let n = dataset.suppliers.count
        var providers = [[Int]](repeating: [], count: n)
        for r in 0..<dataset.dependencies.count {
            let (c, p) = (Int(dataset.dependencies.consumer[r]), Int(dataset.dependencies.provider[r]))
            if c != p { providers[c].append(p) }
        }
        var reach = [[Bool]](repeating: [Bool](repeating: false, count: n), count: n)
        for s in 0..<n {
            var stack = [s]
            while let v = stack.popLast() {
                for p in providers[v] where !reach[s][p] { reach[s][p] = true; stack.append(p) }
            }
        }
        var seen = [Bool](repeating: false, count: n), groups = 0
        for i in 0..<n where !seen[i] {
            let members = (0..<n).filter { $0 == i || (reach[i][$0] && reach[$0][i]) }
            for m in members { seen[m] = true }
            if members.count > 1 { groups += 1 }
        }
        return groups
    }
}
