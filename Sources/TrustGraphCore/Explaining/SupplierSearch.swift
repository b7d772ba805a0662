/// Finding supplier ids close to a mistyped one.
public enum SupplierSearch {
    /// Up to `limit` ids within a small edit distance of `text`, closest first.
    public static func suggestions(for text: String, in suppliers: SupplierTable, limit: Int = 3) -> [String] {
        let target = Array(text.lowercased().unicodeScalars)
        var scored: [(Int, String)] = []
        for i in 0..<suppliers.count {
            let id = suppliers.id(i)
            let candidate = Array(id.lowercased().unicodeScalars)
            if abs(candidate.count - target.count) > 3 { continue }
            let d = distance(target, candidate)
            if d <= max(2, target.count / 4) { scored.append((d, id)) }
        }
        return scored.sorted { $0 < $1 }.prefix(limit).map(\.1)
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
