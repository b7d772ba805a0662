/// Turning the bytes of a dataset file into the UTF-8 the CSV reader reads
/// (contract §1.1): UTF-8 with or without a byte-order mark is read in place;
/// UTF-16 with a BOM (a spreadsheet's "Unicode text" export) and, when asked
/// for, Windows-1252 are decoded into a new buffer. Line breaks are kept, so
/// every line number still names the line of the original file.
enum TextDecoding {
    /// What a file was decoded from, for the note that says how it was read.
    enum Source: Equatable {
        case utf8, utf16LE, utf16BE, windows1252

        /// The words of the note ("UTF-16 LE"), or nil for plain UTF-8.
        var noteText: String? {
            switch self {
            case .utf8: nil
            case .utf16LE: "UTF-16 LE"
            case .utf16BE: "UTF-16 BE"
            case .windows1252: "Windows-1252"
            }
        }
    }

    /// The file as UTF-8, and what it was decoded from. Problems (a lone
    /// surrogate, an odd number of bytes) are errors of `file`; the text
    /// around them is still decoded so the rest of the file can be checked.
    static func decode(_ buffer: FileBuffer, encoding: ReadOptions.Encoding, file: String,
                       sink: inout DiagnosticSink) -> (FileBuffer, Source) {
        let bytes = buffer.bytes
        if bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE {
            return (FileBuffer(copying: utf16(bytes, bigEndian: false, file: file, sink: &sink)), .utf16LE)
        }
        if bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF {
            return (FileBuffer(copying: utf16(bytes, bigEndian: true, file: file, sink: &sink)), .utf16BE)
        }
        if encoding == .utf8 || CSVReader.utf8BOMLength(bytes) > 0 { return (buffer, .utf8) }
        return (FileBuffer(copying: windows1252(bytes)), .windows1252)
    }

    /// UTF-8 of the UTF-16 text after the two-byte BOM.
    static func utf16(_ bytes: UnsafeRawBufferPointer, bigEndian: Bool, file: String, sink: inout DiagnosticSink) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var line = 1
        var i = 2
        var reported = false
        func unit(_ k: Int) -> UInt32 {
            bigEndian ? UInt32(bytes[k]) << 8 | UInt32(bytes[k + 1]) : UInt32(bytes[k + 1]) << 8 | UInt32(bytes[k])
        }
        func bad(_ message: String) {
            // One error per file is enough: the rest of the file is decoded with U+FFFD in its place.
            if !reported { sink.error(.invalidUTF8, file: file, line: line, message) }
            reported = true
            append(0xFFFD, to: &out)
        }
        while i + 1 < bytes.count {
            let u = unit(i)
            i += 2
            if u == 10 { line += 1 }
            if u < 0xD800 || u > 0xDFFF {
                append(u, to: &out)
            } else if u <= 0xDBFF, i + 1 < bytes.count, case let low = unit(i), low >= 0xDC00 && low <= 0xDFFF {
                i += 2
                append(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00), to: &out)
            } else {
                bad("not valid UTF-16: a lone surrogate \(hex(u)) (the file starts with a UTF-16 byte-order mark)")
            }
        }
        if i < bytes.count { bad("not valid UTF-16: the file ends in half a character (an odd number of bytes)") }
        return out
    }

    /// UTF-8 of Windows-1252 text (WHATWG: bytes 80–9F as the table below, the
    /// five it leaves undefined as the C1 controls of the same value, A0–FF as Latin-1).
    static func windows1252(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 { out.append(b) } else if b < 0xA0 { append(UInt32(c1[Int(b) - 0x80]), to: &out) } else { append(UInt32(b), to: &out) }
        }
        return out
    }

    /// Code points of bytes 80–9F in Windows-1252.
    private static let c1: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// True when a file that is not valid UTF-8 may well be Windows-1252: it
    /// holds no NUL byte and none of the bytes Windows-1252 leaves undefined
    /// (81 8D 8F 90 9D). Its UTF-8 errors then name `--encoding`.
    static func couldBeWindows1252(_ bytes: UnsafeRawBufferPointer) -> Bool {
        !bytes.contains { $0 == 0 || $0 == 0x81 || $0 == 0x8D || $0 == 0x8F || $0 == 0x90 || $0 == 0x9D }
    }

    private static func append(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case ..<0x80: out.append(UInt8(scalar))
        case ..<0x800: out += [UInt8(0xC0 | scalar >> 6), UInt8(0x80 | scalar & 0x3F)]
        case ..<0x10000: out += [UInt8(0xE0 | scalar >> 12), UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F)]
        default: out += [UInt8(0xF0 | scalar >> 18), UInt8(0x80 | scalar >> 12 & 0x3F), UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F)]
        }
    }

    private static func hex(_ u: UInt32) -> String {
        let digits = String(u, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
