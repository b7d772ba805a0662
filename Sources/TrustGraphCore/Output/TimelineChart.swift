/// The `timeline --format svg` chart, sized for a slide (1280 × 720): mean
/// trust over time, the suppliers that move most as lines, the threshold,
/// certificate lapses as marks on the time axis, and below, how many
/// suppliers are under the threshold at each date.
public struct TimelineChart: Sendable {
    public let timeline: TrustTimeline
    public let threshold: Double
    /// How many of the suppliers that move most are drawn as lines.
    public let lines: Int
    /// Shown in the title (a dataset's name, say).
    public let subject: String

    public init(timeline: TrustTimeline, threshold: Double = 0.5, lines: Int = 5, subject: String = "") {
        self.timeline = timeline
        self.threshold = threshold
        self.lines = lines
        self.subject = subject
    }

    /// Colours of the mover lines (distinguishable, colour-blind safe: Okabe–Ito).
    static let palette = ["#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#D55E00", "#0072B2", "#F0E442", "#999999"]

    public var svg: String {
        let (width, height) = (1280.0, 720.0)
        let dates = timeline.dates
        let suppliers = timeline.model.dataset.suppliers
        let schemes = timeline.model.dataset.schemes
        let title = "Trust over time" + (subject.isEmpty ? "" : " — \(subject)")
            + (dates.isEmpty ? "" : ": \(dates.first!) to \(dates.last!)")
        var svg = SVGWriter(width: width, height: height, title: title)
        svg.rect(0, 0, width, height, fill: "#ffffff")
        svg.text(40, 44, title, size: 26, bold: true)
        svg.text(40, 70, "\(suppliers.count) suppliers, \(dates.count) dates; ▲ certificate lapses", size: 15, fill: "#555")
        guard !dates.isEmpty else { return svg.document }

        // Plot areas: trust above, count below the threshold underneath, legend on the right.
        let (left, right) = (90.0, 960.0)
        let (top, bottom) = (100.0, 430.0)
        let (barTop, barBottom) = (520.0, 650.0)
        let first = Double(dates.first!.ordinal), span = Double(dates.last!.ordinal) - first
        // Dates inset from the axes so the first and last bars stay inside them.
        let (inLeft, inRight) = (left + 30, right - 30)
        func x(_ day: Day) -> Double { span == 0 ? (left + right) / 2 : inLeft + (Double(day.ordinal) - first) / span * (inRight - inLeft) }
        func y(_ trust: Double) -> Double { bottom - trust * (bottom - top) }

        // Trust axis and grid.
        for k in 0...4 {
            let value = Double(k) / 4
            svg.line(left, y(value), right, y(value), stroke: "#e3e3e3")
            svg.text(left - 10, y(value) + 5, TextTable.fixed(value, 2), size: 15, anchor: .end, fill: "#444")
        }
        svg.text(28, (top + bottom) / 2, "trust", size: 16, anchor: .middle, fill: "#444", rotate: -90)
        svg.line(left, y(threshold), right, y(threshold), stroke: "#C0392B", width: 1.5, dash: "6 4",
                 tooltip: "threshold \(threshold)")
        svg.text(right - 4, y(threshold) - 6, "threshold \(TextTable.fixed(threshold, 2))", size: 14, anchor: .end, fill: "#C0392B")

        // Movers, then the mean on top.
        var legend: [(label: String, colour: String, width: Double)] = []
        for (k, i) in timeline.movers(lines).enumerated() {
            let colour = TimelineChart.palette[k % TimelineChart.palette.count]
            let points = dates.indices.map { (x: x(dates[$0]), y: y(timeline.trust[$0][i])) }
            let id = suppliers.id(i)
            svg.polyline(points, stroke: colour, width: 2.5,
                         tooltip: "\(id): \(TextTable.fixed(timeline.trust.first![i])) → \(TextTable.fixed(timeline.trust.last![i]))")
            legend.append((id.count > 26 ? String(id.prefix(25)) + "…" : id, colour, 2.5))
        }
        let means = dates.indices.map { timeline.mean(at: $0) }
        svg.polyline(dates.indices.map { (x: x(dates[$0]), y: y(means[$0])) }, stroke: "#1B2A49", width: 4, tooltip: "mean trust")
        for k in dates.indices {
            svg.circle(x(dates[k]), y(means[k]), radius: 4, fill: "#1B2A49", tooltip: "\(dates[k]): mean trust \(TextTable.fixed(means[k]))")
        }
        legend.insert(("mean trust", "#1B2A49", 4), at: 0)

        // Lapses: one mark per lapse day on the time axis, its size growing with the count.
        var byDay: [(day: Day, names: [String])] = []
        for event in timeline.lapses {
            let name = "\(suppliers.id(event.supplier)) \(schemes.names[Int(event.scheme)])"
            if byDay.last?.day == event.lapse { byDay[byDay.count - 1].names.append(name) } else { byDay.append((event.lapse, [name])) }
        }
        for (day, names) in byDay {
            let size = min(12, 6 + Double(names.count))
            let shown = names.prefix(8).joined(separator: ", ") + (names.count > 8 ? ", … \(names.count - 8) more" : "")
            svg.line(x(day), top, x(day), bottom, stroke: "#C0392B", width: 0.75, dash: "2 4")
            svg.polygon([(x(day), bottom - size), (x(day) - size * 0.7, bottom), (x(day) + size * 0.7, bottom)], fill: "#C0392B",
                        tooltip: "\(day): \(names.count) lapse\(names.count == 1 ? "" : "s"): \(shown)")
        }

        // Count below the threshold, as bars.
        let counts = dates.indices.map { timeline.count(below: threshold, at: $0) }
        let most = max(1, counts.max() ?? 1)
        let barWidth = max(3, min(40, (inRight - inLeft) / Double(max(dates.count, 1)) * 0.6))
        svg.text(left, barTop - 24, "suppliers below \(TextTable.fixed(threshold, 2))", size: 16, fill: "#444", bold: true)
        svg.line(left, barBottom, right, barBottom, stroke: "#888")
        svg.text(left - 10, barBottom + 5, "0", size: 14, anchor: .end, fill: "#444")
        svg.text(left - 10, barTop + 5, String(most), size: 14, anchor: .end, fill: "#444")
        svg.line(left, barTop, left, barBottom, stroke: "#888")
        for k in dates.indices {
            let h = Double(counts[k]) / Double(most) * (barBottom - barTop)
            svg.rect(x(dates[k]) - barWidth / 2, barBottom - h, barWidth, h, fill: "#7F8FA6",
                     tooltip: "\(dates[k]): \(counts[k]) below \(threshold)")
            if dates.count <= 26 {
                svg.text(x(dates[k]), barBottom - h - 5, String(counts[k]), size: 13, anchor: .middle, fill: "#444")
            }
        }

        // Date labels: at most 12, evenly picked, the last always.
        let step = max(1, (dates.count + 11) / 12)
        for k in dates.indices where k % step == 0 || k == dates.count - 1 {
            if k != dates.count - 1 && dates.count - 1 - k < step && k != 0 { continue }
            svg.line(x(dates[k]), bottom, x(dates[k]), bottom + 5, stroke: "#888")
            svg.text(x(dates[k]), bottom + 24, dates[k].description, size: 14, anchor: .middle, fill: "#444")
            svg.text(x(dates[k]), barBottom + 22, dates[k].description, size: 14, anchor: .middle, fill: "#444")
        }

        // Legend.
        var ly = top + 10
        svg.text(990, ly, "Lines", size: 16, fill: "#444", bold: true)
        for item in legend {
            ly += 28
            svg.line(990, ly - 5, 1025, ly - 5, stroke: item.colour, width: item.width)
            svg.text(1035, ly, item.label, size: 15)
        }
        ly += 28
        svg.polygon([(1007, ly - 13), (999, ly), (1015, ly)], fill: "#C0392B")
        svg.text(1035, ly, "certificate lapses (\(timeline.lapses.count))", size: 15)
        ly += 28
        svg.line(990, ly - 5, 1025, ly - 5, stroke: "#C0392B", width: 1.5, dash: "6 4")
        svg.text(1035, ly, "threshold", size: 15)
        return svg.document
    }
}
