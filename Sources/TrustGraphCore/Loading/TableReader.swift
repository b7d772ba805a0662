/// The header of one CSV file of a dataset: which field holds each column the
/// caller knows, which fields are kept as attributes, and where the body starts.
struct TableHeader: Sendable {
    let file: String
    /// The file's delimiter and the forms its cells may take.
    let format: TableFormat
    /// Field index of each known column, or -1 when absent (same order as `known`).
    private(set) var columnIndex: [Int] = []
    /// Field index of each unknown column, with its name as written.
    private(set) var extraColumns: [(name: String, index: Int)] = []
    /// Lower-cased header names by field index ("" for an empty header cell).
    private(set) var names: [String] = []
    /// Field indices of the required columns (present when the header is usable).
    private(set) var requiredFields: [Int] = []
    /// Number of header cells.
    private(set) var width = 0
    /// Offset and line of the first record after the header.
    private(set) var bodyStart = 0
    private(set) var bodyLine = 1

    /// Reads the header of `bytes`.
    /// - Parameters:
    ///   - known: lower-case names of the columns the caller interprets.
    ///   - required: those of `known` that must be present.
    /// - Returns: `nil` when the file has no header row or an unusable one (then reported).
    init?(file: String, bytes: UnsafeRawBufferPointer, format: TableFormat = TableFormat(), known: [String], required: [String],
          sink: inout DiagnosticSink) {
        self.file = file
        self.format = format
        var csv = CSVReader(bytes, delimiter: format.delimiter)
        var headerLine = 1
        findHeader: while true {
            switch csv.next() {
            case .end:
                return nil
            case .malformed(let line, let message):
                sink.error(.malformedRecord, file: file, line: line, "header: \(message)")
                return nil
            case .record(let line):
                if csv.recordIsBlank { continue }
                headerLine = line
                break findHeader
            }
        }
        // A header on the file's last line, without a line break, leaves the reader one past the end.
        bodyStart = min(csv.position, bytes.count)
        bodyLine = csv.line
        if let bad = csv.invalidUTF8Field {
            sink.error(.invalidUTF8, file: file, line: headerLine, "header cell \(bad + 1) is not valid UTF-8")
            return nil
        }
        width = csv.fieldCount
        // A bare CR ends no line (the contract knows LF and CRLF): a file saved with CR line
        // endings would otherwise read as one long header and no rows.
        if (0..<width).contains(where: { csv.string($0).unicodeScalars.contains("\r") }) {
            sink.error(.malformedRecord, file: file, line: headerLine,
                       "header: lines end in a bare carriage return (expected LF or CRLF line endings)")
            return nil
        }
        var firstIndex: [String: Int] = [:]
        var ok = true
        for i in 0..<width {
            let raw = csv.string(i)
            let name = raw.lowercased()
            names.append(name)
            if name.isEmpty { continue }
            if let first = firstIndex[name] {
                sink.error(.duplicateColumn, file: file, line: headerLine, column: name,
                           "header names column \(Diagnostic.quote(name)) twice (cells \(first + 1) and \(i + 1))")
                ok = false
                continue
            }
            firstIndex[name] = i
            if !known.contains(name) { extraColumns.append((raw, i)) }
        }
        columnIndex = known.map { firstIndex[$0] ?? -1 }
        for name in required where firstIndex[name] == nil {
            var message = "required column \(Diagnostic.quote(name)) is missing (header has: \(names.filter { !$0.isEmpty }.joined(separator: ", ")))"
            // A header read with the wrong delimiter is one long cell holding the others.
            let names = self.names
            let holds = { (delimiter: ReadOptions.Delimiter) in names.contains { $0.utf8.contains(delimiter.byte) } }
            if let other = ReadOptions.Delimiter.allCases.first(where: { $0.byte != format.delimiter && holds($0) }) {
                message += "; the header holds \(other == .tab ? "tabs" : "'\(other.rawValue)'"): if the file is \(other.name)-separated, read it with --delimiter \(other.argument == ";" ? "';'" : other.argument)"
            }
            sink.error(.missingColumn, file: file, line: headerLine, column: name, message)
            ok = false
        }
        if !ok { return nil }
        requiredFields = required.map { firstIndex[$0]! }
    }

    /// Header name of known column `k`.
    func name(_ k: Int) -> String { names[columnIndex[k]] }

    /// Empty attribute columns for this header's unknown columns.
    var emptyAttributes: AttributeColumns {
        var attributes = AttributeColumns()
        attributes.names = extraColumns.map(\.name)
        attributes.values = Array(repeating: StringColumn(), count: extraColumns.count)
        return attributes
    }

    /// How many rows `bytes` of body may hold, for reserving room: about one
    /// per `bytesPerRow`, and never more than one per header cell (a row has
    /// a delimiter or line break per cell), so a header of thousands of
    /// columns does not reserve thousands of times the file's size.
    func rowEstimate(_ bytes: Int, bytesPerRow: Int) -> Int {
        bytes / max(bytesPerRow, width)
    }

    /// Empty columns for this header's unknown columns in a piece of about `rows` rows.
    func pieceAttributes(rows: Int) -> [PieceStrings] {
        extraColumns.map { _ in PieceStrings(values: rows, bytesEach: 8) }
    }

    /// Sort rank of diagnostics about known column `k` within a line: file order.
    func rank(_ k: Int) -> Int { columnIndex[k] + 1 }
}

/// Reads the records of one piece of a CSV body, handing the caller only
/// records worth interpreting: malformed records, invalid UTF-8 and cells
/// beyond the header's width are reported here. A record with invalid UTF-8
/// in a required column is skipped; in any other column, the bad cell reads
/// as empty and the record is handed on.
struct TableReader: ~Copyable {
    let header: TableHeader
    var csv: CSVReader
    /// Set when a malformed record was met (the piece may have been cut wrongly).
    private(set) var sawMalformed = false
    /// `header.columnIndex`, read without an array's checks (a few cells per row, millions of rows).
    private let fieldOf: UnsafeMutablePointer<Int>
    /// Field index of each unknown column (`header.extraColumns`).
    private let extraFieldOf: UnsafeMutablePointer<Int>

    init(header: TableHeader, bytes: UnsafeRawBufferPointer, range: Range<Int>, line: Int) {
        self.header = header
        csv = CSVReader(bytes, range: range, line: line, delimiter: header.format.delimiter)
        fieldOf = .allocate(capacity: max(1, header.columnIndex.count))
        fieldOf.initialize(from: header.columnIndex, count: header.columnIndex.count)
        extraFieldOf = .allocate(capacity: max(1, header.extraColumns.count))
        extraFieldOf.initialize(from: header.extraColumns.map(\.index), count: header.extraColumns.count)
    }

    deinit {
        fieldOf.deallocate()
        extraFieldOf.deallocate()
    }

    var file: String { header.file }

    /// Advances to the next record worth interpreting; `nil` at the end.
    mutating func nextRecord(sink: inout DiagnosticSink) -> Int? {
        while true {
            let plainLine = csv.line
            if csv.nextPlain() {
                if csv.recordIsBlank { continue }
                if csv.fieldCount > header.width { reportExtraFields(line: plainLine, sink: &sink) }
                return plainLine
            }
            switch csv.next() {
            case .end:
                return nil
            case .malformed(let line, let message):
                sawMalformed = true
                sink.error(.malformedRecord, file: file, line: line, message)
            case .record(let line):
                if csv.recordIsBlank { continue }
                let width = header.width
                if let bad = csv.invalidUTF8Field {
                    let column = bad < width && !header.names[bad].isEmpty ? header.names[bad] : nil
                    sink.error(.invalidUTF8, file: file, line: line, column: column,
                               column == nil ? "cell \(bad + 1) is not valid UTF-8" : "cell is not valid UTF-8")
                    // Without its id (or other required cell) the record means nothing; otherwise
                    // it still counts, its bad cells read as empty, so one typo does not cascade.
                    if csv.invalidUTF8Fields.contains(where: header.requiredFields.contains) { continue }
                }
                if csv.fieldCount > width { reportExtraFields(line: line, sink: &sink) }
                return line
            }
        }
    }

    private func reportExtraFields(line: Int, sink: inout DiagnosticSink) {
        let count = csv.fieldCount, width = header.width
        for k in width..<count where csv.field(k).start != csv.field(k).end {
            sink.error(.extraField, file: file, line: line, "record has \(count) fields, non-empty beyond the header's \(width)")
            break
        }
    }

    /// Bytes of known column `k` in the current record (empty when absent or short).
    @inline(__always)
    func cell(_ k: Int) -> UnsafeRawBufferPointer { csv.bytes(fieldOf[k]) }

    /// True when the bytes of known column `k` lie in the file (they stay
    /// valid after the next record), not in the reader's scratch memory.
    func cellIsInFile(_ k: Int) -> Bool { !csv.isUnescaped(fieldOf[k]) }

    /// Known column `k` as a `String`.
    func text(_ k: Int) -> String { csv.string(header.columnIndex[k]) }

    /// Header name of known column `k`.
    func name(_ k: Int) -> String { header.name(k) }

    /// Appends the current record's unknown columns to `columns` (`TableHeader.pieceAttributes`).
    func appendAttributes(to columns: [PieceStrings]) {
        // By field index, and the piece holds its columns while it parses: no retain
        // and release of a column or of its name for every cell.
        for k in 0..<columns.count {
            Unmanaged.passUnretained(columns[k])._withUnsafeGuaranteedRef { $0.append(csv.bytes(extraFieldOf[k])) }
        }
    }
}
