/// The dependency structure of a dataset in compressed sparse row form.
///
/// For each consumer, its groups of alternatives (contiguous), each with a
/// weight and its providers (contiguous); for each provider, the distinct
/// consumers that depend on it. All ids are dense `Int32` supplier indices.
public struct SupplyGraph: Sendable {
    /// Number of suppliers (nodes).
    public let supplierCount: Int
    /// Groups of consumer `i` are `groupStart[i] ..< groupStart[i+1]`.
    public let groupStart: [Int32]
    /// w(g): the largest criticality weight of the group's rows.
    public let groupWeight: [Double]
    /// Label id of each group (see `DependencyTable`).
    public let groupLabel: [Int32]
    /// Providers of group `g` are `members[memberStart[g] ..< memberStart[g+1]]`;
    /// a group emptied by `exit` has none and passes up d = w(g).
    public let memberStart: [Int32]
    public let members: [Int32]
    /// Consumers of provider `j` are `consumers[consumerStart[j] ..< consumerStart[j+1]]`.
    public let consumerStart: [Int32]
    public let consumers: [Int32]

    /// Number of groups.
    public var groupCount: Int { groupWeight.count }

    /// Builds the graph of a dataset's dependency rows.
    /// - Complexity: O(n + rows), plus sorting each consumer's rows by group label.
    public init(_ dataset: Dataset) {
        let n = dataset.suppliers.count
        let rows = dataset.dependencies
        let emptied = rows.emptiedGroups
        let total = rows.count + emptied.count

        // Row order by consumer, then by label within a consumer.
        let byConsumer = RowOrder.byConsumer(rows.consumer, extra: emptied.map(\.consumer), count: n)
        let start = byConsumer.start
        var order = byConsumer.order

        // Labels, weights and providers of rows and emptied groups, side by side (provider -1: emptied).
        var labelOf = rows.group
        var weightOf = rows.weight
        var providerOf = rows.provider
        for e in emptied {
            labelOf.append(e.label)
            weightOf.append(e.weight)
            providerOf.append(-1)
        }

        // At most one group and one member per row: fill preallocated buffers, then trim.
        var groupStart = [Int32](repeating: 0, count: n + 1)
        var groupWeight = [Double](repeating: 0, count: total)
        var groupLabel = [Int32](repeating: 0, count: total)
        var memberStart = [Int32](repeating: 0, count: total + 1)
        var members = [Int32](repeating: 0, count: rows.count)
        var groups = 0, memberCount = 0
        labelOf.withUnsafeBufferPointer { labelOf in
        weightOf.withUnsafeBufferPointer { weightOf in
        providerOf.withUnsafeBufferPointer { providerOf in
        order.withUnsafeMutableBufferPointer { order in
        groupStart.withUnsafeMutableBufferPointer { groupStart in
        groupWeight.withUnsafeMutableBufferPointer { groupWeight in
        groupLabel.withUnsafeMutableBufferPointer { groupLabel in
        memberStart.withUnsafeMutableBufferPointer { memberStart in
        members.withUnsafeMutableBufferPointer { members in
            for i in 0..<n {
                let lo = Int(start[i]), hi = Int(start[i + 1])
                RowOrder.sort(order, lo..<hi, by: labelOf)
                var k = lo
                while k < hi {
                    let l = labelOf[Int(order[k])]
                    var w = 0.0
                    let groupMembersStart = memberCount
                    while k < hi && labelOf[Int(order[k])] == l {
                        let r = Int(order[k])
                        w = max(w, weightOf[r])
                        let p = providerOf[r]
                        if p >= 0 {
                            var duplicate = false
                            for m in groupMembersStart..<memberCount where members[m] == p { duplicate = true; break }
                            if !duplicate { members[memberCount] = p; memberCount += 1 }
                        }
                        k += 1
                    }
                    groupWeight[groups] = w
                    groupLabel[groups] = l
                    groups += 1
                    memberStart[groups] = Int32(memberCount)
                }
                groupStart[i + 1] = Int32(groups)
            }
        }}}}}}}}}
        groupWeight.removeLast(total - groups)
        groupLabel.removeLast(total - groups)
        memberStart.removeLast(total - groups)
        members.removeLast(rows.count - memberCount)

        // Reverse adjacency: distinct consumers per provider, in consumer order.
        var consumerStart = [Int32](repeating: 0, count: n + 1)
        var consumers = [Int32](repeating: 0, count: memberCount)
        var distinct = 0
        groupStart.withUnsafeBufferPointer { groupStart in
        memberStart.withUnsafeBufferPointer { memberStart in
        members.withUnsafeBufferPointer { members in
        consumerStart.withUnsafeMutableBufferPointer { consumerStart in
        consumers.withUnsafeMutableBufferPointer { consumers in
            let lastSeen = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
            defer { lastSeen.deallocate() }
            lastSeen.initialize(repeating: -1)
            for i in 0..<n {
                for m in Int(memberStart[Int(groupStart[i])])..<Int(memberStart[Int(groupStart[i + 1])]) {
                    let j = Int(members[m])
                    if lastSeen[j] != Int32(i) { lastSeen[j] = Int32(i); consumerStart[j + 1] += 1 }
                }
            }
            for j in 0..<n { consumerStart[j + 1] += consumerStart[j] }
            distinct = Int(consumerStart[n])
            let next = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
            defer { next.deallocate() }
            for j in 0..<n { next[j] = consumerStart[j]; lastSeen[j] = -1 }
            for i in 0..<n {
                for m in Int(memberStart[Int(groupStart[i])])..<Int(memberStart[Int(groupStart[i + 1])]) {
                    let j = Int(members[m])
                    if lastSeen[j] != Int32(i) {
                        lastSeen[j] = Int32(i)
                        consumers[Int(next[j])] = Int32(i)
                        next[j] += 1
                    }
                }
            }
        }}}}}
        consumers.removeLast(memberCount - distinct)
        self.init(supplierCount: n, groupStart: groupStart, groupWeight: groupWeight, groupLabel: groupLabel,
                  memberStart: memberStart, members: members, consumerStart: consumerStart, consumers: consumers)
    }

    /// A graph from its arrays (also for renumbered copies).
    init(supplierCount: Int, groupStart: [Int32], groupWeight: [Double], groupLabel: [Int32], memberStart: [Int32],
         members: [Int32], consumerStart: [Int32], consumers: [Int32]) {
        self.supplierCount = supplierCount
        self.groupStart = groupStart
        self.groupWeight = groupWeight
        self.groupLabel = groupLabel
        self.memberStart = memberStart
        self.members = members
        self.consumerStart = consumerStart
        self.consumers = consumers
    }

    /// The groups of consumer `i`.
    public func groups(of i: Int) -> Range<Int> { Int(groupStart[i])..<Int(groupStart[i + 1]) }

    /// The providers of group `g`.
    public func providers(ofGroup g: Int) -> ArraySlice<Int32> { members[Int(memberStart[g])..<Int(memberStart[g + 1])] }

    /// The distinct consumers of provider `j`.
    public func consumers(of j: Int) -> ArraySlice<Int32> { consumers[Int(consumerStart[j])..<Int(consumerStart[j + 1])] }

    /// All providers of consumer `i`, group by group (a provider may repeat across groups).
    public func providers(of i: Int) -> ArraySlice<Int32> {
        members[Int(memberStart[Int(groupStart[i])])..<Int(memberStart[Int(groupStart[i + 1])])]
    }
}
