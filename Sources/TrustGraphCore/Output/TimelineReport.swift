/// Output of `timeline`: trust at each date, per supplier (CSV, JSON) or summarised (table).
public struct TimelineReport: Sendable {
    public let timeline: TrustTimeline
    /// Trust below this counts as weak.
    public let threshold: Double

    public init(timeline: TrustTimeline, threshold: Double = 0.5) {
        self.timeline = timeline
        self.threshold = threshold
    }

    /// The stable columns.
    public static let csvHeader = ["date", "id", "trust"]

    /// CSV: date-major, suppliers in dataset order.
    public var csv: String {
        var writer = CSVWriter(header: TimelineReport.csvHeader)
        let suppliers = timeline.model.dataset.suppliers
        for (k, day) in timeline.dates.enumerated() {
            let date = day.description
            for i in 0..<suppliers.count { writer.row([date, suppliers.id(i), timeline.trust[k][i].description]) }
        }
        return writer.text
    }

    /// JSON: one object per date with its summary and every supplier's trust.
    public var json: String {
        let suppliers = timeline.model.dataset.suppliers
        let items: [JSON.Value] = timeline.dates.indices.map { k in
            .object([("date", .string(timeline.dates[k].description)), ("mean_trust", .number(timeline.mean(at: k))),
                     ("below_threshold", .integer(timeline.count(below: threshold, at: k))),
                     ("trust", .object((0..<suppliers.count).map { (suppliers.id($0), JSON.Value.number(timeline.trust[k][$0])) }))])
        }
        return JSON.Value.array(items).serialized() + "\n"
    }

    /// A table for people: per date, mean trust, how many are below the
    /// threshold, and the certificates that lapsed since the previous date.
    public func table() -> String {
        let suppliers = timeline.model.dataset.suppliers
        let schemes = timeline.model.dataset.schemes
        var out = "Trust of \(plural(suppliers.count, "supplier")) at \(plural(timeline.dates.count, "date"))\n"
        var table = TextTable(header: ["date", "mean trust", "below \(TextTable.fixed(threshold, 2))", "lapsed since previous date"],
                              rightAligned: [1, 2])
        var next = 0
        for (k, day) in timeline.dates.enumerated() {
            var lapsed: [String] = []
            while next < timeline.lapses.count && timeline.lapses[next].lapse <= day {
                let event = timeline.lapses[next]
                lapsed.append("\(suppliers.id(event.supplier)) \(schemes.names[Int(event.scheme)])")
                next += 1
            }
            let shown = lapsed.count > 3 ? lapsed.prefix(3).joined(separator: ", ") + ", … \(lapsed.count - 3) more" : lapsed.joined(separator: ", ")
            table.add([day.description, TextTable.fixed(timeline.mean(at: k)), String(timeline.count(below: threshold, at: k)), shown])
        }
        out += table.render()
        let movers = timeline.movers(5)
        if !movers.isEmpty, let last = timeline.trust.last, let first = timeline.trust.first {
            out += "Moving most: " + movers.map { i in
                "\(TerminalText.escaped(suppliers.id(i))) \(TextTable.fixed(first[i])) → \(TextTable.fixed(last[i]))"
            }.joined(separator: "; ") + "\n"
        }
        return out
    }
}
