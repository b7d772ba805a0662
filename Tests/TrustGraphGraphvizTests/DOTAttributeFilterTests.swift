import Testing
import TrustGraphCore
@testable import TrustGraphGraphviz

/// DOT from elsewhere keeps only what trustgraph's own maps use.
@Suite struct DOTAttributeFilterTests {
    /// Links, a file read into the picture, a link inside an HTML label, an oversized polygon.
    static let hostile = """
    digraph { stylesheet="javascript:alert(1)"; a [URL="javascript:alert(2)" image="/etc/passwd" sides=100000000 shape=polygon];
    b [href="#s-a" label=<<TABLE HREF="javascript:alert(3)"><TR><TD>b</TD></TR></TABLE>>]; a -> b [href="https://example.invalid/x"] }
    """

    @Test func linksFilesAndUnknownAttributesAreDroppedAndNamed() throws {
        let rendered = try GraphvizRenderer.render(Self.hostile, format: "svg", restrictAttributes: true)
        let svg = String(decoding: rendered.bytes, as: UTF8.self)
        for gone in ["javascript", "passwd", "example.invalid", "100000000"] { #expect(!svg.contains(gone), "\(gone)") }
        #expect(svg.contains("xlink:href=\"#s-a\""), "an in-page link stays")
        #expect(rendered.warnings.contains("'stylesheet' ignored on 1 graph: only in-page links (#id) are kept"))
        #expect(rendered.warnings.contains("'URL' ignored on 1 node: only in-page links (#id) are kept"))
        #expect(rendered.warnings.contains("'href' ignored on 1 edge: only in-page links (#id) are kept"))
        #expect(rendered.warnings.contains("attribute 'image' ignored on 1 node: a DOT file may use only the attributes trustgraph writes"))
        #expect(rendered.warnings.contains("attribute 'sides' ignored on 1 node: a DOT file may use only the attributes trustgraph writes"))
        #expect(rendered.warnings.contains("an HTML label that links or loads a file is drawn as plain text on 1 node"))
    }

    @Test func withoutTheFilterTheSameFileKeepsItsLinks() throws {
        // The filter is what removes them: the unfiltered render shows the attack is real.
        let rendered = try GraphvizRenderer.render(Self.hostile.replacingOccurrences(of: "sides=100000000", with: "sides=5"),
                                                   format: "svg")
        #expect(String(decoding: rendered.bytes, as: UTF8.self).contains("javascript:alert(2)"))
    }

    /// Every attribute our maps write is on the list: the filter finds nothing to drop in a map's
    /// own DOT, whatever the engine and clustering. (The CLI tests compare the pictures byte for
    /// byte, each laid out in a fresh process: in one process, Graphviz's second layout of a
    /// clustered or sfdp graph can differ from its first.)
    @Test(arguments: [(nil, "dot"), (TrustMapClustering.country, "dot"), (TrustMapClustering.sector, "fdp"), (nil, "sfdp")])
    func ourOwnMapsPassUntouched(cluster: TrustMapClustering?, engine: String) throws {
        let (model, solution) = try MapFixture.solve(MapFixture.shop)
        let map = TrustMap(model: model, solution: solution, parameters: MapFixture.parameters,
                           options: TrustMapOptions(cluster: cluster, engine: engine))
        let plain = try GraphvizRenderer.render(map.dot, engine: engine, format: "svg")
        let filtered = try GraphvizRenderer.render(map.dot, engine: engine, format: "svg", restrictAttributes: true)
        #expect(filtered.warnings == plain.warnings)
        if cluster == nil && engine == "dot" {
            let same = filtered.bytes == plain.bytes
            #expect(same)
        }
    }

    @Test func fragmentsAreThePlainInPageLinks() {
        #expect(DOTAttributeFilter.isFragment("#s-cdn"))
        #expect(DOTAttributeFilter.isFragment(""))
        #expect(!DOTAttributeFilter.isFragment("javascript:alert(1)"))
        #expect(!DOTAttributeFilter.isFragment("#a\"onload=x"))
        #expect(!DOTAttributeFilter.isFragment("# space"))
        #expect(!DOTAttributeFilter.isFragment("https://example.invalid/#x"))
    }
}

/// What a Graphviz child sends back decodes to what it encoded, and nothing else does.
@Suite struct GraphvizWireTests {
    static let results: [Result<RenderedGraph, GraphvizError>] = [
        .success(RenderedGraph(bytes: Array("<svg/>".utf8), warnings: ["one", "two ✓"])),
        .success(RenderedGraph(bytes: [], warnings: [])),
        .failure(.contextUnavailable),
        .failure(.unknownEngine("x", available: ["dot", "sfdp"])),
        .failure(.unknownFormat("y", available: [])),
        .failure(.invalidDOT(message: "syntax error in line 3 near '}'")),
        .failure(.layoutFailed(engine: "dot", message: "trouble in init_rank")),
        .failure(.renderFailed(format: "png", message: "")),
    ]

    @Test func everyResultRoundTrips() {
        for result in Self.results {
            #expect(GraphvizWire.decode(GraphvizWire.encode(result)) == result)
        }
    }

    @Test func aCutOrPaddedResponseIsNoResponse() {
        let bytes = GraphvizWire.encode(Self.results[0])
        for length in 0..<bytes.count { #expect(GraphvizWire.decode(Array(bytes.prefix(length))) == nil) }
        #expect(GraphvizWire.decode(bytes + [0]) == nil)
        var huge = bytes
        huge[5] = 0xff  // a warning count larger than the response
        #expect(GraphvizWire.decode(huge) == nil)
    }

    @Test func bytesAreParsedByteForByte() {
        #expect(GraphvizLimits.parseBytes("4G") == 4 << 30)
        #expect(GraphvizLimits.parseBytes("512m") == 512 << 20)
        #expect(GraphvizLimits.parseBytes("2GiB") == 2 << 30)
        #expect(GraphvizLimits.parseBytes("1500K") == 1500 << 10)
        #expect(GraphvizLimits.parseBytes("0") == 0)
        #expect(GraphvizLimits.parseBytes("") == nil)
        #expect(GraphvizLimits.parseBytes("G") == nil)
        #expect(GraphvizLimits.parseBytes("-1G") == nil)
        #expect(GraphvizLimits.parseBytes("99999999999999999999G") == nil)
        #expect(GraphvizLimits.describe(bytes: 4 << 30) == "4 GiB")
        #expect(GraphvizLimits.describe(bytes: 512 << 20) == "512 MiB")
    }
}
