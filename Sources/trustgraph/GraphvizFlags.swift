import ArgumentParser
import TrustGraphGraphviz

/// How long and how much memory Graphviz may take for one picture (render, whatif --render).
struct GraphvizFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Stop Graphviz after this many seconds of layout (0: no limit).", valueName: "seconds"))
    var timeout: Int = GraphvizLimits.standard.seconds ?? 0

    @Option(name: .customLong("memory-limit"),
            help: ArgumentHelp("Address space Graphviz may use, e.g. 4G or 512M (0: no limit).", valueName: "size"))
    var memoryLimit: String = "4G"

    func validate() throws {
        guard timeout >= 0 else { throw ValidationError("--timeout must be 0 (no limit) or a number of seconds") }
        guard let bytes = GraphvizLimits.parseBytes(memoryLimit) else {
            throw ValidationError("--memory-limit: expected a size such as 4G, 512M or 0 (no limit), not '\(memoryLimit)'")
        }
        guard bytes == 0 || bytes >= 64 << 20 else {
            throw ValidationError("--memory-limit must be at least 64M (or 0 for no limit)")
        }
    }

    /// The limits for `ContainedGraphviz`.
    var limits: GraphvizLimits {
        let bytes = GraphvizLimits.parseBytes(memoryLimit) ?? 0
        return GraphvizLimits(seconds: timeout == 0 ? nil : timeout, addressSpace: bytes == 0 ? nil : bytes)
    }
}
