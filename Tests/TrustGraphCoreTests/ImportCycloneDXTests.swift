import Foundation
import Testing
@testable import TrustGraphCore

/// `import cyclonedx`: organisations in every role, nesting, dependency lifting,
/// 1.6 attestations, 1.4 and 1.5 shapes, and hostile documents.
@Suite struct ImportCycloneDXTests {
    /// Writes `text` as a document and imports it (with `more` documents after it).
    static func importing(_ texts: String...) throws -> ImportedDataset {
        let dir = try ImportFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var paths: [String] = []
        for (k, text) in texts.enumerated() {
            paths.append(dir + "/bom\(k).json")
            try Data(text.utf8).write(to: URL(fileURLWithPath: paths[k]))
        }
        return try CycloneDXBOM.importDocuments(paths)
    }

    /// The errors of importing `text`, with the directory cut.
    static func errors(_ text: String) throws -> [String] {
        let dir = try ImportFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/bom.json"))
        return ImportFixture.errors({ () throws(DatasetError) in try CycloneDXBOM.importDocuments([dir + "/bom.json"]) }, cutting: dir)
    }

    static let bom16 = """
    {
      "bomFormat": "CycloneDX", "specVersion": "1.6",
      "metadata": {
        "manufacturer": {"name": "Maker GmbH", "address": {"country": "de"}},
        "supplier": {"name": "Reseller BV"},
        "component": {"bom-ref": "app", "name": "App"}
      },
      "components": [
        {"bom-ref": "core", "name": "core", "publisher": "Maker GmbH",
         "components": [{"bom-ref": "codec", "name": "codec", "supplier": {"name": "Codec Ltd", "url": ["https://codec.example"]}}]},
        {"bom-ref": "glue", "name": "glue"},
        {"bom-ref": "crypto", "name": "crypto", "manufacturer": {"name": "Cipher, Inc."}, "supplier": {"name": "Distributor AG"}},
        {"bom-ref": "charts", "name": "charts", "publisher": "Charts Org", "scope": "optional"},
        {"bom-ref": "unused", "name": "unused", "publisher": "Gone Ltd", "scope": "excluded"}
      ],
      "services": [
        {"bom-ref": "hosting", "name": "Hosting", "provider": {"name": "Cloud SE"},
         "services": [{"bom-ref": "storage", "name": "Storage", "provider": {"name": "Disk Co"}}]}
      ],
      "dependencies": [
        {"ref": "app", "dependsOn": ["core", "charts", "hosting", "unused"]},
        {"ref": "core", "dependsOn": ["glue"]},
        {"ref": "glue", "dependsOn": ["crypto"]}
      ]
    }
    """

    @Test func everyRoleBecomesASupplierAndDependenciesAreLifted() throws {
        let imported = try Self.importing(Self.bom16)
        #expect(ImportFixture.rows(imported, "suppliers.csv") == [
            "id|name|country|roles|url",
            "maker-gmbh|Maker GmbH|DE|manufacturer publisher|",
            "reseller-bv|Reseller BV||supplier|",
            "codec-ltd|Codec Ltd||supplier|https://codec.example",
            "distributor-ag|Distributor AG||supplier|",
            "cipher-inc|Cipher, Inc.||manufacturer|",
            "charts-org|Charts Org||publisher|",
            "gone-ltd|Gone Ltd||publisher|",
            "cloud-se|Cloud SE||provider|",
            "disk-co|Disk Co||provider|",
        ])
        #expect(ImportFixture.rows(imported, "dependencies.csv") == [
            "consumer|provider|criticality|group|service|bom_ref",
            // The subject (the metadata's manufacturer) consumes what the app depends on.
            "maker-gmbh|cloud-se|medium||Hosting|hosting",
            "maker-gmbh|charts-org|low||charts|charts",      // scope optional
            // core is the maker's own (publisher): its nested codec and, through glue
            // (no organisation), crypto's supplier (the supplier wins over the manufacturer).
            "maker-gmbh|distributor-ag|medium||crypto|crypto",
            "maker-gmbh|codec-ltd|medium||codec|codec",
            // A nested service is a dependency of its parent.
            "cloud-se|disk-co|medium||Storage|storage",
        ])
        #expect(imported.summary.droppedCount("dependency on a component of scope 'excluded'") == 1)
        let (dataset, _) = try imported.check()
        #expect(dataset.suppliers.count == 9)
    }

    @Test func theShapesOf14And15Documents() throws {
        // 1.4: no metadata manufacturer; the component's supplier is the subject.
        let bom14 = """
        {"bomFormat": "CycloneDX", "specVersion": "1.4",
         "metadata": {"component": {"bom-ref": "app", "name": "App", "supplier": {"name": "Vendor Oy"}}},
         "components": [{"bom-ref": "lib", "name": "lib", "publisher": "Lib Foundation"}]}
        """
        // 1.5: the deprecated metadata.manufacture; no dependencies: top-level components hang off the subject.
        let bom15 = """
        {"bomFormat": "CycloneDX", "specVersion": "1.5",
         "metadata": {"manufacture": {"name": "Factory SA"}},
         "components": [{"bom-ref": "x", "name": "x", "supplier": {"name": "Vendor OY"}}]}
        """
        let imported = try Self.importing(bom14, bom15)
        // "Vendor OY" has the slug of "Vendor Oy": one supplier, the first name kept.
        #expect(ImportFixture.rows(imported, "suppliers.csv") == [
            "id|name|country|roles|url", "vendor-oy|Vendor Oy||supplier|", "lib-foundation|Lib Foundation||publisher|",
            "factory-sa|Factory SA||manufacturer|",
        ])
        #expect(ImportFixture.rows(imported, "dependencies.csv") == [
            "consumer|provider|criticality|group|service|bom_ref",
            "vendor-oy|lib-foundation|medium||lib|lib",
            "factory-sa|vendor-oy|medium||x|x",
        ])
    }

    @Test func attestationsBecomeCertifications() throws {
        let bom = ImportFixture.attestingBOMStart + """
           "targets": {"organizations": [{"bom-ref": "org-b", "name": "Provider B"}]},
           "attestations": [{"assessor": "as", "map": [
             {"requirement": "iso-a5", "claims": ["c1", "c2"], "conformance": {"score": 1}},
             {"requirement": "own-1", "claims": ["c3"], "conformance": {"score": 0.5}},
             {"requirement": "iso", "claims": ["c1"], "conformance": {"score": 0}}]}],
           "claims": [
             {"bom-ref": "c1", "target": "svc", "evidence": ["e1", "e2"]},
             {"bom-ref": "c2", "target": "org-b"},
             {"bom-ref": "c3"}],
           "evidence": [
             {"bom-ref": "e1", "created": "2025-01-10T00:00:00Z", "expires": "2027-01-09T00:00:00Z"},
             {"bom-ref": "e2", "created": "2025-06-01T12:00:00+02:00"}]}}
        """
        let imported = try Self.importing(bom)
        #expect(ImportFixture.rows(imported, "certifications.csv") == [
            "supplier|scheme|status|issued|expires|last_evidence|scope|assessor|conformance",
            "provider-a|ISO27001|valid|2025-01-10|2027-01-09|2025-01-10|full|auditor-ab|1.0",
            "provider-a|ISO27001|valid|2025-06-01||2025-06-01|full|auditor-ab|1.0",
            "provider-b|ISO27001|valid||||full|auditor-ab|1.0",
            // No target: the document's subject. Conformance below 1: partial scope.
            "maker|Internal Baseline|valid||||partial|auditor-ab|0.5",
        ])
        #expect(ImportFixture.rows(imported, "schemes.csv") == ["scheme|assurance|evidence_half_life_days", "Internal Baseline|0|"])
        #expect(imported.summary.droppedCount("attestation entry with a conformance score of 0") == 1)
        let (dataset, _) = try imported.check()
        let (model, solution) = Fixture.solve(dataset, date: Day("2026-01-15")!)
        // Provider A: ISO27001 (0.6), fresh evidence counts only by date window here (no half-life loss: last_evidence
        // 2025-06-01, 228 days before, half-life 180 → 0.6 × 0.5^(228/180)); the best row wins.
        let fresh = 0.6 * pow(0.5, 228.0 / 180.0)
        let expected = 0.3 + 0.7 * fresh
        #expect(abs(solution.base[model.dataset.suppliers.find("provider-a")!] - expected) < 1e-12)
        // Internal Baseline has assurance 0: Maker's base trust stays the prior.
        #expect(abs(solution.base[model.dataset.suppliers.find("maker")!] - 0.3) < 1e-12)
    }

    @Test func unknownReferencesAreErrorsWithLineAndColumn() throws {
        let bom = """
        {"bomFormat": "CycloneDX",
         "components": [{"bom-ref": "core", "name": "core"}, {"bom-ref": "core", "name": "again"}],
         "dependencies": [
           {"ref": "core", "dependsOn": ["cor3"]},
           {"ref": "nothing"}]}
        """
        #expect(try Self.errors(bom) == [
            "bom.json:2: column 66: bom-ref 'core' is used twice (first at line 2); expected a unique bom-ref",
            "bom.json:4: column 34: unknown bom-ref 'cor3' (expected the bom-ref of a component or service of this document) (did you mean 'core'?)",
            "bom.json:5: column 12: unknown bom-ref 'nothing' (expected the bom-ref of a component or service of this document)",
        ])
    }

    @Test func aCycleImportsAndSolves() throws {
        let bom = """
        {"bomFormat": "CycloneDX",
         "components": [{"bom-ref": "a", "name": "a", "publisher": "A"}, {"bom-ref": "b", "name": "b"},
                        {"bom-ref": "c", "name": "c", "publisher": "C"}],
         "dependencies": [{"ref": "a", "dependsOn": ["b"]}, {"ref": "b", "dependsOn": ["c", "b"]}, {"ref": "c", "dependsOn": ["a"]}]}
        """
        let imported = try Self.importing(bom)
        #expect(ImportFixture.rows(imported, "dependencies.csv") == [
            "consumer|provider|criticality|group|service|bom_ref", "a|c|medium||c|c", "c|a|medium||a|a",
        ])
        let (dataset, _) = try imported.check()
        #expect(Fixture.solve(dataset).1.report.converged)
    }

    @Test func hostileDocumentsFailWithAPosition() throws {
        #expect(try Self.errors("{\"bomFormat\": \"CycloneDX\",\n \"components\": [}") ==
            ["bom.json:2: column 17: expected a value (an object, array, string, number, true, false or null) (XML documents are not read: give the JSON form)"])
        #expect(try Self.errors("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"/>").first?.hasPrefix("bom.json:1: column 1: expected a value") == true)
        let deep = "{\"bomFormat\": \"CycloneDX\", \"x\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        #expect(try Self.errors(deep) ==
            ["bom.json:1: column 288: arrays and objects nested more than 256 deep (XML documents are not read: give the JSON form)"])
        #expect(try Self.errors("{\"bomFormat\": \"SPDX\"}") ==
            ["bom.json:1: column 15: not a CycloneDX document (expected \"bomFormat\": \"CycloneDX\")"])
        #expect(try Self.errors("{\"bomFormat\": \"CycloneDX\", \"s\": \"\\ud83d\\ude00 \u{1}\"}").first?.contains("a control character inside a string") == true)
    }

    @Test func theJSONReaderReadsEscapesAndNumbers() throws {
        let node = try JSONReader.parse(Array(#"{"a": "x\"\\\/\n\u00e9\ud83d\ude00", "n": -1.5e2, "t": [true, false, null]}"#.utf8))
        #expect(node["a"]?.string == "x\"\\/\né😀")
        #expect(node["n"]?.number == -150)
        #expect(node["t"]?.elements.count == 3)
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse(Array("01".utf8)) }
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse(Array("{} x".utf8)) }
    }

    @Test func slugsAreStable() {
        #expect(CycloneDXBOM.slug("Acme, Inc.") == "acme-inc")
        #expect(CycloneDXBOM.slug("  Björn & Co. GmbH ") == "björn-co-gmbh")
        #expect(CycloneDXBOM.slug("—") == "org")
    }

    /// The CycloneDX project's own example documents, when the shared folder beside the repository has them:
    /// every organisation they name becomes a supplier, and every dataset validates.
    @Test func theProjectsExampleDocumentsImportAndValidate() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data/cyclonedx")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        let expected: [String: (suppliers: Int, rows: Int, certifications: Int)] = [
            "valid-service-1.6.json": (2, 1, 0), "valid-attestation-1.6.json": (2, 0, 1), "valid-bom-1.6.json": (3, 1, 0),
            "valid-metadata-manufacturer-1.6.json": (1, 0, 0), "valid-metadata-manufacture-1.6.json": (1, 0, 0),
            "valid-metadata-supplier-1.6.json": (1, 0, 0), "valid-dependency-1.6.json": (0, 0, 0),
            "saasbom-apigateway-microservices-datastores.json": (1, 0, 0), "juice-shop-via_npm-flat-bom.1.4.json": (0, 0, 0),
        ]
        for name in names.sorted() where name.hasSuffix(".json") {
            let imported = try CycloneDXBOM.importDocuments([folder.appendingPathComponent(name).path])
            let (dataset, _) = try imported.check()
            let counts = (dataset.suppliers.count, dataset.dependencies.count, dataset.certifications.count)
            #expect(expected[name].map { $0 == counts } ?? true, "\(name): \(counts)")
        }
    }
}
