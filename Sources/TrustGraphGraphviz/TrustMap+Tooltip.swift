import TrustGraphCore

extension TrustMapBuilder {
    /// A supplier's tooltip: who it is, its scores, its certifications with
    /// status and expiry, the chain that limits it and what the view hides.
    func tooltip(_ i: Int, _ explanation: Explanation) -> String {
        let f = { (x: Double) in TextTable.fixed(x, 2) }
        let id = suppliers.id(i)
        let name = suppliers.name(i)
        var lines = [name == id ? id : "\(name) (\(id))"]
        let facts = [suppliers.sectors[i], suppliers.countries[i]].filter { !$0.isEmpty }
        if !facts.isEmpty { lines.append(facts.joined(separator: " · ")) }

        let t = solution.trust[i], b = solution.base[i]
        var scores = "trust \(f(t)), base \(f(b))"
        if explanation.compromised {
            scores += ": compromised, fixed at 0"
        } else if t < b - 1e-12 {
            scores += ": limited by its dependencies"
        } else {
            scores += ": set by its own certifications and prior"
        }
        lines.append(scores)
        if let delta, !delta[i].isNaN { lines.append("change in trust: \(signed(delta[i]))") }

        lines.append("Certifications at \(parameters.date):")
        if explanation.certifications.isEmpty {
            lines.append("  none: base trust is the \(explanation.ownPrior ? "supplier's own" : "global") prior \(f(explanation.prior))")
        }
        for c in explanation.certifications {
            lines.append("  \(c.scheme): \(standing(c))")
        }

        if explanation.chain.count > 1 || explanation.cycleReturnsTo != nil {
            lines.append("Limiting chain:")
            for (k, hop) in explanation.chain.enumerated() {
                var line = "  " + (k == 0 ? "" : "← ") + "\(hop.id) \(f(hop.trust))"
                if let group = hop.group, let w = hop.weight {
                    line += " via '\(group)' (\(Criticality.label(w)))"
                } else if k == explanation.chain.count - 1 && explanation.cycleReturnsTo == nil {
                    line += ": root cause, its own base trust \(f(hop.base))"
                }
                lines.append(line)
            }
            if let back = explanation.cycleReturnsTo { lines.append("  ← back to \(back): a cycle of dependencies") }
        }

        let hiddenProviders = Set(model.graph.providers(of: i).map(Int.init).filter { !kept[$0] }).count
        let hiddenConsumers = model.graph.consumers(of: i).filter { !kept[Int($0)] }.count
        if hiddenProviders + hiddenConsumers > 0 {
            var parts: [String] = []
            if hiddenProviders > 0 { parts.append(count(hiddenProviders, "provider")) }
            if hiddenConsumers > 0 { parts.append(count(hiddenConsumers, "consumer")) }
            lines.append("Not shown: " + parts.joined(separator: ", "))
        }
        for attribute in suppliers.attributes.attributes(ofRow: i) {
            lines.append("\(attribute.name): \(attribute.value)")
        }
        return lines.joined(separator: "\n")
    }

    /// A certification's status and expiry, and what it counts.
    func standing(_ c: Explanation.Certification) -> String {
        var text: String
        switch c.standing {
        case .counts:
            text = "valid" + (c.expires.map { " until \($0)" } ?? "")
            if c.partial { text += ", partial scope" }
            if c.lastEvidence != nil && c.freshness < 1 { text += ", evidence \(plural(c.evidenceAgeDays, "day")) old" }
            return text + ": counts \(TextTable.fixed(c.value, 2))"
        case .suspended: text = "suspended"
        case .revoked: text = "revoked"
        case .statusExpired: text = "expired" + (c.expires.map { " (until \($0))" } ?? "")
        case .expiredOn(let day): text = "expired on \(day)"
        case .notYetIssued(let day): text = "not valid before \(day)"
        }
        return text + ": counts 0"
    }
}
