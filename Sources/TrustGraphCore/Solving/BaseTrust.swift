/// Base trust b(i) from certifications (contract §2).
public enum BaseTrust {
    /// a(c): what one certification counts at `date`.
    /// - Returns: assurance × freshness × scope, or 0 when it does not count.
    @inline(__always)
    static func certificationValue(_ certs: CertificationTable, _ row: Int, schemes: SchemeCatalogue, date: Int32) -> Double {
        let s = Int(certs.scheme[row])
        return certificationValue(status: certs.status[row], issued: certs.issued[row], expires: certs.expires[row],
                                  evidence: certs.lastEvidence[row], partial: certs.partial[row],
                                  assurance: schemes.assurance[s], halfLifeDays: schemes.halfLifeDays[s], date: date)
    }

    /// a(c) from a certification's cells and its scheme's figures: the one formula.
    @inline(__always)
    static func certificationValue(status: CertificationStatus, issued: Int32, expires: Int32, evidence: Int32, partial: Bool,
                                   assurance: Double, halfLifeDays: Double, date: Int32) -> Double {
        guard status == .valid, issued <= date, date <= expires else { return 0 }
        var value = assurance
        if evidence != CertificationTable.noStart {
            let age = max(0, Int(date) - Int(evidence))
            value *= pow(0.5, Double(age) / halfLifeDays)
        }
        if partial { value *= 0.5 }
        return value
    }

    /// b(i) for every supplier.
    /// - Complexity: O(suppliers + certifications), spread over `threads`.
    static func compute(_ dataset: Dataset, index: RowsByOwner, parameters: TrustParameters,
                        threads: Int) -> [Double] {
        let n = dataset.suppliers.count
        let inputs = Inputs(dataset, index: index, parameters: parameters)
        let schemeCount = dataset.schemes.count
        return [Double].filled(count: n) { out in
            Parallel.forEachChunk(n, chunk: 16_384, threads: threads) { range in
                var scratch = SchemeScratch(count: schemeCount)
                for i in range { out[i] = inputs.value(of: i, scratch: &scratch) }
            }
        }
    }

    /// b(i) of one supplier.
    static func value(of i: Int, _ dataset: Dataset, index: RowsByOwner, parameters: TrustParameters,
                      scratch: inout SchemeScratch) -> Double {
        Inputs(dataset, index: index, parameters: parameters).value(of: i, scratch: &scratch)
    }

    /// The columns base trust reads, as views: a million suppliers are read
    /// without an array's checks or a copy of the tables per supplier. The
    /// views hold the columns, so the inputs stay valid after the dataset goes.
    struct Inputs: Sendable {
        let status: SharedReadBuffer<CertificationStatus>
        let issued, expires, evidence, scheme: SharedReadBuffer<Int32>
        let partial: SharedReadBuffer<Bool>
        let assurance, halfLifeDays, priors: SharedReadBuffer<Double>
        let start, rows: SharedReadBuffer<Int32>
        let prior: Double
        let date: Int32

        init(_ dataset: Dataset, index: RowsByOwner, parameters: TrustParameters) {
            let certs = dataset.certifications
            (status, partial) = (SharedReadBuffer(certs.status), SharedReadBuffer(certs.partial))
            (issued, expires, evidence, scheme) = (SharedReadBuffer(certs.issued), SharedReadBuffer(certs.expires),
                                                   SharedReadBuffer(certs.lastEvidence), SharedReadBuffer(certs.scheme))
            (assurance, halfLifeDays) = (SharedReadBuffer(dataset.schemes.assurance), SharedReadBuffer(dataset.schemes.halfLifeDays))
            priors = SharedReadBuffer(dataset.suppliers.priors)
            (start, rows) = (SharedReadBuffer(index.start), SharedReadBuffer(index.rows))
            prior = parameters.prior
            date = parameters.date.ordinal
        }

        /// b(i): A(i,s) is the best a(c) of each scheme, schemes combine as
        /// 1 − Π(1 − A(i,s)) in order of first appearance.
        @inline(__always)
        func value(of i: Int, scratch: inout SchemeScratch) -> Double {
            offerCertifications(of: i, to: &scratch)
            return combine(i, scratch: &scratch)
        }

        /// Offers a(c) of each of `i`'s certifications to `scratch`, in row order; the one
        /// in row `changed` (if any) as if it expired on `changedExpires` (a renewal's what-if).
        @inline(__always)
        func offerCertifications(of i: Int, to scratch: inout SchemeScratch, changing changed: Int = -1, expires changedExpires: Int32 = 0) {
            for k in Int(start[i])..<Int(start[i + 1]) {
                let row = Int(rows[k])
                let s = Int(scheme[row])
                scratch.offer(s, BaseTrust.certificationValue(status: status[row], issued: issued[row],
                                                              expires: row == changed ? changedExpires : expires[row],
                                                              evidence: evidence[row], partial: partial[row],
                                                              assurance: assurance[s], halfLifeDays: halfLifeDays[s], date: date))
            }
        }

        /// b(i) from the A(i,s) offered to `scratch`: p + (1 − p)(1 − Π(1 − A(i,s))).
        @inline(__always)
        func combine(_ i: Int, scratch: inout SchemeScratch) -> Double {
            let covered = 1 - scratch.productOfComplements()
            let p = priors[i].isNaN ? prior : priors[i]
            return p + (1 - p) * covered
        }
    }
}

/// Per-scheme maxima of one supplier's certifications, reset after each use.
struct SchemeScratch: ~Copyable {
    /// A(i,s) so far, -1 for a scheme not seen yet.
    private let best: UnsafeMutablePointer<Double>
    /// Schemes seen, in order of first appearance.
    private let touched: UnsafeMutablePointer<Int>
    private var touchedCount = 0

    init(count: Int) {
        best = .allocate(capacity: max(count, 1))
        best.initialize(repeating: -1, count: max(count, 1))
        touched = .allocate(capacity: max(count, 1))
    }

    deinit {
        best.deallocate()
        touched.deallocate()
    }

    /// Records a(c) for scheme `s`: A(i,s) is the max. `value` is never
    /// negative (assurance in [0,1], freshness and scope factors in (0,1]),
    /// so a scheme is listed in `touched` once, which has room for each once.
    @inline(__always) mutating func offer(_ s: Int, _ value: Double) {
        assert(value >= 0, "a certification's value is never negative")
        if best[s] < 0 {
            touched[touchedCount] = s
            touchedCount += 1
            best[s] = value
        } else if value > best[s] {
            best[s] = value
        }
    }

    /// Π over schemes s of (1 − A(i,s)), in order of first appearance; resets.
    @inline(__always) mutating func productOfComplements() -> Double {
        var product = 1.0
        for k in 0..<touchedCount {
            let s = touched[k]
            product *= 1 - best[s]
            best[s] = -1
        }
        touchedCount = 0
        return product
    }
}

/// Rows of a table grouped by the supplier they belong to (CSR): certifications
/// by their supplier, dependency rows by their consumer.
struct RowsByOwner: Sendable {
    /// Rows of supplier `i` are `rows[start[i] ..< start[i+1]]`, in file order.
    let start: [Int32]
    let rows: [Int32]

    /// Certification rows by supplier.
    init(_ dataset: Dataset) {
        self.init(owners: dataset.certifications.supplier, count: dataset.suppliers.count)
    }

    /// Rows whose owner is `owners[row]`, one of `0..<count`.
    init(owners: [Int32], count n: Int) {
        var start = [Int32](repeating: 0, count: n + 1)
        for s in owners { start[Int(s) + 1] += 1 }
        for i in 0..<n { start[i + 1] += start[i] }
        var fill = start
        var rows = [Int32](repeating: 0, count: owners.count)
        for (r, s) in owners.enumerated() {
            rows[Int(fill[Int(s)])] = Int32(r)
            fill[Int(s)] += 1
        }
        self.start = start
        self.rows = rows
    }

    /// The rows of supplier `i`.
    func rows(of i: Int) -> ArraySlice<Int32> { rows[Int(start[i])..<Int(start[i + 1])] }
}
