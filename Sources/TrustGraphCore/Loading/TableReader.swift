/// Reads one CSV file of a dataset: finds its header, maps the columns the
/// caller knows, keeps the others as attributes, and hands each well-formed
/// record to the caller. Malformed records, invalid UTF-8 and cells beyond the
/// header's width are reported here, so callers see only records to interpret.
struct TableReader: ~Copyable {
    let file: String
    var csv: CSVReader
    /// Field index of each known column, or -1 when absent (same order as `known`).
    private(set) var columnIndex: [Int] = []
    /// Field index of each unknown column, with its name as written.
    private(set) var extraColumns: [(name: String, index: Int)] = []
    /// Lower-cased header names by field index ("" for an empty header cell).
    private(set) var headerNames: [String] = []
    private(set) var width = 0
    /// False when the file has no header row.
    private(set) var hasHeader = false

    /// - Parameters:
    ///   - known: lower-case names of the columns the caller interprets.
    ///   - required: those of `known` that must be present.
    /// - Returns: `nil` when the header is unusable (the problem is reported).
    init?(file: String, bytes: UnsafeRawBufferPointer, known: [String], required: [String], sink: inout DiagnosticSink) {
        self.file = file
        csv = CSVReader(bytes)
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
        hasHeader = true
        if let bad = csv.invalidUTF8Field {
            sink.error(.invalidUTF8, file: file, line: headerLine, "header cell \(bad + 1) is not valid UTF-8")
            return nil
        }
        width = csv.fields.count
        var firstIndex: [String: Int] = [:]
        var ok = true
        for i in 0..<width {
            let raw = csv.string(i)
            let name = raw.lowercased()
            headerNames.append(name)
            if name.isEmpty { continue }
            if let first = firstIndex[name] {
                sink.error(.duplicateColumn, file: file, line: headerLine, column: name,
                           "header names column '\(name)' twice (cells \(first + 1) and \(i + 1))")
                ok = false
                continue
            }
            firstIndex[name] = i
            if !known.contains(name) { extraColumns.append((raw, i)) }
        }
        columnIndex = known.map { firstIndex[$0] ?? -1 }
        for name in required where firstIndex[name] == nil {
            sink.error(.missingColumn, file: file, line: headerLine, column: name,
                       "required column '\(name)' is missing (header has: \(headerNames.filter { !$0.isEmpty }.joined(separator: ", ")))")
            ok = false
        }
        if !ok { return nil }
    }

    /// Advances to the next record worth interpreting; `nil` at the end.
    /// Blank records are skipped; malformed ones are reported and skipped.
    mutating func nextRecord(sink: inout DiagnosticSink) -> Int? {
        while true {
            switch csv.next() {
            case .end:
                return nil
            case .malformed(let line, let message):
                sink.error(.malformedRecord, file: file, line: line, message)
            case .record(let line):
                if csv.recordIsBlank { continue }
                if let bad = csv.invalidUTF8Field {
                    let column = bad < width && !headerNames[bad].isEmpty ? headerNames[bad] : nil
                    sink.error(.invalidUTF8, file: file, line: line, column: column,
                               column == nil ? "cell \(bad + 1) is not valid UTF-8" : "cell is not valid UTF-8")
                    continue
                }
                let count = csv.fields.count
                if count > width {
                    var extra = false
                    for k in width..<count where csv.fields[k].start != csv.fields[k].end { extra = true; break }
                    if extra {
                        sink.error(.extraField, file: file, line: line,
                                   "record has \(count) fields, non-empty beyond the header's \(width)")
                    }
                }
                return line
            }
        }
    }

    /// Bytes of known column `k` in the current record (empty when absent or short).
    func cell(_ k: Int) -> UnsafeRawBufferPointer { csv.bytes(columnIndex[k]) }

    /// Known column `k` as a `String`.
    func text(_ k: Int) -> String { csv.string(columnIndex[k]) }

    /// Header name of known column `k`.
    func name(_ k: Int) -> String { headerNames[columnIndex[k]] }

    /// Appends the current record's unknown columns to `attributes`.
    func appendAttributes(_ attributes: inout AttributeColumns) {
        if attributes.names.count != extraColumns.count {
            attributes.names = extraColumns.map(\.name)
            attributes.values = Array(repeating: StringColumn(), count: extraColumns.count)
        }
        for (k, column) in extraColumns.enumerated() {
            attributes.values[k].append(csv.bytes(column.index))
        }
    }
}
