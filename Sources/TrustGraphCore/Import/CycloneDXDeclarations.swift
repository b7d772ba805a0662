extension CycloneDXBOM.Document {
    /// The day a CycloneDX date-time falls on as written (`2023-04-25T00:00:00+00:00` → 2023-04-25).
    static func day(_ text: String) -> Day? {
        Day(String(text.prefix(10)))
    }

    /// CycloneDX 1.6 `declarations`: each claim an attestation maps to a requirement
    /// becomes a certification of the claim's target organisation, one per piece of
    /// evidence (issued and last_evidence = its creation, expires = its expiry), for the
    /// scheme named by the requirement's standard.
    mutating func readDeclarations(_ builder: inout CycloneDXBOM.Builder) {
        guard let declarations = root["declarations"] else { return }
        // Standards: requirement bom-ref (or the standard's own) → the standard's name.
        var standardOf: [String: String] = [:]
        for standard in root["definitions"]?["standards"]?.elements ?? [] {
            guard let name = standard["name"]?.string.map(UnicodeWhiteSpace.trimmed), !name.isEmpty else { continue }
            if let ref = standard["bom-ref"]?.string { standardOf[ref] = name }
            for requirement in standard["requirements"]?.elements ?? [] {
                if let ref = requirement["bom-ref"]?.string { standardOf[ref] = name }
            }
        }
        let targets = declarations["targets"]
        for item in targets?["organizations"]?.elements ?? [] {
            let name = organisation(item, role: "attestation-target", &builder)
            remember(item, as: name)
        }
        for item in targets?["components"]?.elements ?? [] { _ = walkComponent(item, parent: nil, owner: nil, &builder) }
        for item in targets?["services"]?.elements ?? [] { _ = walkService(item, parent: nil, &builder) }
        var assessors: [String: String] = [:]
        for item in declarations["assessors"]?.elements ?? [] {
            guard let name = organisation(item["organization"], role: "assessor", &builder), let ref = item["bom-ref"]?.string else { continue }
            assessors[ref] = name
        }
        var claims: [String: JSONNode] = [:]
        for claim in declarations["claims"]?.elements ?? [] {
            if let ref = claim["bom-ref"]?.string { claims[ref] = claim }
        }
        var evidence: [String: JSONNode] = [:]
        for item in declarations["evidence"]?.elements ?? [] {
            if let ref = item["bom-ref"]?.string { evidence[ref] = item }
        }

        for attestation in declarations["attestations"]?.elements ?? [] {
            let assessor = attestation["assessor"]?.string.flatMap { assessors[$0] } ?? ""
            for entry in attestation["map"]?.elements ?? [] {
                builder.summary.addRead("attestation requirement", "attestation requirements", 1)
                let requirement = entry["requirement"]?.string ?? ""
                let scheme = standardOf[requirement] ?? requirement
                guard !scheme.isEmpty else {
                    builder.summary.drop("attestation entry without a requirement", "attestation entries without a requirement")
                    continue
                }
                var scope = "full", conformance = ""
                if let score = entry["conformance"]?["score"]?.number {
                    conformance = score.description
                    if score <= 0 {
                        builder.summary.drop("attestation entry with a conformance score of 0", "attestation entries with a conformance score of 0")
                        continue
                    }
                    if score < 1 { scope = "partial" }
                }
                for claimRef in entry["claims"]?.elements ?? [] {
                    guard let ref = claimRef.string, let claim = claims[ref] else {
                        error(&builder, claimRef, .unknownSupplier,
                              "unknown claim \(Diagnostic.quote(claimRef.string ?? "")) (expected the bom-ref of an entry of declarations.claims)")
                        continue
                    }
                    guard let supplier = target(of: claim, &builder) else { continue }
                    let name = self.schemeName(scheme, &builder)
                    let pieces = claim["evidence"]?.elements ?? []
                    if pieces.isEmpty {
                        builder.certifications.append([supplier, name, "valid", "", "", "", scope, assessor, conformance])
                    }
                    for piece in pieces {
                        guard let ref = piece.string, let item = evidence[ref] else {
                            error(&builder, piece, .unknownSupplier,
                                  "unknown evidence \(Diagnostic.quote(piece.string ?? "")) (expected the bom-ref of an entry of declarations.evidence)")
                            continue
                        }
                        var dates: [String] = []
                        for key in ["created", "expires"] {
                            guard let node = item[key], let text = node.string else { dates.append(""); continue }
                            guard let day = CycloneDXBOM.Document.day(text) else {
                                error(&builder, node, .badDate, "\(key) \(Diagnostic.quote(text)) is not a date-time (expected YYYY-MM-DDThh:mm:ss…)")
                                dates.append("")
                                continue
                            }
                            dates.append(day.description)
                        }
                        builder.certifications.append([supplier, name, "valid", dates[0], dates[1], dates[0], scope, assessor, conformance])
                    }
                }
            }
        }
    }

    /// The organisation a claim is about: its `target` (an organisation, or the organisation
    /// of a component or service), else the document's subject.
    private func target(of claim: JSONNode, _ builder: inout CycloneDXBOM.Builder) -> String? {
        guard let node = claim["target"], let ref = node.string else {
            if let subject { return subject }
            error(&builder, claim, .unknownSupplier, "a claim without a target in a document that names no manufacturer or supplier (expected \"target\")")
            return nil
        }
        if let name = organisationByRef[ref] { return name }
        if let index = byRef[ref], !nodes[index].owner.isEmpty { return nodes[index].owner }
        error(&builder, node, .unknownSupplier,
              "unknown claim target \(Diagnostic.quote(ref)) (expected the bom-ref of an organisation in declarations.targets, or of a component or service with a supplier, manufacturer, publisher or provider)")
        return nil
    }

    /// The scheme a standard's name names: the catalogue's name when it knows it, else the
    /// name itself, then written to schemes.csv with assurance 0.
    private func schemeName(_ standard: String, _ builder: inout CycloneDXBOM.Builder) -> String {
        if let id = SchemeCatalogue.builtIn.find(standard) { return SchemeCatalogue.builtIn.names[Int(id)] }
        let key = SchemeCatalogue.key(standard)
        if let known = builder.unknownSchemes.first(where: { SchemeCatalogue.key($0) == key }) { return known }
        builder.unknownSchemes.append(standard)
        return standard
    }
}
