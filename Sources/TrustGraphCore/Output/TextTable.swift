/// Plain-text tables for the terminal: columns padded to their widest cell.
/// A cell is shown on one line (control characters escaped by `TerminalText`) and cut after
/// `maxCellWidth` characters (200), so one huge name cannot widen every row.
///
/// Cells are kept as one run of UTF-8 bytes with each cell's end and width, not an
/// array of strings per row: a million-row table (`solve`) renders in one pass into
/// one buffer. Tables of parts of the rows, built on several threads, join with `append`.
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

    public init(header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
        widths = header.map(\.count)
    }

    /// The number of rows.
    public var rowCount: Int { rowEnds.count }

    /// Adds a row; each cell as `shown` makes it.
    public mutating func add(_ row: [String]) {
        for (k, cell) in row.enumerated() {
            var shown = TextTable.shown(cell)
            let width = shown.withUTF8 { utf8 -> Int in
                bytes.append(contentsOf: utf8)
                // After escaping, an ASCII cell holds no CR LF pair: one character per byte.
                return utf8.allSatisfy { $0 < 0x80 } ? utf8.count : -1
            }
            let characters = width >= 0 ? width : shown.count
            cellEnds.append(bytes.count)
            cellWidths.append(Int32(characters))
            if k < widths.count { widths[k] = max(widths[k], characters) }
        }
        rowEnds.append(cellEnds.count)
    }

    /// Adds the rows of `other`, a table with the same header, after these.
    public mutating func append(_ other: TextTable) {
        let (byteOffset, cellOffset) = (bytes.count, cellEnds.count)
        bytes += other.bytes
        cellEnds += other.cellEnds.map { $0 + byteOffset }
        cellWidths += other.cellWidths
        rowEnds += other.rowEnds.map { $0 + cellOffset }
        for k in widths.indices where k < other.widths.count { widths[k] = max(widths[k], other.widths[k]) }
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
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + rowEnds.count * (2 * widths.count + 1) + widths.reduce(0, +) * 4 + 256)
        let spaces = [UInt8](repeating: UInt8(ascii: " "), count: (widths.max() ?? 0) + 2)
        spaces.withUnsafeBufferPointer { spaces in
            /// Appends cell `k` of a line of `count` cells, `width` characters wide.
            func append(_ cell: UnsafeBufferPointer<UInt8>, width: Int, column k: Int, of count: Int) {
                if k > 0 { out.append(contentsOf: UnsafeBufferPointer(rebasing: spaces[..<2])) }
                let pad = UnsafeBufferPointer(rebasing: spaces[..<max(0, widths[k] - width)])
                if rightAligned.contains(k) {
                    out.append(contentsOf: pad)
                    out.append(contentsOf: cell)
                } else {
                    out.append(contentsOf: cell)
                    if k < count - 1 { out.append(contentsOf: pad) }
                }
            }
            for (k, name) in header.enumerated() {
                var name = name
                name.withUTF8 { append($0, width: header[k].count, column: k, of: header.count) }
            }
            out.append(10)
            let rule = Array("─".utf8)
            for k in widths.indices {
                if k > 0 { out.append(contentsOf: UnsafeBufferPointer(rebasing: spaces[..<2])) }
                for _ in 0..<widths[k] { out += rule }
            }
            out.append(10)
            bytes.withUnsafeBufferPointer { bytes in
                var first = 0
                for end in rowEnds {
                    for c in first..<end {
                        let cell = UnsafeBufferPointer(rebasing: bytes[(c == 0 ? 0 : cellEnds[c - 1])..<cellEnds[c]])
                        append(cell, width: Int(cellWidths[c]), column: c - first, of: end - first)
                    }
                    out.append(10)
                    first = end
                }
            }
        }
        return out
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
