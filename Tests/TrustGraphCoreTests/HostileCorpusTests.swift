import Foundation
import Testing
import TrustGraphCore

/// Replays every file of Fixtures/hostile (see its README): a result or an error that
/// names the file, never a crash or a hang.
@Suite struct HostileCorpusTests {
    static func files(_ folder: String) -> [URL] {
        let dir = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/hostile/\(folder)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().map { dir.appendingPathComponent($0) }
    }

    @Test func theCorpusHasEveryKindOfFile() {
        #expect(Self.files("suppliers").count >= 6)
        #expect(Self.files("scenarios").count >= 5)
        #expect(Self.files("dot").count >= 5)
    }

    @Test(arguments: files("suppliers"))
    func suppliersFilesLoadOrNameTheirErrors(file: URL) throws {
        let bytes = Array(try Data(contentsOf: file))
        for threads in [1, 3] {
            do {
                let (dataset, _) = try DatasetLoader.load(contents: ["suppliers.csv": bytes], threads: threads)
                #expect(dataset.suppliers.count > 0)
            } catch {
                #expect(error.errorCount > 0)
                #expect(error.errors.allSatisfy { $0.file == "suppliers.csv" && $0.line >= 1 }, "\(error.errors.prefix(3))")
            }
        }
    }

    static let small: [String: [UInt8]] = [
        "suppliers.csv": Array("id,name\nshop,Shop\nhost,Host\ncdn,CDN\n".utf8),
        "dependencies.csv": Array("consumer,provider,criticality\nshop,host,critical\nshop,cdn,high\n".utf8),
    ]

    @Test(arguments: files("scenarios"))
    func scenarioFilesParseOrNameTheirErrors(file: URL) throws {
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        let name = file.lastPathComponent
        let (dataset, _) = try DatasetLoader.load(contents: Self.small)
        let runner = ScenarioRunner(model: TrustModel(dataset), parameters: TrustParameters(date: Day(year: 2026, month: 6, day: 30)!))
        do {
            let scenarios = try ScenarioFile.parse(text, file: name)
            try runner.validate(scenarios, file: name)
            for scenario in scenarios { _ = try runner.run(scenario) }
        } catch {
            let message = error.description
            #expect(message.hasPrefix(name + ":"), "\(message.prefix(200))")
            // Quoted context is cut: a file of 100 kB never comes back whole.
            #expect(message.utf8.count < 4_000)
        }
    }
}
