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
