/// A small CSV file read whole into strings, for the importers: the header
/// (lower-cased) and every other non-blank record with the line it starts on.
struct CSVRecords {
    /// One record after the header.
    struct Row {
        var line: Int
        var cells: [String]
    }

    /// The first record, lower-cased; nil when the file holds none.
    private(set) var header: [String]?
    private(set) var rows: [Row] = []

    /// Reads `bytes` (comma-separated, as dataset files are). A malformed record and a cell
    /// that is not UTF-8 (named by its header column) are errors in `sink`, naming `file`.
    init(_ bytes: [UInt8], file: String, sink: inout DiagnosticSink) {
        var header: [String]?
        var rows: [Row] = []
        bytes.withUnsafeBytes { buffer in
            var reader = CSVReader(buffer)
            loop: while true {
                switch reader.next() {
                case .end: break loop
                case .malformed(let line, let message):
                    sink.error(.malformedRecord, file: file, line: line, message)
                case .record(let line):
                    if reader.recordIsBlank { continue }
                    if let field = reader.invalidUTF8Field {
                        sink.error(.invalidUTF8, file: file, line: line, column: header.flatMap { field < $0.count ? $0[field] : nil },
                                   "the cell is not valid UTF-8")
                    }
                    let cells = (0..<reader.fieldCount).map { reader.string($0) }
                    if header == nil { header = cells.map { $0.lowercased() } } else { rows.append(Row(line: line, cells: cells)) }
                }
            }
        }
        self.header = header
        self.rows = rows
    }
}
