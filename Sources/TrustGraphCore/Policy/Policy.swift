/// A policy for `trustgraph check` (policy contract): rules evaluated against a
/// dataset at a date, each finding with a severity, and the severity from
/// which a finding fails the run.
public struct Policy: Sendable {
    /// How bad a finding is. Ordered: a note < a warning < an error.
    public enum Severity: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
        case note, warning, error

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }

        public var description: String {
            switch self {
            case .note: "note"
            case .warning: "warning"
            case .error: "error"
            }
        }

        /// The severity a word names (`error`, `warning`, `note`), exactly.
        public init?(word: String) {
            guard let severity = Severity.allCases.first(where: { $0.description == word }) else { return nil }
            self = severity
        }
    }

    /// The policy's name (`policy:`), when given.
    public var name: String?
    /// Findings of this severity or worse fail the run; nil (`fail_on: never`) never fails it.
    public var failOn: Severity? = .error
    public var rules: [PolicyRule] = []

    public init(name: String? = nil, failOn: Severity? = .error, rules: [PolicyRule] = []) {
        self.name = name
        self.failOn = failOn
        self.rules = rules
    }

    /// `fail_on` as the file writes it.
    public var failOnWord: String { failOn?.description ?? "never" }
}

/// One rule of a policy: what it checks, on which subjects, and how bad a finding is.
public struct PolicyRule: Sendable {
    /// What a rule checks, with its parameters (policy contract, "Rule kinds").
    public enum Check: Sendable, Equatable {
        /// A finding for each selected supplier with t < threshold.
        case minTrust(threshold: Double)
        /// A finding for each selected supplier with b < threshold.
        case minBaseTrust(threshold: Double)
        /// A finding for each certification that counts at D and expires within this many days.
        case certificateExpiry(withinDays: Int)
        /// A finding for each certification that counts at D whose evidence is missing or older than this.
        case staleEvidence(maxAgeDays: Int)
        /// A finding for each selected supplier holding none of `schemes` (by name as written),
        /// directly or recognised with at least `minCoverage`.
        case requiresScheme(schemes: [String], minCoverage: Double)
        /// A finding for each group of weight ≥ `level` with fewer than `minProviders` distinct providers.
        case singlePointOfFailure(level: Double, minProviders: Int)
        /// A finding for the portfolio when the HHI of rows of weight ≥ `level` exceeds `maxHHI`.
        case maxConcentration(by: ConcentrationDimension, maxHHI: Double, level: Double)

        /// The kind's name in a policy file.
        public var kind: PolicyRule.Kind {
            switch self {
            case .minTrust: .minTrust
            case .minBaseTrust: .minBaseTrust
            case .certificateExpiry: .certificateExpiry
            case .staleEvidence: .staleEvidence
            case .requiresScheme: .requiresScheme
            case .singlePointOfFailure: .singlePointOfFailure
            case .maxConcentration: .maxConcentration
            }
        }
    }

    /// The seven rule kinds, named as a policy file names them.
    public enum Kind: String, Sendable, CaseIterable {
        case minTrust = "min-trust"
        case minBaseTrust = "min-base-trust"
        case certificateExpiry = "certificate-expiry"
        case staleEvidence = "stale-evidence"
        case requiresScheme = "requires-scheme"
        case singlePointOfFailure = "single-point-of-failure"
        case maxConcentration = "max-concentration"

        /// What the kind checks, in a sentence (SARIF rule descriptions, the text report).
        public var summary: String {
            switch self {
            case .minTrust: "effective trust of a supplier below a threshold"
            case .minBaseTrust: "base trust of a supplier below a threshold"
            case .certificateExpiry: "a certificate that counts today expires soon"
            case .staleEvidence: "a certificate's last evidence is missing or too old"
            case .requiresScheme: "a supplier holds no required scheme, directly or by recognition"
            case .singlePointOfFailure: "a consumer's important service has too few providers"
            case .maxConcentration: "important dependencies concentrate on few providers, countries or sectors"
            }
        }
    }

    /// Unique within the policy, `[A-Za-z0-9._-]+`.
    public var id: String
    public var check: Check
    public var severity: Policy.Severity = .error
    /// A free description (`description:`), shown in SARIF and the text report.
    public var description: String?
    /// The subjects it applies to (all suppliers when empty).
    public var filter = SubjectFilter()
    /// Line of the rule in the policy file (0 when not from a file).
    public var line = 0

    public init(id: String, check: Check, severity: Policy.Severity = .error, description: String? = nil,
                filter: SubjectFilter = SubjectFilter(), line: Int = 0) {
        self.id = id
        self.check = check
        self.severity = severity
        self.description = description
        self.filter = filter
        self.line = line
    }

    public var kind: Kind { check.kind }
}

/// What `max-concentration` groups rows by: the provider's id, country or sector.
public enum ConcentrationDimension: String, Sendable, CaseIterable {
    case provider, country, sector
}

/// Which suppliers a rule applies to (`where`): every condition given must
/// hold, and a list means any of its values.
public struct SubjectFilter: Sendable, Equatable {
    /// Supplier ids, exactly as in suppliers.csv.
    public var ids: [String]?
    /// The supplier's own sector and country, compared case-insensitively.
    public var sectors: [String]?
    public var countries: [String]?
    /// The supplier provides at least one row of at least this weight (the
    /// smallest of the levels listed: any of them holds from it on).
    public var dependedOn: Double?
    /// dependents(i) at least this (the smallest listed).
    public var minDependents: Int?
    /// Extra columns of suppliers.csv (matched case-insensitively) and the values any of which the cell must equal.
    public var attributes: [Attribute] = []
    /// Lines of the keys in the policy file, for errors found against a dataset.
    public var lines = Lines()

    public struct Attribute: Sendable, Equatable {
        public var column: String
        public var values: [String]
        public var line: Int

        public init(column: String, values: [String], line: Int = 0) {
            self.column = column
            self.values = values
            self.line = line
        }
    }

    public struct Lines: Sendable, Equatable {
        public var ids = 0
    }

    public init(ids: [String]? = nil, sectors: [String]? = nil, countries: [String]? = nil, dependedOn: Double? = nil,
                minDependents: Int? = nil, attributes: [Attribute] = []) {
        self.ids = ids
        self.sectors = sectors
        self.countries = countries
        self.dependedOn = dependedOn
        self.minDependents = minDependents
        self.attributes = attributes
    }

    /// True when the filter selects every supplier.
    public var isEmpty: Bool {
        ids == nil && sectors == nil && countries == nil && dependedOn == nil && minDependents == nil && attributes.isEmpty
    }
}

/// A problem in a policy file, with where it is.
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The file breaks a bound checked before parsing (size, alias expansion).
        case limit
        case syntax, unknownKey, missingKey, badValue, unknownKind, duplicateRule
        case unknownSupplier, unknownScheme, unknownColumn
    }

    public var kind: Kind
    public var file: String
    /// Line in the file (0 when unknown).
    public var line: Int
    /// The rule's id, when the problem is in a rule.
    public var rule: String?
    /// The key the problem is about, when one.
    public var key: String?
    public var message: String

    public init(_ kind: Kind, file: String, line: Int, rule: String? = nil, key: String? = nil, _ message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.rule = rule
        self.key = key
        self.message = message
    }

    /// `file:line: rule 'id': key 'name': message`, one escaped line.
    public var description: String {
        var parts = [line > 0 ? "\(file):\(line)" : file]
        if let rule { parts.append("rule '\(rule)'") }
        if let key { parts.append("key '\(key)'") }
        parts.append(message)
        return TerminalText.escaped(parts.joined(separator: ": "))
    }
}

/// Every problem found in a policy file; nothing of it is evaluated.
public struct PolicyFileError: Error, Sendable, CustomStringConvertible {
    public var errors: [PolicyError]

    public init(errors: [PolicyError]) { self.errors = errors }

    /// The errors of one policy file, found in several passes, in line order
    /// (errors of one line in the order they were found).
    public init(inLineOrder errors: [PolicyError]) {
        self.errors = errors.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
