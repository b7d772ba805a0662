import Foundation
import Testing
@testable import TrustGraphCore

@Suite struct TimelineTests {
    /// With evidence dates, freshness moves nearly everyone each week (full solves); without
    /// them only certificates that start or lapse move (re-solves of what they reach).
    @Test(arguments: [true, false])
    func eachDateEqualsAFullSolveAtThatDate(withEvidence: Bool) throws {
        var dataset = try Sample.load()
        if !withEvidence {
            dataset.certifications.lastEvidence = dataset.certifications.lastEvidence.map { _ in CertificationTable.noStart }
        }
        let model = TrustModel(dataset)
        let dates = DateStep.weeks(1).dates(from: day("2026-01-31"), to: day("2027-03-31"))
        let timeline = TrustTimeline(model: model, dates: dates, options: SolverOptions(threads: 2))
        for (k, date) in dates.enumerated() {
            let full = model.solve(TrustParameters(date: date), options: SolverOptions(threads: 1)).trust
            #expect(full.map(\.bitPattern) == timeline.trust[k].map(\.bitPattern), "\(date)")
        }
        #expect(timeline.solvedSuppliers.dropFirst().contains { $0 < model.supplierCount } == !withEvidence)
        #expect(timeline.lapses.allSatisfy { $0.lapse >= dates.first! && $0.lapse <= dates.last! })
    }

    @Test func csvIsDateMajorInDatasetOrderAndTheTableCountsBelowTheThreshold() throws {
        let files = ["suppliers.csv": "id\nz\na\n", "certifications.csv": "supplier,scheme,expires\nz,ISO27001,2026-02-15\n"]
        let model = TrustModel(try Fixture.load(files))
        let timeline = TrustTimeline(model: model, dates: DateStep.months(1).dates(from: day("2026-01-31"), to: day("2026-03-31")))
        let report = TimelineReport(timeline: timeline, threshold: 0.5)
        #expect(report.csv == """
        date,id,trust
        2026-01-31,z,0.72
        2026-01-31,a,0.3
        2026-02-28,z,0.3
        2026-02-28,a,0.3
        2026-03-31,z,0.3
        2026-03-31,a,0.3

        """)
        #expect(timeline.count(below: 0.5, at: 0) == 1 && timeline.count(below: 0.5, at: 1) == 2)
        #expect(abs(timeline.mean(at: 0) - 0.51) < 1e-12)
        #expect(timeline.lapses.map(\.lapse) == [day("2026-02-16")])
        #expect(timeline.movers(5) == [0])
    }
}

@Suite struct SVGWriterTests {
    @Test func everyDataStringIsEscapedAndControlsAreReplaced() {
        #expect(SVGWriter.escaped("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;")
        #expect(SVGWriter.escaped("bell\u{07}esc\u{1B}\u{FFFF}") == "bell\u{FFFD}esc\u{FFFD}\u{FFFD}")
        var svg = SVGWriter(width: 100, height: 50, title: "<t>")
        svg.text(1.005, 2, "x</text><script>", size: 12, anchor: .end, rotate: -90)
        svg.rect(0, 0, 10, -5, fill: "#fff\"", tooltip: "tip & <b>")
        #expect(svg.document.contains("<title>&lt;t&gt;</title>"))
        #expect(svg.document.contains(">x&lt;/text&gt;&lt;script&gt;</text>"))
        #expect(svg.document.contains("transform=\"rotate(-90 1 2)\""))
        #expect(svg.document.contains("height=\"0\" fill=\"#fff&quot;\"><title>tip &amp; &lt;b&gt;</title></rect>"))
        #expect(!svg.document.contains("<script"))
    }

    @Test func coordinatesHaveAtMostTwoDecimals() {
        #expect(SVGWriter.number(3) == "3")
        #expect(SVGWriter.number(2.005) == "2.01" || SVGWriter.number(2.005) == "2")
        #expect(SVGWriter.number(-1.25) == "-1.25")
        #expect(SVGWriter.number(0.1 + 0.2) == "0.30")
    }
}
