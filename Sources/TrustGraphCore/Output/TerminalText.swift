/// Text from a dataset or a scenario file made safe to show on a terminal.
///
/// A supplier id, name or scenario name is data an attacker may write. Shown
/// raw, ESC starts a terminal control sequence (retitle the window, rewrite
/// earlier lines), CR and BS overwrite what came before, and the bidi controls
/// or the Unicode line separators make a line read otherwise than its bytes.
/// Every human-facing line shows these characters as visible escapes instead;
/// CSV and JSON outputs stay faithful to the data.
public enum TerminalText {
    /// `text` with every control character written as a visible escape: `\n`,
    /// `\r`, `\t`, and `\u{hex}` for the other C0 controls, DEL, the C1
    /// controls (U+0080–U+009F), the bidi controls (U+061C, U+200E, U+200F,
    /// U+202A–U+202E, U+2066–U+2069) and U+2028, U+2029.
    /// - Complexity: O(n); text without such characters is returned as is after one pass over its bytes.
    public static func escaped(_ text: String) -> String {
        // Every such character starts with a byte below 0x20, 0x7F, or one of
        // the lead bytes 0xC2 (C1), 0xD8 (U+061C), 0xE2 (U+2xxx).
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE2 }),
              text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where needsEscape(scalar): result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether a character is shown as an escape.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }
}
