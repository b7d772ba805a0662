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
    /// A new file gets the mode `open` gives under the umask (0644 under the usual 022);
    /// an existing file keeps its permission bits and, where the system allows it, its
    /// owner and group. Through a symbolic link, the file it points to is replaced (the
    /// link stays), or created when the link points to nothing yet; an existing device or
    /// pipe (`/dev/stdout`, a FIFO) is written in place. Every write is checked: a full
    /// disk is an error, not a short file. While the temporary file exists it is in
    /// `TemporaryPaths`, so a signal handler can remove it.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(WriteError) {
        try writeAtomically(bytes, to: path, as: path, linksFollowed: 0)
    }

    /// `writeAtomically` for `path`, reached from `given` (the path errors name)
    /// through `linksFollowed` symbolic links.
    private static func writeAtomically(_ bytes: [UInt8], to path: String, as given: String, linksFollowed: Int) throws(WriteError) {
        var info = stat(), link = stat()
        let exists = stat(path, &info) == 0
        if exists && (info.st_mode & S_IFMT) != S_IFREG {
            // A device or a pipe cannot be replaced, only written to.
            try writeInPlace(bytes, to: path)
            return
        }
        if lstat(path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK {
            guard linksFollowed < 40 else { throw WriteError(path: given, reason: "too many levels of symbolic links") }
            if exists, let target = realpath(path, nil) {
                // Through a link: replace the file it points to, keep the link.
                defer { free(target) }
                try writeAtomically(bytes, to: String(cString: target), as: given, linksFollowed: linksFollowed + 1)
                return
            }
            // A link to nothing yet: create the file it names, if its directory exists.
            let text = try linkText(path, as: given)
            let target = text.hasPrefix("/") ? text : directory(of: path) + "/" + text
            var folder = stat()
            guard stat(directory(of: target), &folder) == 0, (folder.st_mode & S_IFMT) == S_IFDIR else {
                throw WriteError(path: given, reason: "it links to '\(text)', whose directory does not exist")
            }
            try writeAtomically(bytes, to: target, as: given, linksFollowed: linksFollowed + 1)
            return
        }
        let (fd, temporary) = try createTemporaryFile(in: directory(of: path), for: given)
        defer { TemporaryPaths.unregister(temporary) }
        guard writeAll(bytes, to: fd) else {
            let reason = errnoDescription()
            close(fd); unlink(temporary)
            throw WriteError(path: given, reason: reason)
        }
        if exists { keepOwnerAndMode(of: info, on: fd) }
        if fsync(fd) != 0 || close(fd) != 0 {
            let reason = errnoDescription()
            unlink(temporary)
            throw WriteError(path: given, reason: reason)
        }
        if rename(temporary, path) != 0 {
            let reason = errnoDescription()
            unlink(temporary)
            throw WriteError(path: given, reason: reason)
        }
    }

    /// Gives the new file at `fd` the owner, group and permission bits of the file it
    /// replaces. Owner and group are best effort (only root may give a file away; a
    /// user may choose among their own groups); set-id and sticky bits are not kept.
    private static func keepOwnerAndMode(of old: stat, on fd: Int32) {
        var new = stat()
        if fstat(fd, &new) == 0 && (new.st_uid != old.st_uid || new.st_gid != old.st_gid) {
            if fchown(fd, old.st_uid, old.st_gid) != 0 { _ = fchown(fd, new.st_uid, old.st_gid) }
        }
        fchmod(fd, old.st_mode & 0o777)
    }

    /// Creates `directory/.trustgraph-XXXXXX` for writing, with mode 0666 less the umask
    /// (as `open` applies it), and registers it in `TemporaryPaths`.
    /// - Returns: the open descriptor and the path.
    static func createTemporaryFile(in directory: String, for given: String) throws(WriteError) -> (Int32, String) {
        while true {
            let candidate = directory + "/" + temporaryName()
            // Registered first, so a signal between creating and registering cannot leave it.
            TemporaryPaths.register(candidate)
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 { return (fd, candidate) }
            let code = errno, reason = errnoDescription()
            TemporaryPaths.unregister(candidate)
            if code != EEXIST { throw WriteError(path: given, reason: reason) }
        }
    }

    /// `.trustgraph-` and six random letters and digits, as `mkstemp` would choose.
    static func temporaryName() -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
        var generator = SystemRandomNumberGenerator()
        return ".trustgraph-" + String(decoding: (0..<6).map { _ in letters.randomElement(using: &generator)! }, as: UTF8.self)
    }

    /// The directory part of `path` (`.` when it has none).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The text of the symbolic link at `path`.
    private static func linkText(_ path: String, as given: String) throws(WriteError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { throw WriteError(path: given, reason: errnoDescription()) }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `a` and `b` name the same file: the same device and inode once
    /// symbolic links are followed, so `./x`, a hard link and a link to it all match.
    /// A path that does not exist matches nothing.
    public static func isSameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
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
    /// Creates `path` and its parents when missing, with mode 0777 less the umask.
    public static func makeDirectory(_ path: String) throws(WriteError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part + "/"
            if mkdir(prefix, 0o777) != 0 && errno != EEXIST {
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
