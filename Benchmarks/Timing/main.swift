// Times the phases of trustgraph on a dataset directory, as medians over runs,
// for side-by-side comparison with peers (see peers/compare.sh).
//
//   trustgraph-timing DATASET [--runs N] [--threads N] [--date YYYY-MM-DD]
//                     [--pagerank] [--impact] [--whatif SUPPLIER [--whatif-repeat N]]
//                     [--each]
//
// --each prints, for every run, the load's wall time, CPU time (user, system)
// and minor page faults, to tell a slow machine from a slow code path.
import Dispatch
import TrustGraphCore

#if canImport(Glibc)
import Glibc
#endif

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let usageLine = "usage: trustgraph-timing DATASET [--runs N] [--threads N] [--date YYYY-MM-DD] [--pagerank] [--impact] [--whatif SUPPLIER [--whatif-repeat N]] [--each]"
nonisolated(unsafe) var arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let k = arguments.firstIndex(of: name) else { return nil }
    guard k + 1 < arguments.count else {
        FileHandleOutput.standardError("trustgraph-timing: \(name) needs a value\n\(usageLine)")
        exit(2)
    }
    let value = arguments[k + 1]
    arguments.removeSubrange(k...k + 1)
    return value
}
func flag(_ name: String) -> Bool {
    guard let k = arguments.firstIndex(of: name) else { return false }
    arguments.remove(at: k)
    return true
}
func fail(_ message: String) -> Never {
    FileHandleOutput.standardError(message)
    exit(2)
}
/// The value of a numeric option, or a usage error naming it.
func count(_ name: String, default value: Int) -> Int {
    guard let text = option(name) else { return value }
    guard let number = Int(text), number > 0 else { fail("trustgraph-timing: \(name) expects a positive whole number, got '\(text)'\n\(usageLine)") }
    return number
}
if flag("--help") || flag("-h") {
    print(usageLine)
    exit(0)
}
// As the command line does (see MemoryReuse).
MemoryReuse.keepFreedMemory()
let runs = count("--runs", default: 5)
let threads = count("--threads", default: Parallel.defaultThreads)
let dateText = option("--date") ?? "2026-06-30"
guard let date = Day(dateText) else { fail("trustgraph-timing: --date expects YYYY-MM-DD, got '\(dateText)'") }
let whatIfSupplier = option("--whatif")
let whatIfRepeat = count("--whatif-repeat", default: 1)
let withPageRank = flag("--pagerank")
let withImpact = flag("--impact")
let printEachRun = flag("--each")
guard arguments.count == 1, let directory = arguments.first, !directory.hasPrefix("-") else {
    fail(arguments.isEmpty ? usageLine : "trustgraph-timing: unexpected '\(arguments.joined(separator: " "))'\n\(usageLine)")
}

nonisolated(unsafe) var phases: [(String, [Double])] = []
func record(_ name: String, _ value: Double) {
    if let k = phases.firstIndex(where: { $0.0 == name }) { phases[k].1.append(value) } else { phases.append((name, [value])) }
}
var summary = ""
let options = SolverOptions(threads: threads)
let parameters = TrustParameters(date: date)
/// CPU seconds (user, system) and minor page faults of this process so far.
func processUsage() -> (user: Double, system: Double, faults: Int) {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return (seconds(usage.ru_utime), seconds(usage.ru_stime), usage.ru_minflt)
}

for run in 0..<runs {
    var dataset = Dataset()
    let before = processUsage()
    let load: Double
    do {
        load = try seconds { dataset = try DatasetLoader.load(directory: directory, threads: threads).0 }
    } catch {
        fail("trustgraph-timing: \(error)")
    }
    record("load", load)
    if printEachRun {
        let after = processUsage()
        print("run \(run + 1) load: \((load * 1e4).rounded() / 10) ms wall, "
            + "\(((after.user - before.user) * 1e4).rounded() / 10) ms user, "
            + "\(((after.system - before.system) * 1e4).rounded() / 10) ms system, "
            + "\(after.faults - before.faults) minor faults")
    }
    // The compressed graph alone (what a load needs before any solve), then the
    // whole model: graph again, plus the solve schedule and its renumbered copy.
    record("csr graph", seconds { _ = SupplyGraph(dataset, threads: threads) })
    var model: TrustModel?
    record("graph+schedule", seconds { model = TrustModel(dataset) })
    var base: [Double] = []
    record("base trust", seconds { base = model!.baseTrust(parameters, threads: threads) })
    var solution: TrustSolution?
    record("effective trust", seconds { solution = model!.solve(base: base, options: options) })
    summary = "\(dataset.suppliers.count) suppliers, \(dataset.dependencies.count) rows, \(dataset.certifications.count) certifications; "
        + "\(model!.schedule.levelCount) levels, \(solution!.report.cyclicComponents) cycles, \(solution!.report.sweeps) sweeps"
    if let whatIfSupplier {
        let runner = ScenarioRunner(model: model!, parameters: parameters, baseline: solution!, options: options)
        let scenario = Scenario(name: "compromise", steps: [.compromise(supplier: whatIfSupplier)])
        var outcome: ScenarioOutcome?
        for _ in 0..<whatIfRepeat {
            do {
                record("whatif compromise \(whatIfSupplier)", try seconds { outcome = try runner.run(scenario) })
            } catch {
                fail("trustgraph-timing: --whatif: \(error)")
            }
        }
        summary += "; whatif re-solved \(outcome!.solution.report.solvedSuppliers) suppliers"
    }
    if withPageRank {
        var rank: PageRank?
        record("pagerank", seconds { rank = PageRank(model: model!, threads: threads) })
        summary += "; pagerank \(rank!.sweeps) sweeps"
    }
    if withImpact {
        record("all impacts", seconds { _ = ImpactAnalysis(model: model!, baseline: solution!, options: options) })
    }
}
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
print(summary)
print("threads \(threads), \(runs) runs, medians:")
for (name, values) in phases { print("  \(name): \((median(values) * 1e4).rounded() / 10) ms") }
print("peak RSS \(usage.ru_maxrss / 1024) MB")
print("machine: " + phases.map { "\($0.0.replacingSpaces)=\(median($0.1))" }.joined(separator: " ") + " rss_mb=\(usage.ru_maxrss / 1024)")

enum FileHandleOutput {
    static func standardError(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}

extension String {
    var replacingSpaces: String { String(map { $0 == " " ? "_" : $0 }) }
}
