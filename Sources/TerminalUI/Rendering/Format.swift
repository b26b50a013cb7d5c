import Foundation

// MARK: - Number and text formatting
//
// Locale-independent on purpose: the screen reads the same everywhere and tests can compare exact text.

/// Formatting helpers shared by the widgets.
public enum Format {
    /// `seconds` as `mm:ss`, or `h:mm:ss` from one hour; `--:--` when unknown (negative, NaN, infinite).
    public static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite, seconds >= 0, seconds < 1e9 else { return "--:--" }
        let total = Int(seconds.rounded(.down))
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        if h > 0 { return "\(h):\(pad2(m)):\(pad2(s))" }
        return "\(pad2(m)):\(pad2(s))"
    }

    /// An integer with thousands separators: `12345` -> `12,345`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }

    /// A rate rounded to an integer with separators; `-` when not finite.
    public static func rate(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "-" }
        return grouped(Int(value.rounded()))
    }

    /// `value` with `digits` decimals (`nan` / `inf` spelled out).
    public static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        return String(format: "%.\(digits)f", value)
    }

    /// A fraction 0...1 as a percentage with `digits` decimals: `0.9712` -> `97.12%`.
    public static func percent(_ fraction: Double, digits: Int = 1) -> String {
        fixed(fraction * 100, digits: digits) + "%"
    }

    /// `text` right-aligned in `width` columns (never cut).
    public static func right(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// `text` left-aligned in `width` columns (never cut).
    public static func left(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// `text` cut to `width` columns, ending in `ellipsis` when something was cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        guard ellipsis.count < width else { return String(text.prefix(width)) }
        return String(text.prefix(width - ellipsis.count)) + ellipsis
    }

    /// `value` with three significant digits, trailing zeros kept so a column reads evenly (`2.91`,
    /// `2.70`, `12.0`, `0.0812`, `123`), plain between 0.01 and 1000 and in short scientific notation
    /// outside (`4.2e-5`, `1.3e+4`); `0` for zero.
    public static func significant(_ value: Double) -> String {
        guard value.isFinite else { return fixed(value, digits: 0) }
        if value == 0 { return "0" }
        if (0.01..<999.5).contains(value.magnitude) {
            let text = String(format: "%#.3g", value)  // `#`: keep trailing zeros (and a final point)
            return text.hasSuffix(".") ? String(text.dropLast()) : text
        }
        return scientific(value)
    }

    /// `value` as `1.2e-3` (two significant digits, the exponent without padding).
    public static func scientific(_ value: Double) -> String {
        guard value.isFinite else { return fixed(value, digits: 0) }
        if value == 0 { return "0" }
        let text = String(format: "%.1e", value)  // "1.2e-03"
        guard let e = text.firstIndex(of: "e") else { return text }
        let mantissa = text[..<e], exponent = text[text.index(after: e)...]
        let sign = exponent.first == "-" ? "-" : "+"
        let digits = exponent.drop { $0 == "-" || $0 == "+" }.drop { $0 == "0" }
        return "\(mantissa)e\(sign)\(digits.isEmpty ? "0" : String(digits))"
    }

    /// The leading words of `text` that fit in `width` columns (whole words only, never cut mid-word; the
    /// first word is cut only when it alone is wider).
    public static func words(_ text: String, fitting width: Int) -> String {
        guard text.count > width else { return text }
        var out = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let next = out.isEmpty ? String(word) : out + " " + word
            guard next.count <= width else { break }
            out = next
        }
        while out.last == " " || out.last == "·" || out.last == "-" { out.removeLast() }
        return out.isEmpty ? String(text.prefix(max(0, width))) : out
    }

    /// `text` when it fits in `width` columns, else its leading whole words that fit with `ellipsis` after
    /// them (`"checkpoint saved: /tmp/x.safetensors …"`): shortened, never cut mid-word (a first word wider
    /// than the room is cut, as by `words(_:fitting:)`).
    public static func shortened(_ text: String, to width: Int, ellipsis: String) -> String {
        guard text.count > width else { return text }
        guard width > ellipsis.count + 1 else { return words(text, fitting: width) }
        return words(text, fitting: width - ellipsis.count - 1) + " " + ellipsis
    }

    /// `parts` joined by `separator`, leaving out whole parts from the end until the text fits in `width`
    /// columns; the first part always stays, cut to its leading whole words when it alone is too wide
    /// (`words(_:fitting:)`). Nothing is ever cut mid-word.
    ///
    /// `parts(["train acc 99.4%", "◆ test 98.9%"], separator: " · ", fitting: 20)` is `"train acc 99.4%"`.
    public static func parts(_ parts: [String], separator: String, fitting width: Int) -> String {
        guard let first = parts.first else { return "" }
        var text = words(first, fitting: width)
        guard text == first else { return text }
        for part in parts.dropFirst() {
            let next = text + separator + part
            guard next.count <= width else { break }
            text = next
        }
        return text
    }

    /// The first of `candidates` (longest, most explicit first) that fits in `width` columns; when none
    /// does, the last one's leading whole words that fit. `""` without candidates.
    public static func firstFitting(_ candidates: [String], width: Int) -> String {
        if let fitting = candidates.first(where: { $0.count <= width }) { return fitting }
        return candidates.last.map { words($0, fitting: width) } ?? ""
    }

    /// `text` broken into lines of at most `width` columns at spaces (a word wider than `width` is cut
    /// into pieces of `width`). Never an empty list for non-empty text.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            var word = String(word)
            while word.count > width {
                if !line.isEmpty { lines.append(line); line = "" }
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            if line.isEmpty { line = word } else if line.count + 1 + word.count <= width { line += " " + word } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    private static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
