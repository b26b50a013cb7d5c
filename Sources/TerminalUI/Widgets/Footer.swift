// MARK: - Status line

/// The line above the key help: the phase message on the left (finished / stopped / failed / paused),
/// the latest checkpoint note on the right.
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
            let text = Format.truncate(glyphs.text(message.text), to: row.width, ellipsis: glyphs.ellipsis)
            used = buffer.write(text, in: row, style: message.style)
        }
        if let note = state.checkpointNote {
            let room = row.width - used - (used > 0 ? 2 : 0)
            let text = Format.truncate(glyphs.text(note), to: room, ellipsis: glyphs.ellipsis)
            if text.count >= min(room, 12), !text.isEmpty {
                buffer.write(text, at: row.maxX - text.count, row.y, style: .dim)
            }
        }
    }
}

// MARK: - Key help

/// The bottom line: `p pause  d draw  tab panels  s save  ? help  q quit`, from the state's key bindings
/// (the pad's keys first while it is open). When the line is too narrow, secondary keys are dropped
/// (last first) so the main ones show; if even those do not fit, main keys go too (last first), except
/// help and quit.
public struct KeyHelp: Sendable {
    public var state: DashboardState
    public var glyphs: GlyphSet

    public init(state: DashboardState, glyphs: GlyphSet) {
        self.state = state
        self.glyphs = glyphs
    }

    /// The entries that fit in `width` columns.
    public func entries(fitting width: Int) -> [(label: String, help: String)] {
        var entries = state.keyHelp.map { (label: glyphs.text($0.label), help: $0.help, isMain: $0.isMain) }
        func total() -> Int { entries.map { $0.label.count + 1 + $0.help.count }.reduce(0, +) + 2 * max(0, entries.count - 1) }
        while total() > width, let drop = entries.lastIndex(where: { !$0.isMain }) { entries.remove(at: drop) }
        // Still too wide (the pad's keys with the network view's): main keys go too, last first, but never
        // the last two (help and quit), which lead to the rest.
        while total() > width, entries.count > 2 { entries.remove(at: entries.count - 3) }
        return entries.map { ($0.label, $0.help) }
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
