import ArgumentParser
import TrustGraphCore

/// Exit code for a solve that did not converge within --max-iterations.
let notConvergedExitCode: Int32 = 3

/// Standard output and standard error of the command line.
enum Console {
    static func error(_ text: String) {
        var standardError = StandardError()
        print(text, to: &standardError)
    }

    static func emit(_ text: String, to path: String?) throws {
        try emit(bytes: Array(text.utf8), to: path)
    }

    static func emit(bytes: [UInt8], to path: String?) throws {
        guard let path, path != "-" else {
            guard writeToStandardOutput(bytes) else {
                error("error: cannot write to standard output: \(errnoText())")
                throw ExitCode(1)
            }
            return
        }
        do {
            try FileBytes.writeAtomically(bytes, to: path)
        } catch {
            Console.error("error: \(error.description)")
            throw ExitCode(1)
        }
    }

    /// Writes `text` to standard output, checked: a failed write (a full
    /// disk, a closed pipe) is an error and exit status 1, not lost output.
    static func out(_ text: String, terminator: String = "\n") throws {
        guard writeToStandardOutput(Array((text + terminator).utf8)) else {
            error("error: cannot write to standard output: \(errnoText())")
            throw ExitCode(1)
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

    /// Reports a solve that did not converge on stderr.
    static func reportConvergence(_ report: SolveReport) {
        if !report.converged {
            error("warning: did not converge: after \(plural(report.sweeps, "sweep")) the largest change was \(report.finalChange) (raise --max-iterations or --tolerance)")
        }
    }

    /// Rewrites one progress line on a terminal's standard error; `nil` clears it.
    static func progress(_ text: String?) {
        var standardError = StandardError()
        print("\r\u{1B}[K" + (text ?? ""), terminator: "", to: &standardError)
    }
}

/// Progress on one rewritten line of a terminal's standard error, for long counterfactual runs.
enum ProgressLine {
    /// A reporter when standard error is a terminal and the run is long, else nil.
    static func make(_ what: String, total: Int, worthIt: Bool) -> (@Sendable (Int) -> Void)? {
        guard isatty(2) != 0 && worthIt else { return nil }
        return { (done: Int) in Console.progress("\(what): \(done) of \(total)") }
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
