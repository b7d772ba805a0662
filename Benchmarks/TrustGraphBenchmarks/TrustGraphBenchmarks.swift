import Benchmark
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

    Benchmark("all impacts 100k", configuration: .init(maxIterations: 3)) { benchmark in
        let model = prepared(100_000).model
        let baseline = model.solve(TrustParameters(date: date))
        benchmark.startMeasurement()
        blackHole(ImpactAnalysis(model: model, baseline: baseline))
    }
}
