import TrustGraphCore

/// What a drawing uses, so its legend explains that and nothing else.
struct LegendContent {
    var sectors: [SectorFamily: Set<String>] = [:]
    var limited = false
    var uncertified = false
    var focus = false
    var marked = false
    var junction = false
    var limitingEdge = false
    var edges = false
}

extension TrustMapBuilder {
    /// The key to node shapes: one sample node per sector family in the view
    /// (a table cannot draw shapes), in a row on the top rank, where a layered
    /// layout has room to spare. Engines without ranks get the row chained by
    /// invisible edges so it stays together.
    func sectorKey() -> [DOTStatement] {
        let families = used.sectors.keys.sorted()
        if families.isEmpty { return [] }
        var row = DOTSubgraph(name: "legend-sectors", attributes: ["rank": "min"])
        var ids = ["legend-sectors"]
        row.node("legend-sectors", [
            "id": "legend-sectors", "shape": "plaintext", "style": "solid", "fontsize": "10", "fontcolor": "#424242",
            "label": "Shape:\nsector family", "tooltip": "Node shapes stand for families of sectors",
        ])
        for family in families {
            let id = "legend-\(family)"
            ids.append(id)
            let sectors = used.sectors[family, default: []].sorted(by: TrustMapBuilder.byteOrder)
            var list = sectors.prefix(2).joined(separator: ", ")
            if sectors.count > 2 { list += ", +\(sectors.count - 2)" }
            row.node(id, [
                "id": .text(id), "shape": .text(family.shape), "fillcolor": "white", "color": "#757575",
                "fontsize": "9", "fontcolor": "#424242", "margin": "0.08,0.04",
                "label": .text(family.title + (list.isEmpty ? "" : "\n" + list)),
                "tooltip": .text(family.title + ": " + (sectors.isEmpty ? "no sector given" : sectors.joined(separator: ", "))),
            ])
        }
        if engine != "dot" {
            for (a, b) in zip(ids, ids.dropFirst()) { row.edge(a, b, ["style": "invis"]) }
        }
        return [.subgraph(row)]
    }

    /// The legend's table: the fill scale, what nodes show, what lines show,
    /// side by side so it stays short above a wide layered drawing.
    func legendTable() -> HTMLLabel {
        typealias H = HTMLLabel
        func cell(_ content: H, _ attributes: [(String, String)] = []) -> H { H.element("TD", attributes, [content]) }
        func text(_ s: String, size: Int = 10) -> H { H.element("FONT", [("POINT-SIZE", String(size))], [H.text(s)]) }
        func row(_ cells: [H]) -> H { H.element("TR", [], cells) }
        func heading(_ s: String, columns: Int = 2) -> H {
            row([cell(H.element("B", [], [text(s)]), [("COLSPAN", String(columns)), ("ALIGN", "LEFT")])])
        }
        /// A sample on the left, its meaning on the right.
        func entry(_ sample: H, _ attributes: [(String, String)], _ meaning: String) -> H {
            row([cell(sample, [("WIDTH", "96")] + attributes), cell(text(meaning), [("ALIGN", "LEFT")])])
        }
        func bar(height: Int, color: String, _ meaning: String) -> H {
            row([H.element("TD", [("FIXEDSIZE", "TRUE"), ("WIDTH", "60"), ("HEIGHT", String(height)), ("CELLPADDING", "0"),
                                  ("BGCOLOR", color)], []),
                 cell(text(meaning), [("ALIGN", "LEFT")])])
        }
        func table(_ rows: [H]) -> H {
            H.element("TABLE", [("BORDER", "0"), ("CELLBORDER", "0"), ("CELLSPACING", "3"), ("CELLPADDING", "2")], rows)
        }

        // The fill scale.
        let swatches: [(color: String, label: String)]
        var scale: [H] = []
        if delta == nil {
            swatches = TrustMapStyle.trustColors.enumerated().map { k, color in
                (color, TextTable.fixed(Double(k) / 10, 1) + "–" + TextTable.fixed(Double(k + 1) / 10, 1))
            }
            scale.append(heading("Fill: effective trust t", columns: swatches.count))
        } else {
            let labels = ["≤ −0.30", "−0.15…0.30", "−0.05…0.15", "< −0.05", "none", "< +0.05", "+0.05…0.15", "+0.15…0.30", "≥ +0.30"]
            swatches = zip(TrustMapStyle.deltaColors, labels).map { ($0, $1) }
            scale.append(heading("Fill: change in trust Δ", columns: swatches.count))
        }
        scale.append(row(swatches.map { swatch in
            let font: [(String, String)] = [("POINT-SIZE", "8")] + (TrustMapStyle.needsLightText(swatch.color) ? [("COLOR", "white")] : [])
            return cell(H.element("FONT", font, [H.text(swatch.label)]),
                        [("BGCOLOR", swatch.color), ("FIXEDSIZE", "TRUE"), ("WIDTH", "46"), ("HEIGHT", "22")])
        }))
        scale.append(row([cell(text(delta == nil ? "warm: below 0.5, cool: 0.5 and above; the label gives the number"
                                     : "warm: losses, cool: gains; the label gives the numbers"),
                               [("COLSPAN", String(swatches.count)), ("ALIGN", "LEFT")])]))

        // Nodes.
        var nodes = [heading("Nodes")]
        nodes.append(entry(text("Name\n0.71"), [("BORDER", "1")], "supplier name and trust t"))
        if used.limited {
            let sample = delta == nil ? "▼ 0.42 (b 0.71)" : "▼ 0.42 (Δ −0.180)"
            let meaning = delta == nil ? "dependencies pull t below base trust b" : "limited by dependencies; Δ: change from baseline"
            nodes.append(entry(text(sample), [("BORDER", "1")], meaning))
        }
        if used.uncertified {
            nodes.append(entry(text("dashed"), [("BORDER", "1"), ("STYLE", "dashed")], "no certification counts at \(parameters.date)"))
        }
        if used.focus {
            let double = H.element("TABLE", [("BORDER", "1"), ("CELLBORDER", "1"), ("CELLSPACING", "2")], [row([cell(text("double"))])])
            nodes.append(entry(double, [], "focus of the view"))
        }
        if used.marked {
            nodes.append(entry(text("heavy"), [("BORDER", "3")], options.markedMeaning))
        }
        if !used.sectors.isEmpty {
            nodes.append(entry(text("shape"), [], "sector family (key at the top of the drawing)"))
        }

        // Dependencies.
        var lines: [H] = []
        if used.edges {
            lines.append(heading("Dependencies"))
            lines.append(entry(text("A → B", size: 12), [], "A depends on B"))
            for (level, w) in [("critical", 1.0), ("high", 0.7), ("medium", 0.4), ("low", 0.1)] {
                lines.append(bar(height: Int(TrustMapStyle.penWidth(w).rounded()), color: TrustMapStyle.edgeColor,
                                 "\(level) (w \(TextTable.fixed(w, 1)))"))
            }
            if used.limitingEdge {
                lines.append(bar(height: 3, color: TrustMapStyle.limitingEdgeColor, "dark: the one that limits its consumer"))
            }
            if used.junction {
                lines.append(entry(text("or"), [("BORDER", "1"), ("STYLE", "rounded")], "alternatives: any one is enough"))
            }
        }

        var columns = [cell(table(scale), [("VALIGN", "TOP")]), cell(table(nodes), [("VALIGN", "TOP")])]
        if !lines.isEmpty { columns.append(cell(table(lines), [("VALIGN", "TOP")])) }
        return H.element("TABLE", [("BORDER", "1"), ("COLOR", "#bdbdbd"), ("STYLE", "rounded"), ("CELLBORDER", "0"),
                                   ("CELLSPACING", "6"), ("CELLPADDING", "0"), ("BGCOLOR", "white")], [row(columns)])
    }
}
