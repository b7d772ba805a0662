/// An HTML document written element by element, every value escaped by
/// construction.
///
/// Tag and attribute names are `StaticString`s, so data can only ever become a
/// text node or a quoted attribute value, both escaped (`&`, `<`, `>`, `"`,
/// `'`). What the writer refuses, it refuses for every caller: attributes
/// named `on…` (inline event handlers) or `style`, links that leave the page,
/// `<script>` and `<style>` except through `script(_:)`, `style(_:)` and
/// `jsonIsland(id:json:)`. The only markup written as it is comes from
/// constants of the program or from `SanitizedSVG`.
public struct HTMLWriter {
    /// The document so far, UTF-8.
    public private(set) var bytes: [UInt8] = []

    /// An empty document.
    public init() {}

    /// The document as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `<!DOCTYPE html>` and a line break.
    public mutating func doctype() { bytes += Array("<!DOCTYPE html>\n".utf8) }

    /// An opening tag with its attributes, e.g. `open("tr", ["data-supplier": id])`.
    public mutating func open(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:]) {
        HTMLWriter.checkTag(tag)
        startTag(tag, attributes)
    }

    /// A closing tag.
    public mutating func close(_ tag: StaticString) {
        bytes += [UInt8(ascii: "<"), UInt8(ascii: "/")]
        bytes += UnsafeBufferPointer(start: tag.utf8Start, count: tag.utf8CodeUnitCount)
        bytes.append(UInt8(ascii: ">"))
    }

    /// An element without content (`<meta>`, `<input>`, `<br>`).
    public mutating func void(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:]) {
        open(tag, attributes)
    }

    /// An element holding only `text`, escaped.
    public mutating func element(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:], text: String) {
        open(tag, attributes)
        self.text(text)
        close(tag)
    }

    /// Text, escaped.
    public mutating func text(_ text: String) { HTMLWriter.escape(text, into: &bytes) }

    /// A line break in the source, for people reading it.
    public mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

    /// An inline script whose source is a constant of the program.
    /// - Returns: the exact text between the tags, to hash for the Content-Security-Policy.
    @discardableResult
    public mutating func script(_ source: StaticString) -> String {
        let text = source.description
        HTMLWriter.checkRawText(text, closing: "</script")
        bytes += Array("<script>".utf8) + Array(text.utf8) + Array("</script>".utf8)
        return text
    }

    /// An inline style sheet whose text is a constant of the program.
    /// - Returns: the exact text between the tags, to hash for the Content-Security-Policy.
    @discardableResult
    public mutating func style(_ source: StaticString) -> String {
        let text = source.description
        HTMLWriter.checkRawText(text, closing: "</style")
        bytes += Array("<style>".utf8) + Array(text.utf8) + Array("</style>".utf8)
        return text
    }

    /// A JSON data island, `<script type="application/json" id="…">`: the browser never runs
    /// it, and the page's script reads it with `JSON.parse(element.textContent)`.
    /// `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026` and U+2028/U+2029 `\u2028`/`\u2029`,
    /// so no value can close the element, open a comment or end a line of script; all
    /// of them occur in JSON only inside strings, where the escapes mean the same.
    public mutating func jsonIsland(id: StaticString, json: [UInt8]) {
        startTag("script", ["type": "application/json", "id": id.description])
        HTMLWriter.escapeJSONForScript(json, into: &bytes)
        close("script")
    }

    /// SVG markup that `SanitizedSVG` checked, as it is.
    public mutating func svg(_ svg: SanitizedSVG) { bytes += svg.bytes }

    /// Constant markup of the program (a `<meta charset>`, an entity), as it is.
    public mutating func markup(_ markup: StaticString) {
        bytes += UnsafeBufferPointer(start: markup.utf8Start, count: markup.utf8CodeUnitCount)
    }

    // MARK: - Escaping

    /// `text` with `&`, `<`, `>`, `"` and `'` as character references, safe in
    /// text and in a quoted attribute value; NUL becomes U+FFFD as a parser would make it.
    public static func escaped(_ text: String) -> String {
        var out: [UInt8] = []
        escape(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func escape(_ text: String, into out: inout [UInt8]) {
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            case UInt8(ascii: "\""): out += Array("&quot;".utf8)
            case UInt8(ascii: "'"): out += Array("&#39;".utf8)
            case 0: out += Array("&#xFFFD;".utf8)
            default: out.append(b)
            }
        }
    }

    /// JSON text made safe inside `<script>`: see `jsonIsland(id:json:)`.
    public static func escapeJSONForScript(_ json: [UInt8], into out: inout [UInt8]) {
        var k = 0
        while k < json.count {
            let b = json[k]
            switch b {
            case UInt8(ascii: "<"): out += Array("\\u003c".utf8)
            case UInt8(ascii: ">"): out += Array("\\u003e".utf8)
            case UInt8(ascii: "&"): out += Array("\\u0026".utf8)
            case 0xE2 where k + 2 < json.count && json[k + 1] == 0x80 && (json[k + 2] == 0xA8 || json[k + 2] == 0xA9):
                out += Array((json[k + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                k += 2
            default: out.append(b)
            }
            k += 1
        }
    }

    // MARK: - Checks

    /// Tags whose content is not parsed as HTML: they go through their own methods.
    static let rawTextTags: Set<String> = ["script", "style", "iframe", "object", "embed", "noembed", "noframes", "xmp",
                                           "plaintext", "textarea", "title", "template", "svg", "math"]

    static func checkTag(_ tag: StaticString) {
        let name = tag.description
        precondition(name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) },
                     "a tag is lower-case letters and digits")
        precondition(!rawTextTags.contains(name) || name == "title", "<\(name)> is written by its own method")
    }

    static func checkAttribute(_ name: String, _ value: String) {
        precondition(name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 },
                     "an attribute name is lower-case letters, digits and dashes")
        precondition(!name.hasPrefix("on"), "no inline event handlers")
        precondition(name != "style", "no inline styles: the Content-Security-Policy allows the style sheet only")
        precondition(!["src", "srcset", "action", "formaction", "xlink:href", "poster", "data"].contains(name), "nothing is loaded")
        if name == "href" { precondition(value.hasPrefix("#"), "links stay in the page") }
    }

    static func checkRawText(_ text: String, closing: String) {
        let lower = text.lowercased()
        precondition(!lower.contains(closing) && !lower.contains("<!--"), "raw text must not close its element")
    }

    mutating func startTag(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String>) {
        bytes.append(UInt8(ascii: "<"))
        bytes += UnsafeBufferPointer(start: tag.utf8Start, count: tag.utf8CodeUnitCount)
        for (name, value) in attributes {
            HTMLWriter.checkAttribute(name.description, value)
            bytes.append(UInt8(ascii: " "))
            bytes += UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
            bytes += [UInt8(ascii: "="), UInt8(ascii: "\"")]
            HTMLWriter.escape(value, into: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ">"))
    }
}
