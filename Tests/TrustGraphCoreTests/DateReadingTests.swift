import Foundation
import Testing
@testable import TrustGraphCore

/// Dates are remembered by their text; the memory must not invent any.
@Suite struct DayCacheTests {
    @Test func tenZeroBytesAreNoDateAndRepeatedDatesReadTheSame() throws {
        var certifications = "supplier,scheme,issued,expires\n"
        for _ in 0..<3 { certifications += "a,ISO27001,2024-02-01,2027-01-31\n" }
        certifications += "a,ISO27001,\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0},\n"
        let files = ["suppliers.csv": "id\na\n", "certifications.csv": certifications]
        #expect(Fixture.errors(files).map { "\($0.line) \($0.kind)" } == ["5 badDate"])
        certifications.removeLast(certifications.count - certifications.lastIndex(of: "a")!.utf16Offset(in: certifications))
        let dataset = try Fixture.load(["suppliers.csv": "id\na\n", "certifications.csv": certifications])
        let first = try #require(Day("2024-02-01")), last = try #require(Day("2027-01-31"))
        #expect(dataset.certifications.issued == [first.ordinal, first.ordinal, first.ordinal])
        #expect(dataset.certifications.expires == [last.ordinal, last.ordinal, last.ordinal])
    }
}

@Suite struct ManyDatesTests {
    @Test func moreDistinctDatesThanTheMemoryHoldsAllReadRight() throws {
        // 6,000 distinct days (the memory keeps 4,096), each on two rows.
        let first = try #require(Day("2000-01-01"))
        var certifications = "supplier,scheme,issued\n"
        for _ in 0..<2 { for k in 0..<6_000 { certifications += "a,ISO27001,\(Day(ordinal: first.ordinal + Int32(k)))\n" } }
        let dataset = try Fixture.load(["suppliers.csv": "id\na\n", "certifications.csv": certifications])
        let expected = (0..<6_000).map { first.ordinal + Int32($0) }
        #expect(dataset.certifications.issued == expected + expected)
    }
}
