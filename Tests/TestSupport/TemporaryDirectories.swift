import Foundation

/// Temporary directories for tests, removed when the test process exits: all
/// of them, those of a test that failed halfway included, so a run leaves
/// nothing behind in the system's temporary directory.
public enum TemporaryDirectories {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var made: [String] = []
    /// Registers the removal once, on first use.
    private static let removalAtExit: Void = { atexit { TemporaryDirectories.removeAll() } }()

    /// A new empty directory `PREFIX-UUID` in the system's temporary directory.
    public static func make(_ prefix: String) throws -> URL {
        _ = removalAtExit
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        lock.withLock { made.append(url.path) }
        return url
    }

    /// Removes every directory made so far (and what is in it).
    public static func removeAll() {
        let paths = lock.withLock {
            defer { made = [] }
            return made
        }
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }
}
