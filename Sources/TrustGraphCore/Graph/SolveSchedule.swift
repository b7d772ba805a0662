/// The order in which trust can be solved: strongly connected components of
/// the consumer→provider graph, arranged in levels so that every component's
/// providers lie in earlier levels (or in the component itself).
///
/// Components of one level are independent and can be solved concurrently;
/// only components with more than one supplier need iteration.
public struct SolveSchedule: Sendable {
    /// Suppliers grouped by component, components grouped by level.
    public let order: [Int32]
    /// Suppliers of component `c` are `order[componentStart[c] ..< componentStart[c+1]]`.
    public let componentStart: [Int32]
    /// Components of level `l` are `levelStart[l] ..< levelStart[l+1]`.
    public let levelStart: [Int32]
    /// Component of each supplier.
    public let component: [Int32]

    /// Number of components.
    public var componentCount: Int { componentStart.count - 1 }
    /// Number of levels.
    public var levelCount: Int { levelStart.count - 1 }
    /// Number of components with more than one supplier (cycles).
    public var cyclicComponentCount: Int {
        var k = 0
        for c in 0..<componentCount where componentStart[c + 1] - componentStart[c] > 1 { k += 1 }
        return k
    }

    /// Computes the schedule of `graph`.
    /// - Complexity: O(n + edges). Tarjan's algorithm (R. Tarjan, "Depth-first
    ///   search and linear graph algorithms", 1972), iterative.
    public init(_ graph: SupplyGraph) {
        let n = graph.supplierCount
        let (memberStart, groupStart, members) = (SharedReadBuffer(graph.memberStart), SharedReadBuffer(graph.groupStart),
                                                  SharedReadBuffer(graph.members))

        // Every array below holds at most one entry per node: allocated once, used through pointers.
        let index = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        let low = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        let onStack = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
        let componentOf = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        let stack = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        let callNode = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        let callEdge = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        let componentMembers = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        let componentBounds = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n + 1)
        defer {
            for buffer in [index, low, componentOf, stack, callNode, callEdge, componentMembers, componentBounds] { buffer.deallocate() }
            onStack.deallocate()
        }
        index.initialize(repeating: -1)
        onStack.initialize(repeating: false)
        var stackCount = 0, callCount = 0, memberCount = 0, components = 0
        componentBounds[0] = 0
        var counter: Int32 = 0
        for root in 0..<n where index[root] < 0 {
            callNode[0] = Int32(root)
            callEdge[0] = memberStart[Int(groupStart[root])]
            callCount = 1
            index[root] = counter; low[root] = counter; counter += 1
            stack[stackCount] = Int32(root); stackCount += 1; onStack[root] = true
            while callCount > 0 {
                let top = callCount - 1
                let v = Int(callNode[top])
                let end = memberStart[Int(groupStart[v + 1])]
                var e = callEdge[top]
                var descended = false
                while e < end {
                    let w = members[Int(e)]
                    e += 1
                    let wi = Int(w)
                    if index[wi] < 0 {
                        callEdge[top] = e
                        index[wi] = counter; low[wi] = counter; counter += 1
                        stack[stackCount] = w; stackCount += 1; onStack[wi] = true
                        callNode[callCount] = w
                        callEdge[callCount] = memberStart[Int(groupStart[wi])]
                        callCount += 1
                        descended = true
                        break
                    } else if onStack[wi] {
                        low[v] = min(low[v], index[wi])
                    }
                }
                if descended { continue }
                callEdge[top] = e
                if low[v] == index[v] {
                    let c = Int32(components)
                    while true {
                        stackCount -= 1
                        let w = stack[stackCount]
                        onStack[Int(w)] = false
                        componentOf[Int(w)] = c
                        componentMembers[memberCount] = w; memberCount += 1
                        if Int(w) == v { break }
                    }
                    components += 1
                    componentBounds[components] = Int32(memberCount)
                }
                callCount -= 1
                if callCount > 0 {
                    let p = Int(callNode[callCount - 1])
                    low[p] = min(low[p], low[v])
                }
            }
        }
        // Tarjan emits components providers-first; levels follow from that order.
        let level = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(components, 1))
        defer { level.deallocate() }
        var maxLevel: Int32 = -1
        for c in 0..<components {
            var l: Int32 = 0
            for k in Int(componentBounds[c])..<Int(componentBounds[c + 1]) {
                let v = Int(componentMembers[k])
                for e in Int(memberStart[Int(groupStart[v])])..<Int(memberStart[Int(groupStart[v + 1])]) {
                    let cw = componentOf[Int(members[e])]
                    if cw != Int32(c) { l = max(l, level[Int(cw)] + 1) }
                }
            }
            level[c] = l
            maxLevel = max(maxLevel, l)
        }
        // Stable counting sort of components by level.
        let levels = Int(maxLevel) + 1
        var levelStart = [Int32](repeating: 0, count: levels + 1)
        for c in 0..<components { levelStart[Int(level[c]) + 1] += 1 }
        for l in 0..<levels { levelStart[l + 1] += levelStart[l] }
        let slot = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(levels, 1))
        defer { slot.deallocate() }
        for l in 0..<levels { slot[l] = levelStart[l] }
        let sortedComponents = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(components, 1))
        defer { sortedComponents.deallocate() }
        for c in 0..<components {
            let l = Int(level[c])
            sortedComponents[Int(slot[l])] = Int32(c)
            slot[l] += 1
        }
        var component = [Int32].large(repeating: -1, count: n)
        var componentStart = [Int32](repeating: 0, count: components + 1)
        var order = [Int32].large(repeating: 0, count: n)
        withSharedBuffers(&order, &componentStart, &component) { order, componentStart, component in
            var filled = 0
            for newIndex in 0..<components {
                let c = Int(sortedComponents[newIndex])
                for k in Int(componentBounds[c])..<Int(componentBounds[c + 1]) {
                    let v = Int(componentMembers[k])
                    order[filled] = Int32(v)
                    filled += 1
                    component[v] = Int32(newIndex)
                }
                componentStart[newIndex + 1] = Int32(filled)
            }
        }
        self.init(order: order, componentStart: componentStart, levelStart: levelStart, component: component)
        #if DEBUG
        _checkInvariants(against: graph)
        #endif
    }

    /// A schedule from its arrays (for renumbered copies).
    init(order: [Int32], componentStart: [Int32], levelStart: [Int32], component: [Int32]) {
        self.order = order
        self.componentStart = componentStart
        self.levelStart = levelStart
        self.component = component
    }
}
