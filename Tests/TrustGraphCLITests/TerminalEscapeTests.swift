import Foundation
import Testing
import TrustGraphCore

/// Ids and names from the data never reach the terminal raw: every
/// human-facing line writes control, bidi and line-separator characters as
/// visible escapes, while CSV keeps them as they are.
@Suite struct TerminalEscapeTests {
    /// ESC, CR, BS, DEL, RIGHT-TO-LEFT OVERRIDE and LINE SEPARATOR.
    static let hostile = "x\u{1B}]0;pwned\u{7}\r\u{8}\u{7F}\u{202E}y\u{2028}z"
    static let shown = #"x\u{1b}]0;pwned\u{7}\r\u{8}\u{7f}\u{202e}y\u{2028}z"#
    static let raw: [Character] = ["\u{1B}", "\r", "\u{8}", "\u{7F}", "\u{202E}", "\u{2028}"]

    static func dataset() throws -> URL {
        let dir = try CLI.temporaryDirectory()
        let files = [
            "suppliers.csv": "id,name,country,sector\n\"\(hostile)\",\"\(hostile)\",DE,\"\(hostile)\"\nshop,Shop,FR,retail\n",
            "dependencies.csv": "consumer,provider,criticality,group\nshop,\"\(hostile)\",critical,\n",
        ]
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    static func expectEscaped(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!text.contains(where: raw.contains), sourceLocation: sourceLocation)
        #expect(text.contains(shown), sourceLocation: sourceLocation)
    }

    @Test func escapedIsOneFunctionForEveryControl() {
        #expect(TerminalText.escaped(Self.hostile) == Self.shown)
        #expect(TerminalText.escaped("a\nb\tc\u{85}\u{61C}\u{200E}\u{200F}\u{202A}\u{2066}\u{2069}\u{2029}é€😀")
                == #"a\nb\tc\u{85}\u{61c}\u{200e}\u{200f}\u{202a}\u{2066}\u{2069}\u{2029}é€😀"#)
        #expect(TerminalText.escaped("Café Müller – „ok“") == "Café Müller – „ok“")
    }

    @Test func explainHeaderAndText() throws {
        let dir = try Self.dataset()
        let r = try CLI.run(["explain", dir.path, "shop"])
        #expect(r.status == 0)
        Self.expectEscaped(r.stdout)
        let own = try CLI.run(["explain", dir.path, Self.hostile])
        #expect(own.stdout.hasPrefix(Self.shown + " — " + Self.shown + "\n"))
    }

    @Test func unknownSupplierErrors() throws {
        let dir = try Self.dataset()
        let r = try CLI.run(["explain", dir.path, "no\u{1B}[2Jne\u{202E}"])
        #expect(r.status == 1)
        #expect(r.stderr.contains(#"error: unknown supplier 'no\u{1b}[2Jne\u{202e}' in "#))
        let render = try CLI.run(["render", dir.path, "--focus", "no\u{1B}[2Jne", "-o", dir.appendingPathComponent("m.svg").path])
        #expect(render.stderr.contains(#"error: --focus: unknown supplier 'no\u{1b}[2Jne' in "#))
    }

    @Test func analyzeConcentrationAndTables() throws {
        let dir = try Self.dataset()
        let r = try CLI.run(["analyze", dir.path])
        #expect(r.status == 0)
        Self.expectEscaped(r.stdout)
        #expect(r.stdout.contains("by provider: HHI 1.000 — \(Self.shown) 100.0%"))
        #expect(r.stdout.contains("  \(Self.shown) t=0.3000: 1 consumer — shop (\(Self.shown), critical)"))
        let solve = try CLI.run(["solve", dir.path])
        Self.expectEscaped(solve.stdout)
    }

    @Test func whatifHeadersStepsAndErrors() throws {
        let dir = try Self.dataset()
        let file = dir.appendingPathComponent("s.yaml")
        try """
        scenarios:
          - name: "breach \\e[31m\\u202E"
            steps:
              - compromise: {supplier: "\\e]0;pwned\\a\\r\\b\\x7F\\u202Ey\\u2028z"}
              - compromise: {supplier: "x\\e]0;pwned\\a\\r\\b\\x7F\\u202Ey\\u2028z"}

        """.write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["whatif", dir.path, file.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains(#"s.yaml:4: scenario 'breach \u{1b}[31m\u{202e}', step 1 (compromise): unknown supplier '\u{1b}]0;pwned\u{7}\r\u{8}\u{7f}\u{202e}y\u{2028}z'"#))
        try """
        scenarios:
          - name: "breach \\e[31m\\u202E"
            description: "one\\rtwo"
            steps:
              - compromise: {supplier: "x\\e]0;pwned\\a\\r\\b\\x7F\\u202Ey\\u2028z"}

        """.write(to: file, atomically: true, encoding: .utf8)
        let ok = try CLI.run(["whatif", dir.path, file.path])
        #expect(ok.status == 0)
        Self.expectEscaped(ok.stdout)
        #expect(ok.stdout.hasPrefix("━━ breach \\u{1b}[31m\\u{202e}\n   one\\rtwo\n   compromise \(Self.shown)\n"))
        let csv = try CLI.run(["whatif", dir.path, file.path, "--format", "csv"])
        #expect(csv.stdout.contains(Self.hostile))
    }
}
