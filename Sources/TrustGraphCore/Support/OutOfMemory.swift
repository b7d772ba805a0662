/// What happens when the system refuses memory for one of the large buffers
/// the loader and the solver allocate themselves (parsed columns, id tables):
/// the process ends with a message and exit status 1, not a crash. Nothing
/// can go on without the buffer, and outputs are only ever written whole at
/// the end, so nothing partial is left behind.
///
/// Allocations by Swift's own arrays are not covered: the runtime stops the
/// process on those. They are the smaller ones, so under a limit
/// (`ulimit -v`) one of the buffers here is almost always refused first.
public enum OutOfMemory {
    #if canImport(Glibc)
    private static let RLIMIT_AS_VALUE = __rlimit_resource_t(RLIMIT_AS.rawValue)
    #else
    private static let RLIMIT_AS_VALUE = RLIMIT_AS
    #endif

    /// Ends the process: `what` could not get `bytes` bytes.
    public static func fail(_ what: String, bytes: Int) -> Never {
        let message = "error: out of memory: \(what) needs \(megabytes(bytes)) more than this process can get "
            + "(the machine's memory, or a limit such as ulimit -v, is reached); nothing was written\n"
        _ = message.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
        _exit(1)
    }

    /// Ends the process as `fail` does unless `bytes` more fit under the process's
    /// address-space limit (`ulimit -v`); without a limit nothing is checked. Called
    /// before steps that allocate through Swift's arrays, whose refusal would crash.
    public static func ensure(_ bytes: Int, for what: @autoclosure () -> String) {
        var limit = rlimit()
        guard getrlimit(RLIMIT_AS_VALUE, &limit) == 0, limit.rlim_cur != rlim_t.max, let used = addressSpaceInUse() else { return }
        if used + bytes > Int(clamping: limit.rlim_cur) { fail(what(), bytes: bytes) }
    }

    /// The bytes of address space the process uses (`/proc/self/statm`), or nil where that cannot be read.
    static func addressSpaceInUse() -> Int? {
        let fd = open("/proc/self/statm", O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        var pages = 0
        for b in buffer.prefix(n) {
            guard b >= 48 && b <= 57 else { break }
            pages = pages * 10 + Int(b - 48)
        }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// `bytes` in MB, at least 1.
    static func megabytes(_ bytes: Int) -> String {
        "\(max(1, (bytes + 999_999) / 1_000_000)) MB"
    }
}
