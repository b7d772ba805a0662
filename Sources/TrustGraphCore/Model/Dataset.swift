/// Status of a certification (contract §1).
public enum CertificationStatus: UInt8, Sendable, BitwiseCopyable, CaseIterable, CustomStringConvertible {
    case valid, suspended, revoked, expired

    public var description: String {
        switch self {
        case .valid: "valid"
        case .suspended: "suspended"
        case .revoked: "revoked"
        case .expired: "expired"
        }
    }

    /// Parses a status word from bytes case-insensitively; empty means `valid`.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> CertificationStatus? {
        if bytes.isEmpty { return .valid }
        if ASCII.equalsIgnoringCase(bytes, "valid") { return .valid }
        if ASCII.equalsIgnoringCase(bytes, "suspended") { return .suspended }
        if ASCII.equalsIgnoringCase(bytes, "revoked") { return .revoked }
        if ASCII.equalsIgnoringCase(bytes, "expired") { return .expired }
        return nil
    }

    /// Parses a status word case-insensitively; empty means `valid`.
    public init?(word: String) {
        switch word.lowercased() {
        case "", "valid": self = .valid
        case "suspended": self = .suspended
        case "revoked": self = .revoked
        case "expired": self = .expired
        default: return nil
        }
    }
}

/// Named criticality levels and their weights (contract §1).
public enum Criticality {
    /// The weight of a criticality cell: a level word (case-insensitive,
    /// empty = medium) or a number in (0,1]. `nil` when neither.
    public static func weight(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { weight(UnsafeRawBufferPointer($0)) }
    }

    /// - Parameter decimalComma: a number may be written `0,4` (a file whose delimiter is not a comma).
    static func weight(_ bytes: UnsafeRawBufferPointer, decimalComma: Bool = false) -> Double? {
        if let level = levelWeight(bytes) { return level }
        guard let value = ContractNumber.parse(bytes) ?? (decimalComma ? ContractNumber.parseDecimalComma(bytes) : nil),
              value > 0, value <= 1 else { return nil }
        return value
    }

    /// True when a criticality cell is a number (in range or not).
    static func isNumber(_ bytes: UnsafeRawBufferPointer, decimalComma: Bool) -> Bool {
        ContractNumber.parse(bytes) != nil || (decimalComma && ContractNumber.parseDecimalComma(bytes) != nil)
    }

    static func levelWeight(_ bytes: UnsafeRawBufferPointer) -> Double? {
        if bytes.isEmpty { return 0.4 }
        if ASCII.equalsIgnoringCase(bytes, "critical") { return 1.0 }
        if ASCII.equalsIgnoringCase(bytes, "high") { return 0.7 }
        if ASCII.equalsIgnoringCase(bytes, "medium") { return 0.4 }
        if ASCII.equalsIgnoringCase(bytes, "low") { return 0.1 }
        return nil
    }

    /// "critical (1.0)" for a level's weight, the number alone otherwise.
    public static func describe(_ weight: Double) -> String {
        let word = label(weight)
        return word == weight.description ? word : "\(word) (\(weight))"
    }

    /// The level word for a weight, or its number.
    public static func label(_ weight: Double) -> String {
        switch weight {
        case 1.0: "critical"
        case 0.7: "high"
        case 0.4: "medium"
        case 0.1: "low"
        default: weight.description
        }
    }
}

/// Extra columns of a file, kept as attributes: names and one value per row.
public struct AttributeColumns: Sendable, Equatable {
    /// Header names as written.
    public internal(set) var names: [String] = []
    /// `values[k][row]` is the cell of column `names[k]`.
    public internal(set) var values: [StringColumn] = []

    public init() {}

    /// The non-empty attributes of one row, in column order.
    public func attributes(ofRow row: Int) -> [(name: String, value: String)] {
        var result: [(String, String)] = []
        for k in names.indices where row < values[k].count && !values[k].isEmpty(at: row) {
            result.append((names[k], values[k][row]))
        }
        return result
    }
}

/// The suppliers of a dataset, by dense index.
public struct SupplierTable: Sendable {
    /// Ids, interned byte for byte.
    public internal(set) var index = InternTable()
    /// Names as given ("" when the cell was empty: see `name(_:)`).
    public internal(set) var names = StringColumn()
    /// Country codes, upper-cased ("" when not given).
    public internal(set) var countries = StringColumn()
    /// Sectors as given ("" when not given).
    public internal(set) var sectors = StringColumn()
    /// Own prior or NaN when the supplier uses the global prior.
    public internal(set) var priors: [Double] = []
    /// Line of `suppliers.csv` where the supplier is defined (0 when added otherwise).
    public internal(set) var lines: [Int32] = []
    /// Unknown columns of `suppliers.csv`.
    public internal(set) var attributes = AttributeColumns()

    public init() {}

    /// Number of suppliers.
    public var count: Int { index.count }
    /// The id of supplier `i`.
    public func id(_ i: Int) -> String { index.values[i] }
    /// The name of supplier `i` (its id when no name was given).
    public func name(_ i: Int) -> String { names.isEmpty(at: i) ? id(i) : names[i] }
    /// The index of the supplier with this id (compared code point by code point).
    public func find(_ id: String) -> Int? { index.find(id).map(Int.init) }
    /// The supplier's own prior, if any.
    public func prior(_ i: Int) -> Double? { priors[i].isNaN ? nil : priors[i] }

    /// Appends a supplier with a new id (its extra columns empty) and returns its index.
    /// - Parameters:
    ///   - country: already checked and upper-cased ("" when not given).
    ///   - prior: its own prior, or nil for the global one.
    /// - Complexity: O(length of the id and name) amortised, plus one cell per extra column.
    mutating func append(id: String, name: String, country: String, sector: String, prior: Double?) -> Int {
        let (index, inserted) = index.intern(id)
        precondition(inserted, "supplier '\(id)' already exists")
        names.append(name)
        countries.append(country)
        sectors.append(sector)
        priors.append(prior ?? .nan)
        lines.append(0)
        for k in attributes.values.indices { attributes.values[k].append("") }
        return Int(index)
    }
}

/// The certifications of a dataset, one row per record (structure of arrays).
public struct CertificationTable: Sendable {
    /// No date given: `issued`/`lastEvidence` use `Int32.min`, `expires` uses `Int32.max`.
    public static let noStart = Int32.min
    public static let noEnd = Int32.max

    public internal(set) var supplier: [Int32] = []
    public internal(set) var scheme: [Int32] = []
    public internal(set) var status: [CertificationStatus] = []
    public internal(set) var issued: [Int32] = []
    public internal(set) var expires: [Int32] = []
    public internal(set) var lastEvidence: [Int32] = []
    public internal(set) var partial: [Bool] = []
    public internal(set) var lines: [Int32] = []
    public internal(set) var attributes = AttributeColumns()

    public init() {}

    /// Number of rows.
    public var count: Int { supplier.count }

    mutating func reserve(_ rows: Int) {
        supplier.reserveCapacity(rows); scheme.reserveCapacity(rows); status.reserveCapacity(rows); issued.reserveCapacity(rows)
        expires.reserveCapacity(rows); lastEvidence.reserveCapacity(rows); partial.reserveCapacity(rows); lines.reserveCapacity(rows)
    }

    /// Appends the rows of `other` that `keep` accepts (all of them, fast, when it accepts all),
    /// adding `lineOffset` to their lines.
    mutating func append(contentsOf other: CertificationTable, lineOffset: Int32 = 0, where keep: (Int) -> Bool) {
        let all = (0..<other.count).allSatisfy(keep)
        if all {
            supplier += other.supplier; scheme += other.scheme; status += other.status; issued += other.issued
            expires += other.expires; lastEvidence += other.lastEvidence; partial += other.partial
            lines += other.lines.lazy.map { $0 + lineOffset }
            for x in attributes.values.indices where x < other.attributes.values.count {
                attributes.values[x].append(contentsOf: other.attributes.values[x])
            }
            return
        }
        for r in 0..<other.count where keep(r) {
            append(supplier: other.supplier[r], scheme: other.scheme[r], status: other.status[r], issued: other.issued[r],
                   expires: other.expires[r], lastEvidence: other.lastEvidence[r], partial: other.partial[r],
                   line: other.lines[r] + lineOffset)
        }
        for x in attributes.values.indices where x < other.attributes.values.count {
            attributes.values[x].append(contentsOf: other.attributes.values[x], where: keep)
        }
    }

    mutating func append(supplier: Int32, scheme: Int32, status: CertificationStatus, issued: Int32,
                         expires: Int32, lastEvidence: Int32, partial: Bool, line: Int32) {
        self.supplier.append(supplier)
        self.scheme.append(scheme)
        self.status.append(status)
        self.issued.append(issued)
        self.expires.append(expires)
        self.lastEvidence.append(lastEvidence)
        self.partial.append(partial)
        lines.append(line)
    }
}

/// The dependency rows of a dataset (structure of arrays).
///
/// A row says `consumer` depends on `provider` with a criticality weight, in a
/// group of alternatives. Group labels are ids: a label equal to a supplier
/// id shares that supplier's index (so an empty group, which means "the
/// provider's own id", needs no lookup); other labels come after.
public struct DependencyTable: Sendable {
    public internal(set) var consumer: [Int32] = []
    public internal(set) var provider: [Int32] = []
    public internal(set) var weight: [Double] = []
    public internal(set) var group: [Int32] = []
    /// Service names, interned; `service[row]` indexes `serviceNames` (0 is "").
    public internal(set) var service: [Int32] = []
    public internal(set) var serviceNames = InternTable()
    public internal(set) var lines: [Int32] = []
    public internal(set) var attributes = AttributeColumns()
    /// Group labels that are not supplier ids; label id = supplier count + index here.
    public internal(set) var extraLabels = InternTable()
    /// Groups that lost all their rows when their providers exited: they pass up
    /// full distrust scaled by the weight they had (contract §4).
    public internal(set) var emptiedGroups: [EmptiedGroup] = []

    public struct EmptiedGroup: Sendable, Equatable {
        public var consumer: Int32
        public var label: Int32
        public var weight: Double
    }

    public init() {
        serviceNames.intern("")
    }

    /// Number of rows.
    public var count: Int { consumer.count }

    mutating func reserve(_ rows: Int) {
        consumer.reserveCapacity(rows); provider.reserveCapacity(rows); weight.reserveCapacity(rows)
        group.reserveCapacity(rows); service.reserveCapacity(rows); lines.reserveCapacity(rows)
    }

    @inline(__always)
    mutating func append(consumer: Int32, provider: Int32, weight: Double, group: Int32, service: Int32, line: Int32) {
        self.consumer.append(consumer)
        self.provider.append(provider)
        self.weight.append(weight)
        self.group.append(group)
        self.service.append(service)
        lines.append(line)
    }

    /// Appends the rows of another table read from a later piece of the same file.
    /// - Parameters:
    ///   - lineOffset: added to the rows' lines.
    ///   - service: the global id of each of `other`'s service ids.
    ///   - label: the global label id of each local label (`other.group` holds −1 − local id for them).
    ///   - keep: the rows to keep.
    mutating func append(contentsOf other: DependencyTable, lineOffset: Int32, service serviceIds: [Int32], label labelIds: [Int32],
                         keep: [Bool]) {
        for r in 0..<other.count where keep[r] {
            let label = other.group[r]
            append(consumer: other.consumer[r], provider: other.provider[r], weight: other.weight[r],
                   group: label >= 0 ? label : labelIds[Int(-1 - label)],
                   service: serviceIds[Int(other.service[r])], line: other.lines[r] + lineOffset)
        }
        for x in attributes.values.indices {
            attributes.values[x].append(contentsOf: other.attributes.values[x]) { keep[$0] }
        }
    }
}

/// A whole dataset: suppliers, certifications, dependencies, schemes and recognition between schemes.
public struct Dataset: Sendable {
    public internal(set) var suppliers = SupplierTable()
    public internal(set) var certifications = CertificationTable()
    public internal(set) var dependencies = DependencyTable()
    public internal(set) var schemes = SchemeCatalogue.builtIn
    /// Recognition between schemes (`recognition.csv`; empty without one).
    public internal(set) var recognition = RecognitionTable()

    public init() {}

    /// The label id of a group label text (see `DependencyTable`).
    public func groupLabel(_ text: String) -> Int32? {
        if let supplier = suppliers.index.find(text) { return supplier }
        return dependencies.extraLabels.find(text).map { Int32(suppliers.count) + $0 }
    }

    /// The text of a group label id.
    public func groupLabelText(_ label: Int32) -> String {
        let n = Int32(suppliers.count)
        return label < n ? suppliers.id(Int(label)) : dependencies.extraLabels.values[Int(label - n)]
    }

    mutating func internGroupLabel(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        if let supplier = suppliers.index.find(bytes) { return supplier }
        return Int32(suppliers.count) + dependencies.extraLabels.intern(bytes).id
    }

    mutating func internGroupLabel(_ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { internGroupLabel(UnsafeRawBufferPointer($0)) }
    }

    /// Adds a supplier with no certification and no row (a what-if candidate) and returns its index.
    ///
    /// Group labels that are not supplier ids are numbered after the suppliers,
    /// so each moves up by one; a label spelled like the new id becomes the new
    /// supplier's index, as `groupLabel(_:)` will then find it.
    mutating func addSupplier(id: String, name: String, country: String, sector: String, prior: Double?) -> Int {
        let n = Int32(suppliers.count)
        let renamed = dependencies.extraLabels.find(id).map { n + 1 + $0 }
        let index = suppliers.append(id: id, name: name, country: country, sector: sector, prior: prior)
        func moved(_ label: Int32) -> Int32 {
            guard label >= n else { return label }
            return label + 1 == renamed ? n : label + 1
        }
        dependencies.group = dependencies.group.map(moved)
        for k in dependencies.emptiedGroups.indices { dependencies.emptiedGroups[k].label = moved(dependencies.emptiedGroups[k].label) }
        return index
    }
}

/// Byte-level helpers for the ASCII words of the contract.
enum ASCII {
    /// True when `bytes` spell `word` (lower-case ASCII letters) ignoring ASCII case.
    @inline(__always)
    static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard bytes.count == n else { return false }
        let w = word.utf8Start
        if n > 0 && n <= 16, let p = bytes.baseAddress {
            // Word at a time: setting bit 5 lower-cases a letter, and a byte that becomes
            // a lower-case letter that way was that letter in either case. The fold
            // covers the word's bytes only (a short word's padding stays zero).
            let (low, high) = InternTable.shortWords(p, n), expected = InternTable.shortWords(UnsafeRawPointer(w), n)
            let all: UInt64 = 0x2020_2020_2020_2020
            let foldLow = n >= 8 ? all : all >> UInt64(8 * (8 - n)), foldHigh = n > 8 ? all : 0
            return low | foldLow == expected.low && high | foldHigh == expected.high
        }
        for k in 0..<bytes.count {
            let b = bytes[k]
            if (b >= 65 && b <= 90 ? b + 32 : b) != w[k] { return false }
        }
        return true
    }
}
