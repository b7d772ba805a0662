extension PolicyOutcome {
    /// The stable JSON of the policy contract: policy, date, fail_on, counts and
    /// findings (rule, severity, supplier, scheme, group, value, message, file,
    /// line), one finding per line; then what trustgraph adds: `kind` on each
    /// finding, `failed`, and per rule its subjects and findings.
    /// - Complexity: O(findings), a message each.
    public var json: String {
        let counts = self.counts
        var out = "{\"policy\":"
        out += policy.name.map { JSON.Value.string($0).serialized() } ?? "null"
        out += ",\"date\":\"\(parameters.date)\",\"fail_on\":\"\(policy.failOnWord)\""
        out += ",\"counts\":{\"error\":\(counts.error),\"warning\":\(counts.warning),\"note\":\(counts.note)}"
        out += ",\"failed\":\(failed)"
        out += ",\"findings\":["
        for (k, finding) in findings.enumerated() {
            out += k == 0 ? "\n  " : ",\n  "
            out += jsonObject(of: finding).serialized(pretty: false)
        }
        out += findings.isEmpty ? "]" : "\n]"
        out += ",\"rules\":["
        var findingsPerRule = [Int](repeating: 0, count: policy.rules.count)
        for finding in findings { findingsPerRule[Int(finding.rule)] += 1 }
        for (k, rule) in policy.rules.enumerated() {
            out += k == 0 ? "\n  " : ",\n  "
            let subjects = rule.kind == .maxConcentration ? 1 : self.subjects[k].count
            out += JSON.Value.object([
                ("id", .string(rule.id)), ("kind", .string(rule.kind.rawValue)), ("severity", .string(rule.severity.description)),
                ("subjects", .integer(subjects)), ("findings", .integer(findingsPerRule[k])),
            ]).serialized(pretty: false)
        }
        out += policy.rules.isEmpty ? "]" : "\n]"
        return out + "}\n"
    }

    /// One finding as a JSON object, fields in the contract's order.
    public func jsonObject(of finding: PolicyFinding) -> JSON.Value {
        let rule = policy.rules[Int(finding.rule)]
        let value: JSON.Value
        switch (rule.kind, finding.value) {
        case (_, nil): value = .null
        case (.certificateExpiry, let x?), (.staleEvidence, let x?), (.singlePointOfFailure, let x?): value = .integer(Int(x))
        case (_, let x?): value = .number(x)
        }
        return .object([
            ("rule", .string(rule.id)), ("severity", .string(rule.severity.description)),
            ("supplier", supplierId(of: finding).map(JSON.Value.string) ?? .null),
            ("scheme", scheme(of: finding).map(JSON.Value.string) ?? .null),
            ("group", group(of: finding).map(JSON.Value.string) ?? .null),
            ("value", value), ("message", .string(message(of: finding))),
            ("file", .string(file(of: finding))), ("line", finding.line.map(JSON.Value.integer) ?? .null),
            ("kind", .string(rule.kind.rawValue)),
        ])
    }
}
