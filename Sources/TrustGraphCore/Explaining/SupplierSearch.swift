/// Finding the names closest to a mistyped one, for "did you mean …" in
/// every message that names something unknown (suppliers, schemes, keys).
public enum SupplierSearch {
    /// Up to `limit` ids within a small edit distance of `text`, closest first.
    ///
    /// - Complexity: O(n) byte-length checks, and an edit distance only for
    ///   the ids of a near length (a million ids take a few milliseconds).
    /// - Parameter excluding: suppliers never to suggest (those a scenario saw exit, say).
    public static func suggestions(for text: String, in suppliers: SupplierTable, limit: Int = 3,
                                   excluding: (Int) -> Bool = { _ in false }) -> [String] {
        let length = text.unicodeScalars.count, allowed = max(2, length / 4)
        let offsets = suppliers.index.values.offsets
        // An id of b UTF-8 bytes has between b/4 and b code points.
        let near = (0..<suppliers.count).filter { i in
            let bytes = offsets[i + 1] - offsets[i]
            return bytes >= length - allowed && bytes / 4 <= length + allowed && !excluding(i)
        }
        return nearest(to: text, among: near.lazy.map { suppliers.id($0) }, limit: limit)
    }

    /// Up to `limit` of `candidates` within a small edit distance of `text`
    /// (compared case-insensitively), closest first, ties in candidate order.
    public static func nearest<Names: Sequence<String>>(to text: String, among candidates: Names, limit: Int = 3) -> [String] {
        let target = Array(text.lowercased().unicodeScalars)
        let allowed = max(2, target.count / 4)
        var scored: [(distance: Int, order: Int, name: String)] = []
        for (order, name) in candidates.enumerated() {
            // The length alone rules most names out before any distance is computed.
            let length = name.unicodeScalars.count
            if abs(length - target.count) > allowed { continue }
            let candidate = Array(name.lowercased().unicodeScalars)
            let d = distance(target, candidate)
            if d <= allowed && d < max(target.count, candidate.count) { scored.append((d, order, name)) }
        }
        return scored.sorted { ($0.distance, $0.order) < ($1.distance, $1.order) }.prefix(limit).map(\.name)
    }

    /// " (did you mean 'a', 'b'?)", or "" when there is nothing to suggest.
    public static func didYouMean(_ suggestions: [String]) -> String {
        suggestions.isEmpty ? "" : " (did you mean \(suggestions.map { Diagnostic.quote($0) }.joined(separator: ", "))?)"
    }

    /// Levenshtein distance.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
