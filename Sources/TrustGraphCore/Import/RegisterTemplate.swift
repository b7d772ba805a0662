/// One template CSV of a DORA report package (`b_05.01.csv`, …): its header of
/// column codes, read when the template is opened, and its records, read once,
/// in order, with `withRows` — as byte spans of the file, so that a register of
/// a million contract rows makes no string per cell.
struct RegisterTemplate {
    /// The template code, e.g. `b_05.01`.
    let code: String
    /// The file as diagnostics name it: `package/reports/b_05.01.csv`.
    let file: String
    private let bytes: [UInt8]
    /// Column positions by lower-cased column code.
    private var columns: [String: Int] = [:]
    /// Lower-cased header cells, in file order.
    private var names: [String] = []
    /// Where the records after the header lie (empty when the template is unusable).
    private var body = 0..<0
    private var bodyLine = 1

    /// Opens a template file and reads its header. A malformed header record and a
    /// header cell that is not UTF-8 are errors; a required column missing from the
    /// header is an error, and then the template reads as holding no rows.
    init(code: String, file: String, bytes: [UInt8], required: [String], sink: inout DiagnosticSink) {
        self.code = code
        self.file = file
        self.bytes = bytes
        var header: [String]?
        bytes.withUnsafeBytes { buffer in
            var reader = CSVReader(buffer)
            while header == nil {
                switch reader.next() {
                case .end:
                    return
                case .malformed(let line, let message):
                    sink.error(.malformedRecord, file: file, line: line, message)
                case .record(let line):
                    if reader.recordIsBlank { continue }
                    if reader.invalidUTF8Field != nil { sink.error(.invalidUTF8, file: file, line: line, "the cell is not valid UTF-8") }
                    header = (0..<reader.fieldCount).map { reader.string($0).lowercased() }
                    body = min(reader.position, buffer.count)..<buffer.count
                    bodyLine = reader.line
                }
            }
        }
        names = header ?? []
        for (k, name) in names.enumerated() where !name.isEmpty && columns[name] == nil { columns[name] = k }
        let missing = required.filter { columns[$0] == nil }
        if !missing.isEmpty {
            let has = header.map { $0.joined(separator: ",") } ?? "nothing"
            for column in missing {
                sink.error(.missingColumn, file: file, line: 1, column: column,
                           "required column is missing from template \(code) (header has: \(Diagnostic.quote(has)))")
            }
            body = 0..<0
        }
    }

    /// The field index of column `code`, or -1 when the header does not name it
    /// (its cells then read as empty).
    func column(_ code: String) -> Int { columns[code] ?? -1 }

    /// The size of the file, for reserving room before reading it.
    var byteCount: Int { bytes.count }

    /// Whether the header names column `code`.
    func has(_ code: String) -> Bool { columns[code] != nil }

    /// Calls `body` with a reader of the records after the header.
    func withRows<R>(_ body: (inout Rows) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes { buffer in
            var rows = Rows(csv: CSVReader(buffer, range: self.body, line: bodyLine), names: names, file: file)
            return try body(&rows)
        }
    }

    /// The records of a template, one at a time. Malformed records and cells that are not
    /// UTF-8 (named by their column) are errors; such a cell reads as empty.
    struct Rows: ~Copyable {
        private var csv: CSVReader
        private let names: [String]
        private let file: String
        /// The line the current record starts on.
        private(set) var line = 0
        /// Records read so far (blank lines are not records).
        private(set) var count = 0

        fileprivate init(csv: consuming CSVReader, names: [String], file: String) {
            self.csv = csv
            self.names = names
            self.file = file
        }

        /// Moves to the next record; false at the end.
        mutating func next(sink: inout DiagnosticSink) -> Bool {
            while true {
                let plainLine = csv.line
                if csv.nextPlain() {
                    if csv.recordIsBlank { continue }
                    (line, count) = (plainLine, count + 1)
                    return true
                }
                switch csv.next() {
                case .end:
                    return false
                case .malformed(let line, let message):
                    sink.error(.malformedRecord, file: file, line: line, message)
                case .record(let line):
                    if csv.recordIsBlank { continue }
                    if let field = csv.invalidUTF8Field {
                        sink.error(.invalidUTF8, file: file, line: line, column: field < names.count ? names[field] : nil,
                                   "the cell is not valid UTF-8")
                    }
                    (self.line, count) = (line, count + 1)
                    return true
                }
            }
        }

        /// The bytes of field `k` of the current record (empty when `k` is -1 or the record is short).
        @inline(__always)
        func cell(_ k: Int) -> UnsafeRawBufferPointer { csv.bytes(k) }

        /// Field `k` of the current record as text.
        func text(_ k: Int) -> String { csv.string(k) }
    }
}
