/// Numbers as the contract writes them: `[+-]?digits(.digits)?([eE][+-]?digits)?`.
///
/// Swift's `Double(_:)` also accepts `nan`, `inf`, hex floats and `.5`; the
/// contract does not, so the text is checked before it is converted.
enum ContractNumber {
    /// The value of `bytes`, or `nil` when the text is not a contract number.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> Double? {
        let n = bytes.count
        var i = 0
        if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
        let intStart = i
        while i < n, isDigit(bytes[i]) { i += 1 }
        guard i > intStart else { return nil }
        if i < n, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let fracStart = i
            while i < n, isDigit(bytes[i]) { i += 1 }
            guard i > fracStart else { return nil }
        }
        if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            let expStart = i
            while i < n, isDigit(bytes[i]) { i += 1 }
            guard i > expStart else { return nil }
        }
        guard i == n else { return nil }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    /// The value of `text`, or `nil` when it is not a contract number.
    static func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
}
