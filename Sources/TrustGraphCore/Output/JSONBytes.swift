/// Writes JSON text straight into UTF-8 bytes: for outputs of millions of
/// objects, where building `JSON.Value`s and appending to a `String` scalar by
/// scalar costs more than the work that found them.
struct JSONBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Appends ASCII text as is (punctuation, keys known to need no escape).
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends JSON text already written (`JSON.Value.serialized`).
    mutating func json(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Appends `"key":` (the key needs no escape).
    mutating func key(_ name: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// Appends a quoted string: `"` and `\` escaped, line feed, CR and tab as `\n`, `\r`, `\t`,
    /// other controls below U+0020 as `\u00xx`, everything else as it is.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (k, b) in utf8.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<k]))
                switch b {
                case UInt8(ascii: "\""): raw("\\\"")
                case UInt8(ascii: "\\"): raw("\\\\")
                case 10: raw("\\n")
                case 13: raw("\\r")
                case 9: raw("\\t")
                default:
                    raw("\\u00")
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(hex[Int(b >> 4)])
                    bytes.append(hex[Int(b & 15)])
                }
                start = k + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends a string or `null`.
    mutating func string(_ text: String?) {
        if let text { string(text) } else { raw("null") }
    }

    /// Appends a number as `JSON.Value.number` writes it (`null` when not finite).
    mutating func number(_ value: Double) {
        if value.isFinite { bytes.append(contentsOf: value.description.utf8) } else { raw("null") }
    }

    mutating func integer(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    /// Appends `"key":"value"` (string), after a comma unless it is the object's first.
    mutating func field(_ key: StaticString, _ value: String, first: Bool = false) {
        if !first { raw(",") }
        self.key(key)
        string(value)
    }

    /// Appends `"key":value` (a number, `null` when nil or not finite), after a comma unless first.
    mutating func field(_ key: StaticString, number value: Double?, first: Bool = false) {
        if !first { raw(",") }
        self.key(key)
        if let value { number(value) } else { raw("null") }
    }

    /// Appends `"key":value` (an integer), after a comma unless it is the object's first.
    mutating func field(_ key: StaticString, integer value: Int, first: Bool = false) {
        if !first { raw(",") }
        self.key(key)
        integer(value)
    }
}

extension JSONBytes {
    /// Appends `count` items written by `write`, each after `separator` (the first after
    /// `first`). The items are written in chunks on up to `threads` threads and joined in
    /// order: the bytes are the same whatever the thread count.
    mutating func join(_ count: Int, first: StaticString, separator: StaticString, bytesEach: Int,
                       threads: Int = Parallel.defaultThreads, _ write: @Sendable (Int, inout JSONBytes) -> Void) {
        let chunk = 16_384
        let chunks = (count + chunk - 1) / chunk
        var parts = [[UInt8]](repeating: [], count: chunks)
        parts.withUnsafeMutableBufferPointer { buffer in
            let out = SharedBuffer(buffer)
            Parallel.forEachChunk(count, chunk: chunk, threads: threads) { range in
                var writer = JSONBytes(capacity: range.count * bytesEach)
                for k in range {
                    writer.raw(k == 0 ? first : separator)
                    write(k, &writer)
                }
                out[range.lowerBound / chunk] = writer.bytes
            }
        }
        // One copy into room reserved for everything, each part freed once copied.
        bytes.reserveCapacity(bytes.count + parts.reduce(0) { $0 + $1.count } + 4096)
        for k in parts.indices {
            bytes += parts[k]
            parts[k] = []
        }
    }

}
