/// A Graphviz DOT document built in memory and written with every string escaped.
///
/// Data never reaches the output unescaped: names, attribute names and
/// values are written as quoted DOT strings (see `DOTValue.text`), and HTML
/// labels can only be assembled from `HTMLLabel` pieces, which escape their
/// text. The same graph always gives the same bytes.
public struct DOTGraph: Sendable, Equatable {
    /// The graph's name (shown by some renderers, e.g. the SVG `<title>`).
    public var name: String
    /// `digraph` when true, `graph` otherwise.
    public var directed: Bool
    /// Graph attributes (`graph [...]`).
    public var attributes: DOTAttributes
    /// Defaults for every node (`node [...]`).
    public var nodeDefaults: DOTAttributes
    /// Defaults for every edge (`edge [...]`).
    public var edgeDefaults: DOTAttributes
    /// Nodes, edges and subgraphs, written in this order.
    public var statements: [DOTStatement]

    /// An empty graph.
    public init(name: String, directed: Bool = true, attributes: DOTAttributes = [:],
                nodeDefaults: DOTAttributes = [:], edgeDefaults: DOTAttributes = [:],
                statements: [DOTStatement] = []) {
        self.name = name
        self.directed = directed
        self.attributes = attributes
        self.nodeDefaults = nodeDefaults
        self.edgeDefaults = edgeDefaults
        self.statements = statements
    }

    /// The DOT text.
    /// - Complexity: O(total length of names and values).
    public var text: String {
        var out = ""
        out += directed ? "digraph " : "graph "
        DOT.appendID(name, to: &out)
        out += " {\n"
        DOT.appendBody(attributes: attributes, nodeDefaults: nodeDefaults, edgeDefaults: edgeDefaults,
                       statements: statements, directed: directed, indent: "  ", to: &out)
        out += "}\n"
        return out
    }
}

/// A subgraph: a cluster (name starting with `cluster`) or a plain group.
public struct DOTSubgraph: Sendable, Equatable {
    /// The subgraph's name; Graphviz draws a box around it when it starts with `cluster`.
    public var name: String
    /// Graph attributes of the subgraph (label, style, …).
    public var attributes: DOTAttributes
    /// Node defaults inside the subgraph.
    public var nodeDefaults: DOTAttributes
    /// Statements inside the subgraph.
    public var statements: [DOTStatement]

    /// An empty subgraph.
    public init(name: String, attributes: DOTAttributes = [:], nodeDefaults: DOTAttributes = [:],
                statements: [DOTStatement] = []) {
        self.name = name
        self.attributes = attributes
        self.nodeDefaults = nodeDefaults
        self.statements = statements
    }
}

/// One statement of a graph body.
public enum DOTStatement: Sendable, Equatable {
    /// A node with its attributes.
    case node(id: String, attributes: DOTAttributes)
    /// An edge `from -> to` (or `--` in an undirected graph).
    case edge(from: String, to: String, attributes: DOTAttributes)
    /// A nested subgraph or cluster.
    case subgraph(DOTSubgraph)
}

/// An attribute value.
public enum DOTValue: Sendable, Equatable {
    /// Text, written as a quoted string: quotes and backslashes are escaped,
    /// line breaks become `\n` (a centred line break in labels), `&`, `<` and
    /// `>` become entities, other characters beyond ASCII become numeric
    /// entities and control characters are dropped.
    ///
    /// Graphviz reads backslashes in tooltips twice (once for line breaks,
    /// once for `\N`-style substitutions) and in labels once, so a backslash
    /// is written four times in the value of a `…tooltip` attribute and twice
    /// elsewhere; either way it is shown as one.
    case text(String)
    /// An HTML-like label, written between `<` and `>`.
    case html(HTMLLabel)
}

extension DOTValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    /// A text value.
    public init(stringLiteral value: String) { self = .text(value) }
}

/// Attributes in the order they were set (so the output is stable).
public struct DOTAttributes: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// Name–value pairs, each name once.
    public private(set) var pairs: [(name: String, value: DOTValue)] = []

    /// No attributes.
    public init() {}

    /// Attributes in literal order.
    public init(dictionaryLiteral elements: (String, DOTValue)...) {
        for (name, value) in elements { self[name] = value }
    }

    /// True when no attribute is set.
    public var isEmpty: Bool { pairs.isEmpty }

    /// The value of attribute `name`; setting replaces it in place or appends it, `nil` removes it.
    public subscript(name: String) -> DOTValue? {
        get { pairs.first { $0.name == name }?.value }
        set {
            let existing = pairs.firstIndex { $0.name == name }
            switch (existing, newValue) {
            case (let k?, let value?): pairs[k].value = value
            case (let k?, nil): pairs.remove(at: k)
            case (nil, let value?): pairs.append((name, value))
            case (nil, nil): break
            }
        }
    }

    /// Sets attribute `name` to a number, written with at most `digits` decimals.
    public mutating func set(_ name: String, number: Double, digits: Int = 2) {
        self[name] = .text(DOT.number(number, digits: digits))
    }

    /// Same names and values in the same order.
    public static func == (lhs: DOTAttributes, rhs: DOTAttributes) -> Bool {
        lhs.pairs.count == rhs.pairs.count && zip(lhs.pairs, rhs.pairs).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}

/// A fragment of an HTML-like Graphviz label.
///
/// Fragments are made only by `text(_:)` (which escapes), `element(_:_:_:)`
/// (whose attribute values are escaped) and `lineBreak`, so data cannot
/// inject markup.
public struct HTMLLabel: Sendable, Equatable {
    /// The markup, already escaped.
    public private(set) var markup: String

    private init(markup: String) { self.markup = markup }

    /// Text, with `&`, `<`, `>`, `"` escaped and line breaks turned into `<BR/>`.
    public static func text(_ text: String) -> HTMLLabel {
        var out = ""
        DOT.appendEscaped(text, to: &out, newline: "<BR/>", quote: "&quot;")
        return HTMLLabel(markup: out)
    }

    /// An element such as `TABLE`, `TR`, `TD` or `FONT`.
    /// - Parameters:
    ///   - tag: the element name (letters only).
    ///   - attributes: attribute names (letters and hyphens) and values (escaped).
    ///   - children: the content.
    public static func element(_ tag: String, _ attributes: [(String, String)] = [], _ children: [HTMLLabel] = []) -> HTMLLabel {
        precondition(DOT.isLetters(tag), "HTML label tag must be letters: \(tag)")
        var out = "<" + tag
        for (name, value) in attributes {
            precondition(DOT.isLetters(name, allowingHyphen: true), "HTML label attribute must be letters: \(name)")
            out += " " + name + "=\""
            DOT.appendEscaped(value, to: &out, newline: " ", quote: "&quot;")
            out += "\""
        }
        if children.isEmpty && (tag == "BR" || tag == "HR" || tag == "VR" || tag == "IMG") {
            return HTMLLabel(markup: out + "/>")
        }
        out += ">"
        for child in children { out += child.markup }
        out += "</" + tag + ">"
        return HTMLLabel(markup: out)
    }

    /// A line break.
    public static let lineBreak = HTMLLabel(markup: "<BR/>")

    /// Fragments one after another.
    public static func + (lhs: HTMLLabel, rhs: HTMLLabel) -> HTMLLabel { HTMLLabel(markup: lhs.markup + rhs.markup) }
}

/// DOT writing and escaping.
public enum DOT {
    /// Words DOT reserves (case-insensitive): as names they must be quoted.
    static let keywords: Set<String> = ["node", "edge", "graph", "digraph", "subgraph", "strict"]

    /// `text` as a quoted DOT string (see `DOTValue.text` for what is escaped).
    public static func quoted(_ text: String) -> String {
        var out = ""
        appendQuoted(text, to: &out)
        return out
    }

    /// A number with at most `digits` decimals and no trailing zeros (`2`, `0.5`, `1.25`).
    public static func number(_ value: Double, digits: Int = 2) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        var fraction = Int(scaled - Double(whole) * scale)
        var text = (value < 0 && scaled != 0 ? "-" : "") + String(whole)
        if fraction != 0 {
            var width = digits
            while fraction % 10 == 0 { fraction /= 10; width -= 1 }
            let f = String(fraction)
            text += "." + String(repeating: "0", count: width - f.count) + f
        }
        return text
    }

    static func appendBody(attributes: DOTAttributes, nodeDefaults: DOTAttributes, edgeDefaults: DOTAttributes,
                           statements: [DOTStatement], directed: Bool, indent: String, to out: inout String) {
        if !attributes.isEmpty {
            out += indent + "graph "
            appendAttributes(attributes, to: &out)
            out += ";\n"
        }
        if !nodeDefaults.isEmpty {
            out += indent + "node "
            appendAttributes(nodeDefaults, to: &out)
            out += ";\n"
        }
        if !edgeDefaults.isEmpty {
            out += indent + "edge "
            appendAttributes(edgeDefaults, to: &out)
            out += ";\n"
        }
        for statement in statements {
            switch statement {
            case .node(let id, let attributes):
                out += indent
                appendID(id, to: &out)
                if !attributes.isEmpty { out += " "; appendAttributes(attributes, to: &out) }
                out += ";\n"
            case .edge(let from, let to, let attributes):
                out += indent
                appendID(from, to: &out)
                out += directed ? " -> " : " -- "
                appendID(to, to: &out)
                if !attributes.isEmpty { out += " "; appendAttributes(attributes, to: &out) }
                out += ";\n"
            case .subgraph(let subgraph):
                out += indent + "subgraph "
                appendID(subgraph.name, to: &out)
                out += " {\n"
                appendBody(attributes: subgraph.attributes, nodeDefaults: subgraph.nodeDefaults, edgeDefaults: [:],
                           statements: subgraph.statements, directed: directed, indent: indent + "  ", to: &out)
                out += indent + "}\n"
            }
        }
    }

    static func appendAttributes(_ attributes: DOTAttributes, to out: inout String) {
        out += "["
        for (k, pair) in attributes.pairs.enumerated() {
            if k > 0 { out += ", " }
            appendID(pair.name, to: &out)
            out += "="
            switch pair.value {
            case .text(let text):
                appendQuoted(text, to: &out, backslash: tooltipAttributes.contains(pair.name) ? "\\\\\\\\" : "\\\\")
            case .html(let label): out += "<" + label.markup + ">"
            }
        }
        out += "]"
    }

    /// A name: bare when it is a plain identifier that is not a keyword, quoted otherwise.
    static func appendID(_ id: String, to out: inout String) {
        if isPlainIdentifier(id) && !keywords.contains(id.lowercased()) {
            out += id
        } else {
            appendQuoted(id, to: &out)
        }
    }

    static func appendQuoted(_ text: String, to out: inout String, backslash: String = "\\\\") {
        out += "\""
        appendEscaped(text, to: &out, newline: "\\n", quote: "\\\"", backslash: backslash)
        out += "\""
    }

    /// Attributes Graphviz treats as tooltips (see `DOTValue.text`).
    static let tooltipAttributes: Set<String> = ["tooltip", "edgetooltip", "headtooltip", "labeltooltip", "tailtooltip"]

    /// Escapes `text`: the characters XML and Graphviz's entity decoding treat
    /// specially become entities, everything beyond ASCII becomes a numeric
    /// entity (so the output is pure ASCII and no renderer can misread its
    /// encoding), and control characters are dropped.
    ///
    /// Characters beyond U+FFFF become U+FFFD: Graphviz 2.x decodes entities
    /// and UTF-8 of at most three bytes and garbles longer ones into invalid
    /// UTF-8, which would make the SVG unreadable.
    static func appendEscaped(_ text: String, to out: inout String, newline: String, quote: String, backslash: String = "\\") {
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            defer { previousWasCR = v == 0x0D }
            switch v {
            case 0x0A: if !previousWasCR { out += newline }
            case 0x0D: out += newline
            case 0x09: out += " "
            case 0x22: out += quote
            case 0x5C: out += backslash
            case 0x26: out += "&amp;"
            case 0x3C: out += "&lt;"
            case 0x3E: out += "&gt;"
            case 0x20...0x7E: out.unicodeScalars.append(scalar)
            case 0x00...0x1F, 0x7F...0x9F: break
            case 0xA0...0xFFFF: out += "&#" + String(v) + ";"
            default: out += "&#65533;"
            }
        }
    }

    static func isPlainIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, !(first >= 48 && first <= 57) else { return false }
        return text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 95 }
    }

    static func isLetters(_ text: String, allowingHyphen: Bool = false) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || (allowingHyphen && $0 == 45) }
    }
}

/// A graph or subgraph body that statements are added to.
public protocol DOTStatementList {
    var statements: [DOTStatement] { get set }
}

extension DOTStatementList {
    /// Adds a node statement.
    public mutating func node(_ id: String, _ attributes: DOTAttributes = [:]) {
        statements.append(.node(id: id, attributes: attributes))
    }

    /// Adds an edge statement.
    public mutating func edge(_ from: String, _ to: String, _ attributes: DOTAttributes = [:]) {
        statements.append(.edge(from: from, to: to, attributes: attributes))
    }
}

extension DOTGraph: DOTStatementList {}
extension DOTSubgraph: DOTStatementList {}
