import Testing
@testable import TrustGraphCore

/// Looking a supplier up by id: its index, or an error that names the ids closest to it.
@Suite struct UnknownSupplierErrorTests {
    @Test func aKnownIdGivesItsIndexAndAnUnknownOneItsNeighbours() throws {
        let suppliers = try Fixture.load(["suppliers.csv": "id\nhoster-a\nhoster-b\ncdn\n"]).suppliers
        #expect(try suppliers.index(of: "hoster-b") == 1)
        #expect(throws: UnknownSupplierError(id: "hoster-c", suggestions: ["hoster-a", "hoster-b"])) {
            try suppliers.index(of: "hoster-c")
        }
        #expect(throws: UnknownSupplierError(id: "HOSTER-A", suggestions: ["hoster-a", "hoster-b"])) {
            try suppliers.index(of: "HOSTER-A")   // ids compare exactly; the suggestion ignores case
        }
    }

    @Test func theMessageNamesTheFileAndIsSafeOnATerminal() {
        let error = UnknownSupplierError(id: "x\u{1B}[2J", suggestions: ["x"])
        #expect(error.description == "unknown supplier 'x\\u{1b}[2J' (did you mean 'x'?)")
        #expect(error.description(in: "data/suppliers.csv") == "unknown supplier 'x\\u{1b}[2J' in data/suppliers.csv (did you mean 'x'?)")
    }
}
