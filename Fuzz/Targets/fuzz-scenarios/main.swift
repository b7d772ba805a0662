import FuzzSupport
import TrustGraphCore

// Scenario files: the YAML bounds, the parser, step checks, and every step
// applied to a small dataset. Errors are expected; a crash or a hang is a finding.
let files: [String: [UInt8]] = [
    "suppliers.csv": Array("id,name\nshop,Shop\nhost,Host\ncdn,CDN\nmsp,MSP\n".utf8),
    "certifications.csv": Array("supplier,scheme,status,issued,expires\nhost,ISO27001,valid,2025-01-01,2027-01-01\ncdn,SOC2-TYPE2,valid,2025-01-01,2027-01-01\n".utf8),
    "dependencies.csv": Array("consumer,provider,criticality,group\nshop,host,critical,h\nshop,cdn,high,\nhost,msp,medium,\nmsp,shop,low,\n".utf8),
]
let (dataset, _) = try! DatasetLoader.load(contents: files)
let model = TrustModel(dataset)
let runner = ScenarioRunner(model: model, parameters: TrustParameters(date: Day(year: 2026, month: 6, day: 30)!),
                            options: SolverOptions(threads: 1))

fuzz { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    guard let scenarios = try? ScenarioFile.parse(text) else { return }
    guard (try? runner.validate(scenarios)) != nil else { return }
    for scenario in scenarios.prefix(8) {
        guard let outcome = try? runner.run(scenario) else { continue }
        for t in outcome.solution.trust where !(t >= 0 && t <= 1) { fatalError("trust \(t) out of [0, 1]") }
    }
}
