extension InternTable {
    /// Checks that every value's id is found by a lookup and that the slots
    /// hold exactly one id per value; traps when they do not.
    ///
    /// Run after `build` in debug builds and from the tests; compiled only
    /// in debug builds.
    /// - Complexity: O(values + slots).
    func _checkInvariants() {
        #if DEBUG
        var occupied = 0
        for k in 0..<slots.count where slots.base[k].idPlusOne != 0 {
            let id = Int(slots.base[k].idPlusOne) - 1
            precondition(id < count, "slot \(k) holds id \(id) of \(count)")
            occupied += 1
        }
        precondition(occupied == count, "\(occupied) slots hold ids for \(count) values")
        for id in 0..<count {
            let found = values.withBytes(id) { find($0) }
            precondition(found == Int32(id), "value \(id) is found as \(found.map(String.init) ?? "nothing")")
        }
        #endif
    }
}
