import Foundation
import Testing
@testable import TrustGraphCore

/// Test helpers: fixture paths, in-memory datasets and CSV parsing of expected files.
enum Fixture {
    /// The folder of a worked example from the contract.
    static func example(_ name: String) -> String {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/examples/\(name)").path
    }

    static let exampleDate = Day(year: 2026, month: 1, day: 15)!

    /// Loads a dataset from file texts keyed by file name.
    static func load(_ files: [String: String]) throws -> Dataset {
        try DatasetLoader.load(contents: files.mapValues { Array($0.utf8) }).0
    }

    /// The errors a dataset produces (empty when it loads).
    static func errors(_ files: [String: String]) -> [Diagnostic] {
        errors(bytes: files.mapValues { Array($0.utf8) })
    }

    /// The errors a dataset produces, each as "line column message" ("-" without a column).
    static func errorLines(_ files: [String: String]) -> [String] {
        errors(files).map { "\($0.line) \($0.column ?? "-") \($0.message)" }
    }

    static func errors(bytes: [String: [UInt8]]) -> [Diagnostic] {
        do {
            _ = try DatasetLoader.load(contents: bytes, threads: 1)
            return []
        } catch {
            return error.errors
        }
    }

    /// Solves at the examples' date with the default prior.
    static func solve(_ dataset: Dataset, threads: Int = 1, date: Day = exampleDate) -> (TrustModel, TrustSolution) {
        let model = TrustModel(dataset)
        return (model, model.solve(TrustParameters(date: date), options: SolverOptions(threads: threads)))
    }

    /// Rows of a CSV file as dictionaries (with the project's own reader).
    static func csvRows(_ path: String) throws -> [[String: String]] {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        return csvRows(bytes: [UInt8](bytes))
    }

    static func csvRows(bytes: [UInt8]) -> [[String: String]] {
        bytes.withUnsafeBytes { buffer in
            var reader = CSVReader(buffer)
            var header: [String] = []
            var rows: [[String: String]] = []
            while case .record = reader.next() {
                let cells = (0..<reader.fieldCount).map { reader.string($0) }
                if header.isEmpty { header = cells; continue }
                rows.append(Dictionary(uniqueKeysWithValues: zip(header, cells)))
            }
            return rows
        }
    }

    /// Trust of a supplier by id.
    static func trust(_ id: String, _ model: TrustModel, _ solution: TrustSolution) -> Double {
        solution.trust[model.dataset.suppliers.find(id)!]
    }
}
