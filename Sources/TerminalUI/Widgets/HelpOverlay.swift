// MARK: - Help overlay

/// The ? overlay: every key and what it does, in a box centred over the dashboard. Esc closes it, ? turns
/// to the network's summary (`SummaryOverlay`); another key closes it and acts (`DashboardState.handle(key:)`).
/// Help texts wider than the box wrap at spaces under their own column; when the lines do not all fit
/// in the box's height, the last row says so instead of cutting them off.
public struct HelpOverlay: Sendable {
    public var entries: [(keys: String, help: String)]
    public var glyphs: GlyphSet

    public init(entries: [(keys: String, help: String)] = DashboardState.helpEntries, glyphs: GlyphSet) {
        self.entries = entries
        self.glyphs = glyphs
    }

    /// Width of the keys column.
    private var keyWidth: Int { entries.map { glyphs.text($0.keys).count }.max() ?? 0 }

    /// The overlay's rows for a text width: keys and the first line of their help, then the help's
    /// continuation lines with empty keys.
    public func lines(width: Int) -> [(keys: String, help: String)] {
        let helpWidth = max(1, width - keyWidth - 2)
        return entries.flatMap { entry -> [(keys: String, help: String)] in
            let wrapped = Format.wrap(glyphs.text(entry.help), width: helpWidth)
            return wrapped.enumerated().map { ($0.offset == 0 ? glyphs.text(entry.keys) : "", $0.element) }
        }
    }

    /// The box for an area: as wide as the longest line (plus border), as tall as the wrapped lines,
    /// centred, clipped to the area.
    public func box(in area: Rect) -> Rect {
        let lineWidth = entries.map { keyWidth + 2 + glyphs.text($0.help).count }.max() ?? 0
        let width = min(area.width, lineWidth + 4)
        let height = min(area.height, lines(width: width - 4).count + 4)
        return area.centred(width: width, height: height)
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        let box = box(in: area)
        guard box.width >= 4, box.height >= 3 else { return }
        buffer.fill(box)
        // The note names the second page (the network's summary) where the border has room for it.
        let notes = ["? next: the network · Esc closes", "Esc closes"]
        let note = notes.first { glyphs.text($0).count + 12 <= box.width } ?? notes[1]
        let inner = Panel(title: "keys", titleStyle: .accent.bolded, note: note, borderStyle: .accent,
                          glyphs: glyphs).render(into: &buffer, area: box).inset(dx: 1, dy: 0)
        var lines = lines(width: inner.width)
        let room = max(0, inner.height - 1)
        if lines.count > room, room > 0 {
            lines = Array(lines.prefix(room - 1)) + [("", "… more keys: enlarge the terminal")]
        }
        for (i, line) in lines.enumerated() where 1 + i < inner.height {
            let row = inner.row(1 + i)
            let used = buffer.write(Format.left(line.keys, keyWidth + 2), in: row, style: .accent.bolded)
            let style: Style = line.keys.isEmpty && i == lines.count - 1 && line.help.hasPrefix("…") ? .dim : .plain
            buffer.write(glyphs.text(line.help), at: row.x + used, row.y, style: style, clippedTo: row.width - used)
        }
    }
}
