/// The step between the dates of a timeline: days, weeks or calendar months.
public enum DateStep: Sendable, Equatable, CustomStringConvertible {
    case days(Int)
    case weeks(Int)
    /// Calendar months added to the first date, the day clamped to the month's length.
    case months(Int)

    /// Parses `7d`, `2w` or `1m` (a whole number ≥ 1 and a unit); `nil` otherwise.
    public init?(_ text: String) {
        guard let unit = text.last, text.count >= 2, text.count <= 6 else { return nil }
        let digits = text.dropLast()
        guard digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(digits), n >= 1 else { return nil }
        switch unit {
        case "d", "D": self = .days(n)
        case "w", "W": self = .weeks(n)
        case "m", "M": self = .months(n)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .days(let n): "\(n)d"
        case .weeks(let n): "\(n)w"
        case .months(let n): "\(n)m"
        }
    }

    /// The `k`-th date from `start`: `start` plus k steps. Months are counted
    /// from `start` each time (31 January, 28 February, 31 March …), so a
    /// short month does not shorten the dates after it.
    public func date(_ k: Int, from start: Day) -> Day {
        switch self {
        case .days(let n): start.adding(days: k * n)
        case .weeks(let n): start.adding(days: 7 * k * n)
        case .months(let n): start.adding(months: k * n)
        }
    }

    /// The dates `from`, `from` + step, … up to and including `to` (none when `to` is before `from`).
    /// - Complexity: O(number of dates).
    public func dates(from: Day, to: Day) -> [Day] {
        var result: [Day] = []
        var k = 0
        while true {
            let day = date(k, from: from)
            if day > to { break }
            result.append(day)
            k += 1
        }
        return result
    }
}

extension Day {
    /// This day plus `days` days (negative to go back).
    public func adding(days: Int) -> Day { Day(ordinal: Int32(Int(ordinal) + days)) }

    /// This day plus `months` calendar months, the day of month clamped to the
    /// length of the month reached (31 January + 1 month = 28 or 29 February).
    public func adding(months: Int) -> Day {
        let (year, month, day) = components
        let index = year * 12 + (month - 1) + months
        let (y, m) = (index / 12, index % 12 + 1)
        return Day(year: y, month: m, day: min(day, Day.daysIn(month: m, year: y)))!
    }
}

extension String {
    /// Orders ids as the contract compares them: code point by code point
    /// (UTF-8 byte order is code point order), not by Unicode collation.
    static func codePointPrecedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
