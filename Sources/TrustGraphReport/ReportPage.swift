import TrustGraphCore

/// A map ready for the page: its checked SVG and how much of the dataset it shows.
public struct ReportMap: Sendable {
    public var svg: SanitizedSVG
    /// Suppliers drawn.
    public var shown: Int
    /// Suppliers there are.
    public var total: Int
    /// What the view is and what it leaves out, in a sentence.
    public var caption: String

    /// A map from its parts.
    public init(svg: SanitizedSVG, shown: Int, total: Int, caption: String) {
        self.svg = svg
        self.shown = shown
        self.total = total
        self.caption = caption
    }
}

/// The report as one self-contained HTML page.
///
/// Everything is inline: the style sheet, the script, the maps and the data
/// (a JSON island). The Content-Security-Policy allows nothing to be fetched
/// (`default-src 'none'`) and runs only the script and style whose SHA-256
/// hashes it names, so a value that slipped into markup could not run even if
/// escaping failed. Stable hooks for tests and automation: every supplier of
/// a map has `data-supplier="ID"`; the details panel is `#details`; each table
/// is `<table data-table="NAME">` with rows `<tr data-supplier="ID">` and a
/// filter `<input data-filter="NAME">`.
public enum ReportPage {
    /// The element id of the JSON data island.
    public static let dataElementID: StaticString = "report-data"

    /// The page's Content-Security-Policy: nothing from anywhere, the inline script and
    /// style by hash.
    public static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'sha256-\(SHA256.base64Digest(script.description))'; "
            + "style-src 'sha256-\(SHA256.base64Digest(style.description))'; "
            + "img-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
    }

    /// The page of `document`, with `maps` by slot name; a slot without a map says why
    /// (`missing`, by slot name) or that none was drawn. `charts` are the document's charts,
    /// checked (`ReportMaps.render`), by name.
    /// - Complexity: O(size of the document and the maps).
    public static func html(_ document: ReportDocument, maps: [String: ReportMap], missing: [String: String] = [:],
                            charts: [String: SanitizedSVG] = [:]) -> [UInt8] {
        var w = HTMLWriter()
        w.doctype()
        w.open("html", ["lang": "en"])
        w.open("head")
        w.markup("<meta charset=\"utf-8\">")
        w.void("meta", ["http-equiv": "Content-Security-Policy", "content": contentSecurityPolicy])
        w.void("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
        w.void("meta", ["name": "referrer", "content": "no-referrer"])
        w.void("meta", ["name": "generator", "content": "trustgraph \(document.footer.toolVersion)"])
        w.element("title", text: "\(document.title) — \(document.footer.dataset), \(document.footer.date)")
        w.style(style)
        w.close("head")
        w.newline()
        w.open("body")
        masthead(document, into: &w)
        w.open("main", ["class": "wrap"])
        w.open("noscript")
        w.element("p", ["class": "noscript"], text: "The tables and the details panel need JavaScript; the figures and maps are shown without it.")
        w.close("noscript")
        for section in document.sections { write(section, maps: maps, missing: missing, charts: charts, into: &w) }
        w.close("main")
        footer(document.footer, into: &w)
        w.open("aside", ["id": "details", "aria-live": "polite", "aria-hidden": "true", "aria-label": "Supplier details"])
        w.close("aside")
        w.newline()
        w.jsonIsland(id: dataElementID, json: ReportData.json(document))
        w.newline()
        w.script(script)
        w.close("body")
        w.close("html")
        w.newline()
        return w.bytes
    }

    static func masthead(_ document: ReportDocument, into w: inout HTMLWriter) {
        w.open("header", ["class": "masthead"])
        w.open("div", ["class": "wrap"])
        w.element("p", ["class": "eyebrow"], text: "trustgraph · supplier trust")
        w.element("h1", text: document.title)
        w.element("p", ["class": "meta"], text: "Dataset \(document.footer.dataset) · evaluated at \(document.footer.date)")
        w.open("nav", ["class": "toc", "aria-label": "Sections"])
        for section in document.sections {
            w.element("a", ["href": "#" + section.id, "title": section.title], text: section.title)
        }
        w.close("nav")
        w.close("div")
        w.close("header")
        w.newline()
    }

    static func write(_ section: ReportSection, maps: [String: ReportMap], missing: [String: String], charts: [String: SanitizedSVG],
                      into w: inout HTMLWriter) {
        w.open("section", ["class": "section", "id": section.id, "aria-labelledby": section.id + "-title"])
        w.element("h2", ["id": section.id + "-title"], text: section.title)
        w.element("p", ["class": "answers"], text: section.answers)
        var k = 0
        let blocks = section.blocks
        while k < blocks.count {
            switch blocks[k] {
            case .paragraph(let text): w.element("p", ["class": "paragraph"], text: text)
            case .figures(let figures): write(figures, into: &w)
            case .ranking:
                // Neighbouring rankings sit side by side.
                w.open("div", ["class": "rankings"])
                while k < blocks.count, case .ranking(let ranking) = blocks[k] {
                    write(ranking, into: &w)
                    k += 1
                }
                w.close("div")
                continue
            case .map(let slot): write(slot, map: maps[slot.name], missing: missing[slot.name], into: &w)
            case .table(let table): write(table, into: &w)
            case .chart(let chart): write(chart, svg: charts[chart.name], into: &w)
            }
            k += 1
        }
        w.close("section")
        w.newline()
    }

    static func write(_ figures: [ReportFigure], into w: inout HTMLWriter) {
        w.open("div", ["class": "figures"])
        for figure in figures {
            w.open("div", ["class": "figure tone-" + figure.tone.rawValue])
            w.element("div", ["class": "figure-label"], text: figure.label)
            w.element("div", ["class": "figure-value"], text: figure.value)
            if !figure.note.isEmpty { w.element("div", ["class": "figure-note"], text: figure.note) }
            w.close("div")
        }
        w.close("div")
    }

    static func write(_ ranking: ReportRanking, into w: inout HTMLWriter) {
        w.open("div", ["class": "ranking"])
        w.element("h3", text: ranking.title)
        w.open("ol")
        for item in ranking.items {
            w.open("li", ["data-supplier": item.supplier, "tabindex": "0", "title": "Details of \(item.name)"])
            w.open("span", ["class": "rank-name"])
            w.text(item.name)
            w.element("span", ["class": "rank-id"], text: item.supplier)
            w.close("span")
            w.element("span", ["class": "rank-value", "title": ranking.measure], text: item.value)
            w.close("li")
        }
        w.close("ol")
        w.close("div")
    }

    static func write(_ slot: ReportMapSlot, map: ReportMap?, missing: String?, into w: inout HTMLWriter) {
        w.open("figure", ["class": "map", "data-map": slot.name])
        guard let map else {
            w.element("p", ["class": "paragraph"], text: missing.map { "The map was not drawn: \($0)." } ?? "No map was drawn.")
            w.close("figure")
            return
        }
        w.open("div", ["class": "map-toolbar"])
        let list = "suppliers-of-" + slot.name
        w.void("input", ["type": "search", "data-map-search": slot.name, "list": list, "placeholder": "Find a supplier on the map…",
                         "aria-label": "Find a supplier on the map", "autocomplete": "off"])
        w.element("button", ["type": "button", "data-zoom": "in", "aria-label": "Zoom in"], text: "+")
        w.element("button", ["type": "button", "data-zoom": "out", "aria-label": "Zoom out"], text: "−")
        w.element("button", ["type": "button", "data-zoom": "fit"], text: "Fit")
        w.element("span", ["class": "map-count"], text: "Showing \(grouped(map.shown)) of \(grouped(map.total)) \(map.total == 1 ? "supplier" : "suppliers")")
        w.element("span", ["class": "map-status", "aria-live": "polite"], text: "")
        w.close("div")
        w.open("datalist", ["id": list])
        for id in map.svg.suppliers { w.void("option", ["value": id]) }
        w.close("datalist")
        w.open("div", ["class": "map-viewport"])
        w.svg(map.svg)
        w.close("div")
        w.element("figcaption", text: map.caption + " Scroll to zoom, drag to move, click a supplier for its details.")
        w.close("figure")
    }

    static func write(_ chart: ReportChart, svg: SanitizedSVG?, into w: inout HTMLWriter) {
        w.open("figure", ["class": "chart", "data-chart": chart.name])
        if let svg {
            w.svg(svg)
            w.element("figcaption", text: chart.caption)
        } else {
            w.element("p", ["class": "paragraph"], text: "No chart was drawn.")
        }
        w.close("figure")
    }

    static func write(_ table: ReportTable, into w: inout HTMLWriter) {
        w.open("div", ["class": "table-block", "data-table-block": table.id])
        if let title = table.title { w.element("h3", ["class": "table-title"], text: title) }
        w.open("div", ["class": "table-tools"])
        let searched = table.filterColumns.compactMap { $0 < table.columns.count ? table.columns[$0].title.lowercased() : nil }
        let placeholder = "Filter by " + searched.joined(separator: ", ")
        w.void("input", ["type": "search", "data-filter": table.id, "placeholder": placeholder, "aria-label": placeholder])
        w.element("span", ["class": "table-count"], text: "\(grouped(table.rows.count)) rows")
        w.close("div")
        w.open("div", ["class": "table-scroll"])
        w.open("table", ["class": "data", "data-table": table.id])
        w.open("thead")
        w.open("tr")
        for (k, column) in table.columns.enumerated() {
            let sort = k == table.sortColumn ? (table.sortDescending ? "descending" : "ascending") : "none"
            w.open("th", ["class": column.format == .text ? "text" : "num", "data-column": column.key, "aria-sort": sort,
                          "title": column.help])
            w.element("button", ["type": "button"], text: column.title)
            w.close("th")
        }
        w.close("tr")
        w.close("thead")
        // Rows come from the data island, a page at a time.
        w.open("tbody")
        w.close("tbody")
        w.close("table")
        w.close("div")
        w.open("div", ["class": "pager"])
        w.element("button", ["type": "button", "aria-label": "First page"], text: "«")
        w.element("button", ["type": "button", "aria-label": "Previous page"], text: "‹ Previous")
        w.element("button", ["type": "button", "aria-label": "Next page"], text: "Next ›")
        w.element("button", ["type": "button", "aria-label": "Last page"], text: "»")
        w.element("span", ["class": "page-info"], text: "")
        w.close("div")
        w.close("div")
    }

    static func footer(_ footer: ReportFooter, into w: inout HTMLWriter) {
        w.open("footer", ["class": "footer"])
        w.open("div", ["class": "wrap"])
        w.element("p", text: "Evaluated at \(footer.date) · dataset \(footer.dataset) · trustgraph \(footer.toolVersion) · "
                  + "trust-model contract \(footer.contractVersion)")
        w.element("p", text: "This file is complete in itself: it loads nothing from the network. "
                  + "trustgraph explain DATASET ID prints any supplier's explanation in full.")
        w.close("div")
        w.close("footer")
        w.newline()
    }

    /// 12,345 (thousands grouped for people).
    static func grouped(_ value: Int) -> String { TextTable.grouped(value) }
}
