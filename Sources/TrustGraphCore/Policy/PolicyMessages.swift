extension PolicyOutcome {
    /// What a finding says, in a sentence: the figure, the bar it missed, and the row or provider behind it.
    public func message(of finding: PolicyFinding) -> String {
        let rule = policy.rules[Int(finding.rule)]
        let dataset = model.dataset
        let f = { (x: Double) in TextTable.fixed(x, 4) }
        switch rule.check {
        case .minTrust(let threshold):
            var text = "effective trust \(f(finding.figure)) is below \(threshold.formatted)"
            if let i = finding.supplier, let j = model.limitingProvider(of: i, solution: solution) {
                text += " (limited by \(dataset.suppliers.id(j)), trust \(f(solution.trust[j])))"
            } else {
                text += " (its own base trust)"
            }
            return text
        case .minBaseTrust(let threshold):
            return "base trust \(f(finding.figure)) is below \(threshold.formatted)"
        case .certificateExpiry(let withinDays):
            let row = finding.certification!
            let expires = Day(ordinal: dataset.certifications.expires[row])
            let left = Int(finding.figure)
            let when = left == 0 ? "today" : "in \(plural(left, "day"))"
            return "\(scheme(of: finding)!) certificate expires on \(expires), \(when) (within \(plural(withinDays, "day")))"
        case .staleEvidence(let maxAgeDays):
            let row = finding.certification!
            guard let age = finding.value else {
                return "\(scheme(of: finding)!) certificate has no last_evidence date (evidence at most \(plural(maxAgeDays, "day")) old required)"
            }
            let evidence = Day(ordinal: dataset.certifications.lastEvidence[row])
            return "\(scheme(of: finding)!) evidence is \(plural(Int(age), "day")) old (last evidence \(evidence); at most \(maxAgeDays) allowed)"
        case .requiresScheme(let names, let minCoverage):
            let listed = names.compactMap { dataset.schemes.find($0) }.map { dataset.schemes.names[Int($0)] }
            var text = "holds no certificate of \(listed.joined(separator: " or ")) that counts at \(parameters.date)"
            if let best = bestRecognition(of: finding) {
                text += "; best: \(best.source) counts \(best.coverage.formatted) toward \(best.target) via recognition.csv, below \(minCoverage.formatted)"
            } else if dataset.recognition.count > 0 {
                text += ", nor one recognised toward it"
            }
            return text
        case .singlePointOfFailure(_, let minProviders):
            let g = finding.group!
            let members = model.graph.providers(ofGroup: g)
            let providers = members.count == 1 ? dataset.suppliers.id(Int(members.first!))
                : members.map { dataset.suppliers.id(Int($0)) }.joined(separator: ", ")
            return Criticality.label(model.graph.groupWeight[g]) + " group " + group(of: finding)! + " has "
                + plural(members.count, "provider") + ": " + providers + " (at least " + String(minProviders) + " required)"
        case .maxConcentration(let dimension, let maxHHI, let level):
            let shares = Concentration.shares(dataset, by: dimension,
                                              rowsPerProvider: Concentration.rowsPerProvider(dataset, level: level)).0
            let largest = shares.prefix(3).map { "\($0.name.isEmpty ? "(unknown)" : $0.name) \(TextTable.fixed($0.share * 100, 1))%" }
            return "HHI by \(dimension.rawValue) of the rows of weight ≥ \(Criticality.label(level)) is \(f(finding.figure)), above \(maxHHI.formatted)"
                + (largest.isEmpty ? "" : "; largest: " + largest.joined(separator: ", "))
        }
    }

    /// For a `requires-scheme` finding: the recognised certificate that came closest, if any.
    public func bestRecognition(of finding: PolicyFinding) -> (source: String, target: String, coverage: Double)? {
        guard case .requiresScheme(let names, _) = policy.rules[Int(finding.rule)].check, let i = finding.supplier else { return nil }
        let dataset = model.dataset, certs = dataset.certifications, recognition = dataset.recognition
        let listed = names.compactMap { dataset.schemes.find($0) }
        var best: (source: String, target: String, coverage: Double)?
        let date = parameters.date.ordinal
        for row in PolicyEvaluator.countingCertifications(of: i, in: model, date: date) {
            for r in recognition.rows(from: certs.scheme[row]) where listed.contains(recognition.target[r]) {
                if best == nil || recognition.coverage[r] > best!.coverage {
                    best = (dataset.schemes.names[Int(recognition.source[r])], dataset.schemes.names[Int(recognition.target[r])], recognition.coverage[r])
                }
            }
        }
        return best
    }

    /// The certification row of a certificate finding as the file holds it, for people.
    public func certificateRow(of finding: PolicyFinding) -> String? {
        guard let row = finding.certification else { return nil }
        let certs = model.dataset.certifications
        func day(_ ordinal: Int32, none: Int32) -> String { ordinal == none ? "" : Day(ordinal: ordinal).description }
        let cells = [model.dataset.suppliers.id(Int(certs.supplier[row])), scheme(of: finding)!, certs.status[row].description,
                     day(certs.issued[row], none: CertificationTable.noStart), day(certs.expires[row], none: CertificationTable.noEnd),
                     day(certs.lastEvidence[row], none: CertificationTable.noStart), certs.partial[row] ? "partial" : "full"]
        var writer = CSVWriter()
        writer.row(cells)
        return String(writer.text.dropLast())
    }

    /// How bad a finding is within its rule, for ordering people's reports: larger is worse.
    func badness(of finding: PolicyFinding) -> Double {
        switch policy.rules[Int(finding.rule)].kind {
        case .minTrust, .minBaseTrust, .requiresScheme, .certificateExpiry, .singlePointOfFailure: -finding.figure
        case .staleEvidence: finding.figure.isNaN ? .infinity : finding.figure
        case .maxConcentration: finding.figure
        }
    }
}
