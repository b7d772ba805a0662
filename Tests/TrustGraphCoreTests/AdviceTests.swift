import Foundation
import Testing
@testable import TrustGraphCore

@Suite struct AdviceTests {
    /// a depends on b (critical) and c (low); c holds a valid TISAX.
    static let files = [
        "suppliers.csv": "id\na\nb\nc\n",
        "certifications.csv": "supplier,scheme,status\na,SOC2-TYPE2,valid\nb,ISO27017,expired\nc,TISAX,valid\n",
        "dependencies.csv": "consumer,provider,criticality\na,b,critical\na,c,low\n",
        "schemes.csv": "scheme,assurance,cost\nISO27001,0.6,2000\nSOC2-TYPE2,0.65,\nBSI-C5,0.7,0\n",
    ]

    @Test func gainIsTheTrustTheNewCertificateAddsEverywhere() throws {
        let model = TrustModel(try Fixture.load(AdviceTests.files))
        let parameters = TrustParameters(date: day("2026-06-30"))
        let schemes = ["ISO27001", "SOC2-TYPE2", "BSI-C5"].map { model.dataset.schemes.find($0)! }
        let advice = CertificationAdvice(model: model, parameters: parameters, baseline: model.solve(parameters), schemes: schemes)
        let names = model.dataset.schemes.names, suppliers = model.dataset.suppliers
        let b = advice.candidates.filter { suppliers.id($0.supplier) == "b" }
        // b = 0.3 → 0.3 + 0.7 × A; a (base 0.755) is capped at b, so it gains up to its own base.
        #expect(b.map { names[Int($0.scheme)] } == ["BSI-C5", "SOC2-TYPE2", "ISO27001"])
        #expect(abs(b[0].gain - (0.49 + 0.455)) < 1e-12)
        #expect(abs(b[1].gain - (0.455 + 0.455)) < 1e-12)
        #expect(abs(b[2].gain - (0.42 + 0.42)) < 1e-12)
        #expect(b.allSatisfy { $0.affected == 2 && $0.mostHelped == suppliers.find("a") })
        #expect(b[2].cost == 2000 && abs(b[2].gainPerCost! - 0.84 / 2000) < 1e-15)
        #expect(b[0].cost == 0 && b[0].gainPerCost == nil)
        #expect(b[1].cost == nil && b[1].gainPerCost == nil)
        // a has no dependents: never a candidate.
        #expect(!advice.candidates.contains { suppliers.id($0.supplier) == "a" })
    }

    @Test func aSchemeHeldAtTheDateIsNoCandidateButAnExpiredOneIs() throws {
        let model = TrustModel(try Fixture.load(AdviceTests.files))
        let parameters = TrustParameters(date: day("2026-06-30"))
        let advice = CertificationAdvice(model: model, parameters: parameters, baseline: model.solve(parameters))
        let names = model.dataset.schemes.names, suppliers = model.dataset.suppliers
        let of = { (id: String) in Set(advice.candidates.filter { suppliers.id($0.supplier) == id }.map { names[Int($0.scheme)] }) }
        #expect(of("c").count == model.dataset.schemes.count - 1 && !of("c").contains("TISAX"))
        #expect(of("b").contains("ISO27017"))
        // Every candidate is listed, those with gain 0 too (c's dependent a is held down by b).
        #expect(advice.candidates.count == 2 * model.dataset.schemes.count - 1)
    }

    @Test func gainPerCostRanksKnownCostsFirst() throws {
        let model = TrustModel(try Fixture.load(AdviceTests.files))
        let parameters = TrustParameters(date: day("2026-06-30"))
        let schemes = ["ISO27001", "SOC2-TYPE2", "BSI-C5"].map { model.dataset.schemes.find($0)! }
        let advice = CertificationAdvice(model: model, parameters: parameters, baseline: model.solve(parameters), schemes: schemes,
                                         order: .gainPerCost)
        let csv = AdviceReport(advice: advice, dataset: model.dataset).csv().split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(2).joined(separator: ",") }
        // Known gain per cost first (b's and c's ISO27001), then by gain.
        #expect(csv == ["supplier,scheme", "b,ISO27001", "c,ISO27001", "b,BSI-C5", "b,SOC2-TYPE2", "c,BSI-C5", "c,SOC2-TYPE2"])
    }

    @Test func incrementalGainsMatchAddingTheCertificateAndSolvingFromScratch() throws {
        let dataset = try Sample.load()
        let model = TrustModel(dataset)
        let parameters = TrustParameters(date: day("2026-06-30"))
        let baseline = model.solve(parameters, options: SolverOptions(threads: 1))
        let advice = CertificationAdvice(model: model, parameters: parameters, baseline: baseline, options: SolverOptions(threads: 3))
        let one = CertificationAdvice(model: model, parameters: parameters, baseline: baseline, options: SolverOptions(threads: 1))
        #expect(advice.candidates == one.candidates)
        for candidate in advice.candidates.prefix(60) + advice.candidates.suffix(20) {
            var changed = dataset
            changed.certifications.append(supplier: Int32(candidate.supplier), scheme: candidate.scheme, status: .valid,
                                          issued: parameters.date.ordinal, expires: CertificationTable.noEnd,
                                          lastEvidence: parameters.date.ordinal, partial: false, line: 0)
            let after = TrustModel(changed).solve(parameters, options: SolverOptions(threads: 1)).trust
            let moved = zip(after, baseline.trust).map { $0 - $1 }
            #expect(abs(moved.reduce(0, +) - candidate.gain) < 1e-12)
            #expect(moved.filter { $0 > 1e-9 }.count == candidate.affected)
        }
    }

    @Test func aCostThatIsNoNumberIsAnErrorNamingTheColumn() {
        let lines = Fixture.errorLines(["suppliers.csv": "id\na\n", "schemes.csv": "scheme,assurance,cost\nX,0.5,cheap\nY,0.5,-1\n"])
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.contains("cost") && $0.contains("expected a number ≥ 0") })
    }
}
