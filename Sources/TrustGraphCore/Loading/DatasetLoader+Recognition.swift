extension DatasetLoader {
    /// Recognition between schemes: `source,target,coverage` and any further columns.
    public static let recognitionFile = "recognition.csv"

    /// Reads `recognition.csv` against the scheme catalogue (built-in and `schemes.csv`).
    ///
    /// Errors: an empty or unknown scheme (with the nearest names), a scheme
    /// recognised toward itself, a pair listed twice (however its schemes are
    /// spelt), a coverage that is not a number in (0,1]. Spellings other than
    /// the scheme's name get one note each with their row count, as in
    /// `certifications.csv`.
    static func readRecognition(_ bytes: UnsafeRawBufferPointer, format: TableFormat, into dataset: inout Dataset,
                                sink: inout DiagnosticSink) {
        let file = recognitionFile
        guard let header = TableHeader(file: file, bytes: bytes, format: format, known: ["source", "target", "coverage"],
                                       required: ["source", "target", "coverage"], sink: &sink) else {
            emptyOptionalFile(file, sink: &sink)
            return
        }
        let (SOURCE, TARGET, COVERAGE) = (0, 1, 2)
        let schemes = dataset.schemes
        var recognition = RecognitionTable()
        recognition.attributes = header.emptyAttributes
        var table = TableReader(header: header, bytes: bytes, range: header.bodyStart..<bytes.count, line: header.bodyLine)
        var firstLine: [Int64: Int] = [:]
        var spellings: [(spelling: String, scheme: Int32, rows: Int)] = []
        func scheme(_ k: Int, line: Int) -> Int32? {
            let name = table.text(k)
            guard !name.isEmpty else {
                sink.error(.emptyId, file: file, line: line, column: table.name(k), rank: header.rank(k),
                           "empty scheme (expected a scheme name)")
                return nil
            }
            guard let id = schemes.find(name) else {
                sink.error(.unknownScheme, file: file, line: line, column: table.name(k), rank: header.rank(k),
                           "unknown scheme \(Diagnostic.quote(name)) (not built in and not in schemes.csv)"
                           + SupplierSearch.didYouMean(schemes.suggestions(for: name)))
                return nil
            }
            if name != schemes.names[Int(id)] {
                if let k = spellings.firstIndex(where: { $0.spelling == name }) { spellings[k].rows += 1 } else { spellings.append((name, id, 1)) }
            }
            return id
        }
        while let line = table.nextRecord(sink: &sink) {
            let source = scheme(SOURCE, line: line)
            let target = scheme(TARGET, line: line)
            var ok = source != nil && target != nil
            if let source, let target, source == target {
                sink.error(.selfRecognition, file: file, line: line, column: table.name(TARGET), rank: header.rank(TARGET),
                           "\(schemes.names[Int(target)]) is recognised toward itself (expected another scheme)")
                ok = false
            }
            let coverageText = table.text(COVERAGE)
            var coverage = 0.0
            if let value = format.number(coverageText) {
                if value > 0 && value <= 1 { coverage = value } else {
                    sink.error(.outOfRange, file: file, line: line, column: table.name(COVERAGE), rank: header.rank(COVERAGE),
                               "coverage \(coverageText) is out of range (expected a number in (0,1])")
                    ok = false
                }
            } else {
                sink.error(.badNumber, file: file, line: line, column: table.name(COVERAGE), rank: header.rank(COVERAGE),
                           "\(Diagnostic.quote(coverageText)) is not a number (expected a number in (0,1])")
                ok = false
            }
            if let source, let target {
                let pair = Int64(source) << 32 | Int64(target)
                if let first = firstLine[pair] {
                    sink.error(.duplicatePair, file: file, line: line, column: table.name(SOURCE), rank: header.rank(SOURCE),
                               "\(schemes.names[Int(source)]) toward \(schemes.names[Int(target)]) listed twice (first on line \(first))")
                    ok = false
                } else {
                    firstLine[pair] = line
                }
            }
            guard ok, let source, let target else { continue }
            recognition.append(source: source, target: target, coverage: coverage, line: Int32(truncatingIfNeeded: line))
            for (k, column) in header.extraColumns.enumerated() {
                recognition.attributes.values[k].append(table.csv.string(column.index))
            }
        }
        for spelling in spellings {
            sink.note(.schemeSpelling, file: file,
                      "scheme \(Diagnostic.quote(spelling.spelling)) read as \(schemes.names[Int(spelling.scheme)]) (\(plural(spelling.rows, "row")))")
        }
        dataset.recognition = recognition
    }
}
