import Foundation
import Testing
@testable import TrustGraphCore

/// `--merge-into`: an import added to a dataset an analyst keeps — suppliers matched by id,
/// then by exact name, rows updated or appended by key, nothing removed, other files kept.
@Suite struct DatasetMergeTests {
    /// Writes `files` (name → text) as a dataset directory and returns its path.
    static func dataset(_ files: [String: String]) throws -> String {
        try ImportFixture.package(files)
    }

    /// The records of a merged file, header first, each as its cells joined by "|".
    static func rows(_ merged: MergedDataset, _ file: String) -> [String] {
        guard let bytes = merged.files.first(where: { $0.name == file })?.bytes else { return [] }
        return bytes.withUnsafeBytes { buffer in
            var reader = CSVReader(buffer)
            var lines: [String] = []
            while case .record = reader.next() { lines.append((0..<reader.fieldCount).map { reader.string($0) }.joined(separator: "|")) }
            return lines
        }
    }

    static func bytes(_ merged: MergedDataset, _ file: String) -> [UInt8]? { merged.files.first { $0.name == file }?.bytes }

    /// The dataset an analyst keeps beside the register of `ImportDORATests.package`.
    static let handKept: [String: String] = [
        "suppliers.csv": """
        id,name,country,sector,entity_type,owner
        E1,Bank One,DE,financial-entity,eba_CT:x12,risk office
        cloud-1,Cloud,IE,cloud,,platform team
        hosting-a,Hosting,FR,hosting,,
        colo-a,Colo,,colo,,
        colo-b,Colo,NL,colo,,
        printer,Print Co,DE,print,,facilities

        """,
        "dependencies.csv": """
        consumer,provider,criticality,group,service,contract
        E1,cloud-1,high,,eba_TA:S17,K1
        E1,cloud-1,low,,eba_TA:S18,K4
        E1,printer,low,,printing,
        E1,colo-a,medium,,eba_TA:S19,

        """,
        "certifications.csv": """
        supplier,scheme,status,issued,expires,last_evidence,scope
        cloud-1,ISO/IEC 27001:2022,valid,2025-01-01,2027-12-31,2025-06-01,full
        printer,ISO27001,valid,2024-01-01,2026-12-31,2025-01-01,full

        """,
        "recognition.csv": "source,target,coverage\nBSI-C5,EUCS-HIGH,0.9\n",
        "notes.txt": "Certificates checked by hand against the PDFs on file.\n",
    ]

    @Test func aRegisterMergesIntoAHandKeptDataset() throws {
        let package = try ImportFixture.package(ImportDORATests.package)
        let directory = try Self.dataset(Self.handKept)
        defer { try? FileManager.default.removeItem(atPath: package); try? FileManager.default.removeItem(atPath: directory) }
        let imported = try DORARegister.importPackages([package])
        let merged = try imported.merged(into: try ExistingDataset.read(directory))

        #expect(Self.rows(merged, "suppliers.csv") == [
            "id|name|country|sector|entity_type|owner|annual_expense|ultimate_parent",
            "E1|Bank One|DE|financial-entity|eba_CT:x12|risk office||",   // by id; every cell the import gives is the same
            "cloud-1|Cloud|IE|ict-provider||platform team|100|PX",       // P1 by exact name: its cells win, the owner stays
            "hosting-a|Hosting|FR|hosting||||",                            // "Hosting" is not "Hosting, Inc."
            "colo-a|Colo||colo||||",                                       // two suppliers are named Colo: P3 matches neither
            "colo-b|Colo|NL|colo||||",
            "printer|Print Co|DE|print||facilities||",                     // not in the register: kept
            "E2|Bank Two||financial-entity|eba_CT:x21||7|E1",
            "P2|Hosting, Inc.|FR|ict-provider|||20|",
            "P3|Colo||ict-provider||||",
        ])
        // P1 is cloud-1 in every row; the n-th imported row of a (consumer, provider, service) updates the n-th kept one.
        #expect(Self.rows(merged, "dependencies.csv") == [
            "consumer|provider|criticality|group|service|contract|substitutability",
            "E1|cloud-1|critical||eba_TA:S17|K1|",   // updated: the register says critical
            "E1|cloud-1|low||eba_TA:S18|K4|",        // unchanged
            "E1|printer|low||printing||",            // kept
            "E1|colo-a|medium||eba_TA:S19||",        // kept: the register's row names P3, not colo-a
            "E1|P2|high||eba_TA:S19|K2|eba_ZZ:x959",
            "E1|P3|medium||eba_TA:S19|K3|",
            "E1|P2|low||eba_TA:S01|K5|",
            "E1|P3|medium||eba_TA:S02|K6|",
            "E1|P3|high||eba_TA:S03|K7|",
            "E2|cloud-1|critical||eba_TA:S17|K8|",
            "cloud-1|P2|critical||eba_TA:S08|K1|eba_ZZ:x960",
            "P2|P3|critical||eba_TA:S07|K1|",
            "cloud-1|P3|low||eba_TA:S08|K4|",
        ])
        // The files the import does not give are written back byte for byte.
        for name in ["certifications.csv", "recognition.csv", "notes.txt"] {
            #expect(Self.bytes(merged, name) == Array(Self.handKept[name]!.utf8))
        }
        #expect(merged.files.map(\.name) == ["suppliers.csv", "dependencies.csv", "certifications.csv", "recognition.csv", "notes.txt"])
        #expect(merged.changed == ["suppliers.csv", "dependencies.csv"])

        let merge = try #require(merged.summary.merge)
        var suppliers = MergeSummary.Rows()
        (suppliers.added, suppliers.updated, suppliers.unchanged, suppliers.kept) = (3, 1, 1, 4)
        suppliers.updatedColumns = ["sector", "annual_expense", "ultimate_parent"]
        #expect(merge.suppliers == suppliers)
        var dependencies = MergeSummary.Rows()
        (dependencies.added, dependencies.updated, dependencies.unchanged, dependencies.kept) = (9, 1, 1, 2)
        dependencies.updatedColumns = ["criticality"]
        #expect(merge.dependencies == dependencies)
        #expect(!merge.certifications.imported && merge.certifications.kept == 2)
        #expect(merge.matchedByName == [MergeSummary.Rename(imported: "P1", existing: "cloud-1")])
        #expect(merge.sharedNames == ["P3"])
        #expect(merged.summary.imported.map(\.text) == ["5 suppliers", "11 dependency rows", "0 certifications"])
        #expect(merged.summary.written.map(\.text) == ["9 suppliers", "13 dependency rows", "2 certifications"])
        // The dataset has certifications: the import's "no certifications" note no longer holds.
        #expect(!merged.summary.notes.contains(ImportSummary.noCertificationsNote))
        #expect(merged.summary.warningCount == 4)
        #expect(merged.summary.lines.suffix(12) == [
            "merged: 1 intra-group provider (an id in both b_01.02 and b_05.01), written once as a financial entity",
            "merged into \(directory):",
            "  suppliers: 3 added, 1 updated (sector, annual_expense, ultimate_parent), 1 unchanged, 4 not in the import (kept)",
            "  dependency rows: 9 added, 1 updated (criticality), 1 unchanged, 2 not in the import (kept)",
            "  certifications: none imported, 2 kept",
            "  matched by name (imported id → dataset id): P1 → cloud-1",
            "wrote: 9 suppliers, 13 dependency rows, 2 certifications",
            "warnings: 4 from checking the dataset (trustgraph validate lists them all); the first 3:",
            "  warning: suppliers.csv:2: column 'id': supplier 'E1' has no certification and nothing depends on it (its base trust is its prior alone)",
            "  warning: suppliers.csv:4: column 'id': supplier 'hosting-a' has no certification and nothing depends on it (its base trust is its prior alone)",
            "  warning: suppliers.csv:6: column 'id': supplier 'colo-b' has no certification and nothing depends on it (its base trust is its prior alone)",
            "note: 1 imported supplier not matched by name, the name being shared (by several suppliers, or by one matched by id), added under the imported id: 'P3'",
        ])

        // The merged dataset loads and solves with the hand-kept certificates on the register's graph.
        var contents: [String: [UInt8]] = [:]
        for (name, bytes) in merged.files where DatasetLoader.fileNames.contains(name) { contents[name] = bytes }
        let (dataset, _) = try DatasetLoader.load(contents: contents)
        let (model, solution) = Fixture.solve(dataset, date: ImportDORATests.date)
        // printer: ISO27001 whose evidence is 180 days old at 2025-06-30 (half-life 180): 0.3 + 0.7 × 0.6 × 0.5.
        #expect(abs(Fixture.trust("printer", model, solution) - 0.51) < 1e-12)
        // cloud-1: its own ISO27001 (evidence 29 days old), but it depends critically on P2, which has none.
        let cloud = model.dataset.suppliers.find("cloud-1")!
        #expect(abs(solution.base[cloud] - (0.3 + 0.7 * 0.6 * pow(0.5, 29.0 / 180.0))) < 1e-12)
        #expect(abs(solution.trust[cloud] - 0.3) < 1e-12)
    }

    @Test func aBOMMergesCertificationsByKeyAndKeepsTheAnalystsScheme() throws {
        let bom = ImportFixture.attestingBOMStart + """
           "attestations": [{"assessor": "as", "map": [
             {"requirement": "iso-a5", "claims": ["c1"], "conformance": {"score": 1}},
             {"requirement": "own-1", "claims": ["c3"], "conformance": {"score": 0.5}}]}],
           "claims": [{"bom-ref": "c1", "target": "svc", "evidence": ["e1", "e2"]}, {"bom-ref": "c3"}],
           "evidence": [
             {"bom-ref": "e1", "created": "2025-01-10T00:00:00Z", "expires": "2027-01-09T00:00:00Z"},
             {"bom-ref": "e2", "created": "2025-06-01T12:00:00+02:00"}]}}
        """
        let files: [String: String] = [
            "suppliers.csv": "id,name\nmaker,Maker\nprov-a,Provider A\naudit-1,Auditor AB\n",
            "dependencies.csv": "consumer,provider,criticality,service\nmaker,prov-a,critical,API\n",
            "certifications.csv": """
            supplier,scheme,status,issued,expires,last_evidence,scope
            prov-a,ISO/IEC 27001:2022,valid,2025-01-10,2026-12-31,2025-01-10,full
            prov-a,BSI-C5,valid,2025-01-01,2026-12-31,2025-01-01,full
            maker,Internal Baseline,valid,,,,full

            """,
            "schemes.csv": "scheme,assurance,evidence_half_life_days\nInternal Baseline,0.4,365\n",
        ]
        let directory = try Self.dataset(files)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let imported = try ImportCycloneDXTests.importing(bom)
        let merged = try imported.merged(into: try ExistingDataset.read(directory))
        #expect(Self.rows(merged, "certifications.csv") == [
            "supplier|scheme|status|issued|expires|last_evidence|scope|assessor|conformance",
            // ISO27001 is the scheme the row names as ISO/IEC 27001:2022: one key, the analyst's spelling kept.
            "prov-a|ISO/IEC 27001:2022|valid|2025-01-10|2027-01-09|2025-01-10|full|audit-1|1.0",
            "prov-a|BSI-C5|valid|2025-01-01|2026-12-31|2025-01-01|full||",
            "maker|Internal Baseline|valid||||partial|audit-1|0.5",
            "prov-a|ISO27001|valid|2025-06-01||2025-06-01|full|audit-1|1.0",
        ])
        // The analyst gave Internal Baseline an assurance; the import's row with 0 does not replace it.
        #expect(Self.bytes(merged, "schemes.csv") == Array(files["schemes.csv"]!.utf8))
        let merge = try #require(merged.summary.merge)
        #expect((merge.schemesAdded, merge.schemesKept) == (0, 1))
        #expect(merge.certifications.text == "1 added, 2 updated (expires, assessor, conformance, scope), 0 unchanged, 1 not in the import (kept)")
        #expect(merge.matchedByName == [MergeSummary.Rename(imported: "provider-a", existing: "prov-a"),
                                        MergeSummary.Rename(imported: "auditor-ab", existing: "audit-1")])
        // The import's criticality wins (a BOM says medium unless a component is optional).
        #expect(merge.dependencies.text == "0 added, 1 updated (criticality, bom_ref), 0 unchanged, 0 not in the import (kept)")
        #expect(!merged.summary.notes.contains { $0.contains("the scheme catalogue does not know") })
        #expect(merged.summary.lines.contains("  schemes: 0 added, 1 already in the dataset (kept as it has them)"))

        var contents: [String: [UInt8]] = [:]
        for (name, bytes) in merged.files { contents[name] = bytes }
        let (dataset, _) = try DatasetLoader.load(contents: contents)
        let (model, solution) = Fixture.solve(dataset, date: Day("2026-01-15")!)
        // Maker's Internal Baseline counts with the analyst's 0.4, partial scope (× 0.5), evidence undated (freshness 1).
        #expect(abs(solution.base[model.dataset.suppliers.find("maker")!] - (0.3 + 0.7 * 0.4 * 0.5)) < 1e-12)
    }

    @Test func aNameIsMatchedOnlyWhenOneSupplierOnEachSideHasIt() throws {
        let directory = try Self.dataset([
            "suppliers.csv": "id,name\na1,Acme\nb1,Beta\ng1,Gamma\nd1,\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var suppliers = ImportedTable(header: ["id", "name", "ultimate_parent"])
        for row in [["x1", "Acme", ""], ["x2", "Acme", ""], ["b1", "Beta Corp", ""], ["y", "Beta", ""], ["z", "Gamma", "x1"], ["w", "d1", "z"]] {
            suppliers.append(row)
        }
        var dependencies = ImportedTable(header: ["consumer", "provider", "criticality", "group", "service"])
        dependencies.append(["x1", "z", "high", "", "s"])
        dependencies.append(["w", "y", "low", "", "s"])
        let imported = ImportedDataset(suppliers: suppliers, dependencies: dependencies)
        let merged = try imported.merged(into: try ExistingDataset.read(directory))
        let merge = try #require(merged.summary.merge)
        // Two imported suppliers are named Acme: neither is a1. b1 is matched by id, so y (Beta) is not b1.
        // Gamma is g1; d1 has no name, so its name is its id, which w names.
        #expect(merge.matchedByName == [MergeSummary.Rename(imported: "z", existing: "g1"), MergeSummary.Rename(imported: "w", existing: "d1")])
        #expect(merge.sharedNames == ["x1", "x2", "y"])
        #expect(Self.rows(merged, "suppliers.csv") == [
            "id|name|ultimate_parent", "a1|Acme|", "b1|Beta Corp|", "g1|Gamma|x1", "d1|d1|g1", "x1|Acme|", "x2|Acme|", "y|Beta|",
        ])
        #expect(Self.rows(merged, "dependencies.csv") == [
            "consumer|provider|criticality|group|service", "x1|g1|high||s", "d1|y|low||s",
        ])
    }

    @Test func aDatasetWithAnErrorIsNotMergedInto() throws {
        let directory = try Self.dataset([
            "suppliers.csv": "id,name\na,A\na,Again\n",
            "dependencies.csv": "consumer,provider\na,zz\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            _ = try ExistingDataset.read(directory)
            Issue.record("a dataset with errors was read")
        } catch {
            #expect(error.errors.map(\.description) == [
                "\(directory)/suppliers.csv:3: column 'id': duplicate supplier id 'a' (first on line 2)",
                "\(directory)/dependencies.csv:2: column 'provider': unknown supplier 'zz' (expected an id from suppliers.csv)",
            ])
        }
        #expect(throws: DatasetError.self) { try ExistingDataset.read(directory + "/missing") }
    }

    @Test func aSpreadsheetExportIsNotRewritten() throws {
        // It loads (semicolons are detected), but a merge would write it back comma-separated.
        let directory = try Self.dataset(["suppliers.csv": "id;name\nE9;Someone\n"])
        let package = try ImportFixture.package(ImportDORATests.package)
        defer { try? FileManager.default.removeItem(atPath: directory); try? FileManager.default.removeItem(atPath: package) }
        let existing = try ExistingDataset.read(directory)
        let imported = try DORARegister.importPackages([package])
        do {
            _ = try imported.merged(into: existing)
            Issue.record("a semicolon-separated file was merged")
        } catch {
            #expect(error.errors.map(\.description) == [
                "\(directory)/suppliers.csv: the file is semicolon-separated, and a merge rewrites it as comma-separated UTF-8 "
                    + "(save it as comma-separated UTF-8 first, or import with -o into a new dataset)",
            ])
        }
    }

    @Test func writingInPlaceKeepsEveryFileAndRefusesASubdirectory() throws {
        let package = try ImportFixture.package(ImportDORATests.package)
        let directory = try Self.dataset(Self.handKept)
        defer { try? FileManager.default.removeItem(atPath: package); try? FileManager.default.removeItem(atPath: directory) }
        let imported = try DORARegister.importPackages([package])
        let merged = try imported.merged(into: try ExistingDataset.read(directory))
        try merged.write(to: directory, replacing: false)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            == ["certifications.csv", "dependencies.csv", "notes.txt", "recognition.csv", "suppliers.csv"])
        #expect(try String(contentsOfFile: directory + "/notes.txt", encoding: .utf8) == Self.handKept["notes.txt"])
        #expect(try String(contentsOfFile: directory + "/suppliers.csv", encoding: .utf8).hasPrefix(
            "id,name,country,sector,entity_type,owner,annual_expense,ultimate_parent\nE1,"))

        try FileManager.default.createDirectory(atPath: directory + "/archive", withIntermediateDirectories: false)
        let again = try imported.merged(into: try ExistingDataset.read(directory))
        #expect(again.changed.isEmpty)
        #expect(throws: FileBytes.WriteError.self) { try again.write(to: directory, replacing: true) }
        #expect(FileManager.default.fileExists(atPath: directory + "/archive"))
    }
}
