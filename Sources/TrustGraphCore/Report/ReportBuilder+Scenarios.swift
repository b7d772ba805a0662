extension ReportBuilder {
    /// One section per scenario — what it changes, who is hurt, and its map — then,
    /// with two or more, the scenarios side by side.
    func scenarioSections() -> [ReportSection] {
        let outcomes = inputs.outcomes
        let whatIf = WhatIfReport(outcomes: outcomes, threshold: threshold)
        var sections: [ReportSection] = []
        for (k, outcome) in outcomes.enumerated() {
            let s = outcome.summary(threshold: threshold)
            let names = outcome.model.dataset.suppliers
            var blocks: [ReportBlock] = []
            if let description = outcome.scenario.description, !description.isEmpty { blocks.append(.paragraph(description)) }
            let steps = outcome.scenario.steps.map(whatIf.describe)
            blocks.append(.paragraph(steps.isEmpty ? "No steps." : "Steps: " + steps.joined(separator: "; ") + "."))
            var figures = [
                ReportFigure(label: "Mean trust", value: "\(TextTable.fixed(s.meanBefore, 2)) → \(TextTable.fixed(s.meanAfter, 2))",
                             note: "over the \(plural(s.suppliers, "supplier")) present before and after",
                             tone: s.meanAfter < s.meanBefore - 1e-9 ? .warning : .neutral),
                ReportFigure(label: "Below \(thresholdText)", value: "\(Self.grouped(s.belowBefore)) → \(Self.grouped(s.belowAfter))",
                             tone: s.belowAfter > s.belowBefore ? .warning : .neutral),
                ReportFigure(label: "Changed", value: Self.grouped(s.changed), note: "suppliers whose trust moved"),
            ]
            if let worst = s.worst {
                figures.append(ReportFigure(label: "Worst drop", value: "−" + TextTable.fixed(abs(worst.delta), 3), note: worst.id, tone: .warning))
            }
            if s.exited > 0 { figures.append(ReportFigure(label: "Exited", value: Self.grouped(s.exited))) }
            if s.added > 0 { figures.append(ReportFigure(label: "Added", value: Self.grouped(s.added))) }
            blocks.append(.figures(figures))
            blocks.append(.map(ReportMapSlot(kind: .scenario(k), name: "scenario-\(k + 1)")))

            var rows: [[ReportCell]] = []
            for i in outcome.changed + outcome.added {
                var notes: [String] = []
                if outcome.compromised.contains(i) { notes.append("compromised") }
                if outcome.isAdded(i) {
                    notes.append("added")
                } else if outcome.baseline.trust[i] >= threshold && outcome.solution.trust[i] < threshold {
                    notes.append("falls below \(thresholdText)")
                } else if outcome.baseline.trust[i] < threshold && outcome.solution.trust[i] >= threshold {
                    notes.append("rises above \(thresholdText)")
                }
                rows.append([outcome.delta(i).map(ReportCell.number) ?? .empty, outcome.baselineTrust(i).map(ReportCell.number) ?? .empty,
                             .number(outcome.solution.trust[i]), .text(names.id(i)), .text(names.name(i)),
                             .text(notes.joined(separator: ", "))])
            }
            blocks.append(.table(ReportTable(
                id: "scenario-\(k + 1)",
                columns: [
                    ReportColumn("delta", "Change", .signed(4), help: "Trust in the scenario minus trust today."),
                    ReportColumn("baseline", "Today", .fixed(4)), ReportColumn("trust", "In the scenario", .fixed(4)),
                    ReportColumn("id", "Id"), ReportColumn("name", "Name"), ReportColumn("note", "Note"),
                ],
                rows: rows, supplierColumn: 3, filterColumns: [3, 4, 5], sortColumn: 0, sortDescending: false,
                emptyText: "no supplier's trust changed", title: "Suppliers whose trust changed, worst first")))
            sections.append(ReportSection(
                id: "scenario-\(k + 1)", title: "What if: \(outcome.scenario.name)",
                answers: "Who is hurt, and by how much, if this happens? The map shows the changed part of the graph, "
                    + "coloured by the change in trust; the suppliers the steps name have a heavy outline.",
                blocks: blocks))
        }
        if outcomes.count > 1 {
            let rows = outcomes.map { outcome -> [ReportCell] in
                let s = outcome.summary(threshold: threshold)
                return [.text(s.name), .number(s.meanBefore), .number(s.meanAfter), .number(Double(s.belowBefore)),
                        .number(Double(s.belowAfter)), .number(Double(s.changed)), .text(s.worst?.id ?? ""),
                        s.worst.map { ReportCell.number($0.delta) } ?? .empty]
            }
            let table = ReportTable(
                id: "scenarios",
                columns: [
                    ReportColumn("scenario", "Scenario"), ReportColumn("mean_before", "Mean today", .fixed(4)),
                    ReportColumn("mean_after", "Mean after", .fixed(4)), ReportColumn("below_before", "Below today", .integer),
                    ReportColumn("below_after", "Below after", .integer), ReportColumn("changed", "Changed", .integer),
                    ReportColumn("worst", "Worst hit"), ReportColumn("worst_delta", "Its change", .signed(4)),
                ],
                rows: rows, filterColumns: [0, 6], sortColumn: 2, sortDescending: false)
            sections.insert(ReportSection(
                id: "scenarios", title: "Scenarios side by side",
                answers: "Which of these events would hurt most? Each scenario starts from today's data (threshold \(thresholdText)).",
                blocks: [.table(table)]), at: 0)
        }
        return sections
    }
}
