import Foundation
import Testing
@testable import trustgraph
import TrustGraphCore

/// `renewals` as a user runs it.
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

    @Test(arguments: ["renewals"])
    func aWindowThatEndsBeforeItStartsExitsTwo(command: String) throws {
        let r = try CLI.run([command, Self.sample, "--from", "2026-06-30", "--to", "2026-06-29"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--to 2026-06-29 is before --from 2026-06-30"))
        #expect(r.stdout.isEmpty)
    }

    @Test(arguments: [["renewals", "--from", "2026-02-30"]])
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
}
