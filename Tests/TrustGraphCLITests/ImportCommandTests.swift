import Foundation
import Testing
import TrustGraphCore

/// `trustgraph import`: the sample register and BOM import, validate and solve; errors write nothing.
@Suite struct ImportCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func sample(_ path: String) -> String { root.appendingPathComponent("samples/" + path).path }

    @Test func theSampleRegisterImportsValidatesAndAnalyses() throws {
        let dir = try CLI.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/nordbank"
        let r = try CLI.run(["import", "dora-roi", Self.sample("dora-roi/nordbank-group-2025"),
                             "--certifications", Self.sample("dora-roi/certifications.csv"), "-o", out])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("read: 3 entities (b_01.02), 15 providers (b_05.01), 8 functions (b_06.01), 15 contract rows (b_02.02), 11 chain rows (b_05.02), 4 assessment rows (b_07.01)\nwrote: 17 suppliers, 21 dependency rows, 13 certifications\n"))
        #expect(try CLI.run(["validate", out]).status == 0)
        let analyze = try CLI.run(["analyze", out, "--date", "2025-12-31", "--format", "csv"])
        #expect(analyze.status == 0)
        // HyperCloud carries the most dependents: the concentration a supervisor looks for.
        let hyper = analyze.stdout.split(separator: "\n").first { $0.hasPrefix("549300HYPERCLOUDEU01,") }?.split(separator: ",")
        #expect(hyper?[2] == "7" && hyper?[3] == "6")
        // A second run needs --force.
        let again = try CLI.run(["import", "dora-roi", Self.sample("dora-roi/nordbank-group-2025"), "-o", out])
        #expect(again.status == 1)
        #expect(again.stderr == "error: cannot write '\(out)': the directory is not empty (add --force to replace it)\n")
        #expect(try CLI.run(["import", "dora-roi", Self.sample("dora-roi/nordbank-group-2025"), "-o", out, "--force"]).status == 0)
    }

    @Test func anErrorWritesNothing() throws {
        let dir = try CLI.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bad = dir + "/bad.json"
        try Data("{\"bomFormat\": \"CycloneDX\", \"dependencies\": [{\"ref\": \"x\"}]}".utf8).write(to: URL(fileURLWithPath: bad))
        let r = try CLI.run(["import", "cyclonedx", Self.sample("cyclonedx/payments-saasbom.json"), bad, "-o", dir + "/out"])
        #expect(r.status == 1)
        #expect(r.stderr == "\(bad):1: column 53: unknown bom-ref 'x' (expected the bom-ref of a component or service of this document)\n1 error; nothing was written\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["bad.json"])
        let date = try CLI.run(["import", "dora-roi", dir, "--date", "2025-02-30", "-o", dir + "/out"])
        #expect(date.status == 64)
    }

    @Test func theSampleBOMImportsAndSolves() throws {
        let dir = try CLI.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLI.run(["import", "cyclonedx", Self.sample("cyclonedx/payments-saasbom.json"), "-o", dir + "/saas"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("wrote: 8 suppliers, 7 dependency rows, 3 certifications\n"))
        let solve = try CLI.run(["solve", dir + "/saas", "--date", "2026-03-31", "--format", "csv"])
        #expect(solve.status == 0)
        #expect(solve.stdout.contains("hypercloud-europe-se,HyperCloud Europe SE,"))
    }

    /// The files of a directory, by name.
    static func files(_ dir: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) {
            result[name] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
        }
        return result
    }

    /// The rows of a CSV file without quoted cells, as dictionaries.
    static func rows(_ path: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    /// A copy of the dataset the sample's vendor-risk team keeps by hand, in a new directory under `dir`.
    static func handKept(in dir: String) throws -> String {
        let copy = dir + "/nordbank"
        try FileManager.default.copyItem(atPath: sample("dora-roi/nordbank-by-hand"), toPath: copy)
        return copy
    }

    @Test func aRegisterMergesIntoADatasetInPlace() throws {
        let dir = try CLI.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let dataset = try Self.handKept(in: dir)
        let before = try Self.files(dataset)
        let r = try CLI.run(["import", "dora-roi", Self.sample("dora-roi/nordbank-group-2025"), "--merge-into", dataset])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        #expect(r.stdout == """
            read: 3 entities (b_01.02), 15 providers (b_05.01), 8 functions (b_06.01), 15 contract rows (b_02.02), 11 chain rows (b_05.02), 4 assessment rows (b_07.01)
            imported: 17 suppliers, 21 dependency rows, 0 certifications
            dropped: 5:
              1 b_02.02 row whose arrangement is not active at the date
              1 rank-1 b_05.02 row (it restates b_02.02)
              1 b_05.02 row whose arrangement has no active b_02.02 row
              1 self-dependency (the recipient is its own provider)
              1 duplicate row (same consumer, provider, criticality and service)
            merged: 1 intra-group provider (an id in both b_01.02 and b_05.01), written once as a financial entity
            merged into \(dataset):
              suppliers: 14 added, 3 updated (sector, entity_type, annual_expense, ultimate_parent, country), 0 unchanged, 1 not in the import (kept)
              dependency rows: 20 added, 1 updated (criticality, contract, substitutability), 0 unchanged, 1 not in the import (kept)
              certifications: none imported, 4 kept
              matched by name (imported id → dataset id): 549300HYPERCLOUDEU01 → hypercloud, 391200STRATUSHOST0002 → stratus
            wrote: 18 suppliers, 22 dependency rows, 4 certifications
            warnings: 3 from checking the dataset (trustgraph validate lists them all):
              warning: suppliers.csv:2: column 'id': supplier '529900NORDBANKGRP01' has no certification and nothing depends on it (its base trust is its prior alone)
              warning: suppliers.csv:6: column 'id': supplier '529900NORDVERSICH02' has no certification and nothing depends on it (its base trust is its prior alone)
              warning: suppliers.csv:13: column 'id': supplier '213800LEDGERSOFT00008' has no certification and nothing depends on it (its base trust is its prior alone)
            wrote \(dataset)/ (suppliers.csv, dependencies.csv merged; certifications.csv, schemes.csv, README.md as they were)

            """)
        // The hand-kept files are as they were; the register's rows use the team's ids.
        let after = try Self.files(dataset)
        #expect(after.keys.sorted() == before.keys.sorted())
        for name in ["certifications.csv", "schemes.csv", "README.md"] { #expect(after[name] == before[name]) }
        let rows = try Self.rows(dataset + "/dependencies.csv")
        #expect(rows.count == 22)
        #expect(!rows.contains { $0["provider"] == "549300HYPERCLOUDEU01" })
        #expect(rows.filter { $0["provider"] == "hypercloud" }.count == 7)
        #expect(rows.contains { $0["consumer"] == "529900NORDBANKGRP01" && $0["provider"] == "printhouse" })
        let analyze = try CLI.run(["analyze", dataset, "--date", "2025-12-31", "--format", "csv"])
        #expect(analyze.status == 0)
        // HyperCloud, now under the team's id, carries the same dependents as in the plain import.
        let hyper = analyze.stdout.split(separator: "\n").first { $0.hasPrefix("hypercloud,") }?.split(separator: ",")
        #expect(hyper?[2] == "7" && hyper?[3] == "6")

        // The same register again changes nothing, and nothing is written.
        let again = try CLI.run(["import", "dora-roi", Self.sample("dora-roi/nordbank-group-2025"), "--merge-into", dataset])
        #expect(again.status == 0)
        #expect(again.stdout.contains("  suppliers: 0 added, 0 updated, 17 unchanged, 1 not in the import (kept)\n"))
        #expect(again.stdout.hasSuffix("nothing to change: \(dataset)/ left as it was\n"))
        #expect(try Self.files(dataset) == after)
    }

    @Test func withOutputTheDatasetMergedIntoIsUntouched() throws {
        let dir = try CLI.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let dataset = try Self.handKept(in: dir)
        let before = try Self.files(dataset)
        let out = dir + "/merged"
        let r = try CLI.run(["import", "cyclonedx", Self.sample("cyclonedx/payments-saasbom.json"), "--merge-into", dataset, "-o", out])
        #expect(r.status == 0)
        #expect(try Self.files(dataset) == before)
        #expect(r.stdout.contains("""
            merged into \(dataset):
              suppliers: 7 added, 1 updated (roles, url), 0 unchanged, 3 not in the import (kept)
            """))
        #expect(r.stdout.hasSuffix("wrote \(out)/ (suppliers.csv, dependencies.csv, certifications.csv merged; schemes.csv, README.md as they were)\n"))
        #expect(try CLI.run(["validate", out]).status == 0)
        let merged = try Self.files(out)
        #expect(merged["README.md"] == before["README.md"])
        let certifications = try Self.rows(out + "/certifications.csv")
        // The team's four certificates, then the BOM's three attestations: HyperCloud's under the team's id.
        #expect(certifications.count == 7)
        #expect(certifications.filter { $0["supplier"] == "hypercloud" }.count == 3)
        // -o names a non-empty directory: refused without --force, as for a new dataset.
        let again = try CLI.run(["import", "cyclonedx", Self.sample("cyclonedx/payments-saasbom.json"), "--merge-into", dataset, "-o", out])
        #expect(again.status == 1)
        #expect(again.stderr == "error: cannot write '\(out)': the directory is not empty (add --force to replace it)\n")
    }

    @Test func oneOfOutputOrMergeIntoIsRequired() throws {
        let r = try CLI.run(["import", "dora-roi", Self.sample("dora-roi/nordbank-group-2025")])
        #expect(r.status == 64)
        #expect(r.stderr.hasPrefix("Error: give -o DATASET to write a new dataset, or --merge-into DATASET to add to one\n"))
        #expect(r.stdout.isEmpty)
    }

    @Test func aDatasetWithErrorsIsNotMergedInto() throws {
        let dir = try CLI.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let dataset = try Self.handKept(in: dir)
        try Data("supplier,scheme\nnobody,ISO27001\n".utf8).write(to: URL(fileURLWithPath: dataset + "/certifications.csv"))
        let before = try Self.files(dataset)
        let r = try CLI.run(["import", "dora-roi", Self.sample("dora-roi/nordbank-group-2025"), "--merge-into", dataset])
        #expect(r.status == 1)
        #expect(r.stderr == "\(dataset)/certifications.csv:2: column 'supplier': unknown supplier 'nobody' (expected an id from suppliers.csv)\n"
            + "1 error; nothing was written\n")
        #expect(r.stdout.isEmpty)
        #expect(try Self.files(dataset) == before)
        let missing = try CLI.run(["import", "dora-roi", Self.sample("dora-roi/nordbank-group-2025"), "--merge-into", dir + "/none"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("\(dir)/none: no such dataset directory (--merge-into adds to an existing dataset; give -o to write a new one)\n"))
    }
}
