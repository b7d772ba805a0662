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
          trustgraph report samples/eu-cloud --date 2026-06-30 -o report.html
        """,
        version: "0.1.0",
        subcommands: [Validate.self, Solve.self, Explain.self, Generate.self, Render.self, WhatIf.self, Analyze.self, Report.self, Schemes.self]
    )

    static func main() {
        // `render` lays out in a child: this same program, started as a Graphviz worker.
        ContainedGraphviz.serveIfWorker(CommandLine.arguments)
        // A command loads one dataset and exits: memory freed on the way is better reused than returned.
        MemoryReuse.keepFreedMemory()
        // Ctrl-C or a kill during a write removes the temporary file, not only the process.
        TemporaryPaths.removeOnSignals()
        do {
            var command = try parseAsRoot()
            if let files = command as? ReadsAndWritesFiles { try files.refuseToOverwriteInputs() }
            try command.run()
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
}

extension ReadsAndWritesFiles {
    /// Exits 1 with an error naming both paths when an output is an input; nothing is written.
    func refuseToOverwriteInputs() throws {
        for output in outputFiles where output != "-" {
            guard let input = inputFiles.first(where: { FileBytes.isSameFile(output, $0) }) else { continue }
            let same = input == output ? "" : " ('\(input)')"
            Console.error(TerminalText.escaped("error: cannot write '\(output)': it is an input of this command\(same); "
                + "choose another output file (nothing was written)"))
            throw ExitCode(1)
        }
    }
}

extension DatasetOptions {
    /// The dataset's files (and the dataset path itself, which `render` may read as a DOT file).
    var inputFiles: [String] { [dataset] + DatasetLoader.filePaths(in: dataset) }
}
