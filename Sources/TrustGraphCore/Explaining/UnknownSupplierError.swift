/// An id that names no supplier of the dataset, with the ids closest to it.
public struct UnknownSupplierError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The id as given.
    public var id: String
    /// Close ids, closest first.
    public var suggestions: [String]

    /// An unknown id and the ids close to it.
    public init(id: String, suggestions: [String]) {
        self.id = id
        self.suggestions = suggestions
    }

    /// "unknown supplier 'x' (did you mean 'y'?)", safe for a terminal.
    public var description: String {
        TerminalText.escaped("unknown supplier '\(id)'" + SupplierSearch.didYouMean(suggestions))
    }

    /// "unknown supplier 'x' in FILE (did you mean 'y'?)", safe for a terminal.
    public func description(in file: String) -> String {
        TerminalText.escaped("unknown supplier '\(id)' in \(file)" + SupplierSearch.didYouMean(suggestions))
    }
}

extension SupplierTable {
    /// The index of the supplier `id` names (ids compare code point by code point).
    /// - Throws: `UnknownSupplierError` with the ids closest to `id`.
    /// - Complexity: O(length of `id`) expected; O(suppliers) more when it is unknown.
    public func index(of id: String) throws(UnknownSupplierError) -> Int {
        guard let i = find(id) else { throw UnknownSupplierError(id: id, suggestions: SupplierSearch.suggestions(for: id, in: self)) }
        return i
    }
}
