import Foundation
import Testing
import TrustGraphCore
import TrustGraphGraphviz
@testable import TrustGraphReport
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Datasets and reports built in the tests.
enum ReportFixture {
    static let parameters = TrustParameters(date: Day(year: 2026, month: 6, day: 30)!)

    /// Ids and names that try to break out of every context a report writes them into.
    static let hostileIDs = [
        "<script>alert(1)</script>", "x\" onerror=\"alert(1)", "javascript:alert(1)", "</svg><img src=x onerror=alert(1)>",
        "</script>", "__proto__", "a'b&amp;c", "Müller\u{2028}line",
    ]

    /// A CSV cell, quoted.
    static func cell(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Hostile suppliers in a chain, each depending critically on the next, one certified.
    static var hostileFiles: [String: String] {
        var suppliers = "id,name,country,sector\n"
        for (k, id) in hostileIDs.enumerated() {
            suppliers += "\(cell(id)),\(cell("Name of " + id + " <b onmouseover=alert(\(k))>")),DE,\(cell("saas <i>"))\n"
        }
        var dependencies = "consumer,provider,criticality,group\n"
        for k in 0..<(hostileIDs.count - 1) {
            dependencies += "\(cell(hostileIDs[k])),\(cell(hostileIDs[k + 1])),critical,\(cell("<g>" + String(k)))\n"
        }
        let certifications = "supplier,scheme,status,issued,expires,last_evidence,scope\n"
            + "\(cell(hostileIDs.last!)),ISO27001,valid,2025-01-01,2027-01-01,,\n"
        return ["suppliers.csv": suppliers, "dependencies.csv": dependencies, "certifications.csv": certifications]
    }

    /// The inputs of a report of `files`.
    static func inputs(_ files: [String: String], title: String = "Supplier trust report") throws -> ReportInputs {
        let (dataset, _) = try DatasetLoader.load(contents: files.mapValues { Array($0.utf8) })
        let model = TrustModel(dataset)
        let options = SolverOptions(threads: 1)
        let solution = model.solve(parameters, options: options)
        let analysis = AnalysisReport(model: model, solution: solution,
                                      impacts: ImpactAnalysis(model: model, baseline: solution, options: options),
                                      pageRank: PageRank(model: model, threads: 1))
        return ReportInputs(model: model, parameters: parameters, solution: solution, analysis: analysis, title: title,
                            datasetName: "fixture", toolVersion: "0.0.0-test")
    }

    /// The page of `files`, maps laid out in this process.
    static func page(_ files: [String: String]) throws -> (ReportDocument, String) {
        let inputs = try inputs(files)
        let maps = ReportMaps(inputs, maxNodes: 300)
        let document = ReportDocument(inputs, detailed: maps.baseline.selection.suppliers)
        let html = ReportPage.html(document, maps: try maps.render(document, limits: nil).maps)
        return (document, String(decoding: html, as: UTF8.self))
    }

    /// The text between the first `open` after `from` and the next `close`.
    static func between(_ text: String, _ open: String, _ close: String) -> String? {
        guard let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound..<text.endIndex) else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }
}

/// The start tags of an HTML page, read outside its scripts and style sheet, with their
/// attributes decoded. Every value the report writes is double-quoted, so a tag is
/// `<name` then `name="value"` pairs; text never holds a raw `<` (it is escaped).
struct StartTags {
    struct Tag {
        var name: String
        var attributes: [(name: String, value: String)]
        func value(_ attribute: String) -> String? { attributes.first { $0.name == attribute }?.value }
    }

    var tags: [Tag] = []

    init(_ html: String) {
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            let name = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == ":" || $0 == "-" })
            rest = rest.dropFirst(name.count)
            guard !name.isEmpty else { continue }
            var attributes: [(String, String)] = []
            while true {
                rest = rest.drop { $0 == " " || $0 == "\n" || $0 == "\t" }
                if rest.hasPrefix(">") || rest.hasPrefix("/>") || rest.isEmpty { break }
                let attribute = String(rest.prefix { $0 != "=" && $0 != ">" && $0 != " " })
                rest = rest.dropFirst(attribute.count)
                var value = ""
                if rest.hasPrefix("=\"") {
                    rest = rest.dropFirst(2)
                    value = String(rest.prefix { $0 != "\"" })
                    rest = rest.dropFirst(value.count + 1)
                }
                attributes.append((attribute, StartTags.decode(value)))
            }
            tags.append(Tag(name: name.lowercased(), attributes: attributes))
            // Raw text: skip a script's or style's content whole.
            if ["script", "style"].contains(name.lowercased()), let end = rest.range(of: "</\(name)>") {
                rest = rest[end.upperBound...]
            }
        }
    }

    /// Character references as the report and Graphviz write them.
    static func decode(_ text: String) -> String {
        var out = text
        for (reference, character) in [("&quot;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&#45;", "-"),
                                       ("&#xFFFD;", "\u{FFFD}"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: reference, with: character)
        }
        return out
    }
}
