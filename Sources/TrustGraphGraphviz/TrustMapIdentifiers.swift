/// Stable element ids of a trust map, so an SVG can be linked to and scripted.
///
/// Ids derive from supplier ids and group labels only (never from positions
/// or counts), so the same supplier has the same id in every view and every
/// run. They are safe in HTML, CSS selectors and URLs: ASCII letters, digits,
/// `-` and `.` are kept, every other byte of the UTF-8 id becomes `_` and two
/// hex digits. The encoding is one-to-one, so distinct suppliers never share
/// an id, and `__` never occurs inside an encoded part, which makes it a safe
/// separator.
public enum TrustMapIdentifiers {
    /// The id of a supplier's node: `s-` and the encoded supplier id (`cdn-1` → `s-cdn-1`, `Müller` → `s-M_c3_bcller`).
    public static func node(supplier id: String) -> String { "s-" + encode(id) }

    /// The id of the junction node of a consumer's group of alternatives.
    public static func junction(consumer: String, group: String) -> String {
        "g-" + encode(consumer) + "__" + encode(group)
    }

    /// The id of a dependency edge.
    public static func edge(consumer: String, group: String, provider: String) -> String {
        "d-" + encode(consumer) + "__" + encode(group) + "__" + encode(provider)
    }

    /// The id of the edge from a consumer to one of its junctions.
    public static func junctionEdge(consumer: String, group: String) -> String {
        "d-" + encode(consumer) + "__" + encode(group)
    }

    /// The id of a cluster box.
    public static func cluster(_ kind: TrustMapClustering, key: String) -> String {
        "c-" + kind.rawValue + "-" + encode(key)
    }

    /// The one-to-one, HTML-safe encoding of a text.
    public static func encode(_ text: String) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
                out.append(b)
            default:
                out.append(UInt8(ascii: "_"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 15)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
