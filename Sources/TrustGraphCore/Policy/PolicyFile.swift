import Yams

/// Reads policy files (YAML, policy contract "The file").
///
/// Keys are checked before values are read: a key the rule kind does not take,
/// a missing required key, an unknown kind, a duplicate rule id or a value out
/// of range is an error naming the line, the key and the allowed keys, and
/// every such problem of the file is reported at once. Values are the literal
/// text of their YAML scalars (`0123` stays "0123"), then read as the dataset
/// contract reads numbers.
public enum PolicyFile {
    /// Top-level keys.
    static let topKeys = ["policy", "fail_on", "rules"]
    /// Keys every rule takes (`where` is not taken by `max-concentration`).
    static let commonKeys = ["id", "kind", "severity", "description", "where"]
    /// Keys of each kind besides the common ones: required, then optional.
    static let kindKeys: [PolicyRule.Kind: (required: [String], optional: [String])] = [
        .minTrust: (["threshold"], []),
        .minBaseTrust: (["threshold"], []),
        .certificateExpiry: (["within_days"], []),
        .staleEvidence: (["max_age_days"], []),
        .requiresScheme: (["schemes"], ["min_coverage"]),
        .singlePointOfFailure: ([], ["level", "min_providers"]),
        .maxConcentration: (["by", "max_hhi"], ["level"]),
    ]
    /// Keys of `where`.
    static let whereKeys = ["ids", "sector", "country", "depended_on", "min_dependents", "attribute"]

    /// Parses policy YAML.
    /// - Parameter file: the file name used in error messages.
    /// - Throws: `PolicyFileError` with every problem found.
    public static func parse(_ text: String, file: String = "policy.yaml") throws(PolicyFileError) -> Policy {
        let (policy, errors) = read(text, file: file)
        if !errors.isEmpty { throw PolicyFileError(errors: errors) }
        return policy
    }

    /// Reads what it can: the policy with its well-formed rules, and every
    /// problem found, in line order. Callers then check the rules against a dataset
    /// (`PolicyEvaluator`) and report all problems of the file at once.
    public static func read(_ text: String, file: String = "policy.yaml") -> (policy: Policy, errors: [PolicyError]) {
        var reader = Reader(file: file)
        let policy = reader.read(text)
        // In line order, as a person fixes them (stable among errors of one line).
        let errors = reader.errors.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        return (policy, errors)
    }

    /// The allowed keys of a kind, as error messages list them (optional ones with `?`).
    static func allowedKeys(_ kind: PolicyRule.Kind) -> [String] {
        let own = kindKeys[kind]!
        let common = kind == .maxConcentration ? commonKeys.filter { $0 != "where" } : commonKeys
        return ["id", "kind"] + own.required + common.dropFirst(2).map { $0 + "?" } + own.optional.map { $0 + "?" }
    }

    /// Whether `id` is a valid rule id: `[A-Za-z0-9._-]+`.
    static func isValidId(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { c in
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 46 || c == 95 || c == 45
        }
    }

    private struct Reader {
        let file: String
        var errors: [PolicyError] = []

        init(file: String) { self.file = file }

        mutating func fail(_ kind: PolicyError.Kind, _ node: Node?, rule: String? = nil, key: String? = nil, _ message: String) {
            errors.append(PolicyError(kind, file: file, line: node?.mark?.line ?? 0, rule: rule, key: key, message))
        }

        mutating func read(_ text: String) -> Policy {
            var policy = Policy()
            // Bounded before parsing: the parser's work on aliases has no limit of its own.
            if let refused = YAMLBounds.check(text, fileKind: "a policy file") {
                errors.append(PolicyError(.limit, file: file, line: refused.line, refused.message))
                return policy
            }
            let root: Node?
            do {
                root = try Yams.compose(yaml: text)
            } catch {
                errors.append(PolicyError(.syntax, file: file, line: ScenarioFile.yamlErrorLine(error),
                                          "not valid YAML: " + ScenarioFile.shortened("\(error)")))
                return policy
            }
            guard let root, case .mapping(let top) = root else {
                errors.append(PolicyError(.syntax, file: file, line: root?.mark?.line ?? 1,
                                          "expected a mapping with the keys \(PolicyFile.topKeys.joined(separator: ", "))"))
                return policy
            }
            var rulesNode: Node?
            for (keyNode, value) in top {
                let key = keyNode.string ?? "?"
                switch key {
                case "policy": policy.name = scalar(value, key: key)
                case "fail_on":
                    guard let word = scalar(value, key: key) else { continue }
                    if word == "never" { policy.failOn = nil } else if let severity = Policy.Severity(word: word) {
                        policy.failOn = severity
                    } else {
                        fail(.badValue, value, key: key, "\(Diagnostic.quote(word)) is not a severity (expected error, warning, note or never)")
                    }
                case "rules": rulesNode = value
                default:
                    fail(.unknownKey, keyNode, key: key,
                         "unknown key\(nearest(key, PolicyFile.topKeys)) (allowed: \(PolicyFile.topKeys.joined(separator: ", ")))")
                }
            }
            guard let rulesNode, case .sequence(let list) = rulesNode else {
                fail(.missingKey, rulesNode ?? root, key: "rules", "expected 'rules:' followed by a list of rules")
                return policy
            }
            if list.isEmpty { fail(.missingKey, rulesNode, key: "rules", "the policy holds no rule (a gate without rules passes everything)") }
            var firstLine: [String: Int] = [:]
            for (k, item) in list.enumerated() {
                guard case .mapping(let mapping) = item else {
                    fail(.syntax, item, "rule \(k + 1): expected a mapping with 'id' and 'kind'")
                    continue
                }
                let id = mapping.first { $0.key.string == "id" }.flatMap { $0.value.scalar }.map { UnicodeWhiteSpace.trimmed($0.string) }
                if let id, let first = firstLine[id] {
                    fail(.duplicateRule, item, rule: id, key: "id", "a rule of this id comes earlier (line \(first))")
                } else if let id {
                    firstLine[id] = item.mark?.line ?? 0
                }
                if let rule = readRule(mapping, node: item, position: k + 1) { policy.rules.append(rule) }
            }
            return policy
        }

        /// One rule, or nil when it has an error (then reported).
        mutating func readRule(_ mapping: Node.Mapping, node: Node, position: Int) -> PolicyRule? {
            let errorsBefore = errors.count
            var values: [String: (key: Node, value: Node)] = [:]
            for (key, value) in mapping {
                values[key.string ?? "?"] = (key, value)
            }
            let idText = values["id"].flatMap { scalar($0.value, key: "id") }
            let name = idText ?? "rule \(position)"
            if let idText, !PolicyFile.isValidId(idText) {
                fail(.badValue, values["id"]!.value, rule: idText, key: "id",
                     "\(Diagnostic.quote(idText)) is not a valid rule id (expected letters, digits, '.', '_' or '-')")
            }
            if values["id"] == nil { fail(.missingKey, node, rule: name, key: "id", "missing 'id' (every rule needs a unique id)") }
            let allKinds = PolicyRule.Kind.allCases.map(\.rawValue)
            guard let kindEntry = values["kind"] else {
                fail(.missingKey, node, rule: name, key: "kind", "missing 'kind' (expected one of \(allKinds.joined(separator: ", ")))")
                return nil
            }
            guard let kindText = scalar(kindEntry.value, key: "kind", rule: name) else { return nil }
            guard let kind = PolicyRule.Kind(rawValue: kindText) else {
                fail(.unknownKind, kindEntry.value, rule: name, key: "kind",
                     "unknown kind \(Diagnostic.quote(kindText))\(nearest(kindText, allKinds)) (allowed: \(allKinds.joined(separator: ", ")))")
                return nil
            }
            let own = PolicyFile.kindKeys[kind]!
            // In the order messages list them, so the nearest of two equally near keys is always the same one.
            let allowedOrder = PolicyFile.allowedKeys(kind).map { $0.hasSuffix("?") ? String($0.dropLast()) : $0 }
            let allowed = Set(allowedOrder)
            let allowedText = PolicyFile.allowedKeys(kind).joined(separator: ", ")
            for (key, entry) in values.sorted(by: { ($0.value.key.mark?.line ?? 0, $0.key) < ($1.value.key.mark?.line ?? 0, $1.key) })
            where !allowed.contains(key) {
                if key == "where" {
                    fail(.unknownKey, entry.key, rule: name, key: key,
                         "\(kind.rawValue) looks at the whole portfolio and takes no 'where' (allowed: \(allowedText))")
                } else {
                    fail(.unknownKey, entry.key, rule: name, key: key,
                         "not a key of \(kind.rawValue)\(nearest(key, allowedOrder)) (allowed: \(allowedText))")
                }
            }
            for key in own.required where values[key] == nil {
                fail(.missingKey, node, rule: name, key: key, "missing '\(key)', required by \(kind.rawValue) (allowed: \(allowedText))")
            }
            var severity = Policy.Severity.error
            if let entry = values["severity"], let word = scalar(entry.value, key: "severity", rule: name) {
                if let parsed = Policy.Severity(word: word) { severity = parsed } else {
                    fail(.badValue, entry.value, rule: name, key: "severity",
                         "\(Diagnostic.quote(word)) is not a severity (expected error, warning or note)")
                }
            }
            let description = values["description"].flatMap { scalar($0.value, key: "description", rule: name) }
            var filter = SubjectFilter()
            if kind != .maxConcentration, let entry = values["where"] { filter = readWhere(entry.value, rule: name) }

            func number(_ key: String, _ range: ClosedRange<Double>, open lower: Bool = false, default value: Double? = nil) -> Double? {
                guard let entry = values[key] else { return value }
                guard let text = scalar(entry.value, key: key, rule: name) else { return nil }
                let expected = "a number in \(lower ? "(" : "[")\(range.lowerBound.formatted),\(range.upperBound.formatted)]"
                guard let x = ContractNumber.parse(text) else {
                    fail(.badValue, entry.value, rule: name, key: key, "\(Diagnostic.quote(text)) is not a number (expected \(expected))")
                    return nil
                }
                guard range.contains(x), !(lower && x == range.lowerBound) else {
                    fail(.badValue, entry.value, rule: name, key: key, "\(text) is out of range (expected \(expected))")
                    return nil
                }
                return x
            }
            func count(_ key: String, minimum: Int, default value: Int? = nil) -> Int? {
                guard let entry = values[key] else { return value }
                guard let text = scalar(entry.value, key: key, rule: name) else { return nil }
                guard let n = PolicyFile.wholeNumber(text), n >= minimum else {
                    fail(.badValue, entry.value, rule: name, key: key, "\(Diagnostic.quote(text)) is not a whole number ≥ \(minimum)")
                    return nil
                }
                return n
            }
            func level(default value: Double) -> Double? {
                guard let entry = values["level"] else { return value }
                guard let text = scalar(entry.value, key: "level", rule: name) else { return nil }
                guard let weight = PolicyFile.weight(text) else {
                    fail(.badValue, entry.value, rule: name, key: "level",
                         "\(Diagnostic.quote(text)) is not a criticality (expected critical, high, medium, low or a number in (0,1])")
                    return nil
                }
                return weight
            }

            let check: PolicyRule.Check?
            switch kind {
            case .minTrust: check = number("threshold", 0...1).map { .minTrust(threshold: $0) }
            case .minBaseTrust: check = number("threshold", 0...1).map { .minBaseTrust(threshold: $0) }
            case .certificateExpiry: check = count("within_days", minimum: 0).map { .certificateExpiry(withinDays: $0) }
            case .staleEvidence: check = count("max_age_days", minimum: 0).map { .staleEvidence(maxAgeDays: $0) }
            case .requiresScheme:
                let schemes = values["schemes"].flatMap { list($0.value, key: "schemes", rule: name) }?.map(\.text)
                if let schemes, schemes.isEmpty, let entry = values["schemes"] {
                    fail(.badValue, entry.value, rule: name, key: "schemes", "the list is empty (expected at least one scheme)")
                }
                let coverage = number("min_coverage", 0...1, open: true, default: 1)
                if let schemes, !schemes.isEmpty, let coverage { check = .requiresScheme(schemes: schemes, minCoverage: coverage) } else { check = nil }
            case .singlePointOfFailure:
                let level = level(default: 1.0), providers = count("min_providers", minimum: 1, default: 2)
                if let level, let providers { check = .singlePointOfFailure(level: level, minProviders: providers) } else { check = nil }
            case .maxConcentration:
                var dimension: ConcentrationDimension?
                if let entry = values["by"], let text = scalar(entry.value, key: "by", rule: name) {
                    dimension = ConcentrationDimension(rawValue: text)
                    if dimension == nil {
                        fail(.badValue, entry.value, rule: name, key: "by", "\(Diagnostic.quote(text)) is not a dimension (expected provider, country or sector)")
                    }
                }
                let maxHHI = number("max_hhi", 0...1), level = level(default: 0.7)
                if let dimension, let maxHHI, let level { check = .maxConcentration(by: dimension, maxHHI: maxHHI, level: level) } else { check = nil }
            }
            guard errors.count == errorsBefore, let check, let idText else { return nil }
            return PolicyRule(id: idText, check: check, severity: severity, description: description, filter: filter,
                              line: node.mark?.line ?? 0)
        }

        /// `where: {…}`: every key checked, values read as lists.
        mutating func readWhere(_ node: Node, rule: String) -> SubjectFilter {
            var filter = SubjectFilter()
            guard case .mapping(let mapping) = node else {
                fail(.badValue, node, rule: rule, key: "where",
                     "expected a mapping of conditions (allowed: \(PolicyFile.whereKeys.joined(separator: ", ")))")
                return filter
            }
            for (keyNode, value) in mapping {
                let key = keyNode.string ?? "?"
                switch key {
                case "ids":
                    filter.ids = list(value, key: key, rule: rule)?.map(\.text)
                    filter.lines.ids = value.mark?.line ?? 0
                case "sector": filter.sectors = list(value, key: key, rule: rule)?.map(\.text)
                case "country": filter.countries = list(value, key: key, rule: rule)?.map(\.text)
                case "depended_on":
                    guard let items = list(value, key: key, rule: rule) else { continue }
                    var weights: [Double] = []
                    for item in items {
                        if let weight = PolicyFile.weight(item.text) { weights.append(weight) } else {
                            errors.append(PolicyError(.badValue, file: file, line: item.line, rule: rule, key: key,
                                                      "\(Diagnostic.quote(item.text)) is not a criticality (expected critical, high, medium, low or a number in (0,1])"))
                        }
                    }
                    filter.dependedOn = weights.min()
                case "min_dependents":
                    guard let items = list(value, key: key, rule: rule) else { continue }
                    var counts: [Int] = []
                    for item in items {
                        if let n = PolicyFile.wholeNumber(item.text), n >= 0 { counts.append(n) } else {
                            errors.append(PolicyError(.badValue, file: file, line: item.line, rule: rule, key: key,
                                                      "\(Diagnostic.quote(item.text)) is not a whole number ≥ 0"))
                        }
                    }
                    filter.minDependents = counts.min()
                case "attribute":
                    guard case .mapping(let columns) = value, !columns.isEmpty else {
                        fail(.badValue, value, rule: rule, key: key, "expected a mapping of column names to values, e.g. {tier: 1}")
                        continue
                    }
                    for (column, cell) in columns {
                        guard let name = column.scalar.map({ UnicodeWhiteSpace.trimmed($0.string) }), !name.isEmpty else {
                            fail(.badValue, column, rule: rule, key: key, "expected a column name")
                            continue
                        }
                        guard let values = list(cell, key: "attribute " + name, rule: rule) else { continue }
                        filter.attributes.append(.init(column: name, values: values.map(\.text), line: column.mark?.line ?? 0))
                    }
                default:
                    fail(.unknownKey, keyNode, rule: rule, key: "where." + key,
                         "unknown condition\(nearest(key, PolicyFile.whereKeys)) (allowed: \(PolicyFile.whereKeys.joined(separator: ", ")))")
                }
            }
            return filter
        }

        /// The trimmed text of a scalar value; an error when the value is a list or a mapping.
        mutating func scalar(_ node: Node, key: String, rule: String? = nil) -> String? {
            guard let scalar = node.scalar else {
                fail(.badValue, node, rule: rule, key: key, "expected a single value, not a list or a mapping")
                return nil
            }
            return UnicodeWhiteSpace.trimmed(scalar.string)
        }

        /// The texts of a list of scalars (a single scalar is a list of one), with their lines.
        mutating func list(_ node: Node, key: String, rule: String) -> [(text: String, line: Int)]? {
            if let scalar = node.scalar { return [(UnicodeWhiteSpace.trimmed(scalar.string), node.mark?.line ?? 0)] }
            guard case .sequence(let items) = node else {
                fail(.badValue, node, rule: rule, key: key, "expected a value or a list of values")
                return nil
            }
            var result: [(String, Int)] = []
            for item in items {
                guard let scalar = item.scalar else {
                    fail(.badValue, item, rule: rule, key: key, "expected a list of single values")
                    return nil
                }
                result.append((UnicodeWhiteSpace.trimmed(scalar.string), item.mark?.line ?? 0))
            }
            return result
        }

        /// " (did you mean 'x'?)" for the allowed name nearest to an unknown one, or "".
        func nearest(_ name: String, _ allowed: [String]) -> String {
            SupplierSearch.didYouMean(SupplierSearch.nearest(to: name, among: allowed, limit: 1))
        }
    }

    /// A whole number written as digits (a leading `+` allowed), or nil.
    static func wholeNumber(_ text: String) -> Int? {
        let digits = text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(digits)
    }

    /// A criticality level word or a number in (0,1]; nil for anything else (an empty text too).
    static func weight(_ text: String) -> Double? {
        text.isEmpty ? nil : Criticality.weight(text)
    }
}

extension Node {
    /// The scalar of a scalar node, nil for a list or a mapping.
    var scalar: Node.Scalar? {
        if case .scalar(let s) = self { return s }
        return nil
    }
}
