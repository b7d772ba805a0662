import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `trustgraph check` as CI runs it: exit codes, formats, policy errors.
@Suite struct CheckCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sample = repository.appendingPathComponent("samples/eu-cloud").path
    static let samplePolicy = repository.appendingPathComponent("samples/policies/eu-cloud-baseline.yaml").path
    static let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/sarif-schema-2.1.0.json")

    /// Writes `text` as a policy file in a fresh directory and returns its path.
    static func policy(_ text: String) throws -> String {
        let file = try CLI.temporaryDirectory().appendingPathComponent("policy.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    static func check(_ policy: String, _ extra: [String] = [], dataset: String = CLI.example("certs")) throws -> CLI.Result {
        try CLI.run(["check", dataset, "--policy", policy, "--date", "2026-01-15"] + extra)
    }

    @Test func exitCodesFollowFailOn() throws {
        // certs: every supplier has b < 1, none has b < 0.
        let failing = try Self.policy("rules: [{id: all, kind: min-base-trust, threshold: 1}]\n")
        let r = try Self.check(failing, ["--format", "json"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("\"failed\":true"))
        let warning = try Self.policy("rules: [{id: all, kind: min-base-trust, threshold: 1, severity: warning}]\n")
        #expect(try Self.check(warning).status == 0)
        let failOnWarning = try Self.policy("fail_on: warning\nrules: [{id: all, kind: min-base-trust, threshold: 1, severity: warning}]\n")
        #expect(try Self.check(failOnWarning).status == 1)
        let never = try Self.policy("fail_on: never\nrules: [{id: all, kind: min-base-trust, threshold: 1}]\n")
        #expect(try Self.check(never).status == 0)
        let passing = try Self.policy("rules: [{id: none, kind: min-base-trust, threshold: 0}]\n")
        let ok = try Self.check(passing)
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("0 errors, 0 warnings, 0 notes — passes (fail_on: error)"))
    }

    @Test func badInputExitsTwo() throws {
        let policy = try Self.policy("""
        rules:
          - id: r
            kind: min-trust
            treshold: 0.5
          - id: s
            kind: requires-scheme
            schemes: [EUCS-HIGH]
            where: {ids: [S1, nobody]}
        """)
        let r = try Self.check(policy, dataset: CLI.example("certs"))
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("policy.yaml:4: rule 'r': key 'treshold': not a key of min-trust (did you mean 'threshold'?) (allowed: id, kind, threshold, severity?, description?, where?)\n"))
        #expect(r.stderr.contains("policy.yaml:2: rule 'r': key 'threshold': missing 'threshold', required by min-trust"))
        #expect(r.stderr.contains("policy.yaml:8: rule 's': key 'where.ids': unknown supplier 'nobody'"))
        #expect(r.stderr.contains("3 errors; nothing was evaluated"))
        // A dataset with errors, a missing policy file, and -o onto the policy: 2 as well.
        #expect(try Self.check(policy, dataset: CLI.example("bad_multi")).status == 2)
        #expect(try Self.check("/nonexistent/policy.yaml").status == 2)
        let good = try Self.policy("rules: [{id: r, kind: min-trust, threshold: 0.5}]\n")
        let overwrite = try Self.check(good, ["-o", good])
        #expect(overwrite.status == 2)
        #expect(overwrite.stderr.contains("it is an input of this command"))
        // A bad command line stays 64, as for every command.
        #expect(try Self.check(good, ["--format", "xml"]).status == 64)
    }

    @Test func unknownSupplierGetsSuggestions() throws {
        let policy = try Self.policy("rules: [{id: r, kind: min-trust, threshold: 0.5, where: {ids: [hl]}}]\n")
        let r = try Self.check(policy, dataset: CLI.example("whatif"))
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown supplier 'hl' (expected an id from suppliers.csv) (did you mean 'h1', 'h2'?)"))
    }

    @Test func sampleSARIFValidatesAgainstTheSchema() throws {
        let r = try CLI.run(["check", Self.sample, "--policy", Self.samplePolicy, "--date", "2026-06-30", "--format", "sarif"])
        #expect(r.status == 1)
        let log = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let schema = try JSONSchema(contentsOf: Self.schema)
        #expect(schema.violations(of: log) == [])
        let run = (log["runs"] as! [[String: Any]])[0]
        let results = run["results"] as! [[String: Any]]
        let rules = ((run["tool"] as! [String: Any])["driver"] as! [String: Any])["rules"] as! [[String: Any]]
        #expect(rules.count == 7)
        #expect(results.count == 26)
        // max-concentration has no region; every other result has a start line.
        let regions = results.map { (($0["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])["region"] != nil }
        let concentration = results.map { $0["ruleId"] as! String == "country-concentration" }
        #expect(regions == concentration.map { !$0 })
    }

    @Test func theValidatorFindsBrokenSARIF() throws {
        let schema = try JSONSchema(contentsOf: Self.schema)
        func log(_ result: String) -> Any {
            try! JSONSerialization.jsonObject(with: Data("""
            {"version":"2.1.0","runs":[{"tool":{"driver":{"name":"t"}},"results":[\(result)]}]}
            """.utf8))
        }
        #expect(schema.violations(of: log("{\"message\":{\"text\":\"x\"},\"level\":\"error\"}")) == [])
        #expect(!schema.violations(of: log("{\"level\":\"error\"}")).isEmpty)
        #expect(!schema.violations(of: log("{\"message\":{\"text\":\"x\"},\"level\":\"fatal\"}")).isEmpty)
        #expect(!schema.violations(of: log("{\"message\":{\"text\":\"x\"},\"colour\":1}")).isEmpty)
        let zeroLine = "{\"message\":{\"text\":\"x\"},\"locations\":[{\"physicalLocation\":{\"region\":{\"startLine\":0}}}]}"
        #expect(!schema.violations(of: log(zeroLine)).isEmpty)
        #expect(!schema.violations(of: ["version": "2.0.0", "runs": []]).isEmpty)
    }

    @Test func junitIsWellFormedWithASuitePerRuleAndACasePerSubject() throws {
        let r = try CLI.run(["check", Self.sample, "--policy", Self.samplePolicy, "--date", "2026-06-30", "--format", "junit"])
        #expect(r.status == 1)
        let document = try XMLDocument(data: Data(r.stdout.utf8))
        let suites = try document.nodes(forXPath: "/testsuites/testsuite")
        #expect(suites.count == 7)
        let failures = try document.nodes(forXPath: "//failure")
        #expect(failures.count == 26)
        // acme-services-redundant selects one subject (acme-retail) with five findings.
        let spof = try document.nodes(forXPath: "/testsuites/testsuite[@name='acme-services-redundant']/testcase")
        #expect(spof.count == 1)
        #expect(try spof[0].nodes(forXPath: "failure").count == 5)
        // failures count failing cases: 26 findings in 21 cases (acme-retail's five are one, stratus-eu-north's two expiring certificates one).
        #expect(try document.nodes(forXPath: "/testsuites/@failures").first?.stringValue == "21")
        let json = try CLI.run(["check", Self.sample, "--policy", Self.samplePolicy, "--date", "2026-06-30", "--format", "json"])
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let rules = parsed["rules"] as! [[String: Any]]
        let cases = try document.nodes(forXPath: "//testcase").count
        #expect(cases == rules.reduce(0) { $0 + ($1["subjects"] as! Int) })
    }

    @Test func textGroupsByRuleWorstFirstWithTheWhy() throws {
        let r = try CLI.run(["check", Self.sample, "--policy", Self.samplePolicy, "--date", "2026-06-30"])
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Policy 'EU cloud baseline' on \(Self.sample) at 2026-06-30: 7 errors, 15 warnings, 4 notes — FAILS (fail_on: error)")
        let headers = lines.filter { $0.hasPrefix("ERROR") || $0.hasPrefix("WARNING") || $0.hasPrefix("NOTE") }
        #expect(headers.map { String($0.prefix { $0 != " " }) } == ["ERROR", "ERROR", "WARNING", "WARNING", "WARNING", "WARNING", "NOTE"])
        #expect(r.stdout.contains("    limiting chain: shopfront-saas 0.3438 ← [hosting, critical] ← hoster-nl-1 0.3438 ← [operations, critical] ← msp-brightops 0.3438 (root cause: its own base trust)"))
        #expect(r.stdout.contains("    row: stratus-eu-north,CSA-STAR-L3,valid,2025-08-01,2026-07-31,2026-06-20,full"))
        // Worst first within a rule: the lowest trust leads.
        let trust = lines.firstIndex { $0.hasPrefix("ERROR  critical-providers-trusted") }!
        #expect(lines[trust + 2].hasPrefix("  hoster-pl-1  0.3000"))
    }

    @Test func outputFileIsWrittenAndExitCodeKept() throws {
        let dir = try CLI.temporaryDirectory()
        let out = dir.appendingPathComponent("check.json").path
        let r = try CLI.run(["check", Self.sample, "--policy", Self.samplePolicy, "--date", "2026-06-30", "--format", "json", "-o", out])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        let parsed = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
        #expect((parsed["counts"] as! [String: Int]) == ["error": 7, "warning": 15, "note": 4])
    }
}
