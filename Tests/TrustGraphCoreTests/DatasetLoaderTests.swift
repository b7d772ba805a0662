import Testing
@testable import TrustGraphCore

/// One test per defect kind of contract §1, each checking the exact position.
@Suite struct DatasetLoaderErrorTests {
    let suppliers = "id,name\na,A\nb,B\n"

    private func only(_ files: [String: String]) throws -> Diagnostic {
        let errors = Fixture.errors(files)
        try #require(errors.count == 1, "expected one error, got \(errors)")
        return errors[0]
    }

    private func position(_ d: Diagnostic) -> String { "\(d.kind) \(d.file):\(d.line):\(d.column ?? "-")" }

    @Test func missingSuppliersFile() throws {
        let d = try only(["dependencies.csv": "consumer,provider\n"])
        #expect(position(d) == "missingFile suppliers.csv:0:-")
    }

    @Test func missingRequiredColumn() throws {
        let d = try only(["suppliers.csv": suppliers, "dependencies.csv": "consumer,criticality\na,high\n"])
        #expect(position(d) == "missingColumn dependencies.csv:1:provider")
    }

    @Test func duplicateHeaderColumn() throws {
        let d = try only(["suppliers.csv": "id,Name,NAME\na,x,y\n"])
        #expect(position(d) == "duplicateColumn suppliers.csv:1:name")
    }

    @Test func emptyAndDuplicateIds() throws {
        let errors = Fixture.errors(["suppliers.csv": "id,name\na,A\n ,blank\na,again\n"])
        #expect(errors.map(position) == ["emptyId suppliers.csv:3:id", "duplicateId suppliers.csv:4:id"])
        #expect(errors[1].message.contains("first on line 2"))
    }

    @Test func unknownSupplierInEveryReference() throws {
        let errors = Fixture.errors([
            "suppliers.csv": suppliers,
            "certifications.csv": "supplier,scheme\nzz,ISO27001\n",
            "dependencies.csv": "consumer,provider\na,ghost\nnobody,b\n",
        ])
        #expect(errors.map(position) == [
            "unknownSupplier certifications.csv:2:supplier",
            "unknownSupplier dependencies.csv:2:provider",
            "unknownSupplier dependencies.csv:3:consumer",
        ])
    }

    @Test func idsAreComparedCodePointByCodePoint() throws {
        // "é" precomposed in suppliers.csv, "e" + combining acute in dependencies.csv: different ids.
        let errors = Fixture.errors([
            "suppliers.csv": "id\ncaf\u{E9}\nb\n",
            "dependencies.csv": "consumer,provider\nb,cafe\u{301}\nB,b\n",
        ])
        #expect(errors.map(position) == ["unknownSupplier dependencies.csv:2:provider", "unknownSupplier dependencies.csv:3:consumer"])
    }

    @Test func selfDependency() throws {
        let d = try only(["suppliers.csv": suppliers, "dependencies.csv": "consumer,provider\na,b\nb,b\n"])
        #expect(position(d) == "selfDependency dependencies.csv:3:provider")
    }

    @Test func quotedCellsStayOnOneLineAndShort() throws {
        let long = String(repeating: "x", count: 500)
        let errors = Fixture.errors([
            "suppliers.csv": suppliers,
            "dependencies.csv": "consumer,provider,criticality\na,\"ghost\r\nline\",high\na,b,\(long)\n",
        ])
        #expect(errors.map(\.description) == [
            "dependencies.csv:2: column 'provider': unknown supplier 'ghost\\r\\nline' (expected an id from suppliers.csv)",
            "dependencies.csv:4: column 'criticality': '\(String(repeating: "x", count: 60))…' is not critical/high/medium/low or a number in (0,1]",
        ])
    }

    @Test func halfLifeMustBeAPositiveFiniteNumber() throws {
        let errors = Fixture.errors([
            "suppliers.csv": suppliers,
            "schemes.csv": "scheme,assurance,evidence_half_life_days\nX1,0.5,0\nX2,0.5,1e400\nX3,0.5,365\n",
        ])
        #expect(errors.map(position) == ["outOfRange schemes.csv:2:evidence_half_life_days", "outOfRange schemes.csv:3:evidence_half_life_days"])
        #expect(errors.last?.message.contains("too large") == true)
    }

    @Test func selfDependencyIsReportedBesideOtherErrorsOfItsRow() throws {
        let errors = Fixture.errors(["suppliers.csv": suppliers, "dependencies.csv": "consumer,provider,criticality\nb,b,bogus\n"])
        #expect(errors.map(position) == ["selfDependency dependencies.csv:2:provider", "unknownWord dependencies.csv:2:criticality"])
    }

    @Test func manyUnknownConsumersStillNameTheirIdsInTheErrorsKept() throws {
        // 6,000 unknown consumers, each on two rows in a row (the second repeats the first's cell).
        let rows = (0..<6000).map { "u\($0),x\nu\($0),x\n" }.joined()
        let error = try #require(throws: DatasetError.self) {
            try DatasetLoader.load(contents: ["suppliers.csv": Array("id\nx\n".utf8),
                                              "dependencies.csv": Array(("consumer,provider\n" + rows).utf8)], threads: 1)
        }
        #expect(error.errorCount == 12_000)
        #expect(error.errors.count == LoadReport.storedLimit)
        for (k, e) in error.errors.enumerated() {
            #expect(e.line == k + 2)
            #expect(e.message.hasPrefix("unknown supplier 'u\(k / 2)' "), "\(e)")
        }
    }

    @Test func rowsWithErrorsAreDroppedAsTheyAreReadAndEveryErrorIsStillCounted() throws {
        // 30,000 blocks of five rows, several compaction windows: a good row, an unknown consumer
        // on two rows in a row (the second repeats the first's cell), a self-dependency, an unknown provider.
        let blocks = 30_000
        let rows = (0..<blocks).map { "a,b\nu\($0),b\nu\($0),c\nc,c\na,v\($0)\n" }.joined() + "a,e\n"
        #expect(blocks * 5 > 2 * DatasetLoader.compactionWindow)
        for threads in [1, 2] {
            let error = try #require(throws: DatasetError.self) {
                try DatasetLoader.load(contents: ["suppliers.csv": Array("id\na\nb\nc\nd\ne\n".utf8),
                                                  "dependencies.csv": Array(("consumer,provider\n" + rows).utf8)], threads: threads)
            }
            #expect(error.errorCount == 4 * blocks)
            #expect(error.errors.count == LoadReport.storedLimit)
            for (k, e) in error.errors.enumerated() {
                let block = k / 4, line = 2 + 5 * block + 1 + k % 4
                #expect(e.line == line)
                let expected = ["unknown supplier 'u\(block)' ", "unknown supplier 'u\(block)' ", "self-dependency: 'c' depends on itself",
                                "unknown supplier 'v\(block)' "][k % 4]
                #expect(e.message.hasPrefix(expected), "\(e)")
            }
            // The good rows are all kept, whichever window they were in: b and e (on the last row
            // only) are depended on; a (only a consumer), c (only in rows with errors) and d are not.
            let isolated = error.warnings.filter { $0.kind == .isolatedSupplier }.map(\.line)
            #expect(isolated == [2, 4, 5])
        }
    }

    @Test func oneIdRepeatedAfterAStrayQuoteKeepsOneRecordAndCountsEveryRepeat() throws {
        let repeats = 200_000
        let suppliers = "id,name\nx,\"stray\n" + String(repeating: "x,n\n", count: repeats)
        for threads in [1, 2] {
            let error = try #require(throws: DatasetError.self) {
                try DatasetLoader.load(contents: ["suppliers.csv": Array(suppliers.utf8)], threads: threads)
            }
            #expect(error.errorCount == repeats)  // the malformed record, then every repeat but the first
            #expect(error.errors.count == LoadReport.storedLimit)
            #expect(error.errors[0].kind == .malformedRecord && error.errors[0].line == 2)
            for (k, e) in error.errors.enumerated().dropFirst() {
                #expect(e.line == k + 3 && e.message == "duplicate supplier id 'x' (first on line 3)", "\(e)")
            }
        }
    }

    @Test func repeatsDroppedEarlyNameTheLineWhereTheIdFirstAppearsInTheFile() throws {
        // 10,000 distinct ids, then 'r' on every other row (a repeat the parser sees), the
        // others repeating the first ids in turn: in a later piece, the first repeat of an id is
        // kept and found at the merge, the next ones are dropped as the piece reads them.
        let first = (0..<10_000).map { "s\($0)\n" }.joined()
        let rest = (0..<100_000).map { "r\ns\($0 % 10_000)\n" }.joined()
        let contents = ["suppliers.csv": Array(("id\n" + first + rest).utf8)]
        let errors = try [1, 2].map { threads in
            try #require(throws: DatasetError.self) { try DatasetLoader.load(contents: contents, threads: threads) }
        }
        #expect(errors[0].errorCount == 10_000 + 200_000 - 10_001)
        #expect(errors[1].errorCount == errors[0].errorCount)
        #expect(errors[1].errors.map(\.description) == errors[0].errors.map(\.description))
        #expect(errors[1].errors.count == LoadReport.storedLimit)
        for (k, e) in errors[1].errors.enumerated() {
            // Row j of the rest: 'r' on line 10002 + 2j, then s(j % 10000) on line 10003 + 2j.
            let line = 10_003 + k, j = (line - 10_002) / 2
            let expected = k % 2 == 1 ? "duplicate supplier id 'r' (first on line 10002)"
                                      : "duplicate supplier id 's\(j % 10_000)' (first on line \(j % 10_000 + 2))"
            #expect(e.line == line && e.message == expected, "\(e)")
        }
    }

    @Test func aCertificateThatExpiresBeforeItIsIssuedIsAWarning() throws {
        let (dataset, report) = try DatasetLoader.load(contents: [
            "suppliers.csv": Array("id\na\n".utf8),
            "certifications.csv": Array("supplier,scheme,issued,expires\na,ISO27001,2026-01-01,2025-01-01\na,SOC2-TYPE2,,2025-01-01\na,BSI-C5,2026-01-01,\n".utf8),
        ], threads: 1)
        #expect(dataset.certifications.count == 3)
        #expect(report.warnings.map(\.description) == [
            "warning: certifications.csv:2: column 'expires': certificate expires (2025-01-01) before it is issued (2026-01-01): it never counts",
        ])
    }

    @Test func unknownSchemeAndDuplicateScheme() throws {
        let errors = Fixture.errors([
            "suppliers.csv": suppliers,
            "schemes.csv": "scheme,assurance\nX1,0.5\nx1,0.4\n",
            "certifications.csv": "supplier,scheme\na,x1\na,ISO9001\nb,iso27001\n",
        ])
        #expect(errors.map(position) == ["duplicateScheme schemes.csv:3:scheme", "unknownScheme certifications.csv:3:scheme"])
    }

    @Test func numbersFollowTheContractGrammar() throws {
        let errors = Fixture.errors([
            "suppliers.csv": "id,prior\na,nan\nb,inf\nc,0x1p-3\nd,.5\ne,1.\nf,50%\ng,\"0,5\"\nh,+1E0\ni,5e-1\nj,1.5\nk,-0\n",
        ])
        #expect(errors.map(position) == [
            "badNumber suppliers.csv:2:prior", "badNumber suppliers.csv:3:prior", "badNumber suppliers.csv:4:prior",
            "badNumber suppliers.csv:5:prior", "badNumber suppliers.csv:6:prior", "badNumber suppliers.csv:7:prior",
            "badNumber suppliers.csv:8:prior", "outOfRange suppliers.csv:11:prior",
        ])
    }

    @Test func datesMustBeRealCalendarDays() throws {
        let errors = Fixture.errors([
            "suppliers.csv": suppliers,
            "certifications.csv": "supplier,scheme,issued,expires,last_evidence\n"
                + "a,ISO27001,2024-02-29,2025-02-29,\n"
                + "a,ISO27001,2024-1-01,,\n"
                + "a,ISO27001,,,2026-13-01\n"
                + "a,ISO27001,2000-02-29,2100-02-28,1900-03-01\n",
        ])
        #expect(errors.map(position) == [
            "badDate certifications.csv:2:expires", "badDate certifications.csv:3:issued", "badDate certifications.csv:4:last_evidence",
        ])
    }

    @Test func unknownWords() throws {
        let errors = Fixture.errors([
            "suppliers.csv": suppliers,
            "certifications.csv": "supplier,scheme,status,scope\na,ISO27001,pending,full\na,ISO27001,VALID,most\n",
            "dependencies.csv": "consumer,provider,criticality\na,b,severe\na,b,0\na,b,1.0000001\na,b,HIGH\n",
        ])
        #expect(errors.map(position) == [
            "unknownWord certifications.csv:2:status", "unknownWord certifications.csv:3:scope",
            "unknownWord dependencies.csv:2:criticality", "outOfRange dependencies.csv:3:criticality",
            "outOfRange dependencies.csv:4:criticality",
        ])
    }

    @Test func badCountry() throws {
        let errors = Fixture.errors(["suppliers.csv": "id,country\na,DE\nb,de\nc,DEU\nd,D1\ne,\u{C9}S\n"])
        #expect(errors.map(position) == ["badCountry suppliers.csv:4:country", "badCountry suppliers.csv:5:country", "badCountry suppliers.csv:6:country"])
    }

    @Test func invalidUTF8IsOneErrorPerRecord() throws {
        var bytes = Array("id,name\na,ok\n".utf8)
        bytes += [UInt8(ascii: "b"), UInt8(ascii: ","), 0xC3, 0x28, 0xFF, 10]
        bytes += Array("c,\u{E9}t\u{E9}\n".utf8)
        let errors = Fixture.errors(bytes: ["suppliers.csv": bytes])
        #expect(errors.map(position) == ["invalidUTF8 suppliers.csv:3:name"])
    }

    @Test func invalidUTF8OutsideTheIdKeepsTheSupplier() throws {
        // b's name is not UTF-8: one error, but b still exists (no cascade into dependencies.csv);
        // an id that is not UTF-8 defines nothing.
        var bytes = Array("id,name\na,A\nb,B".utf8) + [0xFF, 10]
        bytes += Array("c".utf8) + [0xFF] + Array(",C\n".utf8)
        let errors = Fixture.errors(bytes: ["suppliers.csv": bytes, "dependencies.csv": Array("consumer,provider\na,b\nb,a\n".utf8)])
        #expect(errors.map(position) == ["invalidUTF8 suppliers.csv:3:name", "invalidUTF8 suppliers.csv:4:id"])
    }

    @Test func unterminatedQuoteReportsAndResumesOnTheNextLine() throws {
        let files = ["suppliers.csv": "id,name\na,\"open\nb,B\nc,C\n", "dependencies.csv": "consumer,provider\nb,c\nb,zz\n"]
        // The quote opened on line 2 never closes: one error, then lines 3 and 4 are read again
        // (b and c exist, so only the unknown 'zz' follows).
        let errors = Fixture.errors(files)
        #expect(errors.map(position) == ["malformedRecord suppliers.csv:2:-", "unknownSupplier dependencies.csv:3:provider"])
        #expect(errors.first?.message == "unterminated quoted field (a quote opened on line 2 is never closed)")
    }

    @Test func quoteInsideUnquotedFieldAndTextAfterClosingQuote() throws {
        let errors = Fixture.errors(["suppliers.csv": "id,name\na,say \"hi\"\nb,\"B\"x\nc,C\n"])
        #expect(errors.map(position) == ["malformedRecord suppliers.csv:2:-", "malformedRecord suppliers.csv:3:-"])
        #expect(errors.last?.message == "unexpected text after a closing quote on line 3 (expected a comma or the end of the line)")
    }

    @Test(arguments: [1, 2, 4])
    func linesNamedInMessagesAreTheFilesLinesInLargeFiles(threads: Int) throws {
        // Two blank lines before the header, thousands of records (read in pieces), a quoted
        // cell spanning lines 4002–4003, text after a closing quote on line 4006, an unclosed quote on line 8007.
        var text = "\n\nid,name\n"
        for k in 0..<3998 { text += "s\(k),Supplier \(k)\n" }
        text += "q,\"two\nlines\"\nr,R\nt,T\nu,\"U\"x\n"
        for k in 0..<4000 { text += "v\(k),V\n" }
        text += "w,\"open\n"
        let error = try #require(throws: DatasetError.self) {
            try DatasetLoader.load(contents: ["suppliers.csv": Array(text.utf8)], threads: threads)
        }
        #expect(error.errors.map(\.description) == [
            "suppliers.csv:4006: unexpected text after a closing quote on line 4006 (expected a comma or the end of the line)",
            "suppliers.csv:8007: unterminated quoted field (a quote opened on line 8007 is never closed)",
        ])
    }

    @Test func nonEmptyCellBeyondTheHeader() throws {
        let errors = Fixture.errors(["suppliers.csv": "id,name\na,A,,\nb,B,x\n"])
        #expect(errors.map(position) == ["extraField suppliers.csv:3:-"])
    }

    @Test func allErrorsInOnePassWithCap() throws {
        var text = "id,prior\n"
        for k in 0..<1200 { text += "s\(k),bad\n" }
        let error = try #require(throws: DatasetError.self) {
            try DatasetLoader.load(contents: ["suppliers.csv": Array(text.utf8)])
        }
        #expect(error.errorCount == 1200)
        #expect(error.errors.count == LoadReport.storedLimit)
        #expect(error.description.hasSuffix("… and 1150 more errors"))
        #expect(error.description.split(separator: "\n").count == 51)
    }
}

/// Reading rules of contract §1 that are not errors.
@Suite struct DatasetLoaderFormatTests {
    @Test func bomCRLFShuffledHeadersQuotesAndUnicodeWhitespace() throws {
        let dataset = try Fixture.load([
            "suppliers.csv": "\u{FEFF} Name ,ID,\u{A0}Prior\u{2003},Extra\r\n\"Q \"\"x\"\", co\",\"\u{2003}a,1 \",0.5,\"multi\r\nline\"\r\nB,b,,\r\n",
            "dependencies.csv": "PROVIDER,Consumer,group\r\n\u{3000}b\u{3000},\"a,1\",\r\n",
        ])
        let s = dataset.suppliers
        #expect(s.count == 2)
        #expect(s.id(0) == "a,1")
        #expect(s.name(0) == "Q \"x\", co")
        #expect(s.prior(0) == 0.5)
        #expect(s.attributes.names == ["Extra"])
        #expect(s.attributes.attributes(ofRow: 0).first?.value == "multi\r\nline")
        #expect(dataset.dependencies.count == 1)
        #expect(dataset.dependencies.provider[0] == 1)
    }

    @Test func blankRecordsShortRecordsAndEmptyHeaderCells() throws {
        let dataset = try Fixture.load([
            "suppliers.csv": "\n\nid,name,,\n,,,\na\n\nb,B,ignored,\n",
        ])
        #expect(dataset.suppliers.count == 2)
        #expect(dataset.suppliers.name(0) == "a")
        #expect(dataset.suppliers.name(1) == "B")
    }

    @Test func emptyOptionalFilesAreMissingOnes() throws {
        let (dataset, report) = try DatasetLoader.load(contents: [
            "suppliers.csv": Array("id\na\n".utf8),
            "certifications.csv": [0xEF, 0xBB, 0xBF],
            "dependencies.csv": [],
            "schemes.csv": Array("\n\r\n".utf8),
        ])
        #expect(dataset.suppliers.count == 1)
        #expect(report.warnings.filter { $0.kind == .emptyFile }.count == 3)
    }

    @Test func groupsDefaultToTheProviderId() throws {
        let dataset = try Fixture.load([
            "suppliers.csv": "id\nc\np\nq\n",
            "dependencies.csv": "consumer,provider,criticality,group\nc,p,low,\nc,p,high,\nc,q,medium,p\n",
        ])
        let graph = SupplyGraph(dataset)
        // All three rows are one group labelled "p", weight = max = high.
        #expect(graph.groups(of: 0).count == 1)
        #expect(graph.groupWeight[0] == 0.7)
        #expect(Array(graph.providers(ofGroup: 0)) == [1, 2])
    }

    @Test func schemeNamesStatusScopeAndCriticalityAreCaseInsensitive() throws {
        let dataset = try Fixture.load([
            "suppliers.csv": "id\na\nb\n",
            "certifications.csv": "supplier,scheme,status,scope\na,iso27001,Valid,PARTIAL\n",
            "dependencies.csv": "consumer,provider,criticality\nb,a,Critical\n",
        ])
        #expect(dataset.certifications.partial == [true])
        #expect(dataset.dependencies.weight == [1.0])
    }
}

/// Large files are parsed in pieces on several threads; the result must be
/// exactly that of one sequential read, errors included.
@Suite struct ParallelLoadingTests {
    @Test func piecesGiveTheSameDatasetAsOneSequentialRead() throws {
        let files = DatasetGenerator(suppliers: 30_000, seed: 5).files()
        #expect(files["dependencies.csv"]!.count > 2 << 20)  // several pieces of at least 1 MiB
        let one = try DatasetLoader.load(contents: files, threads: 1).0
        let many = try DatasetLoader.load(contents: files, threads: 4).0
        #expect(one.suppliers.index.values == many.suppliers.index.values)
        #expect(one.suppliers.names == many.suppliers.names)
        #expect(one.suppliers.priors.map(\.bitPattern) == many.suppliers.priors.map(\.bitPattern))
        #expect(one.certifications.supplier == many.certifications.supplier)
        #expect(one.certifications.lines == many.certifications.lines)
        #expect(one.dependencies.consumer == many.dependencies.consumer)
        #expect(one.dependencies.group == many.dependencies.group)
        #expect(one.dependencies.service == many.dependencies.service)
        #expect(one.dependencies.lines == many.dependencies.lines)
        #expect(one.dependencies.extraLabels.values == many.dependencies.extraLabels.values)
    }

    @Test func extraColumnsReadInPiecesMatchASequentialRead() throws {
        // Each file gains a last column 'note' holding its line number (empty on lines 8, 15, 22, …).
        var files = DatasetGenerator(suppliers: 30_000, seed: 7).files()
        for (name, bytes) in files {
            let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            files[name] = Array(lines.enumerated().map { k, line in
                line.isEmpty ? "" : line + (k == 0 ? ",note" : k % 7 == 0 ? "," : ",n\(k + 1)")
            }.joined(separator: "\n").utf8)
        }
        let one = try DatasetLoader.load(contents: files, threads: 1).0
        let many = try DatasetLoader.load(contents: files, threads: 4).0
        #expect(one.suppliers.attributes == many.suppliers.attributes)
        #expect(one.certifications.attributes == many.certifications.attributes)
        #expect(one.dependencies.attributes == many.dependencies.attributes)
        for table in [many.suppliers.attributes, many.certifications.attributes, many.dependencies.attributes] {
            #expect(table.names.last == "note")
            #expect(table.attributes(ofRow: 0).last?.value == "n2")
            #expect(table.attributes(ofRow: 6).last?.name != "note")  // line 8: an empty note
            #expect(table.attributes(ofRow: 9_999).last?.value == "n10001")
        }
    }

    @Test func errorsInPiecesMatchASequentialRead() throws {
        var files = DatasetGenerator(suppliers: 30_000, seed: 6).files()
        var deps = files["dependencies.csv"]!
        // An unknown supplier early, a stray quote in the middle, an unterminated quote near the end.
        let lines = deps.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
        var edited = lines
        edited[10] = Array("ghost,\(String(decoding: lines[10].split(separator: UInt8(ascii: ","))[1], as: UTF8.self)),high,,".utf8)
        edited[lines.count / 2] = Array("a\"b,c,low,,".utf8)
        edited[lines.count - 20] = Array("\"unterminated,x,low,,".utf8)
        deps = Array(edited.joined(separator: [10]))
        files["dependencies.csv"] = deps
        let sequential = Fixture.errors(bytes: files)
        let parallel: [Diagnostic]
        do { _ = try DatasetLoader.load(contents: files, threads: 4); parallel = [] } catch { parallel = error.errors }
        #expect(sequential.count >= 3)
        #expect(parallel == sequential)
        #expect(sequential.first?.line == 11)
    }

    @Test func quotedCellsWithLineBreaksAcrossCutsLoadAsInOneRead() throws {
        // A 2.5 MiB quoted name full of line breaks sits where the cuts fall:
        // the pieces notice the wrong cuts and the body is read again in one piece.
        var text = "id,name\n"
        for k in 0..<20_000 { text += "s\(k),Supplier \(k)\n" }
        let longName = String(repeating: "line of a long, quoted name\n", count: 90_000) + "end"
        text += "big,\"\(longName)\"\n"
        for k in 20_000..<40_000 { text += "s\(k),Supplier \(k)\n" }
        let files = ["suppliers.csv": Array(text.utf8)]
        #expect(files["suppliers.csv"]!.count > 3 << 20)
        let one = try DatasetLoader.load(contents: files, threads: 1).0
        let many = try DatasetLoader.load(contents: files, threads: 4).0
        #expect(many.suppliers.count == 40_001)
        #expect(one.suppliers.index.values == many.suppliers.index.values)
        #expect(one.suppliers.names == many.suppliers.names)
        #expect(one.suppliers.lines == many.suppliers.lines)
        let after = try #require(many.suppliers.find("s20000"))
        #expect(many.suppliers.lines[after] == Int32(2 + 20_000 + 90_000 + 1))
        #expect(many.suppliers.name(try #require(many.suppliers.find("big"))) == longName)
    }

    @Test func errorsInEveryPieceNameTheirFileLines() throws {
        var files = DatasetGenerator(suppliers: 30_000, seed: 7).files()
        var lines = files["dependencies.csv"]!.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
        // An unknown provider every 5,000 records: every piece has some, none is malformed.
        var expected: [Int] = []
        for k in stride(from: 1, to: lines.count - 1, by: 5_000) {
            let consumer = lines[k].split(separator: UInt8(ascii: ","))[0]
            lines[k] = Array(consumer) + Array(",ghost-\(k),high,,".utf8)
            expected.append(k + 1)
        }
        files["dependencies.csv"] = Array(lines.joined(separator: [10]))
        let parallel = try #require(throws: DatasetError.self) { try DatasetLoader.load(contents: files, threads: 4) }
        #expect(parallel.errors.map(\.line) == expected)
        #expect(parallel.errors.allSatisfy { $0.kind == .unknownSupplier && $0.column == "provider" })
        #expect(parallel.errors == Fixture.errors(bytes: files))
    }

    @Test func theFirstErrorsOfAFileAreKeptWhenThereAreTooMany() throws {
        // Unknown ids are resolved a few rows after their row is read; the
        // stored errors must still be the first ones of the file.
        var text = "consumer,provider,criticality\n"
        for k in 0..<1_200 { text += "a,ghost\(k),\(k % 3 == 0 ? "bad" : "high")\n" }
        let error = try #require(throws: DatasetError.self) {
            try DatasetLoader.load(contents: ["suppliers.csv": Array("id\na\n".utf8), "dependencies.csv": Array(text.utf8)])
        }
        // Row k (line k + 2) has one error, two when k is a multiple of 3:
        // the first 1,000 errors are those of rows 0 to 749.
        #expect(error.errorCount == 1_600)
        #expect(LoadReport.storedLimit == 1_000)
        #expect(error.errors.count == 1_000)
        #expect(error.errors.first?.line == 2)
        #expect(error.errors.last.map { $0.line } == 751)
        #expect(zip(error.errors, error.errors.dropFirst()).allSatisfy { $0.line <= $1.line })
    }
}


/// The reader's fast path for plain records must read exactly what the
/// general rules read.
@Suite struct CSVReaderTests {
    /// Records as (line, cells) read with `next()` only, or with `nextPlain()` first.
    private func records(_ text: [UInt8], plainFirst: Bool) -> [String] {
        text.withUnsafeBytes { buffer in
            var reader = CSVReader(buffer, range: 0..<buffer.count, line: 1)
            var result: [String] = []
            while true {
                let line = reader.line
                if plainFirst && reader.nextPlain() {
                    result.append("\(line): " + (0..<reader.fieldCount).map { reader.string($0) }.joined(separator: "|")
                                  + " then \(reader.remaining)")
                    continue
                }
                switch reader.next() {
                case .end: return result
                case .malformed(let line, let message): result.append("\(line): malformed \(message) then \(reader.remaining)")
                case .record(let line):
                    result.append("\(line): " + (0..<reader.fieldCount).map { reader.string($0) }.joined(separator: "|")
                                  + " then \(reader.remaining)")
                }
            }
        }
    }

    @Test func plainRecordsReadAsByTheGeneralRules() {
        let alphabet: [[UInt8]] = ["a", "b", ",", ",", "\n", "\r\n", "\"", " ", "\t", "é", "\u{A0}", "0123456789", "xyz,", "abcdefghijklmnopq", "0.5,high,,", "\r", "\u{7F}"].map { Array($0.utf8) }
        var random = SplitMix64(seed: 11)
        for _ in 0..<6_000 {
            var text: [UInt8] = []
            for _ in 0..<Int(random.next() % 90) { text += alphabet[Int(random.next() % UInt64(alphabet.count))] }
            #expect(records(text, plainFirst: true) == records(text, plainFirst: false), "\(String(decoding: text, as: UTF8.self).debugDescription)")
        }
    }
}
