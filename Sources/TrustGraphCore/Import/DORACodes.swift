/// The closed-set EBA codes the DORA mapping reads (docs/import.md), and the
/// criticality each leads to.
enum DORACodes {
    /// A level of the dataset's criticality, ordered so that `max` is the highest.
    enum Level: Int, Comparable {
        case low, medium, high, critical

        var word: StaticString {
            switch self {
            case .low: "low"
            case .medium: "medium"
            case .high: "high"
            case .critical: "critical"
            }
        }

        static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// b_06.01 c0050, whether the function is critical or important.
    enum FunctionCriticality {
        case yes, no, notAssessed
    }

    /// Compares a code with its expected spelling, ignoring case (`eba_BT:x28` and `EBA_BT:X28` are one code).
    private static func same(_ text: String, _ code: String) -> Bool { text.lowercased() == code.lowercased() }

    /// b_06.01 c0050: `eba_BT:x28` yes, `x29` no, `x21` not assessed; an empty cell reads as not assessed.
    /// - Returns: nil for any other text.
    static func functionCriticality(_ text: String) -> FunctionCriticality? {
        if text.isEmpty || same(text, "eba_BT:x21") { return .notAssessed }
        if same(text, "eba_BT:x28") { return .yes }
        if same(text, "eba_BT:x29") { return .no }
        return nil
    }

    static let functionCriticalityExpected = "expected eba_BT:x28 (yes), eba_BT:x29 (no) or eba_BT:x21 (not assessed)"

    /// b_02.02 c0180, the level of reliance, as a level: full `eba_ZZ:x797` high, material
    /// `x796` medium, low `x795` and not significant `x794` low, empty medium.
    /// - Returns: nil for any other text.
    static func reliance(_ text: String) -> Level? {
        var text = text
        return text.withUTF8 { reliance(UnsafeRawBufferPointer($0)) }
    }

    /// `reliance(_:)` of a cell's bytes (read for every contract row of a register).
    static func reliance(_ bytes: UnsafeRawBufferPointer) -> Level? {
        if bytes.isEmpty { return .medium }
        // "eba_zz:x79" and one digit, ASCII letters in any case.
        let prefix: StaticString = "eba_zz:x79"
        guard bytes.count == prefix.utf8CodeUnitCount + 1 else { return nil }
        for k in 0..<prefix.utf8CodeUnitCount {
            let b = bytes[k]
            let lower = b >= 65 && b <= 90 ? b | 0x20 : b
            guard lower == prefix.utf8Start[k] else { return nil }
        }
        switch bytes[prefix.utf8CodeUnitCount] {
        case UInt8(ascii: "7"): return .high
        case UInt8(ascii: "6"): return .medium
        case UInt8(ascii: "5"), UInt8(ascii: "4"): return .low
        default: return nil
        }
    }

    static let relianceExpected = "expected eba_ZZ:x797 (full), x796 (material), x795 (low), x794 (not significant) or an empty cell"

    /// The criticality of a contract's row: critical or important → critical; not assessed →
    /// high; not critical → by the level of reliance.
    static func level(function: FunctionCriticality, reliance: Level) -> Level {
        switch function {
        case .yes: .critical
        case .notAssessed: .high
        case .no: reliance
        }
    }

    /// A country cell: the two letters after `eba_GA:`, upper-cased; "" when they are not
    /// two ASCII letters (`eba_GA:qx2007`) or the cell is empty.
    /// - Returns: nil when the cell holds something other than an `eba_GA:` code.
    static func country(_ text: String) -> String? {
        if text.isEmpty { return "" }
        let prefix = "eba_ga:"
        guard text.lowercased().hasPrefix(prefix) else { return nil }
        let code = text.utf8.dropFirst(prefix.utf8.count)
        guard code.count == 2, code.allSatisfy({ DatasetLoader.isASCIILetter($0) }) else { return "" }
        return String(decoding: code, as: UTF8.self).uppercased()
    }

    static let countryExpected = "expected a country code such as eba_GA:DE"
}
