#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One column of a piece of a file being parsed: appends and writes without
/// the copy-on-write and bounds checks of an array (a few per row, millions
/// of rows), the memory freed with the column. Only the task parsing the
/// piece writes it; the merge then reads it through `shared`.
final class PieceColumn<Element: BitwiseCopyable>: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        guard let memory = malloc(self.capacity * MemoryLayout<Element>.stride) else { fatalError("out of memory for a column of \(capacity) values") }
        base = memory.bindMemory(to: Element.self, capacity: self.capacity)
    }

    deinit { free(base) }

    @inline(__always)
    func append(_ value: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: value)
        count += 1
    }

    /// Value `i` (`i < count`, unchecked).
    @inline(__always)
    subscript(i: Int) -> Element {
        get { base[i] }
        set { base[i] = newValue }
    }

    /// The values, for reading while the column is alive.
    var shared: SharedReadBuffer<Element> { SharedReadBuffer(UnsafeBufferPointer(start: base, count: count)) }

    /// The values as an array (a copy).
    var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }

    @inline(never)
    private func grow() {
        capacity *= 2
        guard let memory = realloc(base, capacity * MemoryLayout<Element>.stride) else { fatalError("out of memory for a column of \(capacity) values") }
        base = memory.bindMemory(to: Element.self, capacity: capacity)
    }
}
