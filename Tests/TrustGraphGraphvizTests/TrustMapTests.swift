import Foundation
import Testing
import TrustGraphCore
import TrustGraphGraphviz

@Suite struct TrustMapTests {
    static func shopMap(_ options: TrustMapOptions = TrustMapOptions()) throws -> (TrustModel, TrustMap) {
        let (model, solution) = try MapFixture.solve(MapFixture.shop)
        return (model, TrustMap(model: model, solution: solution, parameters: MapFixture.parameters, options: options))
    }

    @Test func dotMatchesTheGoldenFile() throws {
        let (_, map) = try Self.shopMap()
        let actual = map.dot
        if actual != TrustMapGolden.shop {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = TrustMapGolden.shop.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
            Issue.record("DOT differs from the golden file at line \(line + 1):\n  got:      \(line < a.count ? a[line] : "<end>")\n  expected: \(line < e.count ? e[line] : "<end>")")
        }
    }

    @Test func everySupplierAppearsOnceInDOTAndSVG() throws {
        let (model, map) = try Self.shopMap()
        let suppliers = model.dataset.suppliers
        let svg = try GraphvizRenderer.render(map.dot, engine: map.engine, format: "svg")
        let document = SVGDocument(svg.bytes)
        #expect(document.parseError == nil)
        let supplierNodes = document.nodeIDs.filter { $0.hasPrefix("s-") }
        #expect(supplierNodes.sorted() == (0..<suppliers.count).map { TrustMapIdentifiers.node(supplier: suppliers.id($0)) }.sorted())
        #expect(Set(document.ids).count == document.ids.count, "ids are unique")
        for i in 0..<suppliers.count {
            let id = TrustMapIdentifiers.node(supplier: suppliers.id(i))
            #expect(map.dot.components(separatedBy: "\n  \"\(id)\" [").count == 2, "\(id) is declared once")
        }
    }

    @Test func markersFollowTheModel() throws {
        let (_, map) = try Self.shopMap()
        let dot = map.dot
        // host-b's only certificate is revoked, cdn's expired, lib has none: dashed.
        for id in ["host-b", "cdn", "lib"] {
            #expect(line(of: "s-\(id)", in: dot).contains("style=\"filled,dashed\""), "\(id) is dashed")
        }
        for id in ["shop", "host-a", "idp", "msp"] {
            #expect(!line(of: "s-\(id)", in: dot).contains("dashed"), "\(id) is not dashed")
        }
        // The shop is pulled below its base trust by its dependencies.
        #expect(line(of: "s-shop", in: dot).contains("label=\"Shop Online\\n&#9660; "))
        // The hosting group goes through an "or" junction; alternatives and the stem share it.
        #expect(dot.contains("\"g-shop__hosting\" [id=\"g-shop__hosting\", label=\"or\""))
        #expect(dot.contains("\"s-shop\" -> \"g-shop__hosting\""))
        #expect(dot.contains("\"g-shop__hosting\" -> \"s-host-a\""))
        #expect(dot.contains("\"g-shop__hosting\" -> \"s-host-b\""))
        // Criticality sets the width: critical 3.5, low 1.07.
        #expect(line(of: "\"s-shop\" -> \"g-shop__hosting\"", in: dot).contains("penwidth=\"3.5\""))
        #expect(line(of: "\"s-host-a\" -> \"s-msp\"", in: dot).contains("penwidth=\"1.07\""))
        // Tooltips carry certification status and the limiting chain.
        #expect(line(of: "s-host-b", in: dot).contains("ISO27001: revoked: counts 0"))
        #expect(line(of: "s-cdn", in: dot).contains("SOC2-TYPE2: expired on 2026-03-01: counts 0"))
        #expect(line(of: "s-idp", in: dot).contains("valid until 2027-06-01, partial scope: counts 0.30"))
        #expect(line(of: "s-shop", in: dot).contains("Limiting chain:"))
        #expect(line(of: "s-shop", in: dot).contains("contact: security@shop.example"))
    }

    @Test func smallViewsUseDotLargeOnesSfdp() throws {
        #expect(TrustMap.defaultEngine(suppliers: 150) == "dot")
        #expect(TrustMap.defaultEngine(suppliers: 151) == "sfdp")
        #expect(TrustMap.defaultEngine(suppliers: 100, edges: 300) == "dot")
        #expect(TrustMap.defaultEngine(suppliers: 100, edges: 301) == "sfdp")
        let (_, map) = try Self.shopMap()
        #expect(map.engine == "dot")
        #expect(map.dot.contains("layout=\"dot\""))
        let (_, forced) = try Self.shopMap(TrustMapOptions(engine: "neato"))
        #expect(forced.engine == "neato")
    }

    @Test func aSmallDenseViewIsLaidOutBySfdp() throws {
        // 100 suppliers, 1,400 critical rows in groups: dot ran for minutes on this shape.
        var rows = "consumer,provider,criticality,group\n"
        var count = 0
        outer: for c in 0..<100 {
            for step in 1...14 {
                rows += "s\(c),s\((c + step * 7) % 100),critical,g\(step % 5)\n"
                count += 1
                if count == 1400 { break outer }
            }
        }
        let (model, solution) = try MapFixture.solve(["suppliers.csv": "id\n" + (0..<100).map { "s\($0)\n" }.joined(),
                                                      "dependencies.csv": rows])
        let map = TrustMap(model: model, solution: solution, parameters: MapFixture.parameters)
        #expect(map.selection.suppliers.count == 100)
        #expect(map.engine == "sfdp")
    }

    @Test func leftOutSuppliersAreNamedInTheLabelAndNotes() throws {
        let (model, solution) = try MapFixture.solve(["suppliers.csv": "id\n" + (0..<40).map { "s\($0)\n" }.joined()])
        let map = TrustMap(model: model, solution: solution, parameters: MapFixture.parameters, options: TrustMapOptions(maxNodes: 10))
        #expect(map.selection.suppliers.count == 10)
        #expect(map.dot.contains("30 of 40 suppliers left out"))
        #expect(map.notes == ["note: showing 10 of 40 suppliers; 30 left out (raise --max-nodes or use --focus)"])
        let (_, all) = try Self.shopMap()
        #expect(all.notes.isEmpty)
    }

    @Test func clustersGroupByCountry() throws {
        let (_, map) = try Self.shopMap(TrustMapOptions(cluster: .country))
        let dot = map.dot
        #expect(dot.contains("subgraph cluster_DE {"))
        #expect(dot.contains("id=\"c-country-DE\", label=\"DE &#183; 3\""))
        // lib has no country: it stays outside every cluster.
        let svg = SVGDocument(try GraphvizRenderer.render(dot, engine: "dot", format: "svg").bytes)
        #expect(svg.parseError == nil)
        #expect(svg.ids.contains("c-country-DE") && svg.ids.contains("c-country-NL"))
    }

    @Test func whatIfHookColoursByDeltaAndMarksTargets() throws {
        let (model, solution) = try MapFixture.solve(MapFixture.shop)
        let suppliers = model.dataset.suppliers
        var delta = [Double](repeating: 0, count: suppliers.count)
        delta[suppliers.find("shop")!] = -0.2
        delta[suppliers.find("cdn")!] = -0.4
        let marked: Set<Int> = [suppliers.find("cdn")!]
        let map = TrustMap(model: model, solution: solution, parameters: MapFixture.parameters,
                           options: TrustMapOptions(delta: delta, marked: marked, markedMeaning: "compromised"))
        let dot = map.dot
        #expect(line(of: "s-cdn", in: dot).contains("fillcolor=\"\(TrustMapStyle.deltaColors[0])\""))
        #expect(line(of: "s-cdn", in: dot).contains("penwidth=\"4\""))
        #expect(line(of: "s-shop", in: dot).contains("fillcolor=\"\(TrustMapStyle.deltaColors[1])\""))
        #expect(line(of: "s-shop", in: dot).contains("(&#916; &#8722;0.200)"))
        #expect(line(of: "s-msp", in: dot).contains("fillcolor=\"\(TrustMapStyle.deltaColors[4])\""))
        #expect(dot.contains("Fill: change in trust"))
        #expect(dot.contains("compromised"))
    }

    @Test func overviewOfAGeneratedDatasetDrawsEveryKeptSupplierOnce() throws {
        let files = DatasetGenerator(suppliers: 400, seed: 3).files()
        let (dataset, _) = try DatasetLoader.load(contents: files)
        let model = TrustModel(dataset)
        let solution = model.solve(MapFixture.parameters, options: SolverOptions(threads: 1))
        let map = TrustMap(model: model, solution: solution, parameters: MapFixture.parameters,
                           options: TrustMapOptions(maxNodes: 160))
        #expect(map.selection.rule == .overview)
        #expect(map.selection.suppliers.count == 160)
        #expect(map.engine == "sfdp")
        let document = SVGDocument(try TrustMapFile.render(map, as: .svg).bytes)
        #expect(document.parseError == nil)
        let drawn = document.nodeIDs.filter { $0.hasPrefix("s-") }.sorted()
        #expect(drawn == map.selection.suppliers.map { TrustMapIdentifiers.node(supplier: dataset.suppliers.id($0)) }.sorted())
        #expect(map.dot.contains("240 of 400 suppliers left out"))
    }

    @Test func colourScalesAgreeWithThePrintedNumber() {
        #expect(TrustMapStyle.trustClass(0.0) == 0)
        #expect(TrustMapStyle.trustClass(0.4999) == 5, "printed as 0.50, so coloured as 0.5–0.6")
        #expect(TrustMapStyle.trustClass(0.494) == 4)
        #expect(TrustMapStyle.trustClass(0.7) == 7)
        #expect(TrustMapStyle.trustClass(1.0) == 9)
        #expect(TrustMapStyle.deltaClass(-0.5) == 0)
        #expect(TrustMapStyle.deltaClass(-0.2) == 1)
        #expect(TrustMapStyle.deltaClass(-0.0001) == 4)
        #expect(TrustMapStyle.deltaClass(0.1) == 6)
        #expect(TrustMapStyle.deltaClass(0.3) == 8)
    }

    @Test(arguments: [("saas-crm", SectorFamily.applications), ("hosting", .cloud), ("ddos-protection", .security),
                      ("CDN", .network), ("payments", .payments), ("msp", .services), ("open-source", .software),
                      ("hardware", .hardware), ("retail", .other), ("", .other)])
    func sectorsFallIntoFamilies(sector: String, family: SectorFamily) {
        #expect(SectorFamily(sector: sector) == family)
    }

    @Test func sameInputGivesByteIdenticalSVG() throws {
        let (_, first) = try Self.shopMap()
        let (_, second) = try Self.shopMap()
        #expect(first.dot == second.dot)
        #expect(try TrustMapFile.render(first, as: .svg) == TrustMapFile.render(second, as: .svg))
        #expect(try TrustMapFile.render(first, as: .pdf) == TrustMapFile.render(second, as: .pdf))
    }

    /// The line of `dot` that declares or mentions `needle` first.
    func line(of needle: String, in dot: String) -> String {
        dot.split(separator: "\n").first { $0.contains(needle) }.map(String.init) ?? ""
    }
}
