import Yams

/// Reads scenario files (YAML, contract §4).
///
/// Keys are checked before anything is decoded: an unknown key is an error
/// naming it and the allowed ones. Values are the literal text of their YAML
/// scalars (`0123` stays "0123", `yes` stays "yes").
public enum ScenarioFile {
    /// Allowed keys of each step kind; `set-date` takes a scalar.
    static let stepKeys: [String: (required: [String], optional: [String])] = [
        "revoke": (["supplier"], ["scheme"]),
        "compromise": (["supplier"], []),
        "exit": (["supplier"], []),
        "add-supplier": (["id"], ["name", "country", "sector", "prior"]),
        "add-certification": (["supplier", "scheme"], ["status", "issued", "expires", "last_evidence", "scope"]),
        "add-dependency": (["consumer", "provider"], ["criticality", "group"]),
        "remove-dependency": (["consumer", "provider"], ["group"]),
        "set-criticality": (["consumer", "provider", "criticality"], ["group"]),
        "set-assurance": (["scheme", "assurance"], []),
        "set-prior": (["value"], ["supplier"]),
        "set-date": ([], []),
    ]
    static let stepOrder = ["revoke", "compromise", "exit", "add-supplier", "add-certification", "add-dependency",
                            "remove-dependency", "set-criticality", "set-assurance", "set-prior", "set-date"]

    /// Parses scenario YAML.
    /// - Parameter file: the file name used in error messages.
    /// - Throws: `ScenarioFileError` with every problem found.
    public static func parse(_ text: String, file: String = "scenarios.yaml") throws(ScenarioFileError) -> [Scenario] {
        let (scenarios, errors) = read(text, file: file)
        if !errors.isEmpty { throw ScenarioFileError(errors: errors) }
        return scenarios
    }

    /// Reads what it can: the scenarios with their well-formed steps, and every
    /// problem found. Callers can then check the steps that were read against a
    /// dataset and report all problems of the file at once.
    public static func read(_ text: String, file: String = "scenarios.yaml") -> (scenarios: [Scenario], errors: [ScenarioError]) {
        var errors: [ScenarioError] = []
        func fail(_ kind: ScenarioError.Kind, _ node: Node?, scenario: String? = nil, step: Int? = nil,
                  stepKind: String? = nil, _ message: String) {
            errors.append(ScenarioError(kind, file: file, line: node?.mark?.line ?? 0, scenario: scenario, step: step,
                                        stepKind: stepKind, message))
        }
        // Bounded before parsing: the parser's work on aliases has no limit of its own.
        if let refused = YAMLBounds.check(text) {
            return ([], [ScenarioError(.limit, file: file, line: refused.line, refused.message)])
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            return ([], [ScenarioError(.syntax, file: file, line: yamlErrorLine(error), "not valid YAML: " + shortened("\(error)"))])
        }
        guard let root, case .mapping(let top) = root else {
            return ([], [ScenarioError(.syntax, file: file, line: root?.mark?.line ?? 1, "expected a mapping with the key 'scenarios'")])
        }
        var scenariosNode: Node?
        for (key, value) in top {
            if key.string == "scenarios" { scenariosNode = value } else {
                fail(.unknownKey, key, "unknown key '\(key.string ?? "?")'\(nearest(key.string, ["scenarios"])) (allowed: scenarios)")
            }
        }
        guard let scenariosNode, case .sequence(let list) = scenariosNode else {
            fail(.missingKey, scenariosNode ?? root, "expected 'scenarios:' followed by a list of scenarios")
            return ([], errors)
        }
        var scenarios: [Scenario] = []
        var names = Set<String>()
        for (k, item) in list.enumerated() {
            guard case .mapping(let mapping) = item else {
                fail(.syntax, item, "scenario \(k + 1): expected a mapping with 'name' and 'steps'")
                continue
            }
            var name: String?
            var description: String?
            var stepsNode: Node?
            for (key, value) in mapping {
                switch key.string {
                case "name": name = value.scalar?.string
                case "steps": stepsNode = value
                case "description": description = value.scalar?.string
                default:
                    fail(.unknownKey, key, "scenario \(k + 1): unknown key '\(key.string ?? "?")'"
                         + "\(nearest(key.string, ["name", "steps", "description"])) (allowed: name, steps, description)")
                }
            }
            let scenarioName = name ?? "scenario \(k + 1)"
            if name == nil || name!.isEmpty { fail(.missingKey, item, "scenario \(k + 1): missing 'name'") }
            if !names.insert(scenarioName).inserted { fail(.badValue, item, scenario: scenarioName, "a scenario of this name comes earlier in the file") }
            guard let stepsNode, case .sequence(let stepList) = stepsNode else {
                fail(.missingKey, stepsNode ?? item, scenario: scenarioName, "expected 'steps:' followed by a list of steps")
                continue
            }
            var steps: [ScenarioStep] = []
            var lines: [Int] = []
            var numbers: [Int] = []
            for (s, stepNode) in stepList.enumerated() {
                let number = s + 1
                guard case .mapping(let stepMapping) = stepNode, stepMapping.count == 1, let (kindNode, body) = stepMapping.first,
                      let kind = kindNode.string else {
                    fail(.syntax, stepNode, scenario: scenarioName, step: number,
                         "expected one step kind, e.g. '- compromise: {supplier: cdn-x}' (kinds: \(stepOrder.joined(separator: ", ")))")
                    continue
                }
                guard let keys = stepKeys[kind] else {
                    fail(.unknownStep, kindNode, scenario: scenarioName, step: number,
                         "unknown step '\(kind)'\(nearest(kind, stepOrder)) (allowed: \(stepOrder.joined(separator: ", ")))")
                    continue
                }
                let line = stepNode.mark?.line ?? 0
                if kind == "set-date" {
                    var dateText: String?
                    if case .scalar(let scalar) = body { dateText = UnicodeWhiteSpace.trimmed(scalar.string) }
                    else if case .mapping(let m) = body, m.count == 1, m.first?.key.string == "date" {
                        dateText = m.first?.value.scalar.map { UnicodeWhiteSpace.trimmed($0.string) }
                    }
                    guard let dateText else {
                        fail(.badValue, body, scenario: scenarioName, step: number, stepKind: kind, "expected a date, e.g. '- set-date: 2027-06-30'")
                        continue
                    }
                    steps.append(.setDate(dateText))
                    lines.append(line)
                    numbers.append(number)
                    continue
                }
                guard case .mapping(let fields) = body else {
                    fail(.syntax, body, scenario: scenarioName, step: number, stepKind: kind,
                         "expected a mapping of \(describe(keys))")
                    continue
                }
                var values: [String: String] = [:]
                var ok = true
                for (key, value) in fields {
                    guard let name = key.string, keys.required.contains(name) || keys.optional.contains(name) else {
                        fail(.unknownKey, key, scenario: scenarioName, step: number, stepKind: kind,
                             "unknown key '\(key.string ?? "?")'\(nearest(key.string, keys.required + keys.optional)) (allowed: \(describe(keys)))")
                        ok = false
                        continue
                    }
                    guard case .scalar(let scalar) = value else {
                        fail(.badValue, value, scenario: scenarioName, step: number, stepKind: kind, "'\(name)' must be a single value")
                        ok = false
                        continue
                    }
                    values[name] = UnicodeWhiteSpace.trimmed(scalar.string)
                }
                for name in keys.required where values[name] == nil {
                    fail(.missingKey, body, scenario: scenarioName, step: number, stepKind: kind,
                         "missing '\(name)' (expected \(describe(keys)))")
                    ok = false
                }
                guard ok else { continue }
                steps.append(step(kind, values))
                lines.append(line)
                numbers.append(number)
            }
            var scenario = Scenario(name: scenarioName, steps: steps, stepLines: lines)
            scenario.stepNumbers = numbers
            scenario.description = description
            scenario.line = item.mark?.line ?? 0
            scenarios.append(scenario)
        }
        if scenarios.isEmpty && errors.isEmpty { fail(.missingKey, scenariosNode, "the file holds no scenario") }
        return (scenarios, errors)
    }

    private static func step(_ kind: String, _ v: [String: String]) -> ScenarioStep {
        switch kind {
        case "revoke": return .revoke(supplier: v["supplier"]!, scheme: v["scheme"])
        case "compromise": return .compromise(supplier: v["supplier"]!)
        case "exit": return .exit(supplier: v["supplier"]!)
        case "add-supplier":
            return .addSupplier(id: v["id"]!, name: v["name"], country: v["country"], sector: v["sector"], prior: v["prior"])
        case "add-certification":
            return .addCertification(supplier: v["supplier"]!, scheme: v["scheme"]!, status: v["status"], issued: v["issued"],
                                     expires: v["expires"], lastEvidence: v["last_evidence"], scope: v["scope"])
        case "add-dependency": return .addDependency(consumer: v["consumer"]!, provider: v["provider"]!, criticality: v["criticality"], group: v["group"])
        case "remove-dependency": return .removeDependency(consumer: v["consumer"]!, provider: v["provider"]!, group: v["group"])
        case "set-criticality":
            return .setCriticality(consumer: v["consumer"]!, provider: v["provider"]!, criticality: v["criticality"]!, group: v["group"])
        case "set-assurance": return .setAssurance(scheme: v["scheme"]!, assurance: v["assurance"]!)
        default: return .setPrior(value: v["value"]!, supplier: v["supplier"])
        }
    }

    /// " (did you mean 'x'?)" for the allowed name nearest to an unknown one, or "".
    private static func nearest(_ name: String?, _ allowed: [String]) -> String {
        guard let name else { return "" }
        return SupplierSearch.didYouMean(SupplierSearch.nearest(to: name, among: allowed, limit: 1))
    }

    private static func describe(_ keys: (required: [String], optional: [String])) -> String {
        (keys.required + keys.optional.map { $0 + "?" }).joined(separator: ", ")
    }

    /// A parser's message with its quoted context cut: at most 10 lines of at
    /// most 160 characters (a one-line file of megabytes would otherwise be
    /// echoed whole).
    static func shortened(_ message: String) -> String {
        let limit = 160
        var lines = message.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.count <= limit ? String(line) : String(line.prefix(limit - 10)) + "… (\(line.count - limit + 10) more characters)"
        }
        if lines.count > 10 { lines = Array(lines.prefix(10)) + ["… (\(lines.count - 10) more lines)"] }
        return lines.joined(separator: "\n")
    }

    /// The line a Yams error names, or 0.
    static func yamlErrorLine(_ error: any Error) -> Int {
        // YamlError's description carries "line:column", or "in line L, column C"
        // (duplicate keys); take the line when present.
        let text = Array("\(error)".utf8)
        let marker = Array("in line ".utf8)
        if text.count > marker.count {
            for start in stride(from: text.count - marker.count, through: 0, by: -1) where text[start..<start + marker.count].elementsEqual(marker) {
                let digits = text[(start + marker.count)...].prefix { (48...57).contains($0) }
                if let line = Int(String(decoding: digits, as: UTF8.self)) { return line }
                break
            }
        }
        var k = 0
        while k < text.count {
            var end = k
            while end < text.count, (48...57).contains(text[end]) { end += 1 }
            if end > k, end + 1 < text.count, text[end] == UInt8(ascii: ":"), (48...57).contains(text[end + 1]) {
                return Int(String(decoding: text[k..<end], as: UTF8.self)) ?? 0
            }
            k = end + 1
        }
        return 0
    }
}
