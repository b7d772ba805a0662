/// Plain-text tables for the terminal: columns padded to their widest cell.
/// A cell is shown on one line (control characters escaped by `TerminalText`) and cut after
/// `maxCellWidth` characters (200), so one huge name cannot widen every row.
public struct TextTable: Sendable {
    public static let maxCellWidth = 200

    public var header: [String]
    public var rows: [[String]] = []
    /// Columns aligned right (numbers).
    public var rightAligned: Set<Int> = []

    public init(header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    public mutating func add(_ row: [String]) { rows.append(row.map(TextTable.shown)) }

    /// A cell as the table shows it.
    static func shown(_ cell: String) -> String {
        let cut = cell.utf8.count > maxCellWidth && cell.count > maxCellWidth ? String(cell.prefix(maxCellWidth - 1)) + "…" : cell
        return TerminalText.escaped(cut)
    }

    public func render() -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (k, cell) in row.enumerated() where k < widths.count { widths[k] = max(widths[k], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (k, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: max(0, widths[k] - cell.count))
                if k == cells.count - 1 && !rightAligned.contains(k) { parts.append(cell); continue }
                parts.append(rightAligned.contains(k) ? pad + cell : cell + pad)
            }
            return parts.joined(separator: "  ")
        }
        var out = [line(header), line(widths.map { String(repeating: "─", count: $0) })]
        out += rows.map(line)
        return out.joined(separator: "\n") + "\n"
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
