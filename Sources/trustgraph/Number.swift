import ArgumentParser
import TrustGraphCore

/// A number on the command line, written as the contract writes numbers
/// (`0.5`, `-1`, `2e-3`; not `.5`, `inf` or `nan`), negative ones included.
struct Number: ExpressibleByArgument, CustomStringConvertible {
    let value: Double
    let description: String

    init(_ value: Double) {
        self.value = value
        description = value.description
    }

    init?(argument: String) {
        guard let value = ContractNumber.parse(argument) else { return nil }
        self.value = value
        description = argument
    }

    var defaultValueDescription: String { description }
}
