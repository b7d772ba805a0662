import ArgumentParser
import TrustGraphCore

/// Standard output and standard error of the command line.
enum Console {
    static func error(_ text: String) {
        var standardError = StandardError()
        print(text, to: &standardError)
    }

    static func emit(_ text: String, to path: String?) throws {
        try emit(bytes: Array(text.utf8), to: path)
    }

    /// Writes `bytes` to the file at `path` (atomically), or to standard output for nil or "-".
    /// - Throws: `CommandFailure` when the write fails.
    static func emit(bytes: [UInt8], to path: String?) throws {
        guard let path, path != "-" else {
            guard writeToStandardOutput(bytes) else { throw CommandFailure("error: cannot write to standard output: \(errnoText())") }
            return
        }
        do {
            try FileBytes.writeAtomically(bytes, to: path)
        } catch {
            throw CommandFailure("error: \(error.description)")
        }
    }

    /// Writes `text` to standard output, checked: a failed write (a full
    /// disk, a closed pipe) is an error and exit status 1, not lost output.
    static func out(_ text: String, terminator: String = "\n") throws {
        guard writeToStandardOutput(Array((text + terminator).utf8)) else {
            throw CommandFailure("error: cannot write to standard output: \(errnoText())")
        }
    }

    /// Writes all of `bytes` to standard output; false when a write failed.
    static func writeToStandardOutput(_ bytes: [UInt8]) -> Bool {
        FileBytes.writeAll(bytes, to: 1)
    }

    static func errnoText() -> String {
        guard let text = strerror(errno) else { return "error \(errno)" }
        return String(cString: text)
    }

    /// Rewrites one progress line on a terminal's standard error; `nil` clears it.
    static func progress(_ text: String?) {
        var standardError = StandardError()
        print("\r\u{1B}[K" + (text ?? ""), terminator: "", to: &standardError)
    }
}

/// Progress on one rewritten line of a terminal's standard error, for long counterfactual runs.
enum ProgressLine {
    /// A reporter ("WHAT: done of TOTAL UNIT") when standard error is a terminal and the run is long, else nil.
    static func make(_ what: String, total: Int, unit: String? = nil, worthIt: Bool) -> (@Sendable (Int) -> Void)? {
        guard isatty(2) != 0 && worthIt else { return nil }
        let after = unit.map { " " + $0 } ?? ""
        return { (done: Int) in Console.progress("\(what): \(done) of \(total)\(after)") }
    }
}

/// Standard error as a text stream, unbuffered: every byte is written (or the write fails) before `print` returns.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var bytes = Array(string.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress! + written, $0.count - written) }
            if n <= 0 { return }
            written += n
        }
    }
}
