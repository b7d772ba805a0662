/// The dependency rows of a dataset (structure of arrays).
///
/// A row says `consumer` depends on `provider` with a criticality weight, in a
/// group of alternatives. Group labels are ids: a label equal to a supplier
/// id shares that supplier's index (so an empty group, which means "the
/// provider's own id", needs no lookup); other labels come after.
public struct DependencyTable: Sendable {
    /// Who depends and on whom (indices of `SupplierTable`).
    public internal(set) var consumer: [Int32] = []
    public internal(set) var provider: [Int32] = []
    /// The criticality weight, in (0,1] (`Criticality`).
    public internal(set) var weight: [Double] = []
    /// The label id of the row's group of alternatives (see above and `Dataset.groupLabel`).
    public internal(set) var group: [Int32] = []
    /// Service names, interned; `service[row]` indexes `serviceNames` (0 is "").
    public internal(set) var service: [Int32] = []
    public internal(set) var serviceNames = InternTable()
    /// The line of dependencies.csv where each row starts (the header is line 1).
    public internal(set) var lines: [Int32] = []
    /// Columns the contract does not name, kept as written.
    public internal(set) var attributes = AttributeColumns()
    /// Group labels that are not supplier ids; label id = supplier count + index here.
    public internal(set) var extraLabels = InternTable()
    /// Groups that lost all their rows when their providers exited: they pass up
    /// full distrust scaled by the weight they had (contract §4).
    public internal(set) var emptiedGroups: [EmptiedGroup] = []

    public struct EmptiedGroup: Sendable, Equatable {
        public var consumer: Int32
        public var label: Int32
        public var weight: Double
    }

    public init() {
        serviceNames.intern("")
    }

    /// Number of rows.
    public var count: Int { consumer.count }

    mutating func reserve(_ rows: Int) {
        consumer.reserveCapacity(rows); provider.reserveCapacity(rows); weight.reserveCapacity(rows)
        group.reserveCapacity(rows); service.reserveCapacity(rows); lines.reserveCapacity(rows)
    }

    @inline(__always)
    mutating func append(consumer: Int32, provider: Int32, weight: Double, group: Int32, service: Int32, line: Int32) {
        self.consumer.append(consumer)
        self.provider.append(provider)
        self.weight.append(weight)
        self.group.append(group)
        self.service.append(service)
        lines.append(line)
    }

    /// Appends the rows of another table read from a later piece of the same file.
    /// - Parameters:
    ///   - lineOffset: added to the rows' lines.
    ///   - service: the global id of each of `other`'s service ids.
    ///   - label: the global label id of each local label (`other.group` holds −1 − local id for them).
    ///   - keep: the rows to keep.
    mutating func append(contentsOf other: DependencyTable, lineOffset: Int32, service serviceIds: [Int32], label labelIds: [Int32],
                         keep: [Bool]) {
        for r in 0..<other.count where keep[r] {
            let label = other.group[r]
            append(consumer: other.consumer[r], provider: other.provider[r], weight: other.weight[r],
                   group: label >= 0 ? label : labelIds[Int(-1 - label)],
                   service: serviceIds[Int(other.service[r])], line: other.lines[r] + lineOffset)
        }
        for x in attributes.values.indices {
            attributes.values[x].append(contentsOf: other.attributes.values[x]) { keep[$0] }
        }
    }
}
