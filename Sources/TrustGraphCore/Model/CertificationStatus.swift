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
