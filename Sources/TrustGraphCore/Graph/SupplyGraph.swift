/// The dependency structure of a dataset in compressed sparse row form.
///
/// For each consumer, its groups of alternatives (contiguous), each with a
/// weight and its providers (contiguous); for each provider, the distinct
/// consumers that depend on it. All ids are dense `Int32` supplier indices.
/// The arrays are the library's own (its kernels read them through unchecked
/// views, see docs/architecture.md); other modules read the graph through the
/// accessors below.
public struct SupplyGraph: Sendable {
    /// Number of suppliers (nodes).
    public let supplierCount: Int
    /// Groups of consumer `i` are `groupStart[i] ..< groupStart[i+1]`.
    let groupStart: [Int32]
    /// w(g): the largest criticality weight of the group's rows.
    let groupWeight: [Double]
    /// Label id of each group (see `DependencyTable`).
    let groupLabel: [Int32]
    /// Providers of group `g` are `members[memberStart[g] ..< memberStart[g+1]]`;
    /// a group emptied by `exit` has none and passes up d = w(g).
    let memberStart: [Int32]
    let members: [Int32]
    /// Consumers of provider `j` are `consumers[consumerStart[j] ..< consumerStart[j+1]]`.
    let consumerStart: [Int32]
    let consumers: [Int32]

    /// Number of groups.
    public var groupCount: Int { groupWeight.count }

    /// Builds the graph of a dataset's dependency rows.
    /// - Complexity: O(n + rows), plus sorting each consumer's rows by group label.
    /// - Parameter threads: threads for the build (the result does not depend on it).
    public init(_ dataset: Dataset, threads: Int = Parallel.defaultThreads) {
        self = SupplyGraph.forward(dataset, threads: threads).withConsumerLists(threads: threads)
    }

    /// The groups and members of a dataset's rows, without the lists of
    /// consumers (`consumerStart` and `consumers` are empty): all a solve
    /// schedule needs. `withConsumerLists` adds them.
    static func forward(_ dataset: Dataset, threads: Int) -> SupplyGraph {
        let n = dataset.suppliers.count
        let rows = dataset.dependencies
        let emptied = rows.emptiedGroups
        let total = rows.count + emptied.count

        // Row order by consumer, then by label within a consumer.
        var (start, order) = RowOrder.byConsumer(rows.consumer, extra: emptied.map(\.consumer), count: n, threads: threads)

        // Labels, weights and providers of rows and emptied groups, side by side (provider -1: emptied).
        var labelOf = rows.group
        var weightOf = rows.weight
        var providerOf = rows.provider
        for e in emptied {
            labelOf.append(e.label)
            weightOf.append(e.weight)
            providerOf.append(-1)
        }

        // Groups of consumers in chunks, in parallel. A consumer has at most
        // one group and one member per row, so chunk c first writes its groups
        // and members from its first row's position on (leaving gaps), then
        // everything is packed in order.
        let chunk = 1 << 14
        let chunks = (n + chunk - 1) / chunk
        var looseWeight = [Double].unset(count: total)
        var looseLabel = [Int32].unset(count: total)
        var looseMemberEnd = [Int32].unset(count: total)
        var looseMembers = [Int32].unset(count: total)
        var groupEnd = [Int32].unset(count: n)
        var chunkGroups = [Int](repeating: 0, count: chunks + 1)
        var chunkMembers = [Int](repeating: 0, count: chunks + 1)
        let rowStart = SharedReadBuffer(start)
        withSharedBuffers(&order, &looseWeight, &looseLabel, &looseMemberEnd) { order, weight, label, memberEnd in
        withSharedBuffers(&looseMembers, &groupEnd, &chunkGroups, &chunkMembers) { members, groupEnd, chunkGroups, chunkMembers in
            let writer = LooseGroupWriter(rowStart: rowStart, labels: SharedReadBuffer(labelOf), weights: SharedReadBuffer(weightOf),
                                          providers: SharedReadBuffer(providerOf), order: order, weight: weight, label: label,
                                          memberEnd: memberEnd, members: members, groupEnd: groupEnd)
            Parallel.forEachChunk(n, chunk: chunk, threads: threads) { range in
                let written = writer.write(range)
                chunkGroups[range.lowerBound / chunk + 1] = written.groups
                chunkMembers[range.lowerBound / chunk + 1] = written.members
            }
        }}
        for c in 0..<chunks {
            chunkGroups[c + 1] += chunkGroups[c]
            chunkMembers[c + 1] += chunkMembers[c]
        }
        let groupCount = chunkGroups[chunks], memberCount = chunkMembers[chunks]
        var groupStart = [Int32].large(repeating: 0, count: n + 1)
        var groupWeight = [Double].unset(count: groupCount)
        var groupLabel = [Int32].unset(count: groupCount)
        var memberStart = [Int32].large(repeating: 0, count: groupCount + 1)
        var members = [Int32].unset(count: memberCount)
        let loose = (weight: SharedReadBuffer(looseWeight), label: SharedReadBuffer(looseLabel),
                     memberEnd: SharedReadBuffer(looseMemberEnd), members: SharedReadBuffer(looseMembers), groupEnd: SharedReadBuffer(groupEnd))
        let (groupOffsets, memberOffsets) = (chunkGroups, chunkMembers)
        withSharedBuffers(&groupStart, &groupWeight, &groupLabel, &memberStart, &members) { groupStart, weight, label, memberStart, members in
            let out = (groupStart: groupStart, weight: weight, label: label, memberStart: memberStart, members: members)
            Parallel.forEachChunk(n, chunk: chunk, threads: threads) { range in
                let c = range.lowerBound / chunk
                let base = Int(rowStart[range.lowerBound])
                let (g0, m0) = (groupOffsets[c], memberOffsets[c])
                let groups = groupOffsets[c + 1] - g0, memberCount = memberOffsets[c + 1] - m0
                for k in 0..<groups {
                    out.weight[g0 + k] = loose.weight[base + k]
                    out.label[g0 + k] = loose.label[base + k]
                    out.memberStart[g0 + k + 1] = Int32(m0) + loose.memberEnd[base + k]
                }
                for k in 0..<memberCount { out.members[m0 + k] = loose.members[base + k] }
                for i in range { out.groupStart[i + 1] = Int32(g0) + loose.groupEnd[i] }
            }
        }
        return SupplyGraph(supplierCount: n, groupStart: groupStart, groupWeight: groupWeight, groupLabel: groupLabel,
                           memberStart: memberStart, members: members, consumerStart: [], consumers: [])
    }

    /// This graph with the distinct consumers of each provider, in consumer order.
    func withConsumerLists(threads: Int) -> SupplyGraph {
        let n = supplierCount
        let chunk = 1 << 14
        // A transpose of (provider, consumer) pairs in parallel: consumers are
        // split in one range per task; each task counts its pairs per bucket of
        // providers, those counts give each task its place in every bucket, each
        // task writes its pairs there, then each bucket is counted per provider
        // and placed (see below). A consumer naming a provider in two groups is one pair.
        let tasks = max(1, min(threads, n / chunk))
        let span = (n + tasks - 1) / tasks
        let forward = (groupStart: SharedReadBuffer(groupStart), memberStart: SharedReadBuffer(memberStart), members: SharedReadBuffer(members))
        /// Calls `body` with each distinct provider of consumer `i`, in member order.
        @inline(__always) @Sendable func eachProvider(of i: Int, _ body: (Int) -> Void) {
            let first = Int(forward.memberStart[Int(forward.groupStart[i])]), end = Int(forward.memberStart[Int(forward.groupStart[i + 1])])
            if end - first > 32 {
                // Many providers (rare): a set instead of searching the earlier ones.
                var seen = Set<Int32>(minimumCapacity: end - first)
                for m in first..<end where seen.insert(forward.members[m]).inserted { body(Int(forward.members[m])) }
                return
            }
            for m in first..<end {
                let j = forward.members[m]
                var repeated = false
                for earlier in first..<m where forward.members[earlier] == j { repeated = true; break }
                if !repeated { body(Int(j)) }
            }
        }
        // Counting per provider straight into arrays of millions would touch a
        // random cache line (and, on virtual machines, a random page) for every
        // pair, twice. Pairs are first laid out in buckets of `1 << shift`
        // consecutive providers (bucket-major, then task, then consumer order),
        // then each bucket is counted and placed on its own, in cache.
        let shift = max(0, (Int.bitWidth - max(n - 1, 1).leadingZeroBitCount) - 10)
        let buckets = n == 0 ? 0 : ((n - 1) >> shift) + 1
        // slot[t * buckets + b]: first task t's pair count in bucket b, then where it writes the next one.
        var slot = [Int](repeating: 0, count: tasks * buckets)
        slot.withUnsafeMutableBufferPointer { slot in
            let slot = SharedBuffer(slot)
            Parallel.forEachTask(tasks, threads: threads) { t in
                let mine = slot.base + t * buckets
                for i in (t * span)..<min(n, (t + 1) * span) { eachProvider(of: i) { mine[$0 >> shift] += 1 } }
            }
        }
        var bucketStart = [Int](repeating: 0, count: buckets + 1)
        slot.withUnsafeMutableBufferPointer { slot in
            bucketStart.withUnsafeMutableBufferPointer { start in RowOrder.places(slot, keys: buckets, tasks: tasks, start: start) }
        }
        let total = bucketStart[buckets]
        // Each pair as provider << 32 | consumer.
        let pairs = [UInt64].filled(count: total) { pairs in
            slot.withUnsafeMutableBufferPointer { slot in
                let slot = SharedBuffer(slot)
                Parallel.forEachTask(tasks, threads: threads) { t in
                    let next = slot.base + t * buckets
                    for i in (t * span)..<min(n, (t + 1) * span) {
                        eachProvider(of: i) { j in
                            pairs[next[j >> shift]] = UInt64(j) << 32 | UInt64(i)
                            next[j >> shift] += 1
                        }
                    }
                }
            }
        }
        var consumerStart = [Int32].unset(count: n + 1)
        var consumers = [Int32].unset(count: total)
        let (sortedPairs, starts) = (SharedReadBuffer(pairs), SharedReadBuffer(bucketStart))
        withSharedBuffers(&consumerStart, &consumers) { consumerStart, consumers in
            Parallel.forEachChunk(buckets, chunk: 16, threads: threads) { range in
                let count = UnsafeMutablePointer<Int32>.allocate(capacity: 1 << shift)
                defer { count.deallocate() }
                for b in range {
                    let first = b << shift, width = min(n, (b + 1) << shift) - first
                    count.initialize(repeating: 0, count: width)
                    for k in starts[b]..<starts[b + 1] { count[Int(sortedPairs[k] >> 32) - first] += 1 }
                    var at = Int32(starts[b])
                    for j in 0..<width {
                        consumerStart[first + j] = at
                        at += count[j]
                        count[j] = consumerStart[first + j]
                    }
                    for k in starts[b]..<starts[b + 1] {
                        let pair = sortedPairs[k]
                        let j = Int(pair >> 32) - first
                        consumers[Int(count[j])] = Int32(truncatingIfNeeded: pair)
                        count[j] += 1
                    }
                }
            }
        }
        consumerStart[n] = Int32(total)
        return SupplyGraph(supplierCount: n, groupStart: groupStart, groupWeight: groupWeight, groupLabel: groupLabel,
                           memberStart: memberStart, members: members, consumerStart: consumerStart, consumers: consumers)
    }

    /// The first pass of `forward` over a chunk of consumers: groups and
    /// members are written from the chunk's first row's position on, leaving
    /// gaps that the second pass packs. Its write views are valid only inside
    /// `forward`'s `withSharedBuffers`; chunks write disjoint ranges.
    private struct LooseGroupWriter: Sendable {
        let rowStart, labels: SharedReadBuffer<Int32>
        let weights: SharedReadBuffer<Double>
        let providers: SharedReadBuffer<Int32>
        /// Row order, sorted here within each consumer by label.
        let order: SharedBuffer<Int32>
        let weight: SharedBuffer<Double>
        let label, memberEnd, members, groupEnd: SharedBuffer<Int32>

        /// Writes the groups of consumers `range`.
        /// - Returns: the number of groups and of members written.
        func write(_ range: Range<Int>) -> (groups: Int, members: Int) {
            let base = Int(rowStart[range.lowerBound])
            var groups = base, members = base
            for i in range {
                let lo = Int(rowStart[i]), hi = Int(rowStart[i + 1])
                RowOrder.sort(UnsafeMutableBufferPointer(start: order.base, count: order.count), lo..<hi, by: labels.buffer)
                var k = lo
                while k < hi { k = writeGroup(rows: k..<hi, base: base, groups: &groups, members: &members) }
                groupEnd[i] = Int32(groups - base)
            }
            return (groups - base, members - base)
        }

        /// Writes the group of the row at `order[rows.lowerBound]`: the rows
        /// that follow it with the same label, their largest weight and their
        /// distinct providers (an emptied group's row, provider -1, has none).
        /// - Returns: the position of the first row after the group.
        @inline(__always)
        private func writeGroup(rows: Range<Int>, base: Int, groups: inout Int, members: inout Int) -> Int {
            var k = rows.lowerBound
            let l = labels[Int(order[k])]
            var w = 0.0
            let groupMembersStart = members
            // Members seen, once a group is too large to search its members (rare).
            var seen: Set<Int32>?
            while k < rows.upperBound && labels[Int(order[k])] == l {
                let r = Int(order[k])
                w = max(w, weights[r])
                let p = providers[r]
                if p >= 0 {
                    var duplicate = false
                    if seen != nil {
                        duplicate = !seen!.insert(p).inserted
                    } else {
                        for m in groupMembersStart..<members where self.members[m] == p { duplicate = true; break }
                        if members - groupMembersStart >= 32 {
                            seen = Set((groupMembersStart..<members).map { self.members[$0] })
                            seen!.insert(p)
                        }
                    }
                    if !duplicate { self.members[members] = p; members += 1 }
                }
                k += 1
            }
            weight[groups] = w
            label[groups] = l
            memberEnd[groups] = Int32(members - base)
            groups += 1
            return k
        }
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
        #if DEBUG
        _checkInvariants()
        #endif
    }

    /// The groups of consumer `i`.
    public func groups(of i: Int) -> Range<Int> { Int(groupStart[i])..<Int(groupStart[i + 1]) }

    /// The providers of group `g`.
    public func providers(ofGroup g: Int) -> ArraySlice<Int32> { members[Int(memberStart[g])..<Int(memberStart[g + 1])] }

    /// The distinct consumers of provider `j`.
    public func consumers(of j: Int) -> ArraySlice<Int32> { consumers[Int(consumerStart[j])..<Int(consumerStart[j + 1])] }

    /// w(g): the weight of group `g`, the largest criticality weight of its rows.
    public func weight(ofGroup g: Int) -> Double { groupWeight[g] }

    /// The label id of group `g` (see `Dataset.groupLabelText`).
    public func label(ofGroup g: Int) -> Int32 { groupLabel[g] }

    /// How many distinct consumers depend on provider `j`.
    public func consumerCount(of j: Int) -> Int { Int(consumerStart[j + 1] - consumerStart[j]) }

    /// All providers of consumer `i`, group by group (a provider may repeat across groups).
    public func providers(of i: Int) -> ArraySlice<Int32> {
        members[Int(memberStart[Int(groupStart[i])])..<Int(memberStart[Int(groupStart[i + 1])])]
    }
}
