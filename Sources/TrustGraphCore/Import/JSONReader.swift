/// A JSON value (RFC 8259) with the line and column where it starts, so an
/// importer's errors can point into the document.
struct JSONNode: Sendable {
    indirect enum Value: Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONNode])
        /// Members in document order (a repeated key keeps every occurrence; `member` finds the first).
        case object([(key: String, value: JSONNode)])
    }

    var value: Value
    /// 1-based line and column (in bytes) of the value's first character.
    var line: Int
    var column: Int

    /// The first member named `key` of an object.
    subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The elements of an array; empty for anything else.
    var elements: [JSONNode] {
        if case .array(let items) = value { return items }
        return []
    }

    /// The text of a string, nil for anything else.
    var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    var number: Double? {
        if case .number(let x) = value { return x }
        return nil
    }

    var isObject: Bool {
        if case .object = value { return true }
        return false
    }
}

/// Where a JSON document is malformed.
struct JSONSyntaxError: Error, Equatable {
    var line: Int
    var column: Int
    var message: String
}

/// Parses JSON text into `JSONNode`s in one pass over the bytes.
///
/// Hand-written rather than Foundation's `JSONSerialization` for two reasons:
/// every value keeps its line and column (errors name them), and nesting is
/// bounded (`maxDepth`), so a hostile document of a million `[` fails with a
/// message instead of exhausting the stack.
struct JSONReader {
    /// Arrays and objects nested deeper than this are an error.
    static let maxDepth = 256

    private let bytes: UnsafeRawBufferPointer
    private var position = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0

    private init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Parses a whole document (a UTF-8 byte-order mark is skipped).
    static func parse(_ data: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        let result: Result<JSONNode, JSONSyntaxError> = data.withUnsafeBytes { buffer in
            var reader = JSONReader(buffer)
            if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { reader.position = 3; reader.lineStart = 3 }
            reader.skipSpace()
            do throws(JSONSyntaxError) {
                let node = try reader.value()
                reader.skipSpace()
                guard reader.position == buffer.count else { throw reader.failure("unexpected text after the document's value") }
                return .success(node)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private var column: Int { position - lineStart + 1 }

    private func failure(_ message: String) -> JSONSyntaxError { JSONSyntaxError(line: line, column: column, message: message) }

    private mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0D: position += 1
            case 0x0A: position += 1; line += 1; lineStart = position
            default: return
            }
        }
    }

    private mutating func value() throws(JSONSyntaxError) -> JSONNode {
        guard position < bytes.count else { throw failure("the document ends where a value was expected") }
        let (startLine, startColumn) = (line, column)
        func node(_ value: JSONNode.Value) -> JSONNode { JSONNode(value: value, line: startLine, column: startColumn) }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            try enter()
            position += 1
            var members: [(key: String, value: JSONNode)] = []
            skipSpace()
            if position < bytes.count && bytes[position] == UInt8(ascii: "}") { position += 1; depth -= 1; return node(.object(members)) }
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a member name in double quotes") }
                let key = try string()
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw failure("expected ':' after a member name") }
                position += 1
                skipSpace()
                members.append((key, try value()))
                skipSpace()
                guard position < bytes.count else { throw failure("the document ends inside an object (expected ',' or '}')") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "}") { position += 1; break }
                throw failure("expected ',' or '}' in an object")
            }
            depth -= 1
            return node(.object(members))
        case UInt8(ascii: "["):
            try enter()
            position += 1
            var items: [JSONNode] = []
            skipSpace()
            if position < bytes.count && bytes[position] == UInt8(ascii: "]") { position += 1; depth -= 1; return node(.array(items)) }
            while true {
                skipSpace()
                items.append(try value())
                skipSpace()
                guard position < bytes.count else { throw failure("the document ends inside an array (expected ',' or ']')") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "]") { position += 1; break }
                throw failure("expected ',' or ']' in an array")
            }
            depth -= 1
            return node(.array(items))
        case UInt8(ascii: "\""):
            return node(.string(try string()))
        case UInt8(ascii: "t"):
            try literal("true")
            return node(.bool(true))
        case UInt8(ascii: "f"):
            try literal("false")
            return node(.bool(false))
        case UInt8(ascii: "n"):
            try literal("null")
            return node(.null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return node(.number(try number()))
        default:
            throw failure("expected a value (an object, array, string, number, true, false or null)")
        }
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONReader.maxDepth { throw failure("arrays and objects nested more than \(JSONReader.maxDepth) deep") }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let n = word.utf8CodeUnitCount
        guard position + n <= bytes.count,
              (0..<n).allSatisfy({ bytes[position + $0] == word.utf8Start[$0] }) else { throw failure("expected \(word)") }
        position += n
    }

    private mutating func number() throws(JSONSyntaxError) -> Double {
        let start = position
        func digits() -> Int {
            let from = position
            while position < bytes.count && bytes[position] >= 0x30 && bytes[position] <= 0x39 { position += 1 }
            return position - from
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        let integer = digits()
        guard integer > 0 else { throw failure("expected digits in a number") }
        if integer > 1 && bytes[start + (bytes[start] == UInt8(ascii: "-") ? 1 : 0)] == 0x30 { throw failure("a number may not start with 0") }
        if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw failure("expected digits after '.' in a number") }
        }
        if position < bytes.count && (bytes[position] | 0x20) == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) { position += 1 }
            guard digits() > 0 else { throw failure("expected digits in a number's exponent") }
        }
        return Double(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)) ?? .nan
    }

    /// A string starting at the opening quote.
    private mutating func string() throws(JSONSyntaxError) -> String {
        position += 1
        let start = position
        // Fast path: no escapes.
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
                guard UTF8Check.isValid(raw) else { throw failure("a string that is not valid UTF-8") }
                position += 1
                return String(decoding: raw, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw failure("a control character inside a string (write it as an escape such as \\n)") }
            position += 1
        }
        var scalars: [UInt8] = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                position += 1
                guard let text = String(validating: scalars, as: UTF8.self) else { throw failure("a string that is not valid UTF-8") }
                return text
            }
            if b < 0x20 { throw failure("a control character inside a string (write it as an escape such as \\n)") }
            guard b == UInt8(ascii: "\\") else { scalars.append(b); position += 1; continue }
            position += 1
            guard position < bytes.count else { break }
            let e = bytes[position]
            position += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(e)
            case UInt8(ascii: "b"): scalars.append(8)
            case UInt8(ascii: "f"): scalars.append(12)
            case UInt8(ascii: "n"): scalars.append(10)
            case UInt8(ascii: "r"): scalars.append(13)
            case UInt8(ascii: "t"): scalars.append(9)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800...0xDBFF).contains(code), position + 1 < bytes.count,
                   bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                    position += 2
                    let low = try hex4()
                    if (0xDC00...0xDFFF).contains(low) { code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) } else { position -= 6 }
                }
                let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                scalars.append(contentsOf: Array(String(scalar).utf8))
            default:
                throw failure("unknown escape '\\\(Unicode.Scalar(e))' in a string")
            }
        }
        throw failure("the document ends inside a string")
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure("expected four hex digits after \\u") }
        var code: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[position]
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: throw failure("expected four hex digits after \\u")
            }
            code = code << 4 | digit
            position += 1
        }
        return code
    }
}
