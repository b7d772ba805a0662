import Foundation
import Testing
@testable import TrustGraphReport

/// The escaping writer: text, attribute values and the JSON island.
@Suite struct HTMLWriterTests {
    static let hostile = #"<script>alert("x")</script> & 'onerror=' </svg>"#

    @Test func textIsEscaped() {
        var w = HTMLWriter()
        w.element("p", text: Self.hostile)
        #expect(w.text == "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;onerror=&#39; &lt;/svg&gt;</p>")
    }

    @Test func attributeValuesAreEscapedAndQuoted() {
        var w = HTMLWriter()
        w.open("tr", ["data-supplier": "a\" onmouseover=\"alert(1)", "title": "<b>'x'</b>"])
        #expect(w.text == #"<tr data-supplier="a&quot; onmouseover=&quot;alert(1)" title="&lt;b&gt;&#39;x&#39;&lt;/b&gt;">"#)
    }

    @Test func nulBecomesTheReplacementCharacter() {
        #expect(HTMLWriter.escaped("a\u{0}b") == "a&#xFFFD;b")
    }

    @Test func jsonIslandCannotBeClosedByItsData() throws {
        let json = Array("{\"name\":\"</script><script>alert(1)</script> <!-- & \u{2028}\u{2029} >\"}".utf8)
        var w = HTMLWriter()
        w.jsonIsland(id: "data", json: json)
        let html = w.text
        let inside = String(html.dropFirst(#"<script type="application/json" id="data">"#.count).dropLast("</script>".count))
        #expect(html.hasPrefix(#"<script type="application/json" id="data">"#))
        #expect(!inside.contains("<") && !inside.contains(">") && !inside.contains("&"))
        #expect(!inside.contains("\u{2028}") && !inside.contains("\u{2029}"))
        #expect(inside.contains(#"\u003c/script\u003e"#) && inside.contains(#"\u2028\u2029"#))
        // The escapes mean what the original meant.
        let decoded = try JSONSerialization.jsonObject(with: Data(inside.utf8)) as? [String: String]
        #expect(decoded?["name"] == "</script><script>alert(1)</script> <!-- & \u{2028}\u{2029} >")
    }

    @Test func scriptAndStyleReturnTheExactTextBetweenTheirTags() {
        var w = HTMLWriter()
        let script = w.script("let a = 1;\n")
        let style = w.style("p { color: red }")
        #expect(w.text == "<script>let a = 1;\n</script><style>p { color: red }</style>")
        #expect(script == "let a = 1;\n" && style == "p { color: red }")
    }
}

/// The SVG pass: only what a trust map uses, and each supplier's exact id.
@Suite struct SanitizedSVGTests {
    static func svg(_ body: String) -> [UInt8] {
        Array("<?xml version=\"1.0\"?>\n<!-- c -->\n<svg width=\"10pt\" height=\"10pt\" viewBox=\"0 0 10 10\">\(body)</svg>\n".utf8)
    }

    @Test func nodesGetTheirSupplierIDAndTheRootLosesItsSize() throws {
        let input = Self.svg(#"<g id="s&#45;a_22b" class="node"><title>s&#45;a</title><a xlink:title="x &quot;y&quot;"><text x="1">a</text></a></g>"#)
        let svg = try SanitizedSVG(graphviz: input, nodes: ["s-a_22b": "a\"b <c>"])
        #expect(String(decoding: svg.bytes, as: UTF8.self) == #"<svg viewBox="0 0 10 10"><g id="s&#45;a_22b" class="node" data-supplier="a&quot;b &lt;c&gt;"><title>s&#45;a</title><a xlink:title="x &quot;y&quot;"><text x="1">a</text></a></g></svg>"#)
        #expect(svg.suppliers == ["a\"b <c>"])
    }

    @Test(arguments: [
        #"<script>alert(1)</script>"#, #"<g onload="alert(1)"></g>"#, #"<a xlink:href="javascript:alert(1)"></a>"#,
        #"<foreignObject></foreignObject>"#, #"<g style="x"></g>"#, #"<image href="x"/>"#, #"<g id='x'></g>"#,
        #"<!DOCTYPE x>"#, #"<g>"#,
    ])
    func anythingAMapDoesNotUseIsRejected(body: String) {
        #expect(throws: SanitizedSVG.Rejected.self) { try SanitizedSVG(graphviz: Self.svg(body), nodes: [:]) }
    }

    @Test func referencesAreDecodedForTheLookupOnly() {
        #expect(SanitizedSVG.decoded("s&#45;a&#x2d;b&amp;&lt;&bogus;") == "s-a-b&<&bogus;")
    }
}
