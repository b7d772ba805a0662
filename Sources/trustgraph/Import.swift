import ArgumentParser
import TrustGraphCore

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a dataset from a register or a bill of materials that a machine already keeps.",
        discussion: """
        dora-roi reads DORA Registers of Information (the xBRL-CSV report packages EU \
        financial entities file under Regulation (EU) 2022/2554); cyclonedx reads CycloneDX \
        1.4–1.6 JSON documents (SBOMs, SaaSBOMs, 1.6 attestations). docs/import.md has the \
        mapping of every template, column and field.

        Both write a dataset directory the other commands read, all its files at once; with \
        any error nothing is written. Each prints what it read, wrote and dropped, and why.

        With --merge-into DATASET they add to a dataset an analyst keeps instead: suppliers \
        matched by id, then by exact name; rows the import has updated or added, none \
        removed; files the import does not give (certifications kept by hand, schemes, notes) \
        kept as they are. The summary lists what was added, updated and kept.

        Examples:
          trustgraph import dora-roi samples/dora-roi/nordbank-group-2025 \\
              --certifications samples/dora-roi/certifications.csv -o /tmp/nordbank
          trustgraph import cyclonedx samples/cyclonedx/payments-saasbom.json \\
              -o /tmp/saas
          trustgraph import dora-roi samples/dora-roi/nordbank-group-2025 \\
              --merge-into my-dataset
          trustgraph analyze /tmp/nordbank --date 2025-12-31
        """,
        subcommands: [DORARoI.self, CycloneDX.self]
    )
}

/// The options both importers take.
struct ImportFlags: ParsableArguments {
    @Option(name: [.short, .customLong("output")],
            help: ArgumentHelp("Dataset directory to write (created if missing); with --merge-into, where the merged dataset goes.",
                               valueName: "dataset"))
    var output: String?

    @Option(name: .customLong("merge-into"),
            help: ArgumentHelp("""
                Existing dataset to add the import to, written back in place (or to -o): suppliers matched by id, \
                then by exact name; rows updated or added, none removed; its other files kept.
                """, valueName: "dataset"))
    var mergeInto: String?

    @Option(help: ArgumentHelp("Certifications file to copy into the dataset (supplier = an id the import writes).", valueName: "file"))
    var certifications: String?

    @Flag(help: "Replace the -o directory if it already holds a dataset.")
    var force = false

    func validate() throws {
        if output == nil && mergeInto == nil {
            throw ValidationError("give -o DATASET to write a new dataset, or --merge-into DATASET to add to one")
        }
    }

    /// Runs an import: on errors prints them and exits 1 having written nothing; otherwise
    /// writes the dataset (or merges it into `--merge-into`) and prints what was read, written and dropped.
    func run(_ body: () throws(DatasetError) -> ImportedDataset) throws {
        let existing = try mergeInto.map { directory in try Self.checked { () throws(DatasetError) in try ExistingDataset.read(directory) } }
        let imported = try Self.checked(body)
        guard let existing else {
            let output = output!
            try Self.writing { () throws(FileBytes.WriteError) in try imported.write(to: output, replacing: force) }
            for line in imported.summary.lines { try Console.out(line) }
            try Console.out(TerminalText.escaped("wrote \(output)/ (\(imported.files.map(\.name).joined(separator: ", ")))"))
            return
        }
        let merged = try Self.checked { () throws(DatasetError) in try imported.merged(into: existing) }
        let target = output ?? existing.directory
        if output == nil && merged.changed.isEmpty {
            for line in merged.summary.lines { try Console.out(line) }
            try Console.out(TerminalText.escaped("nothing to change: \(target)/ left as it was"))
            return
        }
        try Self.writing { () throws(FileBytes.WriteError) in try merged.write(to: target, replacing: force) }
        for line in merged.summary.lines { try Console.out(line) }
        try Console.out(TerminalText.escaped("wrote \(target)/ (\(merged.filesText))"))
    }

    /// The value of `body`; on errors prints them and exits 1.
    private static func checked<T>(_ body: () throws(DatasetError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            for note in error.notes { Console.error(note.description) }
            Console.error(error.description)
            Console.error("\(plural(error.errorCount, "error")); nothing was written")
            throw ExitCode(1)
        }
    }

    /// Runs `body`; when writing fails prints why and exits 1.
    private static func writing(_ body: () throws(FileBytes.WriteError) -> Void) throws {
        do {
            try body()
        } catch {
            Console.error(TerminalText.escaped("error: \(error.description)"))
            throw ExitCode(1)
        }
    }
}

struct DORARoI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dora-roi",
        abstract: "Import DORA Registers of Information (xBRL-CSV report packages).",
        discussion: """
        Each PACKAGE is a .zip report package or a directory holding its files; several \
        packages (the registers of several entities) merge into one dataset, a provider they \
        share written once. Read: b_01.02 (entities), b_05.01 (ICT third-party providers), \
        b_02.02 (contractual arrangements), b_05.02 (sub-contracting chains), b_06.01 \
        (functions) and, when present, b_07.01 (assessments); files are found by name anywhere \
        in the package.

        Entities and providers become suppliers; arrangements active at the date become rows \
        from the entity to its provider, critical when the function they support is critical \
        or important, high when it was not assessed, else by the level of reliance; chain rows \
        of rank 2 and more become rows from the recipient to its sub-contractor. The RoI holds \
        no certificates: give them with --certifications (supplier = the provider's code or \
        the entity's LEI), else every supplier's base trust is its prior.

        The date is --date, else each package's refPeriod (reports/parameters.csv), else today.

        --merge-into DATASET refreshes a dataset kept by hand from the register: an entity or \
        provider whose LEI or code is not a supplier id there is matched by its exact name, \
        and its rows then use the dataset's id; rows are matched by consumer, provider and \
        service. docs/import.md has the rules.

        Exit status: 0 on success, 1 when a package or the dataset to merge into has errors \
        (each named file:line: column, nothing written) or the directory cannot be written, \
        64 when the command line is wrong.

        Examples:
          trustgraph import dora-roi samples/dora-roi/nordbank-group-2025 -o /tmp/nordbank
          trustgraph import dora-roi bank-a.zip bank-b.zip --date 2025-12-31 -o /tmp/sector
          trustgraph import dora-roi samples/dora-roi/nordbank-group-2025 \\
              --certifications samples/dora-roi/certifications.csv -o /tmp/nordbank --force
          trustgraph import dora-roi samples/dora-roi/nordbank-group-2025 \\
              --merge-into my-dataset
          trustgraph import dora-roi bank-2026.zip --merge-into my-dataset -o /tmp/preview
        """
    )

    @Argument(help: ArgumentHelp("Report packages: .zip files or directories.", valueName: "package"))
    var packages: [String]

    @Option(help: ArgumentHelp("Date at which contracts must be active, YYYY-MM-DD (default: each package's refPeriod, else today).",
                               valueName: "date"))
    var date: String?

    @OptionGroup var flags: ImportFlags

    func validate() throws {
        if packages.isEmpty { throw ValidationError("give at least one report package (a .zip file or a directory)") }
        if let date, Day(date) == nil { throw ValidationError("--date '\(date)' is not a real calendar day in YYYY-MM-DD form") }
    }

    func run() throws {
        var options = ImportOptions(date: date.flatMap(Day.init), certifications: flags.certifications)
        options.today = .today()
        try flags.run { () throws(DatasetError) in try DORARegister.importPackages(packages, options: options) }
    }
}

struct CycloneDX: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cyclonedx",
        abstract: "Import CycloneDX 1.4–1.6 JSON documents (SBOMs, SaaSBOMs, attestations).",
        discussion: """
        Every organisation a document names — the metadata's manufacturer and supplier, a \
        component's supplier, manufacturer or publisher, a service's provider, at any depth of \
        nesting — becomes a supplier, its id a slug of its name (`Acme, Inc.` → acme-inc). \
        dependencies[] between components and services become rows between their \
        organisations (through components that name none); the document's own manufacturer, \
        else supplier, is the consumer at the top. 1.6 attestations become certifications: \
        the standard a requirement belongs to names the scheme (matched like any scheme name: \
        `ISO/IEC 27001:2022` is ISO27001), the evidence's creation and expiry its dates; a \
        standard the catalogue does not know goes to schemes.csv with assurance 0. Several \
        documents merge into one dataset, organisations matched by name. XML is not read.

        --merge-into DATASET adds the documents' organisations, rows and attestations to a \
        dataset kept by hand (organisations matched by id, then by exact name; \
        certifications by supplier, scheme and issued; a scheme the dataset defines keeps \
        its assurance). docs/import.md has the rules.

        Exit status: 0 on success, 1 when a document or the dataset to merge into has errors \
        (each named file:line: column, nothing written) or the directory cannot be written, \
        64 when the command line is wrong.

        Examples:
          trustgraph import cyclonedx samples/cyclonedx/payments-saasbom.json \\
              -o /tmp/saas
          trustgraph import cyclonedx app.cdx.json platform.cdx.json -o /tmp/estate --force
          trustgraph import cyclonedx app.cdx.json --merge-into my-dataset
          trustgraph solve /tmp/saas --date 2026-06-30
        """
    )

    @Argument(help: ArgumentHelp("CycloneDX JSON documents.", valueName: "bom.json"))
    var documents: [String]

    @OptionGroup var flags: ImportFlags

    func validate() throws {
        if documents.isEmpty { throw ValidationError("give at least one CycloneDX JSON document") }
    }

    func run() throws {
        let options = ImportOptions(certifications: flags.certifications)
        try flags.run { () throws(DatasetError) in try CycloneDXBOM.importDocuments(documents, options: options) }
    }
}
