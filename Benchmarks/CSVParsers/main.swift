// Reads one CSV file with the CSV.swift package and with trustgraph's loader
// (dependencies.csv of a dataset), and prints the medians: the measurement
// behind the choice of a hand-written parser (docs/performance.md).
//
//   csv-parsers DATASET [--runs N]
import CSV
import Dispatch
import Foundation
import TrustGraphCore

let arguments = CommandLine.arguments
guard arguments.count >= 2 else { print("usage: csv-parsers DATASET [--runs N]"); exit(2) }
let directory = arguments[1]
let runs = arguments.count >= 4 ? Int(arguments[3]) ?? 3 : 3
let path = directory + "/dependencies.csv"

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }

var package: [Double] = [], ours: [Double] = []
var rows = 0
for _ in 0..<runs {
    package.append(try seconds {
        let stream = InputStream(fileAtPath: path)!
        let reader = try CSVReader(stream: stream, hasHeaderRow: true)
        rows = 0
        while reader.next() != nil { rows += 1 }
    })
    // The whole dataset load reads suppliers.csv too, which the dependencies need to resolve ids.
    let bytes = try Data(contentsOf: URL(fileURLWithPath: directory + "/suppliers.csv"))
    ours.append(try seconds {
        _ = try DatasetLoader.load(contents: ["suppliers.csv": [UInt8](bytes),
                                              "dependencies.csv": [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))], threads: 1)
    })
}
print("dependencies.csv: \(rows) rows")
print("CSV.swift 2.5 (rows of Strings, no checks): median \(median(package)) s")
print("trustgraph loader, 1 thread (suppliers.csv + dependencies.csv, every cell checked, ids interned): median \(median(ours)) s")
