extension PolicyOutcome {
    /// The SARIF schema a log names.
    public static let sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    /// SARIF 2.1.0 for code-scanning dashboards: one run, the policy's rules as
    /// `tool.driver.rules`, one result per finding with `ruleId`, `level`,
    /// `message.text` and a physical location: the file relative to the
    /// dataset (`uriBaseId` `DATASET`) and `region.startLine` (no region for
    /// `max-concentration`). `originalUriBaseIds` says where `DATASET` is: the
    /// dataset path as given, relative to `SRCROOT` (the checkout a dashboard
    /// knows) unless it is absolute.
    /// - Parameters:
    ///   - dataset: the dataset directory as given on the command line.
    ///   - version: trustgraph's version, for `tool.driver.version`.
    public func sarif(dataset: String, version: String) -> String {
        String(decoding: sarifBytes(dataset: dataset, version: version), as: UTF8.self)
    }

    /// `sarif(dataset:version:)` as UTF-8 bytes.
    public func sarifBytes(dataset: String, version: String) -> [UInt8] {
        let rules: [JSON.Value] = policy.rules.map { rule in
            var fields: [(String, JSON.Value)] = [
                ("id", .string(rule.id)), ("name", .string(rule.kind.rawValue)),
                ("shortDescription", .object([("text", .string(rule.description ?? rule.kind.summary))])),
                ("fullDescription", .object([("text", .string(PolicyOutcome.describe(rule)))])),
                ("defaultConfiguration", .object([("level", .string(rule.severity.description))])),
            ]
            fields.append(("properties", .object([("kind", .string(rule.kind.rawValue))])))
            return .object(fields)
        }
        var baseURI: [(String, JSON.Value)] = []
        if dataset.hasPrefix("/") {
            baseURI = [("uri", .string("file://" + PolicyOutcome.uriPath(dataset) + (dataset.hasSuffix("/") ? "" : "/")))]
        } else {
            let path = dataset == "." || dataset == "./" ? "" : PolicyOutcome.uriPath(dataset) + (dataset.hasSuffix("/") ? "" : "/")
            baseURI = [("uri", .string(path.hasPrefix("./") ? String(path.dropFirst(2)) : path)), ("uriBaseId", .string("SRCROOT"))]
        }
        let counts = self.counts
        let tool: JSON.Value = .object([("driver", .object([
            ("name", .string("trustgraph")), ("version", .string(version)), ("rules", .array(rules)),
        ]))])
        let invocations: JSON.Value = .array([.object([("executionSuccessful", .bool(true)), ("exitCode", .integer(failed ? 1 : 0))])])
        let properties: JSON.Value = .object([
            ("policy", policy.name.map(JSON.Value.string) ?? .null), ("date", .string(parameters.date.description)),
            ("fail_on", .string(policy.failOnWord)),
            ("counts", .object([("error", .integer(counts.error)), ("warning", .integer(counts.warning)), ("note", .integer(counts.note))])),
        ])
        // The results are written straight into bytes: a million findings are a million results.
        var writer = JSONBytes(capacity: 4096)
        writer.raw("{"); writer.key("$schema"); writer.string(PolicyOutcome.sarifSchema)
        writer.raw(","); writer.key("version"); writer.string("2.1.0")
        writer.raw(","); writer.key("runs"); writer.raw("[{")
        writer.key("tool"); writer.json(tool.serialized(pretty: false))
        writer.raw(","); writer.key("originalUriBaseIds"); writer.json(JSON.Value.object([("DATASET", .object(baseURI))]).serialized(pretty: false))
        writer.raw(","); writer.key("invocations"); writer.json(invocations.serialized(pretty: false))
        writer.raw(","); writer.key("properties"); writer.json(properties.serialized(pretty: false))
        writer.raw(","); writer.key("results"); writer.raw("[")
        writer.join(findings.count, first: "\n", separator: ",\n", bytesEach: 384) { k, out in
            sarifResult(findings[k], to: &out)
        }
        writer.raw("]}]}\n")
        return writer.bytes
    }

    private func sarifResult(_ finding: PolicyFinding, to writer: inout JSONBytes) {
        let rule = policy.rules[Int(finding.rule)]
        let supplier = supplierId(of: finding)
        writer.raw("{"); writer.key("ruleId"); writer.string(rule.id)
        writer.raw(","); writer.key("ruleIndex"); writer.integer(Int(finding.rule))
        writer.raw(","); writer.key("level"); writer.string(rule.severity.description)
        writer.raw(","); writer.key("message"); writer.raw("{"); writer.key("text")
        writer.string((supplier.map { "\($0): " } ?? "portfolio: ") + message(of: finding)); writer.raw("}")
        writer.raw(","); writer.key("locations"); writer.raw("[{"); writer.key("physicalLocation"); writer.raw("{")
        writer.key("artifactLocation"); writer.raw("{"); writer.key("uri"); writer.string(file(of: finding))
        writer.raw(","); writer.key("uriBaseId"); writer.string("DATASET"); writer.raw("}")
        if let line = finding.line { writer.raw(","); writer.key("region"); writer.raw("{"); writer.key("startLine"); writer.integer(line); writer.raw("}") }
        writer.raw("}}]")
        writer.raw(","); writer.key("properties"); writer.raw("{")
        if let supplier { writer.key("supplier"); writer.string(supplier); writer.raw(",") }
        if let scheme = scheme(of: finding) { writer.key("scheme"); writer.string(scheme); writer.raw(",") }
        if let group = group(of: finding) { writer.key("group"); writer.string(group); writer.raw(",") }
        writer.key("value")
        if let value = finding.value { writer.number(value) } else { writer.raw("null") }
        writer.raw("}}")
    }

    /// A rule and its parameters in a sentence.
    public static func describe(_ rule: PolicyRule) -> String {
        let parameters: String
        switch rule.check {
        case .minTrust(let threshold): parameters = "effective trust t < \(threshold.formatted)"
        case .minBaseTrust(let threshold): parameters = "base trust b < \(threshold.formatted)"
        case .certificateExpiry(let days): parameters = "a certificate that counts expires within \(plural(days, "day"))"
        case .staleEvidence(let days): parameters = "a certificate that counts has no evidence date or evidence older than \(plural(days, "day"))"
        case .requiresScheme(let schemes, let coverage):
            parameters = "no certificate of \(schemes.joined(separator: " or "))" + (coverage < 1 ? ", nor one recognised toward it with coverage ≥ \(coverage.formatted)" : "")
        case .singlePointOfFailure(let level, let providers):
            parameters = "a group of weight ≥ \(Criticality.label(level)) with fewer than \(plural(providers, "provider"))"
        case .maxConcentration(let by, let maxHHI, let level):
            parameters = "HHI by \(by.rawValue) of the rows of weight ≥ \(Criticality.label(level)) above \(maxHHI.formatted)"
        }
        return "\(rule.kind.rawValue): \(parameters)" + (rule.description.map { " — \($0)" } ?? "")
    }

    /// A file path as a URI path: bytes other than unreserved characters, `/` and the sub-delimiters percent-encoded.
    static func uriPath(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"),
                 UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "@"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}
