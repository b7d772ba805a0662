extension DatasetLoader {
    /// One piece of certifications.csv, parsed and resolved in parallel with the others.
    struct CertificationPiece: CheckedPiece {
        /// Rows with lines from the piece's start; `supplier` is -1 where the id is unknown.
        let supplier, scheme, issued, expires, lastEvidence, lines: PieceColumn<Int32>
        let status: PieceColumn<CertificationStatus>
        let partial, ok: PieceColumn<Bool>
        var attributes: [PieceStrings] = []
        /// Exact spellings of schemes in this piece, with the scheme each names (-1: unknown) and its rows.
        var spellings = InternTable()
        var spellingScheme: [Int32] = []
        var spellingRows: [Int] = []

        init(capacity: Int) {
            (supplier, scheme, issued) = (PieceColumn(capacity: capacity), PieceColumn(capacity: capacity), PieceColumn(capacity: capacity))
            (expires, lastEvidence, lines) = (PieceColumn(capacity: capacity), PieceColumn(capacity: capacity), PieceColumn(capacity: capacity))
            status = PieceColumn(capacity: capacity)
            (partial, ok) = (PieceColumn(capacity: capacity), PieceColumn(capacity: capacity))
        }

        /// Rows, once parsing has `finish`ed (0 before: the parser counts its rows in `PieceRows`).
        var count: Int { ok.count }

        /// Room for `rows` rows in every column written with `put`.
        func reserve(_ rows: Int) {
            for column in [supplier, scheme, issued, expires, lastEvidence, lines] { column.reserve(rows) }
            status.reserve(rows)
            partial.reserve(rows)
            ok.reserve(rows)
        }

        /// Sets the count of every column written with `put`.
        func finish(rows: Int) {
            for column in [supplier, scheme, issued, expires, lastEvidence, lines] { column.count = rows }
            status.count = rows
            partial.count = rows
            ok.count = rows
        }

        /// The rows as a table (for the rare merge that drops rows).
        var table: CertificationTable {
            var table = CertificationTable()
            (table.supplier, table.scheme, table.status, table.issued) = (supplier.array, scheme.array, status.array, issued.array)
            (table.expires, table.lastEvidence, table.partial, table.lines) = (expires.array, lastEvidence.array, partial.array, lines.array)
            table.attributes = AttributeColumns(piece: attributes)
            return table
        }
    }

    static func readCertifications(_ bytes: UnsafeRawBufferPointer, format: TableFormat, threads: Int, into dataset: inout Dataset,
                                   checkSuppliers: Bool, sink: inout DiagnosticSink) {
        let file = certificationsFile
        guard let header = TableHeader(file: file, bytes: bytes, format: format,
                                       known: ["supplier", "scheme", "status", "issued", "expires", "last_evidence", "scope"],
                                       required: ["supplier", "scheme"], sink: &sink) else {
            emptyOptionalFile(file, sink: &sink)
            return
        }
        let (SUPPLIER, SCHEME, STATUS, ISSUED, EXPIRES, EVIDENCE, SCOPE) = (0, 1, 2, 3, 4, 5, 6)
        let extras = header.extraColumns.count
        let index = dataset.suppliers.index
        let schemes = dataset.schemes
        let pieces = parsePieces(bytes, header: header, threads: threads) { table, sink in
            var piece = CertificationPiece(capacity: header.rowEstimate(table.csv.remaining, bytesPerRow: 40))
            var rows = PieceRows(capacity: header.rowEstimate(table.csv.remaining, bytesPerRow: 40))
            piece.attributes = header.pieceAttributes(rows: header.rowEstimate(table.csv.remaining, bytesPerRow: 40))
            // Recent scheme cells, mapped to their spelling in `spellings`. The spellings
            // stay local until the end: `piece` is captured by `resolve`, so every access
            // to it is checked for exclusivity, which costs on a column read per row.
            let recentSchemes = ShortKeyCache()
            var spellings = InternTable()
            var spellingScheme: [Int32] = []
            var spellingRows: [Int] = []
            var pending = PendingLookups()
            var days = DayCache()
            func resolve(_ lookup: PendingLookups.Entry) {
                let r = Int(lookup.row)
                let found = index.find(lookup.key, hash: lookup.hash)
                if found >= 0 {
                    piece.supplier[r] = found
                    return
                }
                if checkSuppliers {
                    let id = String(decoding: lookup.key, as: UTF8.self)
                    reportUnknownSupplier(id, file: file, line: Int(piece.lines[r]), column: header.name(SUPPLIER), rank: header.rank(SUPPLIER),
                                          sink: &sink)
                }
                piece.ok[r] = false
            }
            while let line = table.nextRecord(sink: &sink) {
                var ok = true
                let schemeCell = table.cell(SCHEME)
                let spelling: Int
                if let known = recentSchemes.value(of: schemeCell) {
                    spelling = Int(known)
                } else {
                    let interned = spellings.intern(schemeCell)
                    if interned.inserted {
                        spellingScheme.append(schemes.find(table.text(SCHEME)) ?? -1)
                        spellingRows.append(0)
                    }
                    spelling = Int(interned.id)
                    recentSchemes.remember(schemeCell, value: interned.id)
                }
                spellingRows[spelling] += 1
                let scheme = spellingScheme[spelling]
                if scheme < 0 {
                    let name = table.text(SCHEME)
                    sink.error(name.isEmpty ? .emptyId : .unknownScheme, file: file, line: line, column: table.name(SCHEME),
                               rank: header.rank(SCHEME),
                               name.isEmpty ? "empty scheme (expected a scheme name)"
                                            : "unknown scheme \(Diagnostic.quote(name)) (not built in and not in schemes.csv)"
                                              + SupplierSearch.didYouMean(schemes.suggestions(for: name)))
                    ok = false
                }
                let status = CertificationStatus.parse(table.cell(STATUS))
                if status == nil {
                    sink.error(.unknownWord, file: file, line: line, column: table.name(STATUS), rank: header.rank(STATUS),
                               "unknown status \(Diagnostic.quote(table.text(STATUS))) (expected one of valid, suspended, revoked, expired)")
                    ok = false
                }
                let (noStart, noEnd) = (CertificationTable.noStart, CertificationTable.noEnd)
                let issued = cachedDate(table.cell(ISSUED), missing: noStart, cache: days)
                    ?? readDate(table, ISSUED, line: line, missing: noStart, cache: &days, ok: &ok, sink: &sink)
                let expires = cachedDate(table.cell(EXPIRES), missing: noEnd, cache: days)
                    ?? readDate(table, EXPIRES, line: line, missing: noEnd, cache: &days, ok: &ok, sink: &sink)
                let evidence = cachedDate(table.cell(EVIDENCE), missing: noStart, cache: days)
                    ?? readDate(table, EVIDENCE, line: line, missing: noStart, cache: &days, ok: &ok, sink: &sink)
                var partial = false
                let scope = table.cell(SCOPE)
                if scope.isEmpty || ASCII.equalsIgnoringCase(scope, "full") {
                    partial = false
                } else if ASCII.equalsIgnoringCase(scope, "partial") {
                    partial = true
                } else {
                    sink.error(.unknownWord, file: file, line: line, column: table.name(SCOPE), rank: header.rank(SCOPE),
                               "unknown scope \(Diagnostic.quote(table.text(SCOPE))) (expected full or partial)")
                    ok = false
                }
                let r = rows.add { piece.reserve($0) }
                let row = Int32(r)
                piece.supplier.put(-1, at: r)
                piece.scheme.put(scheme, at: r)
                piece.status.put(status ?? .valid, at: r)
                piece.issued.put(issued, at: r)
                piece.expires.put(expires, at: r)
                piece.lastEvidence.put(evidence, at: r)
                piece.partial.put(partial, at: r)
                piece.lines.put(Int32(truncatingIfNeeded: line), at: r)
                piece.ok.put(ok, at: r)
                if extras > 0 { table.appendAttributes(to: piece.attributes) }
                // The supplier is looked up a few rows later (see PendingLookups).
                let key = table.cell(SUPPLIER)
                let lookup = PendingLookups.Entry(key: key, hash: InternTable.hash(key), row: row, cell: 0)
                if table.cellIsInFile(SUPPLIER) {
                    if let due = pending.push(lookup, in: index) { resolve(due) }
                } else {
                    while let due = pending.pop() { resolve(due) }
                    resolve(lookup)
                }
            }
            piece.finish(rows: rows.count)
            (piece.spellings, piece.spellingScheme, piece.spellingRows) = (spellings, spellingScheme, spellingRows)
            while let due = pending.pop() { resolve(due) }
            return piece
        }
        // The merge below allocates through Swift's arrays, which would crash if refused: under a
        // limit on memory, stop first with a message when about 56 bytes a row (and, for text, the
        // file again) do not fit.
        let rowsRead = pieces.reduce(0) { $0 + $1.piece.count }
        OutOfMemory.ensure(rowsRead * 56 + bytes.count, for: .init("reading the ", rowsRead, " rows of ", file))
        var certifications = CertificationTable()
        certifications.attributes = header.emptyAttributes
        for parsed in pieces { sink.append(parsed.sink) }
        noteSchemeSpellings(pieces.map(\.piece), schemes: schemes, file: file, sink: &sink)
        let merge = PieceMerge(pieces: pieces, threads: threads)
        if merge.keepsEveryRow {
            certifications.supplier = merge.concatenated(\.supplier)
            certifications.scheme = merge.concatenated(\.scheme)
            certifications.status = merge.concatenated(\.status)
            certifications.issued = merge.concatenated(\.issued)
            certifications.expires = merge.concatenated(\.expires)
            certifications.lastEvidence = merge.concatenated(\.lastEvidence)
            certifications.partial = merge.concatenated(\.partial)
            certifications.lines = merge.lines(\.lines)
            certifications.attributes.values = merge.attributes(extras)
        } else {
            certifications.reserve(merge.rowCount)
            for parsed in pieces {
                let ok = parsed.piece.ok
                certifications.append(contentsOf: parsed.piece.table, lineOffset: Int32(parsed.firstLine)) { ok[$0] }
            }
        }
        dataset.certifications = certifications
    }
}

extension DatasetLoader {
    /// One note per spelling of a known scheme other than its name, with its row count (contract §1.1).
    static func noteSchemeSpellings(_ pieces: [CertificationPiece], schemes: SchemeCatalogue, file: String, sink: inout DiagnosticSink) {
        var rows: [String: Int] = [:]
        var order: [(spelling: String, scheme: Int32)] = []
        for piece in pieces {
            for k in 0..<piece.spellingScheme.count where piece.spellingScheme[k] >= 0 {
                let spelling = piece.spellings.values[k]
                if rows[spelling] == nil { order.append((spelling, piece.spellingScheme[k])) }
                rows[spelling, default: 0] += piece.spellingRows[k]
            }
        }
        for (spelling, scheme) in order where spelling != schemes.names[Int(scheme)] {
            let count = rows[spelling]!
            sink.note(.schemeSpelling, file: file,
                      "scheme \(Diagnostic.quote(spelling)) read as \(schemes.names[Int(scheme)]) (\(plural(count, "row")))")
        }
    }
}
