import FuzzSupport
import TrustGraphCore

// certifications.csv and dependencies.csv over a fixed set of suppliers: id
// lookups, criticality words and numbers, groups, dates, statuses. The input is
// split at its first NUL byte (certifications before, dependencies after).
let suppliers = Array("""
id,name,country,sector,prior
a,Alpha,DE,saas,
b,Beta,FR,hosting,0.4
c,Gamma,,cdn,
d,Delta,NL,msp,1

""".utf8)

fuzz { bytes in
    let cut = bytes.firstIndex(of: 0) ?? bytes.count
    let certifications = Array(bytes[..<cut])
    let dependencies = cut < bytes.count ? Array(bytes[(cut + 1)...]) : []
    guard let (dataset, _) = try? DatasetLoader.load(contents: ["suppliers.csv": suppliers, "certifications.csv": certifications,
                                                                "dependencies.csv": dependencies]) else { return }
    // A dataset that loads must also solve, to trust values in [0, 1].
    let model = TrustModel(dataset)
    let solution = model.solve(TrustParameters(date: Day(year: 2026, month: 6, day: 30)!), options: SolverOptions(threads: 1))
    for t in solution.trust where !(t >= 0 && t <= 1) { fatalError("trust \(t) out of [0, 1]") }
}
