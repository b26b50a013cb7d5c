// MARK: - Key help

/// The bottom line: `p pause  w whole run  d draw  tab panels  s save  ? help  q quit`, from the state's
/// key bindings in their fixed order (the pad's keys first while it is open). No key goes silently: when
/// the line is too narrow, the help texts are abbreviated first (`scroll log` -> `log`); if it is still too
/// wide, secondary keys go (last first), then main ones except help and quit, and `? help` becomes
/// `? more keys`, naming the overlay that lists them all. Abbreviations are undone from the left while
/// the line still fits.
public struct KeyHelp: Sendable {
    public var state: DashboardState
    public var glyphs: GlyphSet

    public init(state: DashboardState, glyphs: GlyphSet) {
        self.state = state
        self.glyphs = glyphs
    }

    /// Short forms of help texts, for narrow lines.
    static let abbreviations: [String: String] = [
        "whole run": "whole", "scroll log": "log", "browse errors": "browse", "network": "net",
        "next page": "next", "close network": "close", "hide saliency": "saliency", "pen down": "pen",
        "pen up": "pen", "eraser": "erase",
    ]

    /// `help` abbreviated: from `abbreviations`, `brush 2` -> `brush`; unchanged otherwise.
    static func abbreviated(_ help: String) -> String {
        if let short = abbreviations[help] { return short }
        if help.hasPrefix("brush ") { return "brush" }
        return help
    }

    /// The help text of the overlay's key when keys were left out.
    static let moreKeys = "more keys"

    /// The entries that fit in `width` columns, in the bindings' order.
    public func entries(fitting width: Int) -> [(label: String, help: String)] {
        let all = state.keyHelp.map { (label: glyphs.text($0.label), full: $0.help, isMain: $0.isMain) }
        var kept = Array(all.indices)
        var short = Set(all.indices)
        func line() -> [(label: String, help: String)] {
            kept.map { i in
                let help = all[i].label == "?" && kept.count < all.count ? Self.moreKeys
                    : short.contains(i) ? Self.abbreviated(all[i].full) : all[i].full
                return (all[i].label, help)
            }
        }
        func fits() -> Bool { Self.width(of: line()) <= width }
        // Leave keys out until the abbreviated line fits: secondary ones last first, then main ones except
        // the last two (help and quit), which lead to the rest.
        while !fits(), let drop = kept.lastIndex(where: { !all[$0].isMain }) { kept.remove(at: drop) }
        while !fits(), kept.count > 2 { kept.remove(at: kept.count - 3) }
        // Full texts again from the left while the line fits.
        for i in kept where short.contains(i) {
            short.remove(i)
            if !fits() { short.insert(i) }
        }
        return line()
    }

    /// Columns of a key line: label, space and help per entry, two spaces between entries.
    static func width(of entries: [(label: String, help: String)]) -> Int {
        entries.map { $0.label.count + 1 + $0.help.count }.reduce(0, +) + 2 * max(0, entries.count - 1)
    }

    /// The help line's text at `width` columns.
    public func text(width: Int = .max) -> String {
        entries(fitting: width).map { $0.label + " " + $0.help }.joined(separator: "  ")
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row)
        var x = row.x
        for (i, entry) in entries(fitting: row.width).enumerated() {
            if i > 0 { x += 2 }
            x += buffer.write(entry.label, at: x, row.y, style: .accent.bolded, clippedTo: row.maxX - x)
            x += buffer.write(" " + entry.help, at: x, row.y, style: .plain, clippedTo: row.maxX - x)
        }
    }
}
