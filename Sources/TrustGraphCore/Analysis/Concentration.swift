/// Where the portfolio's important dependencies land: for each provider,
/// country and sector, the share of critical and high dependency rows (weight
/// ≥ 0.7) pointing at it, and the Herfindahl–Hirschman index of each dimension
/// (Σ share², from 1/k for k equal shares up to 1 for a single one).
///
/// One definition serves `analyze` and the `max-concentration` rule of
/// `check`: a row counts under its provider's id, country or sector as
/// written, and the rows of providers with no country (sector) count under
/// one empty key (`name` ""), so unknown locations concentrate too.
public struct Concentration: Sendable {
    /// One provider, country or sector and its share.
    public struct Share: Sendable, Equatable {
        /// The provider's id, the country or the sector; "" for the rows of providers without one.
        public var name: String
        public var rows: Int
        public var share: Double
    }

    /// The smallest weight counted: `high` (0.7) and above.
    public static let minimumWeight = 0.7

    /// Critical and high rows in all.
    public var rows: Int
    /// Shares, largest first (ties by name).
    public var providers: [Share]
    public var countries: [Share]
    public var sectors: [Share]
    /// Herfindahl–Hirschman index of each dimension, in [0,1].
    public var providerHHI: Double
    public var countryHHI: Double
    public var sectorHHI: Double

    public init(dataset: Dataset) {
        let perProvider = Concentration.rowsPerProvider(dataset, level: Concentration.minimumWeight)
        rows = perProvider.reduce(0, +)
        (providers, providerHHI) = Concentration.shares(dataset, by: .provider, rowsPerProvider: perProvider)
        (countries, countryHHI) = Concentration.shares(dataset, by: .country, rowsPerProvider: perProvider)
        (sectors, sectorHHI) = Concentration.shares(dataset, by: .sector, rowsPerProvider: perProvider)
    }

    /// The HHI of the rows of weight ≥ `level` by `dimension` (0 when no row is that important).
    /// - Complexity: O(rows + suppliers).
    public static func hhi(of dataset: Dataset, by dimension: ConcentrationDimension, level: Double) -> Double {
        shares(dataset, by: dimension, rowsPerProvider: rowsPerProvider(dataset, level: level)).hhi
    }

    /// How many rows of weight ≥ `level` each supplier provides.
    static func rowsPerProvider(_ dataset: Dataset, level: Double) -> [Int] {
        let deps = dataset.dependencies
        var perProvider = [Int](repeating: 0, count: dataset.suppliers.count)
        for r in 0..<deps.count where deps.weight[r] >= level { perProvider[Int(deps.provider[r])] += 1 }
        return perProvider
    }

    /// The shares of one dimension, largest first (ties by name, by code points), and their HHI
    /// summed in that order.
    static func shares(_ dataset: Dataset, by dimension: ConcentrationDimension, rowsPerProvider: [Int]) -> ([Share], hhi: Double) {
        let suppliers = dataset.suppliers
        var names = InternTable()
        var counts: [Int] = []
        var total = 0
        for j in 0..<suppliers.count where rowsPerProvider[j] > 0 {
            let key: Int
            switch dimension {
            case .provider:
                key = counts.count
                counts.append(0)
                _ = names.intern(suppliers.id(j))
            case .country: key = Int(suppliers.countries.withBytes(j) { names.intern($0).id })
            case .sector: key = Int(suppliers.sectors.withBytes(j) { names.intern($0).id })
            }
            if key == counts.count { counts.append(0) }
            counts[key] += rowsPerProvider[j]
            total += rowsPerProvider[j]
        }
        let shares = counts.indices.map { k in
            Share(name: names.values[k], rows: counts[k], share: total == 0 ? 0 : Double(counts[k]) / Double(total))
        }.sorted { a, b in
            a.rows != b.rows ? a.rows > b.rows : a.name.unicodeScalars.lexicographicallyPrecedes(b.name.unicodeScalars)
        }
        return (shares, shares.reduce(0) { $0 + $1.share * $1.share })
    }
}

/// A provider that is the only member of some consumer's critical or high group.
public struct SinglePointOfFailure: Sendable {
    public var provider: Int
    /// The consumers relying on it alone, with the group and its weight.
    public var consumers: [(consumer: Int, group: String, weight: Double)]

    /// Single points of failure of a prepared dataset, most consumers first.
    public static func find(in model: TrustModel) -> [SinglePointOfFailure] {
        let graph = model.graph
        var byProvider: [Int: [(Int, String, Double)]] = [:]
        for i in 0..<graph.supplierCount {
            for g in graph.groups(of: i) where graph.groupWeight[g] >= Concentration.minimumWeight {
                let members = graph.providers(ofGroup: g)
                if members.count == 1 {
                    byProvider[Int(members.first!), default: []].append((i, model.dataset.groupLabelText(graph.groupLabel[g]), graph.groupWeight[g]))
                }
            }
        }
        return byProvider.map { SinglePointOfFailure(provider: $0.key, consumers: $0.value) }
            .sorted { ($1.consumers.count, $0.provider) < ($0.consumers.count, $1.provider) }
    }
}
