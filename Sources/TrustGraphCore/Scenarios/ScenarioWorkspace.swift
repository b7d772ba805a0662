/// A copy of the baseline dataset that a scenario's steps change, and what
/// each change can affect (for the incremental re-solve).
struct ScenarioWorkspace {
    var dataset: Dataset
    var parameters: TrustParameters
    var compromised: Set<Int> = []
    var exited: Set<Int> = []
    /// Suppliers that `add-supplier` added, in order (their indices follow the baseline's).
    var added: [Int] = []
    /// Suppliers whose base trust may have changed.
    var baseTouched: Set<Int> = []
    /// Every supplier's base trust may have changed (date or global prior).
    var allBaseTouched = false
    /// Consumers whose groups changed; non-empty means the graph changed.
    var groupsTouched: Set<Int> = []

    init(dataset: Dataset, parameters: TrustParameters) {
        self.dataset = dataset
        self.parameters = parameters
    }

    var graphChanged: Bool { !groupsTouched.isEmpty }

    /// Applies `step`; on error nothing of the step is applied.
    mutating func apply(_ step: ScenarioStep) throws(ScenarioError) {
        switch step {
        case .revoke(let supplierId, let schemeName):
            let supplier = try supplierIndex(supplierId)
            let scheme = try schemeName.map { (name: String) throws(ScenarioError) -> Int32 in try schemeIndex(name) }
            let certs = dataset.certifications
            let rows = (0..<certs.count).filter { certs.supplier[$0] == Int32(supplier) && (scheme == nil || certs.scheme[$0] == scheme!) }
            guard !rows.isEmpty else {
                throw ScenarioError(.noSuchCertification, "'\(supplierId)' has no \(schemeName.map { "\($0) " } ?? "")certification to revoke")
            }
            for r in rows { dataset.certifications.status[r] = .revoked }
            baseTouched.insert(supplier)

        case .compromise(let supplierId):
            compromised.insert(try supplierIndex(supplierId))

        case .exit(let supplierId):
            let supplier = Int32(try supplierIndex(supplierId))
            exit(supplier)

        case .addSupplier(let id, let name, let countryText, let sector, let priorText):
            guard !id.isEmpty else { throw ScenarioError(.badValue, "empty supplier id (expected a non-empty, unique id)") }
            if let existing = dataset.suppliers.find(id) {
                let what = exited.contains(existing) ? "has exited" : "already exists"
                throw ScenarioError(.duplicateSupplier, "supplier '\(id)' \(what) (a new supplier needs a new id)")
            }
            let country = countryText ?? ""
            guard country.isEmpty || (country.utf8.count == 2 && country.utf8.allSatisfy(DatasetLoader.isASCIILetter)) else {
                throw ScenarioError(.badValue, "country '\(country)' is not a country code (expected two ASCII letters)")
            }
            var prior: Double?
            if let priorText, !priorText.isEmpty {
                guard let value = ContractNumber.parse(priorText), value >= 0, value <= 1 else {
                    throw ScenarioError(.badValue, "prior '\(priorText)' is not a number in [0,1]")
                }
                prior = value
            }
            added.append(dataset.addSupplier(id: id, name: name ?? "", country: country.uppercased(), sector: sector ?? "", prior: prior))

        case .addCertification(let supplierId, let schemeName, let statusText, let issuedText, let expiresText, let evidenceText, let scopeText):
            let supplier = try supplierIndex(supplierId)
            let scheme = try schemeIndex(schemeName)
            guard let status = CertificationStatus(word: statusText ?? "") else {
                throw ScenarioError(.badValue, "unknown status '\(statusText!)' (expected one of valid, suspended, revoked, expired)")
            }
            let issued = try date(issuedText, "issued", missing: CertificationTable.noStart)
            let expires = try date(expiresText, "expires", missing: CertificationTable.noEnd)
            let evidence = try date(evidenceText, "last_evidence", missing: CertificationTable.noStart)
            let partial: Bool
            switch (scopeText ?? "").lowercased() {
            case "", "full": partial = false
            case "partial": partial = true
            default: throw ScenarioError(.badValue, "unknown scope '\(scopeText!)' (expected full or partial)")
            }
            dataset.certifications.append(supplier: Int32(supplier), scheme: scheme, status: status, issued: issued,
                                          expires: expires, lastEvidence: evidence, partial: partial, line: 0)
            for k in dataset.certifications.attributes.values.indices { dataset.certifications.attributes.values[k].append("") }
            baseTouched.insert(supplier)

        case .addDependency(let consumerId, let providerId, let criticalityText, let groupText):
            let consumer = try supplierIndex(consumerId), provider = try supplierIndex(providerId)
            guard consumer != provider else { throw ScenarioError(.selfDependency, "self-dependency: '\(consumerId)' would depend on itself") }
            let weight = try criticality(criticalityText ?? "")
            let label = (groupText ?? "").isEmpty ? Int32(provider) : dataset.internGroupLabel(groupText!)
            dataset.dependencies.consumer.append(Int32(consumer))
            dataset.dependencies.provider.append(Int32(provider))
            dataset.dependencies.weight.append(weight)
            dataset.dependencies.group.append(label)
            dataset.dependencies.service.append(0)
            dataset.dependencies.lines.append(0)
            for k in dataset.dependencies.attributes.values.indices { dataset.dependencies.attributes.values[k].append("") }
            // A group emptied by `exit` is refilled: its weight is now that of its new rows.
            dataset.dependencies.emptiedGroups.removeAll { $0.consumer == Int32(consumer) && $0.label == label }
            groupsTouched.insert(consumer)

        case .removeDependency(let consumerId, let providerId, let groupText):
            let (consumer, rows) = try matchingRows(consumerId, providerId, groupText)
            dataset.dependencies.remove(rows: Set(rows))
            groupsTouched.insert(consumer)

        case .setCriticality(let consumerId, let providerId, let criticalityText, let groupText):
            let weight = try criticality(criticalityText)
            let (consumer, rows) = try matchingRows(consumerId, providerId, groupText)
            for r in rows { dataset.dependencies.weight[r] = weight }
            groupsTouched.insert(consumer)

        case .setAssurance(let schemeName, let assuranceText):
            let scheme = try schemeIndex(schemeName)
            guard let value = ContractNumber.parse(assuranceText), value >= 0, value <= 1 else {
                throw ScenarioError(.badValue, "assurance '\(assuranceText)' is not a number in [0,1]")
            }
            dataset.schemes.assurance[Int(scheme)] = value
            let certs = dataset.certifications
            for r in 0..<certs.count where certs.scheme[r] == scheme { baseTouched.insert(Int(certs.supplier[r])) }

        case .setPrior(let valueText, let supplierId):
            guard let value = ContractNumber.parse(valueText), value >= 0, value <= 1 else {
                throw ScenarioError(.badValue, "prior '\(valueText)' is not a number in [0,1]")
            }
            if let supplierId {
                let supplier = try supplierIndex(supplierId)
                dataset.suppliers.priors[supplier] = value
                baseTouched.insert(supplier)
            } else {
                parameters.prior = value
                allBaseTouched = true
            }

        case .setDate(let text):
            parameters.date = try day(text, "date")
            allBaseTouched = true
        }
    }

    // MARK: steps' pieces

    private mutating func exit(_ supplier: Int32) {
        let rows = dataset.dependencies
        // Groups of other consumers that lose a row to the leaving supplier.
        var lost: [Int: (consumer: Int32, label: Int32, weight: Double)] = [:]
        var remove = Set<Int>()
        for r in 0..<rows.count {
            if rows.consumer[r] == supplier {
                remove.insert(r)
            } else if rows.provider[r] == supplier {
                remove.insert(r)
                let key = Int(rows.consumer[r]) << 32 | Int(rows.group[r])
                let w = max(lost[key]?.weight ?? 0, rows.weight[r])
                lost[key] = (rows.consumer[r], rows.group[r], w)
            }
        }
        var survivors = Set<Int>()
        for r in 0..<rows.count where !remove.contains(r) {
            survivors.insert(Int(rows.consumer[r]) << 32 | Int(rows.group[r]))
        }
        dataset.dependencies.remove(rows: remove)
        dataset.dependencies.emptiedGroups.removeAll { $0.consumer == supplier }
        for (key, group) in lost.sorted(by: { $0.key < $1.key }) where !survivors.contains(key) {
            dataset.dependencies.emptiedGroups.append(.init(consumer: group.consumer, label: group.label, weight: group.weight))
        }
        for group in lost.values { groupsTouched.insert(Int(group.consumer)) }
        groupsTouched.insert(Int(supplier))
        dataset.certifications.remove { $0 == supplier }
        exited.insert(Int(supplier))
        compromised.remove(Int(supplier))
        baseTouched.insert(Int(supplier))
    }

    private func supplierIndex(_ id: String) throws(ScenarioError) -> Int {
        guard let index = dataset.suppliers.find(id) else {
            // Suggest only suppliers a step can still name (not those that exited).
            let exited = self.exited
            throw ScenarioError(.unknownSupplier, "unknown supplier '\(id)'"
                                + SupplierSearch.didYouMean(SupplierSearch.suggestions(for: id, in: dataset.suppliers,
                                                                                      excluding: { exited.contains($0) })))
        }
        guard !exited.contains(index) else { throw ScenarioError(.unknownSupplier, "supplier '\(id)' has already exited") }
        return index
    }

    private func schemeIndex(_ name: String) throws(ScenarioError) -> Int32 {
        guard let scheme = dataset.schemes.find(name) else {
            throw ScenarioError(.unknownScheme, "unknown scheme '\(name)' (not built in and not in schemes.csv)"
                                + SupplierSearch.didYouMean(dataset.schemes.suggestions(for: name)))
        }
        return scheme
    }

    private func date(_ text: String?, _ name: String, missing: Int32) throws(ScenarioError) -> Int32 {
        guard let text, !text.isEmpty else { return missing }
        return try day(text, name).ordinal
    }

    private func day(_ text: String, _ name: String) throws(ScenarioError) -> Day {
        var bytes = text
        switch bytes.withUTF8({ Day.parse(UnsafeRawBufferPointer($0)) }) {
        case .some(.some(let day)): return day
        case .some(.none): throw ScenarioError(.badValue, "\(name) '\(text)' is not a valid calendar date")
        case .none: throw ScenarioError(.badValue, "\(name) '\(text)' is not a date in YYYY-MM-DD form")
        }
    }

    private func criticality(_ text: String) throws(ScenarioError) -> Double {
        guard let weight = Criticality.weight(text) else {
            throw ScenarioError(.badValue, "criticality '\(text)' is not critical/high/medium/low or a number in (0,1]")
        }
        return weight
    }

    /// Rows of a consumer–provider pair (of one group when given); none is an error.
    private func matchingRows(_ consumerId: String, _ providerId: String, _ groupText: String?) throws(ScenarioError) -> (Int, [Int]) {
        let consumer = try supplierIndex(consumerId), provider = try supplierIndex(providerId)
        // An empty group is the provider's own id, as in dependencies.csv.
        let label: Int32? = groupText.map { $0.isEmpty ? Int32(provider) : dataset.groupLabel($0) ?? -2 }
        let rows = dataset.dependencies
        let matches = (0..<rows.count).filter {
            rows.consumer[$0] == Int32(consumer) && rows.provider[$0] == Int32(provider) && (label == nil || rows.group[$0] == label!)
        }
        guard !matches.isEmpty else {
            let scope = groupText.map { $0.isEmpty ? " without a group" : " in group '\($0)'" } ?? ""
            throw ScenarioError(.noSuchDependency, "no dependency row '\(consumerId)' → '\(providerId)'" + scope)
        }
        return (consumer, matches)
    }
}

extension DependencyTable {
    /// Removes the given rows, keeping the others in order.
    mutating func remove(rows: Set<Int>) {
        guard !rows.isEmpty else { return }
        let keep = (0..<count).filter { !rows.contains($0) }
        consumer = keep.map { consumer[$0] }
        provider = keep.map { provider[$0] }
        weight = keep.map { weight[$0] }
        group = keep.map { group[$0] }
        service = keep.map { service[$0] }
        lines = keep.map { lines[$0] }
        attributes.keepRows { !rows.contains($0) }
    }
}

extension CertificationTable {
    /// Removes the rows whose supplier matches.
    mutating func remove(where supplierMatches: (Int32) -> Bool) {
        guard supplier.contains(where: supplierMatches) else { return }
        var kept = CertificationTable()
        kept.attributes = attributes
        kept.attributes.values = attributes.values.map { _ in StringColumn() }
        kept.append(contentsOf: self) { !supplierMatches(supplier[$0]) }
        self = kept
    }
}

extension AttributeColumns {
    /// Keeps the rows that `keep` accepts, in order.
    mutating func keepRows(_ keep: (Int) -> Bool) {
        for k in values.indices {
            var column = StringColumn()
            column.append(contentsOf: values[k], where: keep)
            values[k] = column
        }
    }
}
