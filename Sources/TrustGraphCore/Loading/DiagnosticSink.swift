/// Collects diagnostics during a load, keeping the first `LoadReport.storedLimit`
/// of each severity and counting the rest.
struct DiagnosticSink {
    var errors: [Diagnostic] = []
    var errorCount = 0
    var warnings: [Diagnostic] = []
    var warningCount = 0

    mutating func error(_ kind: Diagnostic.Kind, file: String, line: Int, column: String? = nil, _ message: String) {
        errorCount += 1
        if errors.count < LoadReport.storedLimit {
            errors.append(Diagnostic(.error, kind, file: file, line: line, column: column, message))
        }
    }

    mutating func warning(_ kind: Diagnostic.Kind, file: String, line: Int, column: String? = nil, _ message: String) {
        warningCount += 1
        if warnings.count < LoadReport.storedLimit {
            warnings.append(Diagnostic(.warning, kind, file: file, line: line, column: column, message))
        }
    }
}
