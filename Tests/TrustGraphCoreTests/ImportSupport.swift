import CZlib
import Foundation
import TestSupport
@testable import TrustGraphCore

/// Test helpers for the importers: packages written to temporary directories, and ZIP archives built in memory.
enum ImportFixture {
    /// The start of a CycloneDX 1.6 document: Maker's service `svc` (API) from Provider A, two
    /// standards (ISO/IEC 27001:2022 holding requirement `iso-a5`, Internal Baseline holding
    /// `own-1`) and assessor `as` (Auditor AB); the test writes the rest of `declarations`.
    static let attestingBOMStart = """
    {"bomFormat": "CycloneDX", "specVersion": "1.6",
     "metadata": {"manufacturer": {"name": "Maker"}},
     "services": [{"bom-ref": "svc", "name": "API", "provider": {"name": "Provider A"}}],
     "definitions": {"standards": [
       {"bom-ref": "iso", "name": "ISO/IEC 27001:2022", "requirements": [{"bom-ref": "iso-a5"}]},
       {"bom-ref": "own", "name": "Internal Baseline", "requirements": [{"bom-ref": "own-1"}]}]},
     "declarations": {
       "assessors": [{"bom-ref": "as", "organization": {"name": "Auditor AB"}}],

    """

    /// A new empty temporary directory, removed when the tests end (see `TemporaryDirectories`).
    static func directory() throws -> String {
        try TemporaryDirectories.make("trustgraph-import").path
    }

    /// Writes `files` (relative path → text) under a new directory and returns its path.
    static func package(_ files: [String: String]) throws -> String {
        let root = try directory()
        for (path, text) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    /// The dataset's files as text, by name.
    static func texts(_ imported: ImportedDataset) -> [String: String] {
        var result: [String: String] = [:]
        for (name, bytes) in imported.files { result[name] = String(decoding: bytes, as: UTF8.self) }
        return result
    }

    /// The records of one of the written files, header first, each as its cells joined by "|".
    static func rows(_ imported: ImportedDataset, _ file: String) -> [String] {
        guard let bytes = imported.files.first(where: { $0.name == file })?.bytes else { return [] }
        return bytes.withUnsafeBytes { buffer in
            var reader = CSVReader(buffer)
            var lines: [String] = []
            while case .record = reader.next() { lines.append((0..<reader.fieldCount).map { reader.string($0) }.joined(separator: "|")) }
            return lines
        }
    }

    /// The errors of a failed import, each as "file-suffix:line: column 'c': message" with the path prefix cut.
    static func errors(_ body: () throws(DatasetError) -> ImportedDataset, cutting prefix: String) -> [String] {
        do {
            _ = try body()
            return []
        } catch {
            return error.errors.map { $0.description.replacingOccurrences(of: prefix + "/", with: "") }
        }
    }
}

/// Builds ZIP archives in memory (stored or deflated entries), for the reader's tests.
struct ZipWriter {
    private(set) var bytes: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    private static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
    private static func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16((v >> 16) & 0xFFFF) }

    static func crc(_ data: [UInt8]) -> Int { Int(data.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }) }

    static func deflate(_ data: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        precondition(trustgraph_deflate_init_raw(&stream, 6) == Z_OK)
        defer { deflateEnd(&stream) }
        var input = data
        var output = [UInt8](repeating: 0, count: data.count + 1024)
        let produced: Int = input.withUnsafeMutableBufferPointer { inp in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = inp.baseAddress
                stream.avail_in = UInt32(inp.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                precondition(CZlib.deflate(&stream, Z_FINISH) == Z_STREAM_END)
                return Int(stream.total_out)
            }
        }
        return Array(output.prefix(produced))
    }

    /// Adds an entry. `declaredSize` overrides the uncompressed size written in the headers (to build a lying archive).
    mutating func add(_ name: String, _ data: [UInt8], deflated: Bool = true, declaredSize: Int? = nil) {
        let stored = deflated ? ZipWriter.deflate(data) : data
        let method = deflated ? 8 : 0
        let crc = ZipWriter.crc(data), size = declaredSize ?? data.count
        let nameBytes = Array(name.utf8)
        let offset = bytes.count
        bytes += ZipWriter.le32(0x0403_4b50) + ZipWriter.le16(20) + ZipWriter.le16(0) + ZipWriter.le16(method) + ZipWriter.le32(0)
        bytes += ZipWriter.le32(crc) + ZipWriter.le32(stored.count) + ZipWriter.le32(size) + ZipWriter.le16(nameBytes.count) + ZipWriter.le16(0)
        bytes += nameBytes + stored
        central += ZipWriter.le32(0x0201_4b50) + ZipWriter.le16(20) + ZipWriter.le16(20) + ZipWriter.le16(0) + ZipWriter.le16(method)
        central += ZipWriter.le32(0) + ZipWriter.le32(crc) + ZipWriter.le32(stored.count) + ZipWriter.le32(size)
        central += ZipWriter.le16(nameBytes.count) + ZipWriter.le16(0) + ZipWriter.le16(0) + ZipWriter.le16(0) + ZipWriter.le16(0)
        central += ZipWriter.le32(0) + ZipWriter.le32(offset) + nameBytes
        count += 1
    }

    mutating func add(_ name: String, _ text: String, deflated: Bool = true) { add(name, Array(text.utf8), deflated: deflated) }

    /// The archive: entries, central directory and end record.
    var archive: [UInt8] {
        bytes + central + ZipWriter.le32(0x0605_4b50) + ZipWriter.le16(0) + ZipWriter.le16(0) + ZipWriter.le16(count)
            + ZipWriter.le16(count) + ZipWriter.le32(central.count) + ZipWriter.le32(bytes.count) + ZipWriter.le16(0)
    }

    /// Writes the archive to a new temporary file and returns its path.
    func write() throws -> String {
        let path = try ImportFixture.directory() + "/package.zip"
        try Data(archive).write(to: URL(fileURLWithPath: path))
        return path
    }
}
