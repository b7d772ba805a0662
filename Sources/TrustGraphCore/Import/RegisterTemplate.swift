/// One template CSV of a DORA report package (`b_05.01.csv`, …): its header of
/// column codes and its records, each with the physical line it starts on.
struct RegisterTemplate {
    /// One record: the line it starts on and its cells.
    typealias Row = CSVRecords.Row

    /// The template code, e.g. `b_05.01`.
    let code: String
    /// The file as diagnostics name it: `package/reports/b_05.01.csv`.
    let file: String
    /// Column positions by lower-cased column code.
    private(set) var columns: [String: Int] = [:]
    private(set) var rows: [Row] = []

    /// Reads a template file. Malformed records and cells that are not UTF-8 are
    /// errors; a required column missing from the header is an error, and then
    /// the template reads as holding no rows.
    init(code: String, file: String, bytes: [UInt8], required: [String], sink: inout DiagnosticSink) {
        self.code = code
        self.file = file
        let records = CSVRecords(bytes, file: file, sink: &sink)
        let header = records.header
        var rows = records.rows
        for (k, name) in (header ?? []).enumerated() where !name.isEmpty && columns[name] == nil { columns[name] = k }
        let missing = required.filter { columns[$0] == nil }
        if !missing.isEmpty {
            let has = header.map { $0.joined(separator: ",") } ?? "nothing"
            for column in missing {
                sink.error(.missingColumn, file: file, line: 1, column: column,
                           "required column is missing from template \(code) (header has: \(Diagnostic.quote(has)))")
            }
            rows = []
        }
        self.rows = rows
    }

    /// The cell of `row` in column `code` ("" when the record is short).
    func cell(_ row: Row, _ code: String) -> String {
        guard let k = columns[code], k < row.cells.count else { return "" }
        return row.cells[k]
    }

    /// Whether the header names column `code`.
    func has(_ code: String) -> Bool { columns[code] != nil }
}
