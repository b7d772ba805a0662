import Dispatch
import TrustGraphCore

/// Wall-clock phases for `--timings`, printed to standard error.
struct PhaseClock {
    let enabled: Bool
    private var last = DispatchTime.now()

    init(enabled: Bool) { self.enabled = enabled }

    mutating func lap(_ what: String) {
        guard enabled else { return }
        let now = DispatchTime.now()
        let ms = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e6
        Console.error("\(TextTable.fixed(ms, 1).leftPadded(9)) ms  \(what)")
        last = now
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
