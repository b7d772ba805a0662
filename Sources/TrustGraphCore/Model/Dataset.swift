/// A whole dataset: suppliers, certifications, dependencies, schemes and recognition between schemes.
public struct Dataset: Sendable {
    public internal(set) var suppliers = SupplierTable()
    public internal(set) var certifications = CertificationTable()
    public internal(set) var dependencies = DependencyTable()
    public internal(set) var schemes = SchemeCatalogue.builtIn
    /// Recognition between schemes (`recognition.csv`; empty without one).
    public internal(set) var recognition = RecognitionTable()

    public init() {}

    /// The label id of a group label text (see `DependencyTable`).
    public func groupLabel(_ text: String) -> Int32? {
        if let supplier = suppliers.index.find(text) { return supplier }
        return dependencies.extraLabels.find(text).map { Int32(suppliers.count) + $0 }
    }

    /// The text of a group label id.
    public func groupLabelText(_ label: Int32) -> String {
        let n = Int32(suppliers.count)
        return label < n ? suppliers.id(Int(label)) : dependencies.extraLabels.values[Int(label - n)]
    }

    mutating func internGroupLabel(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        if let supplier = suppliers.index.find(bytes) { return supplier }
        return Int32(suppliers.count) + dependencies.extraLabels.intern(bytes).id
    }

    mutating func internGroupLabel(_ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { internGroupLabel(UnsafeRawBufferPointer($0)) }
    }

    /// Adds a supplier with no certification and no row (a what-if candidate) and returns its index.
    ///
    /// Group labels that are not supplier ids are numbered after the suppliers,
    /// so each moves up by one; a label spelled like the new id becomes the new
    /// supplier's index, as `groupLabel(_:)` will then find it.
    mutating func addSupplier(id: String, name: String, country: String, sector: String, prior: Double?) -> Int {
        let n = Int32(suppliers.count)
        let renamed = dependencies.extraLabels.find(id).map { n + 1 + $0 }
        let index = suppliers.append(id: id, name: name, country: country, sector: sector, prior: prior)
        func moved(_ label: Int32) -> Int32 {
            guard label >= n else { return label }
            return label + 1 == renamed ? n : label + 1
        }
        dependencies.group = dependencies.group.map(moved)
        for k in dependencies.emptiedGroups.indices { dependencies.emptiedGroups[k].label = moved(dependencies.emptiedGroups[k].label) }
        return index
    }
}
