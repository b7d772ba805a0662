/// A table of a report: its columns, and every row as data. The page draws a
/// page of rows at a time from the data, so a table of 100,000 suppliers costs
/// the browser a few dozen DOM rows, not 100,000.
public struct ReportTable: Sendable {
    /// The table's name (`data-table`), unique in the document: `suppliers`, `impact`, …
    public var id: String
    public var columns: [ReportColumn]
    /// The rows, each with one cell per column, in the order the table first shows them.
    public var rows: [[ReportCell]]
    /// The column holding each row's supplier id (`data-supplier` of the row), if any.
    public var supplierColumn: Int?
    /// The columns the filter box searches (substrings, ignoring case).
    public var filterColumns: [Int]
    /// The column the rows are sorted by, and whether largest first.
    public var sortColumn: Int
    public var sortDescending: Bool
    /// What the table shows when it has no rows.
    public var emptyText: String
    /// A heading over the table, when its section shows more than the table.
    public var title: String?

    /// A table from its parts.
    public init(id: String, columns: [ReportColumn], rows: [[ReportCell]], supplierColumn: Int? = nil,
                filterColumns: [Int], sortColumn: Int, sortDescending: Bool, emptyText: String = "none", title: String? = nil) {
        self.id = id
        self.title = title
        self.columns = columns
        self.rows = rows
        self.supplierColumn = supplierColumn
        self.filterColumns = filterColumns
        self.sortColumn = sortColumn
        self.sortDescending = sortDescending
        self.emptyText = emptyText
    }
}

/// One column: its key in the data, its heading and how its numbers read.
public struct ReportColumn: Sendable, Equatable {
    public var key: String
    public var title: String
    public var format: ReportCellFormat
    /// A sentence saying what the column means (the heading's tooltip).
    public var help: String

    /// A column from its parts.
    public init(_ key: String, _ title: String, _ format: ReportCellFormat = .text, help: String = "") {
        self.key = key
        self.title = title
        self.format = format
        self.help = help
    }
}

/// How a column's values are written and shown.
public enum ReportCellFormat: Sendable, Equatable {
    /// Text, compared as text.
    case text
    /// Whole numbers.
    case integer
    /// Numbers with this many decimals (0.4321).
    case fixed(Int)
    /// Changes with a sign and this many decimals (−0.180).
    case signed(Int)
    /// A fraction shown as a percentage with this many decimals (12.5%).
    case percent(Int)
    /// Numbers with this many significant digits (PageRank's small values).
    case significant(Int)
    /// Whole numbers as they are, others with this many decimals (a policy finding's figure:
    /// days or providers, or trust, coverage or HHI).
    case figure(Int)

    /// The name the page's script reads (`fixed`, `percent`, …).
    public var name: String {
        switch self {
        case .text: "text"
        case .integer: "integer"
        case .fixed: "fixed"
        case .signed: "signed"
        case .percent: "percent"
        case .significant: "significant"
        case .figure: "figure"
        }
    }

    /// The digits the format shows (0 for text and integers).
    public var digits: Int {
        switch self {
        case .text, .integer: 0
        case .fixed(let d), .signed(let d), .percent(let d), .significant(let d), .figure(let d): d
        }
    }
}

/// One cell of a table.
public enum ReportCell: Sendable, Equatable {
    case text(String)
    case number(Double)
    /// No value (a supplier a scenario added has no baseline).
    case empty
}
