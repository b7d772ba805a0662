import Foundation
import Testing
@testable import TrustGraphCore

/// Reading the forms spreadsheets export (contract §1.1): every form of one
/// small dataset gives the same trust as its plain files, with one note per
/// widening, and each error names the option that would read the file.
@Suite struct SpreadsheetExportTests {
    /// A plain dataset using every kind of number and date cell.
    static let plain: [String: String] = [
        "suppliers.csv": "id,name,country,sector,prior\nshop,Café Müller €,DE,retail,0.35\nhost,Hoster,FR,hosting,\ncdn,CDN,NL,cdn,0.5\n",
        "schemes.csv": "scheme,assurance,evidence_half_life_days\nHDS,0.6,365.5\n",
        "certifications.csv": "supplier,scheme,status,issued,expires,last_evidence,scope\n"
            + "shop,ISO27001,valid,2025-03-01,2027-12-31,2026-01-05,full\n"
            + "host,BSI-C5,valid,2024-01-10,2026-12-31,2025-11-20,partial\n"
            + "host,HDS,valid,2025-02-01,2028-01-31,,full\n"
            + "cdn,SOC2-TYPE2,valid,2025-06-01,2026-05-31,2025-06-01,full\n",
        "dependencies.csv": "consumer,provider,criticality,group,service\nshop,host,critical,,web shop\nshop,cdn,0.25,,static files\nhost,cdn,0.7,,\n",
    ]
    static let date = Day(year: 2026, month: 1, day: 15)!

    /// The files as a spreadsheet in `;`, decimal comma, DD/MM/YYYY would export them.
    static func exported(delimiter: String = ";", dates: (String) -> String = dayMonthYear) -> [String: String] {
        plain.mapValues { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.split(separator: ",", omittingEmptySubsequences: false).map { cell -> String in
                    let cell = String(cell)
                    if Day(cell) != nil { return dates(cell) }
                    if cell.contains("."), Double(cell) != nil { return cell.replacingOccurrences(of: ".", with: ",") }
                    return cell
                }.joined(separator: delimiter)
            }.joined(separator: "\n")
        }
    }

    static func dayMonthYear(_ iso: String) -> String {
        let p = iso.split(separator: "-")
        return "\(p[2])/\(p[1])/\(p[0])"
    }

    static func trust(_ files: [String: [UInt8]], _ options: ReadOptions = ReadOptions()) throws -> ([Double], LoadReport) {
        let (dataset, report) = try DatasetLoader.load(contents: files, options: options, threads: 1)
        let model = TrustModel(dataset)
        return (model.solve(TrustParameters(date: date)).trust, report)
    }

    static func utf8(_ files: [String: String]) -> [String: [UInt8]] { files.mapValues { Array($0.utf8) } }

    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 {
            let (hi, lo) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
            bytes += bigEndian ? [hi, lo] : [lo, hi]
        }
        return bytes
    }

    /// Notes as "file: message".
    static func notes(_ report: LoadReport) -> [String] { report.notes.map { "\($0.file): \($0.message)" } }

    @Test func semicolonsAndDecimalCommasGiveThePlainTrust() throws {
        let (expected, plainReport) = try Self.trust(Self.utf8(Self.plain))
        #expect(plainReport.notes.isEmpty)
        let (trust, report) = try Self.trust(Self.utf8(Self.exported()), ReadOptions(dateFormat: .dayMonthYear))
        #expect(trust == expected)
        #expect(Self.notes(report) == [
            "suppliers.csv: read as semicolon-separated, decimal comma",
            "schemes.csv: read as semicolon-separated, decimal comma",
            "certifications.csv: read as semicolon-separated, decimal comma, dates also as DD/MM/YYYY",
            "dependencies.csv: read as semicolon-separated, decimal comma",
        ])
    }

    @Test func aUTF8ByteOrderMarkBeforeSemicolons() throws {
        let (expected, _) = try Self.trust(Self.utf8(Self.plain))
        let files = Self.utf8(Self.exported()).mapValues { [0xEF, 0xBB, 0xBF] + $0 }
        let (trust, _) = try Self.trust(files, ReadOptions(dateFormat: .dayMonthYear))
        #expect(trust == expected)
    }

    @Test(arguments: [false, true]) func unicodeTextExportsInUTF16(bigEndian: Bool) throws {
        let (expected, _) = try Self.trust(Self.utf8(Self.plain))
        let files = Self.exported(delimiter: "\t").mapValues { Self.utf16($0.replacingOccurrences(of: "\n", with: "\r\n"), bigEndian: bigEndian) }
        let (trust, report) = try Self.trust(files, ReadOptions(dateFormat: .dayMonthYear))
        #expect(trust == expected)
        #expect(Self.notes(report).first == "suppliers.csv: read as UTF-16 \(bigEndian ? "BE" : "LE"), tab-separated, decimal comma")
        let (dataset, _) = try DatasetLoader.load(contents: files, options: ReadOptions(dateFormat: .dayMonthYear), threads: 1)
        #expect(dataset.suppliers.name(0) == "Café Müller €")
    }

    @Test func aLoneSurrogateIsAnErrorWithItsLine() {
        var text = Array("id\na\n".utf16)
        text.append(0xD800)
        text += Array("\n".utf16)
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let errors = Fixture.errors(bytes: ["suppliers.csv": bytes])
        #expect(errors.map { "\($0.file):\($0.line): \($0.message)" }
            == ["suppliers.csv:3: not valid UTF-16: a lone surrogate U+D800 (the file starts with a UTF-16 byte-order mark)"])
    }

    @Test(arguments: [ReadOptions.Encoding.windows1252, .latin1]) func windows1252IsReadWhenAskedFor(encoding: ReadOptions.Encoding) throws {
        // "Café €" in Windows-1252: é is E9, € is 80.
        let bytes: [UInt8] = Array("id;name\nshop;Caf".utf8) + [0xE9, 0x20, 0x80] + Array("\n".utf8)
        let (dataset, report) = try DatasetLoader.load(contents: ["suppliers.csv": bytes], options: ReadOptions(encoding: encoding), threads: 1)
        #expect(dataset.suppliers.name(0) == "Café €")
        #expect(Self.notes(report) == ["suppliers.csv: read as Windows-1252, semicolon-separated, decimal comma"])
    }

    @Test func notUTF8NamesTheEncodingOptionUnlessTheFileCannotBeWindows1252() {
        let text: [UInt8] = Array("id,name\nshop,Caf".utf8) + [0xE9] + Array("\n".utf8)
        let errors = Fixture.errors(bytes: ["suppliers.csv": text])
        #expect(errors.map { "\($0.line) \($0.column ?? "-") \($0.message)" }
            == ["2 name cell is not valid UTF-8 (if the file was saved as Windows-1252 or Latin-1, read it with --encoding windows-1252)"])
        // 0x81 is one of the bytes Windows-1252 leaves undefined: the file is something else.
        let other = Fixture.errors(bytes: ["suppliers.csv": text + Array("x,y".utf8) + [0x81] + [10]])
        #expect(other.map(\.message) == ["cell is not valid UTF-8", "cell is not valid UTF-8"])
    }

    @Test func aBOMWinsOverTheEncodingOption() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,name\nshop,Café\n".utf8)
        let (dataset, _) = try DatasetLoader.load(contents: ["suppliers.csv": bytes], options: ReadOptions(encoding: .windows1252), threads: 1)
        #expect(dataset.suppliers.name(0) == "Café")
    }

    @Test func delimiterIsDetectedFromTheHeaderOutsideQuotes() {
        func detect(_ text: String) -> ReadOptions.Delimiter {
            Array(text.utf8).withUnsafeBytes { DelimiterDetection.detect($0) }
        }
        #expect(detect("id;name;country\n") == .semicolon)
        #expect(detect("id\tname\n") == .tab)
        #expect(detect("\n  \r\nid;name\n") == .semicolon)
        #expect(detect("\"a;b;c\",d\n") == .comma)
        #expect(detect("a;b,c\n") == .comma)   // a tie
        #expect(detect("id\n") == .comma)      // none
        #expect(detect("id,\"x,\ny\";z;w\n") == .semicolon)  // a quoted line break stays in the header record
    }

    @Test func aQuotedSemicolonInACommaFileAndAQuotedCommaInASemicolonFile() throws {
        let comma = try Fixture.load(["suppliers.csv": "id,name\na,\"x;y\"\n"])
        #expect(comma.suppliers.name(0) == "x;y")
        let (semicolon, _) = try DatasetLoader.load(contents: ["suppliers.csv": Array("id;name;prior\na;\"x,y\";\"0,25\"\n".utf8)], threads: 1)
        #expect(semicolon.suppliers.name(0) == "x,y")
        #expect(semicolon.suppliers.priors[0] == 0.25)
    }

    @Test func aDecimalCommaOnlyOutsideCommaFilesAndNeverBesideAPoint() {
        let semicolon = Fixture.errorLines(["suppliers.csv": "id;prior\na;0.4\nb;0,4\nc;1.000,5\nd;1,000,5\n"])
        #expect(semicolon == ["4 prior '1.000,5' is not a number (expected a number in [0,1])",
                              "5 prior '1,000,5' is not a number (expected a number in [0,1])"])
        let comma = Fixture.errorLines(["suppliers.csv": "id,prior\na,\"0,4\"\n"])
        #expect(comma == ["2 prior '0,4' is not a number (expected a number in [0,1])"])
    }

    @Test func aDateFormThatIsValidInOneOrderOnly() throws {
        let files = { (date: String) in
            ["suppliers.csv": "id\na\n", "certifications.csv": "supplier,scheme,expires\na,ISO27001,\(date)\n"]
        }
        #expect(Fixture.errorLines(files("31/12/2026"))
            == ["2 expires '31/12/2026' is not a date in YYYY-MM-DD form (--date-format DD/MM/YYYY would read it)"])
        #expect(Fixture.errorLines(files("05/06/2026"))
            == ["2 expires '05/06/2026' is not a date in YYYY-MM-DD form (--date-format DD/MM/YYYY or MM/DD/YYYY would read it)"])
        #expect(Fixture.errorLines(files("31.12.2026"))
            == ["2 expires '31.12.2026' is not a date in YYYY-MM-DD form (--date-format DD.MM.YYYY would read it)"])
        let wrongOrder = try #require(throws: DatasetError.self) {
            try DatasetLoader.load(contents: Self.utf8(files("31/12/2026")), options: ReadOptions(dateFormat: .monthDayYear), threads: 1)
        }
        #expect(wrongOrder.errors.map(\.message) == ["'31/12/2026' is not a valid calendar date (--date-format DD/MM/YYYY would read it)"])
        let (dataset, _) = try DatasetLoader.load(contents: Self.utf8(files("1/2/2026")), options: ReadOptions(dateFormat: .dayMonthYear), threads: 1)
        #expect(dataset.certifications.expires[0] == Day(year: 2026, month: 2, day: 1)!.ordinal)
        let (american, _) = try DatasetLoader.load(contents: Self.utf8(files("1/2/2026")), options: ReadOptions(dateFormat: .monthDayYear), threads: 1)
        #expect(american.certifications.expires[0] == Day(year: 2026, month: 1, day: 2)!.ordinal)
        let (yearFirst, _) = try DatasetLoader.load(contents: Self.utf8(files("2026/12/31")), options: ReadOptions(dateFormat: .yearMonthDay), threads: 1)
        #expect(yearFirst.certifications.expires[0] == Day(year: 2026, month: 12, day: 31)!.ordinal)
        #expect(Fixture.errorLines(files("2026-12-31")).isEmpty)
    }

    @Test func aSemicolonHeaderReadWithCommasNamesTheDelimiterOption() throws {
        let error = try #require(throws: DatasetError.self) {
            try DatasetLoader.load(contents: ["suppliers.csv": Array("id;name\na;A\n".utf8)], options: ReadOptions(delimiter: .comma), threads: 1)
        }
        #expect(error.errors.map(\.message) == [
            "required column 'id' is missing (header has: id;name); the header holds ';': if the file is semicolon-separated, read it with --delimiter ';'",
        ])
    }

    @Test func unknownSuppliersSuggestTheClosestIds() {
        let errors = Fixture.errorLines([
            "suppliers.csv": "id\ncloudnest\nhoster-a\n",
            "dependencies.csv": "consumer,provider\nCloudNest,hoster-b\n",
        ])
        #expect(errors == [
            "2 consumer unknown supplier 'CloudNest' (expected an id from suppliers.csv) (did you mean 'cloudnest'?)",
            "2 provider unknown supplier 'hoster-b' (expected an id from suppliers.csv) (did you mean 'hoster-a'?)",
        ])
    }
}

/// Scheme names matched by key and alias (contract §1.1).
@Suite struct SchemeMatchingTests {
    @Test(arguments: [
        ("ISO/IEC 27001:2022", "ISO27001"), ("ISO 27001", "ISO27001"), ("iso27001", "ISO27001"), ("ISO-27017-2015", "ISO27017"),
        ("SOC 2 Type II", "SOC2-TYPE2"), ("soc2 type 2", "SOC2-TYPE2"), ("SOC 2 II", "SOC2-TYPE2"), ("SOC 2 Type I", "SOC2-TYPE1"),
        ("C5", "BSI-C5"), ("BSI C5:2020", "BSI-C5"), ("CSA STAR Level 2", "CSA-STAR-L2"), ("STAR Level 3", "CSA-STAR-L3"),
        ("CSA STAR 1", "CSA-STAR-L1"), ("Cyber Essentials Plus", "CYBER-ESSENTIALS-PLUS"), ("CE+", nil), ("CE Plus", "CYBER-ESSENTIALS-PLUS"),
        ("SecNumCloud (ANSSI)", "SECNUMCLOUD"), ("ANSSI SecNumCloud", "SECNUMCLOUD"), ("ISO 9001", nil), ("ISO 27001 2022", "ISO27001"),
    ] as [(String, String?)])
    func spellingsPeopleTypeNameTheirScheme(spelling: String, scheme: String?) {
        let catalogue = SchemeCatalogue.builtIn
        #expect(catalogue.find(spelling).map { catalogue.names[Int($0)] } == scheme)
    }

    @Test func keysDropOneYearAfterASeparatorAndKeepOtherNumbers() {
        #expect(SchemeCatalogue.key("ISO/IEC 27001:2022") == "ISO27001")
        #expect(SchemeCatalogue.key("ISO 9001") == "ISO9001")
        #expect(SchemeCatalogue.key("X 1999 2020") == "X1999")
        #expect(SchemeCatalogue.key("X2020") == "X2020")
        #expect(SchemeCatalogue.key("X-1899") == "X1899")
        #expect(SchemeCatalogue.key("ISOIEC-IEC") == "ISOIEC")
    }

    @Test func aSchemesRowNamedByAnAliasOverridesTheSchemeTheAliasNames() throws {
        let dataset = try Fixture.load(["suppliers.csv": "id\na\n", "schemes.csv": "scheme,assurance\nStar Level 1,0.3\n",
                                        "certifications.csv": "supplier,scheme\na,STAR-LEVEL-1\n"])
        let scheme = Int(dataset.certifications.scheme[0])
        #expect(dataset.schemes.names[scheme] == "CSA-STAR-L1")
        #expect(dataset.schemes.assurance[scheme] == 0.3)
        #expect(dataset.schemes.count == SchemeCatalogue.builtIn.count)
    }

    @Test func aSchemesRowNamingABuiltInOverridesItAndKeepsItsName() throws {
        let (dataset, report) = try DatasetLoader.load(contents: [
            "suppliers.csv": Array("id\na\n".utf8), "schemes.csv": Array("scheme,assurance\nC5,0.9\n".utf8),
            "certifications.csv": Array("supplier,scheme\na,BSI-C5\n".utf8),
        ], threads: 1)
        let c5 = try #require(dataset.schemes.find("BSI-C5"))
        #expect(dataset.schemes.count == SchemeCatalogue.builtIn.count)
        #expect(dataset.schemes.names[Int(c5)] == "BSI-C5")
        #expect(dataset.schemes.assurance[Int(c5)] == 0.9)
        #expect(SpreadsheetExportTests.notes(report) == ["schemes.csv: scheme 'C5' read as BSI-C5 (1 row, line 2)"])
    }

    @Test func twoSchemesRowsResolvingToOneSchemeAreAnError() {
        #expect(Fixture.errorLines(["suppliers.csv": "id\na\n", "schemes.csv": "scheme,assurance\nISO 27001,0.5\nISO/IEC 27001:2022,0.6\nC5,0.8\nBSI-C5,0.7\n"]) == [
            "3 scheme scheme 'ISO/IEC 27001:2022' listed twice (first on line 2)",
            "5 scheme scheme 'BSI-C5' listed twice (first on line 4) (both name BSI-C5)",
        ])
    }

    @Test func eachSpellingOtherThanTheNameIsNotedOncePerFileWithItsRows() throws {
        let rows = (0..<3).map { _ in "a,SOC 2 Type II\n" }.joined() + "a,soc2-type2\na,SOC2-TYPE2\na,C5\n"
        let (_, report) = try DatasetLoader.load(contents: ["suppliers.csv": Array("id\na\n".utf8),
                                                            "certifications.csv": Array(("supplier,scheme\n" + rows).utf8)], threads: 1)
        #expect(SpreadsheetExportTests.notes(report) == [
            "certifications.csv: scheme 'SOC 2 Type II' read as SOC2-TYPE2 (3 rows)",
            "certifications.csv: scheme 'soc2-type2' read as SOC2-TYPE2 (1 row)",
            "certifications.csv: scheme 'C5' read as BSI-C5 (1 row)",
        ])
    }

    @Test func scenarioStepsNameSchemesAsDatasetsDo() throws {
        let dataset = try Fixture.load(["suppliers.csv": "id\na\n", "certifications.csv": "supplier,scheme\na,SOC2-TYPE2\na,ISO27001\n"])
        let runner = ScenarioRunner(model: TrustModel(dataset), parameters: TrustParameters(date: Fixture.exampleDate))
        let scenarios = try ScenarioFile.parse("""
        scenarios:
          - name: typed
            steps:
              - revoke: {supplier: a, scheme: SOC 2 Type II}
              - set-assurance: {scheme: ISO/IEC 27001:2022, assurance: 0.5}
              - add-certification: {supplier: a, scheme: ISO 27002}
        """, file: "s.yaml")
        let error = try #require(throws: ScenarioFileError.self) { try runner.validate(scenarios, file: "s.yaml") }
        #expect(error.errors.map(\.description) == [
            "s.yaml:6: scenario 'typed', step 3 (add-certification): unknown scheme 'ISO 27002' (not built in and not in schemes.csv) (did you mean 'ISO27001', 'ISO27017', 'ISO27018'?)",
        ])
        var fixed = scenarios[0]
        fixed.steps.removeLast()
        fixed.stepLines.removeLast()
        fixed.stepNumbers.removeLast()
        let outcome = try runner.run(fixed)
        // SOC 2 revoked: only ISO 27001 at 0.5 counts; b = 0.3 + 0.7 × 0.5.
        #expect(abs(outcome.solution.trust[0] - 0.65) < 1e-12)
    }

    @Test func anUnknownSchemeSuggestsTheNearestNames() {
        #expect(Fixture.errorLines(["suppliers.csv": "id\na\n", "certifications.csv": "supplier,scheme\na,ISO 27002\na,SOC 3\n"]) == [
            "2 scheme unknown scheme 'ISO 27002' (not built in and not in schemes.csv) (did you mean 'ISO27001', 'ISO27017', 'ISO27018'?)",
            "3 scheme unknown scheme 'SOC 3' (not built in and not in schemes.csv) (did you mean 'SOC2-TYPE1'?)",
        ])
    }
}
