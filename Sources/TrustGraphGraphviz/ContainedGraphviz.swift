import TrustGraphCore

/// Graphviz run in a child process of the calling program, within `GraphvizLimits`.
///
/// Layout is where a small input can cost minutes, gigabytes or a crash, and
/// Graphviz's C code runs with the rights and the memory of whoever calls it. The
/// parent writes the DOT text to a child — the same executable, started with
/// `workerArgument` — which sets its CPU-time and address-space limits, renders
/// with `GraphvizRenderer` and sends the picture back (`GraphvizWire`). A child
/// that crashes, runs out of its memory or time, or is killed becomes a
/// `GraphvizError`; the parent only ever sees a complete picture or an error, so
/// nothing partial is written.
///
/// The program must call `serveIfWorker(_:)` first thing in `main`.
public enum ContainedGraphviz {
    /// The first argument that makes the program a Graphviz worker instead of its usual self.
    public static let workerArgument = "__graphviz-layout"

    /// The program to start as the worker: this process's own executable.
    public static var currentExecutable: String {
        #if os(Linux)
        return "/proc/self/exe"
        #else
        return CommandLine.arguments[0]
        #endif
    }

    /// Renders `dot` in a child process.
    /// - Parameters:
    ///   - dot: the graph in DOT.
    ///   - engine: the layout engine, or nil for the graph's `layout` attribute or `dot`.
    ///   - format: `svg`, `png`, `pdf`, …
    ///   - restrictAttributes: keep only the attributes trustgraph writes (see `DOTAttributeFilter`),
    ///     for DOT that comes from elsewhere.
    ///   - limits: time and memory the child may use.
    ///   - executable: the program to start with `workerArgument`.
    /// - Throws: `GraphvizError`: Graphviz's own errors as in-process, or `.timedOut`, `.stopped`,
    ///   `.workerUnavailable`.
    public static func render(_ dot: String, engine: String?, format: String, restrictAttributes: Bool = false,
                              limits: GraphvizLimits = .standard,
                              executable: String = currentExecutable) throws(GraphvizError) -> RenderedGraph {
        let arguments = [executable, workerArgument, engine ?? "", format,
                         String(limits.seconds ?? 0), String(limits.addressSpace ?? 0), restrictAttributes ? "1" : "0"]
        let run = try ChildProcess.run(executable: executable, arguments: arguments, input: Array(dot.utf8),
                                       seconds: limits.seconds)
        let engineName = engine ?? "dot"
        if run.timedOut || run.signal == SIGXCPU || run.signal == SIGKILL && limits.seconds != nil {
            throw .timedOut(engine: engineName, seconds: limits.seconds ?? 0)
        }
        if run.exitStatus == 0, let result = GraphvizWire.decode(run.output) {
            return try result.get()
        }
        throw .stopped(engine: engineName, reason: reason(run, limits: limits))
    }

    /// When `arguments` start a worker (`program workerArgument engine format seconds bytes restrict`),
    /// reads DOT from standard input, writes the response to standard output and exits;
    /// otherwise returns at once.
    public static func serveIfWorker(_ arguments: [String]) {
        guard arguments.count >= 2, arguments[1] == workerArgument else { return }
        guard arguments.count == 7, let seconds = Int(arguments[4]), let bytes = Int(arguments[5]) else {
            Standard.writeError("\(workerArgument): expected engine, format, seconds, bytes and 0 or 1\n")
            exit(2)
        }
        applyLimits(seconds: seconds, addressSpace: bytes)
        let dot = String(decoding: Standard.readInput(), as: UTF8.self)
        let engine = arguments[2].isEmpty ? nil : arguments[2]
        let result = Result { () throws(GraphvizError) -> RenderedGraph in
            try GraphvizRenderer.render(dot, engine: engine, format: arguments[3], restrictAttributes: arguments[6] == "1")
        }
        exit(Standard.writeOutput(GraphvizWire.encode(result)) ? 0 : 1)
    }

    /// CPU seconds (the kernel sends SIGXCPU, then SIGKILL a second later) and address space; 0 means none.
    private static func applyLimits(seconds: Int, addressSpace: Int) {
        if seconds > 0 {
            var limit = rlimit(rlim_cur: rlim_t(seconds), rlim_max: rlim_t(seconds + 1))
            _ = setResourceLimit(.cpu, &limit)
        }
        // AddressSanitizer reserves terabytes of shadow address space: under it, only time is limited.
        if addressSpace > 0 && !underAddressSanitizer {
            var limit = rlimit(rlim_cur: rlim_t(addressSpace), rlim_max: rlim_t(addressSpace))
            _ = setResourceLimit(.addressSpace, &limit)
        }
    }

    /// Whether this process was built with AddressSanitizer (its runtime is linked in).
    static var underAddressSanitizer: Bool {
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil
    }

    private enum Resource { case cpu, addressSpace }

    private static func setResourceLimit(_ resource: Resource, _ limit: inout rlimit) -> Int32 {
        #if os(Linux)
        let which = resource == .cpu ? RLIMIT_CPU : RLIMIT_AS
        return setrlimit(__rlimit_resource_t(which.rawValue), &limit)
        #else
        return setrlimit(resource == .cpu ? RLIMIT_CPU : RLIMIT_AS, &limit)
        #endif
    }

    /// How a child ended without a picture, for `.stopped`.
    private static func reason(_ run: ChildProcess.Outcome, limits: GraphvizLimits) -> String {
        var parts: [String] = []
        if let signal = run.signal {
            parts.append("it was ended by \(signalName(signal))")
        } else {
            parts.append("it exited with status \(run.exitStatus)")
        }
        if let printed = lastLine(of: run.errorOutput) { parts.append("its last message: \(printed)") }
        var text = parts.joined(separator: "; ")
        if let bytes = limits.addressSpace {
            text += " — most likely it ran out of the \(GraphvizLimits.describe(bytes: bytes)) it may use (--memory-limit)"
        }
        return text + "; nothing was written"
    }

    private static func lastLine(of bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
        guard var line = lines.last else { return nil }
        if line.count > 200 { line = String(line.prefix(200)) + "…" }
        return line
    }

    private static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGSEGV: return "SIGSEGV (a crash)"
        case SIGBUS: return "SIGBUS (a crash)"
        case SIGABRT: return "SIGABRT (an abort)"
        case SIGILL: return "SIGILL (a trap)"
        case SIGTRAP: return "SIGTRAP (a trap)"
        case SIGKILL: return "SIGKILL"
        case SIGTERM: return "SIGTERM"
        case SIGINT: return "SIGINT"
        default: return "signal \(signal)"
        }
    }
}

private extension Substring {
    func trimmingCharacters() -> String {
        var slice = self[...]
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}

/// The worker's standard streams, read and written whole.
private enum Standard {
    static func readInput() -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n > 0 {
                bytes.append(contentsOf: chunk[0..<n])
            } else if n == 0 || errno != EINTR {
                return bytes
            }
        }
    }

    static func writeOutput(_ bytes: [UInt8]) -> Bool { writeAll(bytes, to: 1) }

    static func writeError(_ text: String) { _ = writeAll(Array(text.utf8), to: 2) }

    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }
}
