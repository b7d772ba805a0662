import Foundation
import Testing
@testable import TrustGraphCore

/// Edge cases of whole files.
@Suite struct FileEdgeTests {
    @Test func aHeaderOnTheLastLineWithoutALineBreakIsAnEmptyFile() throws {
        for header in ["id", "id\r", "\u{FEFF}id"] {
            let (dataset, _) = try DatasetLoader.load(contents: ["suppliers.csv": Array(header.utf8)])
            #expect(dataset.suppliers.count == 0)
        }
        let (dataset, _) = try DatasetLoader.load(contents: [
            "suppliers.csv": Array("id\na\nb".utf8), "dependencies.csv": Array("consumer,provider".utf8),
            "certifications.csv": Array("supplier,scheme".utf8),
        ])
        #expect(dataset.suppliers.count == 2)
        #expect(dataset.dependencies.count == 0)
    }

    @Test func bareCarriageReturnLineEndingsAreAnErrorNotAnEmptyFile() throws {
        let error = try #require(throws: DatasetError.self) {
            try DatasetLoader.load(contents: ["suppliers.csv": Array("id,name\ra,A\rb,B\r".utf8)])
        }
        #expect(error.errors.map(\.description) == ["suppliers.csv:1: header: lines end in a bare carriage return (expected LF or CRLF line endings)"])
    }

    @Test func aLinkToNothingIsUnreadableNotMissing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trustgraph-edge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("id\na\n".utf8).write(to: directory.appendingPathComponent("suppliers.csv"))
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("schemes.csv").path, withDestinationPath: "nowhere.csv")
        let error = try #require(throws: DatasetError.self) { try DatasetLoader.load(directory: directory.path) }
        #expect(error.errors.map(\.kind) == [.unreadableFile])
        #expect(error.errors.first?.message.hasSuffix("it links to a file that does not exist") == true)
    }

    @Test func writingThroughALinkReplacesItsTargetAndAFullDeviceIsAnError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trustgraph-edge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("real.csv").path, link = directory.appendingPathComponent("link.csv").path
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.csv")
        try FileBytes.writeAtomically(Array("new\n".utf8), to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real.csv")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new\n")
        if FileManager.default.fileExists(atPath: "/dev/full") {
            #expect(throws: FileBytes.WriteError.self) { try FileBytes.writeAtomically(Array("x".utf8), to: "/dev/full") }
        }
    }

    @Test func anEarlyDuplicateIsKeptAmongTheFirstErrorsWhenThereAreTooMany() throws {
        var text = "id,prior\na,\nb,\nc,\na,\n"
        for k in 0..<1_200 { text += "s\(k),bad\n" }
        let error = try #require(throws: DatasetError.self) { try DatasetLoader.load(contents: ["suppliers.csv": Array(text.utf8)]) }
        #expect(error.errorCount == 1_201)
        #expect(error.errors.count == LoadReport.storedLimit)
        #expect(error.errors.first?.description == "suppliers.csv:5: column 'id': duplicate supplier id 'a' (first on line 2)")
        #expect(error.errors.last?.line == 6 + 998)
    }

    @Test func aDirectoryWithAnEmptyOptionalFileLoads() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trustgraph-edge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("id\na\n".utf8).write(to: directory.appendingPathComponent("suppliers.csv"))
        try Data().write(to: directory.appendingPathComponent("dependencies.csv"))
        let (dataset, report) = try DatasetLoader.load(directory: directory.path)
        #expect(dataset.suppliers.count == 1)
        #expect(report.warnings.map(\.kind).contains(.emptyFile))
    }
}
