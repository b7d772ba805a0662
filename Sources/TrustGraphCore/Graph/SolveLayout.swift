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
        var position = [Int32](repeating: 0, count: n)
        for (k, v) in order.enumerated() { position[Int(v)] = Int32(k) }
        var groupStart = [Int32](repeating: 0, count: n + 1)
        var groupWeight: [Double] = [], groupLabel: [Int32] = [], memberStart: [Int32] = [0], members: [Int32] = []
        groupWeight.reserveCapacity(original.groupCount)
        groupLabel.reserveCapacity(original.groupCount)
        memberStart.reserveCapacity(original.groupCount + 1)
        members.reserveCapacity(original.members.count)
        for k in 0..<n {
            let v = Int(order[k])
            for g in Int(original.groupStart[v])..<Int(original.groupStart[v + 1]) {
                groupWeight.append(original.groupWeight[g])
                groupLabel.append(original.groupLabel[g])
                for m in Int(original.memberStart[g])..<Int(original.memberStart[g + 1]) {
                    members.append(position[Int(original.members[m])])
                }
                memberStart.append(Int32(members.count))
            }
            groupStart[k + 1] = Int32(groupWeight.count)
        }
        graph = SupplyGraph(supplierCount: n, groupStart: groupStart, groupWeight: groupWeight, groupLabel: groupLabel,
                            memberStart: memberStart, members: members, consumerStart: [], consumers: [])
        schedule = SolveSchedule(order: (0..<Int32(n)).map { $0 }, componentStart: original2.componentStart,
                                 levelStart: original2.levelStart, component: [])
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
