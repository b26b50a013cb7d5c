// MARK: - Status line

/// The line above the key help: the phase message on the left (finished / stopped / failed / paused, the
/// answer to a steering key, or the quit or rewind question in the longest form that fits), the latest
/// checkpoint note on the right. Text that
/// does not fit is shortened at a word boundary, never mid-word.
public struct StatusLine: Sendable {
    public var state: DashboardState
    public var glyphs: GlyphSet

    public init(state: DashboardState, glyphs: GlyphSet) {
        self.state = state
        self.glyphs = glyphs
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row)
        var used = 0
        if let message = state.phaseMessage {
            let text = state.confirmingQuit
                ? Format.firstFitting(state.quitPrompts.map(glyphs.text), width: row.width)
                : state.confirmingRewind
                ? Format.firstFitting(state.rewindPrompts.map(glyphs.text), width: row.width)
                : Format.shortened(glyphs.text(message.text), to: row.width, ellipsis: glyphs.ellipsis)
            used = buffer.write(text, in: row, style: message.style)
        }
        if let note = state.checkpointNote {
            let room = row.width - used - (used > 0 ? 2 : 0)
            // A form that fits, else the note shortened to at least two whole words; else nothing.
            let forms = ([note] + state.checkpointNoteShortForms).map(glyphs.text)
            let shortened = Format.shortened(forms[0], to: room, ellipsis: glyphs.ellipsis)
            let text = forms.first { $0.count <= room }
                ?? (shortened.split(separator: " ").count >= 3 && shortened.count <= room ? shortened : "")
            if !text.isEmpty {
                buffer.write(text, at: row.maxX - text.count, row.y, style: .dim)
            }
        }
    }
}

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

// MARK: - Too small

/// Shown instead of the dashboard when the terminal is smaller than the minimum:
/// `terminal too small: need 60×16` centred, the current size under it.
public struct TooSmallMessage: Sendable {
    public var minimumWidth: Int
    public var minimumHeight: Int
    public var glyphs: GlyphSet

    public init(minimumWidth: Int, minimumHeight: Int, glyphs: GlyphSet) {
        self.minimumWidth = minimumWidth
        self.minimumHeight = minimumHeight
        self.glyphs = glyphs
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.fill(area)
        let lines = [
            ("terminal too small: need \(minimumWidth)\(glyphs.times)\(minimumHeight)", Style.warn),
            ("now \(area.width)\(glyphs.times)\(area.height)", Style.dim),
        ]
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < area.maxY {
            let x = area.x + max(0, (area.width - line.0.count) / 2)
            buffer.write(line.0, at: x, top + i, style: line.1, clippedTo: area.maxX - x)
        }
    }
}
