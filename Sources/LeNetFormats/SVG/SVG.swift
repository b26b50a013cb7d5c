import Foundation

// MARK: - Small SVG toolkit for the result pictures
//
// The pictures are plain SVG 1.1 text (no scripts, no external fonts or images), so browsers, code-hosting
// pages and `rsvg-convert` show them alike. Coordinates are user units = CSS pixels; numbers are written
// with at most two decimals so the files diff well.

/// Helpers to write SVG elements as text.
public enum SVG {
    /// Font stack used by every picture: a sans-serif that exists on Linux (DejaVu), macOS and Windows.
    public static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"

    /// The opening `<svg>` tag with a white background (readable on dark-themed pages too).
    public static func open(width: Int, height: Int) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" font-family=\"\(fontFamily)\" font-size=\"12\">\n"
            + "<rect class=\"background\" x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
    }

    /// The closing tag.
    public static let close = "</svg>\n"

    /// `value` with at most two decimals and no trailing zeros (`12`, `12.5`, `12.25`).
    public static func n(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// Escapes `&`, `<`, `>` and `"` for text content and attribute values, and replaces the characters
    /// XML 1.0 does not allow in a document (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF) with
    /// U+FFFD, so a file name with control characters still gives a well-formed picture.
    public static func escape(_ text: String) -> String {
        text.replacingScalars { scalar in
            switch scalar {
            case "&": return "&amp;"
            case "<": return "&lt;"
            case ">": return "&gt;"
            case "\"": return "&quot;"
            case "\t", "\n", "\r": return nil
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: return "\u{FFFD}"
            default: return nil
            }
        }
    }

    /// A `<text>` element. `anchor` is `start`, `middle` or `end`; `rotate` turns it about (x, y) in degrees.
    public static func text(_ content: String, x: Double, y: Double, anchor: String = "start", size: Double? = nil,
                     weight: String? = nil, fill: String = "#222222", rotate: Double? = nil,
                     cssClass: String? = nil) -> String {
        var attributes = "x=\"\(n(x))\" y=\"\(n(y))\""
        if anchor != "start" { attributes += " text-anchor=\"\(anchor)\"" }
        if let size { attributes += " font-size=\"\(n(size))\"" }
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        attributes += " fill=\"\(fill)\""
        if let rotate { attributes += " transform=\"rotate(\(n(rotate)) \(n(x)) \(n(y)))\"" }
        if let cssClass { attributes = "class=\"\(cssClass)\" " + attributes }
        return "<text \(attributes)>\(escape(content))</text>\n"
    }

    /// A `<line>` element.
    public static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
                     width: Double = 1, dash: String? = nil) -> String {
        var attributes = "x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\""
        if width != 1 { attributes += " stroke-width=\"\(n(width))\"" }
        if let dash { attributes += " stroke-dasharray=\"\(dash)\"" }
        return "<line \(attributes)/>\n"
    }

    // MARK: - Axis ticks

    /// "Nice" tick values covering `[low, high]`: steps of 1, 2 or 5 times a power of ten (Heckbert,
    /// "Nice numbers for graph labels", Graphics Gems, 1990), about `count` of them; the first tick is at or
    /// below `low` and the last at or above `high`. A zero-width range is widened to show one step each side.
    /// - Returns: at least two ascending values, evenly spaced.
    public static func niceTicks(low: Double, high: Double, count: Int = 6) -> [Double] {
        var low = low, high = high
        if !(low.isFinite && high.isFinite) { low = 0; high = 1 }
        if high < low { swap(&low, &high) }
        if high - low < 1e-12 {
            let pad = max(abs(low) * 0.1, 1e-3)
            low -= pad
            high += pad
        }
        let step = niceNumber((high - low) / Double(max(1, count - 1)), round: true)
        // The tolerance keeps a bound that is (up to rounding) a multiple of the step from adding a step.
        let first = (low / step + 1e-9).rounded(.down) * step
        let last = (high / step - 1e-9).rounded(.up) * step
        let steps = Int(((last - first) / step).rounded())
        return (0 ... max(1, steps)).map { first + Double($0) * step }
    }

    /// The nice number (1, 2, 5 or 10 times a power of ten) nearest to `value` (`round`) or not below it.
    public static func niceNumber(_ value: Double, round: Bool) -> Double {
        let exponent = Foundation.floor(log10(value))
        let power = pow(10, exponent)
        let fraction = value / power
        let nice: Double
        if round {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * power
    }

    /// Decimals needed to tell ticks `step` apart (0 for steps of 1 or more).
    public static func decimals(forStep step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        return max(0, Int((-log10(step) - 1e-9).rounded(.up)))
    }

    // MARK: - Colour

    /// ColorBrewer's 9-class sequential "Blues" (Cynthia Brewer, colorbrewer2.org), light to dark, as RGB.
    public static let blues: [(Double, Double, Double)] = [
        (0xf7, 0xfb, 0xff), (0xde, 0xeb, 0xf7), (0xc6, 0xdb, 0xef), (0x9e, 0xca, 0xe1), (0x6b, 0xae, 0xd6),
        (0x42, 0x92, 0xc6), (0x21, 0x71, 0xb5), (0x08, 0x51, 0x9c), (0x08, 0x30, 0x6b),
    ]

    /// The colour at `t` in 0...1 along `blues` (linear interpolation between its stops), as `#rrggbb`.
    public static func blue(_ t: Double) -> String {
        let clamped = min(1, max(0, t.isFinite ? t : 0))
        let position = clamped * Double(blues.count - 1)
        let index = min(blues.count - 2, Int(position))
        let f = position - Double(index)
        let (a, b) = (blues[index], blues[index + 1])
        func channel(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * f).rounded()) }
        return String(format: "#%02x%02x%02x", channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2))
    }

    /// Rough width in pixels of `text` at `fontSize` in the sans-serif font (0.6 em per character), for
    /// laying out labels without measuring fonts.
    public static func textWidth(_ text: String, fontSize: Double = 12) -> Double {
        Double(text.count) * fontSize * 0.6
    }
}
