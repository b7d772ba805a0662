import ArgumentParser
import TrustGraphCore
import TrustGraphGraphviz

@main
struct TrustGraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trustgraph",
        abstract: "Analyse trust in ICT supply chains.",
        discussion: """
        A dataset is a directory of CSV files: suppliers.csv (required), and optionally \
        certifications.csv, dependencies.csv, schemes.csv and recognition.csv. trustgraph checks it, computes \
        each supplier's base trust from its certifications and its effective trust once \
        distrust has flowed up the chain of dependencies, explains every score, answers \
        what-if questions, and follows trust over time (renewals, advise, diff, timeline).

        Start with:
          trustgraph validate samples/eu-cloud
          trustgraph solve samples/eu-cloud --date 2026-06-30
          trustgraph explain samples/eu-cloud shopfront-saas --date 2026-06-30
          trustgraph render samples/eu-cloud --date 2026-06-30 -o map.svg
          trustgraph whatif samples/eu-cloud samples/scenarios/cdn-breach.yaml \\
              --date 2026-06-30
          trustgraph analyze samples/eu-cloud --date 2026-06-30
          trustgraph check samples/eu-cloud --date 2026-06-30 \\
              --policy samples/policies/eu-cloud-baseline.yaml
          trustgraph renewals samples/eu-cloud --from 2026-06-30 --to 2026-12-31
          trustgraph diff samples/eu-cloud samples/eu-cloud-next --date 2026-06-30
          trustgraph report samples/eu-cloud --date 2026-06-30 -o report.html
        """,
        version: "0.1.0",
        subcommands: [Validate.self, Solve.self, Explain.self, Generate.self, Render.self, WhatIf.self, Analyze.self, Check.self,
                      Timeline.self, Renewals.self, Advise.self, Diff.self, Report.self, Schemes.self, Import.self]
    )

    static func main() {
        // `render` lays out in a child: this same program, started as a Graphviz worker.
        ContainedGraphviz.serveIfWorker(CommandLine.arguments)
        // A command loads one dataset and exits: memory freed on the way is better reused than returned.
        MemoryReuse.keepFreedMemory()
        // Ctrl-C or a kill during a write removes the temporary file, not only the process.
        TemporaryPaths.removeOnSignals()
        // Under `ulimit -v`, memory refused to Swift's runtime is a message, not a crash.
        OutOfMemory.reportCrashesAtTheLimit()
        do {
            var command = try parseAsRoot()
            if let files = command as? ReadsAndWritesFiles { try files.refuseToOverwriteInputs() }
            try command.run()
        } catch let failure as CommandFailure {
            // The one way a command fails: its lines on standard error, then its status.
            for line in failure.lines { Console.error(line) }
            exit(withError: ExitCode(failure.status))
        } catch {
            exit(withError: error)
        }
    }
}

/// A command that reads some files and writes others. Before any work, the CLI refuses
/// to write over a file the command reads (`solve DS -o DS/suppliers.csv`): the same
/// file by device and inode, however the two paths are spelt.
protocol ReadsAndWritesFiles {
    /// The files the command reads (they need not exist).
    var inputFiles: [String] { get }
    /// The files it writes (`-` for standard output).
    var outputFiles: [String] { get }
    /// The exit status when an output is an input (1 unless the command gives 1 another meaning).
    var inputErrorExitCode: Int32 { get }
}

extension ReadsAndWritesFiles {
    var inputErrorExitCode: Int32 { ExitStatus.failure }

    /// Exits 1 (`inputErrorExitCode`) with an error naming both paths when an output is an input; nothing is written.
    func refuseToOverwriteInputs() throws {
        for output in outputFiles where output != "-" {
            guard let input = inputFiles.first(where: { FileBytes.isSameFile(output, $0) }) else { continue }
            let same = input == output ? "" : " ('\(input)')"
            throw CommandFailure(TerminalText.escaped("error: cannot write '\(output)': it is an input of this command\(same); "
                                                      + "choose another output file (nothing was written)"), status: inputErrorExitCode)
        }
    }
}

extension DatasetOptions {
    /// The dataset's files (and the dataset path itself, which `render` may read as a DOT file).
    var inputFiles: [String] { [dataset] + DatasetLoader.filePaths(in: dataset) }
}
