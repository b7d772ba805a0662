/// The suppliers of a dataset, by dense index.
public struct SupplierTable: Sendable {
    /// Ids, interned byte for byte.
    public internal(set) var index = InternTable()
    /// Names as given ("" when the cell was empty: see `name(_:)`).
    public internal(set) var names = StringColumn()
    /// Country codes, upper-cased ("" when not given).
    public internal(set) var countries = StringColumn()
    /// Sectors as given ("" when not given).
    public internal(set) var sectors = StringColumn()
    /// Own prior or NaN when the supplier uses the global prior.
    public internal(set) var priors: [Double] = []
    /// Line of `suppliers.csv` where the supplier is defined (0 when added otherwise).
    public internal(set) var lines: [Int32] = []
    /// Unknown columns of `suppliers.csv`.
    public internal(set) var attributes = AttributeColumns()

    public init() {}

    /// Number of suppliers.
    public var count: Int { index.count }
    /// The id of supplier `i`.
    public func id(_ i: Int) -> String { index.values[i] }
    /// The name of supplier `i` (its id when no name was given).
    public func name(_ i: Int) -> String { names.isEmpty(at: i) ? id(i) : names[i] }
    /// The index of the supplier with this id (compared code point by code point).
    public func find(_ id: String) -> Int? { index.find(id).map(Int.init) }
    /// The supplier's own prior, if any.
    public func prior(_ i: Int) -> Double? { priors[i].isNaN ? nil : priors[i] }

    /// Appends a supplier with a new id (its extra columns empty) and returns its index.
    /// - Parameters:
    ///   - country: already checked and upper-cased ("" when not given).
    ///   - prior: its own prior, or nil for the global one.
    /// - Complexity: O(length of the id and name) amortised, plus one cell per extra column.
    mutating func append(id: String, name: String, country: String, sector: String, prior: Double?) -> Int {
        let (index, inserted) = index.intern(id)
        precondition(inserted, "supplier '\(id)' already exists")
        names.append(name)
        countries.append(country)
        sectors.append(sector)
        priors.append(prior ?? .nan)
        lines.append(0)
        for k in attributes.values.indices { attributes.values[k].append("") }
        return Int(index)
    }
}
