/// One finding of a policy rule: the subject, the figure that broke the rule,
/// and the row of the dataset that carries it. Stored compactly (a million
/// findings are a few tens of megabytes); the optional views say what is set.
public struct PolicyFinding: Sendable, Equatable {
    /// Index of the rule in `Policy.rules`.
    public let rule: Int32
    /// Supplier index, -1 for none (`max-concentration`).
    let supplierIndex: Int32
    /// Row of certifications.csv (as loaded), -1 for none.
    let certificationRow: Int32
    /// Group index in the model's graph, -1 for none.
    let groupIndex: Int32
    /// Line of the file that carries the finding, 0 for none.
    let lineNumber: Int32
    /// The figure, NaN for none (stale evidence with no evidence date).
    let figure: Double

    init(rule: Int, supplier: Int = -1, certification: Int = -1, group: Int = -1, line: Int32 = 0, value: Double) {
        self.rule = Int32(rule)
        supplierIndex = Int32(supplier)
        certificationRow = Int32(certification)
        groupIndex = Int32(group)
        lineNumber = line
        figure = value
    }

    /// The subject (the consumer for `single-point-of-failure`), nil for `max-concentration`.
    public var supplier: Int? { supplierIndex < 0 ? nil : Int(supplierIndex) }
    /// The certification row, for the two certificate rules.
    public var certification: Int? { certificationRow < 0 ? nil : Int(certificationRow) }
    /// The group in the model's graph, for `single-point-of-failure`.
    public var group: Int? { groupIndex < 0 ? nil : Int(groupIndex) }
    /// The line of the row that carries it, nil for `max-concentration`.
    public var line: Int? { lineNumber <= 0 ? nil : Int(lineNumber) }
    /// The figure, nil for stale evidence without an evidence date.
    public var value: Double? { figure.isNaN ? nil : figure }
}

/// What a policy found in a dataset at a date, and whether the run fails.
public struct PolicyOutcome: Sendable {
    public let policy: Policy
    public let model: TrustModel
    public let solution: TrustSolution
    public let parameters: TrustParameters
    /// Findings in the contract's order: rule, supplier id, scheme, group (nulls first), line.
    public let findings: [PolicyFinding]
    /// The subjects each rule selected, by supplier index in file order (empty for `max-concentration`,
    /// whose subject is the portfolio).
    public let subjects: [[Int32]]
    /// The figure of each `max-concentration` rule (its HHI), NaN for other kinds.
    public let portfolioFigures: [Double]

    /// Findings per severity.
    public var counts: (error: Int, warning: Int, note: Int) {
        var counts = (error: 0, warning: 0, note: 0)
        for finding in findings {
            switch severity(of: finding) {
            case .error: counts.error += 1
            case .warning: counts.warning += 1
            case .note: counts.note += 1
            }
        }
        return counts
    }

    /// The severity of a finding: its rule's.
    public func severity(of finding: PolicyFinding) -> Policy.Severity { policy.rules[Int(finding.rule)].severity }

    /// True when a finding reaches `fail_on` (the run exits 1).
    public var failed: Bool {
        guard let threshold = policy.failOn else { return false }
        return findings.contains { severity(of: $0) >= threshold }
    }

    /// The file that carries a finding, relative to the dataset.
    public func file(of finding: PolicyFinding) -> String {
        switch policy.rules[Int(finding.rule)].kind {
        case .minTrust, .minBaseTrust, .requiresScheme: DatasetLoader.suppliersFile
        case .certificateExpiry, .staleEvidence: DatasetLoader.certificationsFile
        case .singlePointOfFailure, .maxConcentration: DatasetLoader.dependenciesFile
        }
    }

    /// The scheme name of a certificate finding.
    public func scheme(of finding: PolicyFinding) -> String? {
        finding.certification.map { model.dataset.schemes.names[Int(model.dataset.certifications.scheme[$0])] }
    }

    /// The group label of a `single-point-of-failure` finding.
    public func group(of finding: PolicyFinding) -> String? {
        finding.group.map { model.dataset.groupLabelText(model.graph.groupLabel[$0]) }
    }

    /// The supplier id of a finding's subject.
    public func supplierId(of finding: PolicyFinding) -> String? {
        finding.supplier.map { model.dataset.suppliers.id($0) }
    }
}
