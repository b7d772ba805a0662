import Testing
import TrustGraphGraphviz

@Suite struct GraphvizRendererTests {
    static let small = "digraph g { a -> b; b -> c; a -> c; }\n"

    @Test(arguments: ["dot", "sfdp", "neato", "fdp", "circo", "twopi"])
    func rendersWithEveryCommonEngine(engine: String) throws {
        let svg = try GraphvizRenderer.render(Self.small, engine: engine, format: "svg")
        let text = String(decoding: svg.bytes, as: UTF8.self)
        #expect(text.contains("<svg"))
        #expect(text.contains("</svg>"))
    }

    @Test func rendersPNGAndPDF() throws {
        let png = try GraphvizRenderer.render(Self.small, engine: "dot", format: "png")
        #expect(Array(png.bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let pdf = try GraphvizRenderer.render(Self.small, engine: "dot", format: "pdf")
        #expect(String(decoding: pdf.bytes.prefix(5), as: UTF8.self) == "%PDF-")
    }

    @Test func inputsThatCrashGraphvizAreDefused() throws {
        // Orthogonal edges abort Graphviz 2.43 on this graph (a trapezoid-table overflow);
        // an edge weight past Int32 crashes its network simplex.
        let ortho = """
        digraph "trust-map" {
        graph [nodesep="0.12", splines=ortho];
        "s-a_2cb" [];
        "s-_3d1_2b1" [];
        "s-_27x" [];
        "s-q_22q" -> "s-cr_0dx" [];
        "s-lf_0ax" -> "s-crlf_0d_0ax" [];
        "s-crlf_0d_0ax" -> "s-tab_09x" [];
        "s-tab_09x" -> "s-nul_00x" [];
        "s-nul_00x" -> "s-ls_e2_80_a8x" [];
        "s-ls_e2_80_a8x" -> "s-_3d1_2b1" [];
        "s-_3d1_2b1" -> "s-plain" [];
        "s-plain" -> "s-_23x" [];
        "s-_23x" -> "s-_5cx" [];
        "s-_5cx" -> "s-sp_20ace" [];
        "legend-sectors" [];
        "legend-other" [];
        }
        """
        let weighted = "digraph g { a -> b [weight=99999999999]; b -> c; a -> c }"
        for (dot, warning) in [(ortho, "splines=ortho can crash Graphviz"), (weighted, "edge weights above 10000")] {
            let svg = try GraphvizRenderer.render(dot, engine: "dot", format: "svg")
            #expect(String(decoding: svg.bytes, as: UTF8.self).contains("</svg>"))
            if GraphvizRenderer.version.hasPrefix("2.") || warning.hasPrefix("edge") {
                #expect(svg.warnings.contains { $0.hasPrefix(warning) }, "\(svg.warnings)")
            }
        }
    }

    @Test func sameInputGivesSameBytes() throws {
        for engine in ["dot", "sfdp"] {
            let first = try GraphvizRenderer.render(Self.small, engine: engine, format: "svg")
            let second = try GraphvizRenderer.render(Self.small, engine: engine, format: "svg")
            #expect(first == second)
        }
    }

    @Test func unknownEngineNamesTheAvailableOnes() {
        #expect(throws: GraphvizError.self) { try GraphvizRenderer.render(Self.small, engine: "dott", format: "svg") }
        do {
            _ = try GraphvizRenderer.render(Self.small, engine: "dott", format: "svg")
        } catch {
            guard case .unknownEngine(let engine, let available) = error else {
                Issue.record("expected unknownEngine, got \(error)")
                return
            }
            #expect(engine == "dott")
            #expect(available.contains("dot"))
            #expect(available.contains("sfdp"))
            #expect(error.description.hasPrefix("unknown layout engine 'dott' (available: "))
        }
    }

    @Test func withoutAnEngineTheGraphsLayoutAttributeDecides() throws {
        let viaDot = try GraphvizRenderer.render(Self.small, format: "svg")
        #expect(viaDot == (try GraphvizRenderer.render(Self.small, engine: "dot", format: "svg")))
        let circo = "digraph g { layout=\"circo\"; a -> b; b -> c; a -> c; }\n"
        #expect(try GraphvizRenderer.render(circo, format: "svg") == (try GraphvizRenderer.render(circo, engine: "circo", format: "svg")))
        #expect(throws: GraphvizError.unknownEngine("bogus", available: GraphvizRenderer.layoutEngines())) {
            try GraphvizRenderer.render("digraph { layout=bogus; a }", format: "svg")
        }
    }

    @Test func unknownFormatIsTyped() {
        do {
            _ = try GraphvizRenderer.render(Self.small, engine: "dot", format: "bogus")
            Issue.record("expected an error")
        } catch {
            guard case .unknownFormat("bogus", let available) = error else {
                Issue.record("expected unknownFormat, got \(error)")
                return
            }
            #expect(available.contains("svg"))
        }
    }

    @Test func syntaxErrorCarriesGraphvizMessage() throws {
        do {
            _ = try GraphvizRenderer.render("digraph { a -> ; }", engine: "dot", format: "svg")
            Issue.record("expected an error")
        } catch {
            guard case .invalidDOT(let message) = error else {
                Issue.record("expected invalidDOT, got \(error)")
                return
            }
            #expect(message.contains("syntax error"))
            #expect(message.contains("line 1"))
        }
        // The parser recovers: the next graph renders.
        let svg = try GraphvizRenderer.render(Self.small, engine: "dot", format: "svg")
        #expect(!svg.bytes.isEmpty)
    }

    @Test func textAfterTheGraphDoesNotLeakIntoTheNextRender() throws {
        _ = try GraphvizRenderer.render("digraph first { x1 }\ndigraph second { leaked }\n", engine: "dot", format: "svg")
        let svg = String(decoding: try GraphvizRenderer.render(Self.small, engine: "dot", format: "svg").bytes, as: UTF8.self)
        #expect(!svg.contains("leaked"))
        #expect(svg.contains("<title>a</title>"))
    }

    @Test func listsEnginesAndFormats() {
        let engines = GraphvizRenderer.layoutEngines()
        #expect(engines.contains("dot") && engines.contains("sfdp") && engines.contains("neato"))
        let formats = GraphvizRenderer.outputFormats()
        #expect(formats.contains("svg") && formats.contains("png") && formats.contains("pdf"))
        #expect(!GraphvizRenderer.version.isEmpty)
    }

    @Test func concurrentCallersAreSerialised() async throws {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try GraphvizRenderer.render(Self.small, engine: "dot", format: "svg").bytes.count
                }
            }
            var sizes = Set<Int>()
            for try await size in group { sizes.insert(size) }
            #expect(sizes.count == 1)
        }
    }
}
