/// The certifications of a dataset, one row per record (structure of arrays).
public struct CertificationTable: Sendable {
    /// No date given: `issued`/`lastEvidence` use `Int32.min`, `expires` uses `Int32.max`.
    public static let noStart = Int32.min
    public static let noEnd = Int32.max

    /// The supplier holding each certificate (an index of `SupplierTable`).
    public internal(set) var supplier: [Int32] = []
    /// Its scheme (an index of the dataset's `SchemeCatalogue`).
    public internal(set) var scheme: [Int32] = []
    public internal(set) var status: [CertificationStatus] = []
    /// `issued`, `expires` and `last_evidence` as day ordinals (`Day.ordinal`), or `noStart`/`noEnd`.
    public internal(set) var issued: [Int32] = []
    public internal(set) var expires: [Int32] = []
    public internal(set) var lastEvidence: [Int32] = []
    /// Whether the scope is `partial`.
    public internal(set) var partial: [Bool] = []
    /// The line of certifications.csv where each row starts (the header is line 1).
    public internal(set) var lines: [Int32] = []
    /// Columns the contract does not name, kept as written.
    public internal(set) var attributes = AttributeColumns()

    public init() {}

    /// Number of rows.
    public var count: Int { supplier.count }

    mutating func reserve(_ rows: Int) {
        supplier.reserveCapacity(rows); scheme.reserveCapacity(rows); status.reserveCapacity(rows); issued.reserveCapacity(rows)
        expires.reserveCapacity(rows); lastEvidence.reserveCapacity(rows); partial.reserveCapacity(rows); lines.reserveCapacity(rows)
    }

    /// Appends the rows of `other` that `keep` accepts (all of them, fast, when it accepts all),
    /// adding `lineOffset` to their lines.
    mutating func append(contentsOf other: CertificationTable, lineOffset: Int32 = 0, where keep: (Int) -> Bool) {
        let all = (0..<other.count).allSatisfy(keep)
        if all {
            supplier += other.supplier; scheme += other.scheme; status += other.status; issued += other.issued
            expires += other.expires; lastEvidence += other.lastEvidence; partial += other.partial
            lines += other.lines.lazy.map { $0 + lineOffset }
            for x in attributes.values.indices where x < other.attributes.values.count {
                attributes.values[x].append(contentsOf: other.attributes.values[x])
            }
            return
        }
        for r in 0..<other.count where keep(r) {
            append(supplier: other.supplier[r], scheme: other.scheme[r], status: other.status[r], issued: other.issued[r],
                   expires: other.expires[r], lastEvidence: other.lastEvidence[r], partial: other.partial[r],
                   line: other.lines[r] + lineOffset)
        }
        for x in attributes.values.indices where x < other.attributes.values.count {
            attributes.values[x].append(contentsOf: other.attributes.values[x], where: keep)
        }
    }

    mutating func append(supplier: Int32, scheme: Int32, status: CertificationStatus, issued: Int32,
                         expires: Int32, lastEvidence: Int32, partial: Bool, line: Int32) {
        self.supplier.append(supplier)
        self.scheme.append(scheme)
        self.status.append(status)
        self.issued.append(issued)
        self.expires.append(expires)
        self.lastEvidence.append(lastEvidence)
        self.partial.append(partial)
        lines.append(line)
    }
}
