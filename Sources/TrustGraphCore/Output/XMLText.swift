/// Text for XML documents we write (SVG charts, JUnit reports): one escaping rule.
enum XMLText {
    /// How the characters XML 1.0 cannot hold (most C0 controls, U+FFFE, U+FFFF) are written.
    enum Unrepresentable {
        /// As U+FFFD (for pictures: nothing to read there anyway).
        case replacement
        /// As the visible text `\u{1b}` (for reports people read: the character stays identifiable).
        case visible
    }

    /// `& < > " '` as entities, so the result is safe in character data and in attribute
    /// values. With `whitespaceAsReferences`, TAB, LF and CR become `&#9;`, `&#10;`, `&#13;`,
    /// which an XML parser would otherwise fold to spaces inside attribute values.
    static func escaped(_ text: String, whitespaceAsReferences: Bool, unrepresentable: Unrepresentable) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r":
                if whitespaceAsReferences { out += "&#\(scalar.value);" } else { out.unicodeScalars.append(scalar) }
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF {
                    out += unrepresentable == .replacement ? "\u{FFFD}" : "\\u{\(String(v, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
