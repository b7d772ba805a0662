/// The decimal digits of an integer, written into a buffer on the stack: for
/// numbers written where a `String` would cost an allocation (millions of
/// table cells, a message written when memory has run out).
enum DecimalDigits {
    /// Calls `body` with the digits of `n` (after a `-` when negative), zero-padded
    /// to at least `count` digits (at most 29).
    static func with<R>(_ n: Int, count: Int = 1, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var buffer: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)  // 32 bytes: any Int, its sign, or 29 padded digits
        return withUnsafeMutableBytes(of: &buffer) { raw in
            var m = n.magnitude, start = raw.count
            repeat {
                start -= 1
                raw[start] = UInt8(48 + m % 10)
                m /= 10
            } while m > 0 || (raw.count - start < count && start > 1)
            if n < 0 {
                start -= 1
                raw[start] = UInt8(ascii: "-")
            }
            return body(UnsafeBufferPointer(UnsafeMutableBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[start...])))
        }
    }
}
