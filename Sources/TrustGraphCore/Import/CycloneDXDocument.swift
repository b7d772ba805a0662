extension CycloneDXBOM {
    /// One CycloneDX document being read: its components and services by bom-ref,
    /// the organisations they belong to, and its subject organisation.
    struct Document {
        let path: String
        let root: JSONNode
        var nodes: [Node] = []
        /// Node index by bom-ref.
        var byRef: [String: Int] = [:]
        /// Organisation id by bom-ref (an organisation's own, or an assessor's).
        var organisationByRef: [String: String] = [:]
        /// The organisation whose product the document describes (the consumer at the top).
        var subject: String?

        init(path: String, root: JSONNode) {
            self.path = path
            self.root = root
        }

        func error(_ builder: inout Builder, _ node: JSONNode, _ kind: Diagnostic.Kind = .unknownSupplier, _ message: String) {
            builder.sink.error(kind, file: path, line: node.line, "column \(node.column): \(message)")
        }

        /// Reads the document into `builder`: organisations, rows and certifications.
        mutating func read(into builder: inout Builder) {
            guard root.isObject else { return error(&builder, root, .malformedRecord, "expected a JSON object (a CycloneDX document)") }
            guard root["bomFormat"]?.string == "CycloneDX" else {
                return error(&builder, root["bomFormat"] ?? root, .malformedRecord,
                             "not a CycloneDX document (expected \"bomFormat\": \"CycloneDX\")")
            }
            builder.summary.addRead("document", "documents", 1)
            let metadata = root["metadata"]
            // The subject: whoever made, else supplied, the component the document describes.
            let component = metadata?["component"]
            var candidates: [String] = []
            if let o = organisation(metadata?["manufacturer"], role: "manufacturer", &builder) { candidates.append(o) }
            if let o = organisation(metadata?["manufacture"], role: "manufacturer", &builder) { candidates.append(o) }
            if let o = organisation(component?["manufacturer"], role: "manufacturer", &builder) { candidates.append(o) }
            if let o = organisation(metadata?["supplier"], role: "supplier", &builder) { candidates.append(o) }
            if let o = organisation(component?["supplier"], role: "supplier", &builder) { candidates.append(o) }
            if let publisher = component?["publisher"]?.string.map(UnicodeWhiteSpace.trimmed), !publisher.isEmpty {
                candidates.append(builder.organisation(publisher, role: "publisher"))
            }
            subject = candidates.first

            var top: [Int] = []
            if let component { top.append(walkComponent(component, parent: nil, owner: subject, &builder)) }
            for item in root["components"]?.elements ?? [] { top.append(walkComponent(item, parent: nil, owner: nil, &builder)) }
            for item in root["services"]?.elements ?? [] { top.append(walkService(item, parent: nil, &builder)) }
            builder.summary.addRead("component or service", "components and services", nodes.count)
            readDependencies(&builder)
            // The subject depends on whatever nothing else depends on.
            if let subject {
                let root: Int
                if component != nil { root = top[0] } else {
                    nodes.append(Node(name: "", owner: subject, level: .medium, excluded: false, line: self.root.line))
                    root = nodes.count - 1
                }
                for k in nodes.indices where k != root && !nodes[k].hasParent { nodes[root].edges.append(k) }
            }
            lift(&builder)
            readDeclarations(&builder)
        }

        /// The id of an organisational entity (the slug of its `name`, else of its bom-ref), registered in `role`.
        func organisation(_ node: JSONNode?, role: String, _ builder: inout Builder) -> String? {
            guard let node, node.isObject else { return nil }
            var name = node["name"]?.string.map(UnicodeWhiteSpace.trimmed) ?? ""
            if name.isEmpty { name = node["bom-ref"]?.string.map(UnicodeWhiteSpace.trimmed) ?? "" }
            guard !name.isEmpty else {
                builder.summary.drop("organisation with neither a name nor a bom-ref", "organisations with neither a name nor a bom-ref")
                return nil
            }
            var country = node["address"]?["country"]?.string ?? ""
            country = country.utf8.count == 2 && country.utf8.allSatisfy(DatasetLoader.isASCIILetter) ? country.uppercased() : ""
            let url = node["url"]?.elements.first?.string ?? node["url"]?.string ?? ""
            return builder.organisation(name, role: role, country: country, url: url)
        }

        /// Registers the organisation of a node's bom-ref (for claims that target it).
        mutating func remember(_ node: JSONNode?, as name: String?) {
            if let name, let ref = node?["bom-ref"]?.string { organisationByRef[ref] = name }
        }

        /// Adds a node, checking its bom-ref is new; returns its index.
        mutating func add(_ item: JSONNode, _ node: Node, _ builder: inout Builder) -> Int {
            nodes.append(node)
            let index = nodes.count - 1
            if let ref = item["bom-ref"]?.string {
                nodes[index].ref = ref
                if let first = byRef[ref] {
                    error(&builder, item["bom-ref"]!, .duplicateId,
                          "bom-ref \(Diagnostic.quote(ref)) is used twice (first at line \(nodes[first].line)); expected a unique bom-ref")
                } else {
                    byRef[ref] = index
                }
            }
            return index
        }

        /// A component, its organisations and its nested components; returns its node.
        mutating func walkComponent(_ item: JSONNode, parent: Int?, owner forced: String?, _ builder: inout Builder) -> Int {
            let supplier = organisation(item["supplier"], role: "supplier", &builder)
            let manufacturer = organisation(item["manufacturer"], role: "manufacturer", &builder)
            var publisher: String?
            if let text = item["publisher"]?.string.map(UnicodeWhiteSpace.trimmed), !text.isEmpty { publisher = builder.organisation(text, role: "publisher") }
            remember(item["supplier"], as: supplier)
            remember(item["manufacturer"], as: manufacturer)
            let owner = forced ?? supplier ?? manufacturer ?? publisher ?? ""
            let scope = item["scope"]?.string ?? "required"
            var node = Node(name: item["name"]?.string ?? "", owner: owner, level: scope == "optional" ? .low : .medium,
                            excluded: scope == "excluded", line: item.line)
            node.hasParent = parent != nil
            let index = add(item, node, &builder)
            if let parent { nodes[parent].edges.append(index) }
            for child in item["components"]?.elements ?? [] { _ = walkComponent(child, parent: index, owner: nil, &builder) }
            return index
        }

        /// A service, its provider and its nested services; returns its node.
        mutating func walkService(_ item: JSONNode, parent: Int?, _ builder: inout Builder) -> Int {
            let provider = organisation(item["provider"], role: "provider", &builder)
            remember(item["provider"], as: provider)
            var node = Node(name: item["name"]?.string ?? "", owner: provider ?? "", level: .medium, excluded: false, line: item.line)
            node.hasParent = parent != nil
            let index = add(item, node, &builder)
            if let parent { nodes[parent].edges.append(index) }
            for child in item["services"]?.elements ?? [] { _ = walkService(child, parent: index, &builder) }
            return index
        }

        /// `dependencies[]`: each `ref` and `dependsOn` entry must name a component or service.
        mutating func readDependencies(_ builder: inout Builder) {
            var suggested = 0
            func resolve(_ node: JSONNode, _ builder: inout Builder) -> Int? {
                guard let ref = node.string else {
                    error(&builder, node, .malformedRecord, "expected a bom-ref string")
                    return nil
                }
                if let index = byRef[ref] { return index }
                var message = "unknown bom-ref \(Diagnostic.quote(ref)) (expected the bom-ref of a component or service of this document)"
                if suggested < 50 {
                    suggested += 1
                    message += SupplierSearch.didYouMean(SupplierSearch.nearest(to: ref, among: byRef.keys.sorted()))
                }
                error(&builder, node, .unknownSupplier, message)
                return nil
            }
            for entry in root["dependencies"]?.elements ?? [] {
                guard let refNode = entry["ref"] else {
                    error(&builder, entry, .malformedRecord, "a dependency without \"ref\"")
                    continue
                }
                let from = resolve(refNode, &builder)
                for target in entry["dependsOn"]?.elements ?? [] {
                    guard let to = resolve(target, &builder), let from else { continue }
                    nodes[from].edges.append(to)
                    if to != from { nodes[to].hasParent = true }
                }
            }
        }

        /// Lifts dependencies from components and services to their organisations: from each
        /// node that has one, through nodes without one, to the nearest nodes that have one.
        mutating func lift(_ builder: inout Builder) {
            var visited = [Int32](repeating: -1, count: nodes.count)
            for u in nodes.indices where !nodes[u].owner.isEmpty {
                let consumer = nodes[u].owner
                var stack = nodes[u].edges
                visited[u] = Int32(u)
                while let v = stack.popLast() {
                    guard visited[v] != Int32(u) else { continue }
                    visited[v] = Int32(u)
                    let node = nodes[v]
                    if node.excluded { builder.summary.drop("dependency on a component of scope 'excluded'", "dependencies on components of scope 'excluded'"); continue }
                    if node.owner.isEmpty { stack += node.edges; continue }
                    if node.owner == consumer { continue }
                    let row = [consumer, node.owner, "\(node.level.word)", "", node.name, node.ref]
                    if builder.rowKeys.insert(row.prefix(5).joined(separator: "\u{0}")).inserted {
                        builder.rows.append(row)
                    } else {
                        builder.summary.drop(ImportSummary.duplicateRow, "duplicate rows (same consumer, provider, criticality and service)")
                    }
                }
            }
        }
    }
}
