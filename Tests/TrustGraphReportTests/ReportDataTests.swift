import Foundation
import Testing
@testable import TrustGraphCore

/// The data island's numbers and strings.
@Suite struct ReportDataTests {
    @Test(arguments: [
        (0.123456, ReportCellFormat.fixed(4), "0.1235"),
        (-0.18, ReportCellFormat.signed(3), "-0.180"),
        (0.125, ReportCellFormat.percent(1), "0.125"),
        (42, ReportCellFormat.integer, "42"),
        (0.000012345, ReportCellFormat.significant(3), "0.0000123"),
        (0.5, ReportCellFormat.significant(3), "0.500"),
        (12.5, ReportCellFormat.significant(3), "12.5"),
        (0, ReportCellFormat.significant(3), "0"),
        (Double.nan, ReportCellFormat.fixed(4), "null"),
        (Double.infinity, ReportCellFormat.integer, "null"),
    ])
    func numbersAreWrittenAsTheirColumnShowsThem(value: Double, format: ReportCellFormat, text: String) {
        #expect(ReportData.number(value, as: format) == text)
    }

    @Test func theJSONParsesBackToTheSameValues() throws {
        let names = ["quote \" back \\ slash", "line\nbreak\ttab\u{1}", "</script>", "ü 😀 \u{2028}"]
        let table = ReportTable(id: "t", columns: [ReportColumn("name", "Name"), ReportColumn("x", "X", .fixed(2))],
                                rows: names.map { [.text($0), .empty] }, filterColumns: [0], sortColumn: 0, sortDescending: false)
        let document = ReportDocument(title: "t", sections: [ReportSection(id: "t", title: "t", answers: "", blocks: [.table(table)])],
                                      details: [], footer: ReportFooter(date: Day(year: 2026, month: 1, day: 1)!, dataset: "d", toolVersion: "0"))
        let parsed = try JSONSerialization.jsonObject(with: Data(ReportData.json(document))) as? [String: Any]
        let rows = ((parsed?["tables"] as? [[String: Any]])?.first?["rows"] as? [[Any]]) ?? []
        #expect(rows.compactMap { $0.first as? String } == names)
        #expect(rows.allSatisfy { $0.last is NSNull })
    }
}
