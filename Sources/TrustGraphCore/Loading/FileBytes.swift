#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and atomic writes with POSIX calls.
public enum FileBytes {
    public enum ReadFailure: Error, Equatable {
        case missing
        case unreadable(String)
    }

    /// Opens `path` for reading (not a directory) and calls `body` with the
    /// descriptor and the file's status; the descriptor is closed after.
    static func withOpenFile<T>(_ path: String, _ body: (Int32, stat) -> Result<T, ReadFailure>) -> Result<T, ReadFailure> {
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            let code = errno, reason = errnoDescription()
            guard code == ENOENT else { return .failure(.unreadable(reason)) }
            // A link to nothing is there but unreadable, not missing.
            var link = stat()
            return lstat(path, &link) == 0 ? .failure(.unreadable("it links to a file that does not exist")) : .failure(.missing)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable(errnoDescription())) }
        if (info.st_mode & S_IFMT) == S_IFDIR { return .failure(.unreadable("is a directory")) }
        return body(fd, info)
    }

    /// The bytes of the file at `path`.
    public static func read(_ path: String) -> Result<[UInt8], ReadFailure> {
        withOpenFile(path) { fd, info in read(fd, size: Int(info.st_size)) }
    }

    /// The bytes of an open file of about `size` bytes, read to its end.
    static func read(_ fd: Int32, size: Int) -> Result<[UInt8], ReadFailure> {
        // Read straight into uninitialised storage; grow only if the file grew meanwhile.
        var bytes: [UInt8] = []
        var capacity = max(size, 0) + 1
        var failure: ReadFailure?
        while failure == nil {
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                var got = 0
                while got < buffer.count {
                    let n = Glibc_read(fd, buffer.baseAddress! + got, buffer.count - got)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = .unreadable(errnoDescription())
                        break
                    }
                    if n == 0 { break }
                    got += n
                }
                count = got
            }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            if chunk.count < capacity { break }
            capacity = max(capacity, 1 << 20)
        }
        if let failure { return .failure(failure) }
        return .success(bytes)
    }

    /// Writes `bytes` to `path` atomically: a temporary file beside it, then `rename`.
    /// A reader never sees a half-written file, and on error the old file is untouched.
    /// Through a symbolic link, the file it points to is replaced (the link stays);
    /// an existing device or pipe (`/dev/stdout`, a FIFO) is written in place.
    /// Every write is checked: a full disk is an error, not a short file.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(WriteError) {
        var info = stat(), link = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
            // A device or a pipe cannot be replaced, only written to.
            try writeInPlace(bytes, to: path)
            return
        }
        if lstat(path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK, let target = realpath(path, nil) {
            // Through a link: replace the file it points to, keep the link.
            defer { free(target) }
            try writeAtomically(bytes, to: String(cString: target))
            return
        }
        let directory: String
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            directory = "."
        }
        var template = Array((directory + "/.trustgraph-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw WriteError(path: path, reason: errnoDescription()) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard writeAll(bytes, to: fd) else {
            let reason = errnoDescription()
            close(fd); unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
        fchmod(fd, 0o644)
        if fsync(fd) != 0 || close(fd) != 0 {
            let reason = errnoDescription()
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
        if rename(temporary, path) != 0 {
            let reason = errnoDescription()
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
    }

    /// Writes `bytes` to an existing device or pipe, every write checked.
    private static func writeInPlace(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let fd = open(path, O_WRONLY)
        guard fd >= 0 else { throw WriteError(path: path, reason: errnoDescription()) }
        guard writeAll(bytes, to: fd) else {
            let reason = errnoDescription()
            close(fd)
            throw WriteError(path: path, reason: reason)
        }
        if close(fd) != 0 { throw WriteError(path: path, reason: errnoDescription()) }
    }

    /// Writes all of `bytes` to the open descriptor `fd`, retrying short and
    /// interrupted writes.
    /// - Returns: false when a write failed (`errno` says why).
    public static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc_write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            written += n
        }
        return true
    }

    /// Writing a file failed.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write '\(path)': \(reason)" }
    }
}

@inline(__always) private func Glibc_read(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int { read(fd, p, n) }
@inline(__always) private func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }

extension FileBytes {
    /// Creates `path` and its parents when missing.
    public static func makeDirectory(_ path: String) throws(WriteError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part + "/"
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw WriteError(path: path, reason: errnoDescription())
            }
        }
    }
}

/// The text of the current `errno`.
func errnoDescription() -> String {
    guard let text = strerror(errno) else { return "error \(errno)" }
    return String(decoding: UnsafeRawBufferPointer(start: text, count: strlen(text)), as: UTF8.self)
}
