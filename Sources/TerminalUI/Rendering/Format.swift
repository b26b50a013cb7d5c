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

    private static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
