import Foundation
import Testing
@testable import TrustGraphCore

/// The ZIP reader on hostile archives: bombs, too many entries, names that escape, damage.
@Suite struct ZipArchiveTests {
    @Test func storedAndDeflatedEntriesReadBack() throws {
        var zip = ZipWriter()
        zip.add("a/one.csv", "id\nx\n", deflated: false)
        zip.add("a/two.csv", String(repeating: "row,of,text\n", count: 1000))
        var archive = try ZipArchive(bytes: zip.archive, path: "p.zip")
        #expect(archive.entries.map(\.name) == ["a/one.csv", "a/two.csv"])
        #expect(try archive.contents(of: archive.entries[0]) == Array("id\nx\n".utf8))
        #expect(try archive.contents(of: archive.entries[1]) == Array(String(repeating: "row,of,text\n", count: 1000).utf8))
    }

    @Test func anEntryThatInflatesBeyondItsDeclaredSizeIsRefused() throws {
        var zip = ZipWriter()
        zip.add("bomb.csv", [UInt8](repeating: 65, count: 1 << 20), declaredSize: 1000)
        var archive = try ZipArchive(bytes: zip.archive, path: "p.zip")
        #expect(throws: ZipError(path: "p.zip/bomb.csv", message: "the entry inflates to more than its declared 1000 bytes (a ZIP bomb?)")) {
            try archive.contents(of: archive.entries[0])
        }
    }

    @Test func sizeAndEntryLimitsAreErrorsNotAllocations() throws {
        var zip = ZipWriter()
        zip.add("big.csv", [UInt8](repeating: 65, count: 10_000))
        zip.add("second.csv", [UInt8](repeating: 66, count: 10_000))
        let tight = ZipLimits(maxEntries: 10, maxEntryBytes: 5_000, maxTotalBytes: 15_000)
        var archive = try ZipArchive(bytes: zip.archive, path: "p.zip", limits: tight)
        #expect(throws: ZipError(path: "p.zip/big.csv", message: "the entry declares 10000 bytes, more than the 5000 allowed per entry")) {
            try archive.contents(of: archive.entries[0])
        }
        var total = try ZipArchive(bytes: zip.archive, path: "p.zip", limits: ZipLimits(maxEntries: 10, maxEntryBytes: 10_000, maxTotalBytes: 15_000))
        _ = try total.contents(of: total.entries[0])
        #expect(throws: ZipError(path: "p.zip/second.csv", message: "the entries read would inflate to more than the 15000 bytes allowed per archive")) {
            try total.contents(of: total.entries[1])
        }
        #expect(throws: ZipError(path: "p.zip", message: "it lists 2 entries, more than the 1 allowed")) {
            _ = try ZipArchive(bytes: zip.archive, path: "p.zip", limits: ZipLimits(maxEntries: 1, maxEntryBytes: 1 << 20, maxTotalBytes: 1 << 20))
        }
    }

    @Test func namesThatEscapeAreSetAsideAndNeverRead() throws {
        var zip = ZipWriter()
        for name in ["../b_05.01.csv", "/etc/b_01.02.csv", "a/../../x.csv", "C:/win.csv", "ok/b_06.01.csv", "dir/"] { zip.add(name, "x") }
        let archive = try ZipArchive(bytes: zip.archive, path: "p.zip")
        #expect(archive.entries.map(\.name) == ["ok/b_06.01.csv"])
        #expect(archive.unsafeNames == ["../b_05.01.csv", "/etc/b_01.02.csv", "a/../../x.csv", "C:/win.csv"])
    }

    @Test func damagedArchivesAreClearErrors() throws {
        #expect(throws: ZipError(path: "p.zip", message: "not a ZIP archive (no end-of-central-directory record)")) {
            _ = try ZipArchive(bytes: Array(repeating: 0, count: 100), path: "p.zip")
        }
        #expect(throws: ZipError(path: "p.zip", message: "not a ZIP archive (too short for its end record)")) {
            _ = try ZipArchive(bytes: [1, 2, 3], path: "p.zip")
        }
        var zip = ZipWriter()
        zip.add("a.csv", String(repeating: "abc\n", count: 100))
        var bytes = zip.archive
        bytes[40] ^= 0xFF // inside the deflated data
        var archive = try ZipArchive(bytes: bytes, path: "p.zip")
        #expect(throws: ZipError.self) { try archive.contents(of: archive.entries[0]) }
    }

    @Test func aDORAPackageWithAnEscapingEntryIgnoresItAndSaysSo() throws {
        var zip = ZipWriter()
        for (name, text) in ImportDORATests.package { zip.add("pkg/" + name, text) }
        zip.add("../reports/b_05.01.csv", "c0010\nEVIL\n")
        let path = try zip.write()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let imported = try DORARegister.importPackages([path])
        #expect(ImportFixture.rows(imported, "suppliers.csv") == ImportDORATests.expectedSuppliers)
        #expect(imported.summary.notes.contains("\(path): ignored 1 entry whose names would leave the package: '../reports/b_05.01.csv'"))
    }
}
