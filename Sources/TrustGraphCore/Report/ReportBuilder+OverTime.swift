/// The sections of a policy's findings, of the renewals in a window and of the timeline chart.
extension ReportBuilder {
    // MARK: - Policy

    /// The summary's verdict: passes or fails, the counts by severity and what fails the run.
    static func verdictFigure(_ outcome: PolicyOutcome) -> ReportFigure {
        let counts = outcome.counts
        let failOn = outcome.policy.failOn.map { "fails on \($0)" } ?? "fails on nothing (fail_on: never)"
        return ReportFigure(
            label: "Policy" + (outcome.policy.name.map { ": \($0)" } ?? ""), value: outcome.failed ? "fails" : "passes",
            note: "\(plural(counts.error, "error")), \(plural(counts.warning, "warning")), \(plural(counts.note, "note")); \(failOn)",
            tone: outcome.failed ? .warning : .good)
    }

    /// The value of a finding as `check --format json` writes it: days and provider counts whole,
    /// trust, coverage and HHI rounded to the column's four decimals.
    static func findingValue(_ finding: PolicyFinding, of outcome: PolicyOutcome) -> ReportCell {
        guard let value = finding.value else { return .empty }
        switch outcome.policy.rules[Int(finding.rule)].kind {
        case .certificateExpiry, .staleEvidence, .singlePointOfFailure: return .number(value.rounded(.towardZero))
        case .minTrust, .minBaseTrust, .requiresScheme, .maxConcentration: return .number(value)
        }
    }

    /// The policy's verdict and every finding, worst severity first (then `check`'s order).
    func policySection() -> ReportSection? {
        guard let outcome = inputs.policy else { return nil }
        let counts = outcome.counts
        let ordered = outcome.findings.enumerated()
            .sorted { (outcome.severity(of: $0.element), -$0.offset) > (outcome.severity(of: $1.element), -$1.offset) }
            .map(\.element)
        let rows = ordered.map { finding -> [ReportCell] in
            let rule = outcome.policy.rules[Int(finding.rule)]
            return [.text(rule.id), .text(rule.severity.description),
                    finding.supplier.map { .text(suppliers.id($0)) } ?? .empty,
                    finding.supplier.map { .text(suppliers.name($0)) } ?? .empty,
                    ReportBuilder.findingValue(finding, of: outcome), .text(outcome.message(of: finding))]
        }
        let table = ReportTable(
            id: "policy",
            columns: [
                ReportColumn("rule", "Rule"), ReportColumn("severity", "Severity"),
                ReportColumn("supplier", "Supplier", help: "The supplier the finding is about (the consumer for a single point of failure)."),
                ReportColumn("name", "Name"),
                ReportColumn("value", "Value", .figure(4), help: "The figure that broke the rule: trust, coverage or HHI, or days, or providers."),
                ReportColumn("message", "Finding"),
            ],
            rows: rows, supplierColumn: 2, filterColumns: [0, 1, 2, 3, 5], sortColumn: 1, sortDescending: false,
            emptyText: "no finding: the portfolio meets every rule")
        let name = outcome.policy.name.map { "“\($0)”" } ?? "the policy"
        let figures = [
            ReportBuilder.verdictFigure(outcome),
            ReportFigure(label: "Errors", value: Self.grouped(counts.error), tone: counts.error > 0 ? .warning : .neutral),
            ReportFigure(label: "Warnings", value: Self.grouped(counts.warning)),
            ReportFigure(label: "Notes", value: Self.grouped(counts.note)),
            ReportFigure(label: "Rules", value: Self.grouped(outcome.policy.rules.count)),
        ]
        return ReportSection(
            id: "policy", title: "Policy findings",
            answers: "Does the portfolio meet \(name)? Every finding of trustgraph check, the worst severity first; "
                + "the run fails when a finding reaches fail_on (\(outcome.policy.failOnWord)).",
            blocks: [.figures(figures), .table(table)])
    }

    // MARK: - Renewals

    /// Every certificate lapsing in the window, ranked by the trust its lapse costs (as `renewals` ranks them).
    func renewalsSection() -> ReportSection? {
        guard let analysis = inputs.renewals else { return nil }
        let schemes = inputs.model.dataset.schemes
        let rows = analysis.lapses.map { lapse -> [ReportCell] in
            [.text(lapse.lapse.description), .text(suppliers.id(lapse.supplier)), .text(suppliers.name(lapse.supplier)),
             .text(schemes.names[Int(lapse.scheme)]), .text(lapse.expires.description), .number(lapse.loss),
             .number(Double(lapse.affected))]
        }
        let table = ReportTable(
            id: "renewals",
            columns: [
                ReportColumn("lapse_date", "Lapses", help: "The day after the certificate expires."),
                ReportColumn("supplier", "Supplier"), ReportColumn("name", "Name"), ReportColumn("scheme", "Scheme"),
                ReportColumn("expires", "Expires"),
                ReportColumn("loss", "Loss", .fixed(4), help: "Trust the whole portfolio keeps, on the lapse day, if the certificate is renewed in time."),
                ReportColumn("affected", "Affected", .integer, help: "Suppliers that would keep trust then."),
            ],
            rows: rows, supplierColumn: 1, filterColumns: [1, 2, 3], sortColumn: 5, sortDescending: true,
            emptyText: "no certificate lapses in the window")
        let costly = analysis.lapses.filter { $0.loss > 1e-9 }.count
        return ReportSection(
            id: "renewals", title: "Expiring certificates and renewal priorities",
            answers: "Which renewals matter most from \(analysis.from) to \(analysis.to)? "
                + "\(plural(analysis.lapses.count, "certificate")) lapse\(analysis.lapses.count == 1 ? "s" : ""), "
                + "\(costly) at a cost in trust; the costliest first.",
            blocks: [.table(table)])
    }

    // MARK: - Timeline

    /// The `timeline --format svg` chart of the window.
    func timelineSection() -> ReportSection? {
        guard let timeline = inputs.timeline else { return nil }
        let chart = TimelineChart(timeline: timeline, threshold: threshold, lines: 5, subject: inputs.datasetName)
        let dates = timeline.dates
        let window = dates.isEmpty ? "" : " from \(dates.first!) to \(dates.last!)"
        return ReportSection(
            id: "timeline", title: "Trust over time",
            answers: "Who drifts below \(thresholdText)\(window), and when? Mean trust, the suppliers that move most, "
                + "certificate lapses and the count below the threshold at each date.",
            blocks: [.chart(ReportChart(
                name: "timeline", svg: chart.svg,
                caption: "As trustgraph timeline --format svg draws it: \(plural(dates.count, "date")), "
                    + "\(plural(timeline.lapses.count, "certificate lapse")); hover a line or a mark for its figures."))])
    }
}
