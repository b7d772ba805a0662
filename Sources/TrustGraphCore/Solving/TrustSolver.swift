/// Effective trust t(i): the greatest fixed point of contract §3.
///
/// Works on distrust d = 1 − t, the least fixed point of
/// `d(i) = max(1 − b(i), max_g w(g) × min_{j∈g} d(j))`, starting from d = 1 − b.
/// Components are solved level by level: a supplier outside a cycle is
/// computed once from its finished providers; a cycle is swept (Gauss–Seidel,
/// in a fixed order) until nothing changes by more than the tolerance. The
/// least fixed point is unique, so with tolerance 0 the result does not depend
/// on the order of work, and components of a level are spread over threads.
enum TrustSolver {
    /// Components per chunk of parallel work within a level.
    static let componentsPerChunk = 4096
    /// Levels with fewer suppliers than this run on the calling thread.
    static let parallelThreshold = 16_384

    /// Solves `distrust` in place for the suppliers of `schedule`.
    /// - Parameters:
    ///   - distrust: on entry 1 − b(i) for scheduled suppliers (1 for compromised
    ///     ones) and final values for all others; on return, the solution.
    ///   - fixed: suppliers whose distrust is fixed (compromised), or empty.
    static func solve(graph: SupplyGraph, schedule: SolveSchedule, base: [Double], fixed: [Bool],
                      distrust: inout [Double], options: SolverOptions) -> SolveReport {
        let levels = schedule.levelCount
        var sweeps = 1
        var finalChange = 0.0
        var converged = true
        let chunkCount = (schedule.componentCount + componentsPerChunk - 1) / componentsPerChunk + levels
        var chunkSweeps = [Int](repeating: 1, count: max(chunkCount, 1))
        var chunkChange = [Double](repeating: 0, count: max(chunkCount, 1))
        var chunkConverged = [Bool](repeating: true, count: max(chunkCount, 1))

        withSharedBuffers(&distrust, &chunkSweeps, &chunkChange, &chunkConverged) { distrust, outSweeps, outChange, outConverged in
            let kernel = Kernel(graph: graph, schedule: schedule, base: SharedReadBuffer(base), fixed: SharedReadBuffer(fixed),
                                distrust: distrust, options: options)
            var chunkBase = 0
            for l in 0..<levels {
                let first = Int(schedule.levelStart[l]), last = Int(schedule.levelStart[l + 1])
                let suppliers = Int(kernel.componentStart[last] - kernel.componentStart[first])
                let threads = suppliers >= parallelThreshold ? options.threads : 1
                let chunks = (last - first + componentsPerChunk - 1) / componentsPerChunk
                let offset = chunkBase
                Parallel.forEachChunk(last - first, chunk: componentsPerChunk, threads: threads) { range in
                    let result = kernel.solveComponents(first + range.lowerBound ..< first + range.upperBound)
                    let k = offset + range.lowerBound / componentsPerChunk
                    outSweeps[k] = result.sweeps
                    outChange[k] = result.change
                    outConverged[k] = result.converged
                }
                chunkBase += chunks
            }
            for k in 0..<chunkBase {
                sweeps = max(sweeps, outSweeps[k])
                finalChange = max(finalChange, outChange[k])
                converged = converged && outConverged[k]
            }
        }
        return SolveReport(sweeps: sweeps, finalChange: finalChange, converged: converged,
                           solvedSuppliers: schedule.order.count, cyclicComponents: schedule.cyclicComponentCount,
                           levels: levels)
    }

    /// Calls `body` with a kernel over `arrays` and the given buffers.
    static func withKernel<R>(arrays: KernelArrays, base: UnsafeBufferPointer<Double>,
                              fixed: UnsafeBufferPointer<Bool>, distrust: UnsafeMutableBufferPointer<Double>,
                              options: SolverOptions, _ body: (Kernel) -> R) -> R {
        body(Kernel(arrays: arrays, base: SharedReadBuffer(base), fixed: SharedReadBuffer(fixed),
                    distrust: SharedBuffer(distrust), options: options))
    }

    /// The graph and schedule arrays a kernel reads, held in one object.
    ///
    /// A worker that makes a kernel per change (`BaseChangeWorker`,
    /// `CounterfactualWorker`) keeps one of its own: a kernel then costs one
    /// reference count on an object of that thread, not six on arrays that
    /// every thread shares (whose counts the threads would pass back and forth).
    final class KernelArrays: Sendable {
        let groupStart, memberStart, members, order, componentStart: SharedReadBuffer<Int32>
        let groupWeight: SharedReadBuffer<Double>

        init(graph: SupplyGraph, schedule: SolveSchedule) {
            (groupStart, groupWeight) = (SharedReadBuffer(graph.groupStart), SharedReadBuffer(graph.groupWeight))
            (memberStart, members) = (SharedReadBuffer(graph.memberStart), SharedReadBuffer(graph.members))
            (order, componentStart) = (SharedReadBuffer(schedule.order), SharedReadBuffer(schedule.componentStart))
        }
    }

    /// The per-supplier update and component loops, over raw buffers.
    ///
    /// It holds the graph and schedule arrays (through `KernelArrays`);
    /// `distrust` (and `base` and `fixed` when made from buffer pointers) are
    /// the caller's, so a kernel is valid only within the scope they came from.
    struct Kernel: Sendable {
        /// Holds the arrays the six views below point into.
        private let arrays: KernelArrays
        let groupStart: SharedReadBuffer<Int32>
        let groupWeight: SharedReadBuffer<Double>
        let memberStart: SharedReadBuffer<Int32>
        let members: SharedReadBuffer<Int32>
        let order: SharedReadBuffer<Int32>
        let componentStart: SharedReadBuffer<Int32>
        let base: SharedReadBuffer<Double>
        let fixed: SharedReadBuffer<Bool>
        let distrust: SharedBuffer<Double>
        let tolerance: Double
        let maxIterations: Int

        init(arrays: KernelArrays, base: SharedReadBuffer<Double>, fixed: SharedReadBuffer<Bool>,
             distrust: SharedBuffer<Double>, options: SolverOptions) {
            self.arrays = arrays
            // Views that count no references: `arrays`, held above, holds what they point into.
            (groupStart, groupWeight) = (arrays.groupStart.borrowed, arrays.groupWeight.borrowed)
            (memberStart, members) = (arrays.memberStart.borrowed, arrays.members.borrowed)
            (order, componentStart) = (arrays.order.borrowed, arrays.componentStart.borrowed)
            (self.base, self.fixed, self.distrust) = (base, fixed, distrust)
            tolerance = options.tolerance
            maxIterations = max(1, options.maxIterations)
        }

        init(graph: SupplyGraph, schedule: SolveSchedule, base: SharedReadBuffer<Double>, fixed: SharedReadBuffer<Bool>,
             distrust: SharedBuffer<Double>, options: SolverOptions) {
            self.init(arrays: KernelArrays(graph: graph, schedule: schedule), base: base, fixed: fixed, distrust: distrust,
                      options: options)
        }

        /// d(i) from its own base trust and its groups' current values.
        @inline(__always)
        func update(_ i: Int) -> Double {
            if fixed.count > 0 && fixed[i] { return 1 }
            var d = 1 - base[i]
            let gEnd = Int(groupStart[i + 1])
            var g = Int(groupStart[i])
            while g < gEnd {
                var best = 1.0
                var m = Int(memberStart[g])
                let mEnd = Int(memberStart[g + 1])
                while m < mEnd {
                    let dj = distrust[Int(members[m])]
                    if dj < best { best = dj }
                    m += 1
                }
                let passed = groupWeight[g] * best
                if passed > d { d = passed }
                g += 1
            }
            return d
        }

        func solveComponents(_ components: Range<Int>) -> (sweeps: Int, change: Double, converged: Bool) {
            var result = (sweeps: 1, change: 0.0, converged: true)
            for c in components { solveComponent(c, into: &result) }
            return result
        }

        /// Solves component `c`, whose providers outside it are final.
        @inline(__always)
        func solveComponent(_ c: Int, into result: inout (sweeps: Int, change: Double, converged: Bool)) {
            let lo = Int(componentStart[c]), hi = Int(componentStart[c + 1])
            if hi - lo == 1 {
                let i = Int(order[lo])
                distrust[i] = update(i)
                return
            }
            // Start the cycle from d = 1 − b (t = b), as the contract iterates.
            for k in lo..<hi {
                let i = Int(order[k])
                distrust[i] = fixed.count > 0 && fixed[i] ? 1 : 1 - base[i]
            }
            var sweep = 0
            var last = 0.0
            repeat {
                sweep += 1
                last = 0
                for k in lo..<hi {
                    let i = Int(order[k])
                    let d = update(i)
                    let delta = abs(d - distrust[i])
                    if delta > last { last = delta }
                    distrust[i] = d
                }
            } while last > tolerance && sweep < maxIterations
            result.sweeps = max(result.sweeps, sweep)
            result.change = max(result.change, last)
            if last > tolerance { result.converged = false }
        }
    }
}
