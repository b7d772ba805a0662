/// The files of a package given on the command line — a ZIP archive or a
/// directory — found by file name, case-insensitively, anywhere inside it.
struct ImportPackage {
    /// The path as given.
    let path: String
    /// Relative paths of the files, by lower-cased base name.
    private var byName: [String: [String]] = [:]
    private var archive: ZipArchive?
    /// Names in a ZIP archive that were not read because they would escape a directory.
    private(set) var unsafeNames: [String] = []

    /// Files a directory walk looks at, at most (a package holds about a dozen).
    static let maxDirectoryFiles = 10_000
    /// Directory levels a walk descends, at most.
    static let maxDepth = 16

    /// Opens `path`: a directory is listed recursively, anything else is read as a ZIP archive.
    /// - Throws: a `Diagnostic` naming the package and what is wrong with it.
    init(path: String, limits: ZipLimits) throws(DiagnosticFailure) {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw DiagnosticFailure(.missingFile, file: path, "no such file or directory (expected a report package: a .zip file or a directory)")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            var count = 0
            try list(directory: path, relative: "", depth: 0, count: &count)
            return
        }
        do {
            let archive = try ZipArchive(path: path, limits: limits)
            for entry in archive.entries { add(entry.name) }
            unsafeNames = archive.unsafeNames
            self.archive = archive
        } catch {
            throw DiagnosticFailure(.unreadableFile, file: path, error.message)
        }
    }

    private mutating func add(_ relative: String) {
        let base = relative.split(separator: "/").last.map(String.init) ?? relative
        byName[base.lowercased(), default: []].append(relative)
    }

    private mutating func list(directory: String, relative: String, depth: Int, count: inout Int) throws(DiagnosticFailure) {
        guard depth <= ImportPackage.maxDepth else { return }
        guard let stream = opendir(directory) else {
            throw DiagnosticFailure(.unreadableFile, file: directory, "cannot list it: \(errnoDescription())")
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        for name in names.sorted() {
            count += 1
            guard count <= ImportPackage.maxDirectoryFiles else {
                throw DiagnosticFailure(.unreadableFile, file: path, "it holds more than \(ImportPackage.maxDirectoryFiles) files (is it a report package?)")
            }
            let full = directory + "/" + name, child = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard stat(full, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                try list(directory: full, relative: child, depth: depth + 1, count: &count)
            } else if (info.st_mode & S_IFMT) == S_IFREG {
                add(child)
            }
        }
    }

    /// The path a diagnostic names for a file of the package: `package/relative`.
    func display(_ relative: String) -> String {
        (path.hasSuffix("/") ? String(path.dropLast()) : path) + "/" + relative
    }

    /// The relative paths of the files named `name` (compared ignoring case).
    func paths(named name: String) -> [String] { byName[name.lowercased()] ?? [] }

    /// The bytes of the file at `relative`.
    mutating func read(_ relative: String) throws(DiagnosticFailure) -> [UInt8] {
        if var archive {
            defer { self.archive = archive }
            guard let entry = archive.entries.first(where: { $0.name == relative }) else {
                throw DiagnosticFailure(.missingFile, file: display(relative), "no such entry")
            }
            do { return try archive.contents(of: entry) } catch {
                throw DiagnosticFailure(.unreadableFile, file: display(relative), error.message)
            }
        }
        switch FileBytes.read(display(relative)) {
        case .success(let bytes): return bytes
        case .failure(.missing): throw DiagnosticFailure(.missingFile, file: display(relative), "no such file")
        case .failure(.unreadable(let reason)): throw DiagnosticFailure(.unreadableFile, file: display(relative), "cannot read it: \(reason)")
        }
    }
}

/// One diagnostic thrown where a problem stops the reading of a whole file.
struct DiagnosticFailure: Error {
    var diagnostic: Diagnostic

    init(_ kind: Diagnostic.Kind, file: String, line: Int = 0, column: String? = nil, _ message: String) {
        diagnostic = Diagnostic(.error, kind, file: file, line: line, column: column, message)
    }
}

extension DiagnosticSink {
    /// Records a diagnostic thrown as a `DiagnosticFailure`.
    mutating func record(_ failure: DiagnosticFailure) {
        let d = failure.diagnostic
        error(d.kind, file: d.file, line: d.line, column: d.column, d.message)
    }
}
