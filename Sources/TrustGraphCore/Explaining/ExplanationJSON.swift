extension Explanation {
    /// The explanation as JSON.
    public var json: JSON.Value {
        .object([
            ("id", .string(id)), ("name", .string(name)), ("date", .string(parameters.date.description)),
            ("prior", .number(prior)), ("own_prior", .bool(ownPrior)),
            ("base_trust", .number(base)), ("coverage", .number(coverage)),
            ("trust", .number(trust)), ("distrust", .number(distrust)), ("compromised", .bool(compromised)),
            ("certifications", .array(certifications.map { c in
                .object([
                    ("scheme", .string(c.scheme)), ("value", .number(c.value)), ("counts", .bool(c.standing == .counts)),
                    ("reason", .string(c.reason)), ("best_of_scheme", .bool(c.best)), ("line", .integer(c.line)),
                ])
            })),
            ("recognised", .array(recognised.map { r in
                .object([("scheme", .string(r.scheme)), ("target", .string(r.target)), ("coverage", .number(r.coverage)),
                         ("line", .integer(r.line))])
            })),
            ("groups", .array(groups.enumerated().map { (k, g) in
                .object([
                    ("group", .string(g.label)), ("weight", .number(g.weight)), ("passes_up", .number(g.passed)),
                    ("limiting", .bool(k == limitingGroup)),
                    ("alternatives", .array(g.alternatives.map { .object([("id", .string($0.id)), ("trust", .number($0.trust))]) })),
                ])
            })),
            ("chain", .array(chain.map { hop in
                .object([
                    ("id", .string(hop.id)), ("trust", .number(hop.trust)), ("base_trust", .number(hop.base)),
                    ("via_group", hop.group.map(JSON.Value.string) ?? .null),
                    ("weight", hop.weight.map(JSON.Value.number) ?? .null),
                ])
            })),
            ("cycle_returns_to", cycleReturnsTo.map(JSON.Value.string) ?? .null),
        ])
    }
}
