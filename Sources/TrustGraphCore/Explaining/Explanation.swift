/// Why a supplier has its score: each certification's contribution, the
/// prior, each dependency group's pull, and the chain of limiting
/// dependencies down to the root cause.
public struct Explanation: Sendable {
    /// Why a certification counts what it counts.
    public enum Standing: Sendable, Equatable {
        case counts
        case suspended
        case revoked
        case statusExpired
        case expiredOn(Day)
        case notYetIssued(Day)
    }

    public struct Certification: Sendable {
        public var scheme: String
        public var standing: Standing
        public var issued: Day?
        public var expires: Day?
        public var lastEvidence: Day?
        public var partial: Bool
        /// Assurance of the scheme.
        public var assurance: Double
        /// Freshness factor 0.5^(age / half-life), 1 without evidence date.
        public var freshness: Double
        /// Evidence age in days at the evaluation date (0 when none or in the future).
        public var evidenceAgeDays: Int
        public var halfLifeDays: Double
        /// a(c).
        public var value: Double
        /// True when this row sets A(i, scheme) (the best of its scheme).
        public var best: Bool
        /// Line in certifications.csv.
        public var line: Int
    }

    public struct Alternative: Sendable {
        public var supplier: Int
        public var id: String
        public var trust: Double
        public var distrust: Double
    }

    public struct Group: Sendable {
        public var label: String
        public var weight: Double
        public var alternatives: [Alternative]
        /// Index in `alternatives` of the best one (least distrust), nil for a group emptied by `exit`.
        public var best: Int?
        /// w(g) × min d(j).
        public var passed: Double
    }

    /// One step of the limiting chain.
    public struct Hop: Sendable {
        public var supplier: Int
        public var id: String
        public var trust: Double
        public var base: Double
        /// The group through which the next hop limits this supplier; nil at the root cause.
        public var group: String?
        public var weight: Double?
    }

    public var supplier: Int
    public var id: String
    public var name: String
    public var parameters: TrustParameters
    /// The prior used, and whether it is the supplier's own.
    public var prior: Double
    public var ownPrior: Bool
    public var certifications: [Certification]
    /// A(i, s) per scheme, in order of first appearance.
    public var schemes: [(scheme: String, value: Double)]
    /// C(i) = 1 − Π (1 − A(i,s)).
    public var coverage: Double
    /// What the supplier's counting certificates count toward other schemes by
    /// recognition.csv (one row per recognition, in certificate then file order).
    /// Recognition never changes base trust; `requires-scheme` rules use it.
    public var recognised: [Recognition] = []

    /// A certificate of `scheme` that counts `coverage` toward `target` (recognition.csv, `line`).
    public struct Recognition: Sendable, Equatable {
        public var scheme: String
        public var target: String
        public var coverage: Double
        public var line: Int
    }
    public var base: Double
    public var groups: [Group]
    /// Index in `groups` of the one passing up the most distrust, when it limits the score.
    public var limitingGroup: Int?
    public var compromised: Bool
    public var trust: Double
    public var distrust: Double
    /// From this supplier to the root cause.
    public var chain: [Hop]
    /// The chain ended by coming back to this supplier, already on it (a cycle).
    public var cycleReturnsTo: String?
}

extension TrustModel {
    /// Explains supplier `i`'s score in `solution`.
    public func explain(_ i: Int, solution: TrustSolution, parameters: TrustParameters,
                        compromised: Set<Int> = []) -> Explanation {
        let suppliers = dataset.suppliers
        let certs = dataset.certifications
        let schemes = dataset.schemes
        let date = parameters.date.ordinal
        var findings: [Explanation.Certification] = []
        var bestByScheme: [Int32: (value: Double, finding: Int)] = [:]
        var schemeOrder: [Int32] = []
        for k in Int(certificationIndex.start[i])..<Int(certificationIndex.start[i + 1]) {
            let row = Int(certificationIndex.rows[k])
            let s = Int(certs.scheme[row])
            let standing: Explanation.Standing
            switch certs.status[row] {
            case .suspended: standing = .suspended
            case .revoked: standing = .revoked
            case .expired: standing = .statusExpired
            case .valid:
                if certs.issued[row] > date { standing = .notYetIssued(Day(ordinal: certs.issued[row])) }
                else if certs.expires[row] < date { standing = .expiredOn(Day(ordinal: certs.expires[row])) }
                else { standing = .counts }
            }
            let evidence = certs.lastEvidence[row]
            let age = evidence == CertificationTable.noStart ? 0 : max(0, Int(date) - Int(evidence))
            let freshness = evidence == CertificationTable.noStart ? 1 : pow(0.5, Double(age) / schemes.halfLifeDays[s])
            let value = BaseTrust.certificationValue(certs, row, schemes: schemes, date: date)
            findings.append(.init(
                scheme: schemes.names[s], standing: standing,
                issued: certs.issued[row] == CertificationTable.noStart ? nil : Day(ordinal: certs.issued[row]),
                expires: certs.expires[row] == CertificationTable.noEnd ? nil : Day(ordinal: certs.expires[row]),
                lastEvidence: evidence == CertificationTable.noStart ? nil : Day(ordinal: evidence),
                partial: certs.partial[row], assurance: schemes.assurance[s], freshness: freshness,
                evidenceAgeDays: age, halfLifeDays: schemes.halfLifeDays[s], value: value, best: false,
                line: Int(certs.lines[row])))
            let key = certs.scheme[row]
            if let current = bestByScheme[key] {
                if value > current.value { bestByScheme[key] = (value, findings.count - 1) }
            } else {
                bestByScheme[key] = (value, findings.count - 1)
                schemeOrder.append(key)
            }
        }
        var product = 1.0
        var perScheme: [(String, Double)] = []
        for key in schemeOrder {
            let best = bestByScheme[key]!
            findings[best.finding].best = true
            perScheme.append((schemes.names[Int(key)], best.value))
            product *= 1 - best.value
        }
        let ownPrior = suppliers.prior(i)

        var groups: [Explanation.Group] = []
        let limitingGroup = self.limitingGroup(of: i, solution: solution, visited: [i])
        var limiting: Int?
        for g in graph.groups(of: i) {
            var alternatives: [Explanation.Alternative] = []
            var best: Int?
            for j in graph.providers(ofGroup: g) {
                let j = Int(j)
                alternatives.append(.init(supplier: j, id: suppliers.id(j), trust: solution.trust[j], distrust: solution.distrust[j]))
                if best == nil || solution.distrust[j] < alternatives[best!].distrust { best = alternatives.count - 1 }
            }
            let passed = graph.groupWeight[g] * (best.map { alternatives[$0].distrust } ?? 1)
            groups.append(.init(label: dataset.groupLabelText(graph.groupLabel[g]), weight: graph.groupWeight[g],
                                alternatives: alternatives, best: best, passed: passed))
            if g == limitingGroup?.group { limiting = groups.count - 1 }
        }

        // The chain: follow the group passing up the most distrust, hop by hop.
        var chain: [Explanation.Hop] = []
        var visited = Set<Int>()
        var current = i
        var cycleReturnsTo: String?
        while true {
            if visited.contains(current) { cycleReturnsTo = suppliers.id(current); break }
            visited.insert(current)
            var hop = Explanation.Hop(supplier: current, id: suppliers.id(current), trust: solution.trust[current],
                                      base: solution.base[current], group: nil, weight: nil)
            if compromised.contains(current) { chain.append(hop); break }
            let step = self.limitingGroup(of: current, solution: solution, visited: visited)
            if let step {
                hop.group = dataset.groupLabelText(graph.groupLabel[step.group])
                hop.weight = graph.groupWeight[step.group]
            }
            let next = step?.provider
            chain.append(hop)
            guard let next else { break }
            current = next
        }

        // Recognition toward other schemes of each scheme with a certificate that counts, once per scheme.
        var recognised: [Explanation.Recognition] = []
        var seenSchemes: [Int32] = []
        for k in Int(certificationIndex.start[i])..<Int(certificationIndex.start[i + 1]) {
            let row = Int(certificationIndex.rows[k])
            let s = certs.scheme[row]
            guard PolicyEvaluator.counts(certs, row, date: date), !seenSchemes.contains(s) else { continue }
            seenSchemes.append(s)
            let recognition = dataset.recognition
            for r in recognition.rows(from: s) {
                recognised.append(.init(scheme: schemes.names[Int(s)], target: schemes.names[Int(recognition.target[r])],
                                        coverage: recognition.coverage[r], line: Int(recognition.lines[r])))
            }
        }

        var explanation = Explanation(
            supplier: i, id: suppliers.id(i), name: suppliers.name(i), parameters: parameters,
            prior: ownPrior ?? parameters.prior, ownPrior: ownPrior != nil,
            certifications: findings, schemes: perScheme, coverage: 1 - product,
            base: solution.base[i], groups: groups, limitingGroup: limiting,
            compromised: compromised.contains(i), trust: solution.trust[i], distrust: solution.distrust[i],
            chain: chain, cycleReturnsTo: cycleReturnsTo)
        explanation.recognised = recognised
        return explanation
    }
}
