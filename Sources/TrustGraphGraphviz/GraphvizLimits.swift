/// Bounds on one Graphviz run in a child process (see `ContainedGraphviz`).
///
/// Graphviz's layout can take minutes or gigabytes on small hostile or dense
/// inputs (a DOT file with an HTML table of 65,535 columns, a polygon with
/// 10⁸ sides), and a crash inside it would take the caller with it. In a
/// child with these limits, the worst case is a clear error.
public struct GraphvizLimits: Sendable, Equatable {
    /// Seconds of wall-clock time, and of CPU time, the child may use; nil for no limit.
    public var seconds: Int?
    /// Bytes of address space the child may map; nil for no limit.
    public var addressSpace: Int?

    /// Two minutes and 4 GiB: a 2,000-supplier map with dot takes about 3 s and 200 MB.
    public static let standard = GraphvizLimits(seconds: 120, addressSpace: 4 << 30)

    /// No limit at all (the child still contains a crash).
    public static let none = GraphvizLimits(seconds: nil, addressSpace: nil)

    /// Limits in seconds and bytes.
    public init(seconds: Int?, addressSpace: Int?) {
        self.seconds = seconds
        self.addressSpace = addressSpace
    }

    /// `2 GiB`, `512 MiB`: a byte count the way `--memory-limit` reads it.
    public static func describe(bytes: Int) -> String {
        if bytes >= 1 << 30 && bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        return "\(bytes) bytes"
    }

    /// Reads `4G`, `512M`, `1500K`, `2GiB` or a plain byte count; nil when the text is none of those.
    public static func parseBytes(_ text: String) -> Int? {
        var digits = Substring(text)
        var unit = 1
        let suffixes: [(String, Int)] = [("gib", 1 << 30), ("mib", 1 << 20), ("kib", 1 << 10),
                                         ("gb", 1 << 30), ("mb", 1 << 20), ("kb", 1 << 10),
                                         ("g", 1 << 30), ("m", 1 << 20), ("k", 1 << 10)]
        let lower = text.lowercased()
        for (suffix, size) in suffixes where lower.hasSuffix(suffix) {
            digits = digits.dropLast(suffix.count)
            unit = size
            break
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let value = Int(digits) else { return nil }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: unit)
        return overflow ? nil : bytes
    }
}
