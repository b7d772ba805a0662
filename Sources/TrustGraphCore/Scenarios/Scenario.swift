/// A what-if scenario: steps applied in order to a copy of the baseline (contract §4).
public struct Scenario: Sendable, Equatable {
    public var name: String
    public var steps: [ScenarioStep]
    /// Line of each step in its file (0 when built in code).
    public var stepLines: [Int]
    /// Number of each step in its file (1-based), which differs from its position
    /// when a malformed step before it was left out.
    public var stepNumbers: [Int]
    /// What the scenario is about, shown under its name.
    public var description: String?
    /// Line of the scenario in its file (0 when built in code).
    public var line = 0

    public init(name: String, steps: [ScenarioStep], stepLines: [Int]? = nil) {
        self.name = name
        self.steps = steps
        self.stepLines = stepLines ?? Array(repeating: 0, count: steps.count)
        self.stepNumbers = Array(1..<(steps.count + 1))
    }
}

/// One step of a scenario. Values are texts, parsed as the contract's CSV
/// cells are (numbers, dates, words), so a scenario written in code behaves
/// exactly like the same scenario read from YAML.
public enum ScenarioStep: Sendable, Equatable {
    /// The supplier's certifications of `scheme` (all without one) become revoked.
    case revoke(supplier: String, scheme: String?)
    /// t(supplier) is fixed at 0; it stays in the graph and its groups.
    case compromise(supplier: String)
    /// The supplier leaves: removed with its certifications and rows.
    case exit(supplier: String)
    /// A candidate supplier joins, with no certification and no row (contract §4, v1.1);
    /// later steps may certify it and add rows to or from it. `country` is two
    /// ASCII letters, `prior` a number in [0,1] (the global prior without one).
    case addSupplier(id: String, name: String? = nil, country: String? = nil, sector: String? = nil, prior: String? = nil)
    case addCertification(supplier: String, scheme: String, status: String? = nil, issued: String? = nil,
                          expires: String? = nil, lastEvidence: String? = nil, scope: String? = nil)
    case addDependency(consumer: String, provider: String, criticality: String? = nil, group: String? = nil)
    case removeDependency(consumer: String, provider: String, group: String? = nil)
    case setCriticality(consumer: String, provider: String, criticality: String, group: String? = nil)
    case setAssurance(scheme: String, assurance: String)
    /// Without a supplier, the global prior; with one, that supplier's prior.
    case setPrior(value: String, supplier: String? = nil)
    case setDate(String)

    /// The step's kind as written in YAML.
    public var kind: String {
        switch self {
        case .revoke: "revoke"
        case .compromise: "compromise"
        case .exit: "exit"
        case .addSupplier: "add-supplier"
        case .addCertification: "add-certification"
        case .addDependency: "add-dependency"
        case .removeDependency: "remove-dependency"
        case .setCriticality: "set-criticality"
        case .setAssurance: "set-assurance"
        case .setPrior: "set-prior"
        case .setDate: "set-date"
        }
    }

    /// Suppliers this step names (its targets, for highlighting).
    public var suppliers: [String] {
        switch self {
        case .revoke(let s, _), .compromise(let s), .exit(let s), .addSupplier(let s, _, _, _, _),
             .addCertification(let s, _, _, _, _, _, _): [s]
        case .addDependency(let c, let p, _, _), .removeDependency(let c, let p, _), .setCriticality(let c, let p, _, _): [c, p]
        case .setPrior(_, let s): s.map { [$0] } ?? []
        case .setAssurance, .setDate: []
        }
    }
}

/// A problem in a scenario file or step, with where it is.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// `limit`: the file breaks a bound checked before parsing (its size,
        /// alias expansion, an alias as a key); see docs/security.md.
        case limit
        case syntax, unknownKey, missingKey, badValue, unknownSupplier, unknownScheme, noSuchCertification,
             noSuchDependency, selfDependency, unknownStep, duplicateSupplier
    }

    public var kind: Kind
    /// File name, when the scenario came from a file.
    public var file: String?
    /// Line in the file (0 when unknown).
    public var line: Int
    /// Scenario name and 1-based step number, when the problem is in a step.
    public var scenario: String?
    public var step: Int?
    public var stepKind: String?
    public var message: String

    public init(_ kind: Kind, file: String? = nil, line: Int = 0, scenario: String? = nil, step: Int? = nil,
                stepKind: String? = nil, _ message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.scenario = scenario
        self.step = step
        self.stepKind = stepKind
        self.message = message
    }

    public var description: String {
        var parts: [String] = []
        if let file { parts.append(line > 0 ? "\(file):\(line)" : file) } else if line > 0 { parts.append("line \(line)") }
        if let scenario {
            var place = "scenario '\(scenario)'"
            if let step { place += ", step \(step)" + (stepKind.map { " (\($0))" } ?? "") }
            parts.append(place)
        }
        parts.append(message)
        // Names, ids and file names come from the file: one escaped line.
        return TerminalText.escaped(parts.joined(separator: ": "))
    }
}

/// Every problem found in a scenario file; nothing of it is applied.
public struct ScenarioFileError: Error, Sendable, CustomStringConvertible {
    public var errors: [ScenarioError]

    public init(errors: [ScenarioError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
