/// The certification schemes a dataset may name, with their assurance and
/// evidence half-life. Starts from the built-in catalogue (contract §1);
/// `schemes.csv` adds to or overrides it. Names are matched by key, and the
/// spellings people type (`ISO/IEC 27001:2022`, `SOC 2 Type II`, `C5`) by
/// the alias table (contract §1.1).
public struct SchemeCatalogue: Sendable, Equatable {
    /// Default evidence half-life in days.
    public static let defaultHalfLifeDays = 180.0

    /// Display names, in id order.
    public private(set) var names: [String] = []
    /// Assurance in [0,1], by scheme id.
    public internal(set) var assurance: [Double] = []
    /// Evidence half-life in days, by scheme id.
    public internal(set) var halfLifeDays: [Double] = []
    /// What a certification costs (`cost` in schemes.csv, a number ≥ 0), by
    /// scheme id; NaN when unknown (built-in schemes, an empty cell).
    public internal(set) var cost: [Double] = []
    /// Scheme ids by key.
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

    /// Alias keys and the key of the scheme each names (contract §1.1).
    static let aliases: [String: String] = {
        var table: [String: String] = [:]
        for alias in ["SOC2TYPEII", "SOC2TYPE2", "SOC2II"] { table[alias] = "SOC2TYPE2" }
        for alias in ["SOC2TYPEI", "SOC2TYPE1", "SOC2I"] { table[alias] = "SOC2TYPE1" }
        for alias in ["C5", "BSIC5"] { table[alias] = "BSIC5" }
        for level in 1...3 {
            for alias in ["CSASTARLEVEL\(level)", "STARLEVEL\(level)", "CSASTAR\(level)"] { table[alias] = "CSASTARL\(level)" }
        }
        for alias in ["CYBERESSENTIALSPLUS", "CEPLUS"] { table[alias] = "CYBERESSENTIALSPLUS" }
        for alias in ["SECNUMCLOUDANSSI", "ANSSISECNUMCLOUD"] { table[alias] = "SECNUMCLOUD" }
        return table
    }()

    /// Number of schemes.
    public var count: Int { names.count }

    /// The id of the scheme `name` names: the scheme with the same key, else
    /// the one its alias names; `nil` when there is none.
    public func find(_ name: String) -> Int32? {
        let key = SchemeCatalogue.key(name)
        if let id = index[key] { return id }
        return SchemeCatalogue.aliases[key].flatMap { index[$0] }
    }

    /// Adds a scheme or overrides the one `name` resolves to (which keeps its
    /// name); returns its id.
    @discardableResult
    public mutating func define(_ name: String, assurance: Double, halfLifeDays: Double) -> Int32 {
        if let id = find(name) {
            self.assurance[Int(id)] = assurance
            self.halfLifeDays[Int(id)] = halfLifeDays
            return id
        }
        let id = Int32(names.count)
        names.append(name)
        self.assurance.append(assurance)
        self.halfLifeDays.append(halfLifeDays)
        cost.append(.nan)
        index[SchemeCatalogue.key(name)] = id
        return id
    }

    /// The cost of scheme `id`, or nil when unknown.
    public func cost(of id: Int32) -> Double? { cost[Int(id)].isNaN ? nil : cost[Int(id)] }

    /// Sets what a certification of scheme `id` costs (nil: unknown).
    public mutating func setCost(_ value: Double?, of id: Int32) { cost[Int(id)] = value ?? .nan }

    /// The spellings, as alias keys, that name scheme `id` besides its own key.
    public func aliases(of id: Int32) -> [String] {
        let own = SchemeCatalogue.key(names[Int(id)])
        return SchemeCatalogue.aliases.filter { $0.value == own && $0.key != own && index[$0.key] == nil }.map(\.key).sorted()
    }

    /// The names of the schemes closest to an unknown `name`, compared by key.
    public func suggestions(for name: String, limit: Int = 3) -> [String] {
        let keys = names.map(SchemeCatalogue.key) + SchemeCatalogue.aliases.keys.sorted()
        let near = SupplierSearch.nearest(to: SchemeCatalogue.key(name), among: keys, limit: limit * 2)
        var result: [String] = []
        for key in near {
            guard let id = index[key] ?? SchemeCatalogue.aliases[key].flatMap({ index[$0] }) else { continue }
            if !result.contains(names[Int(id)]) { result.append(names[Int(id)]) }
        }
        return Array(result.prefix(limit))
    }

    /// The key of a scheme name (contract §1.1): one trailing year (19xx or
    /// 20xx) written after `:`, `-` or a space dropped, upper-cased, only
    /// A–Z and 0–9 kept, and a leading `ISOIEC` read as `ISO`.
    /// `ISO/IEC 27001:2022` → `ISO27001`; `SOC 2 Type II` → `SOC2TYPEII`.
    public static func key(_ name: String) -> String {
        var scalars = Array(name.unicodeScalars)
        let n = scalars.count
        if n >= 5 {
            let year = scalars[(n - 4)...]
            let separator = scalars[n - 5]
            if year.allSatisfy({ $0.value >= 48 && $0.value <= 57 }),
               (scalars[n - 4] == "1" && scalars[n - 3] == "9") || (scalars[n - 4] == "2" && scalars[n - 3] == "0"),
               separator == ":" || separator == "-" || separator == " " {
                scalars.removeLast(5)
            }
        }
        var key = ""
        for scalar in scalars {
            switch scalar.value {
            case 65...90, 48...57: key.unicodeScalars.append(scalar)
            case 97...122: key.unicodeScalars.append(Unicode.Scalar(scalar.value - 32)!)
            default: break
            }
        }
        if key.hasPrefix("ISOIEC") { key = "ISO" + key.dropFirst(6) }
        return key
    }
}
