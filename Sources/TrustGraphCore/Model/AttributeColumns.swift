/// Extra columns of a file, kept as attributes: names and one value per row.
public struct AttributeColumns: Sendable, Equatable {
    /// Header names as written.
    public internal(set) var names: [String] = []
    /// `values[k][row]` is the cell of column `names[k]`.
    public internal(set) var values: [StringColumn] = []

    public init() {}

    /// The non-empty attributes of one row, in column order.
    public func attributes(ofRow row: Int) -> [(name: String, value: String)] {
        var result: [(String, String)] = []
        for k in names.indices where row < values[k].count && !values[k].isEmpty(at: row) {
            result.append((names[k], values[k][row]))
        }
        return result
    }
}
