/// CSV for a spreadsheet rather than for a program (`--for-spreadsheet`).
///
/// A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
/// read by spreadsheet programs as a formula, so a supplier named
/// `=HYPERLINK("http://…")` would run when the file is opened (CSV
/// injection). As OWASP recommends, such a cell is written with a leading
/// `'`, which spreadsheets show as text; a cell that is a number (`-0.25`)
/// stays a number. The file starts with a UTF-8 byte-order mark, so
/// spreadsheets do not read it as their locale's code page, and its cells are
/// separated by the delimiter asked for: with `;` or a tab, numbers are
/// written with a decimal comma, as those locales read them (and as
/// trustgraph reads such a file back, contract §1.1).
///
/// Plain `--format csv` is left as it is: programs read it, and it round-trips.
public enum SpreadsheetCSV {
    /// The spreadsheet form of `csv`, a text written by `CSVWriter`
    /// (RFC 4180, records ending in LF).
    /// - Complexity: O(n) in the length of `csv`.
    public static func convert(_ csv: String, delimiter: ReadOptions.Delimiter = .comma) -> [UInt8] {
        convert(bytes: Array(csv.utf8), delimiter: delimiter)
    }

    /// The spreadsheet form of CSV bytes written by `CSVWriter` (large outputs, not made a string).
    public static func convert(bytes csv: [UInt8], delimiter: ReadOptions.Delimiter = .comma) -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out.reserveCapacity(csv.count + csv.count / 8 + 3)
        let separator = delimiter.byte
        for record in records(csv) {
            for (k, cell) in record.enumerated() {
                if k > 0 { out.append(separator) }
                append(cell, to: &out, separator: separator)
            }
            out.append(10)
        }
        return out
    }

    /// The cells of each record of CSV written by `CSVWriter`, unquoted and untrimmed.
    static func records(_ bytes: [UInt8]) -> [[[UInt8]]] {
        var records: [[[UInt8]]] = []
        var record: [[UInt8]] = []
        var cell: [UInt8] = []
        var quoted = false, i = 0
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") { cell.append(b); i += 1 } else { quoted = false }
                } else {
                    cell.append(b)
                }
            } else if b == UInt8(ascii: "\"") {
                quoted = true
            } else if b == UInt8(ascii: ",") {
                record.append(cell)
                cell = []
            } else if b == 10 {
                record.append(cell)
                records.append(record)
                (record, cell) = ([], [])
            } else {
                cell.append(b)
            }
            i += 1
        }
        if !cell.isEmpty || !record.isEmpty {
            record.append(cell)
            records.append(record)
        }
        return records
    }

    private static func append(_ cell: [UInt8], to out: inout [UInt8], separator: UInt8) {
        var cell = cell
        let isNumber = cell.withUnsafeBytes { ContractNumber.parse($0) != nil }
        if isNumber {
            if separator != UInt8(ascii: ","), let dot = cell.firstIndex(of: UInt8(ascii: ".")) { cell[dot] = UInt8(ascii: ",") }
        } else if let first = cell.first, startsFormula(first) {
            cell.insert(UInt8(ascii: "'"), at: 0)
        }
        CSVWriter.appendCell(cell, separator: separator, to: &out)
    }

    /// `=`, `+`, `-`, `@`, tab and carriage return start a formula in spreadsheet programs.
    static func startsFormula(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
            || byte == 9 || byte == 13
    }
}
