import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import trustgraph
import TrustGraphCore

/// `timeline`, `renewals`, `advise`, `diff` and `validate --date` as a user runs them.
@Suite struct OverTimeCommandTests {
    static var sample: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("samples/eu-cloud").path
    }

    /// Writes a dataset's files into a new temporary directory.
    static func dataset(_ files: [String: String]) throws -> String {
        let dir = try CLI.temporaryDirectory()
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir.path
    }

    @Test(arguments: ["renewals", "timeline"])
    func aWindowThatEndsBeforeItStartsExitsTwo(command: String) throws {
        let r = try CLI.run([command, Self.sample, "--from", "2026-06-30", "--to", "2026-06-29"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--to 2026-06-29 is before --from 2026-06-30"))
        #expect(r.stdout.isEmpty)
    }

    @Test(arguments: [["renewals", "--from", "2026-02-30"], ["timeline", "--to", "30/06/2026"], ["advise", "--date", "2026-13-01"],
                      ["timeline", "--every", "1y"]])
    func aBadDateOrStepNamesItsOption(arguments: [String]) throws {
        let r = try CLI.run([arguments[0], Self.sample] + arguments.dropFirst())
        #expect(r.status == 64)
        #expect(r.stderr.contains(arguments[1]))
    }

    @Test func renewalsCSVListsEveryLapseInTheWindowByLoss() throws {
        let r = try CLI.run(["renewals", Self.sample, "--from", "2026-06-30", "--to", "2026-12-31", "--format", "csv"])
        #expect(r.status == 0)
        let rows = r.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows[0].prefix(6).joined(separator: ",") == "lapse_date,supplier,scheme,expires,loss,affected")
        #expect(rows.count == 27)
        let losses = rows.dropFirst().map { Double($0[4])! }
        #expect(losses == losses.sorted(by: >))
        #expect(losses.last == 0)
        #expect(rows[1].prefix(4).joined(separator: ",") == "2026-08-01,stratus-eu-north,CSA-STAR-L3,2026-07-31")
        let table = try CLI.run(["renewals", Self.sample, "--from", "2026-06-30", "--to", "2026-12-31", "--top", "3"])
        #expect(table.stdout.contains("stratus-eu-north      CSA-STAR-L3  0.3366         3  analytics-saas (0.0705)"))
        #expect(table.stdout.contains("… and 23 more"))
    }

    @Test func adviseRanksByGainPerCostAndRefusesAnUnknownScheme() throws {
        let data = try Self.dataset([
            "suppliers.csv": "id\na\nb\n",
            "certifications.csv": "supplier,scheme\na,SOC2-TYPE2\n",
            "dependencies.csv": "consumer,provider,criticality\na,b,critical\n",
            "schemes.csv": "scheme,assurance,cost\nISO27001,0.6,2000\nBSI-C5,0.7,\n",
        ])
        let r = try CLI.run(["advise", data, "--date", "2026-06-30", "--schemes", "BSI-C5, ISO/IEC 27001:2022", "--sort", "gain-per-cost",
                             "--format", "csv"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines[0] == "supplier,scheme,gain,affected,cost,gain_per_cost,most_helped,most_helped_gain")
        let cells = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // b: 0.3 → 0.72 with ISO27001 (0.79 with BSI-C5); a (0.755 on its own) is capped at b.
        #expect(cells[1][0...1] == ["b", "ISO27001"] && abs(Double(cells[1][2])! - 0.84) < 1e-12)
        #expect(cells[1][3...4] == ["2", "2000.0"] && abs(Double(cells[1][5])! - 0.00042) < 1e-15)
        #expect(cells[2][0...1] == ["b", "BSI-C5"] && abs(Double(cells[2][2])! - 0.945) < 1e-12)
        #expect(cells[2][4...6] == ["", "", "a"])
        #expect(lines.count == 3)
        let bad = try CLI.run(["advise", data, "--schemes", "ISO2700"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("unknown scheme 'ISO2700'") && bad.stderr.contains("ISO27001"))
    }

    @Test func diffListsAddedRemovedAndExplainsTheMover() throws {
        let old = try Self.dataset([
            "suppliers.csv": "id,prior\na,\nb,0.90\nc,\nx,\n",
            "certifications.csv": "supplier,scheme\na,ISO27001\nc,ISO27001\n",
            "dependencies.csv": "consumer,provider,criticality\nc,a,high\n",
        ])
        let new = try Self.dataset([
            "suppliers.csv": "id,prior\na,\nb,0.9\nc,\ny,\n",
            "certifications.csv": "supplier,scheme,scope\na,ISO27001,partial\nc,ISO27001,\n",
            "dependencies.csv": "consumer,provider,criticality\nc,a,0.7\n",
        ])
        let csv = try CLI.run(["diff", old, new, "--date", "2026-06-30", "--format", "csv"])
        #expect(csv.status == 0)
        let ids = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(2).joined(separator: " ") }
        #expect(ids == ["id change", "a changed", "c same", "b same", "x removed", "y added"])
        let table = try CLI.run(["diff", old, new, "--date", "2026-06-30"])
        #expect(table.stdout.contains("1 added, 1 removed, 1 changed, 2 same"))
        #expect(table.stdout.contains("c   same     a (changed)"))
        #expect(table.stdout.contains("Added: y (0.3000)"))
    }

    @Test func timelineSVGIsWellFormedXMLWithItsLabelsAndNoScript() throws {
        let hostile = try Self.dataset([
            "suppliers.csv": "id\n\"<script>alert(1)</script> & co\"\nb\n",
            "certifications.csv": "supplier,scheme,expires\n\"<script>alert(1)</script> & co\",ISO27001,2026-08-15\n",
        ])
        for data in [Self.sample, hostile] {
            let r = try CLI.run(["timeline", data, "--from", "2026-06-30", "--to", "2027-06-30", "--format", "svg", "--threshold", "0.5"])
            #expect(r.status == 0)
            let collector = TextCollector()
            let parser = XMLParser(data: Data(r.stdout.utf8))
            parser.delegate = collector
            #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
            #expect(collector.elements.contains("svg") && !collector.elements.contains("script"))
            for label in ["mean trust", "threshold 0.50", "2026-06-30", "2027-06-30", "suppliers below 0.50", "trust"] {
                #expect(collector.texts.contains(label), "\(label)")
            }
            #expect(collector.texts.contains { $0.hasPrefix("certificate lapses (") })
        }
        let r = try CLI.run(["timeline", hostile, "--from", "2026-06-30", "--to", "2027-06-30", "--format", "svg"])
        #expect(r.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"))
    }

    @Test func timelineTableAndCSV() throws {
        let table = try CLI.run(["timeline", Self.sample, "--from", "2026-01-31", "--to", "2026-04-30"])
        #expect(table.status == 0)
        let dates = table.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first }.filter { $0.hasPrefix("2026-") }
        #expect(dates == ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"])
        let csv = try CLI.run(["timeline", Self.sample, "--from", "2026-01-31", "--to", "2026-02-28", "--every", "4w", "--format", "csv"])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines[0] == "date,id,trust")
        #expect(lines.count == 1 + 2 * 60)
        #expect(lines[1].hasPrefix("2026-01-31,acme-retail,") && lines[61].hasPrefix("2026-02-28,acme-retail,"))
    }

    /// JSON carries the CSV's fields, one object per row (per date for the timeline).
    @Test(arguments: [
        (["renewals", "--from", "2026-06-30", "--to", "2026-12-31"], ["lapse_date", "supplier", "scheme", "expires", "loss", "affected"], 26),
        (["advise", "--date", "2026-06-30", "--schemes", "ISO27001"], ["supplier", "scheme", "gain", "affected", "cost", "gain_per_cost"], 12),
        (["timeline", "--from", "2026-06-30", "--to", "2026-12-31"], ["date", "mean_trust", "below_threshold", "trust"], 7),
    ])
    func jsonHasTheCSVFields(arguments: [String], fields: [String], count: Int) throws {
        let r = try CLI.run([arguments[0], Self.sample] + arguments.dropFirst() + ["--format", "json"])
        #expect(r.status == 0)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == count)
        for field in fields { #expect(items.allSatisfy { $0[field] != nil }, "\(field)") }
    }

    @Test func aTimelineTooLargeToKeepIsRefused() throws {
        let r = try CLI.run(["timeline", Self.sample, "--from", "2000-01-01", "--to", "9000-01-01", "--every", "1d"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("choose a longer --every or a shorter window"))
    }

    @Test func validateWarnsAboutLapsesWithinTheWindow() throws {
        let r = try CLI.run(["validate", Self.sample, "--date", "2026-06-30"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("warning: certifications.csv:95: column 'expires': 'colo-grachten' SOC2-TYPE2 expires 2026-06-30 and lapses on 2026-07-01"))
        #expect(r.stdout.contains("1 certification lapsing within 30 days of 2026-06-30"))
        let wide = try CLI.run(["validate", Self.sample, "--date", "2026-06-30", "--warn-days", "62"])
        #expect(wide.stdout.contains("5 certifications lapsing within 62 days"))
        let plain = try CLI.run(["validate", Self.sample])
        #expect(!plain.stdout.contains("lapses on"))
    }
}

/// Element names and text nodes of an XML document.
final class TextCollector: NSObject, XMLParserDelegate {
    var elements = Set<String>()
    var texts: [String] = []
    private var current = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.insert(name)
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { texts.append(current) }
        current = ""
    }
}
