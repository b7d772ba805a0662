import Foundation
import Testing
@testable import TrustGraphCore

@Suite struct MemoryReuseTests {
    /// AddressSanitizer replaces malloc, and its allocator takes no mallopt settings.
    @Test(.disabled(if: dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil, "malloc is AddressSanitizer's"))
    func glibcTakesTheSettings() {
        #if canImport(Glibc)
        #expect(MemoryReuse.keepFreedMemory())
        #endif
    }
}
