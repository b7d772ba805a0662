import ArgumentParser
import TrustGraphCore
import TrustGraphGraphviz

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the trust map of a dataset as SVG, PNG, PDF or DOT.",
        discussion: """
        Each supplier is a node filled by its effective trust t (red below 0.5, blue from 0.5, \
        on a scale colour-blind readers can tell apart) and labelled with its name and t, so a \
        black-and-white print loses nothing. "▼ 0.42 (b 0.71)" marks a supplier whose \
        dependencies pull it below its base trust b; a dashed outline one with no certification \
        counting at --date; the shape gives its sector family. An arrow A → B reads "A depends on \
        B", wider for more critical dependencies, dark for the one that limits A; alternatives of \
        one group meet at a small "or" node. The legend is drawn in the picture. In SVG, hover a \
        node for its certifications (status, expiry) and the chain that limits it; every node has \
        a stable id ("s-" and its supplier id, other characters as _hex) for links and scripts.

        Large datasets: at most --max-nodes suppliers are drawn, grown as one connected piece \
        from the most depended-on: alternately those with the most direct consumers and the \
        weakest links (distrust × consumers), each with the providers that limit it. The \
        picture's title and standard error say how many were left out. --focus shows the suppliers within \
        --depth hops of some suppliers instead. The layout engine is dot up to 150 suppliers and \
        300 links between them, sfdp beyond, unless --engine says otherwise.

        The format comes from the file extension (.svg, .png, .pdf, .dot or .gv) unless --format \
        is given; "-o -" writes to standard output (SVG unless --format says otherwise). "dot" \
        writes the graph itself, before layout, for your own Graphviz runs. The file is written \
        atomically: it is either complete or left as it was. The same input always gives the \
        same SVG, byte for byte.

        The dataset may also be a .dot or .gv file, for instance one written with --format dot \
        and edited by hand: it is laid out (with --engine, else its own layout attribute, else \
        dot) and rendered with no Graphviz command needed. It keeps only the attributes \
        trustgraph writes, and links only as in-page #fragments; what is dropped is named on \
        standard error.

        Graphviz runs in a child process: past --timeout seconds or --memory-limit of address \
        space, or if it crashes, the command stops with an error and writes nothing.

        Exit status: 0 on success, 1 on bad input or a failed render or write (a Graphviz limit included), 3 when a cycle \
        did not converge within --max-iterations (the map is still written), 64 when the command line is wrong (an unknown option, a missing or bad value).

        Examples:
          trustgraph render samples/eu-cloud --date 2026-06-30 -o map.svg
          trustgraph render samples/eu-cloud --cluster country -o map.png
          trustgraph render samples/eu-cloud --focus shopfront-saas -o shop.svg
          trustgraph render samples/eu-cloud --focus idp-keystone --depth 1 \\
              --direction consumers -o keystone.pdf
          trustgraph render big/ --max-nodes 200 -o overview.svg
          trustgraph render samples/eu-cloud --format dot -o map.dot
          trustgraph render map.dot -o map.pdf
        """
    )

    @OptionGroup var data: DatasetOptions

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("File to write, or - for standard output.", valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp("svg, png, pdf or dot (default: from the file extension).", valueName: "format"))
    var format: TrustMapFormat?

    @Option(help: ArgumentHelp("Graphviz layout engine: dot, sfdp, neato, fdp, circo, twopi, … (default: dot up to 150 suppliers and 300 links, sfdp beyond).",
                               valueName: "engine"))
    var engine: String?

    @Option(help: ArgumentHelp("Suppliers to centre on, by id; separate several with commas or repeat the option.", valueName: "id[,id…]"))
    var focus: [String] = []

    @Option(help: ArgumentHelp("Dependency hops to follow from the focus.", valueName: "n"))
    var depth: Int = 2

    @Option(help: ArgumentHelp("Follow the focus's providers, consumers, or both.", valueName: "direction"))
    var direction: FocusDirection = .both

    @Option(name: .customLong("max-nodes"), help: ArgumentHelp("Draw at most this many suppliers.", valueName: "n"))
    var maxNodes: Int = 300

    @Option(help: ArgumentHelp("Box the suppliers of one country or one sector together.", valueName: "country|sector"))
    var cluster: TrustMapClustering?

    @Option(help: ArgumentHelp("First line of the picture's title (default: Trust map).", valueName: "text"))
    var title: String?

    @OptionGroup var solver: SolverFlags

    @OptionGroup(title: "Graphviz") var graphviz: GraphvizFlags

    func validate() throws {
        guard depth >= 0 else { throw ValidationError("--depth must be 0 or more") }
        guard maxNodes >= 1 else { throw ValidationError("--max-nodes must be at least 1") }
        if format == nil && output != "-" && TrustMapFormat(path: output) == nil {
            throw ValidationError("cannot tell the format of '\(output)' from its extension: add --format svg, png, pdf or dot")
        }
        if let engine {
            let engines = GraphvizRenderer.layoutEngines()
            guard engines.contains(engine) else {
                throw ValidationError("unknown layout engine '\(engine)' (available: \(engines.joined(separator: ", ")))")
            }
        }
    }

    func run() throws {
        let format = self.format ?? (output == "-" ? .svg : TrustMapFormat(path: output)!)
        if output != "-" {
            do {
                try TrustMapFile.checkWritable(output)
            } catch {
                throw CommandFailure("error: \(error.description)")
            }
        }
        if TrustMapFormat(path: data.dataset) == .dot, Render.isRegularFile(data.dataset) {
            try renderDOTFile(format: format)
            return
        }
        let dataset = try data.load()
        let focusIndices: [Int]
        do {
            focusIndices = try TrustMapOptions.suppliers(TrustMapOptions.focusIDs(focus, in: dataset.suppliers), in: dataset.suppliers)
        } catch {
            throw CommandFailure("error: --focus: " + error.description(in: "\(data.dataset)/suppliers.csv"))
        }
        let parameters = data.parameters
        let model = TrustModel(dataset)
        let solution = model.solve(parameters, options: solver.options)
        let options = TrustMapOptions(focus: focusIndices, depth: depth, direction: direction, maxNodes: maxNodes,
                                      cluster: cluster, engine: engine, title: title)
        let map = TrustMap(model: model, solution: solution, parameters: parameters, options: options)
        for note in map.notes { Console.error(note) }
        if cluster != nil && !GraphvizRenderer.drawsClusters(map.engine) {
            Console.error("note: the \(map.engine) engine does not draw clusters; add --engine dot or --engine fdp to see them")
        }

        let rendered: RenderedGraph
        do {
            rendered = try TrustMapFile.render(map, as: format, limits: graphviz.limits)
        } catch {
            throw CommandFailure("error: \(error.description)")
        }
        try emit(rendered, summary: "\(map.selection.suppliers.count) of \(plural(map.selection.total, "supplier")), "
                 + (format == .dot ? "DOT for \(map.engine)" : "\(format.rawValue) laid out by \(map.engine)"))
        try Convergence(solution.report).check()
    }

    /// Renders a DOT file as it is (one written with --format dot and edited, say).
    func renderDOTFile(format: TrustMapFormat) throws {
        guard focus.isEmpty && cluster == nil && title == nil else {
            throw CommandFailure("error: --focus, --cluster and --title shape a trust map; '\(data.dataset)' is already a graph")
        }
        guard case .success(let bytes) = FileBytes.read(data.dataset),
              case let text = String(decoding: bytes, as: UTF8.self), text.utf8.elementsEqual(bytes) else {
            throw CommandFailure("error: cannot read '\(data.dataset)' as UTF-8 text")
        }
        if format == .dot {
            try emit(RenderedGraph(bytes: bytes, warnings: []), summary: "copied")
            return
        }
        let rendered: RenderedGraph
        do {
            rendered = try ContainedGraphviz.render(text, engine: engine, format: format.rawValue, restrictAttributes: true,
                                                   limits: graphviz.limits)
        } catch {
            throw CommandFailure("error: \(data.dataset): \(error.description)")
        }
        try emit(rendered, summary: "\(format.rawValue) of \(data.dataset)")
    }

    /// Writes the picture to the output and reports it.
    func emit(_ rendered: RenderedGraph, summary: String) throws {
        for warning in rendered.warnings { Console.error("graphviz: warning: \(warning)") }
        if output == "-" {
            guard Console.writeToStandardOutput(rendered.bytes) else { throw CommandFailure("error: cannot write to standard output") }
            return
        }
        do {
            try TrustMapFile.write(rendered.bytes, to: output)
        } catch {
            throw CommandFailure("error: \(error.description)")
        }
        try Console.out("wrote \(output): \(summary)")
    }
}

extension TrustMapFormat: ExpressibleByArgument {}
extension FocusDirection: ExpressibleByArgument {}
extension TrustMapClustering: ExpressibleByArgument {}

extension Render {
    /// Whether `path` names a regular file (a DOT file rather than a dataset directory).
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}

extension Render: ReadsAndWritesFiles {
    /// The dataset's files, or the DOT file given instead.
    var inputFiles: [String] { data.inputFiles }
    var outputFiles: [String] { [output] }
}
