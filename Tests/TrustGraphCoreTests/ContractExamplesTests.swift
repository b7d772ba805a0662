import Foundation
import Testing
@testable import TrustGraphCore

/// The worked examples beside the contract, with their hand-derived figures.
@Suite struct ContractExamplesTests {
    @Test(arguments: ["cycles", "redundancy", "worst_group", "certs", "evidence", "nasty_format", "analyze"])
    func baseAndEffectiveTrustMatchTheHandDerivedFigures(example: String) throws {
        let (dataset, _) = try DatasetLoader.load(directory: Fixture.example(example))
        let (model, solution) = Fixture.solve(dataset)
        let expected = try Fixture.csvRows(Fixture.example(example) + "/expected.csv")
        #expect(expected.count == dataset.suppliers.count)
        for row in expected {
            let id = try #require(row["id"])
            let i = try #require(model.dataset.suppliers.find(id), "supplier \(id) missing")
            if let base = row["base_trust"] {
                #expect(abs(solution.base[i] - Double(base)!) <= 1e-12, "\(example) \(id) base")
            }
            #expect(abs(solution.trust[i] - Double(row["trust"]!)!) <= 1e-12, "\(example) \(id) trust")
        }
        #expect(solution.report.converged)
    }

    @Test func badMultiReportsEveryDefectWithFileLineAndColumn() throws {
        let expectedText = try String(contentsOfFile: Fixture.example("bad_multi") + "/expected-errors.txt", encoding: .utf8)
        // "file:line: column 'name': …" or "file:line: …"
        let expected: [String] = expectedText.split(separator: "\n").map { line in
            let parts = line.split(separator: ":", maxSplits: 2)
            let rest = parts[2].trimmingCharacters(in: .whitespaces)
            let column = rest.hasPrefix("column '") ? String(rest.dropFirst(8).prefix { $0 != "'" }) : "-"
            return "\(parts[0]):\(parts[1]):\(column)"
        }
        let error = try #require(throws: DatasetError.self) {
            try DatasetLoader.load(directory: Fixture.example("bad_multi"))
        }
        let got = error.errors.map { "\($0.file):\($0.line):\($0.column ?? "-")" }
        #expect(got == expected)
        #expect(error.errorCount == expected.count)
    }
}
