/// The bytes of one input file, owned for as long as the buffer lives.
///
/// A dataset file is memory-mapped rather than read: the parser reads the
/// page cache in place, without copying hundreds of megabytes into fresh
/// memory first (which cost about a quarter of a second for 250 MB here).
/// Files must not be truncated while they are being loaded.
final class FileBuffer: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    private let mapped: Bool

    /// A copy of `contents` (for datasets held in memory).
    init(copying contents: [UInt8]) {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: max(contents.count, 1), alignment: 16)
        contents.withUnsafeBytes { memory.baseAddress!.copyMemory(from: $0.baseAddress ?? UnsafeRawPointer(memory.baseAddress!), byteCount: $0.count) }
        bytes = UnsafeRawBufferPointer(start: memory.baseAddress, count: contents.count)
        mapped = false
    }

    private init(mapping start: UnsafeRawPointer?, count: Int) {
        bytes = UnsafeRawBufferPointer(start: start, count: count)
        mapped = start != nil
    }

    deinit {
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        } else if let base = bytes.baseAddress {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }

    /// Maps the file at `path` (an empty file gives an empty buffer).
    static func map(_ path: String) -> Result<FileBuffer, FileBytes.ReadFailure> {
        FileBytes.withOpenFile(path) { fd, info in
            if (info.st_mode & S_IFMT) != S_IFREG || info.st_size == 0 {
                // A pipe or device cannot be mapped, and some file systems report a size of 0 for files with content: read them.
                return FileBytes.read(fd, size: Int(info.st_size)).map { FileBuffer(copying: $0) }
            }
            let count = Int(info.st_size)
            guard let start = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), start != MAP_FAILED else {
                return .failure(.unreadable(errnoDescription()))
            }
            #if canImport(Glibc)
            _ = madvise(start, count, MADV_SEQUENTIAL)
            #endif
            return .success(FileBuffer(mapping: UnsafeRawPointer(start), count: count))
        }
    }
}
