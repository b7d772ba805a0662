/// Writes RFC 4180 CSV into a byte buffer: fields holding a comma, quote,
/// CR or LF are quoted with quotes doubled; records end with LF.
public struct CSVWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(header: [String]? = nil) {
        if let header { row(header) }
    }

    /// Appends one record.
    public mutating func row(_ fields: [String]) {
        for (k, field) in fields.enumerated() {
            if k > 0 { bytes.append(UInt8(ascii: ",")) }
            append(field)
        }
        bytes.append(10)
    }

    /// Appends a cell of bytes, quoted when it must be, after a comma unless it is the record's first.
    mutating func field(_ value: UnsafeRawBufferPointer, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        CSVWriter.appendCell(value, separator: UInt8(ascii: ","), to: &bytes)
    }

    /// Appends a text cell, quoted when it must be, after a comma unless it is the record's first.
    mutating func field(_ value: String, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        append(value)
    }

    /// Appends the records of `other` (written without a header) after these.
    mutating func append(_ other: CSVWriter) { bytes += other.bytes }

    /// Appends `cell` to `out` as RFC 4180 writes it: as it is, or between quotes with its
    /// quotes doubled when it holds `separator`, a quote or a line break. The one quoting rule
    /// of every CSV the tool writes.
    static func appendCell<Cell: Collection>(_ cell: Cell, separator: UInt8, to out: inout [UInt8]) where Cell.Element == UInt8 {
        guard cell.contains(where: { $0 == separator || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) else {
            out.append(contentsOf: cell)
            return
        }
        out.append(UInt8(ascii: "\""))
        for b in cell {
            if b == UInt8(ascii: "\"") { out.append(b) }
            out.append(b)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends a cell known to need no quotes (a fixed word), after a comma unless it is the record's first.
    mutating func plainField(_ value: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(contentsOf: UnsafeRawBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
    }

    /// Ends the record `field` and `plainField` wrote.
    mutating func endRecord() { bytes.append(10) }

    /// Reserves room for `count` bytes in all.
    mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(count) }

    /// The CSV text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func append(_ value: String) {
        CSVWriter.appendCell(value.utf8, separator: UInt8(ascii: ","), to: &bytes)
    }
}
