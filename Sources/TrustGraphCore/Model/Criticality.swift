/// Named criticality levels and their weights (contract §1).
public enum Criticality {
    /// The weight of a criticality cell: a level word (case-insensitive,
    /// empty = medium) or a number in (0,1]. `nil` when neither.
    public static func weight(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { weight(UnsafeRawBufferPointer($0)) }
    }

    /// - Parameter decimalComma: a number may be written `0,4` (a file whose delimiter is not a comma).
    static func weight(_ bytes: UnsafeRawBufferPointer, decimalComma: Bool = false) -> Double? {
        if let level = levelWeight(bytes) { return level }
        guard let value = ContractNumber.parse(bytes) ?? (decimalComma ? ContractNumber.parseDecimalComma(bytes) : nil),
              value > 0, value <= 1 else { return nil }
        return value
    }

    /// True when a criticality cell is a number (in range or not).
    static func isNumber(_ bytes: UnsafeRawBufferPointer, decimalComma: Bool) -> Bool {
        ContractNumber.parse(bytes) != nil || (decimalComma && ContractNumber.parseDecimalComma(bytes) != nil)
    }

    static func levelWeight(_ bytes: UnsafeRawBufferPointer) -> Double? {
        if bytes.isEmpty { return 0.4 }
        if ASCII.equalsIgnoringCase(bytes, "critical") { return 1.0 }
        if ASCII.equalsIgnoringCase(bytes, "high") { return 0.7 }
        if ASCII.equalsIgnoringCase(bytes, "medium") { return 0.4 }
        if ASCII.equalsIgnoringCase(bytes, "low") { return 0.1 }
        return nil
    }

    /// "critical (1.0)" for a level's weight, the number alone otherwise.
    public static func describe(_ weight: Double) -> String {
        let word = label(weight)
        return word == weight.description ? word : "\(word) (\(weight))"
    }

    /// The level word for a weight, or its number.
    public static func label(_ weight: Double) -> String {
        switch weight {
        case 1.0: "critical"
        case 0.7: "high"
        case 0.4: "medium"
        case 0.1: "low"
        default: weight.description
        }
    }
}
