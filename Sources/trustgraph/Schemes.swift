import ArgumentParser
import TrustGraphCore

struct Schemes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the certification schemes a dataset can name.",
        discussion: """
        The built-in catalogue and, given a dataset, its schemes.csv: each scheme's \
        assurance, evidence half-life, where it comes from, and the alias keys that also \
        name it. Names are matched by key, so 'ISO/IEC 27001:2022', 'ISO 27001' and \
        'iso27001' all name ISO27001, and 'SOC 2 Type II' names SOC2-TYPE2.

        Exit status: 0 on success, 1 when schemes.csv has errors, 64 when the command \
        line is wrong.

        Examples:
          trustgraph schemes
          trustgraph schemes samples/eu-cloud
          trustgraph schemes samples/eu-cloud --format csv -o schemes.csv
        """
    )

    @Argument(help: ArgumentHelp("Dataset directory whose schemes.csv adds to the catalogue.", valueName: "dataset"))
    var dataset: String?

    @OptionGroup var output: OutputFlags
    @OptionGroup(title: "Reading spreadsheet exports") var reading: ReadingFlags

    func run() throws {
        var catalogue = SchemeCatalogue.builtIn
        if let dataset {
            do {
                let (loaded, report) = try DatasetLoader.loadSchemes(directory: dataset, options: reading.options)
                for note in report.notes { Console.error(note.description) }
                catalogue = loaded
            } catch {
                throw CommandFailure(lines: error.notes.map(\.description) + [error.description])
            }
        }
        let listing = SchemeListing(catalogue)
        switch output.format {
        case .table: try output.emit(listing.table)
        case .csv: try output.emitCSV(listing.csv, delimiter: reading.delimiter)
        case .json: try output.emit(listing.json)
        }
    }
}

extension Schemes: ReadsAndWritesFiles {
    var inputFiles: [String] { dataset.map(DatasetLoader.filePaths(in:)) ?? [] }
    var outputFiles: [String] { output.output.map { [$0] } ?? [] }
}
