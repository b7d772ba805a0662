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
