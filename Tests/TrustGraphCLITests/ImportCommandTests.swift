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
}
