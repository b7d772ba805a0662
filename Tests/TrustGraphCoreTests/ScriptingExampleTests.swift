import Foundation
import Testing
@testable import TrustGraphCore

/// The nightly job of docs/scripting.md, verbatim, on the two sample snapshots.
@Suite struct ScriptingExampleTests {
    /// Compares yesterday's export with today's and ranks the next 90 days' lapses.
    func nightly(yesterday: String, today: String, date: Day) throws {
        let old = TrustModel(try DatasetLoader.load(directory: yesterday).0)
        let new = TrustModel(try DatasetLoader.load(directory: today).0)
        let parameters = TrustParameters(date: date)

        // Who was added, removed or changed, and whose trust moved why.
        let diff = SnapshotDiff(old: old, new: new, parameters: parameters)
        for row in diff.rows.prefix(10) where abs(row.delta ?? 0) > 0.01 {
            let why = diff.explanation(of: row).map { "\($0.id) (\($0.change))" } ?? "-"
            print("\(row.id): \(TextTable.fixed(row.oldTrust!)) → \(TextTable.fixed(row.newTrust!)), explained by \(why)")
        }
        for row in diff.rows where row.change == .added || row.change == .removed {
            print("\(row.change): \(row.id)")
        }

        // The lapses of the next 90 days, costliest first, each with who is hurt most.
        let renewals = RenewalAnalysis(model: new, from: date, to: date.adding(days: 90))
        let suppliers = new.dataset.suppliers
        for lapse in renewals.lapses.prefix(10) where lapse.loss > 0 {
            let hurt = lapse.mostHurt.map { suppliers.id($0) } ?? "only the holder"
            print("\(lapse.lapse) \(suppliers.id(lapse.supplier)) \(new.dataset.schemes.names[Int(lapse.scheme)]): "
                  + "loss \(TextTable.fixed(lapse.loss)), hurts \(hurt)")
        }
        // Or write the CLI's files: DiffReport(diff: diff).csv, RenewalReport(analysis: renewals, dataset: new.dataset).csv()
    }

    @Test func theNightlyJobRunsOnTheSamples() throws {
        let next = Sample.path + "-next"
        try nightly(yesterday: Sample.path, today: next, date: day("2026-06-30"))
        let diff = SnapshotDiff(old: TrustModel(try Sample.load()), new: TrustModel(try DatasetLoader.load(directory: next).0),
                                parameters: TrustParameters(date: day("2026-06-30")))
        #expect(diff.rows.first?.id == "hoster-de-1" && diff.rows.first?.change == .changed)
        #expect(diff.rows.filter { $0.change == .changed }.map(\.id).sorted() == ["hoster-de-1", "shopfront-saas"])
        #expect(diff.rows.suffix(2).map { "\($0.id) \($0.change)" } == ["maps-cartoeu added", "maps-kartograf removed"])
    }
}
