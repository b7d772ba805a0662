/// What a trust evaluation depends on besides the data (contract §2–§3).
public struct TrustParameters: Sendable, Equatable {
    /// The global prior used when a supplier has none.
    public static let defaultPrior = 0.30

    /// Evaluation date D.
    public var date: Day
    /// The global prior p.
    public var prior: Double

    public init(date: Day = .today(), prior: Double = TrustParameters.defaultPrior) {
        self.date = date
        self.prior = prior
    }
}

/// How the solver iterates and spreads work.
public struct SolverOptions: Sendable, Equatable {
    /// Stop when no value changes by more than this (0: exactly).
    public var tolerance: Double
    /// Give up after this many sweeps of a cyclic component.
    public var maxIterations: Int
    /// Threads to use (results do not depend on it).
    public var threads: Int

    public init(tolerance: Double = 0, maxIterations: Int = 10_000, threads: Int = Parallel.defaultThreads) {
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.threads = threads
    }
}

/// How a solve went.
public struct SolveReport: Sendable, Equatable {
    /// Sweeps of the component that needed most (1 when the graph has no cycle).
    public var sweeps: Int
    /// Largest change in the last sweep of any cyclic component (0 when exact).
    public var finalChange: Double
    /// False when some cyclic component reached `maxIterations` first.
    public var converged: Bool
    /// Suppliers whose value was (re)computed.
    public var solvedSuppliers: Int
    /// Strongly connected components with more than one supplier.
    public var cyclicComponents: Int
    /// Levels of the schedule.
    public var levels: Int
}

/// A solved trust evaluation.
public struct TrustSolution: Sendable {
    /// b(i), contract §2.
    public var base: [Double]
    /// d(i) = 1 − t(i) as solved, contract §3.
    public var distrust: [Double]
    /// t(i), contract §3.
    public var trust: [Double]
    public var report: SolveReport
}
