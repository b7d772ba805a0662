/// The dependency rows a register maps to, written as dependencies.csv.
extension DORARegister {
    /// Writes the rows as dependencies.csv, each once: a self-dependency and a row equal
    /// to an earlier one in consumer, provider, criticality and service are dropped.
    static func dependencyTable(_ mapped: Mapped, suppliers: Suppliers, summary: inout ImportSummary) -> ImportedTable {
        let duplicate = duplicateRows(mapped.rows, suppliers: suppliers.ids.count)
        var writer = CSVWriter(header: dependencyHeader)
        writer.reserveCapacity(mapped.rows.count * 80)
        var written = 0
        let supplierIds = suppliers.ids.values
        for (r, row) in mapped.rows.enumerated() {
            if row.consumer == row.provider {
                summary.drop(DORARegister.selfDependency, "self-dependencies (the recipient is its own provider)")
                continue
            }
            guard !duplicate[r] else {
                summary.drop(ImportSummary.duplicateRow, "duplicate rows (same consumer, provider, criticality and service)")
                continue
            }
            supplierIds.withBytes(Int(row.consumer)) { writer.field($0, first: true) }
            supplierIds.withBytes(Int(row.provider)) { writer.field($0) }
            writer.plainField(row.level.word)
            writer.plainField("")
            mapped.services.values.withBytes(Int(row.service)) { writer.field($0) }
            mapped.contracts.values.withBytes(Int(row.contract)) { writer.field($0) }
            if row.substitutability >= 0 {
                mapped.texts.values.withBytes(Int(row.substitutability)) { writer.field($0) }
            } else {
                writer.plainField("")
            }
            writer.endRecord()
            written += 1
        }
        return ImportedTable(header: dependencyHeader, encoded: writer, count: written)
    }

    /// Marks each row equal to an earlier one in consumer, provider, level and service.
    /// Rows are grouped by consumer (a counting sort, which keeps their order), and each
    /// group is checked with a small hash table of row numbers, reused from group to
    /// group: linear, and without a table the size of the whole register.
    static func duplicateRows(_ rows: [Row], suppliers: Int) -> [Bool] {
        var start = [Int32](repeating: 0, count: suppliers + 1)
        for row in rows { start[Int(row.consumer) + 1] += 1 }
        var largest: Int32 = 0
        for s in 0..<suppliers {
            largest = max(largest, start[s + 1])
            start[s + 1] += start[s]
        }
        var order = [Int32](repeating: 0, count: rows.count)
        var next = start
        for (r, row) in rows.enumerated() {
            order[Int(next[Int(row.consumer)])] = Int32(r)
            next[Int(row.consumer)] += 1
        }
        var duplicate = [Bool](repeating: false, count: rows.count)
        // Slots for a group of `n` rows: a power of two, at least twice as many, at least 16.
        func tableSize(_ n: Int) -> Int { 1 << max(4, Int.bitWidth - (2 * n - 1).leadingZeroBitCount) }
        var slots = [Int32](repeating: -1, count: tableSize(Int(largest)))
        for s in 0..<suppliers where start[s + 1] - start[s] > 1 {
            let group = Int(start[s])..<Int(start[s + 1])
            let mask = tableSize(group.count) - 1
            for k in group {
                let r = Int(order[k]), row = rows[r]
                var h = (UInt64(UInt32(row.provider)) &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(UInt32(row.service)) &* 0xC2B2_AE3D_27D4_EB4F)
                h ^= UInt64(row.level.rawValue) &+ (h >> 29)
                var slot = Int(truncatingIfNeeded: h) & mask
                while slots[slot] >= 0 {
                    let other = rows[Int(slots[slot])]
                    if other.provider == row.provider && other.service == row.service && other.level == row.level {
                        duplicate[r] = true
                        break
                    }
                    slot = (slot + 1) & mask
                }
                if !duplicate[r] { slots[slot] = Int32(r) }
            }
            for k in 0...mask { slots[k] = -1 }
        }
        return duplicate
    }
}
