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
@Suite struct SupplyGraphTests {
    @Test func aConsumerWithThousandsOfRowsIsGroupedAndDeduplicated() throws {
        // a names p1…p1000 twice in group g, then each once without a group.
        var suppliers = "id\na\n", rows = "consumer,provider,group\n"
        for k in 1...1000 { suppliers += "p\(k)\n" }
        for _ in 0..<2 { for k in stride(from: 1000, through: 1, by: -1) { rows += "a,p\(k),g\n" } }
        for k in 1...1000 { rows += "a,p\(k),\n" }
        let dataset = try Fixture.load(["suppliers.csv": suppliers, "dependencies.csv": rows])
        let graph = SupplyGraph(dataset, threads: 2)
        let groups = graph.groups(of: 0)
        #expect(groups.count == 1001)
        let g = try #require(groups.first { graph.groupLabel[$0] == dataset.groupLabel("g") })
        // First occurrences in file order, no repeats.
        #expect(Array(graph.providers(ofGroup: g)) == (1...1000).reversed().map { Int32($0) })
        for j in 1...1000 { #expect(Array(graph.consumers(of: j)) == [0]) }
    }

    @Test func aProviderInTwoGroupsIsOneConsumerLink() throws {
        let dataset = try Fixture.load([
            "suppliers.csv": "id\na\nb\nc\n",
            "dependencies.csv": "consumer,provider,criticality,group\na,b,high,x\na,c,high,x\na,b,low,y\nc,b,medium,\n",
        ])
        let graph = SupplyGraph(dataset, threads: 1)
        let a = try #require(dataset.suppliers.find("a")), b = try #require(dataset.suppliers.find("b"))
        let c = try #require(dataset.suppliers.find("c"))
        #expect(graph.groups(of: a).count == 2)
        #expect(graph.groups(of: a).map { Array(graph.providers(ofGroup: $0)) } == [[Int32(b), Int32(c)], [Int32(b)]])
        #expect(graph.groups(of: a).map { graph.groupWeight[$0] } == [0.7, 0.1])
        #expect(Array(graph.consumers(of: b)) == [Int32(a), Int32(c)])
        #expect(Array(graph.consumers(of: c)) == [Int32(a)])
    }

    @Test func rowsAreGroupedByConsumerInFileOrder() {
        // A counting sort, stable within a consumer; rows of emptied groups come last.
        let sorted = RowOrder.byConsumer([0, 0, 1, 3, 3], count: 5)
        #expect(sorted.start == [0, 2, 3, 3, 5, 5])
        #expect(sorted.order == [0, 1, 2, 3, 4])
        let unsorted = RowOrder.byConsumer([1, 0, 1, 0], count: 3)
        #expect(unsorted.start == [0, 2, 4, 4])
        #expect(unsorted.order == [1, 3, 0, 2])
        let withExtra = RowOrder.byConsumer([0, 1], extra: [0], count: 2)
        #expect(withExtra.start == [0, 2, 3])
        #expect(withExtra.order == [0, 2, 1])
    }

    @Test(arguments: [2, 3])
    func rowsGroupedInParallelAreGroupedExactlyAsOnOneThread(threads: Int) {
        // Enough rows for the parallel counting sort (shares of 2^18 rows and more), with extra rows.
        var generator = SystemRandomNumberGenerator()
        let n = 50_000
        let consumers = (0..<800_000).map { _ in Int32.random(in: 0..<Int32(n), using: &generator) }
        let extra = (0..<1_000).map { _ in Int32.random(in: 0..<Int32(n), using: &generator) }
        let one = RowOrder.byConsumer(consumers, extra: extra, count: n, threads: 1)
        let many = RowOrder.byConsumer(consumers, extra: extra, count: n, threads: threads)
        #expect(one.start == many.start)
        #expect(one.order == many.order)
    }

    @Test(arguments: [(40_000, 1), (40_000, 3), (1_025, 2), (1_024, 1)])
    func consumerListsAreTheDistinctConsumersOfEachProviderInOrder(suppliers: Int, threads: Int) throws {
        // Providers fall in buckets (see withConsumerLists): of 64 for 40,000 suppliers, of 2 for
        // 1,025 (the last holds one), of 1 for 1,024.
        let dataset = try DatasetLoader.load(contents: DatasetGenerator(suppliers: suppliers, seed: 4).files()).0
        let graph = SupplyGraph(dataset, threads: threads)
        var expected = [[Int32]](repeating: [], count: graph.supplierCount)
        for i in 0..<graph.supplierCount {
            for j in Set(graph.providers(of: i)) { expected[Int(j)].append(Int32(i)) }
        }
        #expect(graph.consumerStart.count == graph.supplierCount + 1)
        #expect(graph.consumers.count == expected.reduce(0) { $0 + $1.count })
        for j in 0..<graph.supplierCount where Array(graph.consumers(of: j)) != expected[j] {
            Issue.record("consumers of \(j): \(Array(graph.consumers(of: j))) instead of \(expected[j])")
            break
        }
    }

    @Test func theGraphDoesNotDependOnTheThreadCount() throws {
        let dataset = try DatasetLoader.load(contents: DatasetGenerator(suppliers: 40_000, seed: 9).files()).0
        let one = SupplyGraph(dataset, threads: 1), four = SupplyGraph(dataset, threads: 4)
        #expect(one.groupStart == four.groupStart)
        #expect(one.groupWeight == four.groupWeight)
        #expect(one.groupLabel == four.groupLabel)
        #expect(one.memberStart == four.memberStart)
        #expect(one.members == four.members)
        #expect(one.consumerStart == four.consumerStart)
        #expect(one.consumers == four.consumers)
        let schedule = SolveSchedule(one)
        let layoutOne = SolveLayout(graph: one, schedule: schedule, threads: 1)
        let layoutFour = SolveLayout(graph: one, schedule: schedule, threads: 4)
        #expect(layoutOne.graph.members == layoutFour.graph.members)
        #expect(layoutOne.graph.groupStart == layoutFour.graph.groupStart)
        #expect(layoutOne.graph.memberStart == layoutFour.graph.memberStart)
    }
}

/// Warnings that do not fail a load.
@Suite struct LoadWarningTests {
    @Test func suppliersWithNothingAboutThemAreWarnedInFileOrder() throws {
        // s0…s129; certified: s0…s63 but s5; depended on: s64…s128 but s100 and s127.
        var suppliers = "id\n", certifications = "supplier,scheme\n", dependencies = "consumer,provider\n"
        for k in 0..<130 { suppliers += "s\(k)\n" }
        for k in 0..<64 where k != 5 { certifications += "s\(k),ISO27001\n" }
        for k in 64..<129 where k != 100 && k != 127 { dependencies += "s0,s\(k)\n" }
        let files = ["suppliers.csv": suppliers, "certifications.csv": certifications, "dependencies.csv": dependencies]
            .mapValues { Array($0.utf8) }
        for threads in [1, 4] {
            let report = try DatasetLoader.load(contents: files, threads: threads).1
            #expect(report.warnings.map(\.line) == [7, 102, 129, 131])
            #expect(report.warnings.allSatisfy { $0.kind == .isolatedSupplier })
            #expect(report.warnings.first?.message.hasPrefix("supplier 's5' has no certification") == true)
        }
    }
}

/// Consumers repeated on consecutive rows are looked up once.
@Suite struct RepeatedConsumerTests {
    @Test func everyRowOfARepeatedUnknownConsumerIsAnError() throws {
        #expect(Fixture.errorLines([
            "suppliers.csv": "id\na\nb\nc\n",
            "dependencies.csv": "consumer,provider\nghost,a\nghost,b\nghost,c\na,b\na,c\n\"x\"\"y\",a\n\"x\"\"y\",b\nb,b\n",
        ]) == [
            "2 consumer unknown supplier 'ghost' (expected an id from suppliers.csv)",
            "3 consumer unknown supplier 'ghost' (expected an id from suppliers.csv)",
            "4 consumer unknown supplier 'ghost' (expected an id from suppliers.csv)",
            "7 consumer unknown supplier 'x\"y' (expected an id from suppliers.csv)",
            "8 consumer unknown supplier 'x\"y' (expected an id from suppliers.csv)",
            "9 provider self-dependency: 'b' depends on itself",
        ])
    }

    @Test func repeatedConsumersAndGroupLabelsResolve() throws {
        let dataset = try Fixture.load([
            "suppliers.csv": "id\na\nb\nc\nd\n",
            "dependencies.csv": "consumer,provider,group\na,b,g\na,c,g\na,d,\nb,c,g\nb,d,c\nc,d,h\n",
        ])
        let ids = dataset.suppliers
        #expect(dataset.dependencies.consumer.map { ids.id(Int($0)) } == ["a", "a", "a", "b", "b", "c"])
        #expect(dataset.dependencies.group.map { dataset.groupLabelText($0) } == ["g", "g", "d", "g", "c", "h"])
        #expect(dataset.dependencies.group[0] == dataset.dependencies.group[3])
    }
}

/// Short cells are remembered by their bytes; a hit must be that exact cell.
@Suite struct ShortKeyCacheTests {
    @Test func onlyTheExactCellHits() {
        let cache = ShortKeyCache()
        let keys = ["a", "ab", "ba", "hosting", "hostinG", "hosting ", "platform-1", "platform-2", "0123456789abcdef",
                    "0123456789abcdeF", "x123456789abcdef"]
        func value(_ key: String) -> Int32? {
            var key = key
            return key.withUTF8 { cache.value(of: UnsafeRawBufferPointer($0)) }
        }
        for (k, key) in keys.enumerated() {
            var key = key
            key.withUTF8 { cache.remember(UnsafeRawBufferPointer($0), value: Int32(k)) }
            #expect(value(key) == Int32(k))
        }
        // Every key either hits with its own value or misses (a later key took its entry).
        for (k, key) in keys.enumerated() { #expect(value(key) == nil || value(key) == Int32(k)) }
        #expect(value("") == nil)
        #expect(value("hostin") == nil && value("hosting\u{0}") == nil)
        var long = "a-key-of-seventeen"
        long.withUTF8 { cache.remember(UnsafeRawBufferPointer($0), value: 99) }
        #expect(value(long) == nil)
    }

    @Test func wordsMatchIgnoringCaseOnlyForLetters() {
        func equal(_ bytes: String, _ word: StaticString) -> Bool {
            var bytes = bytes
            return bytes.withUTF8 { ASCII.equalsIgnoringCase(UnsafeRawBufferPointer($0), word) }
        }
        #expect(equal("HIGH", "high") && equal("High", "high") && equal("low", "low") && equal("SusPended", "suspended"))
        // '@' and '`' are one bit from 'A' and 'a', '[' from '{': not letters, no match.
        #expect(!equal("@bc", "abc") && !equal("`bc", "abc") && !equal("hig\u{08}", "high") && !equal("hig", "high"))
        // Same lengths as the words, so the comparison of words decides.
        #expect(!equal("SUSPENDE[", "suspended") && !equal("suspende@", "suspended") && !equal("Xuspended", "suspended"))
        #expect(!equal("HIG[", "high") && !equal("Hig{", "high") && !equal("PARTIA\u{0C}", "partial") && equal("pARTIAL", "partial"))
    }
}

/// Cells that repeat (suppliers, scheme spellings, group labels, services) resolve row by row,
/// whatever the loader remembers between rows.
@Suite struct RepeatedCellTests {
    @Test func everyRowOfARepeatedUnknownSupplierIsAnErrorAndKnownOnesResolve() throws {
        #expect(Fixture.errorLines([
            "suppliers.csv": "id\na\nb\n",
            "certifications.csv": "supplier,scheme\nghost,ISO27001\nghost,SOC2-TYPE2\na,ISO27001\na,SOC2-TYPE2\nb,iso27001\n",
        ]) == [
            "2 supplier unknown supplier 'ghost' (expected an id from suppliers.csv)",
            "3 supplier unknown supplier 'ghost' (expected an id from suppliers.csv)",
        ])
        let dataset = try Fixture.load([
            "suppliers.csv": "id\na\nb\n",
            "certifications.csv": "supplier,scheme\na,ISO27001\na,soc2-type2\nb,SOC2-TYPE2\nb,SOC2-TYPE2\na,Iso27001\nb,eucs-substantial\nb,EUCS-SUBSTANTIAL\n",
            "dependencies.csv": "consumer,provider,group,service\na,b,g,mail\nb,a,g,Mail\nb,a,b,mail\n",
        ])
        #expect(dataset.certifications.supplier == [0, 0, 1, 1, 0, 1, 1])
        let schemes = dataset.certifications.scheme.map { dataset.schemes.names[Int($0)] }
        #expect(schemes == ["ISO27001", "SOC2-TYPE2", "SOC2-TYPE2", "SOC2-TYPE2", "ISO27001", "EUCS-SUBSTANTIAL", "EUCS-SUBSTANTIAL"])
        #expect(dataset.dependencies.group.map { dataset.groupLabelText($0) } == ["g", "g", "b"])
        #expect(dataset.dependencies.group[2] == 1)
        // Enough rows for labels to be read back from memory: one names a supplier, one does not.
        var rows = "consumer,provider,group\n"
        for k in 0..<300 { rows += k % 2 == 0 ? "a,b,c\n" : "c,b,label\n" }
        let many = try Fixture.load(["suppliers.csv": "id\na\nb\nc\n", "dependencies.csv": rows])
        #expect(many.dependencies.group.map { many.groupLabelText($0) } == (0..<300).map { $0 % 2 == 0 ? "c" : "label" })
        #expect(many.dependencies.group.enumerated().allSatisfy { $0.offset % 2 == 1 || $0.element == 2 })
        let services = dataset.dependencies.service.map { dataset.dependencies.serviceNames.values[Int($0)] }
        #expect(services == ["mail", "Mail", "mail"])
    }
}

/// Pieces make room for rows as they go: rows much shorter than expected fill every column.
@Suite struct ShortRowTests {
    @Test func thousandsOfShortRowsKeepEveryColumn() throws {
        var dependencies = "consumer,provider,criticality,group\n", certifications = "supplier,scheme,status\n"
        for k in 0..<5_000 {
            dependencies += k % 2 == 0 ? "a,b,low,\n" : "b,c,high,g\n"
            certifications += k % 3 == 0 ? "c,TISAX,suspended\n" : "a,TISAX,\n"
        }
        let dataset = try Fixture.load(["suppliers.csv": "id\na\nb\nc\n", "dependencies.csv": dependencies,
                                        "certifications.csv": certifications])
        let rows = dataset.dependencies, certs = dataset.certifications
        #expect(rows.count == 5_000 && certs.count == 5_000)
        #expect(rows.lines == (0..<5_000).map { Int32($0 + 2) } && certs.lines == (0..<5_000).map { Int32($0 + 2) })
        #expect(rows.consumer == (0..<5_000).map { Int32($0 % 2) })
        #expect(rows.provider == (0..<5_000).map { Int32($0 % 2 + 1) })
        #expect(rows.weight == (0..<5_000).map { $0 % 2 == 0 ? 0.1 : 0.7 })
        #expect(rows.group.map { dataset.groupLabelText($0) } == (0..<5_000).map { $0 % 2 == 0 ? "b" : "g" })
        #expect(certs.supplier == (0..<5_000).map { $0 % 3 == 0 ? 2 : 0 })
        #expect(certs.status == (0..<5_000).map { $0 % 3 == 0 ? .suspended : .valid })
    }
}

/// Dates are remembered by their text; the memory must not invent any.
@Suite struct DayCacheTests {
    @Test func tenZeroBytesAreNoDateAndRepeatedDatesReadTheSame() throws {
        var certifications = "supplier,scheme,issued,expires\n"
        for _ in 0..<3 { certifications += "a,ISO27001,2024-02-01,2027-01-31\n" }
        certifications += "a,ISO27001,\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0},\n"
        let files = ["suppliers.csv": "id\na\n", "certifications.csv": certifications]
        #expect(Fixture.errors(files).map { "\($0.line) \($0.kind)" } == ["5 badDate"])
        certifications.removeLast(certifications.count - certifications.lastIndex(of: "a")!.utf16Offset(in: certifications))
        let dataset = try Fixture.load(["suppliers.csv": "id\na\n", "certifications.csv": certifications])
        let first = try #require(Day("2024-02-01")), last = try #require(Day("2027-01-31"))
        #expect(dataset.certifications.issued == [first.ordinal, first.ordinal, first.ordinal])
        #expect(dataset.certifications.expires == [last.ordinal, last.ordinal, last.ordinal])
    }
}

@Suite struct ManyDatesTests {
    @Test func moreDistinctDatesThanTheMemoryHoldsAllReadRight() throws {
        // 6,000 distinct days (the memory keeps 4,096), each on two rows.
        let first = try #require(Day("2000-01-01"))
        var certifications = "supplier,scheme,issued\n"
        for _ in 0..<2 { for k in 0..<6_000 { certifications += "a,ISO27001,\(Day(ordinal: first.ordinal + Int32(k)))\n" } }
        let dataset = try Fixture.load(["suppliers.csv": "id\na\n", "certifications.csv": certifications])
        let expected = (0..<6_000).map { first.ordinal + Int32($0) }
        #expect(dataset.certifications.issued == expected + expected)
    }
}

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

@Suite struct MemoryReuseTests {
    /// AddressSanitizer replaces malloc, and its allocator takes no mallopt settings.
    @Test(.disabled(if: dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil, "malloc is AddressSanitizer's"))
    func glibcTakesTheSettings() {
        #if canImport(Glibc)
        #expect(MemoryReuse.keepFreedMemory())
        #endif
    }
}
