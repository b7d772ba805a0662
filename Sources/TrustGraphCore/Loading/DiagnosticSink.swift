/// Collects diagnostics during a load, keeping the first `LoadReport.storedLimit`
/// of each severity and counting the rest.
struct DiagnosticSink: Sendable {
    private(set) var errors: [Diagnostic] = []
    var errorCount = 0
    var warnings: [Diagnostic] = []
    var warningCount = 0
    /// How files were read (never capped: at most a few per file).
    var notes: [Diagnostic] = []
    /// Sort key of each stored error within its line (the column's position in the file).
    private var ranks: [Int] = []
    /// Once the limit is reached: the index of the stored error of `lastStoredFile`
    /// placed last (-1: none of that file), valid while `lastStoredKnown`.
    private var lastStored = -1
    private var lastStoredFile = ""
    private var lastStoredKnown = false

    /// Records an error. Once the limit is reached, an error placed before
    /// the last stored one of the same file (by line, then column) replaces
    /// it, so a sink given a file's errors a little out of order still keeps
    /// the first ones.
    /// Out of line: errors are rare, and the parsing loops that report them stay small.
    @inline(never)
    mutating func error(_ kind: Diagnostic.Kind, file: String, line: Int, column: String? = nil, rank: Int = 0,
                        subject: String? = nil, _ message: @autoclosure () -> String) {
        errorCount += 1
        if errors.count < LoadReport.storedLimit {
            errors.append(Diagnostic(.error, kind, file: file, line: line, column: column, message()))
            errors[errors.count - 1].subject = subject
            ranks.append(rank)
            return
        }
        if !lastStoredKnown || lastStoredFile != file {
            let (errors, ranks) = (self.errors, self.ranks)
            lastStored = errors.indices.filter { errors[$0].file == file }
                .max { (errors[$0].line, ranks[$0]) < (errors[$1].line, ranks[$1]) } ?? -1
            lastStoredFile = file
            lastStoredKnown = true
        }
        guard lastStored >= 0, (line, rank) < (errors[lastStored].line, ranks[lastStored]) else { return }
        errors[lastStored] = Diagnostic(.error, kind, file: file, line: line, column: column, message())
        errors[lastStored].subject = subject
        ranks[lastStored] = rank
        lastStoredKnown = false
    }

    mutating func warning(_ kind: Diagnostic.Kind, file: String, line: Int, column: String? = nil, _ message: @autoclosure () -> String) {
        warningCount += 1
        if warnings.count < LoadReport.storedLimit {
            warnings.append(Diagnostic(.warning, kind, file: file, line: line, column: column, message()))
        }
    }

    /// What a finished load found: its warnings and notes, or, when it found
    /// any error, a `DatasetError` with all of them.
    func report() throws(DatasetError) -> LoadReport {
        if errorCount > 0 {
            var error = DatasetError(errors: errors, errorCount: errorCount, warnings: warnings)
            error.notes = notes
            throw error
        }
        var report = LoadReport(warnings: warnings, warningCount: warningCount)
        report.notes = notes
        return report
    }

    mutating func note(_ kind: Diagnostic.Kind, file: String, _ message: String) {
        notes.append(Diagnostic(.note, kind, file: file, line: 0, message))
    }

    /// Rewrites the message of every stored error that `matches` (to add a
    /// hint that needs the whole file or the whole dataset to be known).
    mutating func amendErrors(where matches: (Diagnostic) -> Bool, _ amend: (Diagnostic) -> String) {
        for k in errors.indices where matches(errors[k]) { errors[k].message = amend(errors[k]) }
    }

    /// Orders stored errors by line, then by column, keeping the order of equal ones.
    mutating func sortByPosition() {
        let order = errors.indices.sorted { (errors[$0].line, ranks[$0], $0) < (errors[$1].line, ranks[$1], $1) }
        errors = order.map { errors[$0] }
        ranks = order.map { ranks[$0] }
        lastStoredKnown = false
    }

    /// Moves every diagnostic `offset` lines down (a piece's lines counted from 0 become the file's).
    mutating func shiftLines(by offset: Int) {
        for k in errors.indices { errors[k].line += offset }
        for k in warnings.indices { warnings[k].line += offset }
    }

    /// Appends what another sink collected (a later piece of the same file,
    /// or errors found later about the same lines: stored errors are then
    /// kept by position through `error`).
    mutating func append(_ other: DiagnosticSink) {
        for k in other.errors.indices {
            let e = other.errors[k]
            error(e.kind, file: e.file, line: e.line, column: e.column, rank: other.ranks[k], subject: e.subject, e.message)
        }
        errorCount += other.errorCount - other.errors.count
        warningCount += other.warningCount
        notes += other.notes
        let warningRoom = LoadReport.storedLimit - warnings.count
        if warningRoom > 0 { warnings += other.warnings.prefix(warningRoom) }
    }
}
