/// A `where` filter resolved against a dataset: ids as indices, attribute
/// columns as column numbers, texts folded for case-insensitive comparison.
struct ResolvedFilter: Sendable {
    var ids: [Int32]?
    var sectors: CaseInsensitiveTexts?
    var countries: CaseInsensitiveTexts?
    var dependedOn: Double?
    var minDependents: Int?
    var attributes: [(column: Int, values: [String])] = []

    /// Resolves `filter`, reporting unknown ids (with the nearest ones) and unknown columns.
    init(_ filter: SubjectFilter, dataset: Dataset, file: String, rule: PolicyRule, errors: inout [PolicyError]) {
        let suppliers = dataset.suppliers
        if let ids = filter.ids {
            var found: [Int32] = []
            for id in ids {
                if let i = suppliers.find(id) { found.append(Int32(i)); continue }
                errors.append(PolicyError(.unknownSupplier, file: file, line: filter.lines.ids, rule: rule.id, key: "where.ids",
                                          "unknown supplier \(Diagnostic.quote(id)) (expected an id from suppliers.csv)"
                                          + SupplierSearch.didYouMean(SupplierSearch.suggestions(for: id, in: suppliers))))
            }
            self.ids = Array(Set(found)).sorted()
        }
        sectors = filter.sectors.map(CaseInsensitiveTexts.init)
        countries = filter.countries.map(CaseInsensitiveTexts.init)
        dependedOn = filter.dependedOn
        minDependents = filter.minDependents
        let columns = suppliers.attributes.names
        for attribute in filter.attributes {
            let wanted = attribute.column.lowercased()
            guard let k = columns.firstIndex(where: { $0.lowercased() == wanted }) else {
                let known = columns.isEmpty ? "suppliers.csv has no extra column" : "extra columns of suppliers.csv: " + columns.joined(separator: ", ")
                errors.append(PolicyError(.unknownColumn, file: file, line: attribute.line, rule: rule.id, key: "where.attribute",
                                          "unknown column \(Diagnostic.quote(attribute.column))"
                                          + SupplierSearch.didYouMean(SupplierSearch.nearest(to: attribute.column, among: columns, limit: 1))
                                          + " (\(known))"))
                continue
            }
            attributes.append((k, attribute.values))
        }
    }
}

/// Texts compared case-insensitively with the cells of a string column:
/// ASCII cells are folded byte by byte, others through `lowercased()`.
struct CaseInsensitiveTexts: Sendable {
    private let folded: [[UInt8]]
    private let lowered: Set<String>

    init(_ texts: [String]) {
        folded = texts.map { Array($0.lowercased().utf8) }
        lowered = Set(texts.map { $0.lowercased() })
    }

    /// Whether cell `i` of `column` equals one of the texts, ignoring case.
    func matches(_ column: StringColumn, _ i: Int) -> Bool {
        column.withBytes(i) { bytes in
            if bytes.allSatisfy({ $0 < 0x80 }) {
                return folded.contains { text in
                    text.count == bytes.count && zip(text, bytes).allSatisfy { $0 == ($1 >= 65 && $1 <= 90 ? $1 + 32 : $1) }
                }
            }
            return lowered.contains(String(decoding: bytes, as: UTF8.self).lowercased())
        }
    }
}

/// Chooses the subjects of rules: the conditions of `where` in order of cost,
/// dependents counted only as far as the rule needs.
struct SubjectSelector: ~Copyable {
    let model: TrustModel
    /// Largest weight of a row each supplier provides (0 for none); built on first use.
    private var providedWeight: [Double] = []
    /// Breadth-first walk state for dependents(i).
    private var mark: [UInt32] = []
    private var stamp: UInt32 = 0
    private var queue: [Int32] = []

    init(model: TrustModel) { self.model = model }

    /// The suppliers `filter` selects, by index in file order.
    mutating func select(_ filter: ResolvedFilter) -> [Int32] {
        let dataset = model.dataset
        let suppliers = dataset.suppliers
        if filter.dependedOn != nil && providedWeight.isEmpty {
            providedWeight = [Double](repeating: 0, count: suppliers.count)
            let rows = dataset.dependencies
            for r in 0..<rows.count {
                let j = Int(rows.provider[r])
                if rows.weight[r] > providedWeight[j] { providedWeight[j] = rows.weight[r] }
            }
        }
        var candidates = filter.ids ?? []
        let all = filter.ids == nil
        let n = all ? suppliers.count : candidates.count
        var selected: [Int32] = []
        selected.reserveCapacity(all && filter.attributes.isEmpty && filter.sectors == nil && filter.countries == nil ? n : 0)
        for k in 0..<n {
            let i = all ? k : Int(candidates[k])
            if let level = filter.dependedOn, providedWeight[i] < level { continue }
            if let sectors = filter.sectors, !sectors.matches(suppliers.sectors, i) { continue }
            if let countries = filter.countries, !countries.matches(suppliers.countries, i) { continue }
            if !filter.attributes.allSatisfy({ attribute in
                let column = suppliers.attributes.values[attribute.column]
                let cell = i < column.count ? column[i] : ""
                return attribute.values.contains(cell)
            }) { continue }
            if let minimum = filter.minDependents, !hasDependents(i, atLeast: minimum) { continue }
            selected.append(Int32(i))
        }
        candidates = []
        return selected
    }

    /// Whether dependents(j) ≥ `minimum`: a breadth-first walk over consumers
    /// that stops as soon as it has counted that many.
    /// - Complexity: O(what the walk visits before it stops).
    private mutating func hasDependents(_ j: Int, atLeast minimum: Int) -> Bool {
        if minimum == 0 { return true }
        let graph = model.graph
        if mark.isEmpty { mark = [UInt32](repeating: 0, count: graph.supplierCount) }
        stamp &+= 1
        if stamp == 0 {
            for k in mark.indices { mark[k] = 0 }
            stamp = 1
        }
        queue.removeAll(keepingCapacity: true)
        queue.append(Int32(j))
        mark[j] = stamp
        var head = 0
        while head < queue.count {
            let v = Int(queue[head])
            head += 1
            for e in Int(graph.consumerStart[v])..<Int(graph.consumerStart[v + 1]) {
                let i = Int(graph.consumers[e])
                guard mark[i] != stamp else { continue }
                mark[i] = stamp
                queue.append(Int32(i))
                if queue.count - 1 >= minimum { return true }
            }
        }
        return false
    }
}
