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
        if !value.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) {
            bytes.append(contentsOf: value)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for b in value {
            if b == UInt8(ascii: "\"") { bytes.append(b) }
            bytes.append(b)
        }
        bytes.append(UInt8(ascii: "\""))
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
        var needsQuotes = false
        for b in value.utf8 where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 10 || b == 13 {
            needsQuotes = true
            break
        }
        if !needsQuotes {
            bytes.append(contentsOf: value.utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for b in value.utf8 {
            if b == UInt8(ascii: "\"") { bytes.append(b) }
            bytes.append(b)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
