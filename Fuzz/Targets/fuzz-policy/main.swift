import FuzzSupport
import TrustGraphCore

// Policy files for `check`: the YAML bounds, the parser, rule and `where` checks,
// names resolved against a small dataset, and every rule evaluated. Errors are
// expected; a crash or a hang is a finding.
let files: [String: [UInt8]] = [
    "suppliers.csv": Array("id,name,country,sector,tier\nshop,Shop,NL,saas,1\nhost,Host,DE,hosting,2\ncdn,CDN,FR,cdn,2\nmsp,MSP,,msp,3\n".utf8),
    "certifications.csv": Array("supplier,scheme,status,issued,expires,last_evidence,scope\nhost,BSI-C5,valid,2025-01-01,2026-07-15,2025-06-01,\ncdn,SOC2-TYPE2,valid,2025-01-01,2027-01-01,,partial\n".utf8),
    "dependencies.csv": Array("consumer,provider,criticality,group\nshop,host,critical,h\nshop,cdn,high,\nhost,msp,medium,\nmsp,shop,low,\n".utf8),
    "recognition.csv": Array("source,target,coverage\nBSI-C5,EUCS-HIGH,0.93\n".utf8),
]
let (dataset, _) = try! DatasetLoader.load(contents: files)
let model = TrustModel(dataset)
let parameters = TrustParameters(date: Day(year: 2026, month: 6, day: 30)!)
let solution = model.solve(parameters, options: SolverOptions(threads: 1))

fuzz { bytes in
    guard let policy = try? PolicyFile.parse(String(decoding: bytes, as: UTF8.self)),
          let evaluator = try? PolicyEvaluator(policy: policy, dataset: dataset) else { return }
    _ = evaluator.evaluate(model: model, solution: solution, parameters: parameters)
}
