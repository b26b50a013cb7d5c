// MARK: - Text from outside, made safe to print
//
// File names, tensor names, metadata, config keys and sketch characters come from files a user may have
// been handed. Printed raw, an escape sequence in them would act on the terminal (retitle it, clear the
// screen, move the cursor, rewrite the line). Every error line that echoes such text passes it through
// `TerminalText` first, so what reaches the terminal is only printable characters.

/// The one escaping of outside text for terminal output (error lines, plain command output).
public enum TerminalText {
    /// Whether a terminal would act on `scalar` rather than show it: C0 controls U+0000–U+001F (ESC is
    /// U+001B), DEL U+007F, C1 controls U+0080–U+009F (U+009B is a one-byte CSI), the line and
    /// paragraph separators U+2028 and U+2029, and the bidirectional controls U+200E, U+200F,
    /// U+202A–U+202E and U+2066–U+2069 (they reorder what follows them on the line).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00 ... 0x1F, 0x7F ... 0x9F: return true
        case 0x200E, 0x200F, 0x2028, 0x2029, 0x202A ... 0x202E, 0x2066 ... 0x2069: return true
        default: return false
        }
    }

    /// `scalar` as Swift writes it in a string literal: `\u{1B}` (upper-case hex, no padding).
    public static func visibleEscape(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// `text` with every control character (`isControl`) replaced by its visible escape, e.g.
    /// `"a\u{1B}[2Jb"` becomes `a\u{1B}[2Jb` with a literal backslash. Everything else, backslashes
    /// included, is kept, so plain paths print unchanged; the result holds no control characters, so
    /// escaping it again changes nothing.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        return text.replacingScalars { isControl($0) ? visibleEscape($0) : nil }
    }

    /// `text` in double quotes, escaped as `escaped`, with `"` and `\` inside written `\"` and `\\` so the
    /// quoted text cannot be mistaken for the end of the quotes or for an escape: `"c1.weight"`,
    /// `"a\u{7}"`, `"say \"hi\""`.
    public static func quoted(_ text: String) -> String {
        "\"" + text.replacingScalars { scalar in
            switch scalar {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            case _ where isControl(scalar): return visibleEscape(scalar)
            default: return nil
            }
        } + "\""
    }
}
