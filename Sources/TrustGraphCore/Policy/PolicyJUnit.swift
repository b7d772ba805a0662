extension PolicyOutcome {
    /// JUnit XML for CI servers: a `testsuite` per rule, a `testcase` per
    /// selected subject (the supplier's id; `portfolio` for
    /// `max-concentration`), a `failure` per finding, its `type` the severity.
    /// - Complexity: O(subjects + findings).
    public var junit: String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let suppliers = model.dataset.suppliers
        var byRule = [[Int]](repeating: [], count: policy.rules.count)
        for (k, finding) in findings.enumerated() { byRule[Int(finding.rule)].append(k) }
        let totalCases = policy.rules.indices.reduce(0) { $0 + caseCount($1) }
        out += "<testsuites name=\"\(PolicyOutcome.xml(policy.name ?? "trustgraph check"))\" tests=\"\(totalCases)\" failures=\"\(findings.count)\">\n"
        for (k, rule) in policy.rules.enumerated() {
            let failing = Set(byRule[k].compactMap { findings[$0].supplier })
            let failures = rule.kind == .maxConcentration ? min(byRule[k].count, 1) : failing.count
            out += "  <testsuite name=\"\(PolicyOutcome.xml(rule.id))\" tests=\"\(caseCount(k))\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
            out += "    <properties><property name=\"kind\" value=\"\(rule.kind.rawValue)\"/>"
            out += "<property name=\"severity\" value=\"\(rule.severity)\"/>"
            out += "<property name=\"date\" value=\"\(parameters.date)\"/></properties>\n"
            let classname = PolicyOutcome.xml(rule.id)
            if rule.kind == .maxConcentration {
                out += "    <testcase classname=\"\(classname)\" name=\"portfolio\">"
                for f in byRule[k] { out += failure(findings[f]) }
                out += byRule[k].isEmpty ? "</testcase>\n" : "\n    </testcase>\n"
                out += "  </testsuite>\n"
                continue
            }
            // Subjects come in file order, findings by id: walk both in file order.
            let own = byRule[k].sorted { (findings[$0].supplierIndex, $0) < (findings[$1].supplierIndex, $1) }
            var next = 0
            for i in subjects[k] {
                out += "    <testcase classname=\"\(classname)\" name=\"\(PolicyOutcome.xml(suppliers.id(Int(i))))\">"
                let first = next
                while next < own.count && findings[own[next]].supplierIndex == i {
                    out += failure(findings[own[next]])
                    next += 1
                }
                out += next > first ? "\n    </testcase>\n" : "</testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    private func caseCount(_ rule: Int) -> Int {
        policy.rules[rule].kind == .maxConcentration ? 1 : subjects[rule].count
    }

    private func failure(_ finding: PolicyFinding) -> String {
        let where_ = file(of: finding) + (finding.line.map { ":\($0)" } ?? "")
        let text = message(of: finding)
        return "\n      <failure type=\"\(severity(of: finding))\" message=\"\(PolicyOutcome.xml(text))\">"
            + PolicyOutcome.xml("\(where_): \(text)") + "</failure>"
    }

    /// Text as XML character data or an attribute value: markup characters
    /// escaped, and characters XML 1.0 cannot hold (most C0 controls) written as `\u{…}`.
    static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF {
                    out += "\\u{\(String(v, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
