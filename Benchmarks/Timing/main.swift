// Times the phases of loading and solving a dataset, as medians over runs,
// for side-by-side comparison with peers (see peers/compare.sh).
//
//   trustgraph-timing DATASET [--runs N] [--threads N] [--date YYYY-MM-DD]
import Dispatch
import TrustGraphCore

#if canImport(Glibc)
import Glibc
#endif

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

nonisolated(unsafe) var arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let k = arguments.firstIndex(of: name), k + 1 < arguments.count else { return nil }
    let value = arguments[k + 1]
    arguments.removeSubrange(k...k + 1)
    return value
}
let runs = Int(option("--runs") ?? "5") ?? 5
let threads = Int(option("--threads") ?? "") ?? Parallel.defaultThreads
let date = Day(option("--date") ?? "2026-06-30")!
guard let directory = arguments.first else {
    print("usage: trustgraph-timing DATASET [--runs N] [--threads N] [--date YYYY-MM-DD]")
    exit(2)
}

var load: [Double] = [], build: [Double] = [], base: [Double] = [], solve: [Double] = []
var summary = ""
for _ in 0..<runs {
    var dataset = Dataset()
    load.append(try seconds { dataset = try DatasetLoader.load(directory: directory).0 })
    var model: TrustModel?
    build.append(seconds { model = TrustModel(dataset) })
    var b: [Double] = []
    let parameters = TrustParameters(date: date)
    base.append(seconds { b = model!.baseTrust(parameters, threads: threads) })
    var solution: TrustSolution?
    solve.append(seconds { solution = model!.solve(base: b, options: SolverOptions(threads: threads)) })
    summary = "\(dataset.suppliers.count) suppliers, \(dataset.dependencies.count) rows, \(dataset.certifications.count) certifications; "
        + "\(model!.schedule.levelCount) levels, \(solution!.report.cyclicComponents) cycles, \(solution!.report.sweeps) sweeps"
}
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
func f(_ x: Double) -> String { "\((x * 1e4).rounded() / 10) ms" }
print(summary)
print("threads \(threads), \(runs) runs, medians: load \(f(median(load))), graph+schedule \(f(median(build))), "
      + "base trust \(f(median(base))), solve \(f(median(solve))); peak RSS \(usage.ru_maxrss / 1024) MB")
print("machine: load=\(median(load)) build=\(median(build)) base=\(median(base)) solve=\(median(solve)) rss_mb=\(usage.ru_maxrss / 1024)")
