import Benchmark
import Foundation
import TrustGraphCore

// Datasets are generated in memory, once, by the same generator as
// `trustgraph generate`, so the benchmarks need no files.
nonisolated(unsafe) var cache: [Int: (files: [String: [UInt8]], model: TrustModel)] = [:]

func prepared(_ suppliers: Int) -> (files: [String: [UInt8]], model: TrustModel) {
    if let hit = cache[suppliers] { return hit }
    let files = DatasetGenerator(suppliers: suppliers, seed: 1).files()
    let dataset = try! DatasetLoader.load(contents: files).0
    let entry = (files, TrustModel(dataset))
    cache[suppliers] = entry
    return entry
}

let date = Day(year: 2026, month: 6, day: 30)!

/// The baseline policy of docs/performance.md ("Policy checks").
let baselinePolicy = """
policy: nightly supplier baseline (benchmark)
rules:
  - {id: critical-trusted, kind: min-trust, threshold: 0.4, where: {depended_on: critical, min_dependents: 10}}
  - {id: infrastructure-certified, kind: min-base-trust, threshold: 0.5, severity: warning, where: {sector: [hyperscaler, cdn, dns, identity, payment]}}
  - {id: expiry, kind: certificate-expiry, within_days: 30, severity: warning, where: {depended_on: critical}}
  - {id: evidence, kind: stale-evidence, max_age_days: 365, severity: note, where: {min_dependents: 10}}
  - {id: eucs, kind: requires-scheme, schemes: [EUCS-HIGH, BSI-C5, SECNUMCLOUD], min_coverage: 0.9, where: {sector: [hosting, hyperscaler]}}
  - {id: spof, kind: single-point-of-failure, where: {min_dependents: 10}}
  - {id: concentration, kind: max-concentration, by: provider, max_hhi: 0.01}
"""

/// A CSV file as an EU-locale spreadsheet exports it: cells separated by
/// `;` (outside quotes) and decimal numbers written with a comma.
func spreadsheetExport(_ csv: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(csv.count)
    var quoted = false
    var cellStart = 0
    for byte in csv {
        if byte == UInt8(ascii: "\"") { quoted.toggle() }
        if !quoted && (byte == UInt8(ascii: ",") || byte == 10) {
            // Indices, not a slice: a slice held while `out` is written would copy it.
            var dot = -1, number = cellStart < out.count
            for k in cellStart..<out.count {
                let c = out[k]
                if c == UInt8(ascii: ".") && dot < 0 { dot = k } else if c < 48 || c > 57 { number = false; break }
            }
            if number && dot >= 0 { out[dot] = UInt8(ascii: ",") }
            out.append(byte == 10 ? 10 : UInt8(ascii: ";"))
            cellStart = out.count
            continue
        }
        out.append(byte)
    }
    return out
}

/// A DORA register as a package directory, written once: the shape of
/// Benchmarks/peers/dora_register.py at a fifth of its default size (1,000 entities,
/// 10,000 providers, 4 functions each, `contracts` contract rows of which 1 in 20
/// ended, a rank-2 and rank-3 chain for 1 in 10, an assessment for 1 in 4).
func registerPackage(contracts: Int) -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trustgraph-benchmark-register-\(contracts)")
    let reports = directory.appendingPathComponent("reports")
    if FileManager.default.fileExists(atPath: reports.appendingPathComponent("b_07.01.csv").path) { return directory.path }
    try! FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
    var seed: UInt64 = 7
    func next(_ n: Int) -> Int {
        seed = seed &* 6364136223846793005 &+ 1442695040888963407
        return Int((seed >> 33) % UInt64(n))
    }
    let entities = 1_000, providers = 10_000
    let lei = (0..<entities).map { "5299\(String(repeating: "0", count: 14 - String($0).count))\($0)" }
    let code = (0..<providers).map { "3912\(String(repeating: "0", count: 14 - String($0).count))\($0)" }
    let countries = ["DE", "FR", "IE", "NL", "AT", "SE", "US"]
    func write(_ name: String, _ lines: [String]) {
        try! (lines.joined(separator: "\n") + "\n").write(to: reports.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    write("parameters.csv", ["name,value", "refPeriod,2025-12-31"])
    write("b_01.02.csv", ["c0010,c0020,c0030,c0040"] + (0..<entities).map { "\(lei[$0]),Entity \($0) AG,eba_GA:\(countries[next(7)]),eba_CT:x12" })
    write("b_05.01.csv", ["c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080"]
          + (0..<providers).map { "\(code[$0]),eba_qCO:qx2000,Provider \($0) GmbH,eba_CT:x212,eba_GA:\(countries[next(7)]),eba_CU:EUR,\(10_000 + next(5_000_000))," })
    write("b_06.01.csv", ["c0010,c0020,c0030,c0040,c0050"]
          + (0..<entities * 4).map { "F\($0 / 4)-\($0 % 4),eba_BF:x26,Function,\(lei[$0 / 4]),eba_BT:x2\([8, 9, 1][next(3)])" })
    var contractRows = ["c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0180"], chainRows = ["c0010,c0020,c0030,c0040,c0050,c0060"]
    var assessmentRows = ["c0010,c0020,c0030,c0040,c0050"]
    for k in 0..<contracts {
        let e = next(entities), p = code[next(providers)], service = "eba_TA:S\(10 + next(9))"
        contractRows.append("C-\(k),\(lei[e]),\(p),eba_qCO:qx2000,F\(e)-\(next(4)),\(service),2020-01-01,\(next(20) == 0 ? "2024-12-31" : "9999-12-31"),eba_ZZ:x79\(4 + next(4))")
        if k % 10 == 0 {
            let (second, third) = (code[next(providers)], code[next(providers)])
            chainRows += ["C-\(k),\(service),\(p),eba_qCO:qx2000,1,", "C-\(k),\(service),\(second),eba_qCO:qx2000,2,\(p)",
                          "C-\(k),\(service),\(third),eba_qCO:qx2000,3,\(second)"]
        }
        if k % 4 == 0 { assessmentRows.append("C-\(k),\(p),eba_qCO:qx2000,\(service),eba_ZZ:x96\(next(3))") }
    }
    write("b_02.02.csv", contractRows)
    write("b_05.02.csv", chainRows)
    write("b_07.01.csv", assessmentRows)
    return directory.path
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal],
                                           maxDuration: .seconds(20), maxIterations: 20)

    for size in [100_000, 1_000_000] {
        let label = size >= 1_000_000 ? "\(size / 1_000_000)M" : "\(size / 1000)k"

        Benchmark("load \(label) suppliers (parse, intern, check)", configuration: .init(maxIterations: 5)) { benchmark in
            let files = prepared(size).files
            benchmark.startMeasurement()
            blackHole(try DatasetLoader.load(contents: files))
        }

        Benchmark("load \(label) suppliers as a spreadsheet export (';', decimal comma)", configuration: .init(maxIterations: 5)) { benchmark in
            let files = prepared(size).files.mapValues(spreadsheetExport)
            benchmark.startMeasurement()
            blackHole(try DatasetLoader.load(contents: files))
        }

        Benchmark("graph + schedule \(label)", configuration: .init(maxIterations: 5)) { benchmark in
            let dataset = prepared(size).model.dataset
            benchmark.startMeasurement()
            blackHole(TrustModel(dataset))
        }

        Benchmark("solve \(label) (base + effective trust)") { benchmark in
            let model = prepared(size).model
            benchmark.startMeasurement()
            blackHole(model.solve(TrustParameters(date: date)))
        }

        // The nightly gate of docs/performance.md ("Policy checks"): all seven rule kinds.
        Benchmark("check \(label): solve, then a policy of all seven rule kinds") { benchmark in
            let model = prepared(size).model
            let policy = try! PolicyFile.parse(baselinePolicy)
            let evaluator = try! PolicyEvaluator(policy: policy, dataset: model.dataset)
            benchmark.startMeasurement()
            let parameters = TrustParameters(date: date)
            let solution = model.solve(parameters)
            blackHole(evaluator.evaluate(model: model, solution: solution, parameters: parameters))
        }

        Benchmark("solve \(label) effective trust only, 1 thread") { benchmark in
            let model = prepared(size).model
            let base = model.baseTrust(TrustParameters(date: date))
            benchmark.startMeasurement()
            blackHole(model.solve(base: base, options: SolverOptions(threads: 1)))
        }

        Benchmark("what-if \(label): compromise one mid-tier hoster") { benchmark in
            let model = prepared(size).model
            let runner = ScenarioRunner(model: model, parameters: TrustParameters(date: date))
            let scenario = Scenario(name: "breach", steps: [.compromise(supplier: "host-200")])
            benchmark.startMeasurement()
            blackHole(try runner.run(scenario))
        }

        Benchmark("pagerank \(label)", configuration: .init(maxIterations: 5)) { benchmark in
            let model = prepared(size).model
            benchmark.startMeasurement()
            blackHole(PageRank(model: model))
        }
    }

    // Importing a register against loading the dataset the import writes (docs/import.md, "Speed").
    Benchmark("import dora-roi: 200k contract rows (1,000 entities, 10,000 providers)", configuration: .init(maxIterations: 5)) { benchmark in
        let package = registerPackage(contracts: 200_000)
        benchmark.startMeasurement()
        blackHole(try DORARegister.importPackages([package]))
    }

    Benchmark("load the dataset a 200k-contract register imports to", configuration: .init(maxIterations: 5)) { benchmark in
        let files = Dictionary(uniqueKeysWithValues: try DORARegister.importPackages([registerPackage(contracts: 200_000)]).files)
        benchmark.startMeasurement()
        blackHole(try DatasetLoader.load(contents: files))
    }

    Benchmark("all impacts 100k", configuration: .init(maxIterations: 3)) { benchmark in
        let model = prepared(100_000).model
        let baseline = model.solve(TrustParameters(date: date))
        benchmark.startMeasurement()
        blackHole(ImpactAnalysis(model: model, baseline: baseline))
    }
}
