import TrustGraphCore

/// What a trust map can be written as.
public enum TrustMapFormat: String, Sendable, CaseIterable {
    /// Scalable vector graphics with tooltips and stable ids.
    case svg
    /// A bitmap for slides and documents.
    case png
    /// A vector document for print.
    case pdf
    /// The DOT graph itself, before layout.
    case dot

    /// The format a file name's extension names (`.svg`, `.png`, `.pdf`, `.dot`, `.gv`), if any.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "svg": self = .svg
        case "png": self = .png
        case "pdf": self = .pdf
        case "dot", "gv": self = .dot
        default: return nil
        }
    }
}

/// A map file could not be written.
public struct TrustMapFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path as given.
    public var path: String
    /// Why, in words.
    public var reason: String

    /// A path and why it cannot be written.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// "cannot write 'path': reason".
    public var description: String { "cannot write '\(path)': \(reason)" }
}

/// Turning a trust map into bytes and writing them.
public enum TrustMapFile {
    /// The map in `format`: DOT as is, anything else laid out by the map's engine.
    /// - Parameter limits: lay out in a child process within these limits (see `ContainedGraphviz`);
    ///   nil lays out in this process.
    /// - Throws: `GraphvizError` when Graphviz fails.
    public static func render(_ map: TrustMap, as format: TrustMapFormat,
                              limits: GraphvizLimits? = nil) throws(GraphvizError) -> RenderedGraph {
        if format == .dot { return RenderedGraph(bytes: Array(map.dot.utf8), warnings: []) }
        if let limits {
            return try ContainedGraphviz.render(map.dot, engine: map.engine, format: format.rawValue, limits: limits)
        }
        return try GraphvizRenderer.render(map.dot, engine: map.engine, format: format.rawValue)
    }

    /// Checks, before the work of rendering, that `path` can be written: its directory exists
    /// and is writable, and it is not itself a directory.
    /// - Throws: `TrustMapFileError` saying what is wrong.
    public static func checkWritable(_ path: String) throws(TrustMapFileError) {
        let directory: String
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            directory = "."
        }
        var info = stat()
        if stat(directory, &info) != 0 {
            throw TrustMapFileError(path: path, reason: "directory '\(directory)' does not exist")
        }
        if (info.st_mode & S_IFMT) != S_IFDIR {
            throw TrustMapFileError(path: path, reason: "'\(directory)' is not a directory")
        }
        if access(directory, W_OK) != 0 {
            throw TrustMapFileError(path: path, reason: "directory '\(directory)' is not writable")
        }
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            throw TrustMapFileError(path: path, reason: "it is a directory")
        }
    }

    /// Writes `bytes` to `path` atomically: a reader sees the old file or the whole new one,
    /// and a failed write leaves no partial file behind.
    /// - Throws: `TrustMapFileError`.
    public static func write(_ bytes: [UInt8], to path: String) throws(TrustMapFileError) {
        do {
            try FileBytes.writeAtomically(bytes, to: path)
        } catch {
            throw TrustMapFileError(path: path, reason: error.reason)
        }
    }
}
