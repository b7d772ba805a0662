internal import CGraphviz

/// What a DOT file from elsewhere may ask of Graphviz: only the attributes trustgraph writes.
///
/// `render map.dot` lays out a file someone may have edited or sent. Graphviz
/// attributes reach far: `image`, `shapefile` and `imagepath` read local files
/// into the picture, `URL`, `href` and `stylesheet` put any link (`javascript:`
/// included) into the SVG, `sides=100000000` asks for gigabytes. So a DOT file
/// keeps the attributes trustgraph's own maps use and loses the rest, links stay
/// only as in-page fragments (`#s-cdn`), and an HTML-like label that links or
/// loads (`HREF`, `URL`, `SRC`, `<IMG>`) is drawn as the object's name instead.
/// Each dropped attribute is named once in a warning.
enum DOTAttributeFilter {
    /// The attributes of trustgraph's maps (graph, cluster, node and edge), plus the link
    /// attributes, which keep fragment values only.
    static let allowed = Set<String>([
        "arrowhead", "arrowsize", "arrowtail", "bgcolor", "center", "charset", "color", "colorscheme",
        "compound", "concentrate", "constraint", "dir", "fillcolor", "fixedsize", "fontcolor", "fontname",
        "fontsize", "height", "id", "label", "labeljust", "labelloc", "layout", "margin", "minlen",
        "newrank", "nodesep", "ordering", "outputorder", "overlap", "pad", "penwidth", "peripheries",
        "rank", "rankdir", "ranksep", "ratio", "sep", "shape", "size", "splines", "style", "tooltip",
        "weight", "width", "xlabel",
    ]).union(linkAttributes)

    /// Attributes that become links in SVG: kept only as `#fragment`.
    static let linkAttributes: Set<String> = ["URL", "href", "stylesheet"]

    /// Removes what `allowed` does not cover from every object of `graph` (subgraphs, nodes, edges).
    /// - Returns: one warning per attribute or kind of value dropped.
    static func apply(to graph: UnsafeMutablePointer<Agraph_t>) -> [String] {
        var warnings: [String] = []
        for kind in [Kind.graph, .node, .edge] {
            var symbol = trustgraph_next_attribute(graph, kind.code, nil)
            var symbols: [UnsafeMutablePointer<Agsym_t>] = []
            while let s = symbol {
                symbols.append(s)
                symbol = trustgraph_next_attribute(graph, kind.code, s)
            }
            for symbol in symbols {
                let name = String(cString: symbol.pointee.name)
                if !allowed.contains(name) {
                    let count = replace(in: graph, kind: kind, symbol: symbol) { _ in "" }
                    trustgraph_set_default(graph, kind.code, name, "")
                    warnings.append("attribute '\(name)' ignored\(kind.on(count)): a DOT file may use only the attributes trustgraph writes")
                } else if linkAttributes.contains(name) {
                    // Objects first: on the root graph, setting the default also sets its value.
                    let count = replace(in: graph, kind: kind, symbol: symbol) { isFragment($0) ? nil : "" }
                    if !isFragment(symbol.pointee.defval) { trustgraph_set_default(graph, kind.code, name, "") }
                    if count > 0 {
                        warnings.append("'\(name)' ignored\(kind.on(count)): only in-page links (#id) are kept")
                    }
                } else if name == "label" {
                    let plain = kind == .node ? "\\N" : ""
                    let count = replace(in: graph, kind: kind, symbol: symbol) { linksOrLoads($0) ? plain : nil }
                    if linksOrLoads(symbol.pointee.defval) { trustgraph_set_default(graph, kind.code, name, plain) }
                    if count > 0 {
                        warnings.append("an HTML label that links or loads a file is drawn as plain text\(kind.on(count))")
                    }
                }
            }
        }
        return warnings
    }

    /// A fragment link (`#id`), or nothing at all.
    static func isFragment(_ value: UnsafePointer<CChar>?) -> Bool {
        guard let value, value.pointee != 0 else { return true }
        let text = String(cString: value)
        return text.hasPrefix("#") && text.utf8.dropFirst().allSatisfy { byte in
            byte > 0x20 && byte < 0x7f && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'")
                && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">") && byte != UInt8(ascii: "\\")
        }
    }

    /// An HTML-like label with a link or an image in it.
    static func linksOrLoads(_ value: UnsafePointer<CChar>?) -> Bool {
        guard let value, trustgraph_is_html(value) != 0 else { return false }
        let text = String(cString: value).lowercased()
        return ["href", "url", "src", "<img", "target"].contains { text.contains($0) }
    }

    /// Sets `symbol` on every object of `kind` whose value `newValue` maps to something.
    /// - Returns: how many objects had a non-empty value changed.
    private static func replace(in graph: UnsafeMutablePointer<Agraph_t>, kind: Kind, symbol: UnsafeMutablePointer<Agsym_t>,
                                newValue: (UnsafePointer<CChar>) -> String?) -> Int {
        var count = 0
        func visit(_ object: UnsafeMutableRawPointer) {
            guard let value = agxget(object, symbol), let replacement = newValue(value) else { return }
            if value.pointee != 0 && String(cString: value) != replacement { count += 1 }
            _ = trustgraph_set_value(object, symbol, replacement)
        }
        switch kind {
        case .graph:
            func visitGraph(_ g: UnsafeMutablePointer<Agraph_t>) {
                visit(UnsafeMutableRawPointer(g))
                var sub = agfstsubg(g)
                while let s = sub {
                    visitGraph(s)
                    sub = agnxtsubg(s)
                }
            }
            visitGraph(graph)
        case .node:
            var node = agfstnode(graph)
            while let n = node {
                visit(UnsafeMutableRawPointer(n))
                node = agnxtnode(graph, n)
            }
        case .edge:
            var node = agfstnode(graph)
            while let n = node {
                var edge = agfstout(graph, n)
                while let e = edge {
                    visit(UnsafeMutableRawPointer(e))
                    edge = agnxtout(graph, e)
                }
                node = agnxtnode(graph, n)
            }
        }
        return count
    }

    enum Kind {
        case graph, node, edge

        var code: Int32 {
            switch self {
            case .graph: return Int32(AGRAPH)
            case .node: return Int32(AGNODE)
            case .edge: return Int32(AGEDGE)
            }
        }

        /// " on 3 nodes", or "" when only a default was set.
        func on(_ count: Int) -> String {
            guard count > 0 else { return "" }
            let noun: String
            switch self {
            case .graph: noun = count == 1 ? "graph" : "graphs"
            case .node: noun = count == 1 ? "node" : "nodes"
            case .edge: noun = count == 1 ? "edge" : "edges"
            }
            return " on \(count) \(noun)"
        }
    }
}
