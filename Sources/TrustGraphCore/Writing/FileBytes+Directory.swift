extension FileBytes {
    /// Writes a directory of files so that it appears at once: every file goes into a
    /// temporary directory beside `path` (`.trustgraph-XXXXXX`), which is then renamed
    /// into place. A reader, or a command killed half-way, never sees some new files
    /// beside some old ones.
    ///
    /// A missing or empty `path` is simply replaced (its parents are created). A
    /// non-empty one is refused unless `replacing`, and even then only when it holds
    /// nothing but regular files named in `replaceable` (or left-over `.trustgraph-`
    /// temporaries): the old directory is renamed aside, the new one renamed in, and the
    /// old one removed. A directory that existed keeps its permission bits. Through a
    /// symbolic link, the directory it points to is replaced.
    /// - Parameters:
    ///   - files: names (no `/`) and their bytes.
    ///   - path: the directory to write.
    ///   - replacing: whether a non-empty directory may be replaced.
    ///   - replaceable: the names a replaced directory may hold.
    /// - Throws: `WriteError` naming `path` and why; then `path` is as it was.
    public static func writeDirectory(_ files: [(name: String, bytes: [UInt8])], to path: String,
                                      replacing: Bool, replaceable: Set<String>) throws(WriteError) {
        var target = path
        while target.count > 1 && target.hasSuffix("/") { target.removeLast() }
        var link = stat()
        if lstat(target, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realpath(target, nil) else {
                throw WriteError(path: path, reason: "it is a symbolic link to nothing")
            }
            target = String(cString: resolved)
            free(resolved)
        }
        let parent = directory(of: target)
        try makeDirectory(parent)

        var info = stat()
        let exists = stat(target, &info) == 0
        var oldEntries: [String] = []
        if exists {
            guard (info.st_mode & S_IFMT) == S_IFDIR else { throw WriteError(path: path, reason: "it exists and is not a directory") }
            oldEntries = try entries(of: target, as: path)
            if !oldEntries.isEmpty {
                guard replacing else { throw WriteError(path: path, reason: "the directory is not empty (add --force to replace it)") }
                for name in oldEntries where !replaceable.contains(name) && !name.hasPrefix(".trustgraph-") {
                    throw WriteError(path: path, reason: "it holds '\(name)', which is not a file of a dataset; not replacing it")
                }
                for name in oldEntries {
                    var entry = stat()
                    if lstat(target + "/" + name, &entry) != 0 || (entry.st_mode & S_IFMT) != S_IFREG {
                        throw WriteError(path: path, reason: "'\(name)' in it is not a regular file; not replacing it")
                    }
                }
            }
        }

        let temporary = try createTemporaryDirectory(in: parent, for: path)
        var written: [String] = []
        func discard() {
            for file in written { unlink(file); TemporaryPaths.unregister(file) }
            rmdir(temporary)
            TemporaryPaths.unregister(temporary)
        }
        for (name, bytes) in files {
            let file = temporary + "/" + name
            TemporaryPaths.register(file)
            written.append(file)
            do {
                try writeAtomically(bytes, to: file)
            } catch {
                discard()
                throw WriteError(path: path, reason: error.reason)
            }
        }
        if exists { chmod(temporary, info.st_mode & 0o7777) }
        syncDirectory(temporary)

        if oldEntries.isEmpty {
            // Missing, or an empty directory, which rename replaces.
            guard rename(temporary, target) == 0 else {
                let reason = errnoDescription()
                discard()
                throw WriteError(path: path, reason: reason)
            }
            for file in written { TemporaryPaths.unregister(file) }
            TemporaryPaths.unregister(temporary)
            syncDirectory(parent)
            return
        }

        // Replace by two renames with the signals held back, so the directory is never
        // missing because of a Ctrl-C between them.
        let aside = try unusedName(in: parent, for: path)
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&blocked, signalNumber) }
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        guard rename(target, aside) == 0 else {
            let reason = errnoDescription()
            pthread_sigmask(SIG_SETMASK, &previous, nil)
            discard()
            throw WriteError(path: path, reason: "cannot move the old directory aside: \(reason)")
        }
        guard rename(temporary, target) == 0 else {
            let reason = errnoDescription()
            rename(aside, target)
            pthread_sigmask(SIG_SETMASK, &previous, nil)
            discard()
            throw WriteError(path: path, reason: reason)
        }
        for file in written { TemporaryPaths.unregister(file) }
        TemporaryPaths.unregister(temporary)
        // The old directory is now garbage: a signal from here on removes it.
        let old = oldEntries.map { aside + "/" + $0 }
        TemporaryPaths.register(aside)
        for file in old { TemporaryPaths.register(file) }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        syncDirectory(parent)
        for file in old { unlink(file); TemporaryPaths.unregister(file) }
        rmdir(aside)
        TemporaryPaths.unregister(aside)
    }

    /// The names in directory `path`, without `.` and `..`.
    static func entries(of path: String, as given: String) throws(WriteError) -> [String] {
        guard let stream = opendir(path) else { throw WriteError(path: given, reason: errnoDescription()) }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Creates `directory/.trustgraph-XXXXXX` as a directory with mode 0777 less the
    /// umask, registered in `TemporaryPaths`.
    static func createTemporaryDirectory(in directory: String, for given: String) throws(WriteError) -> String {
        while true {
            let candidate = directory + "/" + temporaryName()
            TemporaryPaths.register(candidate)
            if mkdir(candidate, 0o777) == 0 { return candidate }
            let code = errno, reason = errnoDescription()
            TemporaryPaths.unregister(candidate)
            if code != EEXIST { throw WriteError(path: given, reason: reason) }
        }
    }

    /// A `.trustgraph-XXXXXX` name in `directory` that nothing has.
    private static func unusedName(in directory: String, for given: String) throws(WriteError) -> String {
        for _ in 0..<100 {
            let candidate = directory + "/" + temporaryName()
            var info = stat()
            if lstat(candidate, &info) != 0 && errno == ENOENT { return candidate }
        }
        throw WriteError(path: given, reason: "cannot find an unused temporary name in '\(directory)'")
    }

    /// Flushes a directory's entries to disk (best effort: some file systems refuse).
    private static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
