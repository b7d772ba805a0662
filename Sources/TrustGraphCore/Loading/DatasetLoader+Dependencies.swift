extension DatasetLoader {
    /// One piece of dependencies.csv, parsed and resolved in parallel with the others.
    struct DependencyPiece: Sendable {
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
            while let line = table.nextRecord(sink: &sink) {
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
            var lastLookedUp = 0
            for r in 0..<piece.ok.count {
                if piece.consumer[r] == sameConsumer {
                    let consumer = piece.consumer[lastLookedUp]
                    piece.consumer[r] = consumer
                    if consumer < 0 {
                        if checkSuppliers {
                            reportUnknownSupplier(unknownConsumers[Int32(lastLookedUp)] ?? "", file: file, line: Int(piece.lines[r]),
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
            return piece
        }

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
        if pieces.allSatisfy({ piece in !UnsafeBufferPointer(start: piece.piece.ok.base, count: piece.piece.count).contains(false) }) {
            // Every row kept: copy the columns piece by piece on all threads.
            let parts = pieces.map(\.piece)
            let firstLines = pieces.map { Int32($0.firstLine) }
            let (labels, services) = (labelIds, serviceIds)
            rows.consumer = .concatenating(parts.map(\.consumer.shared), threads: threads)
            rows.provider = .concatenating(parts.map(\.provider.shared), threads: threads)
            rows.weight = .concatenating(parts.map(\.weight.shared), threads: threads)
            rows.group = .concatenating(parts.map(\.group.shared), threads: threads) { k, label in label >= 0 ? label : labels[k][Int(-1 - label)] }
            rows.service = .concatenating(parts.map(\.service.shared), threads: threads) { k, service in services[k][Int(service)] }
            rows.lines = .concatenating(parts.map(\.lines.shared), threads: threads) { k, line in line + firstLines[k] }
            for x in 0..<extras {
                rows.attributes.values[x] = StringColumn(concatenating: parts.map { $0.attributes[x] })
            }
            withExtendedLifetime(parts) {}
        } else {
            rows.reserve(pieces.reduce(0) { $0 + $1.piece.count })
            for (k, parsed) in pieces.enumerated() {
                rows.append(contentsOf: parsed.piece.table, lineOffset: Int32(parsed.firstLine), service: serviceIds[k],
                            label: labelIds[k], keep: parsed.piece.ok.array)
            }
        }
        dataset.dependencies = rows
    }
}
