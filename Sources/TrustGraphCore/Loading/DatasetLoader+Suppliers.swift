extension DatasetLoader {
    /// One piece of suppliers.csv after the parallel phase: every record with
    /// a non-empty id, its columns already in their final form.
    struct SupplierPiece: Sendable {
        /// Lines from the piece's start.
        let lines: PieceColumn<Int32>
        let ids: PieceStrings
        let hashes: PieceColumn<UInt64>
        let names, countries, sectors: PieceStrings
        let priors: PieceColumn<Double>
        var attributes: [PieceStrings] = []
        /// Records not kept because their id repeats one kept before in this piece
        /// (see `EarlyDuplicates`): how many, and the first of them.
        var droppedDuplicates = 0
        var earlyDuplicates: [(line: Int32, first: Int32)] = []

        init(capacity: Int) {
            lines = PieceColumn(capacity: capacity)
            ids = PieceStrings(values: capacity, bytesEach: 12)
            hashes = PieceColumn(capacity: capacity)
            names = PieceStrings(values: capacity, bytesEach: 16)
            countries = PieceStrings(values: capacity, bytesEach: 2)
            sectors = PieceStrings(values: capacity, bytesEach: 8)
            priors = PieceColumn(capacity: capacity)
        }
    }

    /// Reads suppliers.csv: records are parsed in parallel pieces, then ids
    /// are interned in file order, so a duplicate names the line of the first.
    /// - Returns: whether the file had a usable header (else ids cannot be checked).
    static func readSuppliers(_ bytes: UnsafeRawBufferPointer, format: TableFormat, threads: Int, into dataset: inout Dataset,
                              sink: inout DiagnosticSink) -> Bool {
        let file = suppliersFile
        guard let header = TableHeader(file: file, bytes: bytes, format: format, known: ["id", "name", "country", "sector", "prior"],
                                       required: ["id"], sink: &sink) else {
            if !sink.errors.contains(where: { $0.file == file }) {
                sink.error(.missingColumn, file: file, line: 1, column: "id", "file has no header row (expected at least a column 'id')")
            }
            return false
        }
        let (ID, NAME, COUNTRY, SECTOR, PRIOR) = (0, 1, 2, 3, 4)
        let extras = header.extraColumns.count
        let pieces = parsePieces(bytes, header: header, threads: threads) { table, sink in
            var piece = SupplierPiece(capacity: header.rowEstimate(table.csv.remaining, bytesPerRow: 32))
            piece.attributes = header.pieceAttributes(rows: header.rowEstimate(table.csv.remaining, bytesPerRow: 32))
            // Once the load is bound to fail — an error in this piece, or an id seen to repeat —
            // a record whose id repeats one kept before in the piece is counted, not kept (its
            // other cells still checked): a file of one id repeated millions of times then holds
            // one record. `keptRow` maps ids of `kept` to the piece's records.
            var kept: InternTable?
            var keptRow: [Int32] = []
            let recent = ShortKeyCache()
            while let line = table.nextRecord(sink: &sink) {
                let id = table.cell(ID)
                if id.isEmpty {
                    sink.error(.emptyId, file: file, line: line, column: "id", rank: header.rank(ID),
                               "empty supplier id (expected a non-empty, unique id)")
                    continue
                }
                let country = table.cell(COUNTRY)
                let countryIsCode = country.isEmpty || (country.count == 2 && isASCIILetter(country[0]) && isASCIILetter(country[1]))
                if !countryIsCode {
                    sink.error(.badCountry, file: file, line: line, column: table.name(COUNTRY), rank: header.rank(COUNTRY),
                               "\(Diagnostic.quote(table.text(COUNTRY))) is not a country code (expected two ASCII letters)")
                }
                var prior = Double.nan
                let priorText = table.cell(PRIOR)
                if !priorText.isEmpty {
                    if let value = format.number(priorText) {
                        if value >= 0 && value <= 1 {
                            prior = value
                        } else {
                            sink.error(.outOfRange, file: file, line: line, column: table.name(PRIOR), rank: header.rank(PRIOR),
                                       "prior \(table.text(PRIOR)) is out of range [0,1] (expected a number in [0,1])")
                        }
                    } else {
                        sink.error(.badNumber, file: file, line: line, column: table.name(PRIOR), rank: header.rank(PRIOR),
                                   "\(Diagnostic.quote(table.text(PRIOR))) is not a number (expected a number in [0,1])")
                    }
                }
                let hash = InternTable.hash(id)
                if kept == nil && (sink.errorCount > 0 || recent.value(of: id) != nil) {
                    var table = InternTable()
                    for r in 0..<piece.ids.count where table.intern(piece.ids.value(r), hash: piece.hashes[r]).inserted {
                        keptRow.append(Int32(r))
                    }
                    kept = table
                }
                if kept != nil {
                    let (first, inserted) = kept!.intern(id, hash: hash)
                    if !inserted {
                        piece.droppedDuplicates += 1
                        if piece.earlyDuplicates.count < LoadReport.storedLimit {
                            piece.earlyDuplicates.append((Int32(truncatingIfNeeded: line), keptRow[Int(first)]))
                        }
                        continue
                    }
                    keptRow.append(Int32(piece.ids.count))
                } else {
                    recent.remember(id, value: 0)
                }
                if countryIsCode {
                    piece.countries.appendASCIIUppercased(country)
                } else {
                    piece.countries.append(UnsafeRawBufferPointer(start: nil, count: 0))
                }
                piece.lines.append(Int32(truncatingIfNeeded: line))
                piece.hashes.append(hash)
                piece.ids.append(id)
                piece.names.append(table.cell(NAME))
                piece.sectors.append(table.cell(SECTOR))
                piece.priors.append(prior)
                if extras > 0 { table.appendAttributes(to: piece.attributes) }
            }
            return piece
        }
        // The merge below allocates through Swift's arrays, which would crash if refused: under a
        // limit on memory, stop first with a message when about 120 bytes a row (and, for text, the
        // file again) do not fit.
        let rowsRead = pieces.reduce(0) { $0 + $1.piece.lines.count }
        OutOfMemory.ensure(rowsRead * 120 + bytes.count, for: .init("reading the ", rowsRead, " rows of ", file))

        var suppliers = SupplierTable()
        suppliers.attributes = header.emptyAttributes
        // Usually no id repeats: the id table is then built on all threads.
        let ids = StringColumn(concatenating: pieces.map(\.piece.ids))
        if let index = InternTable.build(distinct: ids, hashes: .concatenating(pieces.map(\.piece.hashes.shared), threads: threads),
                                         threads: threads) {
            for parsed in pieces {
                // No id repeats among the records kept: the one a dropped record repeats is the first.
                let piece = parsed.piece, firstLine = Int32(parsed.firstLine)
                var merged = parsed.sink
                if piece.droppedDuplicates > 0 {
                    reportEarlyDuplicates(piece, firstLine: { piece.lines[$0] + firstLine }, offset: firstLine, header: header, sink: &merged)
                    merged.sortByPosition()
                }
                sink.append(merged)
            }
            suppliers.index = index
            let firstLines = pieces.map { Int32($0.firstLine) }
            suppliers.lines = .concatenating(pieces.map(\.piece.lines.shared), threads: threads) { k, line in line + firstLines[k] }
            suppliers.priors = .concatenating(pieces.map(\.piece.priors.shared), threads: threads)
            // The text columns, one task each.
            let known: [[PieceStrings]] = [pieces.map(\.piece.names), pieces.map(\.piece.countries), pieces.map(\.piece.sectors)]
            let attributes = (0..<extras).map { x in pieces.map { $0.piece.attributes[x] } }
            var joined = [StringColumn](repeating: StringColumn(), count: known.count + extras)
            joined.withUnsafeMutableBufferPointer { joined in
                let out = SharedBuffer(joined)
                Parallel.forEachTask(known.count + extras, threads: threads) { k in
                    out[k] = k < known.count ? StringColumn(concatenating: known[k]) : StringColumn(concatenating: attributes[k - known.count])
                }
            }
            withExtendedLifetime(pieces) {}
            suppliers.names = joined[0]
            suppliers.countries = joined[1]
            suppliers.sectors = joined[2]
            for x in 0..<extras { suppliers.attributes.values[x] = joined[3 + x] }
            dataset.suppliers = suppliers
            return true
        }

        // Some id repeats: intern in file order, so each duplicate names the line of the first.
        // The table grows with the distinct ids: a file of one id repeated millions of times
        // (every repeat an error) must not reserve room for each record.
        suppliers.index = InternTable()
        for parsed in pieces {
            let piece = parsed.piece
            let firstLine = Int32(parsed.firstLine)
            var duplicates = DiagnosticSink()
            var keep = [Bool](repeating: true, count: piece.lines.count)
            // The line where the id of each record first appears in the file.
            var first = [Int32](repeating: 0, count: piece.droppedDuplicates > 0 ? piece.lines.count : 0)
            for r in 0..<piece.lines.count {
                let line = piece.lines[r] + firstLine
                let (index, inserted) = suppliers.index.intern(piece.ids.value(r), hash: piece.hashes[r])
                if !first.isEmpty { first[r] = inserted ? line : suppliers.lines[Int(index)] }
                if inserted {
                    suppliers.lines.append(line)
                } else {
                    keep[r] = false
                    duplicates.error(.duplicateId, file: file, line: Int(line), column: "id", rank: header.rank(ID),
                                     "duplicate supplier id \(Diagnostic.quote(String(decoding: piece.ids.value(r), as: UTF8.self))) (first on line \(suppliers.lines[Int(index)]))")
                }
            }
            suppliers.names.append(contentsOf: piece.names.column) { keep[$0] }
            suppliers.countries.append(contentsOf: piece.countries.column) { keep[$0] }
            suppliers.sectors.append(contentsOf: piece.sectors.column) { keep[$0] }
            suppliers.priors += (0..<piece.priors.count).filter { keep[$0] }.map { piece.priors[$0] }
            for x in 0..<extras { suppliers.attributes.values[x].append(contentsOf: piece.attributes[x].column) { keep[$0] } }
            reportEarlyDuplicates(piece, firstLine: { first[$0] }, offset: firstLine, header: header, sink: &duplicates)
            var merged = parsed.sink
            merged.append(duplicates)
            merged.sortByPosition()
            sink.append(merged)
        }
        dataset.suppliers = suppliers
        return true
    }

    /// Reports the records a piece did not keep because their id repeated one it kept:
    /// the first of them with the line where the id first appears in the file, the rest counted.
    /// - Parameters:
    ///   - firstLine: that line for each record the piece kept.
    ///   - offset: the piece's first line (its lines count from there).
    private static func reportEarlyDuplicates(_ piece: SupplierPiece, firstLine: (Int) -> Int32, offset: Int32, header: TableHeader,
                                              sink: inout DiagnosticSink) {
        guard piece.droppedDuplicates > 0 else { return }
        for (line, kept) in piece.earlyDuplicates {
            sink.error(.duplicateId, file: suppliersFile, line: Int(line + offset), column: "id", rank: header.rank(0),
                       "duplicate supplier id \(Diagnostic.quote(String(decoding: piece.ids.value(Int(kept)), as: UTF8.self))) (first on line \(firstLine(Int(kept))))")
        }
        sink.errorCount += piece.droppedDuplicates - piece.earlyDuplicates.count
    }
}
