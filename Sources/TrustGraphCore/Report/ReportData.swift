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
        out.raw("{\"threshold\":" + number(document.threshold, as: .fixed(4)) + ",\"tables\":[")
        for (k, table) in document.tables.enumerated() {
            if k > 0 { out.raw(",") }
            write(table, into: &out)
        }
        out.raw("],\"details\":[")
        for (k, details) in document.details.enumerated() {
            if k > 0 { out.raw(",\n") }
            write(details, into: &out)
        }
        out.raw("]}")
        return out.bytes
    }

    static func write(_ table: ReportTable, into out: inout JSONBytes) {
        out.raw("{\"id\":")
        out.string(table.id)
        out.raw(",\"columns\":[")
        for (k, column) in table.columns.enumerated() {
            if k > 0 { out.raw(",") }
            out.raw("{\"key\":")
            out.string(column.key)
            out.raw(",\"title\":")
            out.string(column.title)
            out.raw(",\"format\":")
            out.string(column.format.name)
            out.raw(",\"digits\":\(column.format.digits)}")
        }
        out.raw("],\"supplier\":" + (table.supplierColumn.map(String.init) ?? "null"))
        out.raw(",\"filter\":[" + table.filterColumns.map(String.init).joined(separator: ",") + "]")
        out.raw(",\"sort\":\(table.sortColumn),\"descending\":\(table.sortDescending),\"empty\":")
        out.string(table.emptyText)
        out.raw(",\"rows\":[")
        for (r, row) in table.rows.enumerated() {
            out.raw(r > 0 ? ",\n[" : "\n[")
            for (k, cell) in row.enumerated() {
                if k > 0 { out.raw(",") }
                switch cell {
                case .text(let text): out.string(text)
                case .number(let value): out.raw(number(value, as: k < table.columns.count ? table.columns[k].format : .fixed(4)))
                case .empty: out.raw("null")
                }
            }
            out.raw("]")
        }
        out.raw("]}")
    }

    static func write(_ details: ReportSupplierDetails, into out: inout JSONBytes) {
        out.raw("{\"id\":")
        out.string(details.id)
        out.raw(",\"name\":")
        out.string(details.name)
        out.raw(",\"trust\":" + number(details.trust, as: .fixed(4)) + ",\"base\":" + number(details.base, as: .fixed(4)))
        out.raw(",\"certificates\":[")
        for (k, certificate) in details.certificates.enumerated() {
            if k > 0 { out.raw(",") }
            out.raw("[")
            out.string(certificate.scheme)
            out.raw("," + number(certificate.value, as: .fixed(4)) + ",")
            out.string(certificate.reason)
            out.raw("]")
        }
        out.raw("],\"explanation\":")
        out.string(details.explanation)
        out.raw("}")
    }

    /// A JSON number as the format shows it, `null` when not finite.
    static func number(_ value: Double, as format: ReportCellFormat) -> String {
        guard value.isFinite else { return "null" }
        switch format {
        case .text, .fixed, .signed: return TextTable.fixed(value, format == .text ? 4 : format.digits)
        case .integer: return TextTable.fixed(value, 0)
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

/// JSON text built as UTF-8 bytes.
struct JSONBytes {
    var bytes: [UInt8] = []

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// A JSON string: `"`, `\` and control characters escaped, everything else as is.
    mutating func string(_ text: String) {
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(UInt8(ascii: "\""))
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), b]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), b]
            case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0..<0x20, 0x7f:
                bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)], hex[Int(b & 15)]]
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
