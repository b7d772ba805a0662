import Testing
import TrustGraphCore
import TrustGraphGraphviz
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Small datasets built in the tests, solved at a fixed date.
enum MapFixture {
    static let date = Day(year: 2026, month: 6, day: 30)!
    static let parameters = TrustParameters(date: date)

    /// A shop on two alternative hosters, a CDN and an identity provider; the hosters
    /// share an MSP; a library at the bottom. Every marker of the map occurs.
    static let shop: [String: String] = [
        "suppliers.csv": """
        id,name,country,sector,prior,contact
        shop,Shop Online,NL,saas-ecommerce,,security@shop.example
        host-a,Host A,DE,hosting,,
        host-b,Host B,FR,hosting,,
        cdn,Edge CDN,DE,cdn,,
        idp,Identity Co,DE,identity,,
        msp,Ops MSP,IE,msp,,
        lib,libfoo,,open-source,0.2,

        """,
        "certifications.csv": """
        supplier,scheme,status,issued,expires,last_evidence,scope
        shop,ISO27001,valid,2025-01-01,2027-01-01,,
        host-a,BSI-C5,valid,2025-01-01,2027-01-01,,
        host-b,ISO27001,revoked,2025-01-01,2027-01-01,,
        cdn,SOC2-TYPE2,valid,2024-01-01,2026-03-01,,
        idp,ISO27001,valid,2025-01-01,2027-06-01,,partial
        msp,CYBER-ESSENTIALS,valid,2025-01-01,2027-01-01,,

        """,
        "dependencies.csv": """
        consumer,provider,criticality,group,service
        shop,host-a,critical,hosting,
        shop,host-b,critical,hosting,
        shop,cdn,high,,
        shop,idp,medium,,
        host-a,msp,low,,
        host-b,msp,low,,
        cdn,lib,medium,,
        msp,lib,high,,

        """,
    ]

    /// Loads and solves a dataset given as file texts.
    static func solve(_ files: [String: String]) throws -> (TrustModel, TrustSolution) {
        let (dataset, _) = try DatasetLoader.load(contents: files.mapValues { Array($0.utf8) })
        let model = TrustModel(dataset)
        return (model, model.solve(parameters, options: SolverOptions(threads: 1)))
    }

    /// A dataset of `ids` with dependency rows `consumer>provider`, no certifications.
    static func chain(_ ids: [String], _ rows: [String]) throws -> (TrustModel, TrustSolution) {
        var suppliers = "id,name\n"
        for id in ids { suppliers += "\(id),\(id)\n" }
        var dependencies = "consumer,provider,criticality\n"
        for row in rows {
            let parts = row.split(separator: ">")
            dependencies += "\(parts[0]),\(parts[1]),critical\n"
        }
        return try solve(["suppliers.csv": suppliers, "dependencies.csv": dependencies])
    }

    /// The ids of the suppliers a selection keeps.
    static func ids(_ selection: TrustMapSelection, _ model: TrustModel) -> Set<String> {
        Set(selection.suppliers.map { model.dataset.suppliers.id($0) })
    }
}

/// What an SVG document holds, read with a real XML parser.
final class SVGDocument: NSObject, XMLParserDelegate {
    /// `id` attributes of `<g class="node">` elements, in document order.
    private(set) var nodeIDs: [String] = []
    /// Every `id` attribute.
    private(set) var ids: [String] = []
    /// Element names seen.
    private(set) var elements = Set<String>()
    /// All text content and attribute values, decoded.
    private(set) var text = ""
    private(set) var parseError: Error?

    init(_ bytes: [UInt8]) {
        super.init()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = self
        if !parser.parse() { parseError = parser.parserError ?? CocoaError(.fileReadCorruptFile) }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        elements.insert(elementName)
        if let id = attributes["id"] {
            ids.append(id)
            if elementName == "g" && attributes["class"] == "node" { nodeIDs.append(id) }
        }
        for (_, value) in attributes.sorted(by: { $0.key < $1.key }) { text += value + "\n" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}
