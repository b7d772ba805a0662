import TrustGraphCore

/// Runs a program with some bytes on its standard input, collects its standard output and
/// (the end of) its standard error, and kills it when it runs past a deadline.
enum ChildProcess {
    /// How the child ended and what it printed.
    struct Outcome {
        /// Everything written to standard output.
        var output: [UInt8]
        /// The last `errorOutputLimit` bytes written to standard error.
        var errorOutput: [UInt8]
        /// The exit status when the child exited, 0 otherwise.
        var exitStatus: Int32
        /// The signal that ended the child, if one did.
        var signal: Int32?
        /// Whether the parent killed the child at the deadline.
        var timedOut: Bool
    }

    static let errorOutputLimit = 64 << 10

    /// Starts `executable` with `arguments` (the first is its name), writes `input`, and waits.
    /// - Parameter seconds: wall-clock seconds before the child is killed; nil waits for ever.
    static func run(executable: String, arguments: [String], input: [UInt8],
                    seconds: Int?) throws(GraphvizError) -> Outcome {
        var inPipe: [Int32] = [-1, -1], outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        guard makePipe(&inPipe), makePipe(&outPipe), makePipe(&errPipe) else {
            for fd in inPipe + outPipe + errPipe where fd >= 0 { close(fd) }
            throw .workerUnavailable("cannot create pipes (\(String(cString: strerror(errno))))")
        }
        let pid: pid_t
        do {
            pid = try spawn(executable, arguments, stdin: inPipe[0], stdout: outPipe[1], stderr: errPipe[1])
        } catch {
            for fd in inPipe + outPipe + errPipe { close(fd) }
            throw error
        }
        close(inPipe[0]); close(outPipe[1]); close(errPipe[1])

        // A child that dies before reading its input must give an error here, not kill the parent.
        let previousPipeHandler = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previousPipeHandler) }
        let start = monotonicMilliseconds()
        let deadline = seconds.map { start + Int64($0) * 1000 }
        writeAll(input, to: inPipe[1])
        close(inPipe[1])

        var output: [UInt8] = [], errorOutput: [UInt8] = []
        let timedOut = !drain(out: outPipe[0], err: errPipe[0], output: &output, errorOutput: &errorOutput, deadline: deadline)
        if timedOut { kill(pid, SIGKILL) }
        close(outPipe[0]); close(errPipe[0])

        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signalNumber = status & 0x7f
        return Outcome(output: output, errorOutput: errorOutput,
                       exitStatus: signalNumber == 0 ? (status >> 8) & 0xff : 0,
                       signal: signalNumber == 0 ? nil : signalNumber, timedOut: timedOut)
    }

    /// Reads both streams until both end (true) or the deadline passes (false).
    private static func drain(out: Int32, err: Int32, output: inout [UInt8], errorOutput: inout [UInt8],
                              deadline: Int64?) -> Bool {
        var fds = [pollfd(fd: out, events: Int16(POLLIN), revents: 0), pollfd(fd: err, events: Int16(POLLIN), revents: 0)]
        var open = 2
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while open > 0 {
            var timeout: Int32 = -1
            if let deadline {
                let left = deadline - monotonicMilliseconds()
                if left <= 0 { return false }
                timeout = Int32(min(left, Int64(Int32.max)))
            }
            let ready = poll(&fds, nfds_t(fds.count), timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                return true
            }
            for k in fds.indices where fds[k].fd >= 0 && fds[k].revents != 0 {
                let n = chunk.withUnsafeMutableBytes { read(fds[k].fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    if k == 0 {
                        output.append(contentsOf: chunk[0..<n])
                    } else {
                        errorOutput.append(contentsOf: chunk[0..<n])
                        if errorOutput.count > errorOutputLimit {
                            errorOutput.removeFirst(errorOutput.count - errorOutputLimit)
                        }
                    }
                } else if n == 0 || errno != EINTR && errno != EAGAIN {
                    fds[k].fd = -1
                    open -= 1
                }
            }
        }
        return true
    }

    private static func spawn(_ executable: String, _ arguments: [String],
                              stdin: Int32, stdout: Int32, stderr: Int32) throws(GraphvizError) -> pid_t {
        #if os(Linux)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The parent ignores SIGPIPE while it writes; the child gets the usual behaviour back.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        // The parent's environment, without the Swift runtime's crash backtrace: a crash in the
        // child is reported by the parent, and the backtrace would be the child's last words.
        var environment: [UnsafeMutablePointer<CChar>?] = [strdup("SWIFT_BACKTRACE=enable=no")]
        var entry = environ
        while let variable = entry.pointee {
            if strncmp(variable, "SWIFT_BACKTRACE=", 16) != 0 { environment.append(strdup(variable)) }
            entry += 1
        }
        environment.append(nil)
        defer { for variable in environment { free(variable) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, environment)
        guard status == 0 else {
            throw .workerUnavailable("cannot start '\(executable)' (\(String(cString: strerror(status))))")
        }
        return pid
    }

    /// A pipe whose two ends close on exec (the child gets only the copies made for it).
    private static func makePipe(_ fds: inout [Int32]) -> Bool {
        fds.withUnsafeMutableBufferPointer { buffer in
            guard pipe(buffer.baseAddress) == 0 else { return false }
            _ = fcntl(buffer[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(buffer[1], F_SETFD, FD_CLOEXEC)
            return true
        }
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                offset += n
            } else if !(n < 0 && errno == EINTR) {
                return
            }
        }
    }

    private static func monotonicMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
