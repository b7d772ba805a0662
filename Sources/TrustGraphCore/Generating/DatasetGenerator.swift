/// Generates realistic synthetic datasets, reproducibly from a seed.
///
/// Suppliers come in tiers — hardware and open-source components at the
/// bottom, hyperscalers, then CDN/DNS/identity/payment, hosters and MSPs,
/// SaaS vendors and finally enterprises that consume them. Each supplier
/// depends on a few providers of lower tiers, chosen with heavy-tailed
/// popularity (a few hyperscalers and CDNs carry most of the load); some
/// dependencies are redundancy groups of two or three alternatives; a small
/// share of dependencies point sideways or up, which makes cycles. Certification
/// mixes have past and future dates, suspensions, partial scope and evidence dates.
public struct DatasetGenerator: Sendable {
    public var suppliers: Int
    public var seed: UInt64
    /// Dependency rows per supplier, on average.
    public var rowsPerSupplier: Double
    /// The date certification dates are spread around.
    public var referenceDate: Day

    public init(suppliers: Int, seed: UInt64 = 1, rowsPerSupplier: Double = 3, referenceDate: Day = Day(year: 2026, month: 6, day: 30)!) {
        self.suppliers = suppliers
        self.seed = seed
        self.rowsPerSupplier = rowsPerSupplier
        self.referenceDate = referenceDate
    }

    /// One tier of the supply chain.
    struct Tier {
        let sector: String
        let prefix: String
        /// Share of all suppliers.
        let share: Double
        /// Minimum count (so tiny datasets still have every tier).
        let minimum: Int
        /// Dependency rows of one supplier: lower…upper.
        let rows: ClosedRange<Int>
        /// Schemes this tier tends to hold.
        let schemes: [String]
        /// Sectors it draws providers from, with weights.
        let providers: [(sector: String, weight: Double)]
        let service: String
    }

    static let tiers: [Tier] = [
        Tier(sector: "hardware", prefix: "hw", share: 0.01, minimum: 2, rows: 0...1,
             schemes: ["ISO27001", "TISAX"], providers: [("hardware", 1)], service: "components"),
        Tier(sector: "open-source", prefix: "oss", share: 0.05, minimum: 3, rows: 0...2,
             schemes: ["CYBER-ESSENTIALS"], providers: [("open-source", 1)], service: "library"),
        Tier(sector: "hyperscaler", prefix: "cloud", share: 0.0005, minimum: 3, rows: 1...3,
             schemes: ["ISO27001", "ISO27017", "ISO27018", "SOC2-TYPE2", "CSA-STAR-L2", "BSI-C5", "EUCS-HIGH", "SECNUMCLOUD"],
             providers: [("hardware", 3), ("open-source", 1)], service: "hardware"),
        Tier(sector: "cdn", prefix: "cdn", share: 0.002, minimum: 2, rows: 1...3,
             schemes: ["ISO27001", "SOC2-TYPE2", "PCI-DSS", "CSA-STAR-L1"],
             providers: [("hyperscaler", 2), ("dns", 1), ("hardware", 1)], service: "edge"),
        Tier(sector: "dns", prefix: "dns", share: 0.002, minimum: 2, rows: 1...2,
             schemes: ["ISO27001", "SOC2-TYPE1"], providers: [("hyperscaler", 1), ("cdn", 1)], service: "dns"),
        Tier(sector: "identity", prefix: "idp", share: 0.003, minimum: 2, rows: 1...3,
             schemes: ["ISO27001", "SOC2-TYPE2", "CSA-STAR-L2", "EUCS-SUBSTANTIAL"],
             providers: [("hyperscaler", 3), ("dns", 1), ("open-source", 1)], service: "identity"),
        Tier(sector: "payment", prefix: "pay", share: 0.005, minimum: 2, rows: 2...4,
             schemes: ["PCI-DSS", "ISO27001", "SOC2-TYPE2"],
             providers: [("hyperscaler", 2), ("identity", 1), ("cdn", 1)], service: "payments"),
        Tier(sector: "hosting", prefix: "host", share: 0.05, minimum: 3, rows: 2...4,
             schemes: ["ISO27001", "BSI-C5", "SECNUMCLOUD", "EUCS-BASIC", "CSA-STAR-L1", "ISO27017"],
             providers: [("hyperscaler", 2), ("hardware", 2), ("dns", 1), ("cdn", 1), ("msp", 0.3)], service: "hosting"),
        Tier(sector: "msp", prefix: "msp", share: 0.05, minimum: 3, rows: 2...4,
             schemes: ["ISO27001", "CYBER-ESSENTIALS-PLUS", "SOC2-TYPE1"],
             providers: [("hosting", 3), ("identity", 1), ("open-source", 1), ("msp", 0.2)], service: "operations"),
        Tier(sector: "saas", prefix: "saas", share: 0.55, minimum: 4, rows: 2...5,
             schemes: ["ISO27001", "SOC2-TYPE2", "SOC2-TYPE1", "CSA-STAR-L1", "CSA-STAR-L2", "ISO27018"],
             providers: [("hosting", 3), ("hyperscaler", 3), ("cdn", 1), ("identity", 1), ("payment", 0.5),
                         ("msp", 1), ("open-source", 2), ("saas", 0.3)], service: "platform"),
        Tier(sector: "enterprise", prefix: "ent", share: 1, minimum: 2, rows: 3...5,
             schemes: ["ISO27001", "TISAX", "CYBER-ESSENTIALS"],
             providers: [("saas", 5), ("msp", 1), ("hosting", 1), ("payment", 0.5), ("identity", 0.5)], service: "business"),
    ]

    /// Sectors whose suppliers sometimes depend on each other both ways.
    static let mutualSectors: Set<String> = ["hosting", "msp"]

    static let countries = ["DE", "FR", "NL", "IE", "SE", "FI", "ES", "IT", "PL", "BE", "AT", "DK", "LU", "CZ", "PT", "US", "GB", "CH"]
    static let countryWeights: [Double] = [18, 14, 9, 8, 4, 3, 7, 6, 5, 3, 3, 2, 2, 2, 2, 9, 4, 2]
    static let syllables = ["nor", "vel", "tra", "lux", "ber", "kon", "sta", "mar", "qui", "zen", "ala", "dor",
                            "fen", "gri", "hal", "ist", "jor", "kel", "lin", "mor", "nex", "ops", "pri", "ros"]
    static let suffixes = ["GmbH", "SAS", "BV", "AB", "Oy", "SL", "SpA", "Ltd", "AG", "SA", "Inc", "ApS"]

    /// Generates the dataset's four CSV files as bytes, keyed by file name.
    public func files() -> [String: [UInt8]] {
        var rng = SplitMix64(seed: seed)
        let n = max(suppliers, DatasetGenerator.tiers.reduce(0) { $0 + $1.minimum })
        // Tier sizes: shares of n, at least the minimum; the last tier takes the rest.
        var sizes = DatasetGenerator.tiers.dropLast().map { max($0.minimum, Int(Double(n) * $0.share)) }
        sizes.append(max(DatasetGenerator.tiers.last!.minimum, n - sizes.reduce(0, +)))
        var tierStart = [0]
        for s in sizes { tierStart.append(tierStart.last! + s) }
        let total = tierStart.last!
        let sectorIndex = Dictionary(uniqueKeysWithValues: DatasetGenerator.tiers.enumerated().map { ($1.sector, $0) })

        var ids: [String] = []
        ids.reserveCapacity(total)
        var suppliersCSV = CSVWriter(header: ["id", "name", "country", "sector", "prior", "contact"])
        for (t, tier) in DatasetGenerator.tiers.enumerated() {
            for k in 0..<sizes[t] {
                let id = "\(tier.prefix)-\(k + 1)"
                ids.append(id)
                let name = tier.sector == "open-source"
                    ? "lib" + word(&rng) + (rng.chance(0.3) ? "-core" : "")
                    : word(&rng).capitalizedFirst + " " + tier.sector.capitalizedFirst + " " + DatasetGenerator.suffixes[rng.below(DatasetGenerator.suffixes.count)]
                let country = DatasetGenerator.countries[rng.weighted(DatasetGenerator.countryWeights)]
                let prior = rng.chance(0.1) ? TextTable.fixed(0.1 + 0.8 * rng.unit(), 2) : ""
                let contact = rng.chance(0.2) ? "security@\(id).example" : ""
                suppliersCSV.row([id, name, tier.sector == "open-source" ? "" : country, tier.sector, prior, contact])
            }
        }

        var certificationsCSV = CSVWriter(header: ["supplier", "scheme", "status", "issued", "expires", "last_evidence", "scope"])
        let today = Int(referenceDate.ordinal)
        for (t, tier) in DatasetGenerator.tiers.enumerated() {
            for k in 0..<sizes[t] {
                let id = ids[tierStart[t] + k]
                let count = tier.sector == "open-source" ? (rng.chance(0.1) ? 1 : 0) : rng.below(min(4, tier.schemes.count) + 1)
                var chosen = Set<Int>()
                for _ in 0..<count {
                    let s = rng.below(tier.schemes.count)
                    if !chosen.insert(s).inserted { continue }
                    let issued = today - 30 - rng.below(3 * 365)
                    let expires = issued + 3 * 365 - (rng.chance(0.15) ? 400 : 0)
                    let statusRoll = rng.unit()
                    let status = statusRoll < 0.04 ? "suspended" : statusRoll < 0.06 ? "revoked" : statusRoll < 0.09 ? "expired" : "valid"
                    let evidence = rng.chance(0.6) ? Day(ordinal: Int32(today - rng.below(400))).description : ""
                    let scope = rng.chance(0.12) ? "partial" : "full"
                    certificationsCSV.row([id, tier.schemes[s], status, Day(ordinal: Int32(issued)).description,
                                           Day(ordinal: Int32(expires)).description, evidence, scope])
                }
            }
        }

        // Heavy-tailed popularity: index = floor(size × u^3) favours the first providers of a tier.
        var dependenciesCSV = CSVWriter(header: ["consumer", "provider", "criticality", "group", "service"])
        let levels = ["critical", "high", "medium", "low"]
        let levelWeights: [Double] = [3, 3, 3, 1]
        let scale = rowsPerSupplier / 4.25
        for (t, tier) in DatasetGenerator.tiers.enumerated() {
            let providerTiers = tier.providers.compactMap { p in sectorIndex[p.sector].map { ($0, p.weight) } }
            let weights = providerTiers.map(\.1)
            for k in 0..<sizes[t] {
                let consumer = tierStart[t] + k
                var rows = tier.rows.lowerBound + rng.below(tier.rows.count)
                rows = Int((Double(rows) * scale).rounded())
                if rows == 0 && tier.rows.lowerBound > 0 { rows = 1 }
                var used = Set<Int>()
                var groupNumber = 0
                for _ in 0..<rows where !providerTiers.isEmpty {
                    let pt = providerTiers[rng.weighted(weights)].0
                    // A provider of a lower tier, or (rarely) the same tier: sideways links make cycles.
                    let sameTier = pt == t
                    if sameTier && !rng.chance(0.5) { continue }
                    let provider = tierStart[pt] + popular(&rng, sizes[pt])
                    if provider == consumer || !used.insert(provider).inserted { continue }
                    let criticality = rng.chance(0.05) ? TextTable.fixed(0.05 + 0.9 * rng.unit(), 2) : levels[rng.weighted(levelWeights)]
                    if rng.chance(0.15) && sizes[pt] > 1 {
                        groupNumber += 1
                        let group = "\(tier.providers.first { sectorIndex[$0.sector] == pt }!.sector)-\(groupNumber)"
                        let alternatives = 2 + (rng.chance(0.3) ? 1 : 0)
                        var members = [provider]
                        for _ in 1..<alternatives {
                            let other = tierStart[pt] + popular(&rng, sizes[pt])
                            if other != consumer && used.insert(other).inserted { members.append(other) }
                        }
                        for m in members {
                            dependenciesCSV.row([ids[consumer], ids[m], criticality, group, DatasetGenerator.tiers[pt].service])
                        }
                    } else {
                        dependenciesCSV.row([ids[consumer], ids[provider], criticality, "", DatasetGenerator.tiers[pt].service])
                        // Operators run each other's tooling: a few hosters and MSPs depend back on
                        // their own consumers, which closes cycles.
                        if DatasetGenerator.mutualSectors.contains(tier.sector) && DatasetGenerator.mutualSectors.contains(DatasetGenerator.tiers[pt].sector)
                            && rng.chance(0.03) {
                            dependenciesCSV.row([ids[provider], ids[consumer], rng.chance(0.5) ? "high" : "medium", "", tier.service])
                        }
                    }
                }
            }
        }
        return [
            DatasetLoader.suppliersFile: suppliersCSV.bytes,
            DatasetLoader.certificationsFile: certificationsCSV.bytes,
            DatasetLoader.dependenciesFile: dependenciesCSV.bytes,
        ]
    }

    /// Writes the dataset as `directory`, all its files at once (see `FileBytes.writeDirectory`):
    /// a missing or empty directory is created or replaced; a non-empty one only when
    /// `replacing`, and only if it holds nothing but dataset files.
    public func write(to directory: String, replacing: Bool = false) throws(FileBytes.WriteError) {
        let files = files().sorted(by: { $0.key < $1.key }).map { (name: $0.key, bytes: $0.value) }
        try FileBytes.writeDirectory(files, to: directory, replacing: replacing, replaceable: DatasetLoader.fileNames)
    }

    private func popular(_ rng: inout SplitMix64, _ size: Int) -> Int {
        let u = rng.unit()
        return min(size - 1, Int(Double(size) * u * u * u))
    }

    private func word(_ rng: inout SplitMix64) -> String {
        let s = DatasetGenerator.syllables
        return s[rng.below(s.count)] + s[rng.below(s.count)] + (rng.chance(0.5) ? s[rng.below(s.count)] : "")
    }
}

/// SplitMix64 (G. Steele, D. Lea, C. Flood, "Fast splittable pseudorandom number generators", 2014).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
    /// Uniform in 0..<n.
    public mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    /// True with probability p.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }
    /// An index drawn with the given weights.
    public mutating func weighted(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var x = unit() * total
        for (k, w) in weights.enumerated() {
            if x < w { return k }
            x -= w
        }
        return weights.count - 1
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
