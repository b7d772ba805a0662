import CFastPaths

/// How the process's allocator treats large blocks.
///
/// glibc gives each large block (above a threshold that grows to 32 MB) its
/// own mapping and returns it to the system when freed, so the next large
/// array, even in the same load, starts again on fresh pages: on this kind of
/// virtual machine each fresh 4 kB page costs a fault (about 1 ms per MB).
/// A load frees tens of megabytes of parsed pieces just before it builds the
/// merged columns and the graph.
public enum MemoryReuse {
    /// Keeps freed memory in the process for later allocations instead of
    /// returning it to the system: blocks up to 32 MB come from the heap and
    /// the heap is not trimmed. For tools that load one dataset and exit, or
    /// load several in a row; the resident memory then stays at its peak.
    /// Call it once, first thing.
    /// - Returns: whether the C library took the settings (glibc does).
    @discardableResult
    public static func keepFreedMemory() -> Bool {
        trustgraph_keep_freed_memory() != 0
    }
}
