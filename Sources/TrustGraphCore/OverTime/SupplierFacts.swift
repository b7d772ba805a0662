/// What one snapshot of a dataset says about each supplier — its own row, its
/// certifications and the dependency rows it is the consumer of — as `diff`
/// compares them: parsed values (`0.90` = `0.9`, a scheme by its canonical
/// name, an empty group as its provider's id), extra columns by their
/// case-insensitive names, rows in any order.
///
/// Facts are compared field by field where they are stored, without writing
/// them out as text (text still compares as Swift's strings do, canonically): a million suppliers of two snapshots, most of them the
/// same, are compared in about the time it takes to read the columns. Only a
/// supplier whose rows are listed in another order has them written as text
/// and sorted.
struct SupplierFacts: Sendable {
    let dataset: Dataset
    let certifications: RowsByOwner
    let dependencies: RowsByOwner

    init(_ model: TrustModel) {
        dataset = model.dataset
        certifications = model.certificationIndex
        dependencies = RowsByOwner(owners: model.dataset.dependencies.consumer, count: model.dataset.suppliers.count)
    }

    /// Whether supplier `i` here and supplier `j` of `other` have the same facts.
    func same(_ i: Int, as j: Int, in other: SupplierFacts) -> Bool {
        sameRow(i, as: j, in: other)
            && sameRows(certifications.rows(of: i), other.certifications.rows(of: j), equal: { sameCertification(Int($0), as: Int($1), in: other) },
                        line: { certificationLine(Int($0)) }, otherLine: { other.certificationLine(Int($0)) })
            && sameRows(dependencies.rows(of: i), other.dependencies.rows(of: j), equal: { sameDependency(Int($0), as: Int($1), in: other) },
                        line: { dependencyLine(Int($0)) }, otherLine: { other.dependencyLine(Int($0)) })
    }

    /// Rows `a` here and `b` there hold the same facts: pairwise in file order, else as sorted lines.
    private func sameRows(_ a: ArraySlice<Int32>, _ b: ArraySlice<Int32>, equal: (Int32, Int32) -> Bool,
                          line: (Int32) -> String, otherLine: (Int32) -> String) -> Bool {
        guard a.count == b.count else { return false }
        if zip(a, b).allSatisfy(equal) { return true }
        return a.map(line).sorted() == b.map(otherLine).sorted()
    }

    private func sameRow(_ i: Int, as j: Int, in other: SupplierFacts) -> Bool {
        let (s, t) = (dataset.suppliers, other.dataset.suppliers)
        let (p, q) = (s.prior(i), t.prior(j))
        return (p?.bitPattern == q?.bitPattern)
            && SupplierFacts.equal(s.names.isEmpty(at: i) ? s.index.values : s.names, i, t.names.isEmpty(at: j) ? t.index.values : t.names, j)
            && SupplierFacts.equal(s.countries, i, t.countries, j) && SupplierFacts.equal(s.sectors, i, t.sectors, j)
            && SupplierFacts.attributes(s.attributes, i) == SupplierFacts.attributes(t.attributes, j)
    }

    private func sameCertification(_ r: Int, as q: Int, in other: SupplierFacts) -> Bool {
        let (a, b) = (dataset.certifications, other.dataset.certifications)
        return a.status[r] == b.status[q] && a.partial[r] == b.partial[q]
            && SupplierFacts.day(a.issued[r]) == SupplierFacts.day(b.issued[q]) && SupplierFacts.day(a.expires[r]) == SupplierFacts.day(b.expires[q])
            && SupplierFacts.day(a.lastEvidence[r]) == SupplierFacts.day(b.lastEvidence[q])
            && dataset.schemes.names[Int(a.scheme[r])] == other.dataset.schemes.names[Int(b.scheme[q])]
            && SupplierFacts.attributes(a.attributes, r) == SupplierFacts.attributes(b.attributes, q)
    }

    private func sameDependency(_ r: Int, as q: Int, in other: SupplierFacts) -> Bool {
        let (a, b) = (dataset.dependencies, other.dataset.dependencies)
        let (ids, otherIds) = (dataset.suppliers.index.values, other.dataset.suppliers.index.values)
        return a.weight[r].bitPattern == b.weight[q].bitPattern
            && SupplierFacts.equal(ids, Int(a.provider[r]), otherIds, Int(b.provider[q]))
            && sameGroupLabel(a.group[r], as: b.group[q], in: other)
            && SupplierFacts.equal(a.serviceNames.values, Int(a.service[r]), b.serviceNames.values, Int(b.service[q]))
            && SupplierFacts.attributes(a.attributes, r) == SupplierFacts.attributes(b.attributes, q)
    }

    private func sameGroupLabel(_ label: Int32, as other: Int32, in facts: SupplierFacts) -> Bool {
        func column(_ dataset: Dataset, _ label: Int32) -> (StringColumn, Int) {
            let n = Int32(dataset.suppliers.count)
            return label < n ? (dataset.suppliers.index.values, Int(label)) : (dataset.dependencies.extraLabels.values, Int(label - n))
        }
        let (a, i) = column(dataset, label), (b, j) = column(facts.dataset, other)
        return SupplierFacts.equal(a, i, b, j)
    }

    /// A certification as one line of text, for rows listed in another order.
    private func certificationLine(_ r: Int) -> String {
        let certs = dataset.certifications
        func day(_ ordinal: Int32) -> String { SupplierFacts.day(ordinal).map { Day(ordinal: $0).description } ?? "" }
        return [dataset.schemes.names[Int(certs.scheme[r])], certs.status[r].description, day(certs.issued[r]), day(certs.expires[r]),
                day(certs.lastEvidence[r]), certs.partial[r] ? "partial" : "full", SupplierFacts.attributes(certs.attributes, r)]
            .joined(separator: "\u{1E}")
    }

    /// A dependency row as one line of text, for rows listed in another order.
    private func dependencyLine(_ r: Int) -> String {
        let rows = dataset.dependencies
        return [dataset.suppliers.id(Int(rows.provider[r])), rows.weight[r].description, dataset.groupLabelText(rows.group[r]),
                rows.serviceNames.values[Int(rows.service[r])], SupplierFacts.attributes(rows.attributes, r)]
            .joined(separator: "\u{1E}")
    }

    /// A date column's value, nil for none (no start and no end are both none).
    private static func day(_ ordinal: Int32) -> Int32? {
        ordinal == CertificationTable.noStart || ordinal == CertificationTable.noEnd ? nil : ordinal
    }

    /// The non-empty extra cells of a row as `name=value` (name lower-cased), sorted; "" without extra columns.
    private static func attributes(_ columns: AttributeColumns, _ row: Int) -> String {
        guard !columns.names.isEmpty else { return "" }
        return columns.attributes(ofRow: row).map { "\($0.name.lowercased())=\($0.value)" }.sorted().joined(separator: "\u{1F}")
    }

    /// Whether value `i` of `a` and value `j` of `b` are the same text, as Swift's strings
    /// compare (canonically equivalent: "é" precomposed or as "e" and a combining accent):
    /// the same bytes, or, for bytes that differ and are not all ASCII, equal strings.
    private static func equal(_ a: StringColumn, _ i: Int, _ b: StringColumn, _ j: Int) -> Bool {
        a.withBytes(i) { x in
            b.withBytes(j) { y in
                if x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) { return true }
                guard x.contains(where: { $0 >= 0x80 }) || y.contains(where: { $0 >= 0x80 }) else { return false }
                return String(decoding: x, as: UTF8.self) == String(decoding: y, as: UTF8.self)
            }
        }
    }
}
