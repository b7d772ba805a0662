import Foundation
import Testing
import TrustGraphCore
import TrustGraphGraphviz

/// Data that tries to break out of DOT strings, SVG text and SVG attributes.
@Suite struct HostileDataTests {
    static let files: [String: String] = [
        "suppliers.csv": """
        id,name,country,sector,note
        "a""quote",Evil <script>alert('x')</script>,DE,"saas <b>bold</b>","</title><script>x</script>"
        "back\\slash","\\N \\G \\L back\\slash",FR,hosting,
        multi,"line one
        line two",DE,cdn,
        uni-ü,Müller & Söhne ✓ 😀,DE,,
        "]]><!--","--><!-- & &amp; &#60; &lt;",,,
        <id>,x,,,"a""b"

        """,
        "dependencies.csv": """
        consumer,provider,criticality,group
        "a""quote","back\\slash",critical,"<grp>&"
        "a""quote",multi,critical,"<grp>&"
        multi,uni-ü,high,
        "]]><!--",<id>,low,
        uni-ü,"]]><!--",medium,

        """,
    ]

    static let ids = ["a\"quote", "back\\slash", "multi", "uni-ü", "]]><!--", "<id>"]

    @Test(arguments: ["dot", "sfdp"])
    func svgParsesAndShowsDataOnlyAsText(engine: String) throws {
        let (model, solution) = try MapFixture.solve(Self.files)
        #expect(model.supplierCount == Self.ids.count)
        let map = TrustMap(model: model, solution: solution, parameters: MapFixture.parameters,
                           options: TrustMapOptions(engine: engine))
        let svg = try TrustMapFile.render(map, as: .svg)
        let raw = String(decoding: svg.bytes, as: UTF8.self)
        let document = SVGDocument(svg.bytes)
        #expect(document.parseError == nil)

        // No markup from the data: not in the bytes, not among the parsed elements.
        for fragment in ["<script", "<b>", "<id>", "<grp>", "]]>", "</title><"] {
            #expect(!raw.contains(fragment), "raw SVG contains \(fragment)")
        }
        #expect(document.elements.isSubset(of: ["svg", "g", "title", "a", "text", "path", "polygon", "ellipse", "polyline", "defs"]),
                "unexpected elements \(document.elements)")

        // The data is there, as text.
        for text in ["Evil <script>alert('x')</script>", "\\N \\G \\L back\\slash (back\\slash)", "line one\nline two",
                     "Müller & Söhne ✓ \u{FFFD}", "--><!-- & &amp; &#60; &lt;", "note: </title><script>x</script>",
                     "group '<grp>&'"] {
            #expect(document.text.contains(text), "SVG text lacks \(text)")
        }

        // Every supplier exactly once, under its stable id.
        let expected = Self.ids.map(TrustMapIdentifiers.node(supplier:)).sorted()
        #expect(document.nodeIDs.filter { $0.hasPrefix("s-") }.sorted() == expected)
        #expect(Set(document.ids).count == document.ids.count)
    }

    @Test func dotIsPureASCIIAndEveryIDIsQuotedSafely() throws {
        let (model, solution) = try MapFixture.solve(Self.files)
        let map = TrustMap(model: model, solution: solution, parameters: MapFixture.parameters)
        #expect(map.dot.utf8.allSatisfy { $0 == 10 || ($0 >= 0x20 && $0 < 0x7F) })
        #expect(!map.dot.contains("<script"))
        #expect(map.dot.contains("\"s-a_22quote\" [id=\"s-a_22quote\""))
        #expect(map.dot.contains("\"s-_5d_5d_3e_3c_21--\""))
    }
}

@Suite struct RenderErrorTests {
    @Test func unknownEngineIsAClearError() throws {
        let (model, solution) = try MapFixture.solve(MapFixture.shop)
        let map = TrustMap(model: model, solution: solution, parameters: MapFixture.parameters,
                           options: TrustMapOptions(engine: "dott"))
        do {
            _ = try TrustMapFile.render(map, as: .svg)
            Issue.record("expected an error")
        } catch {
            guard case .unknownEngine("dott", let available) = error else {
                Issue.record("expected unknownEngine, got \(error)")
                return
            }
            #expect(error.description == "unknown layout engine 'dott' (available: \(available.joined(separator: ", ")))")
            #expect(available.contains("dot"))
        }
        // DOT output needs no engine run, so it never fails.
        #expect(try !TrustMapFile.render(map, as: .dot).bytes.isEmpty)
    }

    @Test func unwritablePathsAreNamedBeforeRendering() throws {
        let scratch = try Scratch()
        let file = scratch.path("file.txt")
        try TrustMapFile.write(Array("x".utf8), to: file)
        #expect(throws: TrustMapFileError(path: scratch.path("missing/map.svg"),
                                          reason: "directory '\(scratch.path("missing"))' does not exist")) {
            try TrustMapFile.checkWritable(scratch.path("missing/map.svg"))
        }
        #expect(throws: TrustMapFileError(path: file + "/map.svg", reason: "'\(file)' is not a directory")) {
            try TrustMapFile.checkWritable(file + "/map.svg")
        }
        #expect(throws: TrustMapFileError(path: scratch.directory, reason: "it is a directory")) {
            try TrustMapFile.checkWritable(scratch.directory)
        }
        try TrustMapFile.checkWritable(scratch.path("map.svg"))
        #expect(TrustMapFileError(path: "x/m.svg", reason: "directory 'x' does not exist").description
                == "cannot write 'x/m.svg': directory 'x' does not exist")
    }

    @Test func aFailedWriteLeavesNoPartialFile() throws {
        let scratch = try Scratch()
        // The target is a non-empty directory: the temporary file is written, the rename fails.
        let target = scratch.path("map.svg")
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        try TrustMapFile.write(Array("keep".utf8), to: target + "/inside.txt")
        #expect(throws: TrustMapFileError.self) {
            try TrustMapFile.write(Array(repeating: 65, count: 100_000), to: target)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.directory) == ["map.svg"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: target) == ["inside.txt"])

        // Into a missing directory: nothing is created anywhere.
        #expect(throws: TrustMapFileError.self) {
            try TrustMapFile.write(Array("x".utf8), to: scratch.path("missing/map.svg"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.directory) == ["map.svg"])
    }

    @Test func aSuccessfulWriteReplacesTheWholeFile() throws {
        let scratch = try Scratch()
        let target = scratch.path("map.svg")
        try TrustMapFile.write(Array(repeating: 66, count: 10_000), to: target)
        try TrustMapFile.write(Array("short".utf8), to: target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "short")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.directory) == ["map.svg"])
    }

    @Test(arguments: [("map.svg", TrustMapFormat.svg), ("MAP.PNG", .png), ("a/b.pdf", .pdf), ("x.gv", .dot), ("x.dot", .dot)])
    func formatComesFromTheExtension(path: String, format: TrustMapFormat) {
        #expect(TrustMapFormat(path: path) == format)
    }

    @Test func unknownExtensionsNameNoFormat() {
        #expect(TrustMapFormat(path: "map.jpg") == nil)
        #expect(TrustMapFormat(path: "map") == nil)
        #expect(TrustMapFormat(path: "dir.svg/map") == nil)
    }
}

/// A fresh temporary directory, removed when the value goes away.
final class Scratch {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "trustgraph-render-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { directory + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: directory) }
}
