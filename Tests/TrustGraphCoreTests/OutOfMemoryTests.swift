import Foundation
import Testing
import TestSupport
@testable import TrustGraphCore

/// Running out of memory ends a command with one line and status 1: for the
/// buffers trustgraph allocates itself (`fail`, `ensure`) and, under a limit
/// on address space, for any allocation Swift's runtime is refused.
@Suite struct OutOfMemoryTests {
    @Test func theMessageNamesWhatNeededMemoryAndHowMuch() async throws {
        let result = await #expect(processExitsWith: .exitCode(1), observing: [\.standardErrorContent]) {
            OutOfMemory.fail(.init("reading the ", 1_234_567, " rows of ", "suppliers.csv"), bytes: 1_500_000_001)
        }
        let said = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(said == "error: out of memory: reading the 1234567 rows of suppliers.csv needs 1501 MB more than this "
                + "process can get (the machine's memory, or a limit such as ulimit -v, is reached); nothing was written\n")
    }

    @Test(.disabled(if: Sanitizers.address, "no address-space limit under AddressSanitizer"))
    func roomThatDoesNotFitUnderTheLimitIsRefusedBeforeItIsTaken() async throws {
        let result = await #expect(processExitsWith: .exitCode(1), observing: [\.standardErrorContent]) {
            Self.limitAddressSpace(toWhatIsUsedPlus: 64 << 20)
            OutOfMemory.ensure(16 << 20, for: .init("a step of ", 1, " row"))  // fits, with the reserve
            OutOfMemory.ensure(60 << 20, for: .init("a step of ", 2, " rows"))  // fits, but not with the reserve
            exit(0)
        }
        let said = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(said.hasPrefix("error: out of memory: a step of 2 rows needs 63 MB more"), "\(said)")
    }

    @Test(.disabled(if: Sanitizers.address, "no address-space limit under AddressSanitizer"))
    func anAllocationOfSwiftsRuntimeRefusedAtTheLimitIsAMessage() async throws {
        let result = await #expect(processExitsWith: .exitCode(1), observing: [\.standardErrorContent]) {
            Self.limitAddressSpace(toWhatIsUsedPlus: 96 << 20)
            OutOfMemory.reportCrashesAtTheLimit()
            var blocks: [[UInt8]] = []
            while true { blocks.append([UInt8](repeating: 1, count: 1 << 20)) }
        }
        let said = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(said.contains("error: out of memory: the command needs more than the "), "\(said.suffix(400))")
        #expect(said.hasSuffix("MB in use); nothing was written\n"), "\(said.suffix(400))")
    }

    @Test(.disabled(if: Sanitizers.address, "no address-space limit under AddressSanitizer"))
    func aCrashWithRoomLeftStaysACrash() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.exitStatus, \.standardErrorContent]) {
            Self.limitAddressSpace(toWhatIsUsedPlus: 4 << 30)
            OutOfMemory.reportCrashesAtTheLimit()
            abort()
        }
        let observed = try #require(result)
        #expect(observed.exitStatus == .signal(SIGABRT))
        #expect(!String(decoding: observed.standardErrorContent, as: UTF8.self).contains("out of memory"))
    }

    /// Sets this process's address-space limit (`ulimit -v`) to what it uses now and `bytes` more.
    private static func limitAddressSpace(toWhatIsUsedPlus bytes: Int) {
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
        limit.rlim_cur = rlim_t(OutOfMemory.addressSpaceInUse()! + bytes)
        setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
    }
}
