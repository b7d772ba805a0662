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

    /// - Parameter threads: threads for the copy (the result does not depend on it).
    init(graph original: SupplyGraph, schedule original2: SolveSchedule, threads: Int = Parallel.defaultThreads) {
        let n = original.supplierCount
        let order = original2.order
        let groups = original.groupCount, memberCount = original.members.count
        // Chunks of schedule positions; each chunk's first group and member are
        // known from a first pass, so chunks are then copied independently.
        let chunk = 1 << 14
        let chunks = (n + chunk - 1) / chunk
        var groupOffset = [Int](repeating: 0, count: chunks + 1)
        var memberOffset = [Int](repeating: 0, count: chunks + 1)
        let old = (groupStart: SharedReadBuffer(original.groupStart), groupWeight: SharedReadBuffer(original.groupWeight),
                   groupLabel: SharedReadBuffer(original.groupLabel), memberStart: SharedReadBuffer(original.memberStart),
                   members: SharedReadBuffer(original.members))
        let schedule = SharedReadBuffer(order)
        withSharedBuffers(&groupOffset, &memberOffset) { groupsOut, membersOut in
            Parallel.forEachChunk(n, chunk: chunk, threads: threads) { range in
                var g = 0, m = 0
                for k in range {
                    let v = Int(schedule[k])
                    let first = Int(old.groupStart[v]), last = Int(old.groupStart[v + 1])
                    g += last - first
                    m += Int(old.memberStart[last]) - Int(old.memberStart[first])
                }
                groupsOut[range.lowerBound / chunk + 1] = g
                membersOut[range.lowerBound / chunk + 1] = m
            }
        }
        for c in 0..<chunks {
            groupOffset[c + 1] += groupOffset[c]
            memberOffset[c + 1] += memberOffset[c]
        }
        let position = [Int32].filled(count: n) { position in
            Parallel.forEachChunk(n, chunk: chunk, threads: threads) { range in
                for k in range { position[Int(schedule[k])] = Int32(k) }
            }
        }
        var groupStart = [Int32].large(repeating: 0, count: n + 1)
        var groupWeight = [Double].large(repeating: 0, count: groups)
        var groupLabel = [Int32].large(repeating: 0, count: groups)
        var memberStart = [Int32].large(repeating: 0, count: groups + 1)
        var members = [Int32].large(repeating: 0, count: memberCount)
        let (groupOffsets, memberOffsets, positions) = (groupOffset, memberOffset, SharedReadBuffer(position))
        withSharedBuffers(&groupStart, &groupWeight, &groupLabel, &memberStart, &members) { groupStart, groupWeight, groupLabel, memberStart, members in
            let out = (groupStart: groupStart, groupWeight: groupWeight, groupLabel: groupLabel, memberStart: memberStart, members: members)
            Parallel.forEachChunk(n, chunk: chunk, threads: threads) { range in
                var g = groupOffsets[range.lowerBound / chunk], m = memberOffsets[range.lowerBound / chunk]
                for k in range {
                    let v = Int(schedule[k])
                    for oldGroup in Int(old.groupStart[v])..<Int(old.groupStart[v + 1]) {
                        out.groupWeight[g] = old.groupWeight[oldGroup]
                        out.groupLabel[g] = old.groupLabel[oldGroup]
                        for oldMember in Int(old.memberStart[oldGroup])..<Int(old.memberStart[oldGroup + 1]) {
                            out.members[m] = positions[Int(old.members[oldMember])]
                            m += 1
                        }
                        g += 1
                        out.memberStart[g] = Int32(m)
                    }
                    out.groupStart[k + 1] = Int32(g)
                }
            }
        }
        graph = SupplyGraph(supplierCount: n, groupStart: groupStart, groupWeight: groupWeight, groupLabel: groupLabel,
                            memberStart: memberStart, members: members, consumerStart: [], consumers: [])
        self.schedule = SolveSchedule(order: [Int32].filled(count: n) { identity in for k in 0..<n { identity[k] = Int32(k) } },
                                      componentStart: original2.componentStart, levelStart: original2.levelStart, component: [])
        self.order = order
        #if DEBUG
        self.schedule._checkInvariants(against: graph)
        #endif
    }

    /// `values` (dataset numbering) in schedule numbering, copied on up to `threads` threads.
    func gather<T: BitwiseCopyable & Sendable>(_ values: [T], threads: Int) -> [T] {
        if values.isEmpty { return [] }
        let (source, order) = (SharedReadBuffer(values), SharedReadBuffer(self.order))
        return [T].filled(count: order.count) { out in
            Parallel.forEachChunk(order.count, chunk: 1 << 16, threads: threads) { range in
                for k in range { out[k] = source[Int(order[k])] }
            }
        }
    }

    /// `values` (schedule numbering) back in dataset numbering, on up to
    /// `threads` threads (the order is a permutation: no two write one place).
    func scatter(_ values: [Double], threads: Int) -> [Double] {
        let (source, order) = (SharedReadBuffer(values), SharedReadBuffer(self.order))
        return [Double].filled(count: values.count) { out in
            Parallel.forEachChunk(order.count, chunk: 1 << 16, threads: threads) { range in
                for k in range { out[Int(order[k])] = source[k] }
            }
        }
    }
}
