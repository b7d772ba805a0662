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
            var out = JSONBytes()
            write(&out, depth: 0, pretty: pretty)
            return String(decoding: out.bytes, as: UTF8.self)
        }

        /// Writes the value as bytes (strings escaped by `JSONBytes.string`).
        private func write(_ out: inout JSONBytes, depth: Int, pretty: Bool) {
            switch self {
            case .string(let s): out.string(s)
            case .number(let d): out.number(d)
            case .integer(let i): out.integer(i)
            case .bool(let b): out.raw(b ? "true" : "false")
            case .null: out.raw("null")
            case .array(let items):
                if items.isEmpty { out.raw("[]"); return }
                out.raw("[")
                for (k, item) in items.enumerated() {
                    if k > 0 { out.raw(",") }
                    if pretty && depth == 0 { out.raw("\n  ") }
                    item.write(&out, depth: depth + 1, pretty: pretty)
                }
                if pretty && depth == 0 { out.raw("\n") }
                out.raw("]")
            case .object(let pairs):
                out.raw("{")
                for (k, (key, value)) in pairs.enumerated() {
                    if k > 0 { out.raw(",") }
                    if pretty && depth == 0 { out.raw("\n  ") }
                    out.string(key)
                    out.raw(":")
                    value.write(&out, depth: depth + 1, pretty: pretty)
                }
                if pretty && depth == 0 { out.raw("\n") }
                out.raw("}")
            }
        }
    }
}
