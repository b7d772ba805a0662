/// A Graphviz SVG checked and prepared for inlining in the report.
///
/// Graphviz writes SVG from our own DOT, with every label and tooltip
/// XML-escaped; this pass still reads it tag by tag and keeps only the tags
/// and attributes a trust map uses (anything else — a `<script>`, an `on…`
/// attribute, a link — is an error, not something to pass on). On the way it
/// drops the XML prologue, comments and the root's fixed size (the page sizes
/// the map), and gives each supplier's node `data-supplier="ID"`: the exact
/// supplier id, found by its node id (`TrustMapIdentifiers.node`).
public struct SanitizedSVG: Sendable {
    /// The `<svg>…</svg>` markup.
    public let bytes: [UInt8]
    /// The supplier ids given a `data-supplier`, in document order.
    public let suppliers: [String]

    /// Tags a Graphviz trust map uses, and the `rect` and `line` of the timeline chart.
    static let allowedTags: Set<String> = [
        "svg", "g", "title", "desc", "polygon", "polyline", "ellipse", "circle", "path", "text", "tspan", "a", "defs",
        "linearGradient", "radialGradient", "stop", "rect", "line",
    ]
    /// Attributes a Graphviz trust map uses: geometry, paint, text and the tooltip.
    static let allowedAttributes: Set<String> = [
        "id", "class", "viewBox", "xmlns", "xmlns:xlink", "transform", "fill", "stroke", "points", "d", "cx", "cy", "r", "rx", "ry",
        "x", "y", "x1", "y1", "x2", "y2", "font-family", "font-size", "font-weight", "font-style", "text-anchor",
        "text-decoration", "stroke-width", "stroke-dasharray", "stroke-opacity", "fill-opacity", "xlink:title",
        "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "baseline-shift",
        // The timeline chart's: a rect's size, a line's joins, the root's role.
        "width", "height", "stroke-linejoin", "role",
    ]

    /// Checks `svg` and prepares it.
    /// - Parameter nodes: supplier id by node id, for the suppliers of the map.
    /// - Throws: `SanitizedSVG.Rejected` naming the first tag or attribute a trust map has no use for.
    /// - Complexity: O(size of the SVG).
    public init(graphviz svg: [UInt8], nodes: [String: String]) throws(Rejected) {
        var scanner = Scanner(input: svg)
        var out: [UInt8] = []
        out.reserveCapacity(svg.count)
        var suppliers: [String] = []
        guard let start = scanner.find(Array("<svg".utf8)) else { throw Rejected(reason: "no <svg> element") }
        scanner.position = start
        var depth = 0
        while !scanner.atEnd {
            let b = scanner.input[scanner.position]
            if b != UInt8(ascii: "<") {
                out.append(b)
                scanner.position += 1
                continue
            }
            if scanner.starts(with: "<!--") {
                guard let end = scanner.find(Array("-->".utf8)) else { throw Rejected(reason: "an unclosed comment") }
                scanner.position = end + 3
                continue
            }
            if scanner.starts(with: "<!") || scanner.starts(with: "<?") {
                throw Rejected(reason: "a declaration inside the picture")
            }
            if scanner.starts(with: "</") {
                scanner.position += 2
                let name = scanner.name()
                scanner.skipSpaces()
                guard SanitizedSVG.allowedTags.contains(name), scanner.take(UInt8(ascii: ">")) else {
                    throw Rejected(reason: "an unexpected closing tag '\(name)'")
                }
                out += Array("</\(name)>".utf8)
                depth -= 1
                if depth == 0 { break }
                continue
            }
            scanner.position += 1
            let name = scanner.name()
            guard SanitizedSVG.allowedTags.contains(name) else { throw Rejected(reason: "the tag '\(name)'") }
            var attributes: [(String, String)] = []
            var selfClosing = false
            while true {
                scanner.skipSpaces()
                if scanner.take(UInt8(ascii: ">")) { break }
                if scanner.starts(with: "/>") { scanner.position += 2; selfClosing = true; break }
                let attribute = scanner.name()
                guard !attribute.isEmpty, scanner.take(UInt8(ascii: "=")), scanner.take(UInt8(ascii: "\"")),
                      let end = scanner.find([UInt8(ascii: "\"")]) else {
                    throw Rejected(reason: "a malformed attribute '\(attribute)' of <\(name)>")
                }
                let value = String(decoding: scanner.input[scanner.position..<end], as: UTF8.self)
                scanner.position = end + 1
                guard value.utf8.allSatisfy({ $0 != UInt8(ascii: "<") }) else { throw Rejected(reason: "a '<' in an attribute of <\(name)>") }
                guard SanitizedSVG.allowedAttributes.contains(attribute) else {
                    throw Rejected(reason: "the attribute '\(attribute)' of <\(name)>")
                }
                // The page sizes the map: the root keeps its viewBox, not Graphviz's size in points.
                if name == "svg" && (attribute == "width" || attribute == "height") { continue }
                attributes.append((attribute, value))
            }
            out += Array("<\(name)".utf8)
            for (attribute, value) in attributes { out += Array(" \(attribute)=\"\(value)\"".utf8) }
            if name == "g", attributes.contains(where: { $0 == ("class", "node") }),
               let id = attributes.first(where: { $0.0 == "id" })?.1, let supplier = nodes[SanitizedSVG.decoded(id)] {
                out += Array(" data-supplier=\"".utf8)
                HTMLWriter.escape(supplier, into: &out)
                out.append(UInt8(ascii: "\""))
                suppliers.append(supplier)
            }
            out += Array((selfClosing ? "/>" : ">").utf8)
            if !selfClosing { depth += 1 }
        }
        guard depth == 0 else { throw Rejected(reason: "an unclosed <svg> element") }
        self.bytes = out
        self.suppliers = suppliers
    }

    /// Checks a chart `SVGWriter` drew (the timeline's) and prepares it: the same tags and
    /// attributes pass as for a map, and no node gets a `data-supplier`.
    /// - Throws: `SanitizedSVG.Rejected` naming the first tag or attribute a report does not inline.
    public init(chart svg: [UInt8]) throws(Rejected) {
        try self.init(graphviz: svg, nodes: [:])
    }

    /// An attribute value with its character references resolved (Graphviz writes the
    /// `-` of a node id as `&#45;`); a reference it cannot read stays as written.
    static func decoded(_ value: String) -> String {
        guard value.contains("&") else { return value }
        var out = ""
        var rest = Substring(value)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            guard let semicolon = rest.firstIndex(of: ";"), rest.distance(from: amp, to: semicolon) <= 10 else { break }
            let name = rest[rest.index(after: amp)..<semicolon]
            var scalar: Unicode.Scalar?
            switch name {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if name.hasPrefix("#") {
                    scalar = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                }
            }
            guard let scalar else { out += "&"; rest = rest.dropFirst(); continue }
            out.unicodeScalars.append(scalar)
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }

    /// Why an SVG was not inlined.
    public struct Rejected: Error, Sendable, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { "the map's SVG holds \(reason), which a report does not inline" }
    }

    /// Reads bytes of markup.
    struct Scanner {
        let input: [UInt8]
        var position = 0

        var atEnd: Bool { position >= input.count }

        func starts(with text: String) -> Bool {
            let bytes = Array(text.utf8)
            return position + bytes.count <= input.count && input[position..<position + bytes.count].elementsEqual(bytes)
        }

        /// The first position from here where `bytes` occur.
        func find(_ bytes: [UInt8]) -> Int? {
            guard bytes.count <= input.count else { return nil }
            var k = position
            while k + bytes.count <= input.count {
                if input[k] == bytes[0] && input[k..<k + bytes.count].elementsEqual(bytes) { return k }
                k += 1
            }
            return nil
        }

        /// A tag or attribute name: letters, digits, `-`, `_`, `:` and `.`.
        mutating func name() -> String {
            let start = position
            while position < input.count {
                let b = input[position]
                let isNameByte = (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57)
                    || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ":") || b == UInt8(ascii: ".")
                guard isNameByte else { break }
                position += 1
            }
            return String(decoding: input[start..<position], as: UTF8.self)
        }

        mutating func skipSpaces() {
            while position < input.count, [0x20, 0x0A, 0x0D, 0x09].contains(input[position]) { position += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard position < input.count, input[position] == byte else { return false }
            position += 1
            return true
        }
    }
}
