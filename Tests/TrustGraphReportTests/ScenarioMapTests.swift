import Testing
import TrustGraphCore
import TrustGraphGraphviz
@testable import TrustGraphReport

/// Scenario maps: the changed part of the graph, bounded, with data-supplier hooks.
@Suite struct ScenarioMapTests {
    static func outcome() throws -> (ReportInputs, ScenarioOutcome) {
        var inputs = try ReportFixture.inputs(ReportFixture.hostileFiles)
        let runner = ScenarioRunner(model: inputs.model, parameters: ReportFixture.parameters, baseline: inputs.solution,
                                    options: SolverOptions(threads: 1))
        let yaml = "scenarios:\n  - name: bottom breached\n    steps:\n      - compromise: {supplier: \"Müller\\u2028line\"}\n"
        let (scenarios, errors) = ScenarioFile.read(yaml, file: "s.yaml")
        #expect(errors.isEmpty)
        let outcome = try runner.run(try #require(scenarios.first))
        inputs.outcomes = [outcome]
        return (inputs, outcome)
    }

    @Test func theFocusOfAScenarioIsBoundedByMaxNodes() throws {
        let (_, outcome) = try Self.outcome()
        #expect(outcome.changed.count == ReportFixture.hostileIDs.count)  // the compromised one too
        let options = TrustMapOptions(scenario: outcome, maxNodes: 3)
        #expect(options.focus.count == 3 && options.marked.count == 1)
        let map = TrustMap(model: outcome.model, solution: outcome.solution, parameters: outcome.parameters, options: options)
        #expect(map.selection.suppliers.count == 3)
        // Unbounded, every changed supplier and the target.
        #expect(TrustMapOptions(scenario: outcome).focus.count == ReportFixture.hostileIDs.count)
    }

    @Test func aScenarioSectionHasItsMapAndItsChangedRows() throws {
        let (inputs, _) = try Self.outcome()
        let maps = ReportMaps(inputs, maxNodes: 300)
        let document = ReportDocument(inputs, detailed: maps.baseline.selection.suppliers)
        let rendered = try maps.render(document, limits: nil)
        #expect(rendered.failures.isEmpty)
        let scenarioMap = try #require(rendered.maps["scenario-1"])
        #expect(Set(scenarioMap.svg.suppliers) == Set(ReportFixture.hostileIDs))
        let table = try #require(document.tables.first { $0.id == "scenario-1" })
        #expect(table.rows.count == ReportFixture.hostileIDs.count)
        #expect(table.rows.allSatisfy { if case .number(let d) = $0[0] { d < 0 } else { false } })
    }
}
