/// The supply graph renumbered in schedule order, for full solves.
///
/// In the dataset's numbering a solve visits suppliers level by level but
/// reads their groups and writes their distrust all over memory. Renumbered
/// so that supplier k is the k-th of the schedule, a solve walks the group
/// and member arrays front to back and writes distrust in order; only the
/// reads of providers' distrust stay scattered (and they point backwards,
/// to levels already solved).
struct SolveLayout: Sendable {
    /// The graph in schedule numbering (no reverse adjacency: a solve does not need it).
    let graph: SupplyGraph
    /// The schedule in schedule numbering: `order` is the identity.
    let schedule: SolveSchedule
    /// `order[k]` is the dataset index of schedule position k.
    let order: [Int32]

    init(graph original: SupplyGraph, schedule original2: SolveSchedule) {
        let n = original.supplierCount
        let order = original2.order
        var groupStart = [Int32](repeating: 0, count: n + 1)
        var groupWeight = [Double](repeating: 0, count: original.groupCount)
        var groupLabel = [Int32](repeating: 0, count: original.groupCount)
        var memberStart = [Int32](repeating: 0, count: original.groupCount + 1)
        var members = [Int32](repeating: 0, count: original.members.count)
        order.withUnsafeBufferPointer { order in
        original.groupStart.withUnsafeBufferPointer { oldGroupStart in
        original.groupWeight.withUnsafeBufferPointer { oldGroupWeight in
        original.groupLabel.withUnsafeBufferPointer { oldGroupLabel in
        original.memberStart.withUnsafeBufferPointer { oldMemberStart in
        original.members.withUnsafeBufferPointer { oldMembers in
        groupStart.withUnsafeMutableBufferPointer { groupStart in
        groupWeight.withUnsafeMutableBufferPointer { groupWeight in
        groupLabel.withUnsafeMutableBufferPointer { groupLabel in
        memberStart.withUnsafeMutableBufferPointer { memberStart in
        members.withUnsafeMutableBufferPointer { members in
            let position = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
            defer { position.deallocate() }
            for k in 0..<n { position[Int(order[k])] = Int32(k) }
            var g = 0, m = 0
            for k in 0..<n {
                let v = Int(order[k])
                for old in Int(oldGroupStart[v])..<Int(oldGroupStart[v + 1]) {
                    groupWeight[g] = oldGroupWeight[old]
                    groupLabel[g] = oldGroupLabel[old]
                    for oldMember in Int(oldMemberStart[old])..<Int(oldMemberStart[old + 1]) {
                        members[m] = position[Int(oldMembers[oldMember])]
                        m += 1
                    }
                    g += 1
                    memberStart[g] = Int32(m)
                }
                groupStart[k + 1] = Int32(g)
            }
        }}}}}}}}}}}
        graph = SupplyGraph(supplierCount: n, groupStart: groupStart, groupWeight: groupWeight, groupLabel: groupLabel,
                            memberStart: memberStart, members: members, consumerStart: [], consumers: [])
        schedule = SolveSchedule(order: [Int32](unsafeUninitializedCapacity: n) { identity, filled in
                                     for k in 0..<n { identity[k] = Int32(k) }
                                     filled = n
                                 },
                                 componentStart: original2.componentStart, levelStart: original2.levelStart, component: [])
        self.order = order
    }

    /// `values` (dataset numbering) in schedule numbering.
    func gather<T>(_ values: [T]) -> [T] {
        values.isEmpty ? [] : order.map { values[Int($0)] }
    }

    /// `values` (schedule numbering) back in dataset numbering.
    func scatter(_ values: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: values.count)
        for (k, v) in order.enumerated() { result[Int(v)] = values[k] }
        return result
    }
}
