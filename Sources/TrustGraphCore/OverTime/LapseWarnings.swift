extension Dataset {
    /// Warnings for the certifications that count at `date` and lapse within
    /// `days` days after it (lapse day L = expires + 1, date < L ≤ date + days),
    /// soonest first, then in file order: what `validate --date` lists so a
    /// renewal can still be chased.
    /// - Complexity: O(certifications).
    public func lapseWarnings(at date: Day, withinDays days: Int) -> [Diagnostic] {
        let certs = certifications
        let soon = RenewalAnalysis.lapsing(self, from: date.adding(days: 1), to: date.adding(days: days))
            .filter { certs.issued[$0.row] <= date.ordinal }
            .sorted { ($0.lapse, certs.lines[$0.row], $0.row) < ($1.lapse, certs.lines[$1.row], $1.row) }
        return soon.map { row, lapse in
            let after = Int(lapse.ordinal - date.ordinal)
            return Diagnostic(.warning, .lapsingSoon, file: DatasetLoader.certificationsFile, line: Int(certs.lines[row]), column: "expires",
                              "\(Diagnostic.quote(suppliers.id(Int(certs.supplier[row])))) \(schemes.names[Int(certs.scheme[row])]) "
                              + "expires \(Day(ordinal: certs.expires[row])) and lapses on \(lapse), \(after) day\(after == 1 ? "" : "s") after \(date) "
                              + "(renew it, or see `trustgraph renewals` for what the lapse costs)")
        }
    }
}
