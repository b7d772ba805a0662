import Foundation
import Testing
@testable import TrustGraphCore

/// The sample dataset of the README, loaded once per test.
enum Sample {
    static var path: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("samples/eu-cloud").path
    }

    static func load() throws -> Dataset { try DatasetLoader.load(directory: path).0 }
}

/// A day from its `YYYY-MM-DD` text (the tests write real days).
func day(_ text: String) -> Day { Day(text)! }

@Suite struct DateStepTests {
    @Test func aMonthStepFromThe31stClampsEachMonthAndKeepsTheDay() {
        let dates = DateStep.months(1).dates(from: day("2026-01-31"), to: day("2026-06-30")).map(\.description)
        #expect(dates == ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30"])
        #expect(DateStep.months(1).date(1, from: day("2028-01-31")) == day("2028-02-29"))
        #expect(DateStep.months(12).date(1, from: day("2028-02-29")) == day("2029-02-28"))
        #expect(DateStep.months(1).date(-1, from: day("2026-03-31")) == day("2026-02-28"))
    }

    @Test func dayAndWeekStepsIncludeTheLastDateWhenItFalls() {
        #expect(DateStep.weeks(2).dates(from: day("2026-01-01"), to: day("2026-01-29")).map(\.description)
                == ["2026-01-01", "2026-01-15", "2026-01-29"])
        #expect(DateStep.days(7).dates(from: day("2026-01-01"), to: day("2026-01-14")).count == 2)
        #expect(DateStep.days(1).dates(from: day("2026-01-02"), to: day("2026-01-01")).isEmpty)
    }

    @Test func stepsParseAsNumberAndUnit() {
        #expect(DateStep("1m") == .months(1))
        #expect(DateStep("2w") == .weeks(2))
        #expect(DateStep("7d") == .days(7))
        for bad in ["", "m", "0d", "-1d", "1y", "1.5m", "d1", "+1d"] { #expect(DateStep(bad) == nil, "\(bad)") }
    }
}

@Suite struct RenewalTests {
    /// b lapses and a depends on it critically; a's first ISO27001 is covered by a second one.
    static let files = [
        "suppliers.csv": "id\na\nb\nc\n",
        "certifications.csv": """
        supplier,scheme,status,issued,expires
        a,ISO27001,valid,,2026-03-31
        a,ISO27001,valid,,2026-12-31
        a,ISO27017,valid,2025-01-01,2026-03-31
        a,ISO27017,valid,2025-01-01,2027-03-31
        a,SOC2-TYPE1,,,2026-03-14
        a,SOC2-TYPE1,valid,,2027-03-14
        b,SOC2-TYPE2,valid,,2026-03-31
        b,ISO27001,valid,,2026-05-31
        b,BSI-C5,revoked,,2026-03-31
        b,TISAX,valid,2026-04-10,2026-03-31
        c,ISO27001,valid,,2026-03-31
        c,ISO27001,valid,,2027-03-31

        """,
        "dependencies.csv": "consumer,provider,criticality\na,b,critical\n",
    ]

    @Test func aLapseCostsWhatRenewingKeepsAndACoveredOneCostsZero() throws {
        let model = TrustModel(try Fixture.load(RenewalTests.files))
        let analysis = RenewalAnalysis(model: model, from: day("2026-03-01"), to: day("2026-04-30"), options: SolverOptions(threads: 1))
        let suppliers = model.dataset.suppliers, names = model.dataset.schemes.names
        let rows = analysis.lapses.map { "\($0.lapse) \(suppliers.id($0.supplier)) \(names[Int($0.scheme)]) \($0.expires) \($0.affected)" }
        // Loss first, then lapse date, supplier, scheme; revoked, issued-after-expiry and later lapses are not listed.
        #expect(rows == ["2026-04-01 b SOC2-TYPE2 2026-03-31 2", "2026-03-15 a SOC2-TYPE1 2026-03-14 0",
                         "2026-04-01 a ISO27001 2026-03-31 0", "2026-04-01 a ISO27017 2026-03-31 0",
                         "2026-04-01 c ISO27001 2026-03-31 0"])
        // On 2026-04-01 b has only its ISO27001: b = 0.3 + 0.7 × 0.6 = 0.72, renewed
        // 0.3 + 0.7 × (1 − 0.4 × 0.35) = 0.902. a is capped at b: 0.72, renewed its own
        // base 0.3 + 0.7 × (1 − 0.4 × 0.7 × 0.6) = 0.8824. Loss 0.182 + 0.1624.
        let first = analysis.lapses[0]
        #expect(abs(first.loss - 0.3444) < 1e-12)
        #expect(first.mostHurt == suppliers.find("a"))
        #expect(abs(first.mostHurtLoss - 0.1624) < 1e-12)
        #expect(analysis.lapses.dropFirst().allSatisfy { $0.loss == 0 && $0.mostHurt == nil })
        #expect(analysis.datesSolved == 2)
    }

    @Test func theWindowIncludesBothEnds() throws {
        let dataset = try Fixture.load(RenewalTests.files)
        #expect(RenewalAnalysis.lapsing(dataset, from: day("2026-03-15"), to: day("2026-03-15")).count == 1)
        #expect(RenewalAnalysis.lapsing(dataset, from: day("2026-03-16"), to: day("2026-03-31")).isEmpty)
        #expect(RenewalAnalysis.lapsing(dataset, from: day("2026-06-01"), to: day("2026-06-01")).count == 1)
    }

    /// Every loss equals renewing the certificate in a copy of the dataset and solving it from scratch.
    @Test func incrementalLossesMatchSolvingEachRenewalFromScratch() throws {
        let dataset = try Sample.load()
        let model = TrustModel(dataset)
        let analysis = RenewalAnalysis(model: model, from: day("2026-01-01"), to: day("2027-12-31"))
        #expect(analysis.lapses.count > 40)
        for lapse in analysis.lapses {
            let parameters = TrustParameters(date: lapse.lapse)
            let before = model.solve(parameters, options: SolverOptions(threads: 1)).trust
            var renewed = dataset
            renewed.certifications.expires[lapse.row] = lapse.lapse.ordinal
            let after = TrustModel(renewed).solve(parameters, options: SolverOptions(threads: 1)).trust
            let moved = zip(after, before).map { $0 - $1 }
            #expect(abs(moved.reduce(0, +) - lapse.loss) < 1e-12)
            #expect(moved.filter { abs($0) > 1e-9 }.count == lapse.affected)
        }
        #expect(analysis.lapses.contains { $0.loss > 0.1 })
    }

    @Test func oneThreadAndManyGiveTheSameBits() throws {
        let model = TrustModel(try Sample.load())
        let one = RenewalAnalysis(model: model, from: day("2026-01-01"), to: day("2027-12-31"), options: SolverOptions(threads: 1))
        let many = RenewalAnalysis(model: model, from: day("2026-01-01"), to: day("2027-12-31"), options: SolverOptions(threads: 4))
        // More threads than twice the lapse days: each day is solved on all threads instead of one day per thread.
        let wide = RenewalAnalysis(model: model, from: day("2026-01-01"), to: day("2027-12-31"), options: SolverOptions(threads: 200))
        #expect(one.datesSolved < 100 && one.lapses.count > 40)
        #expect(one.lapses == many.lapses)
        #expect(one.lapses == wide.lapses)
    }

    @Test func csvHasTheContractColumnsFirst() throws {
        let model = TrustModel(try Fixture.load(RenewalTests.files))
        let analysis = RenewalAnalysis(model: model, from: day("2026-03-01"), to: day("2026-04-30"))
        let csv = RenewalReport(analysis: analysis, dataset: model.dataset).csv()
        let lines = csv.split(separator: "\n")
        #expect(lines[0] == "lapse_date,supplier,scheme,expires,loss,affected,most_hurt,most_hurt_loss")
        #expect(lines[1].hasPrefix("2026-04-01,b,SOC2-TYPE2,2026-03-31,0.344"))
        #expect(lines[1].contains(",2,a,0.162"))
        #expect(lines[2] == "2026-03-15,a,SOC2-TYPE1,2026-03-14,0.0,0,,")
        #expect(lines.count == 6)
    }
}
