/// The visual vocabulary of the trust map: colours, shapes, line widths.
///
/// Colours come from ColorBrewer's diverging RdYlBu and RdBu schemes, which
/// stay distinguishable for the common forms of colour blindness; every
/// colour is paired with a number in the node's label, so a black-and-white
/// print loses nothing.
public enum TrustMapStyle {
    /// RdYlBu with 10 classes: trust 0–0.1 is the first, 0.9–1 the last; warm below 0.5, cool above.
    public static let trustColors = ["#a50026", "#d73027", "#f46d43", "#fdae61", "#fee090",
                                     "#e0f3f8", "#abd9e9", "#74add1", "#4575b4", "#313695"]

    /// The fill colour for trust `t` in [0, 1].
    public static func trustColor(_ t: Double) -> String { trustColors[trustClass(t)] }

    /// The class (0…9) of trust `t`: `[0.1k, 0.1(k+1))`, with 1 in the last class.
    ///
    /// Classified after rounding to the two decimals the label prints, so the
    /// colour always agrees with the number a reader sees.
    public static func trustClass(_ t: Double) -> Int {
        guard t.isFinite else { return 0 }
        return min(9, max(0, Int((t * 100).rounded()) / 10))
    }

    /// RdBu with 9 classes for a change in trust: losses warm, gains cool, no change white.
    public static let deltaColors = ["#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7",
                                     "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"]

    /// Smallest size of change of the classes from the strongest down; smaller changes count as none.
    public static let deltaThresholds = [0.3, 0.15, 0.05, 0.0005]

    /// The class (0…8) of a change in trust: 0 a loss of 0.3 or more, 4 unchanged (|Δ| < 0.0005), 8 a gain of 0.3 or more.
    public static func deltaClass(_ delta: Double) -> Int {
        guard delta.isFinite else { return 4 }
        let magnitude = abs(delta)
        let k = deltaThresholds.firstIndex { magnitude >= $0 } ?? deltaThresholds.count
        return delta < 0 ? k : 8 - k
    }

    /// The fill colour for a change in trust.
    public static func deltaColor(_ delta: Double) -> String { deltaColors[deltaClass(delta)] }

    /// Whether a fill colour needs white text to stay readable.
    public static func needsLightText(_ fill: String) -> Bool {
        ["#a50026", "#d73027", "#4575b4", "#313695", "#b2182b", "#2166ac"].contains(fill)
    }

    /// Line width for a dependency of criticality weight `w` in (0, 1]: low 1.1 … critical 3.5.
    public static func penWidth(_ w: Double) -> Double { 0.8 + 2.7 * min(1, max(0, w)) }

    /// Edge colour of an ordinary dependency.
    public static let edgeColor = "#8c8c8c"
    /// Edge colour of the dependency that limits its consumer's trust.
    public static let limitingEdgeColor = "#1a1a1a"
    /// The font of every label.
    public static let fontName = "Helvetica,Arial,sans-serif"
}

/// A family of sectors drawn with one node shape.
///
/// Datasets name sectors freely (`saas-crm`, `hosting`, `ddos-protection`), far
/// more than there are distinguishable shapes, so sectors are grouped into
/// families by the words they contain; a sector matching no family is `other`.
public enum SectorFamily: Int, Sendable, CaseIterable, Comparable {
    case applications, cloud, network, security, payments, services, hardware, software, other

    /// The family's name in the legend.
    public var title: String {
        switch self {
        case .applications: "SaaS and applications"
        case .cloud: "Cloud, hosting, data centres"
        case .network: "Network, CDN, DNS, telecom"
        case .security: "Identity and security"
        case .payments: "Payments and finance"
        case .services: "Managed services"
        case .hardware: "Hardware"
        case .software: "Open source and dev tools"
        case .other: "Other sectors"
        }
    }

    /// The Graphviz node shape.
    public var shape: String {
        switch self {
        case .applications: "box"
        case .cloud: "cylinder"
        case .network: "hexagon"
        case .security: "octagon"
        case .payments: "folder"
        case .services: "component"
        case .hardware: "box3d"
        case .software: "note"
        case .other: "ellipse"
        }
    }

    /// Words (whole words of the lower-cased sector, split at non-letters) that put a sector in a family.
    static let words: [(SectorFamily, Set<String>)] = [
        (.payments, ["payment", "payments", "pay", "fintech", "bank", "banking", "acquiring", "finance", "fraud", "psp"]),
        (.security, ["identity", "idp", "iam", "sso", "security", "soc", "siem", "trust", "pki", "certificate",
                     "certificates", "ddos", "firewall", "cybersecurity"]),
        (.cloud, ["cloud", "hyperscaler", "hosting", "hoster", "colocation", "colo", "datacenter", "datacentre",
                  "iaas", "paas", "storage", "compute"]),
        (.network, ["cdn", "dns", "network", "networking", "connectivity", "telecom", "telco", "telephony", "isp",
                    "edge", "email", "messaging", "transit", "voip"]),
        (.services, ["msp", "managed", "backup", "monitoring", "services", "service", "consulting", "outsourcing",
                     "support", "operations", "mssp"]),
        (.hardware, ["hardware", "chip", "chips", "semiconductor", "semiconductors", "device", "devices", "firmware",
                     "manufacturing", "oem"]),
        (.software, ["open", "source", "oss", "library", "libraries", "devtools", "dev", "tooling", "ci", "repository",
                     "component", "components"]),
        (.applications, ["saas", "software", "app", "apps", "application", "applications", "erp", "crm", "platform"]),
    ]

    /// The family of a sector name (case-insensitive; empty is `other`).
    public init(sector: String) {
        let tokens = Set(sector.lowercased().split { !$0.isLetter }.map(String.init))
        for (family, words) in SectorFamily.words where !tokens.isDisjoint(with: words) {
            self = family
            return
        }
        self = .other
    }

    /// Legend order: the order of the cases.
    public static func < (lhs: SectorFamily, rhs: SectorFamily) -> Bool { lhs.rawValue < rhs.rawValue }
}
