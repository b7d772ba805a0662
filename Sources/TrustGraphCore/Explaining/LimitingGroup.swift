/// The dependency group that sets a supplier's effective trust, and the
/// provider through which it does: one rule for `solve`'s `limited_by`,
/// `explain`'s limiting group and every hop of its chain.
public struct LimitingGroup: Sendable, Equatable {
    /// The group (an index of `SupplyGraph`'s groups).
    public var group: Int
    /// Its best alternative (least distrust), nil for a group emptied by `exit`.
    public var provider: Int?
    /// The distrust it passes up: weight × the best alternative's distrust (1 when emptied).
    public var passed: Double
}

extension TrustModel {
    /// The group of supplier `i` passing up the most distrust, when that is more than
    /// `1 − b(i)` (otherwise its own base trust sets its score: nil).
    ///
    /// Ties are broken the same way everywhere: within a group, the first provider with
    /// the least distrust (in file order); between groups passing up the same distrust,
    /// the first, unless its provider is in `visited` and a later one's is not — a
    /// provider not yet on a chain leads on to the root cause instead of back round a cycle.
    /// `limited_by` and the first hop of `explain`'s chain pass `visited = [i]`.
    public func limitingGroup(of i: Int, solution: TrustSolution, visited: Set<Int> = []) -> LimitingGroup? {
        var strongest = 1 - solution.base[i]
        var result: LimitingGroup?
        for g in graph.groups(of: i) {
            var best: Int?
            for j in graph.providers(ofGroup: g) where best == nil || solution.distrust[Int(j)] < solution.distrust[best!] {
                best = Int(j)
            }
            let passed = graph.groupWeight[g] * (best.map { solution.distrust[$0] } ?? 1)
            let leadsOn = passed == strongest && result?.provider.map { visited.contains($0) } == true
                && best.map { !visited.contains($0) } == true
            if passed > strongest || leadsOn {
                strongest = passed
                result = LimitingGroup(group: g, provider: best, passed: passed)
            }
        }
        return result
    }

    /// The provider through which dependencies limit supplier `i` (see `limitingGroup`),
    /// or nil when its own base trust sets its score or the limiting group is empty.
    public func limitingProvider(of i: Int, solution: TrustSolution) -> Int? {
        limitingGroup(of: i, solution: solution, visited: [i])?.provider
    }
}
