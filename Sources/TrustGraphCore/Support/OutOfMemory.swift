import CFastPaths

/// What happens when the system refuses memory for one of the large buffers
/// the loader and the solver allocate themselves (parsed columns, id tables):
/// the process ends with a message and exit status 1, not a crash. Nothing
/// can go on without the buffer, and outputs are only ever written whole at
/// the end, so nothing partial is left behind; temporary files being written
/// are removed.
///
/// Swift's own arrays and strings cannot fail softly: the runtime stops the
/// process when one of their allocations is refused. So under a limit (`ulimit -v`) the steps
/// that allocate the most check first that what they need, and `reserve` more,
/// fits (`ensure`), naming what needed it; any other allocation refused at the
/// limit ends the same way, with a more general message, through a handler of
/// the crash (`reportCrashesAtTheLimit`). Messages are written without allocating.
public enum OutOfMemory {
    #if canImport(Glibc)
    private static let RLIMIT_AS_VALUE = __rlimit_resource_t(RLIMIT_AS.rawValue)
    #else
    private static let RLIMIT_AS_VALUE = RLIMIT_AS
    #endif

    /// Address space `ensure` keeps free beyond what a step asks for, for the
    /// small allocations of Swift's runtime that come with it (strings, arrays
    /// of a few elements, a thread's heap arena).
    static let reserve = 8 << 20

    /// What needs memory, said without allocating (there may be none left):
    /// fixed words around one number and, optionally, a name that already exists.
    public struct Need {
        let lead: StaticString
        let number: Int
        let tail: StaticString
        let name: String

        /// "\(lead)\(number)\(tail)\(name)", e.g. `Need("reading the ", 500, " rows of ", "suppliers.csv")`.
        public init(_ lead: StaticString, _ number: Int, _ tail: StaticString, _ name: String = "") {
            self.lead = lead
            self.number = number
            self.tail = tail
            self.name = name
        }
    }

    /// Ends the process: `need` could not get `bytes` bytes. Allocates nothing.
    /// Removes the temporary files being written unless told not to (by the list of them, being made).
    public static func fail(_ need: Need, bytes: Int, removingTemporaryPaths: Bool = true) -> Never {
        if removingTemporaryPaths { TemporaryPaths.removeAllFromSignalHandler() }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) { buffer in
            var line = FixedLine(buffer)
            line.append("error: out of memory: ")
            line.append(need.lead)
            line.append(need.number)
            line.append(need.tail)
            line.append(need.name, atMost: 256)
            line.append(" needs ")
            line.append(max(1, (bytes + 999_999) / 1_000_000))
            line.append(" MB more than this process can get (the machine's memory, or a limit such as ulimit -v, is reached); nothing was written\n")
            _ = write(2, buffer.baseAddress, line.count)
        }
        _exit(1)
    }

    /// Ends the process as `fail` does unless `bytes` more, and `reserve` beyond,
    /// fit under the process's address-space limit (`ulimit -v`); without a limit
    /// nothing is checked. Called before steps that allocate through Swift's
    /// arrays, whose refusal would crash, and as parsed columns grow.
    public static func ensure(_ bytes: Int, for need: @autoclosure () -> Need) {
        var limit = rlimit()
        guard getrlimit(RLIMIT_AS_VALUE, &limit) == 0, limit.rlim_cur != rlim_t.max, let used = addressSpaceInUse() else { return }
        if used + bytes + reserve > Int(clamping: limit.rlim_cur) { fail(need(), bytes: bytes) }
    }

    /// The bytes of address space the process uses (`/proc/self/statm`), or nil
    /// where that cannot be read. Allocates nothing.
    static func addressSpaceInUse() -> Int? {
        let used = trustgraph_address_space_in_use()
        return used < 0 ? nil : Int(used)
    }

    /// Under a limit on address space (`ulimit -v`), makes a crash with that space
    /// nearly used up (Swift's runtime stops when any allocation is refused, and the
    /// steps that `ensure` room first are only the largest) end like `fail`: the
    /// temporary files removed, a message, exit status 1. Other crashes stay crashes,
    /// with Swift's backtrace. Without a limit nothing is installed. Call it once, at start.
    public static func reportCrashesAtTheLimit() {
        _ = trustgraph_report_crashes_at_memory_limit { used, limit in
            TemporaryPaths.removeAllFromSignalHandler()
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 512) { buffer in
                var line = FixedLine(buffer)
                line.append("error: out of memory: the command needs more than the ")
                line.append(Int(limit) / 1_000_000)
                line.append(" MB of address space this process may use (a limit such as ulimit -v; ")
                line.append(Int(used) / 1_000_000)
                line.append(" MB in use); nothing was written\n")
                _ = write(2, buffer.baseAddress, line.count)
            }
            _exit(1)
        }
    }
}

/// A line built in a fixed buffer, cut at its end: for messages written when
/// memory may have run out.
private struct FixedLine {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    /// Appends `text`, cut after `atMost` bytes with "…" (a path does not push out the rest of the line).
    mutating func append(_ text: String, atMost: Int = .max) {
        var text = text
        text.withUTF8 { utf8 in
            guard utf8.count > atMost else { return append(utf8) }
            var end = atMost
            while end > 0 && utf8[end] & 0xC0 == 0x80 { end -= 1 }  // not inside a character
            append(UnsafeBufferPointer(rebasing: utf8[..<end]))
            append("…")
        }
    }

    mutating func append(_ number: Int) {
        DecimalDigits.with(number) { append($0) }
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        for b in bytes where count < buffer.count {
            buffer[count] = b
            count += 1
        }
    }
}
