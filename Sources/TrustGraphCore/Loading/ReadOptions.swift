/// How the files of a dataset are read beyond the contract's defaults: the
/// forms spreadsheets export (contract §1.1). The defaults read every plain
/// dataset exactly as before; each widening is reported once per file as a note.
public struct ReadOptions: Sendable, Equatable {
    /// The byte between cells.
    public enum Delimiter: String, Sendable, CaseIterable {
        case comma = ",", semicolon = ";", tab

        var byte: UInt8 {
            switch self {
            case .comma: UInt8(ascii: ",")
            case .semicolon: UInt8(ascii: ";")
            case .tab: 9
            }
        }

        init?(byte: UInt8) {
            switch byte {
            case UInt8(ascii: ","): self = .comma
            case UInt8(ascii: ";"): self = .semicolon
            case 9: self = .tab
            default: return nil
            }
        }

        /// "comma", "semicolon" or "tab".
        public var name: String {
            switch self {
            case .comma: "comma"
            case .semicolon: "semicolon"
            case .tab: "tab"
            }
        }

        /// How the option is written on the command line (`,` `;` `tab`).
        public var argument: String { self == .tab ? "tab" : rawValue }
    }

    /// How the bytes of a file without a byte-order mark are decoded (a BOM always wins).
    public enum Encoding: String, Sendable, CaseIterable {
        case utf8 = "utf-8"
        /// Windows-1252; `latin-1` reads the same, as the WHATWG Encoding Standard does.
        case windows1252 = "windows-1252"
        case latin1 = "latin-1"
    }

    /// A date form read besides `YYYY-MM-DD` (day and month may have one or two digits).
    public enum DateFormat: String, Sendable, CaseIterable {
        case dayMonthYear = "DD/MM/YYYY"
        case monthDayYear = "MM/DD/YYYY"
        case dayMonthYearDotted = "DD.MM.YYYY"
        case yearMonthDay = "YYYY/MM/DD"
    }

    /// The delimiter of every file; `nil` detects it per file from its header record.
    public var delimiter: Delimiter?
    public var encoding: Encoding
    /// A second date form for dataset cells; `nil` reads `YYYY-MM-DD` only.
    public var dateFormat: DateFormat?

    public init(delimiter: Delimiter? = nil, encoding: Encoding = .utf8, dateFormat: DateFormat? = nil) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.dateFormat = dateFormat
    }
}

/// How one file of a dataset is read, decided once for the file.
struct TableFormat: Sendable {
    var delimiter: UInt8 = UInt8(ascii: ",")
    var dateFormat: ReadOptions.DateFormat?

    /// A number may use `,` as its decimal separator in a file whose cells are not separated by commas.
    var decimalComma: Bool { delimiter != UInt8(ascii: ",") }

    /// The value of a number cell: a contract number, or with a decimal comma where the file allows one.
    func number(_ bytes: UnsafeRawBufferPointer) -> Double? {
        if let value = ContractNumber.parse(bytes) { return value }
        return decimalComma ? ContractNumber.parseDecimalComma(bytes) : nil
    }

    func number(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { number(UnsafeRawBufferPointer($0)) }
    }

    /// The day of a date cell in `YYYY-MM-DD` or the file's `dateFormat`:
    /// `nil` when the shape is wrong, `.some(nil)` when it is no calendar day.
    func day(_ bytes: UnsafeRawBufferPointer) -> Day?? {
        if let parsed = Day.parse(bytes) { return parsed }
        if let dateFormat { return Day.parse(bytes, as: dateFormat) }
        return nil
    }
}

/// Detecting the delimiter of a file (contract §1.1).
enum DelimiterDetection {
    /// The most frequent of `,` `;` and TAB outside quotes in the header
    /// record (the first line with anything but white space); a tie or
    /// none of them gives `,`.
    static func detect(_ bytes: UnsafeRawBufferPointer) -> ReadOptions.Delimiter {
        var i = CSVReader.utf8BOMLength(bytes)
        let n = bytes.count
        // Skip blank lines.
        var lineStart = i
        while i < n {
            let c = bytes[i]
            if c == 10 { lineStart = i + 1 } else if !(c == 32 || c == 9 || c == 13) { break }
            i += 1
        }
        i = lineStart
        var (commas, semicolons, tabs) = (0, 0, 0)
        var quoted = false
        while i < n {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if !quoted {
                switch c {
                case 10: i = n; continue
                case UInt8(ascii: ","): commas += 1
                case UInt8(ascii: ";"): semicolons += 1
                case 9: tabs += 1
                default: break
                }
            }
            i += 1
        }
        if semicolons > commas && semicolons > tabs { return .semicolon }
        if tabs > commas && tabs > semicolons { return .tab }
        return .comma
    }
}
