import Foundation
import Testing
@testable import TrustGraphCore

/// The id table: byte-exact lookups, built sequentially or in shards.
@Suite struct InternTableTests {
    /// Ids of several lengths, some longer than a slot's inline prefix.
    private func keys(_ count: Int) -> [String] {
        (0..<count).map { k in k % 3 == 0 ? "supplier-with-a-long-identifier-\(k)" : "s-\(k)" }
    }

    @Test func shortLoadsReadExactlyTheirBytes() throws {
        // Every length below 8 at every offset of random buffers: a byte read past the n would show.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<24).map { _ in UInt8.random(in: 0...255, using: &generator) }
            for n in 0..<8 {
                for offset in 0...(24 - n) {
                    let expected = (0..<n).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << UInt64(8 * $1) }
                    let got = bytes.withUnsafeBytes { InternTable.loadShort($0.baseAddress! + offset, n) }
                    #expect(got == expected, "n \(n) at \(offset)")
                }
            }
        }
    }

    @Test func keysOfEveryLengthDifferingInOneByteAreDistinct() throws {
        // Lengths 0 to 40 cover every path of a slot's inline prefix (under 8, 8 to 15,
        // 16 to 19, 20 and more); each variant differs from the base in one byte.
        var table = InternTable()
        var keys: [[UInt8]] = []
        for n in 0...40 {
            let base = (0..<n).map { UInt8(97 + ($0 * 7 + n) % 26) }
            keys.append(base)
            for k in 0..<n {
                var variant = base
                variant[k] ^= 0x20
                keys.append(variant)
            }
        }
        for (id, key) in keys.enumerated() {
            let (got, inserted) = key.withUnsafeBytes { table.intern($0) }
            #expect(inserted && got == Int32(id), "\(String(decoding: key, as: UTF8.self))")
        }
        for (id, key) in keys.enumerated() {
            #expect(key.withUnsafeBytes { table.find($0) } == Int32(id))
            let other = keys[(id + 1) % keys.count]
            #expect(key.withUnsafeBytes { a in other.withUnsafeBytes { b in InternTable.equal(a, b) } } == false)
            #expect(key.withUnsafeBytes { a in Array(key).withUnsafeBytes { b in InternTable.equal(a, b) } })
        }
    }

    @Test func aTableBuiltInShardsFindsEveryIdAtItsPosition() throws {
        let keys = keys(100_000)
        var values = StringColumn()
        var hashes: [UInt64] = []
        for key in keys {
            values.append(key)
            var key = key
            hashes.append(key.withUTF8 { InternTable.hash(UnsafeRawBufferPointer($0)) })
        }
        let table = try #require(InternTable.build(distinct: values, hashes: hashes, threads: 2))
        #expect(table.count == keys.count)
        for (k, key) in keys.enumerated() where k % 7 == 0 { #expect(table.find(key) == Int32(k)) }
        #expect(table.find("s-100000") == nil)
        #expect(table.find("supplier-with-a-long-identifier-1") == nil)
        // Interning into a built table still works (it becomes one shard first).
        var grown = table
        #expect(grown.intern("s-100000") == (Int32(100_000), true))
        #expect(grown.intern("s-5") == (Int32(5), false))
        for (k, key) in keys.enumerated() where k % 11 == 0 { #expect(grown.find(key) == Int32(k)) }
    }

    @Test func aRepeatedIdIsNotBuiltInShards() {
        var values = StringColumn()
        var hashes: [UInt64] = []
        for key in keys(70_000) + ["s-1"] {
            values.append(key)
            var key = key
            hashes.append(key.withUTF8 { InternTable.hash(UnsafeRawBufferPointer($0)) })
        }
        #expect(InternTable.build(distinct: values, hashes: hashes, threads: 2) == nil)
    }

    @Test func aDuplicateInALargeFileNamesItsFirstLine() throws {
        var text = "id,name\n"
        for k in 0..<80_000 { text += "s\(k),Supplier \(k)\n" }
        text += "s123,Again\n"
        let error = try #require(throws: DatasetError.self) {
            try DatasetLoader.load(contents: ["suppliers.csv": Array(text.utf8)], threads: 2)
        }
        #expect(error.errors.map(\.description) == ["suppliers.csv:80002: column 'id': duplicate supplier id 's123' (first on line 125)"])
    }
}

/// The compressed graph: groups, members and distinct consumers.
