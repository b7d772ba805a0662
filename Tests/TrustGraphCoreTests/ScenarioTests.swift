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

    @Test func readingAFileReportsItsShapeAndItsStepsTogetherInLineOrder() throws {
        // Line 4's unknown supplier is found by checking the steps, after line 6's unknown key
        // is found by reading the file: the error lists them by line all the same.
        let runner = ScenarioRunner(model: TrustModel(try Fixture.load(["suppliers.csv": "id\na\n"])),
                                    parameters: TrustParameters(date: Fixture.exampleDate), options: SolverOptions(threads: 1))
        let file = ["scenarios:", "  - name: y", "    steps:", "      - compromise: {supplier: nobody}",
                    "      - compromise: {supplier: a}", "      - revoke: {suplier: a}"].joined(separator: "\n")
        let error = try #require(throws: ScenarioFileError.self) { try runner.read(file, file: "s.yaml") }
        #expect(error.errors.map(\.line) == [4, 6, 6])
        #expect(error.errors.map(\.kind) == [.unknownSupplier, .unknownKey, .missingKey])
        let scenarios = try runner.read("scenarios:\n  - name: z\n    steps:\n      - compromise: {supplier: a}\n", file: "s.yaml")
        #expect(scenarios.map(\.name) == ["z"])
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
                    (outcome.baseline.trust[i], outcome.solution.trust[i], try #require(outcome.delta(i)))
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

    @Test func aYAMLErrorQuotesAtMostALittleOfItsLine() throws {
        let text = "scenarios:\n  - name: x\n    steps: [" + String(repeating: "a", count: 1_000_000) + " : : ]\n"
        let (_, errors) = ScenarioFile.read(text, file: "long.yaml")
        let message = try #require(errors.first).description
        #expect(errors.count == 1)
        #expect(message.hasPrefix("long.yaml:3: not valid YAML: "))
        #expect(message.count < 2_000)
        #expect(message.contains("more characters)"))
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

/// `add-supplier` (contract §4, v1.1): a candidate joins with no certification and no row.
@Suite struct AddSupplierTests {
    static let date = Fixture.exampleDate

    private func runner() throws -> ScenarioRunner {
        let (dataset, _) = try DatasetLoader.load(directory: Fixture.example("whatif"))
        return ScenarioRunner(model: TrustModel(dataset), parameters: TrustParameters(date: Self.date), options: SolverOptions(threads: 1))
    }

    /// The candidate, certified, and the application relying on it.
    static let onboarding = Scenario(name: "onboard a CDN", steps: [
        .addSupplier(id: "cdn-new", name: "New CDN", country: "fr", sector: "cdn", prior: "0.25"),
        .addCertification(supplier: "cdn-new", scheme: "ISO27001"),
        .addDependency(consumer: "app", provider: "cdn-new", criticality: "critical"),
    ])

    @Test func aCandidateIsCertifiedAndDependedOn() throws {
        let runner = try runner()
        let outcome = try runner.run(Self.onboarding)
        let suppliers = outcome.model.dataset.suppliers
        // The dataset's six suppliers, then the candidate.
        #expect(outcome.present.map { suppliers.id($0) } == ["app", "h1", "h2", "dns", "lib", "mon", "cdn-new"])
        let cdn = try #require(suppliers.find("cdn-new"))
        #expect(cdn == 6 && outcome.added == [6] && outcome.isAdded(6) && !outcome.isAdded(5))
        #expect(suppliers.name(cdn) == "New CDN" && suppliers.countries[cdn] == "FR" && suppliers.sectors[cdn] == "cdn")
        #expect(suppliers.prior(cdn) == 0.25)
        // cdn-new: ISO27001 with no dates counts its full 0.6, so b = 0.25 + 0.75 × 0.6 = 0.7, and t = b (no rows of its own).
        #expect(abs(outcome.solution.base[cdn] - 0.7) < 1e-12)
        #expect(outcome.solution.trust[cdn] == outcome.solution.base[cdn])
        #expect(outcome.baselineTrust(cdn) == nil && outcome.delta(cdn) == nil)
        // app (b 0.95): hosting passes up 1 × min(0.2, 0.4) = 0.2, dns 0.7 × 0.024, and now
        // cdn-new 1 × (1 − 0.7) = 0.3, the largest: t = 0.7, down from 0.8.
        let app = try #require(suppliers.find("app"))
        #expect(abs(outcome.solution.trust[app] - 0.7) < 1e-12)
        #expect(abs(try #require(outcome.delta(app)) - -0.1) < 1e-12)
        // Only app moved; the candidate is added, not changed.
        #expect(outcome.changed == [app])
        let summary = outcome.summary(threshold: 0.75)
        #expect(summary.suppliers == 6 && summary.added == 1 && summary.exited == 0 && summary.changed == 1)
        // Means over the six present before and after: (0.8 + 0.8 + 0.6 + 0.976 + 0.3 + 0.98) / 6 = 4.456 / 6, then 0.1 / 6 less for app.
        #expect(abs(summary.meanBefore - 4.456 / 6) < 1e-12)
        #expect(abs(summary.meanAfter - 4.356 / 6) < 1e-12)
        #expect(summary.belowBefore == 2 && summary.belowAfter == 3)
        #expect(summary.worst?.id == "app")
        // The baseline's supplier table (its id table is a shared reference) is left as it was.
        #expect(runner.model.dataset.suppliers.count == 6 && runner.model.dataset.suppliers.find("cdn-new") == nil)
        #expect(runner.model.dataset.dependencies.group.map { runner.model.dataset.groupLabelText($0) }
                == ["hosting", "hosting", "dns", "lib", "h1"])
    }

    /// What the scenario gives is what the same dataset gives when written out as files.
    @Test func equalsTheSameDatasetReadFromFiles() throws {
        let runner = try runner()
        let folder = Fixture.example("whatif")
        func file(_ name: String) throws -> String { try String(contentsOfFile: folder + "/" + name, encoding: .utf8) }
        let written = try Fixture.load([
            "suppliers.csv": try file("suppliers.csv") + "cdn-new,New CDN,0.25\n",
            "certifications.csv": try file("certifications.csv") + "cdn-new,ISO27001,,,\n",
            "dependencies.csv": try file("dependencies.csv") + "app,cdn-new,critical,\n",
        ])
        let (model, solution) = Fixture.solve(written)
        let outcome = try runner.run(Self.onboarding)
        for i in 0..<model.supplierCount {
            let id = model.dataset.suppliers.id(i)
            #expect(outcome.solution.trust[outcome.model.dataset.suppliers.find(id)!].bitPattern == solution.trust[i].bitPattern, "\(id)")
        }
    }

    @Test func groupLabelsAfterTheSuppliersStillNameTheirGroups() throws {
        let runner = try runner()
        // 'hosting' is a group label, numbered after the suppliers: it moves up by one
        // when cdn-new joins, and still names app's group of h1 and h2.
        let outcome = try runner.run(Scenario(name: "drop h1 from hosting", steps: [
            .addSupplier(id: "cdn-new"),
            .removeDependency(consumer: "app", provider: "h1", group: "hosting"),
        ]))
        let dataset = outcome.model.dataset
        #expect(dataset.dependencies.group.map { dataset.groupLabelText($0) } == ["hosting", "dns", "lib", "h1"])
        // app: hosting is h2 alone, 1 × 0.4 passed up: t = 0.6.
        #expect(abs(Fixture.trust("app", outcome.model, outcome.solution) - 0.6) < 1e-12)
        // cdn-new: no certification, no row, the global prior.
        #expect(Fixture.trust("cdn-new", outcome.model, outcome.solution) == 0.3)
    }

    @Test func aCandidateNamedLikeAGroupJoinsThatGroup() throws {
        let runner = try runner()
        // A row with no group is in the group named by its provider's id, so app → hosting
        // joins app's 'hosting' group (h1, h2) as a third alternative, as it would in files.
        let outcome = try runner.run(Scenario(name: "a provider called hosting", steps: [
            .addSupplier(id: "hosting", prior: "0.95"),
            .addDependency(consumer: "app", provider: "hosting", criticality: "critical"),
        ]))
        // app: hosting passes up 1 × min(0.2, 0.4, 0.05) = 0.05, its own 1 − b = 0.05: t = b = 0.95.
        #expect(Fixture.trust("app", outcome.model, outcome.solution) == 0.95)
        let folder = Fixture.example("whatif")
        func file(_ name: String) throws -> String { try String(contentsOfFile: folder + "/" + name, encoding: .utf8) }
        let written = try Fixture.load([
            "suppliers.csv": try file("suppliers.csv") + "hosting,hosting,0.95\n",
            "certifications.csv": try file("certifications.csv"),
            "dependencies.csv": try file("dependencies.csv") + "app,hosting,critical,\n",
        ])
        let (model, solution) = Fixture.solve(written)
        #expect(Fixture.trust("app", model, solution) == 0.95)
    }

    @Test func anIdThatExistsOrExitedOrABadValueIsAnError() throws {
        let runner = try runner()
        let error = try #require(throws: ScenarioFileError.self) {
            try runner.validate([Scenario(name: "bad", steps: [
                .addSupplier(id: "h1"),
                .exit(supplier: "h2"),
                .addSupplier(id: "h2"),
                .addSupplier(id: "x", country: "FRA"),
                .addSupplier(id: "y", prior: "1.5"),
                .addSupplier(id: ""),
                .addSupplier(id: "z"),
                .addSupplier(id: "z"),
            ])], file: "s.yaml")
        }
        #expect(error.errors.map(\.description) == [
            "s.yaml: scenario 'bad', step 1 (add-supplier): supplier 'h1' already exists (a new supplier needs a new id)",
            "s.yaml: scenario 'bad', step 3 (add-supplier): supplier 'h2' has exited (a new supplier needs a new id)",
            "s.yaml: scenario 'bad', step 4 (add-supplier): country 'FRA' is not a country code (expected two ASCII letters)",
            "s.yaml: scenario 'bad', step 5 (add-supplier): prior '1.5' is not a number in [0,1]",
            "s.yaml: scenario 'bad', step 6 (add-supplier): empty supplier id (expected a non-empty, unique id)",
            "s.yaml: scenario 'bad', step 8 (add-supplier): supplier 'z' already exists (a new supplier needs a new id)",
        ])
        #expect(error.errors.first?.kind == .duplicateSupplier)
        // Every scenario starts from the baseline: two scenarios may add the same candidate.
        try runner.validate([Scenario(name: "a", steps: [.addSupplier(id: "z")]), Scenario(name: "b", steps: [.addSupplier(id: "z")])])
    }

    @Test func readFromYAML() throws {
        let scenarios = try ScenarioFile.parse("""
        scenarios:
          - name: candidate
            steps:
              - add-supplier: {id: "0123", name: Candidate, country: de, sector: saas, prior: 0.4}
              - add-supplier: {id: bare}
        """)
        #expect(scenarios[0].steps == [
            .addSupplier(id: "0123", name: "Candidate", country: "de", sector: "saas", prior: "0.4"),
            .addSupplier(id: "bare"),
        ])
        #expect(scenarios[0].steps[0].kind == "add-supplier" && scenarios[0].steps[0].suppliers == ["0123"])
        let error = try #require(throws: ScenarioFileError.self) {
            try ScenarioFile.parse("scenarios:\n  - name: x\n    steps:\n      - add-supplier: {name: x}\n", file: "s.yaml")
        }
        #expect(error.errors.map(\.description) == [
            "s.yaml:4: scenario 'x', step 1 (add-supplier): missing 'id' (expected id, name?, country?, sector?, prior?)",
        ])
    }

    /// Scenarios that add suppliers, then certify them, depend on them, make them depend on
    /// others, compromise or remove them: the run equals a full solve of the changed dataset.
    @Test(arguments: [21, 22] as [UInt64])
    func runEqualsFullSolveWithAddedSuppliers(seed: UInt64) throws {
        let dataset = try DatasetLoader.load(contents: DatasetGenerator(suppliers: 2000, seed: seed).files()).0
        let runner = ScenarioRunner(model: TrustModel(dataset), parameters: TrustParameters(date: Day(year: 2026, month: 6, day: 30)!),
                                    options: SolverOptions(threads: 1))
        var rng = SplitMix64(seed: seed)
        let n = dataset.suppliers.count
        func id() -> String { dataset.suppliers.id(rng.below(n)) }
        var ran = 0
        for round in 0..<8 {
            let candidate = "candidate-\(round)"
            var steps: [ScenarioStep] = [.addSupplier(id: candidate, prior: "0.4"),
                                         .addCertification(supplier: candidate, scheme: "SOC2-TYPE2"),
                                         .addDependency(consumer: id(), provider: candidate, criticality: "critical", group: "g\(round)")]
            switch rng.below(4) {
            case 0: steps.append(.addDependency(consumer: candidate, provider: id(), criticality: "high"))
            case 1: steps.append(.compromise(supplier: candidate))
            case 2: steps.append(.exit(supplier: candidate))
            default: steps.append(.setPrior(value: "0.1", supplier: candidate))
            }
            let scenario = Scenario(name: "round \(round)", steps: steps)
            guard (try? runner.validate([scenario])) != nil else { continue }
            let run = try runner.run(scenario)
            let full = try runner.runFromScratch(scenario)
            #expect(run.present == full.present)
            #expect(run.solution.trust.map(\.bitPattern) == full.solution.trust.map(\.bitPattern), "\(steps)")
            #expect(run.present.count == n + (run.exited.contains(n) ? 0 : 1))
            ran += 1
        }
        #expect(ran >= 6)
    }
}
