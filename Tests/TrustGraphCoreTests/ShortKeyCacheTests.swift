import Foundation
import Testing
@testable import TrustGraphCore

/// Short cells are remembered by their bytes; a hit must be that exact cell.
@Suite struct ShortKeyCacheTests {
    @Test func onlyTheExactCellHits() {
        let cache = ShortKeyCache()
        let keys = ["a", "ab", "ba", "hosting", "hostinG", "hosting ", "platform-1", "platform-2", "0123456789abcdef",
                    "0123456789abcdeF", "x123456789abcdef"]
        func value(_ key: String) -> Int32? {
            var key = key
            return key.withUTF8 { cache.value(of: UnsafeRawBufferPointer($0)) }
        }
        for (k, key) in keys.enumerated() {
            var key = key
            key.withUTF8 { cache.remember(UnsafeRawBufferPointer($0), value: Int32(k)) }
            #expect(value(key) == Int32(k))
        }
        // Every key either hits with its own value or misses (a later key took its entry).
        for (k, key) in keys.enumerated() { #expect(value(key) == nil || value(key) == Int32(k)) }
        #expect(value("") == nil)
        #expect(value("hostin") == nil && value("hosting\u{0}") == nil)
        var long = "a-key-of-seventeen"
        long.withUTF8 { cache.remember(UnsafeRawBufferPointer($0), value: 99) }
        #expect(value(long) == nil)
    }

    @Test func wordsMatchIgnoringCaseOnlyForLetters() {
        func equal(_ bytes: String, _ word: StaticString) -> Bool {
            var bytes = bytes
            return bytes.withUTF8 { ASCII.equalsIgnoringCase(UnsafeRawBufferPointer($0), word) }
        }
        #expect(equal("HIGH", "high") && equal("High", "high") && equal("low", "low") && equal("SusPended", "suspended"))
        // '@' and '`' are one bit from 'A' and 'a', '[' from '{': not letters, no match.
        #expect(!equal("@bc", "abc") && !equal("`bc", "abc") && !equal("hig\u{08}", "high") && !equal("hig", "high"))
        // Same lengths as the words, so the comparison of words decides.
        #expect(!equal("SUSPENDE[", "suspended") && !equal("suspende@", "suspended") && !equal("Xuspended", "suspended"))
        #expect(!equal("HIG[", "high") && !equal("Hig{", "high") && !equal("PARTIA\u{0C}", "partial") && equal("pARTIAL", "partial"))
    }
}

/// Cells that repeat (suppliers, scheme spellings, group labels, services) resolve row by row,
/// whatever the loader remembers between rows.
