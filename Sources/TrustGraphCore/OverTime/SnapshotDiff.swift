/// What changed between two snapshots of a dataset (contract: over-time, diff).
///
/// Both are solved at the same date and prior. A supplier in both is
/// `changed` when its own row, its certifications or its outgoing dependency
/// rows differ as parsed values (`0.90` = `0.9`, `high` = `0.7`, a scheme by
/// its canonical name, an empty group as its provider's id, extra columns
/// included by their case-insensitive names, row order ignored), else `same`
/// — its trust may still move because something it depends on changed.
public struct SnapshotDiff: Sendable {
    public enum Change: String, Sendable, CaseIterable {
        case added, removed, changed, same
    }

    /// One id of either snapshot.
    public struct Row: Sendable {
        public var id: String
        public var change: Change
        /// Index in the old and the new dataset (nil when absent there).
        public var old: Int?
        public var new: Int?
        public var oldTrust: Double?
        public var newTrust: Double?
        /// new − old, when in both.
        public var delta: Double? { oldTrust.flatMap { o in newTrust.map { $0 - o } } }
    }

    public let oldModel: TrustModel
    public let newModel: TrustModel
    public let parameters: TrustParameters
    public let oldSolution: TrustSolution
    public let newSolution: TrustSolution
    /// Ids in both, by |delta| (largest first) then id; then the added and removed ones together, by id.
    public let rows: [Row]

    /// Compares two snapshots solved at `parameters`.
    /// - Complexity: O(n + rows + certifications) to compare the facts (`SupplierFacts`), plus the two solves.
    public init(old: TrustModel, new: TrustModel, parameters: TrustParameters, options: SolverOptions = SolverOptions()) {
        oldModel = old
        newModel = new
        self.parameters = parameters
        oldSolution = old.solve(parameters, options: options)
        newSolution = new.solve(parameters, options: options)
        let oldFacts = SupplierFacts(old), newFacts = SupplierFacts(new)
        var both: [Row] = [], alone: [Row] = []
        let (oldSuppliers, newSuppliers) = (old.dataset.suppliers, new.dataset.suppliers)
        for i in 0..<oldSuppliers.count {
            let id = oldSuppliers.id(i)
            if let j = newSuppliers.find(id) {
                both.append(Row(id: id, change: oldFacts.same(i, as: j, in: newFacts) ? .same : .changed, old: i, new: j,
                                oldTrust: oldSolution.trust[i], newTrust: newSolution.trust[j]))
            } else {
                alone.append(Row(id: id, change: .removed, old: i, new: nil, oldTrust: oldSolution.trust[i], newTrust: nil))
            }
        }
        for j in 0..<newSuppliers.count where oldSuppliers.find(newSuppliers.id(j)) == nil {
            alone.append(Row(id: newSuppliers.id(j), change: .added, old: nil, new: j, oldTrust: nil, newTrust: newSolution.trust[j]))
        }
        both.sort { a, b in
            let (x, y) = (abs(a.delta!), abs(b.delta!))
            return x != y ? x > y : String.codePointPrecedes(a.id, b.id)
        }
        alone.sort { String.codePointPrecedes($0.id, $1.id) }
        rows = both + alone
    }

    /// How many rows have each kind of change.
    public func count(_ change: Change) -> Int { rows.lazy.filter { $0.change == change }.count }

    /// For a supplier in both snapshots, the first supplier on its limiting
    /// chain (itself first) that was changed or added: in the new snapshot's
    /// chain, else in the old one's, where a removed supplier may have been
    /// what held it. Nil when no supplier on either chain changed (a scheme's
    /// assurance, say, moved it).
    public func explanation(of row: Row) -> (id: String, change: Change)? {
        guard let i = row.old, let j = row.new else { return nil }
        let kinds = Dictionary(rows.lazy.filter { $0.change != .same }.map { ($0.id, $0.change) }, uniquingKeysWith: { a, _ in a })
        for hop in newModel.explain(j, solution: newSolution, parameters: parameters).chain {
            if let kind = kinds[hop.id] { return (hop.id, kind) }
        }
        for hop in oldModel.explain(i, solution: oldSolution, parameters: parameters).chain {
            if let kind = kinds[hop.id] { return (hop.id, kind) }
        }
        return nil
    }
}
