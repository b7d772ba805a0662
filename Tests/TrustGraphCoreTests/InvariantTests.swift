import Testing
@testable import TrustGraphCore

/// The structures the solver reads through unchecked views keep their invariants
/// (`_checkInvariants()`, which debug builds also run as each is built), and a
/// structure that breaks one is caught.
@Suite struct InvariantTests {
    /// Checks every structure of a model, its renumbered copy included.
    private func checkAll(_ model: TrustModel) {
        model.graph._checkInvariants()
        model.schedule._checkInvariants(against: model.graph)
        model.layout.graph._checkInvariants()
        model.layout.schedule._checkInvariants(against: model.layout.graph)
        model.dataset.suppliers.index._checkInvariants()
        model.dataset.dependencies.serviceNames._checkInvariants()
        model.dataset.dependencies.extraLabels._checkInvariants()
    }

    @Test(arguments: [(3_000, 1), (3_000, 2), (70_000, 3)])
    func generatedDatasetsKeepTheirInvariants(suppliers: Int, seed: UInt64) throws {
        // 70,000 suppliers: ids interned in shards (from 65,536 on).
        let dataset = try DatasetLoader.load(contents: DatasetGenerator(suppliers: suppliers, seed: seed).files()).0
        checkAll(TrustModel(dataset))
    }

    @Test func theContractExamplesKeepTheirInvariants() throws {
        for name in ["analyze", "certs", "cycles", "evidence", "redundancy", "whatif", "worst_group"] {
            let (dataset, _) = try DatasetLoader.load(directory: Fixture.example(name))
            checkAll(TrustModel(dataset))
        }
    }

    @Test func aChangedDatasetKeepsItsInvariants() throws {
        // Exits empty groups and added rows make a new graph; every scenario's model is checked.
        let dataset = try DatasetLoader.load(contents: DatasetGenerator(suppliers: 2_000, seed: 5).files()).0
        let runner = ScenarioRunner(model: TrustModel(dataset), parameters: TrustParameters(date: Fixture.exampleDate))
        let (scenarios, errors) = ScenarioFile.read("""
            scenarios:
              - name: two exits and a new provider
                steps:
                  - exit: {supplier: cloud-1}
                  - exit: {supplier: host-2}
                  - add-dependency: {consumer: saas-1, provider: cdn-1, criticality: critical, group: new}
            """, file: "changes.yaml")
        #expect(errors.isEmpty)
        for scenario in scenarios { checkAll(try runner.run(scenario).model) }
    }

    @Test func anInternTableFindsEveryValue() {
        var table = InternTable()
        for k in 0..<5_000 { table.intern(k % 7 == 0 ? "a-longer-identifier-than-a-slot-holds-\(k)" : "id-\(k)") }
        table._checkInvariants()
    }

    #if DEBUG
    @Test func aGraphWhoseOffsetsFallIsCaught() async {
        await #expect(processExitsWith: .failure) {
            _ = SupplyGraph(supplierCount: 2, groupStart: [0, 1, 0], groupWeight: [1], groupLabel: [0], memberStart: [0, 1],
                            members: [1], consumerStart: [], consumers: [])
        }
    }

    @Test func aGraphWithAProviderOutOfRangeIsCaught() async {
        await #expect(processExitsWith: .failure) {
            _ = SupplyGraph(supplierCount: 2, groupStart: [0, 1, 1], groupWeight: [1], groupLabel: [0], memberStart: [0, 1],
                            members: [2], consumerStart: [], consumers: [])
        }
    }

    @Test func aScheduleThatIsNoPermutationIsCaught() async {
        await #expect(processExitsWith: .failure) {
            SolveSchedule(order: [0, 0], componentStart: [0, 1, 2], levelStart: [0, 2], component: [0, 1])._checkInvariants()
        }
    }

    @Test func aScheduleWhereAProviderComesLaterIsCaught() async {
        await #expect(processExitsWith: .failure) {
            // 0 depends on 1, but both are in level 0.
            let graph = SupplyGraph(supplierCount: 2, groupStart: [0, 1, 1], groupWeight: [1], groupLabel: [0], memberStart: [0, 1],
                                    members: [1], consumerStart: [], consumers: [])
            SolveSchedule(order: [0, 1], componentStart: [0, 1, 2], levelStart: [0, 2], component: [0, 1])
                ._checkInvariants(against: graph)
        }
    }

    @Test func anInternTableMissingAValueIsCaught() async {
        await #expect(processExitsWith: .failure) {
            var table = InternTable()
            table.intern("a")
            for k in 0..<table.slots.count { table.slots.base[k] = InternTable.Slot() }
            table._checkInvariants()
        }
    }
    #endif
}
