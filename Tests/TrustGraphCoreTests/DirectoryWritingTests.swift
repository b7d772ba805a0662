import Foundation
import Testing
@testable import TrustGraphCore

/// A directory of files written at once (`generate -o DIR`).
@Suite struct DirectoryWritingTests {
    static func scratch() throws -> String { try FileWritingTests.scratch() }
    static func mode(_ path: String) throws -> Int { try FileWritingTests.mode(path) }
    static func names(_ directory: String) throws -> [String] { try FileWritingTests.names(directory) }

    static let dataset: Set<String> = ["suppliers.csv", "certifications.csv", "dependencies.csv", "schemes.csv"]

    @Test func aDirectoryAppearsWholeAndAnExistingOneOnlyWithReplacing() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let target = dir + "/parent/data"
        try FileBytes.writeDirectory([("suppliers.csv", Array("id\na\n".utf8)), ("dependencies.csv", Array("consumer,provider\n".utf8))],
                                     to: target, replacing: false, replaceable: Self.dataset)
        #expect(try Self.names(target) == ["dependencies.csv", "suppliers.csv"])
        #expect(try Self.names(dir + "/parent") == ["data"])

        let refused = try #require(throws: FileBytes.WriteError.self) {
            try FileBytes.writeDirectory([("suppliers.csv", Array("id\nb\n".utf8))], to: target, replacing: false, replaceable: Self.dataset)
        }
        #expect(refused.description == "cannot write '\(target)': the directory is not empty (add --force to replace it)")

        chmod(target, 0o750)
        try FileBytes.writeDirectory([("suppliers.csv", Array("id\nb\n".utf8))], to: target, replacing: true, replaceable: Self.dataset)
        #expect(try Self.names(target) == ["suppliers.csv"])
        #expect(try String(contentsOfFile: target + "/suppliers.csv", encoding: .utf8) == "id\nb\n")
        #expect(try Self.mode(target) == 0o750)
        #expect(try Self.names(dir + "/parent") == ["data"])
        #expect(!TemporaryPaths.registered.contains { $0.hasPrefix(dir) })

        try Data().write(to: URL(fileURLWithPath: target + "/notes.txt"))
        let foreign = try #require(throws: FileBytes.WriteError.self) {
            try FileBytes.writeDirectory([("suppliers.csv", Array("id\nc\n".utf8))], to: target, replacing: true, replaceable: Self.dataset)
        }
        #expect(foreign.reason == "it holds 'notes.txt', which is not a file of a dataset; not replacing it")
        #expect(try Self.names(target) == ["notes.txt", "suppliers.csv"])
        #expect(try Self.names(dir + "/parent") == ["data"])
    }

    @Test func aFailedFileLeavesNoTemporaryDirectory() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: FileBytes.WriteError.self) {
            try FileBytes.writeDirectory([("a", []), ("no/such/dir", [])], to: dir + "/data", replacing: false, replaceable: [])
        }
        #expect(try Self.names(dir) == [])
        try Data().write(to: URL(fileURLWithPath: dir + "/plain"))
        let notDirectory = try #require(throws: FileBytes.WriteError.self) {
            try FileBytes.writeDirectory([("a", [])], to: dir + "/plain", replacing: true, replaceable: [])
        }
        #expect(notDirectory.reason == "it exists and is not a directory")
        #expect(try Self.names(dir) == ["plain"])
    }
}
