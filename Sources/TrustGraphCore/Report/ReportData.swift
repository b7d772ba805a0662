/// The report's data as JSON: every table's columns and rows and every
/// supplier's details, which the page's script reads and draws.
///
/// Plain JSON (RFC 8259): a string escapes only `"`, `\` and control
/// characters. Embedding it in HTML needs more (`<`, U+2028…): that is the
/// HTML writer's job, in the one place that knows the context.
///
/// Numbers are written as their column shows them (four decimals for trust,
/// three significant digits for PageRank): a 100,000-supplier report stays
/// small, and sorting in the page sorts what the reader sees.
public enum ReportData {
    /// The JSON text of `document`'s tables and details.
    /// - Complexity: O(size of the tables and details).
    public static func json(_ document: ReportDocument) -> [UInt8] {
        var out = JSONBytes()
        out.json("{\"threshold\":" + number(document.threshold, as: .fixed(4)) + ",\"tables\":[")
        for (k, table) in document.tables.enumerated() {
            if k > 0 { out.json(",") }
            write(table, into: &out)
        }
        out.json("],\"details\":[")
        for (k, details) in document.details.enumerated() {
            if k > 0 { out.json(",\n") }
            write(details, into: &out)
        }
        out.json("]}")
        return out.bytes
    }

    static func write(_ table: ReportTable, into out: inout JSONBytes) {
        out.json("{\"id\":")
        out.string(table.id)
        out.json(",\"columns\":[")
        for (k, column) in table.columns.enumerated() {
            if k > 0 { out.json(",") }
            out.json("{\"key\":")
            out.string(column.key)
            out.json(",\"title\":")
            out.string(column.title)
            out.json(",\"format\":")
            out.string(column.format.name)
            out.json(",\"digits\":\(column.format.digits)}")
        }
        out.json("],\"supplier\":" + (table.supplierColumn.map(String.init) ?? "null"))
        out.json(",\"filter\":[" + table.filterColumns.map(String.init).joined(separator: ",") + "]")
        out.json(",\"sort\":\(table.sortColumn),\"descending\":\(table.sortDescending),\"empty\":")
        out.string(table.emptyText)
        out.json(",\"rows\":[")
        for (r, row) in table.rows.enumerated() {
            out.json(r > 0 ? ",\n[" : "\n[")
            for (k, cell) in row.enumerated() {
                if k > 0 { out.json(",") }
                switch cell {
                case .text(let text): out.string(text)
                case .number(let value): out.json(number(value, as: k < table.columns.count ? table.columns[k].format : .fixed(4)))
                case .empty: out.json("null")
                }
            }
            out.json("]")
        }
        out.json("]}")
    }

    static func write(_ details: ReportSupplierDetails, into out: inout JSONBytes) {
        out.json("{\"id\":")
        out.string(details.id)
        out.json(",\"name\":")
        out.string(details.name)
        out.json(",\"trust\":" + number(details.trust, as: .fixed(4)) + ",\"base\":" + number(details.base, as: .fixed(4)))
        out.json(",\"certificates\":[")
        for (k, certificate) in details.certificates.enumerated() {
            if k > 0 { out.json(",") }
            out.json("[")
            out.string(certificate.scheme)
            out.json("," + number(certificate.value, as: .fixed(4)) + ",")
            out.string(certificate.reason)
            out.json("]")
        }
        out.json("],\"explanation\":")
        out.string(details.explanation)
        out.json("}")
    }

    /// A JSON number as the format shows it, `null` when not finite.
    static func number(_ value: Double, as format: ReportCellFormat) -> String {
        guard value.isFinite else { return "null" }
        switch format {
        case .text, .fixed, .signed: return TextTable.fixed(value, format == .text ? 4 : format.digits)
        case .integer: return TextTable.fixed(value, 0)
        case .figure(let digits): return TextTable.fixed(value, value == value.rounded() ? 0 : digits)
        case .percent(let digits): return TextTable.fixed(value, digits + 2)
        case .significant(let digits):
            if value == 0 { return "0" }
            // Decimals that keep `digits` significant digits: count the leading zeros of the fraction.
            var decimals = digits - 1
            var magnitude = abs(value)
            while magnitude < 1 && decimals < 17 { magnitude *= 10; decimals += 1 }
            while magnitude >= 10 && decimals > 0 { magnitude /= 10; decimals -= 1 }
            return TextTable.fixed(value, decimals)
        }
    }
}
