extension PolicyOutcome {
    /// A report for a person: the verdict, then the rules with findings, worst
    /// severity first (file order among equals), each finding worst first with
    /// its why — the limiting chain for `min-trust`, the certificate row for
    /// the certificate rules — then the rules that found nothing. Every data
    /// value is escaped for the terminal.
    /// - Parameter limit: findings shown per rule (the JSON lists them all).
    public func text(dataset: String, limit: Int = 20) -> String {
        let counts = self.counts
        var out: [String] = []
        let name = policy.name.map { "Policy '\($0)'" } ?? "Policy"
        let verdict = failed ? "FAILS (fail_on: \(policy.failOnWord))"
            : "passes (fail_on: \(policy.failOnWord))"
        out.append("\(name) on \(dataset) at \(parameters.date): \(plural(counts.error, "error")), "
                   + "\(plural(counts.warning, "warning")), \(plural(counts.note, "note")) — \(verdict)")
        var byRule = [[Int]](repeating: [], count: policy.rules.count)
        for (k, finding) in findings.enumerated() { byRule[Int(finding.rule)].append(k) }
        let order = policy.rules.indices.sorted { (policy.rules[$1].severity, $0) < (policy.rules[$0].severity, $1) }
        let f = { (x: Double) in TextTable.fixed(x, 4) }
        for k in order where !byRule[k].isEmpty {
            let rule = policy.rules[k]
            out.append("")
            let checked = rule.kind == .maxConcentration ? "the portfolio" : plural(subjects[k].count, "subject")
            out.append("\(rule.severity.description.uppercased())  \(rule.id): \(plural(byRule[k].count, "finding")) (\(checked) checked)")
            out.append("  " + PolicyOutcome.describe(rule))
            let worst = byRule[k].sorted { (badness(of: findings[$1]), $0) < (badness(of: findings[$0]), $1) }
            for index in worst.prefix(limit) {
                let finding = findings[index]
                let place = file(of: finding) + (finding.line.map { ":\($0)" } ?? "")
                var head = "  " + (supplierId(of: finding) ?? "portfolio")
                if let scheme = scheme(of: finding) { head += "  " + scheme }
                if let group = group(of: finding) { head += "  group " + group }
                head += "  " + (finding.value.map { rule.kind == .certificateExpiry || rule.kind == .staleEvidence
                    || rule.kind == .singlePointOfFailure ? String(Int($0)) : f($0) } ?? "no value")
                out.append(head + "  " + place)
                out.append("    " + message(of: finding))
                for line in why(finding) { out.append("    " + line) }
            }
            if byRule[k].count > limit {
                out.append("  … \(byRule[k].count - limit) more (--format json lists every finding)")
            }
        }
        let quiet = policy.rules.indices.filter { byRule[$0].isEmpty }
        if !quiet.isEmpty {
            out.append("")
            out.append("No finding: " + quiet.map { k in
                let rule = policy.rules[k]
                let checked = rule.kind == .maxConcentration
                    ? "HHI \(f(portfolioFigures[k]))" : plural(subjects[k].count, "subject")
                return "\(rule.id) (\(checked))"
            }.joined(separator: ", "))
        }
        return out.map(TerminalText.escaped).joined(separator: "\n") + "\n"
    }

    /// The lines that explain a finding beyond its message.
    func why(_ finding: PolicyFinding) -> [String] {
        switch policy.rules[Int(finding.rule)].kind {
        case .minTrust:
            guard let i = finding.supplier else { return [] }
            let explanation = model.explain(i, solution: solution, parameters: parameters)
            guard explanation.chain.count > 1 || explanation.cycleReturnsTo != nil else {
                return ["why: base trust \(TextTable.fixed(explanation.base, 4)) (prior \(TextTable.fixed(explanation.prior, 2)), "
                        + "coverage C = \(TextTable.fixed(explanation.coverage, 4))) sets its score"]
            }
            var chain = ""
            for (k, hop) in explanation.chain.enumerated() {
                chain += "\(hop.id) \(TextTable.fixed(hop.trust, 4))"
                if let group = hop.group, let weight = hop.weight {
                    chain += " ← [\(group), \(Criticality.label(weight))] ← "
                } else if k == explanation.chain.count - 1, explanation.cycleReturnsTo == nil {
                    chain += " (root cause: its own base trust)"
                }
            }
            if let back = explanation.cycleReturnsTo { chain += "… back to \(back) (a cycle)" }
            return ["limiting chain: " + chain]
        case .certificateExpiry, .staleEvidence:
            return certificateRow(of: finding).map { ["row: " + $0] } ?? []
        case .minBaseTrust:
            guard let i = finding.supplier else { return [] }
            let explanation = model.explain(i, solution: solution, parameters: parameters)
            let counting = explanation.certifications.filter { $0.standing == .counts }.map(\.scheme)
            return ["prior \(TextTable.fixed(explanation.prior, 2)), coverage C = \(TextTable.fixed(explanation.coverage, 4))"
                    + (counting.isEmpty ? ", no certificate counts" : " from " + counting.joined(separator: ", "))]
        case .requiresScheme, .singlePointOfFailure, .maxConcentration:
            return []
        }
    }
}
