import Testing
@testable import TrustGraphCore

@Suite struct OutputTests {
    @Test func tableCellsStayOnOneLineAndShort() {
        var table = TextTable(header: ["id", "name"])
        table.add(["a", String(repeating: "n", count: 1000)])
        table.add(["b\nc", "short"])
        let lines = table.render().split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[2] == "a     " + String(repeating: "n", count: TextTable.maxCellWidth - 1) + "…")
        #expect(lines[3] == "b\\nc  short")
    }

    @Test func tablesBuiltInPartsRenderAsOneTable() {
        let rows = [["0.5000", "a", "Ärzte-Cloud ✓"], ["1.0000", "b\u{1b}[31m", ""], ["12.2500", "c", String(repeating: "é", count: 300)]]
        var whole = TextTable(header: ["trust", "id", "name"], rightAligned: [0])
        for row in rows { whole.add(row) }
        var first = TextTable(header: ["trust", "id", "name"], rightAligned: [0]), second = first
        first.add(rows[0])
        for row in rows.dropFirst() { second.add(row) }
        #expect(String(decoding: TextTable.renderBytes(joining: [first, second], threads: 2), as: UTF8.self) == whole.render())
        let lines = whole.render().split(separator: "\n", omittingEmptySubsequences: false)
        // Widths in characters (é is two bytes), numbers aligned right, the last column not padded.
        #expect(lines[0] == "  trust  id" + String(repeating: " ", count: 11) + "name")  // b\\u{1b}[31m: 11 characters
        #expect(lines[2] == " 0.5000  a" + String(repeating: " ", count: 12) + "Ärzte-Cloud ✓")
        #expect(lines[3] == " 1.0000  b\\u{1b}[31m  ")
        #expect(lines[4].hasSuffix(String(repeating: "é", count: TextTable.maxCellWidth - 1) + "…"))
        #expect(whole.rowCount == 3 && lines.count == 6 && lines[5].isEmpty)
    }

    @Test func numberCellsWrittenAsBytesReadAsFixedWritesThem() {
        let values = [0, 1, 0.5, 0.12345, 0.99995, 0.00004, -0.00004, -0.25, 12.34567, 1e9 + 0.5, 0.30000000000000004, .nan, .infinity]
        for digits in [0, 2, 4] {
            var asText = TextTable(header: ["v"]), asBytes = TextTable(header: ["v"])
            for v in values {
                asText.add([TextTable.fixed(v, digits)])
                asBytes.addCell(fixed: v, digits: digits)
                asBytes.endRow()
            }
            #expect(asBytes.render() == asText.render(), "digits \(digits)")
        }
        #expect(TextTable.fixed(-0.25, 2) == "-0.25" && TextTable.fixed(0.99995) == "1.0000" && TextTable.fixed(-0.00004) == "0.0000")
    }

    @Test func decimalDigitsAreWrittenWithoutAString() {
        func text(_ n: Int, _ count: Int = 1) -> String { DecimalDigits.with(n, count: count) { String(decoding: $0, as: UTF8.self) } }
        #expect(text(0) == "0" && text(7, 3) == "007" && text(-5, 2) == "-05" && text(1_234_567) == "1234567")
        #expect(text(Int.min) == String(Int.min) && text(Int.max) == String(Int.max) && text(42, 29) == String(repeating: "0", count: 27) + "42")
    }

    @Test func solveOutputsAreTheSameOnOneThreadAndOnMany() throws {
        // More rows than one chunk (8,192), so several threads each write some.
        let dataset = try DatasetLoader.load(contents: DatasetGenerator(suppliers: 20_000, seed: 9).files()).0
        let model = TrustModel(dataset)
        let parameters = TrustParameters(date: Fixture.exampleDate)
        let solution = model.solve(parameters, options: SolverOptions(threads: 2))
        let report = TrustReport(model: model, solution: solution, order: .trust)
        let csv = report.csvBytes(threads: 1)
        #expect(report.csvBytes(threads: 3) == csv)
        #expect(report.jsonBytes(threads: 3) == report.jsonBytes(threads: 1))
        // whatif's rows of two scenarios, all or changed only: the same bytes too.
        let runner = ScenarioRunner(model: model, parameters: parameters, options: SolverOptions(threads: 2))
        let outcomes = try [dataset.suppliers.id(report.rows[0]), dataset.suppliers.id(report.rows[19_999])].map {
            try runner.run(Scenario(name: "compromise \($0)", steps: [.compromise(supplier: $0)]))
        }
        let whatIf = WhatIfReport(outcomes: outcomes)
        for changedOnly in [false, true] {
            #expect(whatIf.csvBytes(changedOnly: changedOnly, threads: 3) == whatIf.csvBytes(changedOnly: changedOnly, threads: 1))
            #expect(whatIf.jsonBytes(changedOnly: changedOnly, threads: 3) == whatIf.jsonBytes(changedOnly: changedOnly, threads: 1))
        }
        #expect(Fixture.csvRows(bytes: whatIf.csvBytes(threads: 3)).count == 2 * dataset.suppliers.count)
        // analyze's rows, by impact.
        let analysis = AnalysisReport(model: model, solution: solution,
                                      impacts: ImpactAnalysis(model: model, baseline: solution, options: SolverOptions(threads: 2)),
                                      pageRank: PageRank(model: model, threads: 2))
        let order = analysis.rows(.impact, top: nil)
        #expect(analysis.csvBytes(order: order, threads: 3) == analysis.csvBytes(order: order, threads: 1))
        #expect(analysis.jsonBytes(order: order, threads: 3) == analysis.jsonBytes(order: order, threads: 1))
        #expect(report.tableBytes(parameters: parameters, solve: solution.report, threads: 3)
                == report.tableBytes(parameters: parameters, solve: solution.report, threads: 1))
        // Row by row, the CSV says what the solution holds.
        let rows = Fixture.csvRows(bytes: csv)
        #expect(rows.count == dataset.suppliers.count)
        for (r, i) in report.rows.enumerated().prefix(500) {
            #expect(rows[r]["id"] == dataset.suppliers.id(i))
            #expect(rows[r]["trust"] == solution.trust[i].description)
            #expect(rows[r]["limited_by"] == (model.limitingProvider(of: i, solution: solution).map { dataset.suppliers.id($0) } ?? ""))
        }
    }

    @Test func csvOutputRoundTripsHostileIds() throws {
        let ids = ["plain", "with,comma", "with \"quotes\"", "multi\nline", "ünï©ødé ✓"]
        var writer = CSVWriter(header: ["id", "name"])
        for id in ids { writer.row([id, "N " + id]) }
        let dataset = try DatasetLoader.load(contents: ["suppliers.csv": writer.bytes]).0
        #expect((0..<dataset.suppliers.count).map { dataset.suppliers.id($0) } == ids)
        #expect(dataset.suppliers.name(1) == "N with,comma")
    }

    @Test func solveCSVHasTheStableColumnsAndFullPrecision() throws {
        let dataset = try Fixture.load(["suppliers.csv": "id,name,prior\n\"a,1\",A,0.3\nb,,0.9\n",
                                        "dependencies.csv": "consumer,provider,criticality\nb,\"a,1\",critical\n"])
        let model = TrustModel(dataset)
        let solution = model.solve(TrustParameters(date: Fixture.exampleDate), options: SolverOptions(threads: 1))
        let csv = TrustReport(model: model, solution: solution, order: .input).csv
        let rows = Fixture.csvRows(bytes: Array(csv.utf8))
        #expect(csv.hasPrefix("id,name,base_trust,trust"))
        #expect(rows.map { $0["id"]! } == ["a,1", "b"])
        #expect(rows[1]["trust"] == "0.30000000000000004")
        #expect(rows[1]["name"] == "b")
    }

    @Test func countsReadAsEnglish() {
        #expect(plural(0, "sweep") == "0 sweeps")
        #expect(plural(1, "sweep") == "1 sweep")
        #expect(plural(2, "dependency row") == "2 dependency rows")
        #expect(plural(1, "dependency", "dependencies") == "1 dependency")
        #expect(plural(3, "dependency", "dependencies") == "3 dependencies")
    }

    @Test func aOneSupplierSummaryIsSingular() throws {
        // One supplier, no dependency: no cycle and one sweep.
        let (model, solution) = Fixture.solve(try Fixture.load(["suppliers.csv": "id\na\n"]))
        let text = TrustReport(model: model, solution: solution, order: .trust)
            .table(parameters: TrustParameters(date: Fixture.exampleDate), solve: solution.report)
        #expect(text.hasSuffix("1 supplier at 2026-01-15, global prior 0.30: mean trust 0.3000, 1 below 0.5, "
                               + "0 limited by dependencies; 0 cycles, 1 sweep, converged\n"))
    }

    @Test func evidenceOneDayOldIsSingular() throws {
        // Evidence of the day before the evaluation date, a one-day half-life: freshness 0.5.
        let dataset = try Fixture.load([
            "suppliers.csv": "id\na\n",
            "schemes.csv": "scheme,assurance,evidence_half_life_days\nDAILY,0.5,1\n",
            "certifications.csv": "supplier,scheme,last_evidence\na,DAILY,2026-01-14\n",
        ])
        let (model, solution) = Fixture.solve(dataset)
        let text = model.explain(0, solution: solution, parameters: TrustParameters(date: Fixture.exampleDate)).text
        #expect(text.contains("assurance 0.50 × freshness 0.5000 (evidence of 2026-01-14, 1 day old, half-life 1 day)"))
    }

    /// An added supplier follows the dataset's, with no baseline and no delta in every format.
    @Test func whatIfOutputOfAnAddedSupplier() throws {
        let (dataset, _) = try DatasetLoader.load(directory: Fixture.example("whatif"))
        let runner = ScenarioRunner(model: TrustModel(dataset), parameters: TrustParameters(date: Fixture.exampleDate),
                                    options: SolverOptions(threads: 1))
        let outcome = try runner.run(Scenario(name: "onboard", steps: [
            .addSupplier(id: "cdn-new", name: "New CDN", prior: "0.25"),
            .addCertification(supplier: "cdn-new", scheme: "ISO27001"),
            .addDependency(consumer: "app", provider: "cdn-new", criticality: "critical"),
        ]))
        let report = WhatIfReport(outcomes: [outcome])
        let rows = Fixture.csvRows(bytes: Array(report.csv().utf8))
        #expect(rows.map { $0["id"]! } == ["app", "h1", "h2", "dns", "lib", "mon", "cdn-new"])
        let added = try #require(rows.last)
        #expect(added["baseline"] == "" && added["delta"] == "" && added["name"] == "New CDN")
        #expect(report.csv().hasPrefix("scenario,id,baseline,trust,delta,base_trust,name\n"))
        #expect(rows[0]["name"] == "Application")
        // b = 0.25 + 0.75 × 0.6 and t = b: 0.7 as the floating-point sum gives it.
        #expect(added["trust"] == (0.25 + 0.75 * 0.6).description && added["base_trust"] == added["trust"])
        // --changed-only: app, which moved, and the candidate, which is new.
        #expect(Fixture.csvRows(bytes: Array(report.csv(changedOnly: true).utf8)).map { $0["id"]! } == ["app", "cdn-new"])
        let json = report.json().split(separator: "\n").filter { $0.contains("\"cdn-new\"") }
        #expect(json.count == 1 && json[0].contains("\"baseline\":null,") && json[0].contains("\"delta\":null,"))
        #expect(json[0].hasSuffix(",\"name\":\"New CDN\"}"))
        let table = report.table(top: 20)
        #expect(table.contains("   mean trust 0.7427 → 0.7260; below 0.50: 1 → 1; 1 changed, 1 added (figures over the 6 present before and after)\n"))
        #expect(table.contains("   added: cdn-new (trust 0.7000)\n"))
        #expect(table.contains("   cdn-new joins; cdn-new gains ISO27001; app → cdn-new (critical)\n"))
    }

    @Test func solveOutputNamesTheLimitingProviderAndKeepsExtraColumns() throws {
        // 'Trust' and 'limited_by' are extra columns of suppliers.csv whose names trustgraph's own columns take.
        let dataset = try Fixture.load([
            "suppliers.csv": "id,Trust,tier,limited_by,prior\na,high,1,,0.9\np,,2,x,0.5\n",
            "dependencies.csv": "consumer,provider,criticality\na,p,critical\n",
        ])
        let (model, solution) = Fixture.solve(dataset)
        let report = TrustReport(model: model, solution: solution, order: .input)
        // a: b = 0.9, but its critical provider p passes up 1 × 0.5: t = 0.5, limited by p.
        #expect(report.csv == """
            id,name,base_trust,trust,country,sector,limited_by,attribute:Trust,tier,attribute:limited_by
            a,a,0.9,0.5,,,p,high,1,
            p,p,0.5,0.5,,,,,2,x

            """)
        let json = report.json.split(separator: "\n")
        #expect(json[1] == #"  {"id":"a","name":"a","base_trust":0.9,"trust":0.5,"country":"","sector":"","limited_by":"p","attributes":{"Trust":"high","tier":"1"}},"#)
        #expect(json[2].contains(#""limited_by":"","attributes":{"tier":"2","limited_by":"x"}}"#))
    }

    @Test func withTopTheImpliedOrderIsTheRanking() {
        #expect(SolveRowOrder.implied(table: true, top: nil) == .trust)
        #expect(SolveRowOrder.implied(table: false, top: nil) == .input)
        #expect(SolveRowOrder.implied(table: false, top: 3) == .trust)
        #expect(AnalysisReport.Order.implied(table: true, top: nil) == .impact)
        #expect(AnalysisReport.Order.implied(table: false, top: nil) == .input)
        #expect(AnalysisReport.Order.implied(table: false, top: 3) == .impact)
    }

    @Test func atomicWriteLeavesNoFileOnFailure() throws {
        #expect(throws: FileBytes.WriteError.self) {
            try FileBytes.writeAtomically(Array("x".utf8), to: "/nonexistent-dir-\(UInt32.random(in: 0...UInt32.max))/out.csv")
        }
    }

    @Test func fixedFormatting() {
        #expect(TextTable.fixed(0.30000000000000004) == "0.3000")
        #expect(TextTable.fixed(1) == "1.0000")
        #expect(TextTable.fixed(-0.07999, 2) == "-0.08")
        #expect(TextTable.fixed(0.99995) == "1.0000")
    }

    @Test func daysRoundTrip() {
        for text in ["1970-01-01", "2000-02-29", "2026-01-15", "2100-12-31", "0001-01-01"] {
            #expect(Day(text)?.description == text)
        }
        #expect(Day("2026-02-29") == nil)
        #expect(Day("2026-1-01") == nil)
        #expect(Day(year: 2026, month: 1, day: 15)!.ordinal - Day(year: 2025, month: 7, day: 19)!.ordinal == 180)
    }
}

/// `--for-spreadsheet`: CSV that a spreadsheet opens as text, never as formulas.
@Suite struct SpreadsheetCSVTests {
    static func text(_ bytes: [UInt8]) -> String {
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        return String(decoding: bytes.dropFirst(3), as: UTF8.self)
    }

    @Test func formulaCellsBecomeTextAndNumbersStayNumbers() {
        var writer = CSVWriter(header: ["id", "name", "trust", "delta"])
        writer.row(["=cmd", "+1 (555)", "0.25", "-0.125"])
        writer.row(["@sum", "\tTAB", "-", "1e-3"])
        writer.row(["a,b", "say \"hi\"", "-x", "5"])
        #expect(Self.text(SpreadsheetCSV.convert(writer.text))
            == "id,name,trust,delta\n'=cmd,'+1 (555),0.25,-0.125\n'@sum,'\tTAB,'-,1e-3\n\"a,b\",\"say \"\"hi\"\"\",'-x,5\n")
    }

    @Test func semicolonsWriteDecimalCommasAndQuoteWhatHoldsThem() {
        var writer = CSVWriter(header: ["id", "trust"])
        writer.row(["a;b", "0.5"])
        writer.row(["c,d", "-1.25"])
        writer.row(["line\nbreak", "2"])
        #expect(Self.text(SpreadsheetCSV.convert(writer.text, delimiter: .semicolon)) == "id;trust\n\"a;b\";0,5\nc,d;-1,25\n\"line\nbreak\";2\n")
        #expect(Self.text(SpreadsheetCSV.convert(writer.text, delimiter: .tab)) == "id\ttrust\na;b\t0,5\nc,d\t-1,25\n\"line\nbreak\"\t2\n")
    }

    @Test func aSpreadsheetExportReadsBackAsTheSameSuppliers() throws {
        var writer = CSVWriter(header: ["id", "name", "prior"])
        writer.row(["a", "Café; \"Müller\"", "0.35"])
        writer.row(["b", "=HYPERLINK(\"x\")", "0.5"])
        let bytes = SpreadsheetCSV.convert(writer.text, delimiter: .semicolon)
        let (dataset, report) = try DatasetLoader.load(contents: ["suppliers.csv": bytes], threads: 1)
        #expect(dataset.suppliers.name(0) == "Café; \"Müller\"")
        #expect(dataset.suppliers.name(1) == "'=HYPERLINK(\"x\")")
        #expect(dataset.suppliers.priors == [0.35, 0.5])
        #expect(report.notes.map(\.message) == ["read as semicolon-separated, decimal comma"])
    }
}
