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

    @Test func aPolicyAndAWindowAddTheirSections() throws {
        let dir = try CLI.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = dir + "/report.html"
        let r = try CLI.run(["report", OutputFileTests.sample + "/eu-cloud", "--date", "2026-06-30", "-o", output,
                             "--policy", OutputFileTests.sample + "/policies/eu-cloud-baseline.yaml",
                             "--from", "2026-06-30", "--to", "2027-06-30"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("wrote \(output): 60 suppliers, map of 60, 0 scenarios, policy fails (26 findings), "
                                   + "51 lapsing certificates, "))
        let html = try String(contentsOfFile: output, encoding: .utf8)
        for id in ["policy", "renewals", "timeline"] {
            #expect(html.contains("<section class=\"section\" id=\"\(id)\""), "\(id)")
        }
        #expect(html.contains("<table class=\"data\" data-table=\"policy\">") && html.contains("<table class=\"data\" data-table=\"renewals\">"))
        #expect(html.contains("<figure class=\"chart\" data-chart=\"timeline\"><svg "))
    }

    @Test func aBadPolicyExitsTwoAndWritesNothing() throws {
        let dir = try CLI.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "policy: x\nrules:\n  - id: a\n    kind: min-trust\n    threshold: 2\n  - id: b\n    kind: nope\n"
            .write(toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
        for policy in [dir + "/bad.yaml", dir + "/missing.yaml"] {
            let r = try CLI.run(["report", OutputFileTests.sample + "/eu-cloud", "--date", "2026-06-30", "-o", dir + "/report.html",
                                 "--policy", policy])
            #expect(r.status == 2, "\(r.stderr)")
            #expect(r.stdout.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: dir + "/report.html"))
        }
        let r = try CLI.run(["report", OutputFileTests.sample + "/eu-cloud", "-o", dir + "/report.html", "--policy", dir + "/bad.yaml"])
        // Every problem at once, with its line, as check reports them.
        #expect(r.stderr.contains("bad.yaml:5") && r.stderr.contains("bad.yaml:7") && r.stderr.contains("2 errors; nothing was evaluated"))
    }

    @Test func thePolicyFileIsAnInput() throws {
        let dir = try CLI.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let policy = dir + "/policy.yaml"
        let text = "rules:\n  - id: a\n    kind: min-trust\n    threshold: 0.5\n"
        try text.write(toFile: policy, atomically: true, encoding: .utf8)
        let r = try CLI.run(["report", OutputFileTests.sample + "/eu-cloud", "-o", dir + "/./policy.yaml", "--policy", policy])
        #expect(r.status == 1)
        #expect(r.stderr.contains("it is an input of this command"))
        #expect(try String(contentsOfFile: policy, encoding: .utf8) == text)
    }

    @Test func theWindowNeedsBothEndsInOrder() throws {
        let dir = try CLI.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = dir + "/report.html"
        let reversed = try CLI.run(["report", OutputFileTests.sample + "/eu-cloud", "-o", output, "--from", "2027-06-30", "--to", "2026-06-30"])
        #expect(reversed.status == 2)
        #expect(reversed.stderr == "error: --to 2026-06-30 is before --from 2027-06-30 (the window runs from --from to --to); nothing was written\n")
        for (given, missing) in [("--from", "--to"), ("--to", "--from")] {
            let r = try CLI.run(["report", OutputFileTests.sample + "/eu-cloud", "-o", output, given, "2026-06-30"])
            #expect(r.status == 64)
            #expect(r.stderr.contains("\(given) needs \(missing)"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }
}
