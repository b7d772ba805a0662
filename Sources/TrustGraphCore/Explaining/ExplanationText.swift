extension Explanation {
    /// The explanation as text for a terminal, with the arithmetic spelled out.
    public var text: String {
        let f = { (x: Double) in TextTable.fixed(x, 4) }
        var out: [String] = []
        out.append("\(id) — \(name)")
        out.append("evaluated at \(parameters.date), \(ownPrior ? "own prior" : "global prior") \(f(prior))")
        out.append("")
        out.append("trust t = \(f(trust))" + (compromised ? "  (compromised: fixed at 0)" : ""))
        out.append("")
        out.append("Base trust b = p + (1 − p) × C = \(f(prior)) + \(f(1 - prior)) × \(f(coverage)) = \(f(base))")
        if certifications.isEmpty {
            out.append("  no certification: C = 0, b is the prior")
        } else {
            var table = TextTable(header: ["scheme", "a(c)", "why"], rightAligned: [1])
            for c in certifications {
                table.add([c.scheme + (c.best && certifications.filter { $0.scheme == c.scheme }.count > 1 ? " *" : ""),
                           f(c.value), c.reason])
            }
            out.append(contentsOf: table.render().split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "  " + $0 })
            let terms = schemes.map { "(1 − \(f($0.value)))" }.joined(separator: " × ")
            out.append("  C = 1 − \(terms) = \(f(coverage))")
            if certifications.count > schemes.count { out.append("  * the best certification of a scheme counts; the others do not add") }
        }
        if !recognised.isEmpty {
            out.append("")
            out.append("Recognised toward other schemes (for requires-scheme rules; base trust is unchanged):")
            for r in recognised {
                out.append("  \(r.scheme) counts \(r.coverage.formatted) toward \(r.target) via recognition.csv (line \(r.line))")
            }
        }
        out.append("")
        if groups.isEmpty {
            out.append("Dependencies: none, so t = b")
        } else {
            out.append("Dependencies: each group passes up w × (distrust of its best alternative), largest first")
            var table = TextTable(header: ["group", "criticality", "alternatives (trust)", "passes up"], rightAligned: [3])
            let order = groups.indices.sorted { (groups[$1].passed, $0) < (groups[$0].passed, $1) }
            for k in order {
                let g = groups[k]
                // At most eight alternatives, the best among them (JSON lists them all).
                let shown = g.alternatives.count <= 8 ? Array(g.alternatives.indices)
                    : Array(0..<7) + [max(g.best ?? 7, 7)]
                var alternatives = shown.map { n in
                    let a = g.alternatives[n]
                    return "\(a.id) \(f(a.trust))" + (n == g.best && g.alternatives.count > 1 ? " ← best" : "")
                }.joined(separator: ", ")
                if g.alternatives.count > shown.count { alternatives += ", … \(g.alternatives.count - shown.count) more" }
                table.add([g.label + (k == limitingGroup ? " ◀" : ""), Criticality.describe(g.weight),
                           alternatives.isEmpty ? "(all providers exited)" : alternatives, f(g.passed)])
            }
            out.append(contentsOf: table.render().split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "  " + $0 })
            if compromised {
                out.append("  compromised: d = 1, t = 0")
            } else if let limiting = limitingGroup {
                out.append("  d = max(own 1 − b = \(f(1 - base)), group \(groups[limiting].label) \(f(groups[limiting].passed))) = \(f(distrust))")
                out.append("  t = 1 − d = \(f(trust))")
            } else {
                out.append("  no group passes up more than its own distrust 1 − b = \(f(1 - base)), so t = b = \(f(trust))")
            }
        }
        if chain.count > 1 || cycleReturnsTo != nil {
            out.append("")
            out.append("Limiting chain:")
            for (k, hop) in chain.enumerated() {
                var line = "  \(String(repeating: "  ", count: k))\(hop.id)  t = \(f(hop.trust))"
                if let group = hop.group, let w = hop.weight {
                    line += "  ← group \(group), \(Criticality.describe(w))"
                } else if k == chain.count - 1 {
                    line += cycleReturnsTo != nil ? "" : "  root cause: its own base trust b = \(f(hop.base))"
                }
                out.append(line)
            }
            if let back = cycleReturnsTo {
                out.append("  \(String(repeating: "  ", count: chain.count))… back to \(back): a cycle of dependencies")
            }
        }
        // Ids, names, group labels and scheme names are data: each line is escaped whole.
        return out.map(TerminalText.escaped).joined(separator: "\n") + "\n"
    }
}

extension Explanation.Certification {
    /// Why this certification counts what it counts, in words.
    public var reason: String {
        switch standing {
        case .suspended: return "suspended: counts 0"
        case .revoked: return "revoked: counts 0"
        case .statusExpired: return "status expired: counts 0"
        case .expiredOn(let day): return "expired on \(day): counts 0"
        case .notYetIssued(let day): return "not yet issued (issued \(day)): counts 0"
        case .counts:
            var parts = ["assurance \(TextTable.fixed(assurance, 2))"]
            if let lastEvidence {
                parts.append("× freshness \(TextTable.fixed(freshness, 4)) (evidence of \(lastEvidence), \(plural(evidenceAgeDays, "day")) old, half-life \(halfLifeDays.formatted) \(halfLifeDays == 1 ? "day" : "days"))")
            }
            if partial { parts.append("× 0.5 partial scope") }
            var text = parts.joined(separator: " ")
            if let expires { text += "; valid until \(expires)" }
            return text
        }
    }
}

extension Double {
    /// Whole numbers without a fraction ("180"), others as Swift prints them.
    var formatted: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : description }
}
