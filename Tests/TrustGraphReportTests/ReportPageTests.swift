import Foundation
import Testing
import TrustGraphCore
import TrustGraphGraphviz
@testable import TrustGraphReport

/// The page: its policy, its hooks, and hostile data that stays data.
@Suite struct ReportPageTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples/eu-cloud").path

    static func sampleFiles() throws -> [String: String] {
        var files: [String: String] = [:]
        for name in ["suppliers.csv", "certifications.csv", "dependencies.csv", "schemes.csv"] {
            files[name] = try String(contentsOfFile: sample + "/" + name, encoding: .utf8)
        }
        return files
    }

    @Test func policyHashesAreThoseOfTheExactInlineScriptAndStyle() throws {
        let (_, html) = try ReportFixture.page(Self.sampleFiles())
        let tags = StartTags(html)
        let policy = try #require(tags.tags.first { $0.value("http-equiv") == "Content-Security-Policy" }?.value("content"))
        #expect(policy.hasPrefix("default-src 'none'; "))
        let script = try #require(ReportFixture.between(html, "<script>", "</script>"))
        let style = try #require(ReportFixture.between(html, "<style>", "</style>"))
        #expect(script.count > 1000 && style.count > 1000)
        #expect(policy.contains("script-src 'sha256-\(SHA256.base64Digest(script))'"))
        #expect(policy.contains("style-src 'sha256-\(SHA256.base64Digest(style))'"))
        // One of each, and the policy comes before both.
        #expect(html.components(separatedBy: "<script>").count == 2 && html.components(separatedBy: "<style>").count == 2)
        let policyAt = try #require(html.range(of: "Content-Security-Policy")).lowerBound
        #expect(policyAt < html.range(of: "<style>")!.lowerBound)
    }

    @Test func hooksArePresent() throws {
        let (document, html) = try ReportFixture.page(Self.sampleFiles())
        let tags = StartTags(html).tags
        #expect(tags.filter { $0.value("id") == "details" }.count == 1)
        #expect(tags.contains { $0.name == "table" && $0.value("data-table") == "suppliers" })
        #expect(tags.contains { $0.name == "input" && $0.value("data-filter") == "suppliers" })
        let suppliers = try #require(document.tables.first { $0.id == "suppliers" })
        #expect(suppliers.rows.count == 60)
        // Every supplier of the sample is on the map, once, by its exact id.
        let onMap = tags.filter { $0.name == "g" && $0.value("data-supplier") != nil }.compactMap { $0.value("data-supplier") }
        #expect(onMap.count == 60)
        #expect(Set(onMap) == Set(suppliers.rows.compactMap { row -> String? in
            if case .text(let id) = row[2] { return id }
            return nil
        }))
        for table in ["impact", "concentration", "single-points"] {
            #expect(tags.contains { $0.name == "table" && $0.value("data-table") == table }, "\(table)")
        }
    }

    @Test func noInlineHandlersStylesOrExternalReferences() throws {
        for files in [try Self.sampleFiles(), ReportFixture.hostileFiles] {
            let (_, html) = try ReportFixture.page(files)
            for tag in StartTags(html).tags {
                for attribute in tag.attributes {
                    #expect(!attribute.name.lowercased().hasPrefix("on"), "<\(tag.name) \(attribute.name)>")
                    #expect(!["style", "src", "srcset", "xlink:href", "action"].contains(attribute.name.lowercased()), "<\(tag.name) \(attribute.name)>")
                    if attribute.name == "href" { #expect(attribute.value.hasPrefix("#")) }
                }
                #expect(!["img", "iframe", "object", "embed", "link", "foreignobject", "base", "form"].contains(tag.name), "<\(tag.name)>")
            }
        }
    }

    @Test func hostileIDsRoundTripThroughDataSupplierAndStayText() throws {
        let (_, html) = try ReportFixture.page(ReportFixture.hostileFiles)
        let tags = StartTags(html).tags
        let onMap = tags.filter { $0.name == "g" }.compactMap { $0.value("data-supplier") }
        #expect(Set(onMap) == Set(ReportFixture.hostileIDs))
        #expect(onMap.count == ReportFixture.hostileIDs.count)
        let ranked = tags.filter { $0.name == "li" }.compactMap { $0.value("data-supplier") }
        #expect(!ranked.isEmpty && ranked.allSatisfy(ReportFixture.hostileIDs.contains))
        // Two scripts (the island and the page's), no other element the data could have made.
        #expect(tags.filter { $0.name == "script" }.count == 2)
        #expect(!tags.contains { $0.name == "img" || $0.name == "b" || $0.name == "i" })
        // The island parses back to the exact ids.
        let island = try #require(ReportFixture.between(html, #"<script type="application/json" id="report-data">"#, "</script>"))
        #expect(!island.contains("<") && !island.contains("\u{2028}"))
        let data = try #require(try JSONSerialization.jsonObject(with: Data(island.utf8)) as? [String: Any])
        let details = try #require(data["details"] as? [[String: Any]])
        #expect(Set(details.compactMap { $0["id"] as? String }) == Set(ReportFixture.hostileIDs))
    }

    /// 100,000 rows travel in the island; the page holds the table's head only.
    @Test func largeTablesAreDataNotDOMRows() throws {
        let rows = (0..<100_000).map { k -> [ReportCell] in [.number(Double(k) / 100_000), .text("s-\(k)"), .text("Supplier \(k)")] }
        let table = ReportTable(id: "suppliers", columns: [ReportColumn("trust", "Trust", .fixed(4)), ReportColumn("id", "Id"),
                                                          ReportColumn("name", "Name")],
                                rows: rows, supplierColumn: 1, filterColumns: [1, 2], sortColumn: 0, sortDescending: false)
        let document = ReportDocument(title: "Big", sections: [ReportSection(id: "suppliers", title: "Suppliers", answers: "",
                                                                            blocks: [.table(table)])],
                                      details: [], footer: ReportFooter(date: ReportFixture.parameters.date, dataset: "big", toolVersion: "0"))
        let html = String(decoding: ReportPage.html(document, maps: [:]), as: UTF8.self)
        #expect(html.components(separatedBy: "<tr").count - 1 == 1)
        let island = try #require(ReportFixture.between(html, #"id="report-data">"#, "</script>"))
        #expect(island.contains(#"[0.0000,"s-0","Supplier 0"]"#))
        // 0.99999 as the column shows it.
        #expect(island.contains(#"[1.0000,"s-99999","Supplier 99999"]"#))
        #expect(island.components(separatedBy: "\n[").count - 1 == 100_000)
        #expect(html.utf8.count < 5_000_000)
    }

    /// The script builds elements from data with createElement and textContent only.
    @Test func theScriptNeverParsesDataAsMarkupOrCode() {
        let script = ReportPage.script.description
        for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute('on",
                     "querySelector('[data-supplier=", "javascript:"] {
            #expect(!script.contains(sink), "\(sink)")
        }
        #expect(script.contains("textContent") && script.contains("JSON.parse"))
    }

    @Test func aMapThatCouldNotBeDrawnSaysWhy() {
        let slot = ReportMapSlot(kind: .scenario(0), name: "scenario-1")
        let document = ReportDocument(title: "t", sections: [ReportSection(id: "scenario-1", title: "What if", answers: "", blocks: [.map(slot)])],
                                      details: [], footer: ReportFooter(date: ReportFixture.parameters.date, dataset: "d", toolVersion: "0"))
        let html = String(decoding: ReportPage.html(document, maps: [:], missing: ["scenario-1": "Graphviz <timed out>"]), as: UTF8.self)
        #expect(html.contains(#"<figure class="map" data-map="scenario-1"><p class="paragraph">The map was not drawn: Graphviz &lt;timed out&gt;.</p></figure>"#))
    }

    @Test func footerNamesDateDatasetAndVersions() throws {
        let (_, html) = try ReportFixture.page(Self.sampleFiles())
        #expect(html.contains("Evaluated at 2026-06-30 · dataset fixture · trustgraph 0.0.0-test · trust-model contract 1.1"))
    }
}
