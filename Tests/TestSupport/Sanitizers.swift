#if canImport(Glibc)
import Glibc
#endif

/// Which sanitizer the tests run under (`make sanitize`).
public enum Sanitizers {
    /// Whether AddressSanitizer is in the process: its shadow memory takes terabytes of
    /// address space, so tests of a limit on address space (`ulimit -v`) mean nothing there.
    public static var address: Bool {
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil
    }
}
