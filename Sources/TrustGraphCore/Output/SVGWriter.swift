/// A small writer of SVG documents: shapes and text, every attribute value
/// and text escaped, no script. Numbers are written with two decimals.
public struct SVGWriter: Sendable {
    public private(set) var body = ""
    public let width: Double
    public let height: Double
    /// The document's accessible title.
    public let title: String

    public init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        self.title = title
    }

    /// The whole document.
    public var document: String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVGWriter.number(width))\" height=\"\(SVGWriter.number(height))\" "
            + "viewBox=\"0 0 \(SVGWriter.number(width)) \(SVGWriter.number(height))\" role=\"img\" font-family=\"Helvetica, Arial, sans-serif\">\n"
            + "<title>\(SVGWriter.escaped(title))</title>\n" + body + "</svg>\n"
    }

    /// Text safe inside an XML attribute or element: `& < > " '` as entities,
    /// characters XML 1.0 does not allow (most C0 controls, U+FFFE, U+FFFF) as U+FFFD.
    public static func escaped(_ text: String) -> String {
        XMLText.escaped(text, whitespaceAsReferences: false, unrepresentable: .replacement)
    }

    /// A coordinate with at most two decimals.
    static func number(_ x: Double) -> String {
        let rounded = (x * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : TextTable.fixed(rounded, 2)
    }

    private static func attributes(_ pairs: [(String, String?)]) -> String {
        pairs.compactMap { name, value in value.map { " \(name)=\"\(escaped($0))\"" } }.joined()
    }

    /// Appends `<name attributes>` with an optional tooltip (`<title>`) and closes it.
    private mutating func element(_ name: String, _ pairs: [(String, String?)], tooltip: String? = nil) {
        if let tooltip {
            body += "<\(name)\(SVGWriter.attributes(pairs))><title>\(SVGWriter.escaped(tooltip))</title></\(name)>\n"
        } else {
            body += "<\(name)\(SVGWriter.attributes(pairs))/>\n"
        }
    }

    public mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
                              width: Double = 1, dash: String? = nil, tooltip: String? = nil) {
        element("line", [("x1", SVGWriter.number(x1)), ("y1", SVGWriter.number(y1)), ("x2", SVGWriter.number(x2)),
                         ("y2", SVGWriter.number(y2)), ("stroke", stroke), ("stroke-width", SVGWriter.number(width)),
                         ("stroke-dasharray", dash)], tooltip: tooltip)
    }

    public mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 2, tooltip: String? = nil) {
        let text = points.map { "\(SVGWriter.number($0.x)),\(SVGWriter.number($0.y))" }.joined(separator: " ")
        element("polyline", [("points", text), ("fill", "none"), ("stroke", stroke), ("stroke-width", SVGWriter.number(width)),
                             ("stroke-linejoin", "round")], tooltip: tooltip)
    }

    public mutating func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, fill: String, tooltip: String? = nil) {
        element("rect", [("x", SVGWriter.number(x)), ("y", SVGWriter.number(y)), ("width", SVGWriter.number(max(0, width))),
                         ("height", SVGWriter.number(max(0, height))), ("fill", fill)], tooltip: tooltip)
    }

    public mutating func circle(_ x: Double, _ y: Double, radius: Double, fill: String, tooltip: String? = nil) {
        element("circle", [("cx", SVGWriter.number(x)), ("cy", SVGWriter.number(y)), ("r", SVGWriter.number(radius)), ("fill", fill)],
                tooltip: tooltip)
    }

    public mutating func polygon(_ points: [(x: Double, y: Double)], fill: String, tooltip: String? = nil) {
        let text = points.map { "\(SVGWriter.number($0.x)),\(SVGWriter.number($0.y))" }.joined(separator: " ")
        element("polygon", [("points", text), ("fill", fill)], tooltip: tooltip)
    }

    public enum Anchor: String, Sendable { case start, middle, end }

    public mutating func text(_ x: Double, _ y: Double, _ string: String, size: Double = 14, anchor: Anchor = .start,
                              fill: String = "#222", bold: Bool = false, rotate: Double? = nil) {
        let transform = rotate.map { "rotate(\(SVGWriter.number($0)) \(SVGWriter.number(x)) \(SVGWriter.number(y)))" }
        body += "<text\(SVGWriter.attributes([("x", SVGWriter.number(x)), ("y", SVGWriter.number(y)), ("font-size", SVGWriter.number(size)), ("text-anchor", anchor.rawValue), ("fill", fill), ("font-weight", bold ? "bold" : nil), ("transform", transform)]))>"
            + SVGWriter.escaped(string) + "</text>\n"
    }
}
