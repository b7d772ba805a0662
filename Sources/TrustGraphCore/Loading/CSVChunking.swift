/// Cutting a CSV body into pieces that are parsed independently, in parallel.
///
/// Each cut is placed just after the first line break at or past an even
/// share of the body, without looking at quotes: that is right unless the
/// line break lies inside a quoted cell. A wrong cut is always noticed, so
/// no scan of the whole file is needed to place the cuts safely: the piece
/// before it ends inside a quoted cell, which its reader reports as an
/// unterminated quote (pieces before a wrong cut start at a record, by
/// induction from the first). The loader then parses the whole body again as
/// one piece, so every diagnostic is exactly that of a sequential read.
///
/// Pieces count lines from 0; the loader adds each piece's first line once
/// the pieces before it have been counted.
enum CSVChunking {
    /// Below this many bytes per piece a body is not cut further.
    static let minimumChunkBytes = 1 << 20

    /// At most `pieces` consecutive ranges covering `body`, each but the last ending just after a line break.
    static func cuts(_ bytes: UnsafeRawBufferPointer, body: Range<Int>, pieces: Int) -> [Range<Int>] {
        let wanted = min(pieces, max(1, body.count / minimumChunkBytes))
        guard wanted > 1, let base = bytes.baseAddress else { return [body] }
        var result: [Range<Int>] = []
        var start = body.lowerBound
        for k in 1..<wanted {
            let target = max(start, body.lowerBound + body.count * k / wanted)
            guard target < body.upperBound,
                  let newline = memchr(base + target, 10, body.upperBound - target) else { break }
            let cut = UnsafeRawPointer(newline) - base + 1
            if cut >= body.upperBound { break }
            result.append(start..<cut)
            start = cut
        }
        result.append(start..<body.upperBound)
        return result
    }
}
