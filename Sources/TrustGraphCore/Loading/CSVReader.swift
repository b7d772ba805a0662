import CFastPaths

/// A byte-level RFC 4180 reader over a whole file held in memory, its cells
/// separated by a comma, or by the `;` or TAB a spreadsheet export uses
/// (contract §1.1: quoting rules are the same for every delimiter).
///
/// It yields records as spans into the file's bytes (no allocation per field
/// unless a quoted field holds `""` escapes), trims every cell of Unicode
/// White_Space, checks UTF-8 once per record, and on a malformed record
/// reports it and resumes at the next line. See `docs/performance.md` for why
/// this is hand-written rather than taken from a CSV package.
struct CSVReader: ~Copyable {
    /// One cell of the current record, trimmed: `start..<end` of the file, or
    /// of the scratch buffer when `unescaped` (a quoted cell holding `""` escapes).
    typealias Field = trustgraph_field

    /// What `next()` found.
    enum Event {
        /// A record starting at `line` (1-based); its cells are `bytes(0..<fieldCount)`.
        case record(line: Int)
        /// A malformed record starting at `line`.
        case malformed(line: Int, message: String)
        /// The end of the file.
        case end
    }

    private let base: UnsafeRawPointer
    private let count: Int
    /// The byte between cells: `,` `;` or TAB.
    let delimiter: UInt8
    /// `delimiter` in every byte of a word (for `stopBytes`).
    private let delimiterWord: UInt64
    /// Offset of the next record.
    private(set) var position: Int
    /// Physical line of the next record.
    private(set) var line = 1
    /// At most this many cells of a record are kept; a longer record is malformed
    /// (a header of a million commas would otherwise hold a million cells).
    static let maxFields = 10_000
    /// Set when the current record has more than `maxFields` cells.
    private var tooManyFields = false
    /// Cells of the current record (`fieldCount` of them, room for `fieldCapacity`).
    private var fieldBuffer: UnsafeMutablePointer<Field>
    private var fieldCapacity = 16
    private(set) var fieldCount = 0
    /// Unescaped copies of quoted cells that held `""`; reset for each record.
    private var scratch: UnsafeMutableRawBufferPointer
    private var scratchCount = 0
    /// Cells of the current record that are not valid UTF-8, in field order;
    /// they read as empty.
    private(set) var invalidUTF8Fields: [Int] = []
    /// The first cell of the current record that is not valid UTF-8.
    var invalidUTF8Field: Int? { invalidUTF8Fields.first }

    /// - Parameter bytes: the file's bytes; they must outlive the reader.
    init(_ bytes: UnsafeRawBufferPointer, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.init(bytes, range: CSVReader.utf8BOMLength(bytes)..<bytes.count, line: 1, delimiter: delimiter)
    }

    /// A reader of the records in `range` of `bytes`, the first starting on `line`.
    init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>, line: Int, delimiter: UInt8 = UInt8(ascii: ",")) {
        base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        count = range.upperBound
        self.delimiter = delimiter
        delimiterWord = 0x0101_0101_0101_0101 &* UInt64(delimiter)
        position = range.lowerBound
        self.line = line
        fieldBuffer = .allocate(capacity: fieldCapacity)
        scratch = .allocate(byteCount: 256, alignment: 1)
    }

    /// 3 when `bytes` start with a UTF-8 byte-order mark, else 0.
    static func utf8BOMLength(_ bytes: UnsafeRawBufferPointer) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// Bytes left to read.
    var remaining: Int { count - position }

    /// True when cell `index` of the current record was unescaped into scratch memory.
    func isUnescaped(_ index: Int) -> Bool { UInt(bitPattern: index) < UInt(bitPattern: fieldCount) && fieldBuffer[index].unescaped }

    /// Cell `index` of the current record (`index < fieldCount`).
    func field(_ index: Int) -> Field { fieldBuffer[index] }

    deinit {
        scratch.deallocate()
        fieldBuffer.deallocate()
    }

    /// The bytes of cell `index` of the current record, or an empty buffer past its end.
    @inline(__always)
    func bytes(_ index: Int) -> UnsafeRawBufferPointer {
        // One unsigned comparison: a negative index (an absent column) is out of range too.
        guard UInt(bitPattern: index) < UInt(bitPattern: fieldCount) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let f = fieldBuffer[index]
        if f.unescaped {
            return UnsafeRawBufferPointer(start: scratch.baseAddress! + f.start, count: f.end - f.start)
        }
        return UnsafeRawBufferPointer(start: base + f.start, count: f.end - f.start)
    }

    /// Cell `index` of the current record as a `String` ("" past its end).
    func string(_ index: Int) -> String {
        String(decoding: bytes(index), as: UTF8.self)
    }

    /// True when every cell of the current record is empty.
    var recordIsBlank: Bool {
        for k in 0..<fieldCount where fieldBuffer[k].start != fieldBuffer[k].end { return false }
        return true
    }

    /// Reads the next record if it is a plain one: no quote, only ASCII, no
    /// cell that starts or ends with white space (nearly every record of a
    /// large file). Returns `false` without reading anything otherwise, or at
    /// the end: `next()` then reads the record by the general rules, which
    /// give the same cells for a plain record. The scan is in C
    /// (`trustgraph_plain_record`): a tight loop over bit masks of sixteen
    /// bytes, without the overflow checks Swift puts on each offset.
    @inline(__always)
    mutating func nextPlain() -> Bool {
        guard position < count else { return false }
        var n = 0
        let next = trustgraph_plain_record(base.assumingMemoryBound(to: UInt8.self), position, count, delimiter, fieldBuffer, fieldCapacity, &n)
        guard next >= 0 else { return false }
        fieldCount = n
        scratchCount = 0
        if !invalidUTF8Fields.isEmpty { invalidUTF8Fields.removeAll(keepingCapacity: true) }
        position = next
        line += 1
        return true
    }

    /// Reads the next record.
    mutating func next() -> Event {
        fieldCount = 0
        scratchCount = 0
        tooManyFields = false
        if !invalidUTF8Fields.isEmpty { invalidUTF8Fields.removeAll(keepingCapacity: true) }
        guard position < count else { return .end }
        let recordLine = line
        var highBit = false
        while true {
            // One cell.
            var byte: UInt8 = position < count ? base.load(fromByteOffset: position, as: UInt8.self) : 10
            if byte == UInt8(ascii: "\"") {
                let openAt = position
                let openLine = line
                position += 1
                var escapeScratchStart = -1
                var segmentStart = position
                var closed = false
                while position < count {
                    let c = base.load(fromByteOffset: position, as: UInt8.self)
                    if c == UInt8(ascii: "\"") {
                        if position + 1 < count && base.load(fromByteOffset: position + 1, as: UInt8.self) == UInt8(ascii: "\"") {
                            if escapeScratchStart < 0 { escapeScratchStart = scratchCount }
                            appendScratch(segmentStart, position + 1)
                            position += 2
                            segmentStart = position
                            continue
                        }
                        closed = true
                        break
                    }
                    if c == 10 { line += 1 }
                    if c >= 0x80 { highBit = true }
                    position += 1
                }
                guard closed else {
                    // Resume on the line after the opening quote.
                    line = openLine
                    position = openAt
                    skipPastNewline()
                    return .malformed(line: recordLine, message: "unterminated quoted field (a quote opened on line \(openLine) is never closed)")
                }
                var field: Field
                if escapeScratchStart >= 0 {
                    appendScratch(segmentStart, position)
                    field = Field(start: escapeScratchStart, end: scratchCount, unescaped: true)
                } else {
                    field = Field(start: openAt + 1, end: position, unescaped: false)
                }
                position += 1 // closing quote
                byte = position < count ? base.load(fromByteOffset: position, as: UInt8.self) : 10
                if byte == 13, position + 1 < count, base.load(fromByteOffset: position + 1, as: UInt8.self) == 10 {
                    position += 1
                    byte = 10
                }
                guard byte == delimiter || byte == 10 else {
                    let errorLine = line
                    skipPastNewline()
                    return .malformed(line: recordLine, message: "unexpected text after a closing quote on line \(errorLine) (expected \(delimiterName) or the end of the line)")
                }
                trim(&field)
                appendField(field)
            } else {
                let start = position
                // Eight bytes at a time to the first delimiter, line break, quote or non-ASCII byte.
                while position + 8 <= count {
                    let word = base.loadUnaligned(fromByteOffset: position, as: UInt64.self)
                    let stops = CSVReader.stopBytes(word, delimiters: delimiterWord)
                    if stops != 0 {
                        position += stops.trailingZeroBitCount >> 3
                        break
                    }
                    position += 8
                }
                while position < count {
                    let c = base.load(fromByteOffset: position, as: UInt8.self)
                    if c == delimiter || c == 10 { break }
                    if c == UInt8(ascii: "\"") {
                        skipPastNewline()
                        return .malformed(line: recordLine, message: "a quote inside an unquoted field (quote the whole field and double the quote)")
                    }
                    if c >= 0x80 { highBit = true }
                    position += 1
                }
                var field = Field(start: start, end: position, unescaped: false)
                if start < position {
                    // Most cells start and end with printable ASCII: nothing to trim.
                    let first = base.load(fromByteOffset: start, as: UInt8.self)
                    let last = base.load(fromByteOffset: position - 1, as: UInt8.self)
                    if first <= 32 || first >= 0x7F || last <= 32 || last >= 0x7F { trim(&field) }
                }
                appendField(field)
                byte = position < count ? base.load(fromByteOffset: position, as: UInt8.self) : 10
            }
            position += 1 // the comma or the newline (or past the end)
            if byte == 10 {
                line += 1
                break
            }
        }
        if tooManyFields {
            return .malformed(line: recordLine, message: "record has more than \(CSVReader.maxFields) cells")
        }
        if highBit {
            for index in 0..<fieldCount where !UTF8Check.isValid(bytes(index)) {
                invalidUTF8Fields.append(index)
                fieldBuffer[index].end = fieldBuffer[index].start
            }
        }
        return .record(line: recordLine)
    }

    /// "a comma", "a semicolon" or "a tab", for messages.
    var delimiterName: String {
        switch delimiter {
        case UInt8(ascii: ";"): "a semicolon"
        case 9: "a tab"
        default: "a comma"
        }
    }

    /// The high bit of each byte of `word` that is the delimiter (given in
    /// every byte of `delimiters`), a line feed, a quote or not ASCII; exact
    /// for the lowest such byte (SWAR: a byte equal to `b` is a zero byte of `word ^ b`).
    @inline(__always)
    static func stopBytes(_ word: UInt64, delimiters: UInt64 = 0x2C2C_2C2C_2C2C_2C2C) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        return zeroBytes(word ^ delimiters) | zeroBytes(word ^ (ones &* 0x0A)) | zeroBytes(word ^ (ones &* 0x22)) | (word & highs)
    }

    @inline(__always)
    private mutating func appendField(_ field: Field) {
        if fieldCount == fieldCapacity {
            guard fieldCapacity < CSVReader.maxFields else {
                tooManyFields = true
                return
            }
            let capacity = min(fieldCapacity * 2, CSVReader.maxFields)
            let grown = UnsafeMutablePointer<Field>.allocate(capacity: capacity)
            grown.moveInitialize(from: fieldBuffer, count: fieldCount)
            fieldBuffer.deallocate()
            fieldBuffer = grown
            fieldCapacity = capacity
        }
        (fieldBuffer + fieldCount).initialize(to: field)
        fieldCount += 1
    }

    private mutating func appendScratch(_ from: Int, _ to: Int) {
        let n = to - from
        if scratchCount + n > scratch.count {
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: max(scratch.count * 2, scratchCount + n), alignment: 1)
            grown.baseAddress!.copyMemory(from: scratch.baseAddress!, byteCount: scratchCount)
            scratch.deallocate()
            scratch = grown
        }
        (scratch.baseAddress! + scratchCount).copyMemory(from: base + from, byteCount: n)
        scratchCount += n
    }

    private mutating func skipPastNewline() {
        while position < count {
            let c = base.load(fromByteOffset: position, as: UInt8.self)
            position += 1
            if c == 10 { line += 1; return }
        }
    }

    private func trim(_ field: inout Field) {
        if field.unescaped {
            UnicodeWhiteSpace.trim(UnsafeRawPointer(scratch.baseAddress!), &field.start, &field.end)
        } else {
            UnicodeWhiteSpace.trim(base, &field.start, &field.end)
        }
    }
}

/// Trimming of Unicode White_Space on UTF-8 bytes.
enum UnicodeWhiteSpace {
    /// Narrows `start..<end` of `base` to drop leading and trailing White_Space.
    static func trim(_ base: UnsafeRawPointer, _ start: inout Int, _ end: inout Int) {
        while start < end {
            let n = leadingLength(base, start, end)
            if n == 0 { break }
            start += n
        }
        while start < end {
            let n = trailingLength(base, start, end)
            if n == 0 { break }
            end -= n
        }
    }

    /// `text` without leading and trailing White_Space.
    static func trimmed(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return "" }
            var (start, end) = (0, bytes.count)
            trim(UnsafeRawPointer(base), &start, &end)
            return String(decoding: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<end]), as: UTF8.self)
        }
    }

    @inline(__always)
    private static func byte(_ base: UnsafeRawPointer, _ i: Int) -> UInt8 { base.load(fromByteOffset: i, as: UInt8.self) }

    /// Length in bytes of a White_Space character starting at `i`, or 0.
    private static func leadingLength(_ base: UnsafeRawPointer, _ i: Int, _ end: Int) -> Int {
        let c = byte(base, i)
        if c == 32 || (c >= 9 && c <= 13) { return 1 }
        if c < 0x80 { return 0 }
        if c == 0xC2, i + 1 < end { let d = byte(base, i + 1); return d == 0x85 || d == 0xA0 ? 2 : 0 }
        if i + 2 < end { return isThreeByteSpace(c, byte(base, i + 1), byte(base, i + 2)) ? 3 : 0 }
        return 0
    }

    /// Length in bytes of a White_Space character ending just before `end`, or 0.
    private static func trailingLength(_ base: UnsafeRawPointer, _ start: Int, _ end: Int) -> Int {
        let c = byte(base, end - 1)
        if c == 32 || (c >= 9 && c <= 13) { return 1 }
        if c < 0x80 { return 0 }
        if end - 2 >= start, byte(base, end - 2) == 0xC2, c == 0x85 || c == 0xA0 { return 2 }
        if end - 3 >= start, isThreeByteSpace(byte(base, end - 3), byte(base, end - 2), c) { return 3 }
        return 0
    }

    /// U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
    private static func isThreeByteSpace(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        switch (a, b) {
        case (0xE1, 0x9A): return c == 0x80
        case (0xE2, 0x80): return (0x80...0x8A).contains(c) || c == 0xA8 || c == 0xA9 || c == 0xAF
        case (0xE2, 0x81): return c == 0x9F
        case (0xE3, 0x80): return c == 0x80
        default: return false
        }
    }
}

/// UTF-8 validation (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
enum UTF8Check {
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            if c < 0x80 { i += 1; continue }
            var need = 0
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return false
            }
            guard i + need < n else { return false }
            let second = bytes[i + 1]
            guard second >= lo && second <= hi else { return false }
            for k in 2...max(2, need) where k <= need {
                let b = bytes[i + k]
                guard b >= 0x80 && b <= 0xBF else { return false }
            }
            i += need + 1
        }
        return true
    }
}
