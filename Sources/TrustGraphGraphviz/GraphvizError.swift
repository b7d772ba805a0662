/// Why Graphviz could not turn DOT text into a picture.
///
/// Cases that come from Graphviz itself carry its own message, so a user sees
/// what Graphviz complained about (a syntax error and its line, a layout that
/// failed) rather than a bare status code.
public enum GraphvizError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `gvContext` returned nothing: Graphviz could not start (out of memory, broken install).
    case contextUnavailable
    /// The layout engine is not one the installed Graphviz offers.
    case unknownEngine(String, available: [String])
    /// The output format is not one the installed Graphviz can write.
    case unknownFormat(String, available: [String])
    /// `agmemread` rejected the DOT text; the message names the line.
    case invalidDOT(message: String)
    /// `gvLayout` failed.
    case layoutFailed(engine: String, message: String)
    /// `gvRenderData` failed.
    case renderFailed(format: String, message: String)
    /// The child process laying out the graph ran past its time limit and was stopped.
    case timedOut(engine: String, seconds: Int)
    /// The child process laying out the graph ended without a picture: `reason` says how
    /// (a signal, an exit status) and what Graphviz printed last.
    case stopped(engine: String, reason: String)
    /// No child process could be started to run Graphviz.
    case workerUnavailable(String)

    /// A sentence for the user.
    public var description: String {
        switch self {
        case .contextUnavailable:
            return "Graphviz could not start (gvContext failed); check the Graphviz installation"
        case .unknownEngine(let engine, let available):
            return "unknown layout engine '\(engine)' (available: \(available.joined(separator: ", ")))"
        case .unknownFormat(let format, let available):
            return "unknown output format '\(format)' (available: \(available.joined(separator: ", ")))"
        case .invalidDOT(let message):
            return "Graphviz could not read the graph: \(GraphvizError.orUnknown(message))"
        case .layoutFailed(let engine, let message):
            return "Graphviz could not lay out the graph with '\(engine)': \(GraphvizError.orUnknown(message))"
        case .renderFailed(let format, let message):
            return "Graphviz could not render the graph as \(format): \(GraphvizError.orUnknown(message))"
        case .timedOut(let engine, let seconds):
            return "Graphviz did not finish laying out the graph with '\(engine)' within \(seconds) s and was stopped "
                + "(--timeout); try another --engine, fewer suppliers (--max-nodes, --focus) or a longer --timeout"
        case .stopped(let engine, let reason):
            return "Graphviz stopped while laying out the graph with '\(engine)': \(reason)"
        case .workerUnavailable(let message):
            return "cannot run Graphviz: \(message)"
        }
    }

    private static func orUnknown(_ message: String) -> String {
        message.isEmpty ? "no message from Graphviz" : message
    }
}
