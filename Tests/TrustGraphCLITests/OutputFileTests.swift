import Foundation
import Testing
import TrustGraphCore

/// `-o` and `generate`: never over an input, modes as the umask and the old file say,
/// a dataset that appears at once, and no temporary file left by a signal.
@Suite struct OutputFileTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples").path

    /// A copy of samples/eu-cloud and a scenario file in a fresh directory.
    static func workspace() throws -> String {
        let dir = try CLI.temporaryDirectory().path
        try FileManager.default.copyItem(atPath: sample + "/eu-cloud", toPath: dir + "/DS")
        try FileManager.default.copyItem(atPath: sample + "/scenarios/cdn-breach.yaml", toPath: dir + "/s.yaml")
        return dir
    }

    static func contents(_ dir: String) throws -> [String: Data] {
        var all: [String: Data] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: dir) {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
                all[name] = FileManager.default.contents(atPath: dir + "/" + name)
            }
        }
        return all
    }

    @Test(arguments: ["suppliers.csv", "certifications.csv", "dependencies.csv", "schemes.csv"])
    func solveRefusesToWriteOverADatasetFile(_ name: String) throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try Self.contents(dir)
        let output = dir + "/DS/./" + name
        let r = try CLI.run(["solve", dir + "/DS", "--date", "2026-06-30", "-o", output])
        #expect(r.status == 1)
        #expect(r.stderr == "error: cannot write '\(output)': it is an input of this command ('\(dir)/DS/\(name)'); "
                + "choose another output file (nothing was written)\n")
        #expect(try Self.contents(dir) == before)
    }

    @Test func whatifRenderAndSchemesRefuseTheirInputsThroughLinksToo() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.yaml", withDestinationPath: "s.yaml")
        #expect(try CLI.run(["render", dir + "/DS", "--date", "2026-06-30", "--format", "dot", "-o", dir + "/map.dot"]).status == 0)
        let before = try Self.contents(dir)
        let cases: [([String], String, String)] = [
            (["whatif", dir + "/DS", dir + "/s.yaml", "-o"], dir + "/s.yaml", ""),
            (["whatif", dir + "/DS", dir + "/s.yaml", "-o"], dir + "/link.yaml", " ('\(dir)/s.yaml')"),
            (["render", dir + "/map.dot", "-o"], dir + "/map.dot", ""),
            (["render", dir + "/DS", "--format", "svg", "-o"], dir + "/DS/suppliers.csv", ""),
            (["analyze", dir + "/DS", "-o"], dir + "/DS/dependencies.csv", ""),
            (["schemes", dir + "/DS", "-o"], dir + "/DS/schemes.csv", ""),
            (["report", dir + "/DS", "--scenarios", dir + "/s.yaml", "-o"], dir + "/link.yaml", " ('\(dir)/s.yaml')"),
            (["report", dir + "/DS", "-o"], dir + "/DS/certifications.csv", ""),
        ]
        for (arguments, output, named) in cases {
            let r = try CLI.run(arguments + [output])
            #expect(r.status == 1, "\(arguments)")
            #expect(r.stderr == "error: cannot write '\(output)': it is an input of this command\(named); "
                    + "choose another output file (nothing was written)\n")
        }
        #expect(try Self.contents(dir) == before)
        // A copy is another file: writing it is fine.
        try FileManager.default.copyItem(atPath: dir + "/s.yaml", toPath: dir + "/copy.yaml")
        #expect(try CLI.run(["whatif", dir + "/DS", dir + "/s.yaml", "--date", "2026-06-30", "-o", dir + "/copy.yaml"]).status == 0)
    }

    /// Runs the binary under `umask` through the shell.
    static func run(umask: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "umask \(umask); exec \"$0\" \"$@\" >/dev/null", CLI.products.appendingPathComponent("trustgraph").path] + arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func newFilesFollowTheUmaskAndOldOnesKeepTheirMode() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try Self.run(umask: "077", ["solve", dir + "/DS", "-o", dir + "/private.csv"]) == 0)
        #expect(try Self.run(umask: "022", ["solve", dir + "/DS", "-o", dir + "/shared.csv"]) == 0)
        #expect(try Self.run(umask: "077", ["generate", "--suppliers", "20", "-o", dir + "/gen"]) == 0)
        #expect(try FileWriting.mode(dir + "/private.csv") == 0o600)
        #expect(try FileWriting.mode(dir + "/shared.csv") == 0o644)
        #expect(try FileWriting.mode(dir + "/gen") == 0o700)
        #expect(try FileWriting.mode(dir + "/gen/suppliers.csv") == 0o600)
        chmod(dir + "/shared.csv", 0o640)
        #expect(try Self.run(umask: "000", ["solve", dir + "/DS", "-o", dir + "/shared.csv"]) == 0)
        #expect(try FileWriting.mode(dir + "/shared.csv") == 0o640)
    }
}

enum FileWriting {
    static func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }
}
