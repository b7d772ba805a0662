import Foundation
import Testing
import TrustGraphCore

/// `generate -o DIR`: the dataset appears at once, a full directory needs --force, and a
/// signal leaves no temporary file.
@Suite struct GenerateOutputTests {
    static func contents(_ dir: String) throws -> [String: Data] { try OutputFileTests.contents(dir) }

    @Test func generateRefusesAFullDirectoryUnlessForcedAndThenReplacesItWhole() throws {
        let dir = try CLI.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let target = dir + "/data"
        #expect(try CLI.run(["generate", "--suppliers", "50", "--seed", "1", "-o", target]).status == 0)
        let first = try Self.contents(target)
        let refused = try CLI.run(["generate", "--suppliers", "60", "--seed", "2", "-o", target])
        #expect(refused.status == 1)
        #expect(refused.stderr == "error: cannot write '\(target)': the directory is not empty (add --force to replace it)\n")
        #expect(try Self.contents(target) == first)
        try Data("id\nx\n".utf8).write(to: URL(fileURLWithPath: target + "/schemes.csv"))
        #expect(try CLI.run(["generate", "--suppliers", "60", "--seed", "2", "-o", target, "--force"]).status == 0)
        let second = try Self.contents(target)
        #expect(second.keys.sorted() == ["certifications.csv", "dependencies.csv", "suppliers.csv"])
        #expect(second != first)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["data"])
        try Data().write(to: URL(fileURLWithPath: target + "/report.pdf"))
        let foreign = try CLI.run(["generate", "--suppliers", "60", "-o", target, "--force"])
        #expect(foreign.status == 1)
        #expect(foreign.stderr == "error: cannot write '\(target)': it holds 'report.pdf', which is not a file of a dataset; not replacing it\n")
    }

    /// Starts `arguments`, waits until a `.trustgraph-` temporary appears in `directory`
    /// (or the command ends), sends SIGTERM, and returns whether the signal ended it.
    static func terminateWhileWriting(_ arguments: [String], watching directory: String) throws -> Bool {
        let process = Process()
        process.executableURL = CLI.products.appendingPathComponent("trustgraph")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        while process.isRunning {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            if names.contains(where: { $0.hasPrefix(".trustgraph-") }) { break }
            usleep(200)
        }
        process.terminate()
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM
    }

    @Test func aSignalDuringAWriteLeavesNoTemporaryFile() throws {
        let dir = try CLI.temporaryDirectory().path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // generate: the dataset is absent or whole.
        let data = dir + "/data"
        let generateKilled = try Self.terminateWhileWriting(["generate", "--suppliers", "40000", "--seed", "1", "-o", data], watching: dir)
        #expect(try !FileManager.default.contentsOfDirectory(atPath: dir).contains { $0.hasPrefix(".trustgraph-") })
        if FileManager.default.fileExists(atPath: data) {
            #expect(try FileManager.default.contentsOfDirectory(atPath: data).sorted() == ["certifications.csv", "dependencies.csv", "suppliers.csv"])
            #expect(try CLI.run(["validate", data]).status == 0)
        } else {
            #expect(generateKilled)
        }
        // solve -o: the output is absent or whole.
        if !FileManager.default.fileExists(atPath: data) {
            #expect(try CLI.run(["generate", "--suppliers", "40000", "--seed", "1", "-o", data]).status == 0)
        }
        let out = dir + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        let solveKilled = try Self.terminateWhileWriting(["solve", data, "--date", "2026-06-30", "--format", "csv", "-o", out + "/t.csv"], watching: out)
        #expect(try !FileManager.default.contentsOfDirectory(atPath: out).contains { $0.hasPrefix(".trustgraph-") })
        if let written = FileManager.default.contents(atPath: out + "/t.csv") {
            #expect(written.split(separator: UInt8(ascii: "\n")).count == 40_001)
        } else {
            #expect(solveKilled)
        }
    }
}

