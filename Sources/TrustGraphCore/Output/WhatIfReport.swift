/// Output of `whatif`: per-scenario rows with the stable columns of contract §6
/// (`scenario,id,baseline,trust,delta`), summaries and a side-by-side comparison.
public struct WhatIfReport: Sendable {
    public let outcomes: [ScenarioOutcome]
    public let threshold: Double

    public init(outcomes: [ScenarioOutcome], threshold: Double = 0.5) {
        self.outcomes = outcomes
        self.threshold = threshold
    }

    /// The stable columns of contract §6, then the supplier's base trust in the scenario and its name.
    public static let csvHeader = ["scenario", "id", "baseline", "trust", "delta", "base_trust", "name"]

    /// Rows of one outcome: every present supplier (the dataset's in their order,
    /// then those the scenario added), or only those whose trust moved and the
    /// added ones (which have no baseline to compare with, and are what is new).
    private func rows(_ outcome: ScenarioOutcome, changedOnly: Bool) -> [Int] {
        changedOnly ? outcome.present.filter { outcome.delta($0).map { abs($0) > 1e-9 } ?? true } : outcome.present
    }

    /// CSV: one row per scenario and supplier (exited suppliers have none; added
    /// suppliers have an empty `baseline` and `delta`).
    public func csv(changedOnly: Bool = false) -> String { String(decoding: csvBytes(changedOnly: changedOnly), as: UTF8.self) }

    /// The bytes of `csv`, each scenario's rows written in chunks on up to `threads`
    /// threads (the same bytes for any number).
    public func csvBytes(changedOnly: Bool = false, threads: Int = Parallel.defaultThreads) -> [UInt8] {
        var writer = CSVWriter(header: WhatIfReport.csvHeader)
        for outcome in outcomes {
            let suppliers = outcome.model.dataset.suppliers
            let rows = rows(outcome, changedOnly: changedOnly)
            let parts = Parallel.mapChunks(rows.count, chunk: 8_192, threads: threads) { range in
                var part = CSVWriter()
                for i in rows[range] {
                    part.field(outcome.scenario.name, first: true)
                    part.field(suppliers.id(i))
                    part.field(outcome.baselineTrust(i)?.description ?? "")
                    part.field(outcome.solution.trust[i].description)
                    part.field(outcome.delta(i)?.description ?? "")
                    part.field(outcome.solution.base[i].description)
                    part.field(suppliers.name(i))
                    part.endRecord()
                }
                return part
            }
            for part in parts { writer.append(part) }
        }
        return writer.bytes
    }

    /// JSON: the same rows as the CSV (`baseline` and `delta` null for added suppliers).
    public func json(changedOnly: Bool = false) -> String { String(decoding: jsonBytes(changedOnly: changedOnly), as: UTF8.self) }

    /// The bytes of `json`, written straight as bytes in chunks on up to `threads`
    /// threads (the same bytes for any number).
    public func jsonBytes(changedOnly: Bool = false, threads: Int = Parallel.defaultThreads) -> [UInt8] {
        var out = JSONBytes()
        var written = 0
        for outcome in outcomes {
            let suppliers = outcome.model.dataset.suppliers
            let rows = rows(outcome, changedOnly: changedOnly)
            guard !rows.isEmpty else { continue }
            out.join(rows.count, first: written == 0 ? "[\n  " : ",\n  ", separator: ",\n  ", bytesEach: 160, threads: threads) { r, w in
                let i = rows[r]
                w.raw("{")
                w.field("scenario", outcome.scenario.name, first: true)
                w.field("id", suppliers.id(i))
                w.field("baseline", number: outcome.baselineTrust(i))
                w.field("trust", number: outcome.solution.trust[i])
                w.field("delta", number: outcome.delta(i))
                w.field("base_trust", number: outcome.solution.base[i])
                w.field("name", suppliers.name(i))
                w.raw("}")
            }
            written += rows.count
        }
        out.raw(written == 0 ? "[]\n" : "\n]\n")
        return out.bytes
    }

    /// Tables for people: per scenario a summary and the suppliers that changed
    /// (worst first, at most `top`), then the scenarios side by side.
    public func table(top: Int) -> String {
        var out = ""
        let f = { (x: Double) in TextTable.fixed(x) }
        for outcome in outcomes {
            let s = outcome.summary(threshold: threshold)
            let suppliers = outcome.model.dataset.suppliers
            out += "━━ \(TerminalText.escaped(s.name))\n"
            if let description = outcome.scenario.description, !description.isEmpty {
                // A description may run over lines (a YAML block scalar): each line is escaped.
                let lines = description.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.escaped(String($0)) }
                out += "   \(lines.joined(separator: "\n"))\n"
            }
            let steps = TerminalText.escaped(outcome.scenario.steps.map { describe($0) }.joined(separator: "; "))
            out += "   \(steps.isEmpty ? "(no steps)" : steps)\n"
            out += "   mean trust \(f(s.meanBefore)) → \(f(s.meanAfter)); below \(TextTable.fixed(threshold, 2)): \(s.belowBefore) → \(s.belowAfter); "
            out += "\(s.changed) changed" + (s.exited > 0 ? ", \(s.exited) exited" : "") + (s.added > 0 ? ", \(s.added) added" : "")
            if s.added > 0 {
                out += " (figures over the \(s.suppliers) present before and after)"
            } else if s.exited > 0 {
                out += " (figures over the \(s.suppliers) that remain)"
            }
            out += "\n"
            let changed = outcome.changed
            let added = outcome.added.map { i in
                "   added: \(TerminalText.escaped(suppliers.id(i))) (trust \(f(outcome.solution.trust[i]))\(outcome.compromised.contains(i) ? ", compromised" : ""))\n"
            }.joined()
            if changed.isEmpty {
                out += "   no supplier's trust changed\n" + added + "\n"
                continue
            }
            var table = TextTable(header: ["delta", "baseline", "trust", "id", "name", "note"], rightAligned: [0, 1, 2])
            for i in changed.prefix(top) {
                var note: [String] = []
                if outcome.compromised.contains(i) { note.append("compromised") }
                if outcome.baseline.trust[i] >= threshold && outcome.solution.trust[i] < threshold { note.append("falls below \(TextTable.fixed(threshold, 2))") }
                if outcome.baseline.trust[i] < threshold && outcome.solution.trust[i] >= threshold { note.append("rises above \(TextTable.fixed(threshold, 2))") }
                table.add([signed(outcome.delta(i)!), f(outcome.baseline.trust[i]), f(outcome.solution.trust[i]),
                           suppliers.id(i), suppliers.name(i), note.joined(separator: ", ")])
            }
            out += table.render().split(separator: "\n").map { "   " + $0 }.joined(separator: "\n") + "\n"
            if changed.count > top { out += "   … and \(changed.count - top) more (use --top or --format csv)\n" }
            out += added + "\n"
        }
        if outcomes.count > 1 {
            var table = TextTable(header: ["scenario", "mean before", "mean after", "below before", "below after", "changed", "worst drop"],
                                  rightAligned: [1, 2, 3, 4, 5])
            for outcome in outcomes {
                let s = outcome.summary(threshold: threshold)
                table.add([s.name, f(s.meanBefore), f(s.meanAfter), String(s.belowBefore), String(s.belowAfter), String(s.changed),
                           s.worst.map { "\($0.id) \(signed($0.delta))" } ?? "—"])
            }
            out += "Scenarios side by side (threshold \(TextTable.fixed(threshold, 2))):\n" + table.render()
        }
        return out
    }

    private func signed(_ x: Double) -> String { (x > 0 ? "+" : "") + TextTable.fixed(x) }

    /// A step in a few words ("compromise cdn-edgeway").
    func describe(_ step: ScenarioStep) -> String {
        switch step {
        case .revoke(let s, let scheme): "revoke \(scheme ?? "all certifications") of \(s)"
        case .compromise(let s): "compromise \(s)"
        case .exit(let s): "\(s) exits"
        case .addSupplier(let id, _, _, _, _): "\(id) joins"
        case .addCertification(let s, let scheme, _, _, _, _, _): "\(s) gains \(scheme)"
        case .addDependency(let c, let p, let crit, let g): "\(c) → \(p) (\(crit ?? "medium")\(g.map { ", group \($0)" } ?? ""))"
        case .removeDependency(let c, let p, _): "\(c) drops \(p)"
        case .setCriticality(let c, let p, let crit, _): "\(c) → \(p) becomes \(crit)"
        case .setAssurance(let scheme, let a): "\(scheme) assurance \(a)"
        case .setPrior(let v, let s): s.map { "prior of \($0) \(v)" } ?? "global prior \(v)"
        case .setDate(let d): "date \(d)"
        }
    }
}
