import Foundation
import Testing
@testable import TrustGraphCore

/// The compressed graph: groups, members and consumer lists, the same on any thread count.
@Suite struct SupplyGraphTests {
    @Test func aConsumerWithThousandsOfRowsIsGroupedAndDeduplicated() throws {
        // a names p1…p1000 twice in group g, then each once without a group.
        var suppliers = "id\na\n", rows = "consumer,provider,group\n"
        for k in 1...1000 { suppliers += "p\(k)\n" }
        for _ in 0..<2 { for k in stride(from: 1000, through: 1, by: -1) { rows += "a,p\(k),g\n" } }
        for k in 1...1000 { rows += "a,p\(k),\n" }
        let dataset = try Fixture.load(["suppliers.csv": suppliers, "dependencies.csv": rows])
        let graph = SupplyGraph(dataset, threads: 2)
        let groups = graph.groups(of: 0)
        #expect(groups.count == 1001)
        let g = try #require(groups.first { graph.groupLabel[$0] == dataset.groupLabel("g") })
        // First occurrences in file order, no repeats.
        #expect(Array(graph.providers(ofGroup: g)) == (1...1000).reversed().map { Int32($0) })
        for j in 1...1000 { #expect(Array(graph.consumers(of: j)) == [0]) }
    }

    @Test func aProviderInTwoGroupsIsOneConsumerLink() throws {
        let dataset = try Fixture.load([
            "suppliers.csv": "id\na\nb\nc\n",
            "dependencies.csv": "consumer,provider,criticality,group\na,b,high,x\na,c,high,x\na,b,low,y\nc,b,medium,\n",
        ])
        let graph = SupplyGraph(dataset, threads: 1)
        let a = try #require(dataset.suppliers.find("a")), b = try #require(dataset.suppliers.find("b"))
        let c = try #require(dataset.suppliers.find("c"))
        #expect(graph.groups(of: a).count == 2)
        #expect(graph.groups(of: a).map { Array(graph.providers(ofGroup: $0)) } == [[Int32(b), Int32(c)], [Int32(b)]])
        #expect(graph.groups(of: a).map { graph.groupWeight[$0] } == [0.7, 0.1])
        #expect(Array(graph.consumers(of: b)) == [Int32(a), Int32(c)])
        #expect(Array(graph.consumers(of: c)) == [Int32(a)])
    }

    @Test func rowsAreGroupedByConsumerInFileOrder() {
        // A counting sort, stable within a consumer; rows of emptied groups come last.
        let sorted = RowOrder.byConsumer([0, 0, 1, 3, 3], count: 5)
        #expect(sorted.start == [0, 2, 3, 3, 5, 5])
        #expect(sorted.order == [0, 1, 2, 3, 4])
        let unsorted = RowOrder.byConsumer([1, 0, 1, 0], count: 3)
        #expect(unsorted.start == [0, 2, 4, 4])
        #expect(unsorted.order == [1, 3, 0, 2])
        let withExtra = RowOrder.byConsumer([0, 1], extra: [0], count: 2)
        #expect(withExtra.start == [0, 2, 3])
        #expect(withExtra.order == [0, 2, 1])
    }

    @Test(arguments: [2, 3])
    func rowsGroupedInParallelAreGroupedExactlyAsOnOneThread(threads: Int) {
        // Enough rows for the parallel counting sort (shares of 2^18 rows and more), with extra rows.
        var generator = SystemRandomNumberGenerator()
        let n = 50_000
        let consumers = (0..<800_000).map { _ in Int32.random(in: 0..<Int32(n), using: &generator) }
        let extra = (0..<1_000).map { _ in Int32.random(in: 0..<Int32(n), using: &generator) }
        let one = RowOrder.byConsumer(consumers, extra: extra, count: n, threads: 1)
        let many = RowOrder.byConsumer(consumers, extra: extra, count: n, threads: threads)
        #expect(one.start == many.start)
        #expect(one.order == many.order)
    }

    @Test(arguments: [(40_000, 1), (40_000, 3), (1_025, 2), (1_024, 1)])
    func consumerListsAreTheDistinctConsumersOfEachProviderInOrder(suppliers: Int, threads: Int) throws {
        // Providers fall in buckets (see withConsumerLists): of 64 for 40,000 suppliers, of 2 for
        // 1,025 (the last holds one), of 1 for 1,024.
        let dataset = try DatasetLoader.load(contents: DatasetGenerator(suppliers: suppliers, seed: 4).files()).0
        let graph = SupplyGraph(dataset, threads: threads)
        var expected = [[Int32]](repeating: [], count: graph.supplierCount)
        for i in 0..<graph.supplierCount {
            for j in Set(graph.providers(of: i)) { expected[Int(j)].append(Int32(i)) }
        }
        #expect(graph.consumerStart.count == graph.supplierCount + 1)
        #expect(graph.consumers.count == expected.reduce(0) { $0 + $1.count })
        for j in 0..<graph.supplierCount where Array(graph.consumers(of: j)) != expected[j] {
            Issue.record("consumers of \(j): \(Array(graph.consumers(of: j))) instead of \(expected[j])")
            break
        }
    }

    @Test func theGraphDoesNotDependOnTheThreadCount() throws {
        let dataset = try DatasetLoader.load(contents: DatasetGenerator(suppliers: 40_000, seed: 9).files()).0
        let one = SupplyGraph(dataset, threads: 1), four = SupplyGraph(dataset, threads: 4)
        #expect(one.groupStart == four.groupStart)
        #expect(one.groupWeight == four.groupWeight)
        #expect(one.groupLabel == four.groupLabel)
        #expect(one.memberStart == four.memberStart)
        #expect(one.members == four.members)
        #expect(one.consumerStart == four.consumerStart)
        #expect(one.consumers == four.consumers)
        let schedule = SolveSchedule(one)
        let layoutOne = SolveLayout(graph: one, schedule: schedule, threads: 1)
        let layoutFour = SolveLayout(graph: one, schedule: schedule, threads: 4)
        #expect(layoutOne.graph.members == layoutFour.graph.members)
        #expect(layoutOne.graph.groupStart == layoutFour.graph.groupStart)
        #expect(layoutOne.graph.memberStart == layoutFour.graph.memberStart)
    }
}
