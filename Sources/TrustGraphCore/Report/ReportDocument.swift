/// What a report says, independent of how it is drawn: a title, a list of
/// sections and a footer. The HTML writer (`TrustGraphReport`) draws each
/// section's blocks in order; a new kind of finding (policy results, a renewal
/// timeline) is one more `ReportSection` built from its own data, with its
/// rows in `ReportTable`s — nothing in the writer needs to know about it.
public struct ReportDocument: Sendable {
    /// The page's heading and the browser tab's title.
    public var title: String
    /// The sections, in reading order (the summary first).
    public var sections: [ReportSection]
    /// What the details panel shows for a supplier clicked on a map or in a list.
    public var details: [ReportSupplierDetails]
    /// Date, dataset, versions.
    public var footer: ReportFooter
    /// Trust below this counts as weak (tables mark it).
    public var threshold: Double

    /// A document from its parts.
    public init(title: String, sections: [ReportSection], details: [ReportSupplierDetails], footer: ReportFooter,
                threshold: Double = 0.5) {
        self.title = title
        self.threshold = threshold
        self.sections = sections
        self.details = details
        self.footer = footer
    }

    /// Every table of every section, in reading order.
    public var tables: [ReportTable] {
        sections.flatMap { section in
            section.blocks.compactMap { block -> ReportTable? in
                if case .table(let table) = block { return table }
                return nil
            }
        }
    }
}

/// One part of the report, answering one question.
public struct ReportSection: Sendable {
    /// The anchor (`#id`) of the section: ASCII letters, digits and dashes, unique in the document.
    public var id: String
    /// The heading.
    public var title: String
    /// The question the section answers, shown under its heading.
    public var answers: String
    /// What it shows, in order.
    public var blocks: [ReportBlock]

    /// A section from its parts.
    public init(id: String, title: String, answers: String, blocks: [ReportBlock]) {
        self.id = id
        self.title = title
        self.answers = answers
        self.blocks = blocks
    }
}

/// One thing a section shows.
public enum ReportBlock: Sendable {
    /// A sentence or two.
    case paragraph(String)
    /// Headline figures, drawn as cards.
    case figures([ReportFigure])
    /// A short ranked list of suppliers (the five weakest, say); each item opens its details.
    case ranking(ReportRanking)
    /// A map drawn by Graphviz; the writer renders the one the slot names.
    case map(ReportMapSlot)
    /// A sortable, filterable table whose rows travel as data, not as markup.
    case table(ReportTable)
    /// A chart drawn as SVG by trustgraph itself (the timeline's); the writer checks it as it checks a map.
    case chart(ReportChart)
}

/// A chart: SVG that `SVGWriter` wrote, with a caption.
public struct ReportChart: Sendable, Equatable {
    /// A stable name for the chart element (`data-chart`).
    public var name: String
    /// The SVG document, escaped by `SVGWriter`; the page checks it tag by tag before inlining it.
    public var svg: String
    /// What the chart shows, in a sentence or two.
    public var caption: String

    /// A chart from its parts.
    public init(name: String, svg: String, caption: String) {
        self.name = name
        self.svg = svg
        self.caption = caption
    }
}

/// A headline figure: "Suppliers 60".
public struct ReportFigure: Sendable, Equatable {
    /// How a figure reads at a glance.
    public enum Tone: String, Sendable {
        case neutral, good, warning
    }

    public var label: String
    public var value: String
    /// A line under the value (the threshold, what it is out of).
    public var note: String
    public var tone: Tone

    /// A figure from its parts.
    public init(label: String, value: String, note: String = "", tone: Tone = .neutral) {
        self.label = label
        self.value = value
        self.note = note
        self.tone = tone
    }
}

/// A short ranked list of suppliers.
public struct ReportRanking: Sendable {
    /// One supplier of the list.
    public struct Item: Sendable, Equatable {
        public var supplier: String
        public var name: String
        /// What the list ranks by, for people ("0.2310").
        public var value: String

        /// An item from its parts.
        public init(supplier: String, name: String, value: String) {
            self.supplier = supplier
            self.name = name
            self.value = value
        }
    }

    public var title: String
    /// What `value` is ("trust", "impact").
    public var measure: String
    public var items: [Item]

    /// A ranking from its parts.
    public init(title: String, measure: String, items: [Item]) {
        self.title = title
        self.measure = measure
        self.items = items
    }
}

/// Where a Graphviz map goes, and which.
public struct ReportMapSlot: Sendable, Equatable {
    /// Which map.
    public enum Kind: Sendable, Equatable {
        /// The dataset's trust map, bounded by `--max-nodes`.
        case baseline
        /// The changed part of the graph under scenario `index` (of the report's outcomes).
        case scenario(Int)
    }

    public var kind: Kind
    /// A stable name for the map element (`data-map`).
    public var name: String

    /// A slot from its parts.
    public init(kind: Kind, name: String) {
        self.kind = kind
        self.name = name
    }
}

/// What the details panel shows for one supplier.
public struct ReportSupplierDetails: Sendable {
    /// One certification and what it counts.
    public struct Certificate: Sendable, Equatable {
        public var scheme: String
        /// a(c), what it adds to coverage.
        public var value: Double
        /// Why it counts what it counts ("expired on 2026-03-01: counts 0").
        public var reason: String

        /// A certificate from its parts.
        public init(scheme: String, value: Double, reason: String) {
            self.scheme = scheme
            self.value = value
            self.reason = reason
        }
    }

    public var id: String
    public var name: String
    public var trust: Double
    public var base: Double
    public var certificates: [Certificate]
    /// The text `trustgraph explain` prints for the supplier.
    public var explanation: String

    /// Details from their parts.
    public init(id: String, name: String, trust: Double, base: Double, certificates: [Certificate], explanation: String) {
        self.id = id
        self.name = name
        self.trust = trust
        self.base = base
        self.certificates = certificates
        self.explanation = explanation
    }
}

/// The footer: when, from what, by which version.
public struct ReportFooter: Sendable, Equatable {
    /// The version of the trust-model contract whose formats and formulas the report follows.
    public static let contractVersion = "1.1"

    /// The evaluation date.
    public var date: Day
    /// The dataset's name (its directory's last component).
    public var dataset: String
    /// trustgraph's version.
    public var toolVersion: String
    public var contractVersion: String

    /// A footer from its parts.
    public init(date: Day, dataset: String, toolVersion: String, contractVersion: String = ReportFooter.contractVersion) {
        self.date = date
        self.dataset = dataset
        self.toolVersion = toolVersion
        self.contractVersion = contractVersion
    }
}
