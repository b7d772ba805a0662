/// Cutting a CSV body into pieces that can be parsed independently.
///
/// A cut is safe at a line break that lies outside quotes. In a well-formed
/// RFC 4180 file, a position is inside quotes exactly when an odd number of
/// quote characters precede it (a `""` escape counts two), so counting quotes
/// finds safe cuts without parsing. A malformed file can fool the count; the
/// loader then parses the file again in one piece, so its errors are exactly
/// those of a sequential read.
enum CSVChunking {
    /// Below this many bytes per piece a body is not cut further.
    static let minimumChunkBytes = 1 << 20

    /// Pieces of `body`, each with the physical line it starts on.
    static func split(_ bytes: UnsafeRawBufferPointer, body: Range<Int>, firstLine: Int, pieces: Int) -> [(range: Range<Int>, line: Int)] {
        let wanted = min(pieces, max(1, body.count / minimumChunkBytes))
        guard wanted > 1, let base = bytes.baseAddress else { return [(body, firstLine)] }
        var result: [(range: Range<Int>, line: Int)] = []
        var start = body.lowerBound
        var line = firstLine
        var quotes = 0
        for k in 1..<wanted {
            let target = body.lowerBound + body.count * k / wanted
            if target <= start { continue }
            // Count quotes and line breaks word by word up to the target, then
            // go on byte by byte to the next line break outside quotes.
            var newlines = 0
            var i = start
            while i + 8 <= target {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                quotes += matches(word, UInt8(ascii: "\""))
                newlines += matches(word, 10)
                i += 8
            }
            while i < body.upperBound {
                let c = base.load(fromByteOffset: i, as: UInt8.self)
                i += 1
                if c == UInt8(ascii: "\"") {
                    quotes += 1
                } else if c == 10 {
                    newlines += 1
                    if i > target && quotes % 2 == 0 { break }
                }
            }
            if i >= body.upperBound { break }
            result.append((start..<i, line))
            line += newlines
            start = i
        }
        result.append((start..<body.upperBound, line))
        return result
    }

    /// How many bytes of `word` equal `byte` (SWAR: zero bytes of word ^ pattern).
    @inline(__always)
    static func matches(_ word: UInt64, _ byte: UInt8) -> Int {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        // High bit set exactly in the bytes of x that are zero.
        let zero = ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x | 0x7F7F_7F7F_7F7F_7F7F)
        return zero.nonzeroBitCount
    }
}
