import Foundation
import Testing
import TrustGraphCore
@testable import TrustGraphReport

/// `report --policy` and `--from/--to`: the verdict, the findings, the renewals and the
/// timeline chart, each the same as the command that computes it.
@Suite struct ReportPolicyAndWindowTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let from = Day(year: 2026, month: 6, day: 30)!
    static let to = Day(year: 2027, month: 6, day: 30)!

    /// The eu-cloud sample with the baseline policy and the window 2026-06-30 … 2027-06-30.
    static func inputs(_ files: [String: String]? = nil, policy policyText: String? = nil) throws -> ReportInputs {
        // The whole sample, recognition.csv included (requires-scheme reads it), as check reads it.
        var sample = try ReportPageTests.sampleFiles()
        sample["recognition.csv"] = try String(contentsOfFile: ReportPageTests.sample + "/recognition.csv", encoding: .utf8)
        var inputs = try ReportFixture.inputs(files ?? sample)
        let text = try policyText
            ?? String(contentsOf: root.appendingPathComponent("samples/policies/eu-cloud-baseline.yaml"), encoding: .utf8)
        let evaluator = try PolicyEvaluator(policy: PolicyFile.parse(text), dataset: inputs.model.dataset)
        let options = SolverOptions(threads: 1)
        inputs.policy = evaluator.evaluate(model: inputs.model, solution: inputs.solution, parameters: inputs.parameters)
        inputs.renewals = RenewalAnalysis(model: inputs.model, from: from, to: to, options: options)
        inputs.timeline = TrustTimeline(model: inputs.model, dates: DateStep("1m")!.dates(from: from, to: to), options: options)
        return inputs
    }

    static func page(_ inputs: ReportInputs) throws -> (ReportDocument, String) {
        let maps = ReportMaps(inputs, maxNodes: 300)
        let document = ReportDocument(inputs, detailed: maps.baseline.selection.suppliers)
        let rendered = try maps.render(document, limits: nil)
        return (document, String(decoding: ReportPage.html(document, maps: rendered.maps, charts: rendered.charts), as: UTF8.self))
    }

    static func text(_ cell: ReportCell) -> String? {
        if case .text(let text) = cell { return text }
        return nil
    }

    @Test func theSectionsFollowTheAnalysisInOrder() throws {
        let (document, _) = try Self.page(Self.inputs())
        #expect(document.sections.map(\.id) == ["summary", "map", "suppliers", "impact", "concentration", "single-points",
                                                "policy", "renewals", "timeline"])
        // Without the options, none of them.
        let plain = ReportDocument(try ReportFixture.inputs(ReportPageTests.sampleFiles()), detailed: [])
        #expect(!plain.sections.contains { ["policy", "renewals", "timeline"].contains($0.id) })
    }

    @Test func theSummaryGivesThePolicyVerdict() throws {
        let (document, _) = try Self.page(Self.inputs())
        guard case .figures(let figures) = document.sections[0].blocks[0] else { Issue.record("no figures"); return }
        // check --format json: 7 errors, 15 warnings, 4 notes; fail_on error, so it fails.
        #expect(figures.contains(ReportFigure(label: "Policy: EU cloud baseline", value: "fails",
                                              note: "7 errors, 15 warnings, 4 notes; fails on error", tone: .warning)))
        let passing = try Self.inputs(policy: "policy: lenient\nfail_on: never\nrules:\n  - id: low\n    kind: min-trust\n    threshold: 0.01\n")
        guard case .figures(let passingFigures) = ReportDocument(passing, detailed: []).sections[0].blocks[0] else {
            Issue.record("no figures")
            return
        }
        #expect(passingFigures.contains(ReportFigure(label: "Policy: lenient", value: "passes",
                                        note: "0 errors, 0 warnings, 0 notes; fails on nothing (fail_on: never)", tone: .good)))
    }

    @Test func theFindingsAreThoseOfCheck() throws {
        let inputs = try Self.inputs()
        let outcome = try #require(inputs.policy)
        let (document, html) = try Self.page(inputs)
        let table = try #require(document.tables.first { $0.id == "policy" })
        let json = try #require(JSONSerialization.jsonObject(with: Data(outcome.jsonBytes)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.count == 26)
        #expect(table.rows.count == findings.count)
        #expect(table.columns.map(\.key) == ["rule", "severity", "supplier", "name", "value", "message"])
        // The same findings (rule, supplier, message), worst severity first.
        func key(_ rule: String?, _ supplier: String?, _ message: String?) -> String { [rule, supplier, message].map { $0 ?? "∅" }.joined(separator: "|") }
        let fromCheck = findings.map { key($0["rule"] as? String, $0["supplier"] as? String, $0["message"] as? String) }
        let fromReport = table.rows.map { key(Self.text($0[0]), Self.text($0[2]), Self.text($0[5])) }
        #expect(fromReport.sorted() == fromCheck.sorted())
        let rank = ["error": 2, "warning": 1, "note": 0]
        let severities = table.rows.compactMap { Self.text($0[1]).flatMap { rank[$0] } }
        #expect(severities.count == 26 && severities == severities.sorted(by: >))
        // The portfolio's finding (country concentration) has no supplier, so its row opens no details.
        #expect(table.rows.contains { $0[2] == .empty && $0[3] == .empty })
        #expect(table.supplierColumn == 2)
        let tags = StartTags(html).tags
        #expect(tags.contains { $0.name == "table" && $0.value("data-table") == "policy" })
        #expect(tags.contains { $0.name == "input" && $0.value("data-filter") == "policy" })
    }

    @Test func theRenewalsAreThoseOfTheRenewalsCommand() throws {
        let inputs = try Self.inputs()
        let (document, html) = try Self.page(inputs)
        let table = try #require(document.tables.first { $0.id == "renewals" })
        #expect(table.columns.map(\.key) == ["lapse_date", "supplier", "name", "scheme", "expires", "loss", "affected"])
        // renewals --format csv, the stable columns (no id of the sample needs quoting).
        let csv = RenewalReport(analysis: try #require(inputs.renewals), dataset: inputs.model.dataset).csv()
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(6).joined(separator: ",") }
        #expect(csv.count == 51)
        let rows = table.rows.map { row -> String in
            guard case .number(let loss) = row[5], case .number(let affected) = row[6] else { return "?" }
            return [Self.text(row[0]), Self.text(row[1]), Self.text(row[3]), Self.text(row[4])].map { $0 ?? "?" }.joined(separator: ",")
                + ",\(loss.description),\(Int(affected))"
        }
        #expect(rows == csv)
        #expect(table.supplierColumn == 1 && table.sortColumn == 5 && table.sortDescending)
        #expect(StartTags(html).tags.contains { $0.name == "table" && $0.value("data-table") == "renewals" })
    }

    @Test func theTimelineChartIsInlinedChecked() throws {
        let (_, html) = try Self.page(Self.inputs())
        let chart = try #require(ReportFixture.between(html, "<figure class=\"chart\" data-chart=\"timeline\">", "</figure>"))
        // The root keeps its viewBox, not its size (the page sizes the chart); no prologue.
        #expect(chart.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1280 720\" role=\"img\" "
                                + "font-family=\"Helvetica, Arial, sans-serif\">"))
        #expect(!chart.contains("<?xml"))
        #expect(chart.contains("<rect ") && chart.contains("<line ") && chart.contains("<polyline "))
        #expect(chart.contains("Trust over time — fixture: 2026-06-30 to 2027-06-30"))
    }

    @Test func hostileNamesStayTextInTheNewSections() throws {
        var inputs = try ReportFixture.inputs(ReportFixture.hostileFiles)
        let options = SolverOptions(threads: 1)
        let policy = "rules:\n  - id: weak\n    kind: min-trust\n    threshold: 0.99\n  - id: lapsing\n    kind: certificate-expiry\n    within_days: 400\n"
        inputs.policy = try PolicyEvaluator(policy: PolicyFile.parse(policy), dataset: inputs.model.dataset)
            .evaluate(model: inputs.model, solution: inputs.solution, parameters: inputs.parameters)
        inputs.renewals = RenewalAnalysis(model: inputs.model, from: Self.from, to: Self.to, options: options)
        inputs.timeline = TrustTimeline(model: inputs.model, dates: DateStep("1m")!.dates(from: Self.from, to: Self.to), options: options)
        let (document, html) = try Self.page(inputs)
        #expect(try #require(document.tables.first { $0.id == "policy" }).rows.count >= ReportFixture.hostileIDs.count)
        #expect(try #require(document.tables.first { $0.id == "renewals" }).rows.count == 1)
        let tags = StartTags(html).tags
        #expect(!tags.contains { ["img", "b", "i", "iframe"].contains($0.name) })
        #expect(tags.filter { $0.name == "script" }.count == 2)
        for tag in tags {
            for attribute in tag.attributes { #expect(!attribute.name.lowercased().hasPrefix("on"), "\(tag.name) \(attribute.name)") }
        }
        // The chart's legend names the movers, escaped.
        let chart = try #require(ReportFixture.between(html, "<figure class=\"chart\" data-chart=\"timeline\">", "</figure>"))
        #expect(!chart.contains("<script") && !chart.contains("<img"))
    }
}

extension SanitizedSVGTests {
    @Test(arguments: [
        #"<rect x="1" y="1" width="2" height="2" onclick="alert(1)"/>"#, #"<line x1="0" style="x"/>"#,
        #"<rect width="1"><set attributeName="x"/></rect>"#, ##"<use href="#a"/>"##,
    ])
    func aChartIsCheckedAsAMapIs(body: String) {
        #expect(throws: SanitizedSVG.Rejected.self) { try SanitizedSVG(chart: Self.svg(body)) }
    }

    @Test func theTimelineChartsShapesPass() throws {
        let body = ##"<title>t</title><rect x="0" y="0" width="10" height="10" fill="#fff"/><line x1="0" y1="0" x2="1" y2="1" stroke="#888" stroke-width="1" stroke-dasharray="2 4"><title>a &lt;b&gt;</title></line><polyline points="0,0 1,1" fill="none" stroke="#000" stroke-linejoin="round"/>"##
        let svg = try SanitizedSVG(chart: Self.svg(body))
        #expect(String(decoding: svg.bytes, as: UTF8.self) == "<svg viewBox=\"0 0 10 10\">" + body + "</svg>")
        #expect(svg.suppliers.isEmpty)
    }
}
