/// A calendar day, counted in days since 1970-01-01 (proleptic Gregorian, UTC).
///
/// Dates in the contract are whole days, so every comparison and every
/// "days since last evidence" is integer arithmetic on this count.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var ordinal: Int32

    public init(ordinal: Int32) { self.ordinal = ordinal }

    /// The day for a year, month and day of month, or `nil` when it is not a real calendar day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = Int32(era * 146097 + doe - 719468)
    }

    /// Parses `YYYY-MM-DD`, zero-padded, a real calendar day.
    public init?(_ text: String) {
        var text = text
        let parsed: Day?? = text.withUTF8 { Day.parse(UnsafeRawBufferPointer($0)) }
        guard case .some(.some(let day)) = parsed else { return nil }
        self = day
    }

    /// Today in UTC.
    public static func today() -> Day {
        let seconds = Int64(time(nil))
        return Day(ordinal: Int32(seconds / 86_400))
    }

    /// Year, month and day of month.
    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = Int(ordinal) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var description: String {
        let (y, m, d) = components
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses a date in one of the forms spreadsheets write (contract §1.1):
    /// day and month of one or two digits, a year of four. `nil` when the
    /// shape is wrong, `.some(nil)` when it is no calendar day.
    static func parse(_ bytes: UnsafeRawBufferPointer, as format: ReadOptions.DateFormat) -> Day?? {
        let separator = format == .dayMonthYearDotted ? UInt8(ascii: ".") : UInt8(ascii: "/")
        var parts: [Int] = []
        var widths: [Int] = []
        var value = 0, width = 0
        for k in 0...bytes.count {
            let c = k < bytes.count ? bytes[k] : separator
            if c == separator {
                guard width > 0, parts.count < 3 else { return nil }
                parts.append(value)
                widths.append(width)
                (value, width) = (0, 0)
            } else if c >= 48 && c <= 57, width < 4 {
                value = value * 10 + Int(c - 48)
                width += 1
            } else {
                return nil
            }
        }
        guard parts.count == 3 else { return nil }
        let yearFirst = format == .yearMonthDay
        let (yearAt, smallWidths) = yearFirst ? (0, [widths[1], widths[2]]) : (2, [widths[0], widths[1]])
        guard widths[yearAt] == 4, smallWidths.allSatisfy({ $0 <= 2 }) else { return nil }
        switch format {
        case .dayMonthYear, .dayMonthYearDotted: return .some(Day(year: parts[2], month: parts[1], day: parts[0]))
        case .monthDayYear: return .some(Day(year: parts[2], month: parts[0], day: parts[1]))
        case .yearMonthDay: return .some(Day(year: parts[0], month: parts[1], day: parts[2]))
        }
    }

    /// The `--date-format` forms that read `bytes` as a real calendar day.
    static func formats(reading bytes: UnsafeRawBufferPointer) -> [ReadOptions.DateFormat] {
        ReadOptions.DateFormat.allCases.filter { format in
            if case .some(.some) = parse(bytes, as: format) { return true }
            return false
        }
    }

    /// Parses `YYYY-MM-DD` from bytes: `nil` when the shape is wrong,
    /// `.some(nil)` when the shape is right but the day does not exist.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> Day?? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        @inline(__always) func digits(_ from: Int, _ to: Int) -> Int? {
            var value = 0
            for i in from..<to {
                let c = bytes[i]
                guard c >= 48 && c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        guard let year = digits(0, 4), let month = digits(5, 7), let day = digits(8, 10) else { return nil }
        return .some(Day(year: year, month: month, day: day))
    }
}
