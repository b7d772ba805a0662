import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ArgumentParser
import Testing
import TestSupport
@testable import trustgraph
import TrustGraphCore

/// Runs the built `trustgraph` binary as a user would and checks what it prints and returns.
enum CLI {
    /// The directory holding the built products (the test binary sits beside them).
    static let products: URL = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("trustgraph").path) && dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir
    }()

    static let examples: URL = {
        // Tests/TrustGraphCLITests/… → Tests/TrustGraphCoreTests/Fixtures/examples
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TrustGraphCoreTests/Fixtures/examples")
    }()

    static func example(_ name: String) -> String { examples.appendingPathComponent(name).path }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a shell command line (for limits set with `ulimit`).
    static func runShell(_ command: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = products.appendingPathComponent("trustgraph")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Whether the tests (and so the binary under test) were built with AddressSanitizer.
    static var underAddressSanitizer: Bool { Sanitizers.address }

    /// A new empty directory, removed when the tests end (see `TemporaryDirectories`).
    static func temporaryDirectory() throws -> URL {
        try TemporaryDirectories.make("trustgraph-tests")
    }
}

@Suite struct CommandLineTests {
    @Test func validateListsEveryErrorAndFails() throws {
        let r = try CLI.run(["validate", CLI.example("bad_multi")])
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n").filter { !$0.hasPrefix("warning") }
        #expect(lines.count == 27)
        #expect(lines.first == "suppliers.csv:4: column 'id': duplicate supplier id 'a' (first on line 2)")
        #expect(r.stderr.contains("27 errors"))
    }

    @Test func validateAcceptsAValidDataset() throws {
        let r = try CLI.run(["validate", CLI.example("cycles")])
        #expect(r.status == 0)
        #expect(r.stdout.contains("valid — 8 suppliers"))
    }

    @Test func countsOfOneReadAsEnglish() throws {
        let dir = try CLI.temporaryDirectory()
        try "id\na\n".write(to: dir.appendingPathComponent("suppliers.csv"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["validate", dir.path])
        #expect(r.status == 0)
        #expect(r.stdout.hasSuffix("\(dir.path): valid — 1 supplier, 0 certifications, 0 dependency rows, 1 warning\n"))
        let cycle = try CLI.run(["solve", CLI.example("cycles"), "--date", "2026-01-15", "--max-iterations", "1", "--format", "csv"])
        #expect(cycle.stderr.contains("warning: did not converge: after 1 sweep the largest change was"))
    }

    @Test func solveCSVHasTheContractFigures() throws {
        let r = try CLI.run(["solve", CLI.example("worst_group"), "--date", "2026-01-15", "--format", "csv"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines[0] == "id,name,base_trust,trust,country,sector,limited_by")
        // A: B passes up 0.7 × 0.2, C 0.4 × 0.5, D 0.3 × 0.8 = 0.24, the largest; F: E passes up 0.7 × 0.7.
        #expect(lines[1] == "A,A,0.9,0.76,,,D")
        #expect(lines[2] == "B,B,0.8,0.8,,,")
        #expect(lines[6] == "F,F,1.0,0.51,,,E")
        #expect(lines.count == 7)
    }

    @Test func topMeansTheWeakestInEveryFormat() throws {
        let ids = { (r: CLI.Result) in r.stdout.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) } }
        let solve = ["solve", CLI.example("worst_group"), "--date", "2026-01-15"]
        // Trust: D 0.2, E 0.3, C 0.5, F 0.51, A 0.76, B 0.8.
        let csv = try CLI.run(solve + ["--format", "csv", "--top", "3"])
        #expect(csv.status == 0)
        #expect(ids(csv) == ["D", "E", "C"])
        let json = try CLI.run(solve + ["--format", "json", "--top", "3"])
        #expect(json.stdout.split(separator: "\n").filter { $0.contains("\"id\"") }.map { $0.contains("\"id\":\"D\"") }
                == [true, false, false])
        let table = try CLI.run(solve + ["--top", "3"])
        #expect(table.stdout.split(separator: "\n").dropFirst(2).prefix(3).map { $0.split(separator: " ")[2] } == ["D", "E", "C"])
        // With --sort, the first N of that order.
        #expect(ids(try CLI.run(solve + ["--format", "csv", "--top", "2", "--sort", "input"])) == ["A", "B"])
        // analyze: the N with most impact (c 0.84, b 0.72, d 0.091), or the first N of --sort.
        let analyze = ["analyze", CLI.example("analyze"), "--date", "2026-01-15"]
        #expect(ids(try CLI.run(analyze + ["--format", "csv", "--top", "2"])) == ["c", "b"])
        #expect(ids(try CLI.run(analyze + ["--format", "csv", "--top", "2", "--sort", "input"])) == ["a", "b"])
        #expect(ids(try CLI.run(analyze + ["--format", "csv"])) == ["a", "b", "c", "d", "e"])
        // Single points of failure: b (a's critical provider) then c (b's high one); --top 1 keeps b's rows.
        let points = try CLI.run(analyze + ["--what", "single-points", "--format", "csv", "--top", "1"])
        #expect(points.stdout == "provider,consumer,group,weight,provider_trust\nb,a,b,1.0,0.72\n")
    }

    @Test func topZeroIsRefusedByEveryCommand() throws {
        for command in ["solve", "analyze", "whatif"] {
            let arguments = [command, CLI.example("analyze")] + (command == "whatif" ? ["s.yaml"] : []) + ["--top", "0"]
            let r = try CLI.run(arguments)
            #expect(r.status == 64, "\(command)")
            #expect(r.stderr.contains("--top must be at least 1"), "\(command)")
        }
    }

    @Test func nonConvergenceSaysSoAndExitsThree() throws {
        let r = try CLI.run(["solve", CLI.example("cycles"), "--date", "2026-01-15", "--max-iterations", "1", "--format", "csv"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("did not converge"))
    }

    @Test func explainUnknownSupplierSuggestsCloseIds() throws {
        let r = try CLI.run(["explain", CLI.example("whatif"), "hl", "--date", "2026-01-15"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("unknown supplier 'hl'"))
        #expect(r.stderr.contains("'h1'"))
    }

    @Test func mistypedSuppliersInScenariosAndOptionsGetSuggestions() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("s.yaml")
        try "scenarios:\n  - name: typo\n    steps:\n      - compromise: {supplier: hl}\n".write(to: file, atomically: true, encoding: .utf8)
        let whatif = try CLI.run(["whatif", CLI.example("whatif"), file.path, "--date", "2026-01-15"])
        #expect(whatif.status == 1)
        #expect(whatif.stderr.contains("s.yaml:4: scenario 'typo', step 1 (compromise): unknown supplier 'hl' (did you mean 'h1', 'h2'?)\n"))
        let render = try CLI.run(["render", CLI.example("whatif"), "--focus", "hl", "-o", dir.appendingPathComponent("m.svg").path])
        #expect(render.status == 1)
        #expect(render.stderr.contains("error: --focus: unknown supplier 'hl' in \(CLI.example("whatif"))/suppliers.csv (did you mean 'h1', 'h2'?)"))
    }

    @Test func explainShowsTheChain() throws {
        let r = try CLI.run(["explain", CLI.example("worst_group"), "F", "--date", "2026-01-15"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("trust t = 0.5100"))
        #expect(r.stdout.contains("Limiting chain:"))
    }

    @Test func unwritableOutputIsAClearErrorAndLeavesNothing() throws {
        let dir = try CLI.temporaryDirectory()
        let target = dir.appendingPathComponent("missing/out.csv").path
        let r = try CLI.run(["solve", CLI.example("cycles"), "--date", "2026-01-15", "--format", "csv", "-o", target])
        #expect(r.status == 1)
        #expect(r.stderr.contains("cannot write '\(target)'"))
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func whatifRefusesAFileWithAnErrorAndAppliesNothing() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("s.yaml")
        try "scenarios:\n  - name: ok\n    steps:\n      - compromise: {supplier: h1}\n  - name: bad\n    steps:\n      - exit: {supplier: nobody}\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["whatif", CLI.example("whatif"), file.path, "--date", "2026-01-15", "--format", "csv"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("s.yaml:7: scenario 'bad', step 1 (exit): unknown supplier 'nobody'"))
        #expect(r.stderr.contains("nothing was applied"))
    }

    @Test func whatifRendersOneSVGPerScenario() throws {
        let dir = try CLI.temporaryDirectory()
        let scenarios = CLI.example("whatif") + "/scenarios.yaml"
        let r = try CLI.run(["whatif", CLI.example("whatif"), scenarios, "--date", "2026-01-15", "--render", dir.path + "/maps"])
        #expect(r.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/maps").sorted()
        #expect(files.count == 8)
        #expect(files.contains("h1-compromised.svg"))
        let svg = try Data(contentsOf: dir.appendingPathComponent("maps/h1-compromised.svg"))
        let parser = XMLParser(data: svg)
        #expect(parser.parse())
        #expect(String(decoding: svg, as: UTF8.self).contains("What if: h1 compromised"))
    }

    @Test func whatifWithAnAddedSupplierWritesAnEmptyBaselineAndRenders() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("onboard.yaml")
        try """
        scenarios:
          - name: onboard
            steps:
              - add-supplier: {id: cdn-new, name: New CDN, prior: 0.25}
              - add-certification: {supplier: cdn-new, scheme: ISO27001}
              - add-dependency: {consumer: app, provider: cdn-new, criticality: critical}
        """.write(to: file, atomically: true, encoding: .utf8)
        let csv = try CLI.run(["whatif", CLI.example("whatif"), file.path, "--date", "2026-01-15", "--format", "csv", "--changed-only"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "scenario,id,baseline,trust,delta,base_trust,name")
        #expect(lines[2] == "onboard,cdn-new,,\((0.25 + 0.75 * 0.6).description),,\((0.25 + 0.75 * 0.6).description),New CDN")
        let render = try CLI.run(["whatif", CLI.example("whatif"), file.path, "--date", "2026-01-15", "--render", dir.path + "/maps"])
        #expect(render.status == 0)
        #expect(render.stdout.contains("   added: cdn-new (trust 0.7000)\n"))
        let svg = try String(contentsOf: dir.appendingPathComponent("maps/onboard.svg"), encoding: .utf8)
        #expect(svg.contains("0.70 (new)"))
    }

    @Test func theCandidateSampleKeepsTheShopOnTheBreachMorning() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let r = try CLI.run(["whatif", root.appendingPathComponent("samples/eu-cloud").path,
                             root.appendingPathComponent("samples/scenarios/candidate-cdn.yaml").path, "--date", "2026-06-30"])
        #expect(r.status == 0)
        #expect(r.stdout.components(separatedBy: "   added: cdn-aurora (trust 0.8123)\n").count == 3)
        #expect(r.stdout.contains("22 → 26; 6 changed, 1 added (figures over the 60 present before and after)\n"))
        // The shop is held by the candidate: it is in no table of changed suppliers.
        #expect(!r.stdout.contains("  shopfront-saas  "))
    }

    @Test func whatifOnABaselineThatDidNotConvergeSaysSoAndExitsThree() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("empty.yaml")
        try "scenarios:\n  - name: nothing\n    steps: []\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["whatif", CLI.example("cycles"), file.path, "--date", "2026-01-15", "--max-iterations", "1", "--format", "csv"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("warning: the baseline did not converge within --max-iterations"))
    }

    @Test func analyzeCSVKeepsTheFileOrderUnlessAskedToRank() throws {
        let ids = { (r: CLI.Result) in r.stdout.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) } }
        let plain = try CLI.run(["analyze", CLI.example("analyze"), "--date", "2026-01-15", "--format", "csv"])
        #expect(plain.status == 0)
        #expect(ids(plain) == ["a", "b", "c", "d", "e"])
        // Impact c 0.84, b 0.72, d 0.091; a and e lose nothing and keep the file order.
        let ranked = try CLI.run(["analyze", CLI.example("analyze"), "--date", "2026-01-15", "--format", "csv", "--sort", "impact"])
        #expect(ids(ranked) == ["c", "b", "d", "a", "e"])
    }

    @Test func solveJSONHasAttributesOnEveryRowWhenTheFileHasExtraColumns() throws {
        let dir = try CLI.temporaryDirectory()
        try "id,contact\na,ops@a.example\nb,\n".write(to: dir.appendingPathComponent("suppliers.csv"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["solve", dir.path, "--date", "2026-01-15", "--format", "json"])
        #expect(r.status == 0)
        let rows = r.stdout.split(separator: "\n").filter { $0.contains("\"id\"") }
        #expect(rows.count == 2)
        #expect(rows[0].contains("\"attributes\":{\"contact\":\"ops@a.example\"}"))
        #expect(rows[1].contains("\"attributes\":{}"))
    }

    @Test func aFailedWriteToStandardOutputIsAnError() throws {
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { return }
        let process = Process()
        process.executableURL = CLI.products.appendingPathComponent("trustgraph")
        process.arguments = ["solve", CLI.example("cycles"), "--date", "2026-01-15", "--format", "csv"]
        process.standardOutput = full
        let err = Pipe()
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(stderr.contains("cannot write to standard output: No space left on device"))
    }

    @Test func forSpreadsheetNeutralisesFormulasAndOnlyAppliesToCSV() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A semicolon-separated register, read and written back as such.
        try "id;name\nx;\"=HYPERLINK(\"\"http://evil.example\"\")\"\n".write(to: dir.appendingPathComponent("suppliers.csv"), atomically: true, encoding: .utf8)
        let plain = try CLI.run(["solve", dir.path, "--date", "2026-01-15", "--format", "csv"])
        #expect(plain.stdout.contains("x,\"=HYPERLINK(\"\"http://evil.example\"\")\",0.3,0.3"))
        let sheet = try CLI.run(["solve", dir.path, "--date", "2026-01-15", "--format", "csv", "--for-spreadsheet", "--delimiter", ";"])
        #expect(sheet.status == 0)
        #expect(sheet.stdout.hasPrefix("\u{FEFF}id;name;base_trust;trust"))
        #expect(sheet.stdout.contains("x;\"'=HYPERLINK(\"\"http://evil.example\"\")\";0,3;0,3"))
        let table = try CLI.run(["solve", dir.path, "--for-spreadsheet"])
        #expect(table.status == 64)
        #expect(table.stderr.contains("--for-spreadsheet applies to --format csv"))
    }

    @Test func manyColumnsLoadInBoundedMemoryAndAHugeHeaderIsAnError() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 5,000 extra columns × 400 rows (4 MB): it once reserved gigabytes and died under an address-space limit.
        let wide = dir.appendingPathComponent("wide")
        try FileManager.default.createDirectory(at: wide, withIntermediateDirectories: true)
        let columns = (0..<5000).map { "c\($0)" }.joined(separator: ",")
        let row = Array(repeating: "v", count: 5000).joined(separator: ",")
        let rows = (0..<400).map { "s\($0)," + row }.joined(separator: "\n")
        try ("id," + columns + "\n" + rows + "\n").write(to: wide.appendingPathComponent("suppliers.csv"), atomically: true, encoding: .utf8)
        let binary = CLI.products.appendingPathComponent("trustgraph").path
        // Under AddressSanitizer (make sanitize) the shadow memory alone exceeds any address-space limit.
        let limit = CLI.underAddressSanitizer ? "" : "ulimit -v 2000000; "
        let bounded = try CLI.runShell("\(limit)exec '\(binary)' validate '\(wide.path)'")
        #expect(bounded.status == 0)
        #expect(bounded.stdout.hasSuffix("valid — 400 suppliers, 0 certifications, 0 dependency rows, 400 warnings\n"))
        // A header of 20,001 cells: one error, not a list of the cells.
        let huge = dir.appendingPathComponent("huge")
        try FileManager.default.createDirectory(at: huge, withIntermediateDirectories: true)
        try ("id" + String(repeating: ",c", count: 20_000) + "\n").write(to: huge.appendingPathComponent("suppliers.csv"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["validate", huge.path])
        #expect(r.status == 1)
        #expect(r.stdout == "suppliers.csv:1: header: record has more than 10000 cells\n")
    }

    @Test func underAMemoryLimitALoadEndsWithAMessageNeverACrashOrAHang() throws {
        // Under AddressSanitizer (make sanitize) the shadow memory alone exceeds any address-space limit.
        guard !CLI.underAddressSanitizer else { return }
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 500,000 suppliers in a tree (19 MB): it needs about 300 MB of address space to validate.
        let suppliers = "id,name\n" + (0..<500_000).map { "s\($0),Supplier \($0)\n" }.joined()
        let dependencies = "consumer,provider\n" + (1..<500_000).map { "s\($0),s\($0 / 2)\n" }.joined()
        try suppliers.write(to: dir.appendingPathComponent("suppliers.csv"), atomically: true, encoding: .utf8)
        try dependencies.write(to: dir.appendingPathComponent("dependencies.csv"), atomically: true, encoding: .utf8)
        let binary = CLI.products.appendingPathComponent("trustgraph").path
        // Limits that stop the load at each step that checks for room: mapping the file,
        // starting a worker thread, the merge; the last is enough. (A limit that runs out while
        // the pieces are parsed may still be met by a Swift allocation, which the runtime turns
        // into a crash: see docs/security.md.)
        var outcomes: Set<String> = []
        for megabytes in [150, 160, 170, 250, 400] {
            let r = try CLI.runShell("ulimit -v \(megabytes * 1000); exec timeout 120 '\(binary)' validate '\(dir.path)' --max-errors 1")
            let said = r.stdout + r.stderr
            #expect(r.status == 0 || r.status == 1, "\(megabytes) MB: status \(r.status): \(said.prefix(300))")
            #expect(!said.contains("crashed") && !said.contains("Fatal error"), "\(megabytes) MB: \(said.prefix(300))")
            if r.status == 1 {
                #expect(said.contains("out of memory") || said.contains("Cannot allocate memory"), "\(megabytes) MB: \(said.prefix(300))")
                outcomes.insert(said.contains("worker thread") ? "thread" : said.contains("a column") ? "column"
                                : said.contains("rows of") ? "merge" : "other")
            } else {
                #expect(r.stdout.hasSuffix("valid — 500000 suppliers, 0 certifications, 499999 dependency rows, 250000 warnings\n"))
                outcomes.insert("valid")
            }
        }
        #expect(outcomes.contains("valid") && outcomes.count >= 3, "\(outcomes)")

        // `solve` then builds its table of 500,000 rows with Swift's strings and arrays, whose
        // refusal the runtime turns into an abort: under limits that run out there, the abort
        // handler says so (after the runtime's own line) and exits 1, with nothing written.
        for megabytes in [300, 360] {
            let output = dir.appendingPathComponent("trust-\(megabytes).csv").path
            let r = try CLI.runShell("ulimit -v \(megabytes * 1000); exec timeout 120 '\(binary)' solve '\(dir.path)' --format csv -o '\(output)'")
            let said = r.stdout + r.stderr
            #expect(r.status == 0 || r.status == 1, "\(megabytes) MB: status \(r.status): \(said.suffix(300))")
            #expect(!said.contains("crashed"), "\(megabytes) MB: \(said.prefix(300))")
            if r.status == 1 {
                #expect(said.contains("error: out of memory: "), "\(megabytes) MB: \(said.suffix(300))")
                #expect(!FileManager.default.fileExists(atPath: output), "\(megabytes) MB: a partial \(output)")
            }
        }
    }

    @Test func filesOfMillionsOfBadRowsLoadInThreeTimesTheirSizePlus200MB() throws {
        // The reproducers of rows with errors, at a tenth of their size (10 MB each): 2.5M
        // `a,b` rows naming unknown suppliers, and one id repeated 2.5M times after a stray quote.
        // Each must end with its errors counted under an address-space limit of 3× its size +
        // 200 MB (230 MB; the process's mapped libraries and thread stacks count too). Keeping
        // every row, as the loader once did, needed about 280 MB and 700 MB.
        guard !CLI.underAddressSanitizer else { return }
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = 2_500_000
        let cases: [(name: String, files: [String: String], errors: Int)] = [
            ("unknown", ["suppliers.csv": "id\nz\n", "dependencies.csv": "consumer,provider\n" + String(repeating: "a,b\n", count: rows)], 2 * rows),
            ("repeated", ["suppliers.csv": "id,name\nx,\"stray\n" + String(repeating: "x,n\n", count: rows)], rows),
        ]
        let binary = CLI.products.appendingPathComponent("trustgraph").path
        for (name, files, errors) in cases {
            let dataset = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: dataset, withIntermediateDirectories: true)
            for (file, text) in files { try text.write(to: dataset.appendingPathComponent(file), atomically: false, encoding: .utf8) }
            let r = try CLI.runShell("ulimit -v 230000; exec timeout 300 '\(binary)' validate '\(dataset.path)' --max-errors 1")
            #expect(r.status == 1, "\(name): \(r.status) \(r.stderr.prefix(300))")
            #expect(r.stderr.hasSuffix("\(dataset.path): \(errors) errors\n"), "\(name): \(r.stderr.suffix(300))")
        }
    }

    @Test func aReaderThatClosesThePipeEndsTheCommandQuietly() throws {
        // More output than a pipe holds, to a pipe whose reader is gone: SIGPIPE, as for other Unix tools.
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CLI.run(["generate", "--suppliers", "3000", "--seed", "1", "-o", dir.appendingPathComponent("d").path]).status == 0)
        let process = Process()
        process.executableURL = CLI.products.appendingPathComponent("trustgraph")
        process.arguments = ["solve", dir.appendingPathComponent("d").path, "--date", "2026-06-30", "--format", "csv"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try out.fileHandleForReading.close()
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGPIPE)
        #expect(!stderr.contains("error"))
    }

    @Test func longScenarioNamesMakeShortFileNames() {
        var used = Set<String>()
        let name = WhatIf.fileName(for: String(repeating: "x", count: 300), avoiding: &used)
        #expect(name == String(repeating: "x", count: 80))
        #expect(WhatIf.fileName(for: String(repeating: "x", count: 300), avoiding: &used) == name + "-2")
    }

    @Test func singlePointsTableHonoursTop() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("samples/eu-cloud").path
        let r = try CLI.run(["analyze", sample, "--date", "2026-06-30", "--what", "single-points", "--top", "3"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines.last?.hasSuffix("more (use --top)") == true)
    }

    @Test func theSpreadsheetSampleSolvesToTheNumbersOfThePlainOne() throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("samples")
        let plain = try CLI.run(["solve", samples.appendingPathComponent("eu-cloud").path, "--date", "2026-06-30", "--format", "csv"])
        let sheet = samples.appendingPathComponent("spreadsheet").path
        let exported = try CLI.run(["solve", sheet, "--date", "2026-06-30", "--format", "csv",
                                    "--encoding", "windows-1252", "--date-format", "DD/MM/YYYY"])
        #expect(plain.status == 0 && exported.status == 0)
        #expect(exported.stdout == plain.stdout)
        #expect(exported.stderr.contains("note: certifications.csv: read as Windows-1252, semicolon-separated, decimal comma, dates also as DD/MM/YYYY\n"))
        #expect(exported.stderr.contains("note: certifications.csv: scheme 'SOC 2 Type II' read as SOC2-TYPE2 (17 rows)\n"))
        // Without the options, the errors name them.
        let bare = try CLI.run(["validate", sheet])
        #expect(bare.status == 1)
        #expect(bare.stdout.contains("suppliers.csv:49: column 'name': cell is not valid UTF-8 (if the file was saved as Windows-1252 or Latin-1, read it with --encoding windows-1252)"))
        #expect(bare.stdout.contains("certifications.csv:2: column 'expires': '29/02/2028' is not a date in YYYY-MM-DD form (--date-format DD/MM/YYYY would read it)"))
    }

    @Test func schemesListsTheCatalogueWithADatasetsOwnAndItsAliases() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "scheme;assurance;evidence_half_life_days\nC5;0,9;\nHDS;0,6;365\n".write(to: dir.appendingPathComponent("schemes.csv"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["schemes", dir.path, "--format", "csv"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "scheme,assurance,evidence_half_life_days,source,key,aliases")
        #expect(lines.contains("BSI-C5,0.9,180.0,schemes.csv (overrides built-in),BSIC5,C5"))
        #expect(lines.contains("SOC2-TYPE2,0.65,180.0,built-in,SOC2TYPE2,SOC2II SOC2TYPEII"))
        #expect(lines.last == "HDS,0.6,365.0,schemes.csv,HDS,")
        #expect(lines.count == 19)
        #expect(r.stderr == "note: schemes.csv: read as semicolon-separated, decimal comma\nnote: schemes.csv: scheme 'C5' read as BSI-C5 (1 row, line 2)\n")
        let bad = try CLI.run(["schemes", dir.appendingPathComponent("nowhere").path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("does not exist"))
    }

    @Test func aWrongCommandLineExits64() throws {
        let r = try CLI.run(["solve", CLI.example("cycles"), "--prior", ".5"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("'.5' is invalid for '--prior <p>'"))
    }

    @Test func generateThenValidateRoundTrip() throws {
        let dir = try CLI.temporaryDirectory().appendingPathComponent("gen")
        let g = try CLI.run(["generate", "--suppliers", "500", "--seed", "3", "-o", dir.path])
        #expect(g.status == 0)
        let v = try CLI.run(["validate", dir.path])
        #expect(v.status == 0)
        #expect(v.stdout.contains("valid — 500 suppliers"))
    }
}

@Suite struct ArgumentParsingTests {
    @Test func badDateAndPriorAreValidationErrors() throws {
        #expect(throws: (any Error).self) { try TrustGraphCommand.parseAsRoot(["solve", "x", "--date", "2026-02-30"]) }
        #expect(throws: (any Error).self) { try TrustGraphCommand.parseAsRoot(["solve", "x", "--prior", "1.5"]) }
        #expect(throws: (any Error).self) { try TrustGraphCommand.parseAsRoot(["solve", "x", "--threads", "0"]) }
        let message = TrustGraphCommand.message(for: ValidationErrorProbe.dateError)
        #expect(message.contains("2026-02-30"))
    }

    @Test func readingOptionsAcceptTheSpellingsPeopleType() throws {
        for (text, delimiter) in [(";", ReadOptions.Delimiter.semicolon), ("';'", .semicolon), ("semicolon", .semicolon),
                                  (",", .comma), ("tab", .tab), ("TAB", .tab), ("\\t", .tab)] {
            let flags = try ReadingFlags.parse(["--delimiter", text])
            #expect(flags.options.delimiter == delimiter, "\(text)")
        }
        let flags = try ReadingFlags.parse(["--encoding", "latin-1", "--date-format", "dd.mm.yyyy"])
        #expect(flags.options == ReadOptions(delimiter: nil, encoding: .latin1, dateFormat: .dayMonthYearDotted))
        #expect(try ReadingFlags.parse([]).options == ReadOptions())
        for bad in [["--delimiter", "|"], ["--encoding", "ebcdic"], ["--date-format", "YYYY.MM.DD"]] {
            #expect(throws: (any Error).self) { try ReadingFlags.parse(bad) }
        }
        let solve = try TrustGraphCommand.parseAsRoot(["solve", "x", "--delimiter", ";", "--encoding", "windows-1252"])
        #expect((solve as? Solve)?.data.reading.options == ReadOptions(delimiter: .semicolon, encoding: .windows1252))
    }

    @Test func numbersFollowTheContractAndMayBeNegative() throws {
        // A negative value is read as the option's value (then refused by range), not as an unknown option.
        let negative = ValidationErrorProbe.message(["solve", "x", "--prior", "-0.1"])
        #expect(negative.contains("--prior -0.1 is out of range (expected a number in [0,1])"))
        #expect(ValidationErrorProbe.message(["solve", "x", "--tolerance", "-1"]).contains("--tolerance -1 must be a number ≥ 0"))
        // Contract numbers only: no leading dot, no inf or nan.
        for text in [".5", "inf", "nan", "0x1p-1"] {
            #expect(ValidationErrorProbe.message(["solve", "x", "--prior", text]).contains("'\(text)' is invalid"))
        }
        let solve = try #require(try TrustGraphCommand.parseAsRoot(["solve", "x", "--prior", "2.5e-1"]) as? Solve)
        #expect(solve.data.parameters.prior == 0.25)
    }

    /// The example commands of every `--help` (under "Examples:" and the root's "Start with:")
    /// fit 80 columns, so a terminal never breaks one across lines.
    @Test(arguments: [TrustGraphCommand.self] + TrustGraphCommand.configuration.subcommands)
    func helpExamplesFitEightyColumns(command: any ParsableCommand.Type) {
        let rendered = Set(TrustGraphCommand.helpMessage(for: command, columns: 80).split(separator: "\n").map(String.init))
        var examples: [String] = []
        var inExamples = false
        for line in command.configuration.discussion.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { inExamples = false } else if inExamples { examples.append(String(line)) }
            if line == "Examples:" || line == "Start with:" { inExamples = true }
        }
        #expect(!examples.isEmpty, "\(command) has no examples")
        for line in examples {
            #expect(line.count <= 80, "\(line.count) columns: \(line)")
            #expect(rendered.contains(line), "wrapped at 80 columns: \(line)")
        }
    }

    @Test func solveParsesItsOptions() throws {
        let command = try TrustGraphCommand.parseAsRoot(["solve", "data", "--date", "2026-06-30", "--format", "csv", "--threads", "1"])
        let solve = try #require(command as? Solve)
        #expect(solve.data.dataset == "data")
        #expect(solve.output.format == .csv)
        #expect(solve.solver.threads == 1)
    }
}

enum ValidationErrorProbe {
    /// The message the command line `arguments` is refused with ("" when accepted).
    static func message(_ arguments: [String]) -> String {
        do {
            _ = try TrustGraphCommand.parseAsRoot(arguments)
            return ""
        } catch {
            return TrustGraphCommand.message(for: error)
        }
    }

    static var dateError: any Error {
        do {
            _ = try TrustGraphCommand.parseAsRoot(["solve", "x", "--date", "2026-02-30"])
            return CancellationError()
        } catch {
            return error
        }
    }
}
