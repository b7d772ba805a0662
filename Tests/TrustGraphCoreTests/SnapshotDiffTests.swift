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

    @Test func everyFieldCountsAndRowOrderDoesNot() throws {
        let base = [
            "suppliers.csv": "id,name,country,sector,prior,tier\na,,DE,saas,0.4,1\nb,B,FR,hosting,,\nc,C,,,,2\n",
            "certifications.csv": "supplier,scheme,status,issued,expires,last_evidence,scope,auditor\n"
                + "a,ISO27001,valid,2025-01-01,2027-01-01,2026-01-01,full,x\na,SOC2-TYPE2,valid,2025-02-01,,,partial,\n"
                + "b,ISO27001,suspended,2025-01-01,2027-01-01,,full,\n",
            "dependencies.csv": "consumer,provider,criticality,group,service,note\na,b,high,g1,hosting,n\na,c,0.3,,,\na,b,low,,cdn,\n",
        ]
        func kind(of id: String, _ edit: (inout [String: String]) -> Void) throws -> SnapshotDiff.Change {
            var changed = base
            edit(&changed)
            let diff = SnapshotDiff(old: TrustModel(try Fixture.load(base)), new: TrustModel(try Fixture.load(changed)),
                                    parameters: TrustParameters(date: day("2026-06-30")))
            return try #require(diff.rows.first { $0.id == id }).change
        }
        func replacing(_ file: String, _ old: String, _ new: String) -> (inout [String: String]) -> Void {
            { files in files[file] = files[file]!.replacingOccurrences(of: old, with: new) }
        }
        // The same facts: rows in another order, a name spelt as the id it stands for, 0.40 for 0.4, high for 0.7.
        #expect(try kind(of: "a") { files in
            files["certifications.csv"] = "supplier,scheme,status,issued,expires,last_evidence,scope,auditor\n"
                + "b,ISO27001,suspended,2025-01-01,2027-01-01,,full,\na,SOC2-TYPE2,valid,2025-02-01,,,partial,\n"
                + "a,ISO27001,valid,2025-01-01,2027-01-01,2026-01-01,full,x\n"
            files["dependencies.csv"] = "consumer,provider,criticality,group,service,note\na,b,low,,cdn,\na,b,0.7,g1,hosting,n\na,c,0.3,,,\n"
        } == .same)
        #expect(try kind(of: "a", replacing("suppliers.csv", "a,,DE,saas,0.4", "a,a,DE,saas,0.40")) == .same)
        // Text compares as strings do: é precomposed or as e and a combining accent is one name.
        #expect(try kind(of: "b") { files in
            files["suppliers.csv"] = files["suppliers.csv"]!.replacingOccurrences(of: "b,B,FR", with: "b,Caf\u{E9},FR")
        } == .changed)
        var accented = base
        accented["suppliers.csv"] = base["suppliers.csv"]!.replacingOccurrences(of: "b,B,FR,hosting", with: "b,Caf\u{E9},FR,h\u{F4}sting")
        let decomposed = accented["suppliers.csv"]!.replacingOccurrences(of: "\u{E9}", with: "e\u{301}")
            .replacingOccurrences(of: "\u{F4}", with: "o\u{302}")
        #expect(Array(decomposed.utf8) != Array(accented["suppliers.csv"]!.utf8))
        var recomposed = accented
        recomposed["suppliers.csv"] = decomposed
        let diff = SnapshotDiff(old: TrustModel(try Fixture.load(accented)), new: TrustModel(try Fixture.load(recomposed)),
                                parameters: TrustParameters(date: day("2026-06-30")))
        #expect(diff.rows.first { $0.id == "b" }?.change == .same)
        // One field changed, each in turn.
        let edits: [(String, String, String, String)] = [
            ("a", "suppliers.csv", "a,,DE", "a,Other,DE"), ("a", "suppliers.csv", ",DE,", ",AT,"), ("a", "suppliers.csv", "saas,0.4", "paas,0.4"),
            ("a", "suppliers.csv", "0.4,1", "0.5,1"), ("a", "suppliers.csv", "0.4,1", "0.4,3"), ("b", "suppliers.csv", "hosting,,", "hosting,0.9,"),
            ("a", "certifications.csv", "2025-01-01,2027-01-01,2026", "2025-01-02,2027-01-01,2026"),
            ("a", "certifications.csv", "2027-01-01,2026-01-01", "2027-01-02,2026-01-01"), ("a", "certifications.csv", "2026-01-01,full", "2026-01-02,full"),
            ("a", "certifications.csv", "full,x", "full,y"), ("a", "certifications.csv", "2025-02-01,,,partial", "2025-02-01,,,full"),
            ("a", "certifications.csv", "a,SOC2-TYPE2", "a,C5"), ("b", "certifications.csv", "suspended", "revoked"),
            ("a", "dependencies.csv", "a,b,high", "a,c,high"), ("a", "dependencies.csv", "a,b,high", "a,b,medium"),
            ("a", "dependencies.csv", "g1,hosting", "g2,hosting"), ("a", "dependencies.csv", "hosting,n", "saas,n"), ("a", "dependencies.csv", "hosting,n", "hosting,m"),
        ]
        for (id, file, old, new) in edits {
            #expect(try kind(of: id, replacing(file, old, new)) == .changed, "\(file): \(old) → \(new)")
        }
    }
}
