import Testing
@testable import TrustGraphCore

@Suite struct ScenarioFileTests {
    @Test func readsEveryStepKindAsLiteralText() throws {
        let scenarios = try ScenarioFile.parse("""
        scenarios:
          - name: all
            steps:
              - revoke: {supplier: "0123", scheme: BSI-C5}
              - compromise: {supplier: yes}
              - exit: {supplier: msp-c}
              - add-certification: {supplier: saas-d, scheme: ISO27001, expires: 2028-01-31}
              - add-dependency: {consumer: saas-d, provider: hoster-e, criticality: high, group: hosting}
              - remove-dependency: {consumer: saas-d, provider: hoster-a}
              - set-criticality: {consumer: saas-d, provider: hoster-e, criticality: low}
              - set-assurance: {scheme: CSA-STAR-L1, assurance: 0.10}
              - set-prior: {value: 0.2}
              - set-date: 2027-06-30
        """)
        #expect(scenarios.count == 1)
        let steps = scenarios[0].steps
        #expect(steps[0] == .revoke(supplier: "0123", scheme: "BSI-C5"))
        #expect(steps[1] == .compromise(supplier: "yes"))
        #expect(steps[3] == .addCertification(supplier: "saas-d", scheme: "ISO27001", expires: "2028-01-31"))
        #expect(steps[7] == .setAssurance(scheme: "CSA-STAR-L1", assurance: "0.10"))
        #expect(steps[9] == .setDate("2027-06-30"))
        #expect(scenarios[0].stepLines == [4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
    }

    @Test func valuesAreTrimmedLikeCSVCells() throws {
        let scenarios = try ScenarioFile.parse("""
        scenarios:
          - name: spaced
            steps:
              - compromise: {supplier: " yes\\u3000"}
              - set-date: " 2027-06-30 "
        """)
        #expect(scenarios[0].steps == [.compromise(supplier: "yes"), .setDate("2027-06-30")])
    }

    @Test func unknownKeysNameTheKeyAndTheAllowedOnes() throws {
        let error = try #require(throws: ScenarioFileError.self) {
            try ScenarioFile.parse("""
            scenarios:
              - name: typo
                steps:
                  - compromise: {supplier: a}
                  - revoke: {suplier: a}
                  - explode: {supplier: a}
            """, file: "s.yaml")
        }
        #expect(error.errors.map(\.kind) == [.unknownKey, .missingKey, .unknownStep])
        #expect(error.errors[0].description
                == "s.yaml:5: scenario 'typo', step 2 (revoke): unknown key 'suplier' (did you mean 'supplier'?) (allowed: supplier, scheme?)")
        // Nothing is close to 'explode': the allowed kinds alone.
        #expect(error.errors[2].description == "s.yaml:6: scenario 'typo', step 3: unknown step 'explode' (allowed: "
                + ScenarioFile.stepOrder.joined(separator: ", ") + ")")
    }

    @Test func unknownKeysAndKindsSuggestTheNearestAllowedOne() throws {
        let error = try #require(throws: ScenarioFileError.self) {
            try ScenarioFile.parse("""
            scenario:
              - nmae: typo
                steps:
                  - compromize: {supplier: a}
                  - set-prior: {valeu: 0.2}
            """, file: "s.yaml")
        }
        #expect(error.errors.map(\.description).filter { $0.contains("did you mean") } == [
            "s.yaml:1: unknown key 'scenario' (did you mean 'scenarios'?) (allowed: scenarios)",
        ])
        let steps = try #require(throws: ScenarioFileError.self) {
            try ScenarioFile.parse("""
            scenarios:
              - nmae: typo
                steps:
                  - compromize: {supplier: a}
                  - set-prior: {valeu: 0.2}
            """, file: "s.yaml")
        }
        let kinds = ScenarioFile.stepOrder.joined(separator: ", ")
        #expect(steps.errors.map(\.description) == [
            "s.yaml:2: scenario 1: unknown key 'nmae' (did you mean 'name'?) (allowed: name, steps, description)",
            "s.yaml:2: scenario 1: missing 'name'",
            "s.yaml:4: scenario 'scenario 1', step 1: unknown step 'compromize' (did you mean 'compromise'?) (allowed: \(kinds))",
            "s.yaml:5: scenario 'scenario 1', step 2 (set-prior): unknown key 'valeu' (did you mean 'value'?) (allowed: value, supplier?)",
            "s.yaml:5: scenario 'scenario 1', step 2 (set-prior): missing 'value' (expected value, supplier?)",
        ])
    }

    @Test func stepsKeepTheirNumbersWhenAMalformedStepIsLeftOut() throws {
        let (scenarios, errors) = ScenarioFile.read("""
        scenarios:
          - name: y
            steps:
              - revoke: {suplier: a}
              - compromise: {supplier: nobody}
        """, file: "s.yaml")
        #expect(errors.map(\.step) == [1, 1])   // unknown key, then the missing one
        #expect(scenarios[0].stepNumbers == [2])
        let runner = ScenarioRunner(model: TrustModel(try Fixture.load(["suppliers.csv": "id\na\n"])),
                                    parameters: TrustParameters(date: Fixture.exampleDate), options: SolverOptions(threads: 1))
        let error = try #require(throws: ScenarioFileError.self) { try runner.validate(scenarios, file: "s.yaml") }
        #expect(error.errors.map(\.description) == ["s.yaml:5: scenario 'y', step 2 (compromise): unknown supplier 'nobody'"])
    }

    @Test func anUnknownSupplierSuggestsThoseStillPresent() throws {
        let runner = ScenarioRunner(model: TrustModel(try Fixture.load(["suppliers.csv": "id\nhoster-a\nhoster-b\ncdn\n"])),
                                    parameters: TrustParameters(date: Fixture.exampleDate), options: SolverOptions(threads: 1))
        let error = try #require(throws: ScenarioFileError.self) {
            try runner.validate([Scenario(name: "typos", steps: [
                .compromise(supplier: "hoster-c"),
                .exit(supplier: "hoster-a"),
                .compromise(supplier: "hoster-c"),
                .compromise(supplier: "cnd"),
            ])], file: "s.yaml")
        }
        // Once hoster-a has exited, only hoster-b is suggested; 'cnd' is two edits from 'cdn'.
        #expect(error.errors.map(\.message) == [
            "unknown supplier 'hoster-c' (did you mean 'hoster-a', 'hoster-b'?)",
            "unknown supplier 'hoster-c' (did you mean 'hoster-b'?)",
            "unknown supplier 'cnd' (did you mean 'cdn'?)",
        ])
    }

    @Test func invalidYAMLIsAnErrorWithItsLine() throws {
        let error = try #require(throws: ScenarioFileError.self) {
            try ScenarioFile.parse("scenarios:\n  - name: x\n    steps: [\n", file: "bad.yaml")
        }
        #expect(error.errors.first?.kind == .syntax)
        #expect(error.errors.first?.line == 4)
    }

    @Test func duplicateKeyIsAnErrorWithItsLine() throws {
        let error = try #require(throws: ScenarioFileError.self) {
            try ScenarioFile.parse("scenarios:\n  - name: x\n    steps:\n      - compromise: {supplier: a, supplier: b}\n", file: "dup.yaml")
        }
        #expect(error.errors.first?.kind == .syntax)
        #expect(error.errors.first?.line == 4)
        #expect(error.errors.first?.description.hasPrefix("dup.yaml:4: not valid YAML") == true)
    }
}

@Suite struct ScenarioRunnerTests {
    static let date = Fixture.exampleDate

    private func runner(_ example: String) throws -> ScenarioRunner {
        let (dataset, _) = try DatasetLoader.load(directory: Fixture.example(example))
        return ScenarioRunner(model: TrustModel(dataset), parameters: TrustParameters(date: Self.date), options: SolverOptions(threads: 1))
    }

    @Test func contractExampleEveryStepKind() throws {
        let runner = try runner("whatif")
        let text = try String(contentsOfFile: Fixture.example("whatif") + "/scenarios.yaml", encoding: .utf8)
        let scenarios = try ScenarioFile.parse(text)
        let expected = try Fixture.csvRows(Fixture.example("whatif") + "/expected.csv")
        var got: [String: (Double, Double, Double)] = [:]
        for scenario in scenarios {
            let outcome = try runner.run(scenario)
            for i in outcome.present {
                got[scenario.name + "|" + outcome.model.dataset.suppliers.id(i)] =
                    (outcome.baseline.trust[i], outcome.solution.trust[i], outcome.delta(i))
            }
        }
        #expect(got.count == expected.count)
        for row in expected {
            let value = try #require(got[row["scenario"]! + "|" + row["id"]!], "\(row)")
            #expect(abs(value.0 - Double(row["baseline"]!)!) < 1e-12)
            #expect(abs(value.1 - Double(row["trust"]!)!) < 1e-12, "\(row)")
            #expect(abs(value.2 - Double(row["delta"]!)!) < 1e-12)
        }
    }

    @Test func stepErrorsNameScenarioStepLineAndWhatWasNotFound() throws {
        let runner = try runner("whatif")
        let scenarios = try ScenarioFile.parse("""
        scenarios:
          - name: bad
            steps:
              - exit: {supplier: h1}
              - compromise: {supplier: h1}
              - revoke: {supplier: h2}
              - remove-dependency: {consumer: app, provider: lib}
              - set-assurance: {scheme: NOPE, assurance: 0.1}
              - add-dependency: {consumer: app, provider: app}
        """, file: "bad.yaml")
        let error = try #require(throws: ScenarioFileError.self) { try runner.validate(scenarios, file: "bad.yaml") }
        #expect(error.errors.map(\.description) == [
            "bad.yaml:5: scenario 'bad', step 2 (compromise): supplier 'h1' has already exited",
            "bad.yaml:6: scenario 'bad', step 3 (revoke): 'h2' has no certification to revoke",
            "bad.yaml:7: scenario 'bad', step 4 (remove-dependency): no dependency row 'app' → 'lib'",
            "bad.yaml:8: scenario 'bad', step 5 (set-assurance): unknown scheme 'NOPE' (not built in and not in schemes.csv)",
            "bad.yaml:9: scenario 'bad', step 6 (add-dependency): self-dependency: 'app' would depend on itself",
        ])
    }

    @Test func anEmptyGroupPicksThePairsRowsWithoutAGroup() throws {
        let dataset = try Fixture.load([
            "suppliers.csv": "id\na\np\nq\n",
            "dependencies.csv": "consumer,provider,criticality,group\na,p,high,\na,p,low,g\na,q,low,g\n",
        ])
        let runner = ScenarioRunner(model: TrustModel(dataset), parameters: TrustParameters(date: Self.date), options: SolverOptions(threads: 1))
        let outcome = try runner.run(Scenario(name: "ungrouped", steps: [.removeDependency(consumer: "a", provider: "p", group: "")]))
        let rows = outcome.model.dataset.dependencies
        #expect(rows.count == 2)
        #expect(rows.weight == [0.1, 0.1])
        // Without `group`, every row of the pair goes.
        let all = try runner.run(Scenario(name: "all", steps: [.removeDependency(consumer: "a", provider: "p")]))
        #expect(all.model.dataset.dependencies.count == 1)
        // A pair with no ungrouped row: the error says so.
        let error = try #require(throws: ScenarioFileError.self) {
            try runner.validate([Scenario(name: "none", steps: [.removeDependency(consumer: "a", provider: "q", group: "")])], file: "s.yaml")
        }
        #expect(error.errors.first?.message == "no dependency row 'a' → 'q' without a group")
    }

    @Test func aScenarioNeverChangesTheBaseline() throws {
        let runner = try runner("whatif")
        let before = runner.baseline.trust
        let scenario = Scenario(name: "x", steps: [.compromise(supplier: "h2"), .exit(supplier: "dns"), .setDate("2030-01-01")])
        let first = try runner.run(scenario)
        let second = try runner.run(scenario)
        #expect(runner.baseline.trust == before)
        #expect(first.solution.trust.map(\.bitPattern) == second.solution.trust.map(\.bitPattern))
        #expect(runner.model.dataset.dependencies.count == 5)
    }

    /// Random scenarios on generated datasets: the incremental re-solve equals a full solve, bit for bit.
    @Test(arguments: [11, 12, 13] as [UInt64])
    func incrementalEqualsFullSolve(seed: UInt64) throws {
        let dataset = try DatasetLoader.load(contents: DatasetGenerator(suppliers: 3000, seed: seed).files()).0
        let model = TrustModel(dataset)
        let runner = ScenarioRunner(model: model, parameters: TrustParameters(date: Day(year: 2026, month: 6, day: 30)!),
                                    options: SolverOptions(threads: 1))
        var rng = SplitMix64(seed: seed)
        let n = dataset.suppliers.count
        func id() -> String { dataset.suppliers.id(rng.below(n)) }
        var ran = 0
        var partial = 0
        for round in 0..<12 {
            var steps: [ScenarioStep] = []
            for _ in 0..<(1 + rng.below(3)) {
                let r = dataset.dependencies.count > 0 ? rng.below(dataset.dependencies.count) : 0
                let consumer = dataset.suppliers.id(Int(dataset.dependencies.consumer[r]))
                let provider = dataset.suppliers.id(Int(dataset.dependencies.provider[r]))
                switch rng.below(7) {
                case 0: steps.append(.compromise(supplier: id()))
                case 1: steps.append(.exit(supplier: provider))
                case 2: steps.append(.addCertification(supplier: id(), scheme: "BSI-C5"))
                case 3: steps.append(.setCriticality(consumer: consumer, provider: provider, criticality: "critical"))
                case 4: steps.append(.removeDependency(consumer: consumer, provider: provider))
                case 5: steps.append(.setPrior(value: "0.05", supplier: id()))
                default: steps.append(.addDependency(consumer: id(), provider: id(), criticality: "high", group: "g\(round)"))
                }
            }
            let scenario = Scenario(name: "round \(round)", steps: steps)
            guard (try? runner.validate([scenario])) != nil else { continue }
            let incremental = try runner.run(scenario)
            let full = try runner.runFromScratch(scenario)
            for i in incremental.present {
                #expect(incremental.solution.trust[i].bitPattern == full.solution.trust[i].bitPattern, "\(steps) supplier \(i)")
            }
            ran += 1
            if incremental.solution.report.solvedSuppliers < n / 2 { partial += 1 }
        }
        #expect(ran >= 6)
        #expect(partial >= 3, "the incremental path should re-solve only part of the graph")
    }
}
