extension DatasetLoader {
    /// One piece of dependencies.csv, parsed and resolved in parallel with the others.
    struct DependencyPiece: CheckedPiece {
        /// Rows with lines from the piece's start; unknown ids are -1. `group`
        /// holds −1 − local id for labels that are no supplier id (see `labels`),
        /// `service` ids of `serviceNames`.
        let consumer, provider, group, service, lines: PieceColumn<Int32>
        let weight: PieceColumn<Double>
        let ok: PieceColumn<Bool>
        var serviceNames = InternTable()
        var attributes: [PieceStrings] = []
        /// Group labels that are no supplier id, interned in this piece.
        var labels = InternTable()

        init(capacity: Int) {
            (consumer, provider, group, service, lines) = (PieceColumn(capacity: capacity), PieceColumn(capacity: capacity),
                                                           PieceColumn(capacity: capacity), PieceColumn(capacity: capacity),
                                                           PieceColumn(capacity: capacity))
            weight = PieceColumn(capacity: capacity)
            ok = PieceColumn(capacity: capacity)
            serviceNames.intern("")
        }

        /// Rows, once parsing has `finish`ed (0 before: the parser counts its rows in `PieceRows`).
        var count: Int { ok.count }

        /// Room for `rows` rows in every column written with `put`.
        func reserve(_ rows: Int) {
            for column in [consumer, provider, group, service, lines] { column.reserve(rows) }
            weight.reserve(rows)
            ok.reserve(rows)
        }

        /// Sets the count of every column written with `put`.
        func finish(rows: Int) {
            for column in [consumer, provider, group, service, lines] { column.count = rows }
            weight.count = rows
            ok.count = rows
        }

        /// Keeps, of rows `start..<count`, those that are `ok`, in order, and returns
        /// the new count: rows with an error are dropped by the merge anyway, and a
        /// file of millions of them must not hold them all (see `compactionWindow`).
        func compact(from start: Int, count: Int) -> Int {
            var kept = start
            for r in start..<count where ok[r] {
                if r != kept {
                    consumer[kept] = consumer[r]
                    provider[kept] = provider[r]
                    group[kept] = group[r]
                    service[kept] = service[r]
                    lines[kept] = lines[r]
                    weight[kept] = weight[r]
                    ok[kept] = true
                }
                kept += 1
            }
            for column in attributes { column.compact(from: start, count: count) { ok[$0] } }
            return kept
        }

        /// The rows as a table (for the rare merge that drops rows).
        var table: DependencyTable {
            var table = DependencyTable()
            (table.consumer, table.provider, table.weight) = (consumer.array, provider.array, weight.array)
            (table.group, table.service, table.lines) = (group.array, service.array, lines.array)
            table.serviceNames = serviceNames
            table.attributes = AttributeColumns(piece: attributes)
            return table
        }
    }

    /// Cells of a dependency row that are looked up (`PendingLookups.Entry.cell`).
    private static let consumerCell: Int32 = 0, providerCell: Int32 = 1, groupCell: Int32 = 2
    /// `group` of a row whose group cell is empty: the provider's own id, set once the provider is resolved.
    private static let groupIsProvider = Int32.min
    /// `consumer` of a row whose consumer cell repeats the one of the row before: copied in the last pass.
    private static let sameConsumer = Int32.min
    /// Once a piece has an error, every this many rows its rows are settled and those
    /// with an error dropped, so that a file of millions of bad rows (unknown ids, a
    /// mistyped criticality on every line) costs memory for its good rows only.
    static let compactionWindow = 1 << 16

    /// A criticality cell that is no level word: a number in (0,1], or nil
    /// and an error (out of line: the loop over rows stays small enough for
    /// its helpers to be inlined).
    @inline(never)
    private static func readCriticality(_ table: borrowing TableReader, _ k: Int, line: Int, sink: inout DiagnosticSink) -> Double? {
        let decimalComma = table.header.format.decimalComma
        if let weight = Criticality.weight(table.cell(k), decimalComma: decimalComma) { return weight }
        let text = table.text(k)
        if Criticality.isNumber(table.cell(k), decimalComma: decimalComma) {
            sink.error(.outOfRange, file: table.file, line: line, column: table.name(k), rank: table.header.rank(k),
                       "criticality \(text) is out of range (0,1]")
        } else {
            sink.error(.unknownWord, file: table.file, line: line, column: table.name(k), rank: table.header.rank(k),
                       "\(Diagnostic.quote(text)) is not critical/high/medium/low or a number in (0,1]")
        }
        return nil
    }

    static func readDependencies(_ bytes: UnsafeRawBufferPointer, format: TableFormat, threads: Int, into dataset: inout Dataset,
                                 checkSuppliers: Bool, sink: inout DiagnosticSink) {
        let file = dependenciesFile
        guard let header = TableHeader(file: file, bytes: bytes, format: format, known: ["consumer", "provider", "criticality", "group", "service"],
                                       required: ["consumer", "provider"], sink: &sink) else {
            emptyOptionalFile(file, sink: &sink)
            return
        }
        let (CONSUMER, PROVIDER, CRITICALITY, GROUP, SERVICE) = (0, 1, 2, 3, 4)
        let extras = header.extraColumns.count
        let index = dataset.suppliers.index
        let pieces = parsePieces(bytes, header: header, threads: threads) { table, sink in
            var piece = DependencyPiece(capacity: header.rowEstimate(table.csv.remaining, bytesPerRow: 24))
            var rows = PieceRows(capacity: header.rowEstimate(table.csv.remaining, bytesPerRow: 24))
            piece.attributes = header.pieceAttributes(rows: header.rowEstimate(table.csv.remaining, bytesPerRow: 24))
            var pending = PendingLookups()
            // Service ids and resolved groups of recent cells (a few words repeat all over the file).
            let services = ShortKeyCache(), groups = ShortKeyCache()
            // Consumer ids that were not found, by row (for the rows that repeat them).
            // Only the first errors are kept (`LoadReport.storedLimit`, by position), and they name
            // consumers first looked up among the first rows: a bounded map serves them all, and a
            // file of millions of unknown consumers does not hold a string for each.
            var unknownConsumers: [Int32: String] = [:]
            let unknownConsumersKept = 4 * LoadReport.storedLimit
            func resolve(_ lookup: PendingLookups.Entry) {
                let r = Int(lookup.row)
                if lookup.cell == groupCell {
                    // A label seen before in this piece is no supplier id: no need to look in the id table.
                    let local = piece.labels.find(lookup.key, hash: lookup.hash)
                    if local >= 0 {
                        piece.group[r] = -1 - local
                        return
                    }
                }
                let found = index.find(lookup.key, hash: lookup.hash)
                switch lookup.cell {
                case consumerCell: piece.consumer[r] = found
                case providerCell: piece.provider[r] = found
                default:
                    let group = found >= 0 ? found : -1 - piece.labels.intern(lookup.key, hash: lookup.hash).id
                    piece.group[r] = group
                    groups.remember(lookup.key, value: group)
                }
                if found < 0 && lookup.cell != groupCell {
                    let id = String(decoding: lookup.key, as: UTF8.self)
                    if lookup.cell == consumerCell && unknownConsumers.count < unknownConsumersKept { unknownConsumers[lookup.row] = id }
                    if checkSuppliers {
                        let k = lookup.cell == consumerCell ? CONSUMER : PROVIDER
                        reportUnknownSupplier(id, file: file, line: Int(piece.lines[r]), column: header.name(k), rank: header.rank(k), sink: &sink)
                    }
                    piece.ok[r] = false
                }
            }
            // The consumer cell of the last row whose consumer was looked up, when in the file.
            var lastConsumer = UnsafeRawBufferPointer(start: nil, count: 0)
            // `lastConsumer` is passed in rather than captured: written on every row, a
            // captured variable would be checked for exclusive access at run time each time.
            func lookUp(_ k: Int, cell: Int32, row: Int32, lastConsumer: inout UnsafeRawBufferPointer) {
                let key = table.cell(k)
                if cell == consumerCell {
                    // Rows are often grouped by consumer: a repeated consumer is copied in the last pass.
                    if key.count > 0 && table.cellIsInFile(k) && InternTable.equal(key, lastConsumer) {
                        piece.consumer[Int(row)] = sameConsumer
                        return
                    }
                    lastConsumer = table.cellIsInFile(k) ? key : UnsafeRawBufferPointer(start: nil, count: 0)
                }
                if cell == groupCell, let group = groups.value(of: key) {
                    piece.group[Int(row)] = group
                    return
                }
                let lookup = PendingLookups.Entry(key: key, hash: InternTable.hash(key), row: row, cell: cell)
                if cell == groupCell {
                    let local = piece.labels.find(key, hash: lookup.hash)
                    if local >= 0 {
                        piece.group[Int(row)] = -1 - local
                        return
                    }
                }
                if table.cellIsInFile(k) {
                    if let due = pending.push(lookup, in: index) { resolve(due) }
                } else {
                    // A cell unescaped into the reader's scratch memory: resolve it now, in order.
                    while let due = pending.pop() { resolve(due) }
                    resolve(lookup)
                }
            }
            // The post pass over rows whose lookups are all done: a repeated consumer is copied
            // from the last row looked up (`carried` when that row was settled before).
            var lastLookedUp = -1
            var carried: (consumer: Int32, text: String) = (-1, "")
            func settle(_ range: Range<Int>) {
                for r in range {
                    if piece.consumer[r] == sameConsumer {
                        let consumer = lastLookedUp >= 0 ? piece.consumer[lastLookedUp] : carried.consumer
                        piece.consumer[r] = consumer
                        if consumer < 0 {
                            if checkSuppliers {
                                let text = lastLookedUp >= 0 ? unknownConsumers[Int32(lastLookedUp)] ?? "" : carried.text
                                reportUnknownSupplier(text, file: file, line: Int(piece.lines[r]),
                                                      column: header.name(CONSUMER), rank: header.rank(CONSUMER), sink: &sink)
                            }
                            piece.ok[r] = false
                        }
                    } else {
                        lastLookedUp = r
                    }
                    let consumer = piece.consumer[r], provider = piece.provider[r]
                    if piece.group[r] == groupIsProvider { piece.group[r] = provider }
                    if consumer >= 0 && consumer == provider {
                        sink.error(.selfDependency, file: file, line: Int(piece.lines[r]), column: header.name(PROVIDER),
                                   rank: header.rank(PROVIDER), "self-dependency: \(Diagnostic.quote(index.values[Int(provider)])) depends on itself")
                        piece.ok[r] = false
                    }
                }
            }
            var settled = 0
            while let line = table.nextRecord(sink: &sink) {
                if sink.errorCount > 0 && rows.count - settled >= compactionWindow {
                    while let due = pending.pop() { resolve(due) }
                    settle(settled..<rows.count)
                    if lastLookedUp >= 0 {
                        carried = (piece.consumer[lastLookedUp], unknownConsumers[Int32(lastLookedUp)] ?? "")
                        lastLookedUp = -1
                    }
                    unknownConsumers.removeAll(keepingCapacity: true)
                    // Row numbers change: the next row must not be read as repeating a moved one.
                    lastConsumer = UnsafeRawBufferPointer(start: nil, count: 0)
                    settled = piece.compact(from: settled, count: rows.count)
                    rows.truncate(to: settled)
                }
                let weight = Criticality.levelWeight(table.cell(CRITICALITY))
                    ?? readCriticality(table, CRITICALITY, line: line, sink: &sink)
                let r = rows.add { piece.reserve($0) }
                let row = Int32(r)
                let service = table.cell(SERVICE)
                let groupIsEmpty = table.cell(GROUP).isEmpty
                piece.consumer.put(-1, at: r)
                piece.provider.put(-1, at: r)
                piece.weight.put(weight ?? 0, at: r)
                piece.group.put(groupIsEmpty ? groupIsProvider : -1, at: r)
                if service.isEmpty {
                    piece.service.put(0, at: r)
                } else if let id = services.value(of: service) {
                    piece.service.put(id, at: r)
                } else {
                    let id = piece.serviceNames.intern(service).id
                    services.remember(service, value: id)
                    piece.service.put(id, at: r)
                }
                piece.lines.put(Int32(truncatingIfNeeded: line), at: r)
                piece.ok.put(weight != nil, at: r)
                if extras > 0 { table.appendAttributes(to: piece.attributes) }
                // Ids are looked up a few rows later (see PendingLookups).
                lookUp(CONSUMER, cell: consumerCell, row: row, lastConsumer: &lastConsumer)
                lookUp(PROVIDER, cell: providerCell, row: row, lastConsumer: &lastConsumer)
                if !groupIsEmpty { lookUp(GROUP, cell: groupCell, row: row, lastConsumer: &lastConsumer) }
            }
            piece.finish(rows: rows.count)
            while let due = pending.pop() { resolve(due) }
            settle(settled..<rows.count)
            return piece
        }
        // The merge below allocates through Swift's arrays, which would crash if refused: under a
        // limit on memory, stop first with a message when about 32 bytes a row (and, for text, the
        // file again) do not fit.
        let rowsRead = pieces.reduce(0) { $0 + $1.piece.count }
        OutOfMemory.ensure(rowsRead * 32 + bytes.count, for: .init("reading the ", rowsRead, " rows of ", file))

        // Merge the pieces in file order; local label and service ids become global ones.
        var rows = DependencyTable()
        rows.attributes = header.emptyAttributes
        let supplierCount = Int32(dataset.suppliers.count)
        var labelIds: [[Int32]] = [], serviceIds: [[Int32]] = []
        for parsed in pieces {
            let piece = parsed.piece
            labelIds.append((0..<piece.labels.count).map { supplierCount + rows.extraLabels.intern(piece.labels.values[$0]).id })
            serviceIds.append((0..<piece.serviceNames.count).map { rows.serviceNames.intern(piece.serviceNames.values[$0]).id })
            sink.append(parsed.sink)
        }
        let merge = PieceMerge(pieces: pieces, threads: threads)
        if merge.keepsEveryRow {
            let (labels, services) = (labelIds, serviceIds)
            rows.consumer = merge.concatenated(\.consumer)
            rows.provider = merge.concatenated(\.provider)
            rows.weight = merge.concatenated(\.weight)
            rows.group = merge.concatenated(\.group) { k, label in label >= 0 ? label : labels[k][Int(-1 - label)] }
            rows.service = merge.concatenated(\.service) { k, service in services[k][Int(service)] }
            rows.lines = merge.lines(\.lines)
            rows.attributes.values = merge.attributes(extras)
        } else {
            rows.reserve(merge.rowCount)
            for (k, parsed) in pieces.enumerated() {
                rows.append(contentsOf: parsed.piece.table, lineOffset: Int32(parsed.firstLine), service: serviceIds[k],
                            label: labelIds[k], keep: parsed.piece.ok.array)
            }
        }
        dataset.dependencies = rows
    }
}
