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
        }
    }

    private static func orUnknown(_ message: String) -> String {
        message.isEmpty ? "no message from Graphviz" : message
    }
}
