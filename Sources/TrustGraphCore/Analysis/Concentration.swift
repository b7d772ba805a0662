/// Where the portfolio's important dependencies land: for each provider,
/// country and sector, the share of critical and high dependency rows (weight
/// ≥ 0.7) pointing at it, and the Herfindahl–Hirschman index of each dimension
/// (Σ share², from 1/k for k equal shares up to 1 for a single one).
public struct Concentration: Sendable {
    /// One provider, country or sector and its share.
    public struct Share: Sendable, Equatable {
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
        let suppliers = dataset.suppliers
        let deps = dataset.dependencies
        var perProvider = [Int](repeating: 0, count: suppliers.count)
        var total = 0
        for r in 0..<deps.count where deps.weight[r] >= Concentration.minimumWeight {
            perProvider[Int(deps.provider[r])] += 1
            total += 1
        }
        var perCountry: [String: Int] = [:], perSector: [String: Int] = [:]
        var providers: [Share] = []
        for j in 0..<suppliers.count where perProvider[j] > 0 {
            providers.append(Share(name: suppliers.id(j), rows: perProvider[j], share: 0))
            let country = suppliers.countries[j]
            perCountry[country.isEmpty ? "(none)" : country, default: 0] += perProvider[j]
            let sector = suppliers.sectors[j]
            perSector[sector.isEmpty ? "(none)" : sector, default: 0] += perProvider[j]
        }
        func finish(_ shares: [Share]) -> ([Share], Double) {
            let scaled = shares.map { Share(name: $0.name, rows: $0.rows, share: total == 0 ? 0 : Double($0.rows) / Double(total)) }
                .sorted { ($1.rows, $0.name) < ($0.rows, $1.name) }
            return (scaled, scaled.reduce(0) { $0 + $1.share * $1.share })
        }
        rows = total
        (self.providers, providerHHI) = finish(providers)
        (countries, countryHHI) = finish(perCountry.map { Share(name: $0.key, rows: $0.value, share: 0) })
        (sectors, sectorHHI) = finish(perSector.map { Share(name: $0.key, rows: $0.value, share: 0) })
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
