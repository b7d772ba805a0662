import Foundation
import Testing

/// `trustgraph report`: one file with every part, written atomically, errors named.
@Suite struct ReportCommandTests {
    @Test func writesOneSelfContainedPageWithEveryPart() throws {
        let dir = try CLI.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = dir + "/report.html"
        let r = try CLI.run(["report", OutputFileTests.sample + "/eu-cloud", "--date", "2026-06-30", "-o", output,
                             "--scenarios", OutputFileTests.sample + "/scenarios/cdn-breach.yaml", "--title", "Q3 <review>"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("wrote \(output): 60 suppliers, map of 60, 3 scenarios, "))
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<h1>Q3 &lt;review&gt;</h1>"))
        for id in ["summary", "map", "suppliers", "impact", "concentration", "single-points", "scenarios", "scenario-1", "scenario-3"] {
            #expect(html.contains("<section class=\"section\" id=\"\(id)\""), "\(id)")
        }
        #expect(html.contains("dataset eu-cloud · trustgraph 0.1.0 · trust-model contract 1.1"))
        // No URL at all but the SVG namespace names, which nothing fetches.
        let withoutNamespaces = html.replacingOccurrences(of: "\"http://www.w3.org/2000/svg\"", with: "")
            .replacingOccurrences(of: "\"http://www.w3.org/1999/xlink\"", with: "")
        #expect(!withoutNamespaces.contains("http:") && !withoutNamespaces.contains("https:"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["report.html"])
    }

    @Test func aBadScenarioFileWritesNothing() throws {
        let dir = try CLI.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "scenarios:\n  - name: x\n    steps:\n      - compromise: {supplier: nobody}\n".write(toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["report", OutputFileTests.sample + "/eu-cloud", "--date", "2026-06-30", "-o", dir + "/report.html",
                             "--scenarios", dir + "/bad.yaml"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad.yaml:4"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/report.html"))
    }

    @Test func aMissingDirectoryIsNamedBeforeAnyWork() throws {
        let r = try CLI.run(["report", OutputFileTests.sample + "/eu-cloud", "-o", "/nonexistent-dir/report.html"])
        #expect(r.status == 1)
        #expect(r.stderr == "error: cannot write '/nonexistent-dir/report.html': directory '/nonexistent-dir' does not exist\n")
    }
}
