import Testing
import TrustGraphCore
import TrustGraphGraphviz

@Suite struct TrustMapSelectionTests {
    /// a → b → c → d → e (each depends on the next), x → d and y → x: x is a sibling of c
    /// (another consumer of d), y is further up that side.
    static func line() throws -> (TrustModel, TrustSolution) {
        try MapFixture.chain(["a", "b", "c", "d", "e", "x", "y"], ["a>b", "b>c", "c>d", "d>e", "x>d", "y>x"])
    }

    static func focus(_ ids: [String], depth: Int, direction: FocusDirection, maxNodes: Int = 300,
                      in fixture: (TrustModel, TrustSolution)) throws -> TrustMapSelection {
        let (model, solution) = fixture
        let focus = try TrustMapOptions.suppliers(ids, in: model.dataset.suppliers)
        return TrustMapSelection(model: model, solution: solution,
                                 options: TrustMapOptions(focus: focus, depth: depth, direction: direction, maxNodes: maxNodes))
    }

    @Test(arguments: [
        (FocusDirection.providers, 1, ["c", "d"]),
        (.providers, 2, ["c", "d", "e"]),
        (.consumers, 1, ["b", "c"]),
        (.consumers, 5, ["a", "b", "c"]),
        (.both, 1, ["b", "c", "d"]),
        (.both, 2, ["a", "b", "c", "d", "e"]),
        (.both, 0, ["c"]),
    ])
    func focusFollowsTheDirectionToTheDepth(direction: FocusDirection, depth: Int, expected: [String]) throws {
        let fixture = try Self.line()
        let selection = try Self.focus(["c"], depth: depth, direction: direction, in: fixture)
        #expect(MapFixture.ids(selection, fixture.0) == Set(expected))
        #expect(selection.rule == .neighbourhood(depth: depth, direction: direction))
        #expect(selection.leftOut == 0)
        #expect(selection.completeDepth == depth)
        #expect(selection.total == 7)
    }

    @Test func bothConesLeaveOutSiblings() throws {
        let fixture = try Self.line()
        let selection = try Self.focus(["c"], depth: 3, direction: .both, in: fixture)
        let ids = MapFixture.ids(selection, fixture.0)
        #expect(!ids.contains("x"))
        #expect(!ids.contains("y"))
    }

    @Test func severalFocusSuppliersUnionTheirNeighbourhoods() throws {
        let fixture = try Self.line()
        let selection = try Self.focus(["a", "y"], depth: 1, direction: .providers, in: fixture)
        #expect(MapFixture.ids(selection, fixture.0) == ["a", "b", "y", "x"])
    }

    @Test func maxNodesKeepsTheNearestFirst() throws {
        let fixture = try Self.line()
        let selection = try Self.focus(["c"], depth: 2, direction: .both, maxNodes: 3, in: fixture)
        #expect(MapFixture.ids(selection, fixture.0) == ["b", "c", "d"])
        #expect(selection.reached == 5)
        #expect(selection.leftOut == 2)
        #expect(selection.completeDepth == 1)
    }

    @Test func withinOneDistanceLowestTrustComesFirst() throws {
        // c depends on d and e (both one hop away); e has a lower prior, so it wins the one free place.
        let (model, solution) = try MapFixture.solve([
            "suppliers.csv": "id,prior\nc,0.5\nd,0.6\ne,0.1\n",
            "dependencies.csv": "consumer,provider,criticality\nc,d,low\nc,e,low\n",
        ])
        let focus = try TrustMapOptions.suppliers(["c"], in: model.dataset.suppliers)
        let selection = TrustMapSelection(model: model, solution: solution,
                                          options: TrustMapOptions(focus: focus, depth: 1, direction: .providers, maxNodes: 2))
        #expect(MapFixture.ids(selection, model) == ["c", "e"])
        #expect(selection.completeDepth == 0)
    }

    @Test func focusAndMarkedAreAlwaysKept() throws {
        let (model, solution) = try Self.line()
        let suppliers = model.dataset.suppliers
        let options = TrustMapOptions(focus: [suppliers.find("a")!, suppliers.find("e")!], depth: 1,
                                      direction: .providers, maxNodes: 1, marked: [suppliers.find("y")!])
        let selection = TrustMapSelection(model: model, solution: solution, options: options)
        #expect(MapFixture.ids(selection, model) == ["a", "e", "y"])
    }

    @Test func everythingFitsWithoutACut() throws {
        let (model, solution) = try Self.line()
        let selection = TrustMapSelection(model: model, solution: solution, options: TrustMapOptions(maxNodes: 7))
        #expect(selection.suppliers == Array(0..<7))
        #expect(selection.rule == .everything)
        #expect(selection.leftOut == 0)
    }

    @Test func overviewKeepsTheHubAndStaysConnected() throws {
        // A hub with twelve consumers of falling trust, and a few unrelated pairs.
        var priors = "id,prior\nhub,0.9\n"
        var dependencies = "consumer,provider,criticality\n"
        for k in 0..<12 {
            priors += "c\(k),\(TextTable.fixed(0.8 - Double(k) * 0.05, 2))\n"
            dependencies += "c\(k),hub,low\n"
        }
        for k in 0..<4 {
            priors += "p\(k),0.05\nq\(k),0.05\n"
            dependencies += "p\(k),q\(k),critical\n"
        }
        let (model, solution) = try MapFixture.solve(["suppliers.csv": priors, "dependencies.csv": dependencies])
        let selection = TrustMapSelection(model: model, solution: solution, options: TrustMapOptions(maxNodes: 5))
        let kept = MapFixture.ids(selection, model)
        #expect(selection.rule == .overview)
        #expect(selection.suppliers.count == 5)
        #expect(selection.leftOut == model.supplierCount - 5)
        #expect(kept.contains("hub"))
        // Grown from the hub: every other kept supplier is one of its consumers.
        #expect(kept.subtracting(["hub"]).allSatisfy { $0.hasPrefix("c") })
    }

    @Test func overviewFollowsTheChainThatLimitsAWeakProvider() throws {
        // w has many consumers and is limited by l1, which is limited by l2.
        var suppliers = "id,prior\nw,0.9\nl1,0.9\nl2,0.1\n"
        var dependencies = "consumer,provider,criticality\nw,l1,critical\nl1,l2,critical\n"
        for k in 0..<6 {
            suppliers += "c\(k),0.9\n"
            dependencies += "c\(k),w,low\n"
        }
        let (model, solution) = try MapFixture.solve(["suppliers.csv": suppliers, "dependencies.csv": dependencies])
        let selection = TrustMapSelection(model: model, solution: solution, options: TrustMapOptions(maxNodes: 4))
        #expect(MapFixture.ids(selection, model).isSuperset(of: ["w", "l1", "l2"]))
    }

    @Test func unknownFocusSuggestsCloseIDs() throws {
        let (model, _) = try MapFixture.chain(["hoster-a", "hoster-b", "cdn"], [])
        #expect(throws: UnknownSupplierError(id: "hoster-x", suggestions: ["hoster-a", "hoster-b"])) {
            try TrustMapOptions.suppliers(["cdn", "hoster-x"], in: model.dataset.suppliers)
        }
        #expect(UnknownSupplierError(id: "cc", suggestions: ["c"]).description == "unknown supplier 'cc' (did you mean 'c'?)")
    }

    @Test func distancesFollowEachCone() throws {
        let (model, _) = try Self.line()
        let c = model.dataset.suppliers.find("c")!
        let distance = TrustMapSelection.distances(model.graph, from: [c], depth: 9, direction: .both)
        let byID = Dictionary(uniqueKeysWithValues: (0..<model.supplierCount).map { (model.dataset.suppliers.id($0), distance[$0]) })
        #expect(byID == ["a": 2, "b": 1, "c": 0, "d": 1, "e": 2, "x": -1, "y": -1])
    }
}
