internal import CZlib

/// How much reading one ZIP archive may cost: a ZIP bomb (a few kilobytes that
/// inflate to gigabytes, or millions of entries) stops with an error instead of
/// filling memory.
public struct ZipLimits: Sendable, Equatable {
    /// Entries the central directory may list.
    public var maxEntries: Int
    /// Bytes one entry may inflate to.
    public var maxEntryBytes: Int
    /// Bytes all the entries read from one archive may inflate to together.
    public var maxTotalBytes: Int

    /// 10,000 entries, 2 GiB per entry, 4 GiB in all: a register of a million contracts is a few hundred megabytes.
    public static let standard = ZipLimits(maxEntries: 10_000, maxEntryBytes: 2 << 30, maxTotalBytes: 4 << 30)

    public init(maxEntries: Int, maxEntryBytes: Int, maxTotalBytes: Int) {
        self.maxEntries = maxEntries
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
    }
}

/// A problem with a ZIP archive: which archive (and entry) and what is wrong.
public struct ZipError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The archive's path, and `/entry` when the problem is in one entry.
    public var path: String
    public var message: String

    public var description: String { "\(path): \(message)" }
}

/// A read-only ZIP archive (PKWARE APPNOTE 6.3): the central directory, and
/// entries stored or deflated, inflated with zlib within `ZipLimits`.
///
/// Only what an xBRL-CSV report package uses is supported: no encryption, no
/// ZIP64, no multi-disk archives; each of those is a clear error. Entries are
/// never extracted to disk, and names that would escape a directory (absolute,
/// or with a `..` component) are set aside in `unsafeNames` and never read.
struct ZipArchive {
    /// One file of the archive, as the central directory describes it.
    struct Entry: Sendable, Equatable {
        /// The name, `/`-separated (a `\` is read as `/`).
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    let path: String
    let limits: ZipLimits
    private let buffer: FileBuffer
    /// The entries that are files with safe names, in central-directory order.
    private(set) var entries: [Entry] = []
    /// Names that were not read: absolute, or holding a `..` component.
    private(set) var unsafeNames: [String] = []
    /// Bytes inflated so far, against `limits.maxTotalBytes`.
    private var inflated = 0

    /// Opens the archive at `path` and reads its central directory.
    init(path: String, limits: ZipLimits = .standard) throws(ZipError) {
        switch FileBuffer.map(path) {
        case .success(let buffer): self.init(buffer: buffer, path: path, limits: limits)
        case .failure(.missing): throw ZipError(path: path, message: "no such file")
        case .failure(.unreadable(let reason)): throw ZipError(path: path, message: "cannot read it: \(reason)")
        }
        try readDirectory()
    }

    /// An archive held in memory (for tests).
    init(bytes: [UInt8], path: String, limits: ZipLimits = .standard) throws(ZipError) {
        self.init(buffer: FileBuffer(copying: bytes), path: path, limits: limits)
        try readDirectory()
    }

    private init(buffer: FileBuffer, path: String, limits: ZipLimits) {
        self.buffer = buffer
        self.path = path
        self.limits = limits
    }

    /// True when `bytes` start like a ZIP archive (a local header or an empty archive's end record).
    static func looksLikeZip(_ path: String) -> Bool {
        guard case .success(let buffer) = FileBuffer.map(path), buffer.bytes.count >= 4 else { return false }
        let signature = UInt32(buffer.bytes[0]) | UInt32(buffer.bytes[1]) << 8 | UInt32(buffer.bytes[2]) << 16 | UInt32(buffer.bytes[3]) << 24
        return signature == 0x0403_4b50 || signature == 0x0605_4b50
    }

    private func u16(_ offset: Int) -> Int { Int(buffer.bytes[offset]) | Int(buffer.bytes[offset + 1]) << 8 }
    private func u32(_ offset: Int) -> Int { u16(offset) | u16(offset + 2) << 16 }

    private func failure(_ message: String) -> ZipError { ZipError(path: path, message: message) }

    /// Finds the end-of-central-directory record and reads every entry it lists.
    private mutating func readDirectory() throws(ZipError) {
        let bytes = buffer.bytes
        guard bytes.count >= 22 else { throw failure("not a ZIP archive (too short for its end record)") }
        var end = -1
        var k = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while k >= lowest {
            if bytes[k] == 0x50 && bytes[k + 1] == 0x4b && bytes[k + 2] == 5 && bytes[k + 3] == 6 && k + 22 + u16(k + 20) == bytes.count {
                end = k
                break
            }
            k -= 1
        }
        guard end >= 0 else { throw failure("not a ZIP archive (no end-of-central-directory record)") }
        let count = u16(end + 10), size = u32(end + 12), start = u32(end + 16)
        if u16(end + 4) != 0 || u16(end + 6) != 0 || u16(end + 8) != count {
            throw failure("multi-disk archives are not supported")
        }
        if count == 0xFFFF || size == 0xFFFF_FFFF || start == 0xFFFF_FFFF {
            throw failure("ZIP64 archives are not supported (expected an archive below 4 GiB with fewer than 65,535 entries)")
        }
        guard count <= limits.maxEntries else {
            throw failure("it lists \(count) entries, more than the \(limits.maxEntries) allowed")
        }
        guard start + size <= end else { throw failure("the central directory lies outside the file (a truncated archive?)") }
        var offset = start
        for _ in 0..<count {
            guard offset + 46 <= end, u32(offset) == 0x0201_4b50 else {
                throw failure("damaged central directory at byte \(offset)")
            }
            let nameLength = u16(offset + 28), extraLength = u16(offset + 30), commentLength = u16(offset + 32)
            guard offset + 46 + nameLength <= end else { throw failure("damaged central directory at byte \(offset)") }
            let nameBytes = bytes[(offset + 46)..<(offset + 46 + nameLength)]
            let name = String(decoding: nameBytes.map { $0 == UInt8(ascii: "\\") ? UInt8(ascii: "/") : $0 }, as: UTF8.self)
            let entry = Entry(name: name, method: UInt16(u16(offset + 10)), flags: UInt16(u16(offset + 8)),
                              crc: UInt32(u32(offset + 16)), compressedSize: u32(offset + 20),
                              uncompressedSize: u32(offset + 24), localHeaderOffset: u32(offset + 42))
            offset += 46 + nameLength + extraLength + commentLength
            if name.hasSuffix("/") { continue }
            if ZipArchive.isUnsafe(name) { unsafeNames.append(name); continue }
            entries.append(entry)
        }
    }

    /// True for a name that would leave the directory it is extracted into:
    /// absolute (`/x`, `C:x`), holding a `..` component, or a NUL byte.
    static func isUnsafe(_ name: String) -> Bool {
        if name.hasPrefix("/") || name.contains("\u{0}") { return true }
        let scalars = Array(name.unicodeScalars.prefix(2))
        if scalars.count == 2 && scalars[1] == ":" && scalars[0].properties.isAlphabetic { return true }
        return name.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    /// The bytes of `entry`, inflated and checked against its CRC-32.
    /// - Throws: `ZipError` naming the entry when it is encrypted, compressed with a
    ///   method other than stored or deflate, damaged, or larger than the limits allow.
    mutating func contents(of entry: Entry) throws(ZipError) -> [UInt8] {
        let bytes = buffer.bytes
        let name = "\(path)/\(entry.name)"
        func failure(_ message: String) -> ZipError { ZipError(path: name, message: message) }
        if entry.flags & 1 != 0 { throw failure("the entry is encrypted") }
        guard entry.uncompressedSize <= limits.maxEntryBytes else {
            throw failure("the entry declares \(entry.uncompressedSize) bytes, more than the \(limits.maxEntryBytes) allowed per entry")
        }
        guard inflated + entry.uncompressedSize <= limits.maxTotalBytes else {
            throw failure("the entries read would inflate to more than the \(limits.maxTotalBytes) bytes allowed per archive")
        }
        let header = entry.localHeaderOffset
        guard header + 30 <= bytes.count, u32(header) == 0x0403_4b50 else { throw failure("damaged local header") }
        let start = header + 30 + u16(header + 26) + u16(header + 28)
        guard start + entry.compressedSize <= bytes.count else { throw failure("the entry's data runs past the end of the archive") }
        let data = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + entry.compressedSize)])
        var output: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else { throw failure("a stored entry whose sizes differ") }
            output = Array(data)
        case 8:
            output = try ZipArchive.inflate(data, expected: entry.uncompressedSize, failure: failure)
        default:
            throw failure("compression method \(entry.method) is not supported (expected stored or deflate)")
        }
        let crc = output.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
        guard crc == entry.crc else { throw failure("CRC-32 mismatch (the archive is damaged)") }
        inflated += output.count
        return output
    }

    /// Inflates raw deflate `data` that must give exactly `expected` bytes: one more byte
    /// (a bomb that lies about its size) or fewer is an error.
    private static func inflate(_ data: UnsafeRawBufferPointer, expected: Int,
                                failure: (String) -> ZipError) throws(ZipError) -> [UInt8] {
        var stream = z_stream()
        guard trustgraph_inflate_init_raw(&stream) == Z_OK else { throw failure("zlib could not start inflating") }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: expected + 1)
        let status: Int32 = output.withUnsafeMutableBufferPointer { out in
            stream.next_in = UnsafeMutablePointer(mutating: data.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = UInt32(data.count)
            stream.next_out = out.baseAddress
            stream.avail_out = UInt32(out.count)
            return CZlib.inflate(&stream, Z_FINISH)
        }
        let produced = Int(stream.total_out)
        if produced > expected { throw failure("the entry inflates to more than its declared \(expected) bytes (a ZIP bomb?)") }
        guard status == Z_STREAM_END, produced == expected else {
            throw failure("damaged deflate data (zlib status \(status) after \(produced) of \(expected) bytes)")
        }
        output.removeLast()
        return output
    }
}
