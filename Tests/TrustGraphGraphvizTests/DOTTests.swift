import Testing
import TrustGraphGraphviz

@Suite struct DOTTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        (#"say "hi""#, #""say \"hi\"""#),
        (#"back\slash \N \G"#, #""back\\slash \\N \\G""#),
        ("two\nlines", #""two\nlines""#),
        ("crlf\r\nand cr\rend", #""crlf\nand cr\nend""#),
        ("tab\there", #""tab here""#),
        ("bell\u{7}gone", #""bellgone""#),
        ("<b>&amp;</b>", #""&lt;b&gt;&amp;amp;&lt;/b&gt;""#),
        ("Müller ✓", #""M&#252;ller &#10003;""#),
        ("emoji 😀", #""emoji &#65533;""#),
    ])
    func quotedStringsAreEscaped(input: String, expected: String) {
        #expect(DOT.quoted(input) == expected)
    }

    @Test func quotedOutputIsPureASCII() {
        let hostile = "\"\\\n\r\t<>&'ü€😀\u{0}\u{1F}\u{7F}\u{85}"
        #expect(DOT.quoted(hostile).utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F })
    }

    @Test(arguments: [(2.69, "2.69"), (3.5, "3.5"), (1.0, "1"), (0.8 + 2.7 * 0.7, "2.69"), (-0.125, "-0.13"), (0.004, "0")])
    func numbersAreShortAndStable(value: Double, expected: String) {
        #expect(DOT.number(value) == expected)
    }

    @Test func htmlLabelsEscapeTextAndAttributes() {
        let label = HTMLLabel.element("TD", [("BGCOLOR", "#fff\" onload=\"x")], [HTMLLabel.text("<script>a & b</script>\nnext")])
        #expect(label.markup == ##"<TD BGCOLOR="#fff&quot; onload=&quot;x">&lt;script&gt;a &amp; b&lt;/script&gt;<BR/>next</TD>"##)
        #expect(HTMLLabel.element("BR", [("ALIGN", "LEFT")]).markup == #"<BR ALIGN="LEFT"/>"#)
    }

    @Test func graphTextQuotesWhatNeedsQuoting() {
        var graph = DOTGraph(name: "g", attributes: ["rankdir": "TB", "label": .html(HTMLLabel.text("a<b"))],
                             nodeDefaults: ["shape": "box"])
        graph.node("plain_id", ["label": "Plain"])
        graph.node("node", ["label": "keyword"])
        graph.node("s-with-dash", ["tooltip": "x\"y"])
        graph.edge("plain_id", "s-with-dash", ["penwidth": "2"])
        var cluster = DOTSubgraph(name: "cluster_a", attributes: ["label": "A"])
        cluster.node("9lives")
        graph.statements.append(.subgraph(cluster))
        #expect(graph.text == """
        digraph g {
          graph [rankdir="TB", label=<a&lt;b>];
          node [shape="box"];
          plain_id [label="Plain"];
          "node" [label="keyword"];
          "s-with-dash" [tooltip="x\\"y"];
          plain_id -> "s-with-dash" [penwidth="2"];
          subgraph cluster_a {
            graph [label="A"];
            "9lives";
          }
        }

        """)
        var undirected = DOTGraph(name: "u", directed: false)
        undirected.edge("a", "b")
        #expect(undirected.text == "graph u {\n  a -- b;\n}\n")
    }

    @Test func tooltipsGetTheirBackslashesDoubledTwice() {
        var graph = DOTGraph(name: "g")
        graph.node("a", ["label": "x\\N", "tooltip": "x\\N\ny", "edgetooltip": "\\"])
        #expect(graph.text.contains(#"a [label="x\\N", tooltip="x\\\\N\ny", edgetooltip="\\\\"];"#))
    }

    @Test func attributesKeepTheirOrderAndReplaceInPlace() {
        var attributes: DOTAttributes = ["a": "1", "b": "2", "c": "3"]
        attributes["b"] = "two"
        attributes["a"] = nil
        attributes["d"] = "4"
        #expect(attributes.pairs.map(\.name) == ["b", "c", "d"])
        #expect(attributes["b"] == .text("two"))
    }

    @Test func identifiersAreSafeAndOneToOne() {
        #expect(TrustMapIdentifiers.node(supplier: "cdn-1") == "s-cdn-1")
        #expect(TrustMapIdentifiers.node(supplier: "Müller & Co") == "s-M_c3_bcller_20_26_20Co")
        #expect(TrustMapIdentifiers.node(supplier: "a_b") == "s-a_5fb")
        #expect(TrustMapIdentifiers.node(supplier: "a_5fb") != TrustMapIdentifiers.node(supplier: "a_b"))
        #expect(TrustMapIdentifiers.junction(consumer: "a", group: "_b") != TrustMapIdentifiers.junction(consumer: "a_", group: "b"))
        let ids = ["<script>", "\"quoted\"", "new\nline", "😀", "a b", "a.b", "A", "a"]
        let encoded = ids.map(TrustMapIdentifiers.node(supplier:))
        #expect(Set(encoded).count == ids.count)
        for id in encoded {
            #expect(id.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 46 || $0 == 95 })
        }
    }
}
