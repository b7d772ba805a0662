#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Base trust b(i) from certifications (contract §2).
public enum BaseTrust {
    /// a(c): what one certification counts at `date`.
    /// - Returns: assurance × freshness × scope, or 0 when it does not count.
    @inline(__always)
    static func certificationValue(_ certs: CertificationTable, _ row: Int, schemes: SchemeCatalogue, date: Int32) -> Double {
        guard certs.status[row] == .valid, certs.issued[row] <= date, date <= certs.expires[row] else { return 0 }
        let s = Int(certs.scheme[row])
        var value = schemes.assurance[s]
        let evidence = certs.lastEvidence[row]
        if evidence != CertificationTable.noStart {
            let age = max(0, Int(date) - Int(evidence))
            value *= pow(0.5, Double(age) / schemes.halfLifeDays[s])
        }
        if certs.partial[row] { value *= 0.5 }
        return value
    }

    /// b(i) for every supplier.
    /// - Complexity: O(suppliers + certifications), spread over `threads`.
    static func compute(_ dataset: Dataset, index: CertificationIndex, parameters: TrustParameters,
                        threads: Int) -> [Double] {
        let n = dataset.suppliers.count
        var base = [Double](repeating: 0, count: n)
        base.withUnsafeMutableBufferPointer { buffer in
            let out = SharedBuffer(buffer)
            Parallel.forEachChunk(n, chunk: 16_384, threads: threads) { range in
                var scratch = SchemeScratch(count: dataset.schemes.count)
                for i in range {
                    out[i] = value(of: i, dataset, index: index, parameters: parameters, scratch: &scratch)
                }
            }
        }
        return base
    }

    /// b(i) of one supplier.
    static func value(of i: Int, _ dataset: Dataset, index: CertificationIndex, parameters: TrustParameters,
                      scratch: inout SchemeScratch) -> Double {
        let certs = dataset.certifications
        let date = parameters.date.ordinal
        for k in Int(index.start[i])..<Int(index.start[i + 1]) {
            let row = Int(index.rows[k])
            scratch.offer(Int(certs.scheme[row]), certificationValue(certs, row, schemes: dataset.schemes, date: date))
        }
        let notCovered = scratch.productOfComplements()
        let covered = 1 - notCovered
        let p = dataset.suppliers.priors[i].isNaN ? parameters.prior : dataset.suppliers.priors[i]
        return p + (1 - p) * covered
    }
}

/// Per-scheme maxima of one supplier's certifications, reset after each use.
struct SchemeScratch {
    private var best: [Double]
    private var touched: [Int] = []

    init(count: Int) { best = [Double](repeating: -1, count: count) }

    /// Records a(c) for scheme `s`: A(i,s) is the max.
    @inline(__always) mutating func offer(_ s: Int, _ value: Double) {
        if best[s] < 0 { touched.append(s); best[s] = value } else if value > best[s] { best[s] = value }
    }

    /// Π over schemes s of (1 − A(i,s)), in order of first appearance; resets.
    mutating func productOfComplements() -> Double {
        var product = 1.0
        for s in touched {
            product *= 1 - best[s]
            best[s] = -1
        }
        touched.removeAll(keepingCapacity: true)
        return product
    }
}

/// Certification rows grouped by supplier (CSR).
struct CertificationIndex: Sendable {
    /// Rows of supplier `i` are `rows[start[i] ..< start[i+1]]`, in file order.
    let start: [Int32]
    let rows: [Int32]

    init(_ dataset: Dataset) {
        let n = dataset.suppliers.count
        let suppliers = dataset.certifications.supplier
        var start = [Int32](repeating: 0, count: n + 1)
        for s in suppliers { start[Int(s) + 1] += 1 }
        for i in 0..<n { start[i + 1] += start[i] }
        var fill = start
        var rows = [Int32](repeating: 0, count: suppliers.count)
        for (r, s) in suppliers.enumerated() {
            rows[Int(fill[Int(s)])] = Int32(r)
            fill[Int(s)] += 1
        }
        self.start = start
        self.rows = rows
    }
}
