import Foundation
import Testing
@testable import TrustGraphCore

@Suite struct SnapshotDiffTests {
    static let old = [
        "suppliers.csv": "id,name,prior\na,A,\nb,B,0.90\nc,C,\nx,X,\n",
        "certifications.csv": "supplier,scheme,scope\na,ISO27001,full\nc,ISO27001,\n",
        "dependencies.csv": "consumer,provider,criticality\nc,a,high\n",
    ]
    static let new = [
        "suppliers.csv": "id,name,prior\ny,Y,\nc,C,\nb,B,0.9\na,A,\n",
        "certifications.csv": "supplier,scheme,scope\nc,ISO/IEC 27001:2022,full\na,ISO27001,partial\n",
        "dependencies.csv": "consumer,provider,criticality\nc,a,0.7\n",
    ]

    @Test func addedRemovedChangedAndSameWithDeltasAndOrder() throws {
        let diff = SnapshotDiff(old: TrustModel(try Fixture.load(SnapshotDiffTests.old)),
                                new: TrustModel(try Fixture.load(SnapshotDiffTests.new)),
                                parameters: TrustParameters(date: day("2026-06-30")))
        #expect(diff.rows.map { "\($0.id) \($0.change.rawValue)" } == ["a changed", "c same", "b same", "x removed", "y added"])
        // a: 0.72 → 0.3 + 0.7 × 0.3 = 0.51; c (0.72 on its own) is capped by 1 − 0.7 × 0.49 = 0.657.
        #expect(abs(diff.rows[0].delta! + 0.21) < 1e-12)
        #expect(abs(diff.rows[1].delta! + 0.063) < 1e-12)
        #expect(diff.rows[2].delta == 0)
        #expect(diff.rows[3].newTrust == nil && diff.rows[3].delta == nil && abs(diff.rows[3].oldTrust! - 0.3) < 1e-12)
        #expect(diff.rows[4].oldTrust == nil && diff.rows[4].delta == nil)
        #expect(diff.explanation(of: diff.rows[1])! == ("a", .changed))
        #expect(diff.explanation(of: diff.rows[0])! == ("a", .changed))
        #expect(diff.explanation(of: diff.rows[2]) == nil)
        let csv = DiffReport(diff: diff).csv.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(csv[0] == "id,change,old_trust,new_trust,delta")
        #expect(csv[4] == "x,removed,0.3,,")
        #expect(csv[5] == "y,added,,0.3,")
    }

    @Test func extraColumnsAndServiceNamesCount() throws {
        var old = SnapshotDiffTests.old, new = SnapshotDiffTests.old
        old["suppliers.csv"] = "id,name,prior,Owner\na,A,,ann\nb,B,0.90,\nc,C,\nx,X,\n"
        new["suppliers.csv"] = "id,name,prior,owner\na,A,,bob\nb,B,0.9,\nc,C,\nx,X,\n"
        new["dependencies.csv"] = "consumer,provider,criticality,service\nc,a,high,hosting\n"
        let diff = SnapshotDiff(old: TrustModel(try Fixture.load(old)), new: TrustModel(try Fixture.load(new)),
                                parameters: TrustParameters(date: day("2026-06-30")))
        let kinds = Dictionary(uniqueKeysWithValues: diff.rows.map { ($0.id, $0.change) })
        #expect(kinds == ["a": .changed, "b": .same, "c": .changed, "x": .same])
    }
}
