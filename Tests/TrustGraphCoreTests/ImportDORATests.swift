import Foundation
import Testing
@testable import TrustGraphCore

/// `import dora-roi`: every rule of the DORA RoI contract on a small package whose
/// expected dataset is derived by hand, merges, errors, ZIP and directory packages.
@Suite struct ImportDORATests {
    /// A register of two entities. Hand-derived at 2025-06-30 (see each row's comment in `expectedRows`).
    static let package: [String: String] = [
        "META-INF/reportPackage.json": "{}",
        "reports/parameters.csv": "name,value\nrefPeriod,2025-06-30\n",
        "reports/b_01.02.csv": """
        c0010,c0020,c0030,c0040
        E1,Bank One,eba_GA:DE,eba_CT:x12
        E2,Bank Two,eba_GA:qx2007,eba_CT:x21

        """,
        "reports/B_05.01.CSV": """
        c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080
        P1,eba_qCO:qx2000,Cloud,x,eba_GA:ie,eba_CU:EUR,100,PX
        P2,eba_qCO:qx2000,"Hosting, Inc.",x,eba_GA:FR,eba_CU:EUR,20,
        P3,eba_qCO:qx2000,Colo,x,,eba_CU:EUR,,
        E2,eba_qCO:qx2000,Bank Two IT,x,eba_GA:FR,eba_CU:EUR,7,E1

        """,
        "reports/b_06.01.csv": """
        c0010,c0020,c0030,c0040,c0050
        F1,x,Payments,E1,eba_BT:x28
        F2,x,HR,E1,eba_BT:x29
        F3,x,Onboarding,E1,eba_BT:x21
        F2,x,HR,E2,eba_BT:x28

        """,
        "reports/b_02.02.csv": """
        c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0180
        K1,E1,P1,x,F1,eba_TA:S17,2020-01-01,9999-12-31,eba_ZZ:x794
        K2,E1,P2,x,F2,eba_TA:S19,2020-01-01,,eba_ZZ:x797
        K3,E1,P3,x,F2,eba_TA:S19,2020-01-01,2030-01-01,eba_ZZ:x796
        K4,E1,P1,x,F2,eba_TA:S18,2025-06-30,2025-06-30,eba_ZZ:x795
        K5,E1,P2,x,F2,eba_TA:S01,,,eba_ZZ:x794
        K6,E1,P3,x,F2,eba_TA:S02,2020-01-01,,
        K7,E1,P3,x,F3,eba_TA:S03,2020-01-01,,eba_ZZ:x794
        K8,E2,P1,x,F2,eba_TA:S17,2020-01-01,,eba_ZZ:x794
        K9,E1,P2,x,F1,eba_TA:S05,2019-01-01,2024-12-31,eba_ZZ:x797
        K10,E1,P1,x,F1,eba_TA:S17,2021-01-01,,eba_ZZ:x797
        K11,E2,E2,x,F2,eba_TA:S14,2020-01-01,,eba_ZZ:x797
        K12,E1,P2,x,F1,eba_TA:S06,2025-07-01,,eba_ZZ:x797

        """,
        "reports/b_05.02.csv": """
        c0010,c0020,c0030,c0040,c0050,c0060,c0070
        K1,eba_TA:S17,P1,x,1,,
        K1,eba_TA:S08,P2,x,2,P1,x
        K1,eba_TA:S07,P3,x,3,P2,x
        K9,eba_TA:S08,P3,x,2,P2,x
        K4,eba_TA:S08,P3,x,2,P1,x
        K11,eba_TA:S08,E2,x,2,E2,x

        """,
        "reports/b_07.01.csv": """
        c0010,c0020,c0030,c0040,c0050
        K2,P2,x,eba_TA:S19,eba_ZZ:x959
        K2,P2,x,eba_TA:S19,eba_ZZ:x962
        K1,P2,x,eba_TA:S08,eba_ZZ:x960

        """,
    ]

    static let expectedSuppliers = [
        "id|name|country|sector|entity_type|annual_expense|ultimate_parent",
        "E1|Bank One|DE|financial-entity|eba_CT:x12||",
        // eba_GA:qx2007 is not two letters: no country; the b_01.02 row wins over the b_05.01 one (intra-group).
        "E2|Bank Two||financial-entity|eba_CT:x21|7|E1",
        "P1|Cloud|IE|ict-provider||100|PX",
        "P2|Hosting, Inc.|FR|ict-provider||20|",
        "P3|Colo||ict-provider|||",
    ]

    static let expectedRows = [
        "consumer|provider|criticality|group|service|contract|substitutability",
        "E1|P1|critical||eba_TA:S17|K1|",        // F1 critical or important: reliance does not matter
        "E1|P2|high||eba_TA:S19|K2|eba_ZZ:x959", // F2 (E1) not critical, full reliance; the first b_07.01 row wins
        "E1|P3|medium||eba_TA:S19|K3|",          // material reliance
        "E1|P1|low||eba_TA:S18|K4|",             // low reliance; start = end = D is active
        "E1|P2|low||eba_TA:S01|K5|",             // not significant; no dates: open
        "E1|P3|medium||eba_TA:S02|K6|",          // empty reliance
        "E1|P3|high||eba_TA:S03|K7|",            // F3 not assessed
        "E2|P1|critical||eba_TA:S17|K8|",        // F2 repeats: E2's own F2 is critical
        // K9 ended 2024-12-31, K10 repeats K1's consumer, provider, criticality and service,
        // K11 is E2 on itself, K12 starts after D.
        "P1|P2|critical||eba_TA:S08|K1|eba_ZZ:x960", // rank 2: K1's criticality; b_07.01 matches contract, provider and type
        "P2|P3|critical||eba_TA:S07|K1|",        // rank 3
        "P1|P3|low||eba_TA:S08|K4|",             // K9's chain is dropped (no active row)
    ]

    static let date = Day(year: 2025, month: 6, day: 30)!

    @Test func duplicateRowsAreTheLaterOnesOfEachKeyWhateverTheirOrder() {
        func row(_ consumer: Int32, _ provider: Int32, _ service: Int32, _ level: DORACodes.Level) -> DORARegister.Row {
            DORARegister.Row(consumer: consumer, provider: provider, service: service, contract: 0, level: level)
        }
        let rows = [row(0, 1, 0, .high), row(1, 2, 0, .high), row(0, 1, 0, .low), row(0, 1, 0, .high),
                    row(1, 2, 1, .high), row(0, 1, 0, .high), row(1, 2, 0, .high), row(2, 0, 0, .critical)]
        #expect(DORARegister.duplicateRows(rows, suppliers: 3) == [false, false, false, true, false, true, true, false])
        // Against a set of keys, on 20,000 rows over 60 suppliers (groups of every size).
        var seed: UInt64 = 11
        func next(_ n: Int) -> Int32 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int32((seed >> 33) % UInt64(n))
        }
        let many = (0..<20_000).map { _ in row(next(60), next(60), next(3), [.low, .medium, .high, .critical][Int(next(4))]) }
        var seen = Set<[Int32]>()
        let expected = many.map { !seen.insert([$0.consumer, $0.provider, $0.service, Int32($0.level.rawValue)]).inserted }
        #expect(DORARegister.duplicateRows(many, suppliers: 60) == expected)
    }

    @Test func everyMappingRuleGivesTheHandDerivedRows() throws {
        let path = try ImportFixture.package(Self.package)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let imported = try DORARegister.importPackages([path])
        #expect(ImportFixture.rows(imported, "suppliers.csv") == Self.expectedSuppliers)
        #expect(ImportFixture.rows(imported, "dependencies.csv") == Self.expectedRows)
        let summary = imported.summary
        #expect(summary.read.map(\.text) == ["2 entities (b_01.02)", "4 providers (b_05.01)", "4 functions (b_06.01)",
                                              "12 contract rows (b_02.02)", "6 chain rows (b_05.02)", "3 assessment rows (b_07.01)"])
        #expect(summary.droppedCount(DORARegister.inactive) == 2)
        #expect(summary.droppedCount(DORARegister.rankOne) == 1)
        #expect(summary.droppedCount(DORARegister.noActiveContract) == 1)
        #expect(summary.droppedCount(DORARegister.selfDependency) == 2)
        #expect(summary.droppedCount(ImportSummary.duplicateRow) == 1)
        #expect(summary.merged.map(\.text) == ["1 intra-group provider (an id in both b_01.02 and b_05.01), written once as a financial entity"])
        #expect(summary.notes.contains { $0.hasPrefix("no certifications") })
    }

    @Test func theDateOptionOverridesTheReferencePeriod() throws {
        let path = try ImportFixture.package(Self.package)
        defer { try? FileManager.default.removeItem(atPath: path) }
        // At 2024-06-30 K9 is active, K4 (2025-06-30 only) and K12 are not.
        let imported = try DORARegister.importPackages([path], options: ImportOptions(date: Day("2024-06-30")))
        let rows = ImportFixture.rows(imported, "dependencies.csv")
        #expect(rows.contains("E1|P2|critical||eba_TA:S05|K9|"))
        #expect(rows.contains("P2|P3|critical||eba_TA:S08|K9|"))
        #expect(!rows.contains { $0.hasSuffix("|K4|") })
        // Without a refPeriod and without --date: today.
        var files = Self.package
        files["reports/parameters.csv"] = nil
        let undated = try ImportFixture.package(files)
        defer { try? FileManager.default.removeItem(atPath: undated) }
        var options = ImportOptions()
        options.today = Day("2024-06-30")!
        #expect(ImportFixture.rows(try DORARegister.importPackages([undated], options: options), "dependencies.csv") == rows)
    }

    @Test func theImportedDatasetValidatesAndSolves() throws {
        let path = try ImportFixture.package(Self.package)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (dataset, _) = try DORARegister.importPackages([path]).check()
        let (model, solution) = Fixture.solve(dataset, date: Self.date)
        // No certifications: every base trust is the prior 0.3, so trust is 0.3 everywhere.
        #expect(model.dataset.suppliers.count == 5)
        #expect(solution.trust.allSatisfy { abs($0 - 0.3) < 1e-12 })
    }

    @Test func certificationsAreCopiedAndChecked() throws {
        let path = try ImportFixture.package(Self.package)
        let dir = try ImportFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: path); try? FileManager.default.removeItem(atPath: dir) }
        try Data("supplier,scheme,expires\nP1,ISO/IEC 27001:2022,2026-01-01\n".utf8).write(to: URL(fileURLWithPath: dir + "/certs.csv"))
        let imported = try DORARegister.importPackages([path], options: ImportOptions(certifications: dir + "/certs.csv"))
        let (dataset, _) = try imported.check()
        #expect(dataset.certifications.count == 1)
        let (model, solution) = Fixture.solve(dataset, date: Self.date)
        // b(P1) = 0.3 + 0.7 × 0.6 = 0.72…
        let p1 = model.dataset.suppliers.find("P1")!
        #expect(abs(solution.base[p1] - 0.72) < 1e-12)
        // …but P1 depends critically on P2 (rank-2 chain), whose trust is the prior: t(P1) = 0.3.
        #expect(abs(Fixture.trust("P1", model, solution) - 0.3) < 1e-12)
        try Data("supplier,scheme\nP9,ISO27001\n".utf8).write(to: URL(fileURLWithPath: dir + "/bad.csv"))
        let errors = ImportFixture.errors({ () throws(DatasetError) in
            try DORARegister.importPackages([path], options: ImportOptions(certifications: dir + "/bad.csv"))
        }, cutting: dir)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("bad.csv:2: column 'supplier': unknown supplier 'P9'") == true)
    }

    @Test func twoPackagesMergeWithSharedProvidersOnce() throws {
        let first = try ImportFixture.package(Self.package)
        let second = try ImportFixture.package([
            "reports/parameters.csv": "name,value\nrefPeriod,2025-06-30\n",
            "b_01.02.csv": "c0010,c0020,c0030,c0040\nE3,Bank Three,eba_GA:NL,eba_CT:x12\n",
            "b_05.01.csv": "c0010,c0030,c0050,c0070,c0080\nP1,Cloud (as bank three knows it),eba_GA:NL,5,\nP4,Telecom,eba_GA:AT,1,\n",
            "b_06.01.csv": "c0010,c0030,c0040,c0050\nF1,Deposits,E3,eba_BT:x29\n",
            "b_02.02.csv": "c0010,c0020,c0030,c0050,c0060,c0070,c0080,c0180\nK1,E3,P1,F1,eba_TA:S17,2020-01-01,,eba_ZZ:x797\nK2,E3,P4,F1,eba_TA:S10,2020-01-01,,\n",
            "b_05.02.csv": "c0010,c0020,c0030,c0050,c0060\nK2,eba_TA:S08,P2,2,P4\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: first); try? FileManager.default.removeItem(atPath: second) }
        let imported = try DORARegister.importPackages([first, second])
        #expect(ImportFixture.rows(imported, "suppliers.csv") == Self.expectedSuppliers + [
            "E3|Bank Three|NL|financial-entity|eba_CT:x12||", "P4|Telecom|AT|ict-provider||1|",
        ])
        // The second package's K1 is its own contract (E3's), not the first package's K1; its
        // chain row names P2, which only the first package defines.
        #expect(ImportFixture.rows(imported, "dependencies.csv") == Self.expectedRows + [
            "E3|P1|high||eba_TA:S17|K1|", "E3|P4|medium||eba_TA:S10|K2|", "P4|P2|medium||eba_TA:S08|K2|",
        ])
        #expect(imported.summary.droppedCount(DORARegister.repeatedDefinition) == 1)
        #expect(imported.summary.read.first?.text == "3 entities (b_01.02)")
    }

    @Test func aZipPackageGivesTheSameDatasetAsTheDirectory() throws {
        let path = try ImportFixture.package(Self.package)
        var zip = ZipWriter()
        for (name, text) in Self.package.sorted(by: { $0.key < $1.key }) {
            zip.add("nordbank-2025/" + name, text, deflated: name.hasSuffix(".csv"))
        }
        let archive = try zip.write()
        defer { try? FileManager.default.removeItem(atPath: path); try? FileManager.default.removeItem(atPath: archive) }
        let fromDirectory = try DORARegister.importPackages([path])
        let fromZip = try DORARegister.importPackages([archive])
        #expect(fromZip.files.map(\.name) == fromDirectory.files.map(\.name))
        #expect(fromZip.files.map(\.bytes) == fromDirectory.files.map(\.bytes))
        #expect(fromZip.summary == fromDirectory.summary)
    }

    @Test func everyErrorNamesFileLineAndColumnInOnePass() throws {
        var files = Self.package
        files["reports/b_02.02.csv"] = """
        c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0180
        K1,E1,P7,x,F1,eba_TA:S17,2020-01-01,,
        K2,E9,P1,x,F9,eba_TA:S17,2020-13-01,31/12/2030,eba_ZZ:x999
        K3,E1,P1,x,,eba_TA:S17,,,

        """
        files["reports/b_05.02.csv"] = "c0010,c0020,c0030,c0050,c0060\nK1,S,P1,0,P2\nK1,S,P1,2,\nK1,S,P1,1,\nK1,S,P1,two,Q\n"
        files["reports/b_06.01.csv"] = "c0010,c0030,c0040,c0050\nF1,x,E1,yes\n"
        files["reports/b_01.02.csv"] = "c0010,c0020,c0030,c0040\nE1,Bank One,eba_GA:DE,x\nE4,Bank Four,DE,x\n,No id,eba_GA:DE,x\nE2,Bank Two,,x\n"
        let path = try ImportFixture.package(files)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let errors = ImportFixture.errors({ () throws(DatasetError) in try DORARegister.importPackages([path]) }, cutting: path)
        let expectations = [
            "reports/b_01.02.csv:3: column 'c0030': unknown code 'DE' (expected a country code such as eba_GA:DE)",
            "reports/b_01.02.csv:4: column 'c0010': empty LEI (expected the entity's LEI)",
            "reports/b_02.02.csv:2: column 'c0030': unknown provider 'P7' (expected a provider code that b_05.01 column c0010 defines, or an entity LEI that b_01.02 column c0010 defines) (did you mean 'P1', 'P2', 'P3'?)",
            "reports/b_02.02.csv:2: column 'c0050': unknown function 'F1' (expected a function identifier that b_06.01 column c0010 defines)",
            "reports/b_02.02.csv:3: column 'c0020': unknown entity LEI 'E9' (expected a provider code that b_05.01 column c0010 defines, or an entity LEI that b_01.02 column c0010 defines) (did you mean 'E1', 'E2'?)",
            "reports/b_02.02.csv:3: column 'c0070': '2020-13-01' is not a date (expected YYYY-MM-DD)",
            "reports/b_02.02.csv:3: column 'c0080': '31/12/2030' is not a date (expected YYYY-MM-DD)",
            "reports/b_02.02.csv:3: column 'c0180': unknown code 'eba_ZZ:x999' (expected eba_ZZ:x797 (full), x796 (material), x795 (low), x794 (not significant) or an empty cell)",
            "reports/b_02.02.csv:3: column 'c0050': unknown function 'F9' (expected a function identifier that b_06.01 column c0010 defines)",
            "reports/b_02.02.csv:4: column 'c0050': empty function identifier (expected a function identifier that b_06.01 column c0010 defines)",
            "reports/b_05.02.csv:2: column 'c0050': rank '0' is not a positive integer (expected 1 for a direct provider, 2 or more down the chain)",
            "reports/b_05.02.csv:3: column 'c0060': empty recipient (expected a provider code that b_05.01 column c0010 defines, or an entity LEI that b_01.02 column c0010 defines)",
            "reports/b_05.02.csv:5: column 'c0050': rank 'two' is not a positive integer (expected 1 for a direct provider, 2 or more down the chain)",
            "reports/b_05.02.csv:5: column 'c0060': unknown recipient 'Q' (expected a provider code that b_05.01 column c0010 defines, or an entity LEI that b_01.02 column c0010 defines)",
            "reports/b_06.01.csv:2: column 'c0050': unknown code 'yes' (expected eba_BT:x28 (yes), eba_BT:x29 (no) or eba_BT:x21 (not assessed))",
        ]
        // The F1 error follows from b_06.01's bad row, which defines nothing.
        #expect(errors.sorted() == expectations.sorted())
    }

    @Test func missingTemplatesAndColumnsAreErrors() throws {
        var files = Self.package
        files["reports/b_06.01.csv"] = nil
        files["reports/b_05.02.csv"] = "c0010,c0020,c0030,c0060\n"
        files["copy/b_07.01.csv"] = files["reports/b_07.01.csv"]
        let path = try ImportFixture.package(files)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let errors = ImportFixture.errors({ () throws(DatasetError) in try DORARegister.importPackages([path]) }, cutting: path)
        #expect(errors.contains("\(path): template b_06.01 is missing (expected a file named b_06.01.csv in the package)"))
        #expect(errors.contains("reports/b_05.02.csv:1: column 'c0050': required column is missing from template b_05.02 (header has: 'c0010,c0020,c0030,c0060')"))
        #expect(errors.contains { $0.hasPrefix("\(path): template b_07.01 appears 2 times") })
        #expect(ImportFixture.errors({ () throws(DatasetError) in try DORARegister.importPackages([path + "/nothing"]) }, cutting: path)
            == ["nothing: no such file or directory (expected a report package: a .zip file or a directory)"])
    }
}
