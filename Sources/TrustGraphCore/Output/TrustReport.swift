/// Order of rows in `solve` output.
public enum SolveRowOrder: String, Sendable, CaseIterable {
    case trust, input, id

    /// The order when none is asked for: by trust, weakest first, for the table and
    /// whenever only the first `top` rows are kept (so `--top N` means the N weakest
    /// in every format); otherwise the order of suppliers.csv.
    public static func implied(table: Bool, top: Int?) -> SolveRowOrder {
        table || top != nil ? .trust : .input
    }
}

/// The rows of `solve` output, in the order asked for.
public struct TrustReport: Sendable {
    public let model: TrustModel
    public let solution: TrustSolution
    /// Supplier indices in output order.
    public let rows: [Int]

    public init(model: TrustModel, solution: TrustSolution, rows: [Int]) {
        self.model = model
        self.solution = solution
        self.rows = rows
    }

    /// The stable CSV header (contract §6), then the columns trustgraph adds;
    /// the extra columns of suppliers.csv follow them (see `csvHeader(attributes:)`).
    public static let csvHeader = ["id", "name", "base_trust", "trust", "country", "sector", "limited_by"]

    /// The CSV header for suppliers.csv's extra columns `attributes`: `csvHeader`, then
    /// each extra column by its name as written, prefixed with `attribute:` when that
    /// name is already taken (compared case-insensitively), so every column reads back
    /// under one name.
    public static func csvHeader(attributes: [String]) -> [String] {
        var header = csvHeader
        var taken = Set(header.map { $0.lowercased() })
        for name in attributes {
            var column = name
            while taken.contains(column.lowercased()) { column = "attribute:" + column }
            taken.insert(column.lowercased())
            header.append(column)
        }
        return header
    }

    /// The id of the provider that limits supplier `i` ("" when its own base trust sets its score).
    private func limitedBy(_ i: Int) -> String {
        model.limitingProvider(of: i, solution: solution).map { model.dataset.suppliers.id($0) } ?? ""
    }

    /// CSV: the columns of `csvHeader(attributes:)`, one row per supplier of `rows`.
    public var csv: String {
        let suppliers = model.dataset.suppliers
        let extra = suppliers.attributes
        var writer = CSVWriter(header: TrustReport.csvHeader(attributes: extra.names))
        for i in rows {
            var fields = [suppliers.id(i), suppliers.name(i), solution.base[i].description, solution.trust[i].description,
                          suppliers.countries[i], suppliers.sectors[i], limitedBy(i)]
            for column in extra.values { fields.append(i < column.count ? column[i] : "") }
            writer.row(fields)
        }
        return writer.text
    }

    /// JSON: the fields of the CSV (`limited_by` "" when nothing limits the supplier, as in
    /// the CSV), the extra columns in an `attributes` object.
    public var json: String {
        let suppliers = model.dataset.suppliers
        let items: [JSON.Value] = rows.map { i in
            var fields: [(String, JSON.Value)] = [
                ("id", .string(suppliers.id(i))), ("name", .string(suppliers.name(i))),
                ("base_trust", .number(solution.base[i])), ("trust", .number(solution.trust[i])),
                ("country", .string(suppliers.countries[i])), ("sector", .string(suppliers.sectors[i])),
                ("limited_by", .string(limitedBy(i))),
            ]
            // Every row has the object when the file has extra columns (with the row's non-empty cells).
            let attributes = suppliers.attributes.attributes(ofRow: i)
            if !suppliers.attributes.names.isEmpty {
                fields.append(("attributes", .object(attributes.map { ($0.name, .string($0.value)) })))
            }
            return .object(fields)
        }
        return JSON.Value.array(items).serialized() + "\n"
    }

    /// A table for people, with a summary line.
    public func table(parameters: TrustParameters, solve: SolveReport) -> String {
        let suppliers = model.dataset.suppliers
        var table = TextTable(header: ["trust", "base", "id", "name", "limited by"], rightAligned: [0, 1])
        for i in rows {
            table.add([TextTable.fixed(solution.trust[i]), TextTable.fixed(solution.base[i]), suppliers.id(i), suppliers.name(i), limitedBy(i)])
        }
        let n = solution.trust.count
        let mean = n == 0 ? 0 : solution.trust.reduce(0, +) / Double(n)
        let below = solution.trust.filter { $0 < 0.5 }.count
        let limited = (0..<n).filter { solution.trust[$0] < solution.base[$0] }.count
        var summary = "\(plural(n, "supplier")) at \(parameters.date), global prior \(TextTable.fixed(parameters.prior, 2)): "
        summary += "mean trust \(TextTable.fixed(mean)), \(below) below 0.5, \(limited) limited by dependencies; "
        summary += "\(plural(solve.cyclicComponents, "cycle")), \(plural(solve.sweeps, "sweep")), "
        summary += solve.converged ? "converged" : "NOT converged (largest change \(solve.finalChange))"
        if rows.count < n { summary = "showing \(rows.count) of \(n) rows\n" + summary }
        return table.render() + "\n" + summary + "\n"
    }
}

extension TrustReport {
    /// Rows of a solve in the given order, optionally only the first `top`.
    public init(model: TrustModel, solution: TrustSolution, order: SolveRowOrder, top: Int? = nil) {
        var rows = Array(0..<model.supplierCount)
        switch order {
        case .input: break
        case .trust:
            rows.sort { (solution.trust[$0], $0) < (solution.trust[$1], $1) }
        case .id:
            let ids = model.dataset.suppliers
            rows.sort { Array(ids.id($0).utf8).lexicographicallyPrecedes(Array(ids.id($1).utf8)) }
        }
        if let top, top < rows.count { rows = Array(rows.prefix(max(0, top))) }
        self.init(model: model, solution: solution, rows: rows)
    }
}
