import Testing
@testable import TrustGraphCore

/// Scenario files are bounded before they are parsed: aliases that would make
/// the parser's duplicate-key check exponential are refused with the line.
@Suite struct ScenarioBoundsTests {
    /// `a0: &a0 [x ×10]`, `a1: &a1 [*a0 ×10]` … then `? *a7 : 1`: each level
    /// multiplies the nodes the last alias stands for by ten.
    static func aliasBomb(levels: Int) -> String {
        var lines = ["a0: &a0 [" + Array(repeating: "x", count: 10).joined(separator: ",") + "]"]
        for level in 1...levels {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",") + "]")
        }
        lines += ["? *a\(levels)", ": 1"]
        return lines.joined(separator: "\n") + "\n"
    }

    private func onlyError(_ text: String) throws -> ScenarioError {
        let error = try #require(throws: ScenarioFileError.self) { try ScenarioFile.parse(text, file: "scenarios.yaml") }
        try #require(error.errors.count == 1)
        return error.errors[0]
    }

    @Test func aliasBombIsRefusedBeforeParsing() throws {
        let error = try onlyError(Self.aliasBomb(levels: 7))
        #expect(error == ScenarioError(.limit, file: "scenarios.yaml", line: 6, "aliases expand to more than 1000000 nodes"))
        #expect(error.description == "scenarios.yaml:6: aliases expand to more than 1000000 nodes")
    }

    @Test(arguments: [
        ("a: &a x\nscenarios:\n  - name: k\n    steps:\n      - ? *a\n        : 1\n", 5),
        ("a: &a x\nscenarios:\n  - name: k\n    steps:\n      - *a : 1\n", 5),
        ("a: &a x\n?\n  *a\n: 1\n", 3),
        ("a: &a x\nb: {*a: 1}\n", 2),
    ])
    func aliasAsMappingKeyIsRefused(text: String, line: Int) throws {
        let error = try onlyError(text)
        #expect(error.description == "scenarios.yaml:\(line): an alias used as a mapping key is not allowed")
    }

    /// Every alias is counted, wherever the text hides it: a flow key, a
    /// redefined anchor, an alias placed where a plain scalar may continue.
    @Test(arguments: [
        "[*a6]: 1\n",
        "b: [[*a6, *a6]]\n",
    ])
    func aliasesOutsideKeysAreCounted(tail: String) throws {
        let bomb = Self.aliasBomb(levels: 6).split(separator: "\n").dropLast(2).joined(separator: "\n") + "\n"
        let error = try onlyError(bomb + tail)
        #expect(error.kind == .limit)
        #expect(error.message == "aliases expand to more than 1000000 nodes")
    }

    @Test func redefinedAnchorsAreCountedAtTheirLargest() throws {
        var lines = ["a0: &a [" + Array(repeating: "x", count: 10).joined(separator: ",") + "]"]
        for level in 1...7 { lines.append("a\(level): &a [" + Array(repeating: "*a", count: 10).joined(separator: ",") + "]") }
        let error = try onlyError(lines.joined(separator: "\n") + "\n[*a]: 1\n")
        #expect(error.message == "aliases expand to more than 1000000 nodes")
    }

    @Test func aliasInAContinuedPlainScalarDoesNotFixTheSize() throws {
        // `[x\n  *a1, …]`: the parser reads "x *a1" as one plain scalar, so
        // the first "*aN" cannot be taken for a use that ends the node.
        var lines = ["a0: &a0 [" + Array(repeating: "x", count: 10).joined(separator: ",") + "]"]
        for level in 1...7 {
            lines.append("a\(level): &a\(level) [x\n  *a\(level), " + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",") + "]")
        }
        let error = try onlyError(lines.joined(separator: "\n") + "\n[*a7]: 1\n")
        #expect(error.message == "aliases expand to more than 1000000 nodes")
    }

    @Test func ordinaryAliasesStillWork() throws {
        let steps = (0..<3000).map { "      - compromise: {supplier: *s\($0 % 3)}" }.joined(separator: "\n")
        let text = """
        scenarios:
          - name: first
            description: |
              Mentions *s0 and & in text, which stay text.
            steps: &common
              - compromise: {supplier: &s0 cdn-x}   # the usual *breach*
              - exit: {supplier: &s1 hoster-a}
              - exit: {supplier: &s2 dns-b}
          - name: many
            steps:
        \(steps)
          - name: again
            steps: *common
          - name: third
            steps: *common

        """
        let scenarios = try ScenarioFile.parse(text)
        #expect(scenarios.map(\.name) == ["first", "many", "again", "third"])
        #expect(scenarios[1].steps.count == 3000)
        #expect(scenarios[3].steps == [.compromise(supplier: "cdn-x"), .exit(supplier: "hoster-a"), .exit(supplier: "dns-b")])
        #expect(scenarios[0].description == "Mentions *s0 and & in text, which stay text.\n")
    }

    @Test func documentSizeIsBounded() throws {
        let text = "scenarios:\n# " + String(repeating: "x", count: YAMLBounds.maxBytes) + "\n"
        let error = try onlyError(text)
        #expect(error.description == "scenarios.yaml:1: the file is \(text.utf8.count) bytes, more than the 16777216 a scenario file may hold")
    }

    @Test func flowNestingIsBounded() throws {
        let error = try onlyError("scenarios: " + String(repeating: "[", count: 100_000) + "\n")
        #expect(error.description == "scenarios.yaml:1: collections are nested more than 256 deep")
    }
}
