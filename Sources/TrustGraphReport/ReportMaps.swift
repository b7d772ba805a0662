import TrustGraphCore
import TrustGraphGraphviz

/// A map of the report could not be drawn.
public enum ReportMapError: Error, Sendable, CustomStringConvertible {
    /// Graphviz failed (a limit, a crash) for the named map.
    case graphviz(map: String, GraphvizError)
    /// The SVG held something a report does not inline.
    case rejected(map: String, SanitizedSVG.Rejected)

    public var description: String {
        switch self {
        case .graphviz(let map, let error): "map '\(map)': \(error.description)"
        case .rejected(let map, let rejected): "map '\(map)': \(rejected.description)"
        }
    }
}

/// Draws the maps a report's sections ask for, as `render` and `whatif --render` draw them.
public struct ReportMaps {
    public let inputs: ReportInputs
    /// At most this many suppliers on a map.
    public let maxNodes: Int
    /// The dataset's map: its view decides which suppliers' details the page carries.
    public let baseline: TrustMap

    /// Chooses the baseline view (at most `maxNodes` suppliers, as `render` chooses them).
    public init(_ inputs: ReportInputs, maxNodes: Int) {
        self.inputs = inputs
        self.maxNodes = maxNodes
        baseline = TrustMap(model: inputs.model, solution: inputs.solution, parameters: inputs.parameters,
                            options: TrustMapOptions(maxNodes: maxNodes))
    }

    /// What the baseline view leaves out, in sentences for a terminal.
    public var notes: [String] { baseline.notes }

    /// The maps of a document, and the scenario maps that could not be drawn.
    public struct Rendered: Sendable {
        /// Maps by slot name.
        public var maps: [String: ReportMap] = [:]
        /// Why a scenario's map is missing, by slot name: a scenario that changes much of a
        /// large dataset can outgrow the Graphviz limits, and the rest of the report still stands.
        public var failures: [String: ReportMapError] = [:]
        /// Charts by name, checked as the maps are.
        public var charts: [String: SanitizedSVG] = [:]
    }

    /// Renders the map of every slot of `document`, and checks its charts.
    /// - Parameter limits: lay out in a child process within these limits; nil lays out in this process.
    /// - Throws: `ReportMapError` when the dataset's own map fails (a scenario's is noted in `failures`)
    ///   or a chart holds what a report does not inline.
    public func render(_ document: ReportDocument, limits: GraphvizLimits?) throws(ReportMapError) -> Rendered {
        var rendered = Rendered()
        for section in document.sections {
            for case .chart(let chart) in section.blocks {
                do {
                    rendered.charts[chart.name] = try SanitizedSVG(chart: Array(chart.svg.utf8))
                } catch {
                    throw .rejected(map: chart.name, error)
                }
            }
            for case .map(let slot) in section.blocks {
                switch slot.kind {
                case .baseline:
                    let shown = baseline.selection.suppliers.count
                    let total = baseline.selection.total
                    let caption = shown < total
                        ? "The \(shown) most depended-on suppliers and the weakest links, with the providers that limit them; "
                            + "\(total - shown) more are in the tables (raise --max-nodes to draw more)."
                        : "Every supplier, filled by its trust (red below 0.5, blue above); an arrow reads \"depends on\"."
                    rendered.maps[slot.name] = try draw(baseline, model: inputs.model, name: slot.name, caption: caption, limits: limits)
                case .scenario(let index):
                    guard index < inputs.outcomes.count else { continue }
                    let outcome = inputs.outcomes[index]
                    let map = TrustMap(model: outcome.model, solution: outcome.solution, parameters: outcome.parameters,
                                       options: TrustMapOptions(scenario: outcome, maxNodes: maxNodes))
                    let caption = outcome.changed.isEmpty && outcome.added.isEmpty
                        ? "Nothing changed: the map shows the suppliers the steps name."
                        : "The changed part of the graph, filled by the change in trust (red: lost, blue: gained)."
                    do {
                        rendered.maps[slot.name] = try draw(map, model: outcome.model, name: slot.name, caption: caption, limits: limits)
                    } catch {
                        rendered.failures[slot.name] = error
                    }
                }
            }
        }
        return rendered
    }

    func draw(_ map: TrustMap, model: TrustModel, name: String, caption: String,
              limits: GraphvizLimits?) throws(ReportMapError) -> ReportMap {
        let suppliers = model.dataset.suppliers
        var nodes: [String: String] = [:]
        for i in map.selection.suppliers {
            let id = suppliers.id(i)
            nodes[TrustMapIdentifiers.node(supplier: id)] = id
        }
        let rendered: RenderedGraph
        do {
            rendered = try TrustMapFile.render(map, as: .svg, limits: limits)
        } catch {
            throw .graphviz(map: name, error)
        }
        do {
            let svg = try SanitizedSVG(graphviz: rendered.bytes, nodes: nodes)
            return ReportMap(svg: svg, shown: map.selection.suppliers.count, total: map.selection.total, caption: caption)
        } catch {
            throw .rejected(map: name, error)
        }
    }
}
