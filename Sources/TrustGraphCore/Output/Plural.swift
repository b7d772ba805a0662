/// A count and its noun as English writes them: "1 sweep", "0 sweeps", "3 sweeps".
///
/// Every message that counts something uses it, so none reads "1 sweeps".
/// - Parameters:
///   - count: how many.
///   - word: the noun in the singular.
///   - pluralForm: the plural when it is not `word` + "s" (e.g. "dependencies").
/// - Returns: the count, a space and the noun, singular only for exactly one.
public func plural(_ count: Int, _ word: String, _ pluralForm: String? = nil) -> String {
    "\(count) " + (count == 1 ? word : pluralForm ?? word + "s")
}
