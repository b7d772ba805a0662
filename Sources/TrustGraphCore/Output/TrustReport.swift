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

    /// Rows per chunk when an output is built on several threads.
    private static let outputChunk = 8_192

    /// CSV: the columns of `csvHeader(attributes:)`, one row per supplier of `rows`.
    public var csv: String { String(decoding: csvBytes(), as: UTF8.self) }

    /// The bytes of `csv`, written from the dataset's columns as they are, in chunks of
    /// rows on up to `threads` threads (the same bytes for any number).
    public func csvBytes(threads: Int = Parallel.defaultThreads) -> [UInt8] {
        let suppliers = model.dataset.suppliers
        let extra = suppliers.attributes
        var writer = CSVWriter(header: TrustReport.csvHeader(attributes: extra.names))
        let parts = Parallel.mapChunks(rows.count, chunk: TrustReport.outputChunk, threads: threads) { range in
            let ids = suppliers.index.values
            var part = CSVWriter()
            part.reserveCapacity(range.count * 96)
            for r in range {
                let i = rows[r]
                ids.withBytes(i) { part.field($0, first: true) }
                if suppliers.names.isEmpty(at: i) {
                    ids.withBytes(i) { part.field($0) }
                } else {
                    suppliers.names.withBytes(i) { part.field($0) }
                }
                part.field(solution.base[i].description)
                part.field(solution.trust[i].description)
                suppliers.countries.withBytes(i) { part.field($0) }
                suppliers.sectors.withBytes(i) { part.field($0) }
                if let provider = model.limitingProvider(of: i, solution: solution) {
                    ids.withBytes(provider) { part.field($0) }
                } else {
                    part.plainField("")
                }
                for column in extra.values {
                    if i < column.count { column.withBytes(i) { part.field($0) } } else { part.plainField("") }
                }
                part.endRecord()
            }
            return part
        }
        for part in parts { writer.append(part) }
        return writer.bytes
    }

    /// JSON: the fields of the CSV (`limited_by` "" when nothing limits the supplier, as in
    /// the CSV), the extra columns in an `attributes` object.
    public var json: String { String(decoding: jsonBytes(), as: UTF8.self) }

    /// The bytes of `json`, written straight as bytes in chunks of rows on up to `threads`
    /// threads (the same bytes for any number).
    public func jsonBytes(threads: Int = Parallel.defaultThreads) -> [UInt8] {
        guard !rows.isEmpty else { return Array("[]\n".utf8) }
        let suppliers = model.dataset.suppliers
        let hasAttributes = !suppliers.attributes.names.isEmpty
        var out = JSONBytes()
        out.join(rows.count, first: "[\n  ", separator: ",\n  ", bytesEach: 160, threads: threads) { r, w in
            let i = rows[r]
            w.raw("{")
            w.field("id", suppliers.id(i), first: true)
            w.field("name", suppliers.name(i))
            w.field("base_trust", number: solution.base[i])
            w.field("trust", number: solution.trust[i])
            w.field("country", suppliers.countries[i])
            w.field("sector", suppliers.sectors[i])
            w.field("limited_by", limitedBy(i))
            // Every row has the object when the file has extra columns (with the row's non-empty cells).
            if hasAttributes {
                w.raw(",")
                w.key("attributes")
                w.raw("{")
                for (k, attribute) in suppliers.attributes.attributes(ofRow: i).enumerated() {
                    if k > 0 { w.raw(",") }
                    w.string(attribute.name)
                    w.raw(":")
                    w.string(attribute.value)
                }
                w.raw("}")
            }
            w.raw("}")
        }
        out.raw("\n]\n")
        return out.bytes
    }

    /// A table for people, with a summary line.
    /// Its rows are built in chunks on up to `threads` threads (the same text for any number).
    public func table(parameters: TrustParameters, solve: SolveReport, threads: Int = Parallel.defaultThreads) -> String {
        String(decoding: tableBytes(parameters: parameters, solve: solve, threads: threads), as: UTF8.self)
    }

    /// `table` as UTF-8 bytes (a million rows are written without a copy as a string).
    public func tableBytes(parameters: TrustParameters, solve: SolveReport, threads: Int = Parallel.defaultThreads) -> [UInt8] {
        let suppliers = model.dataset.suppliers
        let (header, rightAligned): ([String], Set<Int>) = (["trust", "base", "id", "name", "limited by"], [0, 1])
        let parts = Parallel.mapChunks(rows.count, chunk: TrustReport.outputChunk, threads: threads) { range in
            let ids = suppliers.index.values
            var part = TextTable(header: header, rightAligned: rightAligned)
            for i in rows[range] {
                part.addCell(fixed: solution.trust[i])
                part.addCell(fixed: solution.base[i])
                ids.withBytes(i) { part.addCell($0) }
                if suppliers.names.isEmpty(at: i) {
                    ids.withBytes(i) { part.addCell($0) }
                } else {
                    suppliers.names.withBytes(i) { part.addCell($0) }
                }
                if let provider = model.limitingProvider(of: i, solution: solution) {
                    ids.withBytes(provider) { part.addCell($0) }
                } else {
                    part.addCell("")
                }
                part.endRow()
            }
            return part
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
        let table = parts.isEmpty ? TextTable(header: header, rightAligned: rightAligned).renderBytes()
            : TextTable.renderBytes(joining: parts, threads: threads)
        return table + Array(("\n" + summary + "\n").utf8)
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
