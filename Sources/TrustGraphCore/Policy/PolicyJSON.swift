extension PolicyOutcome {
    /// The stable JSON of the policy contract: policy, date, fail_on, counts and
    /// findings (rule, severity, supplier, scheme, group, value, message, file,
    /// line), one finding per line; then what trustgraph adds: `kind` on each
    /// finding, `failed`, and per rule its subjects and findings.
    /// - Complexity: O(findings), a message each.
    public var json: String { String(decoding: jsonBytes, as: UTF8.self) }

    /// `json` as UTF-8 bytes, written without an intermediate string (a million findings are
    /// hundreds of megabytes).
    public var jsonBytes: [UInt8] {
        let counts = self.counts
        var writer = JSONBytes(capacity: 4096)
        writer.raw("{"); writer.key("policy"); writer.string(policy.name)
        writer.raw(","); writer.key("date"); writer.string(parameters.date.description)
        writer.raw(","); writer.key("fail_on"); writer.string(policy.failOnWord)
        writer.raw(","); writer.key("counts")
        writer.raw("{"); writer.key("error"); writer.integer(counts.error)
        writer.raw(","); writer.key("warning"); writer.integer(counts.warning)
        writer.raw(","); writer.key("note"); writer.integer(counts.note); writer.raw("}")
        writer.raw(","); writer.key("failed"); writer.raw(failed ? "true" : "false")
        writer.raw(","); writer.key("findings"); writer.raw("[")
        writer.join(findings.count, first: "\n  ", separator: ",\n  ", bytesEach: 256) { k, out in
            write(findings[k], to: &out)
        }
        writer.raw(findings.isEmpty ? "]" : "\n]")
        writer.raw(","); writer.key("rules"); writer.raw("[")
        var findingsPerRule = [Int](repeating: 0, count: policy.rules.count)
        for finding in findings { findingsPerRule[Int(finding.rule)] += 1 }
        for (k, rule) in policy.rules.enumerated() {
            writer.raw(k == 0 ? "\n  " : ",\n  ")
            writer.raw("{"); writer.key("id"); writer.string(rule.id)
            writer.raw(","); writer.key("kind"); writer.string(rule.kind.rawValue)
            writer.raw(","); writer.key("severity"); writer.string(rule.severity.description)
            writer.raw(","); writer.key("subjects"); writer.integer(rule.kind == .maxConcentration ? 1 : subjects[k].count)
            writer.raw(","); writer.key("findings"); writer.integer(findingsPerRule[k]); writer.raw("}")
        }
        writer.raw(policy.rules.isEmpty ? "]}\n" : "\n]}\n")
        return writer.bytes
    }

    /// One finding as `jsonObject(of:)` writes it, straight into bytes.
    func write(_ finding: PolicyFinding, to writer: inout JSONBytes) {
        let rule = policy.rules[Int(finding.rule)]
        let kind = rule.kind
        writer.raw("{")
        writer.key("rule"); writer.string(rule.id)
        writer.raw(","); writer.key("severity"); writer.string(rule.severity.description)
        writer.raw(","); writer.key("supplier"); writer.string(supplierId(of: finding))
        writer.raw(","); writer.key("scheme"); writer.string(scheme(of: finding))
        writer.raw(","); writer.key("group"); writer.string(group(of: finding))
        writer.raw(","); writer.key("value")
        if let value = finding.value {
            if kind == .certificateExpiry || kind == .staleEvidence || kind == .singlePointOfFailure {
                writer.integer(Int(value))
            } else {
                writer.number(value)
            }
        } else {
            writer.raw("null")
        }
        writer.raw(","); writer.key("message"); writer.string(message(of: finding))
        writer.raw(","); writer.key("file"); writer.string(file(of: finding))
        writer.raw(","); writer.key("line")
        if let line = finding.line { writer.integer(line) } else { writer.raw("null") }
        writer.raw(","); writer.key("kind"); writer.string(kind.rawValue)
        writer.raw("}")
    }

    /// One finding as a JSON object, fields in the contract's order.
    public func jsonObject(of finding: PolicyFinding) -> JSON.Value {
        let rule = policy.rules[Int(finding.rule)]
        let kind = rule.kind
        // Days and provider counts are whole numbers; trust, coverage and HHI are not.
        let whole = kind == .certificateExpiry || kind == .staleEvidence || kind == .singlePointOfFailure
        let value: JSON.Value = finding.value.map { whole ? .integer(Int($0)) : .number($0) } ?? .null
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
