import Foundation
import Testing

/// `render` lays out in a child process: what would take the process down or run for
/// minutes becomes an error, and the output file is left as it was.
@Suite struct GraphvizContainmentTests {
    /// 87 bytes of DOT whose HTML table asks Graphviz for 65,535 × 65,535 cells.
    static let tableBomb = #"digraph{a[label=<<TABLE><TR><TD COLSPAN="65535" ROWSPAN="65535">x</TD></TR></TABLE>>]}"# + "\n"
    /// A wide cell over a second row: Graphviz spends minutes sizing it.
    static let slowTable = #"digraph{a[label=<<TABLE><TR><TD COLSPAN="65535">x</TD></TR><TR><TD>y</TD><TD>z</TD></TR></TABLE>>]}"# + "\n"

    func write(_ text: String, as name: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Under AddressSanitizer the child gets no address-space limit (its shadow memory alone
    /// exceeds any), so the memory bomb would run free.
    @Test(.disabled(if: CLI.underAddressSanitizer, "no address-space limit under AddressSanitizer"))
    func aLayoutThatRunsOutOfMemoryIsAnErrorAndWritesNothing() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dot = try write(Self.tableBomb, as: "bomb.dot", in: dir)
        let out = try write("previous picture", as: "map.svg", in: dir)
        let r = try CLI.run(["render", dot, "-o", out, "--memory-limit", "512M"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: \(dot): Graphviz stopped while laying out the graph with 'dot': "))
        #expect(r.stderr.contains("most likely it ran out of the 512 MiB it may use (--memory-limit); nothing was written"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "previous picture")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["bomb.dot", "map.svg"])
    }

    @Test func aLayoutPastTheTimeoutIsStopped() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dot = try write(Self.slowTable, as: "slow.dot", in: dir)
        let r = try CLI.run(["render", dot, "-o", dir.path + "/map.svg", "--timeout", "1"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("Graphviz did not finish laying out the graph with 'dot' within 1 s and was stopped (--timeout)"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/map.svg"))
    }

    @Test func aDOTFileKeepsOnlyOurAttributesAndSaysWhatItDropped() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dot = try write(##"digraph { a [URL="javascript:alert(1)" image="/etc/passwd"]; a -> b [href="#s-b"] }"##,
                            as: "map.dot", in: dir)
        let r = try CLI.run(["render", dot, "-o", dir.path + "/map.svg"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("graphviz: warning: 'URL' ignored on 1 node: only in-page links (#id) are kept"))
        #expect(r.stderr.contains("graphviz: warning: attribute 'image' ignored on 1 node"))
        let svg = try String(contentsOfFile: dir.path + "/map.svg", encoding: .utf8)
        #expect(!svg.contains("javascript") && !svg.contains("passwd"))
        #expect(svg.contains("#s-b"))
    }

    /// A map written as DOT and rendered back (through the attribute filter) is the same picture,
    /// byte for byte, for every engine and clustering: the filter keeps all we write, and each
    /// layout runs in a fresh process (in one process, Graphviz's second layout of a clustered
    /// or sfdp graph can differ from its first).
    @Test(arguments: [[], ["--cluster", "country"], ["--cluster", "sector", "--engine", "fdp"], ["--engine", "sfdp"]])
    func aMapRoundTripsThroughDOT(options: [String]) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sample = CLI.example("whatif")
        let direct = try CLI.run(["render", sample, "--date", "2026-01-15", "-o", dir.path + "/direct.svg"] + options)
        #expect(direct.status == 0)
        let dotRun = try CLI.run(["render", sample, "--date", "2026-01-15", "--format", "dot", "-o", dir.path + "/map.dot"] + options)
        #expect(dotRun.status == 0)
        let engine = options.firstIndex(of: "--engine").map { [options[$0], options[$0 + 1]] } ?? []
        let again = try CLI.run(["render", dir.path + "/map.dot", "-o", dir.path + "/again.svg"] + engine)
        #expect(again.status == 0)
        #expect(!again.stderr.contains("warning"), "\(again.stderr)")
        let same = try Data(contentsOf: dir.appendingPathComponent("direct.svg")) == Data(contentsOf: dir.appendingPathComponent("again.svg"))
        #expect(same)
    }

    /// Tests/TrustGraphCoreTests/Fixtures/hostile/dot: each file renders or is an error naming it.
    static let hostileDOT: [String] = {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TrustGraphCoreTests/Fixtures/hostile/dot")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().map { dir.appendingPathComponent($0).path }
    }()

    @Test(arguments: hostileDOT)
    func hostileDOTRendersOrIsAnError(path: String) throws {
        if CLI.underAddressSanitizer && path.hasSuffix("-bomb.dot") { return }
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["render", path, "-o", dir.path + "/out.svg", "--timeout", "5", "--memory-limit", "1G"])
        #expect(r.status == 0 || r.status == 1, "\(r.status): \(r.stderr)")
        if r.status == 1 {
            #expect(r.stderr.hasPrefix("error: \(path): "), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.path + "/out.svg"))
        } else {
            let svg = try String(contentsOfFile: dir.path + "/out.svg", encoding: .utf8)
            #expect(!svg.contains("javascript") && !svg.contains("passwd"))
        }
    }

    @Test func limitsAreCheckedOnTheCommandLine() throws {
        let r = try CLI.run(["render", CLI.example("whatif"), "-o", "/dev/null", "--format", "svg", "--memory-limit", "lots"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--memory-limit: expected a size such as 4G, 512M or 0 (no limit), not 'lots'"))
        let t = try CLI.run(["render", CLI.example("whatif"), "-o", "/dev/null", "--format", "svg", "--timeout", "-3"])
        #expect(t.status == 64)
    }
}
