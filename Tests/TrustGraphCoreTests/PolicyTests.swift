import Foundation
import Testing
@testable import TrustGraphCore

/// A small dataset whose figures are derived by hand in the comments, at 2026-01-15 with prior 0.3.
enum PolicyFixture {
    static let date = Day(year: 2026, month: 1, day: 15)!

    static let files: [String: String] = [
        // Lines: a 2, b 3, c 4, d 5, e 6. Countries are upper-cased on reading (c: "de" → DE).
        "suppliers.csv": """
        id,name,country,sector,prior,tier
        a,A,DE,retail,,0
        b,B,de,Hosting,,1
        c,C,de,hosting,,1
        d,D,,cdn,,2
        e,E,US,,0.5,2
        """,
        "certifications.csv": """
        supplier,scheme,status,issued,expires,last_evidence,scope
        b,ISO27001,valid,2025-01-01,2026-03-16,2026-01-15,full
        b,C5,valid,2025-01-01,2026-03-17,,full
        c,SOC2-TYPE2,valid,2025-01-01,2027-01-01,2025-01-15,full
        c,ISO27001,revoked,2025-01-01,2027-01-01,2024-01-01,full
        d,BSI-C5,valid,2026-01-16,2027-01-01,,full
        e,SECNUMCLOUD,valid,,,2025-01-14,partial
        """,
        // Rows of weight ≥ 0.7: a→b, a→c, a→d, a→e, b→d.
        "dependencies.csv": """
        consumer,provider,criticality,group,service
        a,b,critical,hosting,
        a,c,high,hosting,
        a,d,critical,,
        a,e,0.7,,
        b,d,high,,
        c,d,low,,
        """,
        "recognition.csv": """
        source,target,coverage,source_of_figure
        BSI-C5,EUCS-HIGH,0.93,C5 mapping
        ISO27001,EUCS-HIGH,0.85,ISO mapping
        SECNUMCLOUD,EUCS-HIGH,0.67,SecNumCloud mapping
        """,
    ]

    static func outcome(_ yaml: String, files: [String: String] = files) throws -> PolicyOutcome {
        let dataset = try Fixture.load(files)
        let policy = try PolicyFile.parse(yaml)
        let evaluator = try PolicyEvaluator(policy: policy, dataset: dataset)
        let model = TrustModel(dataset)
        let parameters = TrustParameters(date: date)
        return evaluator.evaluate(model: model, solution: model.solve(parameters, options: SolverOptions(threads: 1)),
                                  parameters: parameters)
    }

    /// One rule of `kind` with `keys` (YAML flow-mapping text), and `where` when given.
    static func rule(_ kind: String, _ keys: String, where filter: String? = nil, severity: String = "error") -> String {
        "rules:\n  - {id: r, kind: \(kind), severity: \(severity)\(keys.isEmpty ? "" : ", " + keys)\(filter.map { ", where: " + $0 } ?? "")}\n"
    }

    /// The findings as (supplier, scheme, group, value, line).
    static func rows(_ outcome: PolicyOutcome) -> [String] {
        outcome.findings.map { f in
            let value = f.value.map { TextTable.fixed($0, 4) } ?? "nil"
            return [outcome.supplierId(of: f) ?? "-", outcome.scheme(of: f) ?? "-", outcome.group(of: f) ?? "-", value,
                    f.line.map(String.init) ?? "-"].joined(separator: " ")
        }
    }

    static func suppliers(_ outcome: PolicyOutcome) -> [String] { outcome.findings.map { outcome.supplierId(of: $0) ?? "-" } }
}

@Suite struct PolicyRuleTests {
    // b(c) = 0.3 + 0.7 × 0.65 × 0.5^(365/180); b(e) = 0.5 + 0.5 × 0.85 × 0.5^(366/180) × 0.5.
    static let baseC = 0.3 + 0.7 * 0.65 * pow(0.5, 365.0 / 180)
    static let baseE = 0.5 + 0.5 * 0.85 * pow(0.5, 366.0 / 180) * 0.5

    @Test func minTrustIsStrictlyBelowTheThreshold() throws {
        // t(a) = 0.3: its own 1 − b = 0.7 ties group d's 1.0 × 0.7. t(d) = 0.3 (no dependency).
        // t(b) = 1 − 0.7 × 0.7 = 0.51 (its high row to d); t(c) = b(c); t(e) = b(e).
        let at = try PolicyFixture.outcome(PolicyFixture.rule("min-trust", "threshold: 0.3"))
        #expect(at.findings.isEmpty)
        let above = try PolicyFixture.outcome(PolicyFixture.rule("min-trust", "threshold: 0.52"))
        #expect(PolicyFixture.rows(above) == ["a - - 0.3000 2", "b - - 0.5100 3", "c - - \(TextTable.fixed(Self.baseC, 4)) 4",
                                               "d - - 0.3000 5"])
        #expect(abs(above.findings[1].value! - 0.51) < 1e-12)
        // The threshold equal to t itself finds nothing for that supplier.
        let tb = above.solution.trust[1]
        let equal = try PolicyFixture.outcome(PolicyFixture.rule("min-trust", "threshold: \(tb)", where: "{ids: [b]}"))
        #expect(equal.findings.isEmpty)
        #expect(above.message(of: above.findings[1]) == "effective trust 0.5100 is below 0.52 (limited by d, trust 0.3000)")
    }

    @Test func minBaseTrustUsesBaseTrust() throws {
        // b(b) = 0.3 + 0.7 × (1 − 0.4 × 0.3) = 0.916; b(a) = b(d) = 0.3.
        let outcome = try PolicyFixture.outcome(PolicyFixture.rule("min-base-trust", "threshold: 0.6"))
        #expect(PolicyFixture.rows(outcome) == ["a - - 0.3000 2", "c - - \(TextTable.fixed(Self.baseC, 4)) 4", "d - - 0.3000 5",
                                                 "e - - \(TextTable.fixed(Self.baseE, 4)) 6"])
        #expect(abs(outcome.findings[1].value! - Self.baseC) < 1e-12)
        let all = try PolicyFixture.outcome(PolicyFixture.rule("min-base-trust", "threshold: 1"))
        #expect(abs(all.findings[1].value! - 0.916) < 1e-12)
    }

    @Test func certificateExpiryIncludesExactlyWithinDays() throws {
        // b's ISO27001 expires 2026-03-16, 60 days after 2026-01-15; its C5 61 days; e's has no expiry;
        // d's C5 is not yet issued, c's ISO27001 revoked.
        let outcome = try PolicyFixture.outcome(PolicyFixture.rule("certificate-expiry", "within_days: 60"))
        #expect(PolicyFixture.rows(outcome) == ["b ISO27001 - 60.0000 2"])
        #expect(outcome.message(of: outcome.findings[0]) == "ISO27001 certificate expires on 2026-03-16, in 60 days (within 60 days)")
        let wider = try PolicyFixture.outcome(PolicyFixture.rule("certificate-expiry", "within_days: 61"))
        // Ordered by scheme name: BSI-C5 before ISO27001 (C5 is read as BSI-C5).
        #expect(PolicyFixture.rows(wider) == ["b BSI-C5 - 61.0000 3", "b ISO27001 - 60.0000 2"])
        #expect(try PolicyFixture.outcome(PolicyFixture.rule("certificate-expiry", "within_days: 59")).findings.isEmpty)
    }

    @Test func staleEvidenceIsOlderThanMaxAgeOrMissing() throws {
        // c's SOC2 evidence is 365 days old (not older than 365); e's 366; b's C5 has none (no value);
        // d's C5 has none but does not count yet.
        let outcome = try PolicyFixture.outcome(PolicyFixture.rule("stale-evidence", "max_age_days: 365"))
        #expect(PolicyFixture.rows(outcome) == ["b BSI-C5 - nil 3", "e SECNUMCLOUD - 366.0000 7"])
        #expect(outcome.findings[0].value == nil)
        let stricter = try PolicyFixture.outcome(PolicyFixture.rule("stale-evidence", "max_age_days: 364"))
        #expect(PolicyFixture.rows(stricter) == ["b BSI-C5 - nil 3", "c SOC2-TYPE2 - 365.0000 4", "e SECNUMCLOUD - 366.0000 7"])
        #expect(stricter.json.contains("\"supplier\":\"b\",\"scheme\":\"BSI-C5\",\"group\":null,\"value\":null,"))
    }

    @Test func requiresSchemeCountsRecognitionFromMinCoverage() throws {
        // Toward EUCS-HIGH: b's C5 0.93 (counts), d's C5 does not count yet, e's SecNumCloud 0.67,
        // c's ISO27001 is revoked; a holds nothing.
        let exact = try PolicyFixture.outcome(PolicyFixture.rule("requires-scheme", "schemes: [EUCS-HIGH], min_coverage: 0.93"))
        #expect(PolicyFixture.rows(exact) == ["a - - 0.0000 2", "c - - 0.0000 4", "d - - 0.0000 5", "e - - 0.6700 6"])
        #expect(exact.findings.allSatisfy { outcome in exact.scheme(of: outcome) == nil })
        let above = try PolicyFixture.outcome(PolicyFixture.rule("requires-scheme", "schemes: [EUCS-HIGH], min_coverage: 0.94"))
        #expect(PolicyFixture.rows(above).contains("b - - 0.9300 3"))
        #expect(above.message(of: above.findings[1])
                == "holds no certificate of EUCS-HIGH that counts at 2026-01-15; best: BSI-C5 counts 0.93 toward EUCS-HIGH via recognition.csv, below 0.94")
        // Without min_coverage only the scheme itself (coverage 1) satisfies; names match by alias.
        let direct = try PolicyFixture.outcome(PolicyFixture.rule("requires-scheme", "schemes: [bsi c5, SOC 2 Type II]"))
        #expect(PolicyFixture.suppliers(direct) == ["a", "d", "e"])
        #expect(direct.findings.map(\.value) == [0, 0, 0])
        // A listed scheme held directly has coverage 1 whatever min_coverage asks.
        let listed = try PolicyFixture.outcome(PolicyFixture.rule("requires-scheme", "schemes: [SECNUMCLOUD], min_coverage: 0.5",
                                                                   where: "{ids: e}"))
        #expect(listed.findings.isEmpty)
    }

    @Test func recognitionIsOneHopOnly() throws {
        // ISO27001 → BSI-C5 → EUCS-HIGH does not chain: b's ISO27001 does not reach EUCS-HIGH through C5.
        var files = PolicyFixture.files
        files["recognition.csv"] = "source,target,coverage\nSOC2-TYPE2,BSI-C5,1\nBSI-C5,EUCS-HIGH,0.93\n"
        let outcome = try PolicyFixture.outcome(PolicyFixture.rule("requires-scheme", "schemes: [EUCS-HIGH], min_coverage: 0.5",
                                                                    where: "{ids: c}"), files: files)
        #expect(PolicyFixture.rows(outcome) == ["c - - 0.0000 4"])
    }

    @Test func singlePointOfFailureCountsGroupsFromLevel() throws {
        // a's groups: hosting (critical, b and c), d (critical, 1), e (0.7, 1); b's d (high, 1); c's d (low).
        let critical = try PolicyFixture.outcome(PolicyFixture.rule("single-point-of-failure", ""))
        #expect(PolicyFixture.rows(critical) == ["a - d 1.0000 4"])
        let high = try PolicyFixture.outcome(PolicyFixture.rule("single-point-of-failure", "level: high"))
        #expect(PolicyFixture.rows(high) == ["a - d 1.0000 4", "a - e 1.0000 5", "b - d 1.0000 6"])
        let three = try PolicyFixture.outcome(PolicyFixture.rule("single-point-of-failure", "min_providers: 3"))
        #expect(PolicyFixture.rows(three) == ["a - d 1.0000 4", "a - hosting 2.0000 2"])
        #expect(three.file(of: three.findings[0]) == "dependencies.csv")
        #expect(three.json.contains("\"supplier\":\"a\",\"scheme\":null,\"group\":\"hosting\",\"value\":2,"))
    }

    @Test func maxConcentrationExceedsStrictly() throws {
        // Five rows of weight ≥ 0.7. Providers b 1, c 1, d 2, e 1: HHI 7/25. Countries DE 2, "" 2 (d), US 1: 9/25.
        // Sectors as written: Hosting 1, hosting 1, cdn 2, "" 1: 7/25. Critical rows only (a→b, a→d): by provider 1/2.
        func hhi(_ keys: String) throws -> PolicyOutcome { try PolicyFixture.outcome(PolicyFixture.rule("max-concentration", keys)) }
        let country = try hhi("by: country, max_hhi: 0.3")
        #expect(PolicyFixture.rows(country) == ["- - - 0.3600 -"])
        #expect(abs(country.findings[0].value! - 0.36) < 1e-12)
        #expect(country.file(of: country.findings[0]) == "dependencies.csv")
        #expect(country.json.contains("\"supplier\":null,\"scheme\":null,\"group\":null,\"value\":0.36"))
        #expect(abs(try hhi("by: provider, max_hhi: 0").findings[0].value! - 0.28) < 1e-12)
        #expect(abs(try hhi("by: sector, max_hhi: 0").findings[0].value! - 0.28) < 1e-12)
        #expect(abs(try hhi("by: provider, max_hhi: 0, level: critical").findings[0].value! - 0.5) < 1e-12)
        // At exactly max_hhi: no finding.
        #expect(try hhi("by: country, max_hhi: \(country.portfolioFigures[0])").findings.isEmpty)
        #expect(try hhi("by: country, max_hhi: 1").findings.isEmpty)
    }

    @Test func analyzeConcentrationIsTheSameDefinition() throws {
        let dataset = try Fixture.load(PolicyFixture.files)
        let concentration = Concentration(dataset: dataset)
        #expect(concentration.countryHHI == Concentration.hhi(of: dataset, by: .country, level: 0.7))
        #expect(concentration.sectorHHI == Concentration.hhi(of: dataset, by: .sector, level: 0.7))
        #expect(concentration.providerHHI == Concentration.hhi(of: dataset, by: .provider, level: 0.7))
        #expect(concentration.countries.map(\.name) == ["", "DE", "US"])
        #expect(concentration.countries.map(\.rows) == [2, 2, 1])
    }
}

@Suite struct PolicyFilterTests {
    func selected(_ filter: String) throws -> [String] {
        // min-base-trust 1 finds every supplier (none has b = 1): the findings are the subjects.
        let outcome = try PolicyFixture.outcome(PolicyFixture.rule("min-base-trust", "threshold: 1", where: filter))
        #expect(outcome.subjects[0].count == outcome.findings.count)
        return PolicyFixture.suppliers(outcome)
    }

    @Test func eachCondition() throws {
        #expect(try selected("{}") == ["a", "b", "c", "d", "e"])
        #expect(try selected("{ids: [e, b]}") == ["b", "e"])
        #expect(try selected("{ids: c}") == ["c"])
        #expect(try selected("{sector: HOSTING}") == ["b", "c"])
        #expect(try selected("{sector: [cdn, retail]}") == ["a", "d"])
        #expect(try selected("{country: de}") == ["a", "b", "c"])
        #expect(try selected("{country: [us]}") == ["e"])
        // Providers of a critical row: b, d; of a row of weight ≥ 0.7: b, c, d, e; any row: b, c, d, e.
        #expect(try selected("{depended_on: critical}") == ["b", "d"])
        #expect(try selected("{depended_on: high}") == ["b", "c", "d", "e"])
        #expect(try selected("{depended_on: 0.71}") == ["b", "d"])
        #expect(try selected("{depended_on: [critical, high]}") == ["b", "c", "d", "e"])
        // dependents: b, c, e 1 (a); d 3 (a, b, c); a 0.
        #expect(try selected("{min_dependents: 1}") == ["b", "c", "d", "e"])
        #expect(try selected("{min_dependents: 3}") == ["d"])
        #expect(try selected("{min_dependents: 4}") == [])
        #expect(try selected("{min_dependents: 0}") == ["a", "b", "c", "d", "e"])
        #expect(try selected("{attribute: {tier: 1}}") == ["b", "c"])
        #expect(try selected("{attribute: {TIER: [0, 2]}}") == ["a", "d", "e"])
    }

    @Test func conditionsCombine() throws {
        #expect(try selected("{sector: hosting, depended_on: critical}") == ["b"])
        #expect(try selected("{country: de, attribute: {tier: 1}, min_dependents: 1}") == ["b", "c"])
        #expect(try selected("{ids: [a, d], min_dependents: 1}") == ["d"])
    }
}

@Suite struct PolicyFileTests {
    @Test func readsEveryKindWithDefaults() throws {
        let policy = try PolicyFile.parse("""
        policy: EU baseline
        fail_on: warning
        rules:
          - {id: a.1, kind: min-trust, threshold: 0.5}
          - {id: b_2, kind: min-base-trust, threshold: 0.4, severity: note}
          - {id: c-3, kind: certificate-expiry, within_days: 60}
          - {id: d, kind: stale-evidence, max_age_days: 365, severity: warning}
          - {id: e, kind: requires-scheme, schemes: EUCS-HIGH}
          - {id: f, kind: single-point-of-failure}
          - {id: g, kind: max-concentration, by: sector, max_hhi: 0.25}
        """)
        #expect(policy.name == "EU baseline")
        #expect(policy.failOn == .warning)
        #expect(policy.rules.map(\.check) == [
            .minTrust(threshold: 0.5), .minBaseTrust(threshold: 0.4), .certificateExpiry(withinDays: 60),
            .staleEvidence(maxAgeDays: 365), .requiresScheme(schemes: ["EUCS-HIGH"], minCoverage: 1),
            .singlePointOfFailure(level: 1, minProviders: 2), .maxConcentration(by: .sector, maxHHI: 0.25, level: 0.7),
        ])
        #expect(policy.rules.map(\.severity) == [.error, .note, .error, .warning, .error, .error, .error])
        #expect(policy.rules.map(\.line) == [4, 5, 6, 7, 8, 9, 10])
        #expect(try PolicyFile.parse("fail_on: never\nrules: [{id: x, kind: min-trust, threshold: 1}]").failOn == nil)
        #expect(try PolicyFile.parse("rules: [{id: x, kind: min-trust, threshold: 1}]").failOn == .error)
    }

    @Test func everyErrorOfTheFileAtOnceWithItsLineAndKey() {
        let text = """
        policy: bad
        fail_on: sometimes
        rules:
          - id: r1
            kind: min-trust
            treshold: 0.5
          - id: r1
            kind: min-trust
            threshold: 1.5
          - id: r3
            kind: max-trust
          - id: r4
            kind: max-concentration
            by: country
            max_hhi: 0.2
            where: {ids: [a]}
          - id: "r 5"
            kind: certificate-expiry
            within_days: -1
            where: {sectors: hosting}
        colour: red
        """
        let (_, errors) = PolicyFile.read(text, file: "p.yaml")
        let summary = errors.map { "\($0.line) \($0.kind.rawValue) \($0.rule ?? "-") \($0.key ?? "-")" }
        #expect(summary == [
            "2 badValue - fail_on",
            "4 missingKey r1 threshold",
            "6 unknownKey r1 treshold",
            "7 duplicateRule r1 id",
            "9 badValue r1 threshold",
            "11 unknownKind r3 kind",
            "16 unknownKey r4 where",
            "17 badValue r 5 id",
            "19 badValue r 5 within_days",
            "20 unknownKey r 5 where.sectors",
            "21 unknownKey - colour",
        ])
        #expect(errors[2].description
                == "p.yaml:6: rule 'r1': key 'treshold': not a key of min-trust (did you mean 'threshold'?) (allowed: id, kind, threshold, severity?, description?, where?)")
        #expect(errors[5].description.contains("unknown kind 'max-trust' (did you mean 'min-trust'?) (allowed: min-trust, min-base-trust,"))
        #expect(errors[6].description == "p.yaml:16: rule 'r4': key 'where': max-concentration looks at the whole portfolio and takes no 'where' (allowed: id, kind, by, max_hhi, severity?, description?, level?)")
        #expect(errors[9].description.contains("(did you mean 'sector'?)"))
    }

    @Test func namesAreCheckedAgainstTheDataset() throws {
        let dataset = try Fixture.load(PolicyFixture.files)
        let policy = try PolicyFile.parse("""
        rules:
          - id: r
            kind: requires-scheme
            schemes: [EUCS-HGH]
            where:
              ids: [bb, a]
              attribute: {tiers: 1}
        """)
        let (evaluator, errors) = PolicyEvaluator.resolve(policy, dataset: dataset, file: "p.yaml")
        #expect(evaluator == nil)
        #expect(errors.map(\.description) == [
            "p.yaml:6: rule 'r': key 'where.ids': unknown supplier 'bb' (expected an id from suppliers.csv) (did you mean 'b'?)",
            "p.yaml:7: rule 'r': key 'where.attribute': unknown column 'tiers' (did you mean 'tier'?) (extra columns of suppliers.csv: tier)",
            "p.yaml:2: rule 'r': key 'schemes': unknown scheme 'EUCS-HGH' (not built in and not in schemes.csv) (did you mean 'EUCS-HIGH'?)",
        ])
    }

    @Test func syntaxErrorsAndBoundsHaveALine() {
        let (_, syntax) = PolicyFile.read("rules:\n  - id: x\n   kind: [\n", file: "p.yaml")
        #expect(syntax.count == 1 && syntax[0].kind == .syntax && syntax[0].line > 0)
        let (_, empty) = PolicyFile.read("rules: []\n", file: "p.yaml")
        #expect(empty.map(\.kind) == [.missingKey])
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + (1...8).map { "\($0 == 1 ? "b" : "b\($0)"): &b\($0) [" + String(repeating: "*\($0 == 1 ? "a" : "b\($0 - 1)"), ", count: 10) + "x]" }.joined(separator: "\n")
        let (_, bounded) = PolicyFile.read(bomb, file: "p.yaml")
        #expect(bounded.first?.kind == .limit)
    }

    @Test func errorsFoundInSeveralPassesAreListedByLineTheFirstFoundFirst() {
        // The reading pass finds lines 5 and 2; resolving names against the dataset, 5 and 1.
        let errors = [PolicyError(.badValue, file: "p.yaml", line: 5, "read 5"), PolicyError(.syntax, file: "p.yaml", line: 2, "read 2"),
                      PolicyError(.unknownSupplier, file: "p.yaml", line: 5, "resolved 5"),
                      PolicyError(.unknownScheme, file: "p.yaml", line: 1, "resolved 1")]
        #expect(PolicyFileError(inLineOrder: errors).errors == [errors[3], errors[1], errors[0], errors[2]])
    }
}

@Suite struct PolicyOutcomeTests {
    @Test func findingsFollowRuleOrderThenIdSchemeGroupLine() throws {
        let outcome = try PolicyFixture.outcome("""
        rules:
          - {id: z-first, kind: stale-evidence, max_age_days: 0, severity: note}
          - {id: a-second, kind: single-point-of-failure, level: high, min_providers: 3}
        """)
        let rows = zip(outcome.findings, PolicyFixture.rows(outcome)).map { "\(outcome.policy.rules[Int($0.rule)].id) \($1)" }
        #expect(rows == [
            "z-first b BSI-C5 - nil 3", "z-first c SOC2-TYPE2 - 365.0000 4", "z-first e SECNUMCLOUD - 366.0000 7",
            "a-second a - d 1.0000 4", "a-second a - e 1.0000 5", "a-second a - hosting 2.0000 2", "a-second b - d 1.0000 6",
        ])
        #expect(outcome.counts.note == 3 && outcome.counts.error == 4 && outcome.counts.warning == 0)
    }

    @Test func failOnDecidesFromSeverity() throws {
        let notes = PolicyFixture.rule("min-base-trust", "threshold: 1", severity: "note")
        #expect(try PolicyFixture.outcome("fail_on: error\n" + notes).failed == false)
        #expect(try PolicyFixture.outcome("fail_on: note\n" + notes).failed == true)
        #expect(try PolicyFixture.outcome("fail_on: never\n" + PolicyFixture.rule("min-base-trust", "threshold: 1")).failed == false)
        let warning = PolicyFixture.rule("min-base-trust", "threshold: 1", severity: "warning")
        #expect(try PolicyFixture.outcome("fail_on: warning\n" + warning).failed == true)
        #expect(try PolicyFixture.outcome("fail_on: error\n" + warning).failed == false)
        #expect(try PolicyFixture.outcome(PolicyFixture.rule("min-base-trust", "threshold: 0")).failed == false)
    }

    @Test func jsonHasTheContractFieldsInOrder() throws {
        let outcome = try PolicyFixture.outcome("policy: P\n" + PolicyFixture.rule("certificate-expiry", "within_days: 60", severity: "warning"))
        let lines = outcome.json.split(separator: "\n")
        #expect(lines[0] == "{\"policy\":\"P\",\"date\":\"2026-01-15\",\"fail_on\":\"error\",\"counts\":{\"error\":0,\"warning\":1,\"note\":0},\"failed\":false,\"findings\":[")
        #expect(lines[1] == "  {\"rule\":\"r\",\"severity\":\"warning\",\"supplier\":\"b\",\"scheme\":\"ISO27001\",\"group\":null,\"value\":60,"
                + "\"message\":\"ISO27001 certificate expires on 2026-03-16, in 60 days (within 60 days)\",\"file\":\"certifications.csv\",\"line\":2,\"kind\":\"certificate-expiry\"}")
        let parsed = try JSONSerialization.jsonObject(with: Data(outcome.json.utf8)) as? [String: Any]
        #expect((parsed?["findings"] as? [Any])?.count == 1)
        let unnamed = try PolicyFixture.outcome(PolicyFixture.rule("min-trust", "threshold: 0"))
        #expect(unnamed.json.hasPrefix("{\"policy\":null,"))
        #expect(unnamed.json.contains("\"findings\":[],"))
    }

    @Test func explainShowsRecognisedCoverage() throws {
        let dataset = try Fixture.load(PolicyFixture.files)
        let (model, solution) = Fixture.solve(dataset)
        let explanation = model.explain(dataset.suppliers.find("b")!, solution: solution, parameters: TrustParameters(date: PolicyFixture.date))
        #expect(explanation.recognised == [
            .init(scheme: "ISO27001", target: "EUCS-HIGH", coverage: 0.85, line: 3),
            .init(scheme: "BSI-C5", target: "EUCS-HIGH", coverage: 0.93, line: 2),
        ])
        #expect(explanation.text.contains("  BSI-C5 counts 0.93 toward EUCS-HIGH via recognition.csv (line 2)\n"))
        // d's C5 is not yet issued: nothing is recognised.
        #expect(model.explain(dataset.suppliers.find("d")!, solution: solution, parameters: TrustParameters(date: PolicyFixture.date)).recognised.isEmpty)
    }
}

@Suite struct RecognitionLoadingTests {
    @Test func readsRowsAndKeepsFurtherColumns() throws {
        let dataset = try Fixture.load(PolicyFixture.files)
        let recognition = dataset.recognition
        #expect(recognition.count == 3)
        #expect(recognition.coverage == [0.93, 0.85, 0.67])
        #expect(recognition.attributes.names == ["source_of_figure"])
        #expect(recognition.attributes.values[0][1] == "ISO mapping")
        #expect(recognition.coverage(of: dataset.schemes.find("BSI-C5")!, toward: dataset.schemes.find("EUCS-HIGH")!) == 0.93)
    }

    @Test func everyErrorWithItsLineAndColumn() {
        var files = PolicyFixture.files
        files["recognition.csv"] = """
        source,target,coverage
        C5,EUCS-HIGH,0.9
        BSI-C5,EUCS high,0.8
        EUCS-HGH,ISO27001,0.5
        ISO27001,ISO 27001:2022,0.5
        SOC2-TYPE2,EUCS-HIGH,0
        SOC2-TYPE1,EUCS-HIGH,1.5
        ISO27017,EUCS-HIGH,half
        ISO27018,EUCS-HIGH,1
        """
        #expect(Fixture.errorLines(files) == [
            "3 source BSI-C5 toward EUCS-HIGH listed twice (first on line 2)",
            "4 source unknown scheme 'EUCS-HGH' (not built in and not in schemes.csv) (did you mean 'EUCS-HIGH'?)",
            "5 target ISO27001 is recognised toward itself (expected another scheme)",
            "6 coverage coverage 0 is out of range (expected a number in (0,1])",
            "7 coverage coverage 1.5 is out of range (expected a number in (0,1])",
            "8 coverage 'half' is not a number (expected a number in (0,1])",
        ])
    }

    @Test func otherSpellingsAreNoted() throws {
        var files = PolicyFixture.files
        files["recognition.csv"] = "source,target,coverage\nC5,EUCS-HIGH,0.9\n"
        let (_, report) = try DatasetLoader.load(contents: files.mapValues { Array($0.utf8) })
        #expect(report.notes.map(\.description).contains("note: recognition.csv: scheme 'C5' read as BSI-C5 (1 row)"))
    }
}
