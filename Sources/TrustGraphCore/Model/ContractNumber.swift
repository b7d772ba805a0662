/// Numbers as the contract writes them: `[+-]?digits(.digits)?([eE][+-]?digits)?`.
///
/// Swift's `Double(_:)` also accepts `nan`, `inf`, hex floats and `.5`; the
/// contract does not, so the text is checked before it is converted.
public enum ContractNumber {
    /// The value of `bytes`, or `nil` when the text is not a contract number.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> Double? {
        if let value = parseShortDecimal(bytes) { return value }
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

    /// Powers of ten that a `Double` holds exactly.
    private static let exactPowersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { acc, _ in acc * 10 } }

    /// The value of a plain decimal such as `0.86` or `-12.5` with at most 15
    /// digits, computed without a `String`; `nil` for anything else (the
    /// general path then decides). A mantissa below 2^53 and a power of ten up
    /// to 10^22 are both exact, so their quotient is correctly rounded: the
    /// same `Double` as `strtod` gives.
    @inline(__always)
    private static func parseShortDecimal(_ bytes: UnsafeRawBufferPointer) -> Double? {
        let n = bytes.count
        guard n > 0 && n <= 16 else { return nil }
        var i = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative || bytes[0] == UInt8(ascii: "+") { i = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = -1
        while i < n {
            let c = bytes[i]
            if isDigit(c) {
                mantissa = mantissa &* 10 &+ UInt64(c &- 48)
                digits += 1
                if fraction >= 0 { fraction += 1 }
            } else if c == UInt8(ascii: "."), fraction < 0, digits > 0 {
                fraction = 0
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, fraction != 0, digits <= 15 else { return nil }
        let value = Double(mantissa) / exactPowersOfTen[max(fraction, 0)]
        return negative ? -value : value
    }

    /// The value of a number written with a decimal comma (`0,4`, `-1,5e3`),
    /// as a file whose delimiter is not a comma may hold (contract §1.1);
    /// `nil` when the text has no comma, more than one, or also a point.
    @inline(never)
    static func parseDecimalComma(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard bytes.count <= 64, !bytes.contains(UInt8(ascii: ".")),
              let comma = bytes.firstIndex(of: UInt8(ascii: ",")) else { return nil }
        // On the stack: a spreadsheet export may hold millions of such cells.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { copy in
            _ = copy.initialize(from: bytes)
            copy[comma] = UInt8(ascii: ".")
            return parse(UnsafeRawBufferPointer(copy))
        }
    }

    /// The value of `text`, or `nil` when it is not a contract number.
    public static func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
}
