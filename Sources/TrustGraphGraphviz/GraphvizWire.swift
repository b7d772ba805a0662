/// The bytes a Graphviz child process sends back to its parent on standard output:
/// `TGVZ`, then either `0`, the warnings and the picture, or `1` and the error.
/// Strings and byte runs are a 64-bit little-endian length and the bytes.
///
/// A response that is cut short or malformed decodes to nil: the parent then
/// reports how the child ended instead of trusting partial bytes.
enum GraphvizWire {
    static let magic: [UInt8] = Array("TGVZ".utf8)

    static func encode(_ result: Result<RenderedGraph, GraphvizError>) -> [UInt8] {
        var out = magic
        switch result {
        case .success(let rendered):
            out.append(0)
            appendCount(rendered.warnings.count, to: &out)
            for warning in rendered.warnings { appendString(warning, to: &out) }
            appendBytes(rendered.bytes, to: &out)
        case .failure(let error):
            out.append(1)
            switch error {
            case .contextUnavailable:
                out.append(0)
            case .unknownEngine(let engine, let available):
                out.append(1); appendString(engine, to: &out); appendList(available, to: &out)
            case .unknownFormat(let format, let available):
                out.append(2); appendString(format, to: &out); appendList(available, to: &out)
            case .invalidDOT(let message):
                out.append(3); appendString(message, to: &out)
            case .layoutFailed(let engine, let message):
                out.append(4); appendString(engine, to: &out); appendString(message, to: &out)
            case .renderFailed(let format, let message):
                out.append(5); appendString(format, to: &out); appendString(message, to: &out)
            case .timedOut, .stopped, .workerUnavailable:
                // Only the parent raises these; a child never sends them.
                out.append(6); appendString(error.description, to: &out)
            }
        }
        return out
    }

    static func decode(_ bytes: [UInt8]) -> Result<RenderedGraph, GraphvizError>? {
        var reader = Reader(bytes: bytes)
        guard reader.take(magic.count).map(Array.init) == magic, let kind = reader.byte() else { return nil }
        let result: Result<RenderedGraph, GraphvizError>
        if kind == 0 {
            guard let count = reader.count() else { return nil }
            var warnings: [String] = []
            for _ in 0..<count {
                guard let warning = reader.string() else { return nil }
                warnings.append(warning)
            }
            guard let picture = reader.bytes() else { return nil }
            result = .success(RenderedGraph(bytes: picture, warnings: warnings))
        } else if kind == 1, let code = reader.byte() {
            switch code {
            case 0: result = .failure(.contextUnavailable)
            case 1:
                guard let engine = reader.string(), let available = reader.list() else { return nil }
                result = .failure(.unknownEngine(engine, available: available))
            case 2:
                guard let format = reader.string(), let available = reader.list() else { return nil }
                result = .failure(.unknownFormat(format, available: available))
            case 3:
                guard let message = reader.string() else { return nil }
                result = .failure(.invalidDOT(message: message))
            case 4:
                guard let engine = reader.string(), let message = reader.string() else { return nil }
                result = .failure(.layoutFailed(engine: engine, message: message))
            case 5:
                guard let format = reader.string(), let message = reader.string() else { return nil }
                result = .failure(.renderFailed(format: format, message: message))
            case 6:
                guard let message = reader.string() else { return nil }
                result = .failure(.workerUnavailable(message))
            default:
                return nil
            }
        } else {
            return nil
        }
        return reader.atEnd ? result : nil
    }

    // MARK: - Pieces

    private static func appendCount(_ value: Int, to out: inout [UInt8]) {
        var v = UInt64(value)
        for _ in 0..<8 { out.append(UInt8(truncatingIfNeeded: v)); v >>= 8 }
    }

    private static func appendBytes(_ bytes: [UInt8], to out: inout [UInt8]) {
        appendCount(bytes.count, to: &out)
        out.append(contentsOf: bytes)
    }

    private static func appendString(_ text: String, to out: inout [UInt8]) {
        appendBytes(Array(text.utf8), to: &out)
    }

    private static func appendList(_ list: [String], to out: inout [UInt8]) {
        appendCount(list.count, to: &out)
        for item in list { appendString(item, to: &out) }
    }

    private struct Reader {
        let data: [UInt8]
        var offset = 0

        init(bytes: [UInt8]) { data = bytes }

        var atEnd: Bool { offset == data.count }

        mutating func take(_ n: Int) -> ArraySlice<UInt8>? {
            guard n >= 0, n <= data.count - offset else { return nil }
            defer { offset += n }
            return data[offset..<offset + n]
        }

        mutating func byte() -> UInt8? { take(1)?.first }

        mutating func count() -> Int? {
            guard let raw = take(8) else { return nil }
            var v: UInt64 = 0
            for (k, b) in raw.enumerated() { v |= UInt64(b) << (8 * UInt64(k)) }
            return v <= UInt64(data.count) ? Int(v) : nil
        }

        mutating func bytes() -> [UInt8]? {
            guard let n = count(), let raw = take(n) else { return nil }
            return Array(raw)
        }

        mutating func string() -> String? {
            bytes().map { String(decoding: $0, as: UTF8.self) }
        }

        mutating func list() -> [String]? {
            guard let n = count() else { return nil }
            var items: [String] = []
            for _ in 0..<n {
                guard let item = string() else { return nil }
                items.append(item)
            }
            return items
        }
    }
}
