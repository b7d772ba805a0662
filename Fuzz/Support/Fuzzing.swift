#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libFuzzer's driver, linked from its no-main runtime (see the Makefile's `fuzz` target):
/// the Swift program keeps its own `main` and hands the command line over.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<CInt>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                       _ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The function a target runs on each input.
nonisolated(unsafe) private var target: ([UInt8]) -> Void = { _ in }

/// Runs libFuzzer over `body` with the program's arguments (`-max_total_time=60 corpus/`, …)
/// and exits with its status. Any crash, trap or sanitizer report in `body` is a finding.
public func fuzz(_ body: @escaping ([UInt8]) -> Void) -> Never {
    target = body
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runDriver(&argc, &argv) { data, size in
        target(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    })
}
