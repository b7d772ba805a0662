import Foundation
import Testing
import TestSupport
@testable import TrustGraphCore

/// Output files: who owns them, what mode they get, where links lead, and what an
/// interrupted write leaves.
@Suite struct FileWritingTests {
    static func scratch() throws -> String {
        try TemporaryDirectories.make("trustgraph-files").path
    }

    static func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }

    static func names(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    @Test func sameFileIsDeviceAndInodeNotThePathText() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/suppliers.csv"
        try Data("id\na\n".utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.csv", withDestinationPath: "suppliers.csv")
        try FileManager.default.linkItem(atPath: file, toPath: dir + "/hard.csv")
        try Data("id\na\n".utf8).write(to: URL(fileURLWithPath: dir + "/copy.csv"))
        #expect(FileBytes.isSameFile(file, dir + "/./suppliers.csv"))
        #expect(FileBytes.isSameFile(dir + "/link.csv", file))
        #expect(FileBytes.isSameFile(dir + "/hard.csv", file))
        #expect(!FileBytes.isSameFile(dir + "/copy.csv", file))
        #expect(!FileBytes.isSameFile(dir + "/missing.csv", dir + "/missing.csv"))
    }

    @Test func anExistingFileKeepsItsModeAndNoSetIDBit() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/out.csv"
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: file))
        chmod(file, 0o640)
        try FileBytes.writeAtomically(Array("new\n".utf8), to: file)
        #expect(try Self.mode(file) == 0o640)
        chmod(file, 0o4755)
        try FileBytes.writeAtomically(Array("newer\n".utf8), to: file)
        #expect(try Self.mode(file) == 0o755)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "newer\n")
        #expect(try Self.names(dir) == ["out.csv"])
    }

    @Test func aLinkToNothingIsFollowedAndItsTargetCreated() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/out.csv", withDestinationPath: "real.csv")
        try FileBytes.writeAtomically(Array("new\n".utf8), to: dir + "/out.csv")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/out.csv") == "real.csv")
        #expect(try String(contentsOfFile: dir + "/real.csv", encoding: .utf8) == "new\n")
        #expect(try Self.names(dir) == ["out.csv", "real.csv"])
    }

    @Test func aLinkIntoAMissingDirectoryIsRefused() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/out.csv", withDestinationPath: "sub/real.csv")
        let error = try #require(throws: FileBytes.WriteError.self) { try FileBytes.writeAtomically(Array("x".utf8), to: dir + "/out.csv") }
        #expect(error.description == "cannot write '\(dir)/out.csv': it links to 'sub/real.csv', whose directory does not exist")
        try FileManager.default.createSymbolicLink(atPath: dir + "/loop.csv", withDestinationPath: "loop.csv")
        let loop = try #require(throws: FileBytes.WriteError.self) { try FileBytes.writeAtomically(Array("x".utf8), to: dir + "/loop.csv") }
        #expect(loop.reason == "too many levels of symbolic links")
        #expect(try Self.names(dir) == ["loop.csv", "out.csv"])
    }

    @Test func theTemporaryFileIsRegisteredOnlyWhileItIsWritten() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (fd, temporary) = try FileBytes.createTemporaryFile(in: dir, for: dir + "/x")
        close(fd)
        #expect(temporary.hasPrefix(dir + "/.trustgraph-") && temporary.utf8.count == dir.utf8.count + 19)
        #expect(TemporaryPaths.registered.contains(temporary))
        TemporaryPaths.unregister(temporary)
        #expect(!TemporaryPaths.registered.contains(temporary))
        unlink(temporary)
        try FileBytes.writeAtomically(Array("x".utf8), to: dir + "/x")
        #expect(!TemporaryPaths.registered.contains { $0.hasPrefix(dir) })
    }
}
