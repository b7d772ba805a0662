import ArgumentParser
import TrustGraphCore

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a realistic synthetic dataset.",
        discussion: """
        Tiers of hardware and open-source components, hyperscalers, CDNs, DNS, identity and \
        payment providers, hosters, MSPs, SaaS vendors and enterprises; heavy-tailed provider \
        popularity; redundancy groups; a few cycles; certifications with past and future \
        dates, suspensions, partial scope and evidence dates. The same --suppliers and --seed \
        always give the same files.

        The dataset appears at once: the files are written into a temporary directory \
        beside the target, which is then renamed into place, so an interrupted run leaves \
        the old directory or the whole new one. A directory that is not empty is refused \
        unless --force is given, and even then only if it holds nothing but dataset files.

        Exit status: 0 on success, 1 when the directory cannot be written or is not empty, 64 when the command line is wrong (an unknown option, a missing or bad value).

        Examples:
          trustgraph generate --suppliers 1000 --seed 7 -o /tmp/small
          trustgraph generate --suppliers 1000000 --seed 1 -o bench-data/1m
          trustgraph generate --suppliers 1000 --seed 8 -o /tmp/small --force
        """
    )

    @Option(help: ArgumentHelp("Number of suppliers.", valueName: "n"))
    var suppliers: Int

    @Option(help: ArgumentHelp("Random seed.", valueName: "s"))
    var seed: UInt64 = 1

    @Option(name: .customLong("rows-per-supplier"), help: ArgumentHelp("Average dependency rows per supplier.", valueName: "x"))
    var rowsPerSupplier: Double = 3

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Directory to write (created if missing).", valueName: "dir"))
    var output: String

    @Flag(help: "Replace the directory if it already holds a dataset.")
    var force = false

    func validate() throws {
        guard suppliers >= 1 else { throw ValidationError("--suppliers must be at least 1") }
        guard rowsPerSupplier > 0 && rowsPerSupplier <= 50 else { throw ValidationError("--rows-per-supplier must be in (0, 50]") }
    }

    func run() throws {
        let generator = DatasetGenerator(suppliers: suppliers, seed: seed, rowsPerSupplier: rowsPerSupplier)
        do {
            try generator.write(to: output, replacing: force)
        } catch {
            throw CommandFailure("error: \(error.description)")
        }
        try Console.out("wrote \(output)/suppliers.csv, certifications.csv, dependencies.csv")
    }
}
