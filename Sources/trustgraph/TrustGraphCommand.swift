import ArgumentParser
import TrustGraphCore

@main
struct TrustGraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trustgraph",
        abstract: "Analyse trust in ICT supply chains.",
        discussion: """
        A dataset is a directory of CSV files: suppliers.csv (required), and optionally \
        certifications.csv, dependencies.csv and schemes.csv. trustgraph checks it, computes \
        each supplier's base trust from its certifications and its effective trust once \
        distrust has flowed up the chain of dependencies, explains every score, and answers \
        what-if questions.

        Start with:
          trustgraph validate samples/eu-cloud
          trustgraph solve samples/eu-cloud --date 2026-06-30
          trustgraph explain samples/eu-cloud shopfront-saas --date 2026-06-30
          trustgraph render samples/eu-cloud --date 2026-06-30 -o map.svg
          trustgraph whatif samples/eu-cloud samples/scenarios/cdn-breach.yaml \\
              --date 2026-06-30
          trustgraph analyze samples/eu-cloud --date 2026-06-30
        """,
        version: "0.1.0",
        subcommands: [Validate.self, Solve.self, Explain.self, Generate.self, Render.self, WhatIf.self, Analyze.self, Schemes.self]
    )

    static func main() {
        // A command loads one dataset and exits: memory freed on the way is better reused than returned.
        MemoryReuse.keepFreedMemory()
        main(nil)
    }
}
