/// The certification schemes a dataset may name, with their assurance and
/// evidence half-life. Starts from the built-in catalogue (contract §1);
/// `schemes.csv` adds to or overrides it. Names are matched case-insensitively.
public struct SchemeCatalogue: Sendable, Equatable {
    /// Default evidence half-life in days.
    public static let defaultHalfLifeDays = 180.0

    /// Display names, in id order.
    public private(set) var names: [String] = []
    /// Assurance in [0,1], by scheme id.
    public internal(set) var assurance: [Double] = []
    /// Evidence half-life in days, by scheme id.
    public internal(set) var halfLifeDays: [Double] = []
    private var index: [String: Int32] = [:]

    /// The contract's built-in schemes.
    public static let builtIn: SchemeCatalogue = {
        var catalogue = SchemeCatalogue()
        let table: [(String, Double)] = [
            ("ISO27001", 0.60), ("ISO27017", 0.30), ("ISO27018", 0.20),
            ("SOC2-TYPE1", 0.40), ("SOC2-TYPE2", 0.65),
            ("CSA-STAR-L1", 0.20), ("CSA-STAR-L2", 0.65), ("CSA-STAR-L3", 0.80),
            ("EUCS-BASIC", 0.40), ("EUCS-SUBSTANTIAL", 0.65), ("EUCS-HIGH", 0.85),
            ("SECNUMCLOUD", 0.85), ("BSI-C5", 0.70), ("TISAX", 0.55), ("PCI-DSS", 0.50),
            ("CYBER-ESSENTIALS", 0.25), ("CYBER-ESSENTIALS-PLUS", 0.40),
        ]
        for (name, assurance) in table {
            catalogue.define(name, assurance: assurance, halfLifeDays: defaultHalfLifeDays)
        }
        return catalogue
    }()

    /// Number of schemes.
    public var count: Int { names.count }

    /// The id of a scheme, matched case-insensitively.
    public func find(_ name: String) -> Int32? { index[SchemeCatalogue.key(name)] }


    /// Adds a scheme or overrides one of the same name; returns its id.
    @discardableResult
    public mutating func define(_ name: String, assurance: Double, halfLifeDays: Double) -> Int32 {
        let key = SchemeCatalogue.key(name)
        if let id = index[key] {
            self.assurance[Int(id)] = assurance
            self.halfLifeDays[Int(id)] = halfLifeDays
            return id
        }
        let id = Int32(names.count)
        names.append(name)
        self.assurance.append(assurance)
        self.halfLifeDays.append(halfLifeDays)
        index[key] = id
        return id
    }

    static func key(_ name: String) -> String { name.uppercased() }
}
