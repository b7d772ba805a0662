/// Evaluates a policy's rules against a solved dataset (policy contract,
/// "Rule kinds"). Resolve first — every unknown supplier, scheme or column
/// of the file is an error — then evaluate.
public struct PolicyEvaluator: Sendable {
    public let policy: Policy
    /// Each rule's filter and schemes resolved against the dataset.
    let filters: [ResolvedFilter]
    let schemes: [[Int32]]

    /// Resolves `policy` against `dataset`.
    /// - Parameter file: the policy file's name, for errors.
    /// - Throws: `PolicyFileError` with every unknown supplier (with the nearest ids), scheme (with the
    ///   nearest names) and extra column the rules name.
    public init(policy: Policy, dataset: Dataset, file: String = "policy.yaml") throws(PolicyFileError) {
        let (evaluator, errors) = PolicyEvaluator.resolve(policy, dataset: dataset, file: file)
        guard let evaluator else { throw PolicyFileError(errors: errors) }
        self = evaluator
    }

    private init(policy: Policy, filters: [ResolvedFilter], schemes: [[Int32]]) {
        self.policy = policy
        self.filters = filters
        self.schemes = schemes
    }

    /// The evaluator, or nil with every error found.
    public static func resolve(_ policy: Policy, dataset: Dataset, file: String) -> (PolicyEvaluator?, [PolicyError]) {
        var errors: [PolicyError] = []
        var filters: [ResolvedFilter] = []
        var schemes: [[Int32]] = []
        for rule in policy.rules {
            filters.append(ResolvedFilter(rule.filter, dataset: dataset, file: file, rule: rule, errors: &errors))
            var ids: [Int32] = []
            if case .requiresScheme(let names, _) = rule.check {
                for name in names {
                    if let id = dataset.schemes.find(name) { ids.append(id); continue }
                    errors.append(PolicyError(.unknownScheme, file: file, line: rule.line, rule: rule.id, key: "schemes",
                                              "unknown scheme \(Diagnostic.quote(name)) (not built in and not in schemes.csv)"
                                              + SupplierSearch.didYouMean(dataset.schemes.suggestions(for: name))))
                }
            }
            schemes.append(ids)
        }
        guard errors.isEmpty else { return (nil, errors) }
        return (PolicyEvaluator(policy: policy, filters: filters, schemes: schemes), [])
    }

    /// Evaluates every rule.
    /// - Parameters:
    ///   - solution: the model's solution at `parameters` (trust for `min-trust`, base trust for `min-base-trust`).
    /// - Complexity: O(suppliers + certifications + rows) per rule, plus sorting the findings; a `min_dependents`
    ///   condition walks each candidate's dependents only until it has counted that many.
    public func evaluate(model: TrustModel, solution: TrustSolution, parameters: TrustParameters) -> PolicyOutcome {
        var selector = SubjectSelector(model: model)
        var findings: [PolicyFinding] = []
        var subjects: [[Int32]] = []
        var figures: [Double] = []
        var groupLines: [Int32] = []
        for (k, rule) in policy.rules.enumerated() {
            var figure = Double.nan
            var selected: [Int32] = []
            if rule.kind != .maxConcentration { selected = selector.select(filters[k]) }
            let start = findings.count
            switch rule.check {
            case .minTrust(let threshold):
                for i in selected where solution.trust[Int(i)] < threshold {
                    findings.append(PolicyFinding(rule: k, supplier: Int(i), line: model.dataset.suppliers.lines[Int(i)],
                                                  value: solution.trust[Int(i)]))
                }
            case .minBaseTrust(let threshold):
                for i in selected where solution.base[Int(i)] < threshold {
                    findings.append(PolicyFinding(rule: k, supplier: Int(i), line: model.dataset.suppliers.lines[Int(i)],
                                                  value: solution.base[Int(i)]))
                }
            case .certificateExpiry(let withinDays):
                PolicyEvaluator.expiring(selected, rule: k, withinDays: withinDays, model: model, date: parameters.date, into: &findings)
            case .staleEvidence(let maxAgeDays):
                PolicyEvaluator.stale(selected, rule: k, maxAgeDays: maxAgeDays, model: model, date: parameters.date, into: &findings)
            case .requiresScheme(_, let minCoverage):
                PolicyEvaluator.missingScheme(selected, rule: k, schemes: schemes[k], minCoverage: minCoverage, model: model,
                                              date: parameters.date, into: &findings)
            case .singlePointOfFailure(let level, let minProviders):
                let graph = model.graph
                for i in selected {
                    for g in graph.groups(of: Int(i)) where graph.groupWeight[g] >= level {
                        let providers = graph.providers(ofGroup: g).count
                        if providers < minProviders {
                            findings.append(PolicyFinding(rule: k, supplier: Int(i), group: g, value: Double(providers)))
                        }
                    }
                }
                if findings.count > start {
                    if groupLines.isEmpty { groupLines = PolicyEvaluator.firstLines(of: model) }
                    for f in start..<findings.count {
                        let old = findings[f]
                        findings[f] = PolicyFinding(rule: k, supplier: Int(old.supplierIndex), group: Int(old.groupIndex),
                                                    line: groupLines[Int(old.groupIndex)], value: old.figure)
                    }
                }
            case .maxConcentration(let dimension, let maxHHI, let level):
                let hhi = Concentration.hhi(of: model.dataset, by: dimension, level: level)
                figure = hhi
                if hhi > maxHHI { findings.append(PolicyFinding(rule: k, value: hhi)) }
            }
            PolicyEvaluator.sort(&findings[start...], model: model)
            subjects.append(selected)
            figures.append(figure)
        }
        return PolicyOutcome(policy: policy, model: model, solution: solution, parameters: parameters, findings: findings,
                             subjects: subjects, portfolioFigures: figures)
    }

    /// Whether certification `row` counts at `date`: status valid and issued ≤ date ≤ expires.
    @inline(__always)
    static func counts(_ certs: CertificationTable, _ row: Int, date: Int32) -> Bool {
        certs.status[row] == .valid && certs.issued[row] <= date && date <= certs.expires[row]
    }

    /// The rows of supplier `i`'s certifications that count at `date` (see `counts`), in file order.
    static func countingCertifications(of i: Int, in model: TrustModel, date: Int32) -> some Sequence<Int> {
        let certs = model.dataset.certifications, index = model.certificationIndex
        return (Int(index.start[i])..<Int(index.start[i + 1])).lazy.map { Int(index.rows[$0]) }.filter { counts(certs, $0, date: date) }
    }

    /// `certificate-expiry`: certifications that count and expire within `withinDays`; value = days left.
    static func expiring(_ selected: [Int32], rule: Int, withinDays: Int, model: TrustModel, date: Day,
                         into findings: inout [PolicyFinding]) {
        let certs = model.dataset.certifications, d = date.ordinal
        for i in selected {
            for row in countingCertifications(of: Int(i), in: model, date: d) {
                let left = Int(certs.expires[row]) - Int(d)
                if left <= withinDays {
                    findings.append(PolicyFinding(rule: rule, supplier: Int(i), certification: row, line: certs.lines[row], value: Double(left)))
                }
            }
        }
    }

    /// `stale-evidence`: certifications that count whose evidence is missing or older than `maxAgeDays`; value = age.
    static func stale(_ selected: [Int32], rule: Int, maxAgeDays: Int, model: TrustModel, date: Day,
                      into findings: inout [PolicyFinding]) {
        let certs = model.dataset.certifications, d = date.ordinal
        for i in selected {
            for row in countingCertifications(of: Int(i), in: model, date: d) {
                let evidence = certs.lastEvidence[row]
                if evidence == CertificationTable.noStart {
                    findings.append(PolicyFinding(rule: rule, supplier: Int(i), certification: row, line: certs.lines[row], value: .nan))
                    continue
                }
                let age = Int(d) - Int(evidence)
                if age > maxAgeDays {
                    findings.append(PolicyFinding(rule: rule, supplier: Int(i), certification: row, line: certs.lines[row], value: Double(age)))
                }
            }
        }
    }

    /// `requires-scheme`: suppliers whose best coverage of a listed scheme (1 for the scheme itself,
    /// a recognition row's coverage for a scheme recognised toward it) is below `minCoverage`.
    static func missingScheme(_ selected: [Int32], rule: Int, schemes listed: [Int32], minCoverage: Double, model: TrustModel,
                              date: Day, into findings: inout [PolicyFinding]) {
        let coverage = bestCoverage(toward: listed, in: model.dataset)
        let certs = model.dataset.certifications, d = date.ordinal
        for i in selected {
            var best = 0.0
            for row in countingCertifications(of: Int(i), in: model, date: d) { best = max(best, coverage[Int(certs.scheme[row])]) }
            if best < minCoverage {
                findings.append(PolicyFinding(rule: rule, supplier: Int(i), line: model.dataset.suppliers.lines[Int(i)], value: best))
            }
        }
    }

    /// For each scheme, the best coverage with which its certificate counts toward one of `listed`:
    /// 1 when it is listed, the best recognition row's coverage (one hop) otherwise, else 0.
    static func bestCoverage(toward listed: [Int32], in dataset: Dataset) -> [Double] {
        var coverage = [Double](repeating: 0, count: dataset.schemes.count)
        let recognition = dataset.recognition
        for r in 0..<recognition.count where listed.contains(recognition.target[r]) {
            let s = Int(recognition.source[r])
            coverage[s] = max(coverage[s], recognition.coverage[r])
        }
        for s in listed { coverage[Int(s)] = 1 }
        return coverage
    }

    /// The first line of dependencies.csv of each group of the model's graph.
    /// - Complexity: O(rows × groups of a row's consumer).
    static func firstLines(of model: TrustModel) -> [Int32] {
        let graph = model.graph, rows = model.dataset.dependencies
        var lines = [Int32](repeating: .max, count: graph.groupCount)
        for r in 0..<rows.count {
            for g in graph.groups(of: Int(rows.consumer[r])) where graph.groupLabel[g] == rows.group[r] {
                lines[g] = min(lines[g], rows.lines[r])
                break
            }
        }
        return lines
    }

    /// Orders one rule's findings: supplier id (code points), scheme, group (nulls first), then line.
    static func sort(_ findings: inout ArraySlice<PolicyFinding>, model: TrustModel) {
        guard findings.count > 1 else { return }
        let dataset = model.dataset
        let ids = dataset.suppliers.index.values
        let schemeNames = dataset.schemes.names.map { Array($0.utf8) }
        func compareIds(_ a: Int32, _ b: Int32) -> Int {
            if a == b { return 0 }
            if a < 0 || b < 0 { return a < 0 ? -1 : 1 }
            return ids.withBytes(Int(a)) { x in ids.withBytes(Int(b)) { y in PolicyEvaluator.compare(x, y) } }
        }
        func schemeKey(_ f: PolicyFinding) -> [UInt8]? {
            f.certificationRow < 0 ? nil : schemeNames[Int(dataset.certifications.scheme[Int(f.certificationRow)])]
        }
        func groupKey(_ f: PolicyFinding) -> [UInt8]? {
            f.groupIndex < 0 ? nil : Array(dataset.groupLabelText(model.graph.groupLabel[Int(f.groupIndex)]).utf8)
        }
        func compareOptional(_ a: [UInt8]?, _ b: [UInt8]?) -> Int {
            switch (a, b) {
            case (nil, nil): 0
            case (nil, _): -1
            case (_, nil): 1
            case let (x?, y?): x.withUnsafeBytes { x in y.withUnsafeBytes { y in PolicyEvaluator.compare(x, y) } }
            }
        }
        findings.sort { a, b in
            let c = compareIds(a.supplierIndex, b.supplierIndex)
            if c != 0 { return c < 0 }
            if a.certificationRow >= 0 || b.certificationRow >= 0 {
                let s = compareOptional(schemeKey(a), schemeKey(b))
                if s != 0 { return s < 0 }
            }
            if a.groupIndex >= 0 || b.groupIndex >= 0 {
                let g = compareOptional(groupKey(a), groupKey(b))
                if g != 0 { return g < 0 }
            }
            return a.lineNumber < b.lineNumber
        }
    }

    /// Byte-wise comparison of UTF-8 texts, which orders them by code points.
    static func compare(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Int {
        let n = min(x.count, y.count)
        for k in 0..<n where x[k] != y[k] { return x[k] < y[k] ? -1 : 1 }
        return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
    }
}
