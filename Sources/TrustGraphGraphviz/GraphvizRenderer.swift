import TrustGraphCore
internal import CGraphviz

/// The bytes Graphviz produced, and the warnings it printed on the way.
public struct RenderedGraph: Sendable, Equatable {
    /// The picture (SVG text, PNG or PDF bytes, …).
    public var bytes: [UInt8]
    /// Graphviz's warnings, one per line, without the `Warning: ` prefix.
    public var warnings: [String]

    /// Bytes and the warnings that came with them.
    public init(bytes: [UInt8], warnings: [String]) {
        self.bytes = bytes
        self.warnings = warnings
    }
}

/// Renders DOT text in-process with libgvc.
///
/// Graphviz keeps process-wide state (its error buffer, the DOT parser,
/// layout statics) and crashes when two threads use it at once, even with a
/// context each; so every call into it, from any thread, goes through one
/// lock. Rendering is therefore safe from any thread but never parallel.
public enum GraphvizRenderer {
    /// Lays out `dot` with `engine` and renders it as `format`.
    ///
    /// Each call reads the graph into a fresh context and frees everything
    /// (render buffer, layout, graph, context) before it returns. The same
    /// input gives the same bytes (PDFs carry a fixed creation date).
    /// - Parameters:
    ///   - dot: the graph in DOT (the first graph of the text).
    ///   - engine: a layout engine: `dot`, `sfdp`, `neato`, `fdp`, `circo`, `twopi`, … (see
    ///     `layoutEngines()`); nil takes the graph's `layout` attribute, or `dot` without one,
    ///     as the `dot` command does.
    ///   - format: an output format: `svg`, `png`, `pdf`, … (see `outputFormats()`).
    ///   - restrictAttributes: keep only the attributes trustgraph's maps use and in-page links,
    ///     for DOT from elsewhere (see `DOTAttributeFilter`); what is dropped is named in the warnings.
    /// - Throws: `GraphvizError`, carrying Graphviz's own message.
    ///
    /// This runs Graphviz in the calling process, without limits; `ContainedGraphviz` runs it
    /// in a child process with a time and memory limit.
    public static func render(_ dot: String, engine: String? = nil, format: String,
                              restrictAttributes: Bool = false) throws(GraphvizError) -> RenderedGraph {
        try GraphvizLock.shared.withLock { () throws(GraphvizError) -> RenderedGraph in
            try renderLocked(dot, engine: engine, format: format, restrictAttributes: restrictAttributes)
        }
    }

    /// Reads `dot` as `render(_:engine:format:restrictAttributes:)` would with
    /// `restrictAttributes`, without laying it out.
    /// - Returns: the warnings naming what the attribute filter dropped.
    /// - Throws: `GraphvizError.invalidDOT` when Graphviz cannot read the text.
    public static func readRestricted(_ dot: String) throws(GraphvizError) -> [String] {
        try GraphvizLock.shared.withLock { () throws(GraphvizError) -> [String] in
            let messages = MessageCapture()
            defer { messages.stop() }
            let graph = try read(dot, messages: messages)
            defer { agclose(graph) }
            return DOTAttributeFilter.apply(to: graph)
        }
    }

    /// The layout engines the installed Graphviz offers, sorted.
    public static func layoutEngines() -> [String] { pluginNames(kind: "layout") }

    /// Whether the layout engine `engine` draws clusters (the others lay their
    /// members out as if there were no boxes).
    public static func drawsClusters(_ engine: String) -> Bool {
        ["dot", "fdp", "osage", "patchwork"].contains(engine)
    }

    /// The output formats the installed Graphviz can write, sorted.
    public static func outputFormats() -> [String] { pluginNames(kind: "device") }

    /// The version of the Graphviz library in use, e.g. `2.43.0`.
    public static var version: String {
        GraphvizLock.shared.withLock {
            withContext { gvc in versionLocked(gvc) } ?? ""
        }
    }

    private static func versionLocked(_ gvc: OpaquePointer) -> String {
        gvcVersion(gvc).map { String(cString: $0) } ?? ""
    }

    // MARK: - Under the lock

    private static func renderLocked(_ dot: String, engine: String?, format: String,
                                     restrictAttributes: Bool) throws(GraphvizError) -> RenderedGraph {
        let messages = MessageCapture()
        defer { messages.stop() }
        guard let gvc = gvContext() else { throw .contextUnavailable }
        defer { gvFreeContext(gvc) }

        let engines = plugins(gvc, kind: "layout")
        if let engine, !engines.contains(engine) { throw .unknownEngine(engine, available: engines) }
        let formats = plugins(gvc, kind: "device")
        guard formats.contains(format) else { throw .unknownFormat(format, available: formats) }

        let graph = try read(dot, messages: messages)
        defer { agclose(graph) }

        var notes: [String] = []
        if restrictAttributes { notes += DOTAttributeFilter.apply(to: graph) }
        let engine = engine ?? layoutAttribute(graph) ?? "dot"
        guard engines.contains(engine) else { throw .unknownEngine(engine, available: engines) }
        if clampEdgeWeights(graph) {
            notes.append("edge weights above \(maxEdgeWeight) overflow Graphviz's layout; they are taken as \(maxEdgeWeight)")
        }
        if let splines = trustgraph_attribute(graph, "splines"), String(cString: splines).lowercased() == "ortho",
           versionLocked(gvc).hasPrefix("2.") {
            // Orthogonal edges abort or crash Graphviz 2.x on some graphs, and it runs in this process.
            _ = trustgraph_set_attribute(graph, "splines", "polyline")
            notes.append("splines=ortho can crash Graphviz \(GraphvizRenderer.versionLocked(gvc)); edges are drawn as polylines instead")
        }

        guard gvLayout(gvc, graph, engine) == 0 else {
            throw .layoutFailed(engine: engine, message: messages.errors())
        }
        defer { gvFreeLayout(gvc, graph) }

        var buffer: UnsafeMutablePointer<CChar>?
        let (status, length) = renderData(gvRenderData, gvc, graph, format, &buffer)
        defer { if let buffer { gvFreeRenderData(buffer) } }
        guard status == 0, let buffer else { throw .renderFailed(format: format, message: messages.errors()) }
        var bytes = [UInt8](UnsafeRawBufferPointer(start: buffer, count: length))
        if format.hasPrefix("pdf") { fixCreationDates(&bytes) }
        return RenderedGraph(bytes: bytes, warnings: notes + messages.warnings())
    }

    /// The largest edge `weight` passed to Graphviz: larger integers overflow
    /// its network simplex and crash the process it runs in.
    static let maxEdgeWeight = 10_000

    /// Lowers every edge weight above `maxEdgeWeight` to it.
    /// - Returns: whether any weight was lowered.
    private static func clampEdgeWeights(_ graph: UnsafeMutablePointer<Agraph_t>) -> Bool {
        guard trustgraph_edges_declare(graph, "weight") != 0 else { return false }
        var clamped = false
        var node = agfstnode(graph)
        while let n = node {
            var edge = agfstout(graph, n)
            while let e = edge {
                if let value = trustgraph_attribute(e, "weight"), let weight = Double(String(cString: value)),
                   !(weight <= Double(maxEdgeWeight)) {
                    _ = trustgraph_set_attribute(e, "weight", String(maxEdgeWeight))
                    clamped = true
                }
                edge = agnxtout(graph, e)
            }
            node = agnxtnode(graph, n)
        }
        return clamped
    }

    /// The graph's `layout` attribute, if set.
    private static func layoutAttribute(_ graph: UnsafeMutablePointer<Agraph_t>) -> String? {
        guard let value = trustgraph_attribute(graph, "layout") else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    /// The first graph of `dot`, read with a fresh line count and the parser drained;
    /// the caller closes it. Call with the lock held and messages captured.
    private static func read(_ dot: String, messages: MessageCapture) throws(GraphvizError) -> UnsafeMutablePointer<Agraph_t> {
        // The parser's line counter is global and survives earlier reads.
        agreadline(1)
        guard let graph = agmemread(dot) else { throw .invalidDOT(message: messages.errors()) }
        drainParser()
        return graph
    }

    /// The DOT lexer is global and keeps what it read past the end of the
    /// graph (the rest of the last line, or a second graph in the same text)
    /// for the next read, whatever text that read is given. Reading empty
    /// texts until no graph comes back consumes the leftovers, and the final
    /// empty read makes the parser flush its buffer.
    private static func drainParser() {
        while let leftover = agmemread("") { agclose(leftover) }
    }

    /// Cairo stamps PDFs with the time of rendering (`/CreationDate (D:20260630120000Z)`), so
    /// the same graph would never give the same bytes twice. The stamp becomes 1970-01-01,
    /// as `SOURCE_DATE_EPOCH=0` would make it, with the same length so offsets stay valid.
    static func fixCreationDates(_ bytes: inout [UInt8]) {
        let key = Array("/CreationDate (D:".utf8)
        let fixed = Array("19700101000000".utf8)
        guard bytes.count > key.count + fixed.count else { return }
        var k = 0
        while k + key.count + fixed.count <= bytes.count {
            if bytes[k] == key[0] && bytes[k..<k + key.count].elementsEqual(key) {
                let start = k + key.count
                if bytes[start..<start + fixed.count].allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                    bytes.replaceSubrange(start..<start + fixed.count, with: fixed)
                }
                k = start
            } else {
                k += 1
            }
        }
    }

    /// Calls `gvRenderData`, whose length parameter is `unsigned int *` in
    /// Graphviz 2.x and `size_t *` from 3.0 on: the generic length type
    /// follows whichever header is installed.
    private static func renderData<Length: BinaryInteger>(
        _ function: (OpaquePointer?, UnsafeMutablePointer<Agraph_t>?, UnsafePointer<CChar>?,
                     UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, UnsafeMutablePointer<Length>?) -> Int32,
        _ gvc: OpaquePointer, _ graph: UnsafeMutablePointer<Agraph_t>, _ format: String,
        _ buffer: inout UnsafeMutablePointer<CChar>?
    ) -> (status: Int32, length: Int) {
        var length: Length = 0
        let status = function(gvc, graph, format, &buffer, &length)
        return (status, Int(length))
    }

    private static func pluginNames(kind: String) -> [String] {
        GraphvizLock.shared.withLock {
            withContext { gvc in plugins(gvc, kind: kind) } ?? []
        }
    }

    private static func withContext<R>(_ body: (OpaquePointer) -> R) -> R? {
        let messages = MessageCapture()
        defer { messages.stop() }
        guard let gvc = gvContext() else { return nil }
        defer { gvFreeContext(gvc) }
        return body(gvc)
    }

    /// Plugin names of one kind, without the `:package` suffixes, sorted and unique.
    private static func plugins(_ gvc: OpaquePointer, kind: String) -> [String] {
        var count: Int32 = 0
        guard let list = pluginList(gvPluginList, gvc, kind, &count) else { return [] }
        defer { free(list) }
        var names = Set<String>()
        for k in 0..<Int(count) {
            guard let item = list[k] else { continue }
            defer { free(item) }
            let name = String(cString: item)
            names.insert(String(name.prefix { $0 != ":" }))
        }
        return names.sorted()
    }

    /// Calls `gvPluginList`, which takes an unused fourth argument in Graphviz 2.x only.
    private static func pluginList(
        _ function: (OpaquePointer?, UnsafePointer<CChar>?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<CChar>?)
            -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
        _ gvc: OpaquePointer, _ kind: String, _ count: inout Int32
    ) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        function(gvc, kind, &count, nil)
    }

    private static func pluginList(
        _ function: (OpaquePointer?, UnsafePointer<CChar>?, UnsafeMutablePointer<Int32>?)
            -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
        _ gvc: OpaquePointer, _ kind: String, _ count: inout Int32
    ) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        function(gvc, kind, &count)
    }
}

/// Graphviz prints errors and warnings to stderr unless a handler is set;
/// the handler is a C function without a context pointer, so it appends to
/// this buffer, which only code holding `GraphvizLock` touches.
nonisolated(unsafe) private var capturedText: [UInt8] = []

private let captureMessage: @convention(c) (UnsafeMutablePointer<CChar>?) -> Int32 = { text in
    guard let text else { return 0 }
    capturedText.append(contentsOf: UnsafeRawBufferPointer(start: text, count: strlen(text)))
    return 0
}

/// Routes Graphviz's messages into `capturedText` for one locked call, then restores the previous handler.
private struct MessageCapture {
    private let previous: agusererrf?

    init() {
        capturedText.removeAll(keepingCapacity: true)
        _ = agreseterrors()
        previous = agseterrf(captureMessage)
    }

    func stop() {
        _ = agseterrf(previous)
        capturedText.removeAll()
    }

    /// The error messages, without their `Error: ` prefix, joined by "; ".
    func errors() -> String {
        let messages = self.messages()
        let errors = messages.filter { !$0.warning }.map(\.text)
        return (errors.isEmpty ? messages.map(\.text) : errors).joined(separator: "; ")
    }

    /// The warning messages, without their `Warning: ` prefix.
    func warnings() -> [String] {
        messages().filter(\.warning).map(\.text)
    }

    /// Messages by line; a line without an `Error: `/`Warning: ` prefix continues the one before.
    private func messages() -> [(warning: Bool, text: String)] {
        var result: [(warning: Bool, text: String)] = []
        for line in String(decoding: capturedText, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let text = line.trimmingWhitespace()
            if text.isEmpty { continue }
            if text.hasPrefix("Error: ") {
                result.append((false, String(text.dropFirst(7))))
            } else if text.hasPrefix("Warning: ") {
                result.append((true, String(text.dropFirst(9))))
            } else if !result.isEmpty {
                result[result.count - 1].text += " " + text
            } else {
                result.append((false, text))
            }
        }
        return result
    }
}

private extension Substring {
    func trimmingWhitespace() -> String {
        var slice = self[...]
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}

/// The process-wide lock around every Graphviz call (see `GraphvizRenderer`).
final class GraphvizLock: @unchecked Sendable {
    static let shared = GraphvizLock()

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    private init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    func withLock<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
