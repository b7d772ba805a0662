/// The temporary files and directories being written right now, so that a
/// signal handler can remove them: an interrupted command leaves no
/// `.trustgraph-XXXXXX` behind.
///
/// Paths live in fixed slots of memory allocated once, which the handler reads
/// without locks or allocation; it calls only `unlink`, `rmdir`, `signal` and
/// `raise`, which are async-signal-safe.
public enum TemporaryPaths {
    /// At most this many paths at once (a command writes one file or one dataset at a time).
    static let slotCount = 64
    /// Bytes per slot, the terminating zero included; a longer path is not registered.
    static let slotSize = Int(PATH_MAX) + 1

    private struct Storage: @unchecked Sendable {
        let slots: UnsafeMutablePointer<CChar>
        let lock: UnsafeMutablePointer<pthread_mutex_t>
    }

    private static let storage: Storage = {
        // calloc, not Swift's allocate: refused (a process started under a tiny memory
        // limit), the command ends with a message instead of a crash.
        let bytes = slotCount * slotSize + MemoryLayout<pthread_mutex_t>.stride
        guard let raw = calloc(1, bytes) else { OutOfMemory.fail(.init("a list of ", slotCount, " temporary paths"), bytes: bytes, removingTemporaryPaths: false) }
        let slots = raw.bindMemory(to: CChar.self, capacity: slotCount * slotSize)
        let lock = (raw + slotCount * slotSize).bindMemory(to: pthread_mutex_t.self, capacity: 1)
        pthread_mutex_init(lock, nil)
        return Storage(slots: slots, lock: lock)
    }()

    /// Adds `path` to the paths a signal removes. Silently does nothing when every
    /// slot is taken or the path is too long: the write itself goes on.
    /// - Complexity: O(slots + path length).
    public static func register(_ path: String) {
        let bytes = Array(path.utf8)
        guard !bytes.isEmpty, bytes.count < slotSize, !bytes.contains(0) else { return }
        let storage = storage
        pthread_mutex_lock(storage.lock)
        defer { pthread_mutex_unlock(storage.lock) }
        for k in 0..<slotCount {
            let slot = storage.slots + k * slotSize
            guard slot[0] == 0 else { continue }
            for (i, byte) in bytes.enumerated().dropFirst() { slot[i] = CChar(bitPattern: byte) }
            slot[bytes.count] = 0
            // The first byte last: the handler sees a slot as used only once it is whole.
            slot[0] = CChar(bitPattern: bytes[0])
            return
        }
    }

    /// Removes `path` from the paths a signal removes (once renamed into place, or removed).
    /// - Complexity: O(slots × path length).
    public static func unregister(_ path: String) {
        let bytes = Array(path.utf8)
        guard !bytes.isEmpty, bytes.count < slotSize else { return }
        let storage = storage
        pthread_mutex_lock(storage.lock)
        defer { pthread_mutex_unlock(storage.lock) }
        for k in 0..<slotCount {
            let slot = storage.slots + k * slotSize
            guard slot[0] != 0, slot[bytes.count] == 0,
                  bytes.indices.allSatisfy({ slot[$0] == CChar(bitPattern: bytes[$0]) }) else { continue }
            slot[0] = 0
            return
        }
    }

    /// The registered paths, for tests.
    static var registered: [String] {
        let storage = storage
        pthread_mutex_lock(storage.lock)
        defer { pthread_mutex_unlock(storage.lock) }
        return (0..<slotCount).compactMap { k in
            let slot = storage.slots + k * slotSize
            return slot[0] == 0 ? nil : String(cString: slot)
        }
    }

    /// Removes every registered path: files first, then the directories they were in.
    /// Async-signal-safe: no lock, no allocation, only `unlink` and `rmdir`.
    static func removeAllFromSignalHandler() {
        let slots = storage.slots
        for k in 0..<slotCount where slots[k * slotSize] != 0 { _ = unlink(slots + k * slotSize) }
        for k in 0..<slotCount where slots[k * slotSize] != 0 { _ = rmdir(slots + k * slotSize) }
    }

    /// Installs a handler for SIGINT, SIGTERM and SIGHUP that removes the registered
    /// paths and then dies of the same signal, as if there were no handler (the shell
    /// sees "killed by SIGTERM", exit status 143). A signal the process was started
    /// ignoring (`nohup`, a background job) stays ignored.
    public static func removeOnSignals() {
        _ = storage  // allocated now, never inside the handler
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            let previous = signal(signalNumber, temporaryPathsSignalHandler)
            if let previous, unsafeBitCast(previous, to: Int.self) == 1 /* SIG_IGN */ {
                signal(signalNumber, previous)
            }
        }
    }
}

/// Removes the temporary paths, restores the default action and raises the signal again.
private func temporaryPathsSignalHandler(_ signalNumber: Int32) {
    TemporaryPaths.removeAllFromSignalHandler()
    signal(signalNumber, SIG_DFL)
    raise(signalNumber)
}
