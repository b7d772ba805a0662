import Foundation
import Testing
@testable import TrustGraphCore

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
