// Compromise each supplier of one sector in turn and list the outcomes that
// hurt the portfolio most.
//
//   nightly-sweep DATASET SECTOR [YYYY-MM-DD]
import TrustGraphCore

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("usage: nightly-sweep DATASET SECTOR [YYYY-MM-DD]")
    exit(2)
}
let (directory, sector) = (arguments[1], arguments[2])
let date = arguments.count > 3 ? Day(arguments[3]) : Day.today()

do {
    // Load and prepare the dataset once; every scenario starts from this baseline.
    let (dataset, _) = try DatasetLoader.load(directory: directory)
    let runner = ScenarioRunner(model: TrustModel(dataset), parameters: TrustParameters(date: date ?? .today()))

    // One scenario per supplier of the sector: "what if it were compromised?"
    let suppliers = dataset.suppliers
    var results: [(summary: ScenarioSummary, hurtMost: String)] = []
    for i in 0..<suppliers.count where suppliers.sectors[i] == sector {
        let scenario = Scenario(name: suppliers.id(i), steps: [.compromise(supplier: suppliers.id(i))])
        let outcome = try runner.run(scenario)
        // `changed` lists the suppliers whose trust moved, worst drop first; skip the compromised one.
        // (`delta` is nil only for a supplier the scenario added, never one of `changed`.)
        let victim = outcome.changed.first { $0 != i }
        let hurtMost = victim.map { "\(suppliers.id($0)) \(TextTable.fixed(outcome.delta($0)!))" } ?? "-"
        results.append((outcome.summary(threshold: 0.5), hurtMost))
    }

    // The ten worst, by the portfolio's mean trust afterwards.
    print("compromised            mean trust         below 0.5  changed  hurt most")
    for (s, hurtMost) in results.sorted(by: { ($0.summary.meanAfter, $0.summary.name) < ($1.summary.meanAfter, $1.summary.name) }).prefix(10) {
        print("\(s.name.padding(22)) \(TextTable.fixed(s.meanBefore)) → \(TextTable.fixed(s.meanAfter))"
              + "  \("\(s.belowBefore) → \(s.belowAfter)".padding(9))  \(String(s.changed).padding(7))  \(hurtMost)")
    }
} catch let error as DatasetError {
    print(error.description)
    exit(1)
} catch let error as ScenarioFileError {
    print(error.description)
    exit(1)
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}

#if canImport(Glibc)
import Glibc
#endif
