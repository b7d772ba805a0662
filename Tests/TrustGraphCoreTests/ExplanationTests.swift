import Testing
@testable import TrustGraphCore

@Suite struct ExplanationTests {
    @Test func explanationAddsUpAndFollowsTheLimitingChain() throws {
        // app → hoster (critical) → msp (high); msp's own base trust is the root cause.
        let dataset = try Fixture.load([
            "suppliers.csv": "id,prior\napp,0.95\nhoster,0.9\nmsp,0.3\nbackup,0.5\n",
            "certifications.csv": "supplier,scheme,status,issued,expires\napp,ISO27001,valid,2024-01-01,2027-01-01\napp,SOC2-TYPE2,valid,2023-01-01,2025-03-31\n",
            "dependencies.csv": "consumer,provider,criticality,group\napp,hoster,critical,hosting\napp,backup,low,\nhoster,msp,high,\n",
        ])
        let (model, solution) = Fixture.solve(dataset)
        let app = model.dataset.suppliers.find("app")!
        let e = model.explain(app, solution: solution, parameters: TrustParameters(date: Fixture.exampleDate))
        #expect(e.certifications.map(\.standing) == [.counts, .expiredOn(Day(year: 2025, month: 3, day: 31)!)])
        #expect(abs(e.base - (e.prior + (1 - e.prior) * e.coverage)) < 1e-15)
        #expect(e.groups.count == 2)
        let limiting = try #require(e.limitingGroup)
        #expect(e.groups[limiting].label == "hosting")
        #expect(abs(e.distrust - e.groups[limiting].passed) < 1e-15)
        #expect(abs(e.trust - (1 - e.distrust)) < 1e-15)
        #expect(e.chain.map(\.id) == ["app", "hoster", "msp"])
        #expect(e.chain.last?.group == nil)
        // hoster: d = 0.7 × 0.7 = 0.49; app: d = 1 × 0.49.
        #expect(abs(e.trust - 0.51) < 1e-12)
        #expect(e.text.contains("expired on 2025-03-31"))
        #expect(e.text.contains("root cause"))
    }

    @Test func aLargeGroupShowsEightAlternativesWithTheBest() throws {
        // Twenty alternatives; the best (highest prior) is the last one, p20.
        var suppliers = "id,prior\napp,1\n", rows = "consumer,provider,group\n"
        for k in 1...20 { suppliers += "p\(k),\(k == 20 ? "0.9" : "0.2")\n"; rows += "app,p\(k),pool\n" }
        let (model, solution) = Fixture.solve(try Fixture.load(["suppliers.csv": suppliers, "dependencies.csv": rows]))
        let e = model.explain(0, solution: solution, parameters: TrustParameters(date: Fixture.exampleDate))
        let row = try #require(e.text.split(separator: "\n").first { $0.contains("pool") })
        #expect(row.contains("p1 0.2000, p2 0.2000, p3 0.2000, p4 0.2000, p5 0.2000, p6 0.2000, p7 0.2000, p20 0.9000 ← best, … 12 more"))
        #expect(e.groups[0].alternatives.count == 20)
    }

    @Test func chainStopsWhenACycleClosesBack() throws {
        let dataset = try Fixture.load([
            "suppliers.csv": "id,prior\na,0.9\nb,0.9\nc,0.2\n",
            "dependencies.csv": "consumer,provider,criticality\na,b,critical\nb,a,critical\nb,c,critical\n",
        ])
        let (model, solution) = Fixture.solve(dataset)
        let e = model.explain(0, solution: solution, parameters: TrustParameters(date: Fixture.exampleDate))
        #expect(e.chain.map(\.id) == ["a", "b", "c"])
        #expect(abs(e.trust - 0.2) < 1e-12)
    }
}

/// `solve`'s `limited_by`, `explain`'s limiting group and its chain follow one rule.
@Suite struct LimitingGroupTests {
    @Test func tiedGroupsNameTheFirstInFileOrderEverywhere() throws {
        // host-a and host-b have the same base trust (the prior): the two critical groups of the
        // certified shop pass up exactly the same distrust, and the first group (file order) limits it.
        let dataset = try Fixture.load([
            "suppliers.csv": "id,name\nshop,Shop\nhost-b,Host B\nhost-a,Host A\n",
            "certifications.csv": "supplier,scheme,status,issued,expires\nshop,ISO27001,valid,2025-06-01,2027-06-01\n",
            "dependencies.csv": "consumer,provider,criticality,group\nshop,host-b,critical,second\nshop,host-a,critical,first\n",
        ])
        let model = TrustModel(dataset)
        let parameters = TrustParameters(date: Fixture.exampleDate)
        let solution = model.solve(parameters)
        let shop = dataset.suppliers.find("shop")!, hostB = dataset.suppliers.find("host-b")!
        #expect(solution.distrust[hostB] == solution.distrust[dataset.suppliers.find("host-a")!])
        #expect(model.limitingProvider(of: shop, solution: solution) == hostB)
        let e = model.explain(shop, solution: solution, parameters: parameters)
        #expect(e.limitingGroup == 0)
        #expect(e.groups[0].label == "second")
        #expect(e.chain.map(\.id) == ["shop", "host-b"])
    }

    @Test func limitedByIsTheChainsFirstHopForEverySupplier() throws {
        let files = DatasetGenerator(suppliers: 800, seed: 4).files()
        let (dataset, _) = try DatasetLoader.load(contents: files)
        let model = TrustModel(dataset)
        let parameters = TrustParameters(date: Fixture.exampleDate)
        let solution = model.solve(parameters)
        var limited = 0
        for i in 0..<dataset.suppliers.count {
            let e = model.explain(i, solution: solution, parameters: parameters)
            let firstHop = e.chain.count > 1 ? e.chain[1].supplier : nil
            #expect(model.limitingProvider(of: i, solution: solution) == firstHop, "\(dataset.suppliers.id(i))")
            #expect((e.limitingGroup != nil) == (firstHop != nil))
            if firstHop != nil { limited += 1 }
        }
        #expect(limited > 100)
    }
}
