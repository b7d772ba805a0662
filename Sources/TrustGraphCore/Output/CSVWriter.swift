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

/// A minimal JSON writer for the CLI's machine-readable output.
public enum JSON {
    /// A JSON value.
    public indirect enum Value: Sendable, Equatable {
        case string(String)
        case number(Double)
        case integer(Int)
        case bool(Bool)
        case null
        case array([Value])
        /// Keys keep their order.
        case object([(String, Value)])

        public static func == (lhs: Value, rhs: Value) -> Bool { lhs.serialized() == rhs.serialized() }

        /// Compact JSON text (one object per line inside top-level arrays).
        public func serialized(pretty: Bool = true) -> String {
            var out = ""
            write(&out, depth: 0, pretty: pretty)
            return out
        }

        private func write(_ out: inout String, depth: Int, pretty: Bool) {
            switch self {
            case .string(let s): JSON.quote(s, into: &out)
            case .number(let d): out += d.isFinite ? d.description : "null"
            case .integer(let i): out += String(i)
            case .bool(let b): out += b ? "true" : "false"
            case .null: out += "null"
            case .array(let items):
                if items.isEmpty { out += "[]"; return }
                out += "["
                for (k, item) in items.enumerated() {
                    if k > 0 { out += "," }
                    if pretty && depth == 0 { out += "\n  " }
                    item.write(&out, depth: depth + 1, pretty: pretty)
                }
                if pretty && depth == 0 { out += "\n" }
                out += "]"
            case .object(let pairs):
                out += "{"
                for (k, (key, value)) in pairs.enumerated() {
                    if k > 0 { out += "," }
                    if pretty && depth == 0 { out += "\n  " }
                    JSON.quote(key, into: &out)
                    out += ":"
                    value.write(&out, depth: depth + 1, pretty: pretty)
                }
                if pretty && depth == 0 { out += "\n" }
                out += "}"
            }
        }
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

/// Plain-text tables for the terminal: columns padded to their widest cell.
/// A cell is shown on one line (control characters escaped by `TerminalText`) and cut after
/// `maxCellWidth` characters (200), so one huge name cannot widen every row.
public struct TextTable: Sendable {
    public static let maxCellWidth = 200

    public var header: [String]
    public var rows: [[String]] = []
    /// Columns aligned right (numbers).
    public var rightAligned: Set<Int> = []

    public init(header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    public mutating func add(_ row: [String]) { rows.append(row.map(TextTable.shown)) }

    /// A cell as the table shows it.
    static func shown(_ cell: String) -> String {
        let cut = cell.utf8.count > maxCellWidth && cell.count > maxCellWidth ? String(cell.prefix(maxCellWidth - 1)) + "…" : cell
        return TerminalText.escaped(cut)
    }

    public func render() -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (k, cell) in row.enumerated() where k < widths.count { widths[k] = max(widths[k], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (k, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: max(0, widths[k] - cell.count))
                if k == cells.count - 1 && !rightAligned.contains(k) { parts.append(cell); continue }
                parts.append(rightAligned.contains(k) ? pad + cell : cell + pad)
            }
            return parts.joined(separator: "  ")
        }
        var out = [line(header), line(widths.map { String(repeating: "─", count: $0) })]
        out += rows.map(line)
        return out.joined(separator: "\n") + "\n"
    }

    /// A number with `digits` decimals for people (machine formats print full precision).
    public static func fixed(_ value: Double, _ digits: Int = 4) -> String {
        if !value.isFinite { return value.description }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (abs(value) * scale).rounded()
        var integer = String(Int(rounded / scale))
        let fraction = Int(rounded.truncatingRemainder(dividingBy: scale))
        var fractionText = String(fraction)
        fractionText = String(repeating: "0", count: max(0, digits - fractionText.count)) + fractionText
        if value < 0 && rounded != 0 { integer = "-" + integer }
        return digits == 0 ? integer : integer + "." + fractionText
    }
}
