/// Plain-text tables for the terminal: columns padded to their widest cell.
/// A cell is shown on one line (control characters escaped by `TerminalText`) and cut after
/// `maxCellWidth` characters (200), so one huge name cannot widen every row.
///
/// Cells are kept as one run of UTF-8 bytes with each cell's end and width, not an
/// array of strings per row: a million-row table (`solve`) renders in one pass into
/// one buffer. Tables of parts of the rows, built on several threads, render as one
/// with `renderBytes(joining:threads:)`.
public struct TextTable: Sendable {
    public static let maxCellWidth = 200

    public let header: [String]
    /// Columns aligned right (numbers).
    public let rightAligned: Set<Int>
    /// The shown cells' bytes, one after another.
    private var bytes: [UInt8] = []
    /// Per cell: where it ends in `bytes`, and its width in characters.
    private var cellEnds: [Int] = [], cellWidths: [Int32] = []
    /// Per row: where its cells end in `cellEnds`.
    private var rowEnds: [Int] = []
    /// Per column of the header: the widest cell so far, the header's own included.
    private var widths: [Int]

    /// `rightAligned` as a flag per column, for the per-cell test of `renderBytes`.
    private let alignsRight: [Bool]

    public init(header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
        widths = header.map(\.count)
        alignsRight = (0..<max(header.count, (rightAligned.max() ?? -1) + 1)).map { rightAligned.contains($0) }
    }

    /// The number of rows.
    public var rowCount: Int { rowEnds.count }

    /// Adds a row; each cell as `shown` makes it.
    public mutating func add(_ row: [String]) {
        for cell in row { addCell(cell) }
        endRow()
    }

    /// Adds a cell, as `shown` makes it, to the row `endRow` ends.
    public mutating func addCell(_ cell: String) {
        var shown = TextTable.shown(cell)
        let width = shown.withUTF8 { utf8 -> Int in
            bytes.append(contentsOf: utf8)
            // After escaping, an ASCII cell holds no CR LF pair: one character per byte.
            return utf8.allSatisfy { $0 < 0x80 } ? utf8.count : -1
        }
        endCell(width: width >= 0 ? width : shown.count)
    }

    /// Adds `value` as `fixed(value, digits)` writes it, without making a string.
    public mutating func addCell(fixed value: Double, digits: Int = 4) {
        guard value.isFinite, digits <= 18 else { return addCell(TextTable.fixed(value, digits)) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (abs(value) * scale).rounded()
        let start = bytes.count
        if value < 0 && rounded != 0 { bytes.append(UInt8(ascii: "-")) }
        DecimalDigits.with(Int(rounded / scale)) { bytes.append(contentsOf: $0) }
        if digits > 0 {
            bytes.append(UInt8(ascii: "."))
            DecimalDigits.with(Int(rounded.truncatingRemainder(dividingBy: scale)), count: digits) { bytes.append(contentsOf: $0) }
        }
        endCell(width: bytes.count - start)
    }

    /// Adds a cell of UTF-8 `bytes` (a dataset's column) to the row `endRow` ends: printable
    /// ASCII of at most `maxCellWidth` bytes as it is, without making a string; other text
    /// as `shown` makes it.
    public mutating func addCell(_ utf8: UnsafeRawBufferPointer) {
        guard utf8.count <= TextTable.maxCellWidth, utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            return addCell(String(decoding: utf8, as: UTF8.self))
        }
        bytes.append(contentsOf: utf8)
        endCell(width: utf8.count)
    }

    private mutating func endCell(width: Int) {
        let k = cellEnds.count - (rowEnds.last ?? 0)
        cellEnds.append(bytes.count)
        cellWidths.append(Int32(width))
        if k < widths.count { widths[k] = max(widths[k], width) }
    }

    /// Ends the row of the cells added since the last.
    public mutating func endRow() {
        rowEnds.append(cellEnds.count)
    }

    /// A cell as the table shows it.
    static func shown(_ cell: String) -> String {
        let cut = cell.utf8.count > maxCellWidth && cell.count > maxCellWidth ? String(cell.prefix(maxCellWidth - 1)) + "…" : cell
        return TerminalText.escaped(cut)
    }

    /// The header, a rule under it, then the rows; columns two spaces apart, every line
    /// ending in a line feed. The last column is not padded unless aligned right.
    public func render() -> String { String(decoding: renderBytes(), as: UTF8.self) }

    /// `render()` as UTF-8 bytes.
    public func renderBytes() -> [UInt8] {
        headBytes(widths: widths) + rowBytes(widths: widths)
    }

    /// The bytes `renderBytes` writes for a table of the rows of `parts` in turn (tables
    /// with one header, built on several threads): each part's lines are written on
    /// one of up to `threads` threads, with the widths of all parts.
    public static func renderBytes(joining parts: [TextTable], threads: Int) -> [UInt8] {
        guard var widths = parts.first?.widths else { return [] }
        for part in parts.dropFirst() { widths = zip(widths, part.widths).map { max($0, $1) } }
        let lines = Parallel.mapChunks(parts.count, chunk: 1, threads: threads) { [widths] k in parts[k.lowerBound].rowBytes(widths: widths) }
        var out = parts[0].headBytes(widths: widths)
        out.reserveCapacity(out.count + lines.reduce(0) { $0 + $1.count })
        for part in lines { out += part }
        return out
    }

    /// Spaces after cell `k` of `count` (before it when aligned right), in columns `widths` wide.
    @inline(__always)
    private func padding(_ k: Int, width: Int, of count: Int, widths: [Int]) -> Int {
        k < count - 1 || (k < alignsRight.count && alignsRight[k]) ? max(0, widths[k] - width) : 0
    }

    /// The header and the rule under it, in columns `widths` wide.
    private func headBytes(widths: [Int]) -> [UInt8] {
        var head: [UInt8] = []
        for (k, name) in header.enumerated() {
            if k > 0 { head += [32, 32] }
            let pad = [UInt8](repeating: 32, count: padding(k, width: name.count, of: header.count, widths: widths))
            head += k < alignsRight.count && alignsRight[k] ? pad + Array(name.utf8) : Array(name.utf8) + pad
        }
        head.append(10)
        for k in widths.indices {
            if k > 0 { head += [32, 32] }
            for _ in 0..<widths[k] { head += "─".utf8 }
        }
        head.append(10)
        return head
    }

    /// The lines of the rows, in columns `widths` wide: the size of every line is
    /// summed first, then the lines are copied into one buffer of that size.
    private func rowBytes(widths: [Int]) -> [UInt8] {
        var size = bytes.count, first = 0
        for end in rowEnds {
            size += 1 + 2 * max(0, end - first - 1)
            for c in first..<end { size += padding(c - first, width: Int(cellWidths[c]), of: end - first, widths: widths) }
            first = end
        }
        return [UInt8](unsafeUninitializedCapacity: size) { out, written in
            var p = 0
            func copy(_ source: UnsafeBufferPointer<UInt8>) {
                guard let base = source.baseAddress, !source.isEmpty else { return }
                (out.baseAddress! + p).initialize(from: base, count: source.count)
                p += source.count
            }
            func spaces(_ n: Int) {
                guard n > 0 else { return }
                (out.baseAddress! + p).initialize(repeating: 32, count: n)
                p += n
            }
            bytes.withUnsafeBufferPointer { bytes in
                var first = 0
                for end in rowEnds {
                    let count = end - first
                    for c in first..<end {
                        let k = c - first
                        if k > 0 { spaces(2) }
                        let cell = UnsafeBufferPointer(rebasing: bytes[(c == 0 ? 0 : cellEnds[c - 1])..<cellEnds[c]])
                        let pad = padding(k, width: Int(cellWidths[c]), of: count, widths: widths)
                        if k < alignsRight.count && alignsRight[k] {
                            spaces(pad)
                            copy(cell)
                        } else {
                            copy(cell)
                            spaces(pad)
                        }
                    }
                    out[p] = 10
                    p += 1
                    first = end
                }
            }
            precondition(p == size, "TextTable: \(p) bytes written for \(size) counted")
            written = size
        }
    }

    /// 12,345: an integer with its thousands grouped for people (the report, the map's legend).
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A number with `digits` decimals for people (machine formats print full precision).
    public static func fixed(_ value: Double, _ digits: Int = 4) -> String {
        if !value.isFinite { return value.description }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (abs(value) * scale).rounded()
        var integer = String(Int(rounded / scale))
        let fraction = Int(rounded.truncatingRemainder(dividingBy: scale))
        var fractionText = String(fraction)
        fractionText = String(repeating: "0", count: max(0, digits - fractionText.count)) + fractionText
        if value < 0 && rounded != 0 { integer = "-" + integer }
        return digits == 0 ? integer : integer + "." + fractionText
    }
}
