/// Large arrays are asked to live in 2 MB pages: on this kind of virtual
/// machine every 4 kB page of fresh memory costs a fault of about 1 µs
/// (10 % of a load), a 2 MB page one fault for 512 of them.
enum HugePages {
    static let size = 2 << 20

    /// Advises the kernel to back the 2 MB-aligned part of `buffer` with huge
    /// pages; to take effect it must come before the memory is first written.
    static func advise<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
        #if canImport(Glibc)
        guard let base = buffer.baseAddress, buffer.count * MemoryLayout<T>.stride >= 2 * size else { return }
        let start = (Int(bitPattern: base) + size - 1) & ~(size - 1)
        let end = (Int(bitPattern: base) + buffer.count * MemoryLayout<T>.stride) & ~(size - 1)
        if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
        #endif
    }
}

extension Array where Element: BitwiseCopyable & Sendable {
    /// An array of `count` elements, every one written by `fill` (which may
    /// split the writes over threads: see `SharedBuffer`).
    static func filled(count: Int, _ fill: (SharedBuffer<Element>) -> Void) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            HugePages.advise(buffer)
            fill(SharedBuffer(buffer))
            initialized = count
        }
    }

    /// A copy of `source` made on up to `threads` threads: what a what-if
    /// changes is a few entries of million-entry arrays, and copying them is
    /// most of its time.
    static func copy(of source: [Element], threads: Int) -> [Element] {
        let from = SharedReadBuffer(source)
        return [Element].filled(count: source.count) { out in
            Parallel.forEachChunk(source.count, chunk: 1 << 17, threads: threads) { range in
                (out.base + range.lowerBound).initialize(from: from.base + range.lowerBound, count: range.count)
            }
        }
    }

    /// An array of `count` elements whose values are not set: for scratch
    /// arrays written in parts (possibly leaving gaps) where only written
    /// elements are ever read.
    static func unset(count: Int) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            HugePages.advise(buffer)
            initialized = count
        }
    }

    /// `count` copies of `value`, in huge pages when large (see `HugePages`).
    static func large(repeating value: Element, count: Int) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            HugePages.advise(buffer)
            buffer.initialize(repeating: value)
            initialized = count
        }
    }

    /// The concatenation of the views `parts`, copied part by part on up to `threads` threads.
    static func concatenating(_ parts: [SharedReadBuffer<Element>], threads: Int) -> [Element] {
        concatenating(parts, threads: threads) { _, part, destination in
            if let source = part.baseAddress { destination.update(from: source, count: part.count) }
        }
    }

    /// The concatenation of the views `parts`, each element passed through `transform(part, element)`.
    static func concatenating<Source: BitwiseCopyable & Sendable>(_ parts: [SharedReadBuffer<Source>], threads: Int,
                                                                 _ transform: @escaping @Sendable (Int, Source) -> Element) -> [Element] {
        concatenating(parts, threads: threads) { k, part, destination in
            for i in 0..<part.count { destination[i] = transform(k, part[i]) }
        }
    }

    /// Part `k` of `parts` is written by `copy(k, part, destination)` at its offset, parts on up to `threads` threads.
    private static func concatenating<Source: Sendable>(
        _ parts: [SharedReadBuffer<Source>], threads: Int,
        copy: @escaping @Sendable (Int, UnsafeBufferPointer<Source>, UnsafeMutablePointer<Element>) -> Void
    ) -> [Element] {
        var ends = [0]
        for part in parts { ends.append(ends.last! + part.count) }
        let offsets = ends
        return filled(count: offsets.last!) { out in
            Parallel.forEachTask(parts.count, threads: threads) { k in
                copy(k, UnsafeBufferPointer(start: parts[k].base, count: parts[k].count), out.base + offsets[k])
            }
        }
    }
}
