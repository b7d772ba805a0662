extension PolicyOutcome {
    /// JUnit XML for CI servers: a `testsuite` per rule, a `testcase` per
    /// selected subject (the supplier's id; `portfolio` for
    /// `max-concentration`), a `failure` per finding, its `type` the severity.
    /// `failures` counts failing test cases, as CI servers count them (a case
    /// with three findings is one failure holding three `failure` elements).
    /// - Complexity: O(subjects + findings).
    public var junit: String { String(decoding: junitBytes, as: UTF8.self) }

    /// `junit` as UTF-8 bytes, written without an intermediate string.
    public var junitBytes: [UInt8] {
        var out = XMLBytes(capacity: 4096 + findings.count * 256 + subjects.reduce(0) { $0 + $1.count } * 64)
        out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        let suppliers = model.dataset.suppliers
        var byRule = [[Int]](repeating: [], count: policy.rules.count)
        for (k, finding) in findings.enumerated() { byRule[Int(finding.rule)].append(k) }
        // Findings in file order of their subjects, as the test cases come; a case fails once however many findings it has.
        let ordered = byRule.map { own in own.sorted { (findings[$0].supplierIndex, $0) < (findings[$1].supplierIndex, $1) } }
        let failingCases = ordered.map { own in
            own.indices.filter { n in n == 0 || findings[own[n - 1]].supplierIndex != findings[own[n]].supplierIndex }.count
        }
        let totalCases = policy.rules.indices.reduce(0) { $0 + caseCount($1) }
        out.raw("<testsuites name=\""); out.text(policy.name ?? "trustgraph check")
        out.raw("\" tests=\"\(totalCases)\" failures=\"\(failingCases.reduce(0, +))\">\n")
        for (k, rule) in policy.rules.enumerated() {
            let own = ordered[k], failing = failingCases[k]
            out.raw("  <testsuite name=\""); out.text(rule.id)
            out.raw("\" tests=\"\(caseCount(k))\" failures=\"\(failing)\" errors=\"0\" skipped=\"0\">\n")
            out.raw("    <properties><property name=\"kind\" value=\"\(rule.kind.rawValue)\"/>")
            out.raw("<property name=\"severity\" value=\"\(rule.severity)\"/>")
            out.raw("<property name=\"date\" value=\"\(parameters.date)\"/></properties>\n")
            if rule.kind == .maxConcentration {
                out.raw("    <testcase classname=\""); out.text(rule.id); out.raw("\" name=\"portfolio\">")
                for f in own { failure(findings[f], to: &out) }
                out.raw(own.isEmpty ? "</testcase>\n" : "\n    </testcase>\n")
                out.raw("  </testsuite>\n")
                continue
            }
            var next = 0
            for i in subjects[k] {
                out.raw("    <testcase classname=\""); out.text(rule.id); out.raw("\" name=\"")
                suppliers.index.values.withBytes(Int(i)) { out.text($0) }
                out.raw("\">")
                let first = next
                while next < own.count && findings[own[next]].supplierIndex == i {
                    failure(findings[own[next]], to: &out)
                    next += 1
                }
                out.raw(next > first ? "\n    </testcase>\n" : "</testcase>\n")
            }
            out.raw("  </testsuite>\n")
        }
        out.raw("</testsuites>\n")
        return out.bytes
    }

    private func caseCount(_ rule: Int) -> Int {
        policy.rules[rule].kind == .maxConcentration ? 1 : subjects[rule].count
    }

    private func failure(_ finding: PolicyFinding, to out: inout XMLBytes) {
        let text = message(of: finding)
        out.raw("\n      <failure type=\"\(severity(of: finding))\" message=\""); out.text(text); out.raw("\">")
        out.text(file(of: finding) + (finding.line.map { ":\($0)" } ?? "") + ": " + text)
        out.raw("</failure>")
    }

    /// Text as XML character data or an attribute value: markup characters
    /// escaped, and characters XML 1.0 cannot hold (most C0 controls) written as `\u{…}`.
    static func xml(_ text: String) -> String {
        XMLText.escaped(text, whitespaceAsReferences: true, unrepresentable: .visible)
    }
}

/// XML text written into UTF-8 bytes, escaped as `PolicyOutcome.xml` escapes it.
struct XMLBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Appends markup as is.
    mutating func raw(_ markup: String) { bytes.append(contentsOf: markup.utf8) }

    /// Appends text for character data or an attribute value.
    mutating func text(_ text: String) {
        var text = text
        text.withUTF8 { self.text(UnsafeRawBufferPointer($0)) }
    }

    mutating func text(_ utf8: UnsafeRawBufferPointer) {
        // Only ASCII needs escaping (U+FFFE and U+FFFF, which XML cannot hold either, are EF BF BE/BF).
        guard utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0xEF }) else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(contentsOf: PolicyOutcome.xml(String(decoding: utf8, as: UTF8.self)).utf8)
    }
}
