// MARK: - Glyph sets

/// The characters widgets draw with, chosen once by the driver from the locale: Unicode block elements
/// and box drawing under UTF-8, plain ASCII otherwise.
public struct GlyphSet: Sendable, Equatable {
    /// Sparkline levels, lowest first; the last one fills the whole cell.
    public var sparkLevels: [Character]
    /// A full cell of a progress bar.
    public var barFull: Character
    /// Partially filled bar cells, 1/8 to 7/8 (empty when the set has no partial glyphs).
    public var barPartials: [Character]
    /// The unfilled track of a progress bar.
    public var barEmpty: Character
    /// Box drawing: horizontal, vertical and the four corners.
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    /// Separator between title parts, with its spaces (" · " or " - ").
    public var separator: String
    /// The multiplication sign of sizes ("64×22").
    public var times: String
    /// Marks cut text.
    public var ellipsis: String
    /// Arrows for key help and "true → predicted".
    public var upDown: String
    public var arrow: String
    /// Whether these are the Unicode glyphs.
    public var isUnicode: Bool
    /// Shades from empty to full (heatmap cells without colours, the network's-eye view).
    public var shades: [Character] = [" ", "░", "▒", "▓", "█"]
    /// Draw-pad pixels two to a cell: (top, bottom) inked = index `top * 2 + bottom`: none, lower, upper, both.
    public var halfBlocks: [Character] = [" ", "▄", "▀", "█"]
    /// The network view's maps without colours, empty to full: the shades, or in ASCII the ten-step grey
    /// ramp of `test --misclassified`.
    public var mapRamp: [Character] = [" ", "░", "▒", "▓", "█"]
    /// A faint dot: ink the saliency overlay does not mark, the pad's empty cells.
    public var dot: Character = "·"
    /// A value marked over a sparkline (the test accuracy of an epoch).
    public var marker: Character = "◆"
    /// The dotted line over a sparkline column where an epoch starts.
    public var divider: Character = "┊"

    public static let unicode = GlyphSet(
        sparkLevels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        barFull: "█", barPartials: ["▏", "▎", "▍", "▌", "▋", "▊", "▉"], barEmpty: "░",
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        separator: " · ", times: "×", ellipsis: "…", upDown: "↑/↓", arrow: "→", isUnicode: true)

    public static let ascii = GlyphSet(
        sparkLevels: ["_", ".", "-", "=", "+", "*", "#", "@"],
        barFull: "#", barPartials: [], barEmpty: "-",
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        separator: " - ", times: "x", ellipsis: "...", upDown: "up/down", arrow: "->", isUnicode: false,
        shades: [" ", ".", ":", "#", "@"], halfBlocks: [" ", ",", "'", ":"],
        mapRamp: [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"], dot: ".", marker: "o", divider: ":")

    /// `text` as this set can show it: unchanged for Unicode; for ASCII, typographic characters get
    /// ASCII spellings ("·" and "—" become "-", "…" becomes "...") and anything else non-ASCII becomes "?".
    public func text(_ text: String) -> String {
        guard !isUnicode, !text.allSatisfy(\.isASCII) else { return text }
        var out = ""
        for character in text {
            switch character {
            case "·", "—", "–", "─": out += "-"
            case "…": out += "..."
            case "×": out += "x"
            case "÷": out += "/"
            case "→": out += "->"
            case "←": out += "<"
            case "↑": out += "^"
            case "↓": out += "v"
            case "‖": out += "|"
            case "Δ": out += "d"
            case "±": out += "+-"
            case "◆": out += "o"
            default: out.append(character.isASCII ? character : "?")
            }
        }
        return out
    }

    /// The set for a locale codeset name as `nl_langinfo(CODESET)` reports it: Unicode for UTF-8.
    public static func forCodeset(_ codeset: String) -> GlyphSet {
        let normalized = codeset.lowercased().filter { $0 != "-" && $0 != "_" }
        return normalized == "utf8" ? .unicode : .ascii
    }
}
