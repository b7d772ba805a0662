/// Recognition between certification schemes (EU-SEC's multi-party
/// recognition): a certificate under `source` counts toward `target` with a
/// coverage in (0,1], one hop only. Read from the dataset's optional
/// `recognition.csv`; used by `requires-scheme` rules and shown by `explain`.
/// It never changes base trust.
public struct RecognitionTable: Sendable {
    /// Scheme ids (see `SchemeCatalogue`), one per row.
    public internal(set) var source: [Int32] = []
    public internal(set) var target: [Int32] = []
    /// Coverage in (0,1].
    public internal(set) var coverage: [Double] = []
    /// Line of `recognition.csv` of each row.
    public internal(set) var lines: [Int32] = []
    /// Further columns (`source_of_figure`, say), kept as written.
    public internal(set) var attributes = AttributeColumns()

    public init() {}

    /// Number of rows.
    public var count: Int { source.count }

    mutating func append(source: Int32, target: Int32, coverage: Double, line: Int32) {
        self.source.append(source)
        self.target.append(target)
        self.coverage.append(coverage)
        lines.append(line)
    }

    /// The rows whose source is scheme `s`, in file order.
    /// - Complexity: O(rows); the table holds a few dozen.
    public func rows(from s: Int32) -> [Int] { (0..<count).filter { source[$0] == s } }

    /// The coverage with which a certificate of scheme `source` counts toward `target`:
    /// 1 for the scheme itself, the row's coverage when one recognises it, else 0.
    public func coverage(of source: Int32, toward target: Int32) -> Double {
        if source == target { return 1 }
        for r in 0..<count where self.source[r] == source && self.target[r] == target { return coverage[r] }
        return 0
    }
}
