/// Byte-level helpers for the ASCII words of the contract.
enum ASCII {
    /// True when `bytes` spell `word` (lower-case ASCII letters) ignoring ASCII case.
    @inline(__always)
    static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard bytes.count == n else { return false }
        let w = word.utf8Start
        if n > 0 && n <= 16, let p = bytes.baseAddress {
            // Word at a time: setting bit 5 lower-cases a letter, and a byte that becomes
            // a lower-case letter that way was that letter in either case. The fold
            // covers the word's bytes only (a short word's padding stays zero).
            let (low, high) = InternTable.shortWords(p, n), expected = InternTable.shortWords(UnsafeRawPointer(w), n)
            let all: UInt64 = 0x2020_2020_2020_2020
            let foldLow = n >= 8 ? all : all >> UInt64(8 * (8 - n)), foldHigh = n > 8 ? all : 0
            return low | foldLow == expected.low && high | foldHigh == expected.high
        }
        for k in 0..<bytes.count {
            let b = bytes[k]
            if (b >= 65 && b <= 90 ? b + 32 : b) != w[k] { return false }
        }
        return true
    }
}
