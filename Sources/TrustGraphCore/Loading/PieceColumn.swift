/// One column of a piece of a file being parsed: appends and writes without
/// the copy-on-write and bounds checks of an array (a few per row, millions
/// of rows), the memory freed with the column. Only the task parsing the
/// piece writes it; the merge then reads it through `shared`.
final class PieceColumn<Element: BitwiseCopyable>: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<Element>
    /// Set by `append`, or once at the end by a piece that writes rows with `put` (see `PieceRows`).
    var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        guard let memory = malloc(self.capacity * MemoryLayout<Element>.stride) else {
            OutOfMemory.fail(.init("a column of ", self.capacity, " values being read"), bytes: self.capacity * MemoryLayout<Element>.stride)
        }
        base = memory.bindMemory(to: Element.self, capacity: self.capacity)
    }

    deinit { free(base) }

    @inline(__always)
    func append(_ value: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: value)
        count += 1
    }

    /// Room for at least `needed` values.
    func reserve(_ needed: Int) {
        while capacity < needed { grow() }
    }

    /// Writes value `i` without a check of room or a change of the count: a
    /// piece writes each row's columns this way after one check for all of
    /// them (`PieceRows`), and sets their counts at the end.
    @inline(__always)
    func put(_ value: Element, at i: Int) {
        (base + i).initialize(to: value)
    }

    /// Value `i` (unchecked): `i < count`, or a row already `put` by a piece still parsing.
    @inline(__always)
    subscript(i: Int) -> Element {
        get { base[i] }
        set { base[i] = newValue }
    }

    /// Appends the bytes of `bytes` (a column of bytes).
    @inline(__always)
    func append(contentsOf bytes: UnsafeRawBufferPointer) where Element == UInt8 {
        while count + bytes.count > capacity { grow() }
        if let source = bytes.baseAddress { UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: bytes.count) }
        count += bytes.count
    }

    /// The values, for reading while the column is alive.
    var shared: SharedReadBuffer<Element> { SharedReadBuffer(UnsafeBufferPointer(start: base, count: count)) }

    /// The values as an array (a copy).
    var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }

    @inline(never)
    private func grow() {
        // A large growth first checks that it and `OutOfMemory.reserve` fit under a
        // limit on memory: the pieces parsed on other threads allocate too, and a
        // refusal there, by Swift's runtime, would crash instead of ending with a message.
        let added = capacity * MemoryLayout<Element>.stride
        if added >= 1 << 20 { OutOfMemory.ensure(added, for: .init("a column of ", capacity * 2, " values being read")) }
        capacity *= 2
        guard let memory = realloc(base, capacity * MemoryLayout<Element>.stride) else {
            OutOfMemory.fail(.init("a column of ", capacity, " values being read"), bytes: capacity / 2 * MemoryLayout<Element>.stride)
        }
        base = memory.bindMemory(to: Element.self, capacity: capacity)
    }
}

/// The row count of a piece whose columns take one value per row: one check
/// of room per row for all its columns, which then `put` their values at the
/// row's index and get their counts at the end.
struct PieceRows {
    private(set) var count = 0
    /// Rows every column has room for (a `PieceColumn` made with the same capacity has at least as many).
    private var room: Int

    init(capacity: Int) {
        room = max(capacity, 16)
    }

    /// The index of a new row; `grow` is first called with the new room when the columns are full.
    @inline(__always)
    mutating func add(grow: (Int) -> Void) -> Int {
        if count == room {
            room *= 2
            grow(room)
        }
        count += 1
        return count - 1
    }

    /// Forgets the rows from `count` on (their columns are overwritten by the next rows).
    mutating func truncate(to count: Int) {
        self.count = count
    }
}

/// Strings of a piece of a file being parsed, as a byte arena and the end
/// of each value in it (see `PieceColumn`); the merge makes them a `StringColumn`.
final class PieceStrings: @unchecked Sendable {
    let bytes: PieceColumn<UInt8>
    let ends: PieceColumn<Int>

    init(values: Int, bytesEach: Int) {
        bytes = PieceColumn(capacity: values * bytesEach)
        ends = PieceColumn(capacity: values)
    }

    var count: Int { ends.count }

    @inline(__always)
    func append(_ value: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: value)
        ends.append(bytes.count)
    }

    /// Appends `value` with ASCII letters upper-cased.
    func appendASCIIUppercased(_ value: UnsafeRawBufferPointer) {
        for b in value { bytes.append(b >= 97 && b <= 122 ? b - 32 : b) }
        ends.append(bytes.count)
    }

    /// Keeps, of values `start..<count`, those `keep` accepts, in order (values
    /// before `start` stay). The column then holds no value past the kept ones.
    func compact(from start: Int, count: Int, keep: (Int) -> Bool) {
        var readStart = start == 0 ? 0 : ends[start - 1]
        var writeEnd = readStart, kept = start
        for k in start..<min(count, self.count) {
            let end = ends[k]
            if keep(k) {
                let length = end - readStart
                if writeEnd != readStart { (bytes.base + writeEnd).update(from: bytes.base + readStart, count: length) }
                writeEnd += length
                ends[kept] = writeEnd
                kept += 1
            }
            readStart = end
        }
        ends.count = kept
        bytes.count = writeEnd
    }

    /// The bytes of value `index`.
    func value(_ index: Int) -> UnsafeRawBufferPointer {
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeRawBufferPointer(start: bytes.base + start, count: ends[index] - start)
    }

    /// The values as a column (a copy).
    var column: StringColumn { StringColumn(concatenating: [self]) }
}

extension StringColumn {
    /// The values of `parts`, one after the other.
    init(concatenating parts: [PieceStrings]) {
        let byteCount = parts.reduce(0) { $0 + $1.bytes.count }
        let count = parts.reduce(0) { $0 + $1.count }
        self.init()
        arena = [UInt8].filled(count: byteCount) { arena in
            var at = 0
            for part in parts {
                (arena.base + at).update(from: part.bytes.base, count: part.bytes.count)
                at += part.bytes.count
            }
        }
        offsets = [Int].filled(count: count + 1) { offsets in
            offsets[0] = 0
            var at = 1, shift = 0
            for part in parts {
                for k in 0..<part.count { offsets[at + k] = part.ends[k] + shift }
                at += part.count
                shift += part.bytes.count
            }
        }
    }
}

extension AttributeColumns {
    /// The columns of one piece (for the rare merge that drops rows); names are left empty.
    init(piece columns: [PieceStrings]) {
        self.init()
        names = Array(repeating: "", count: columns.count)
        values = columns.map(\.column)
    }
}
