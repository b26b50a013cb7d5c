// MARK: - Help overlay

/// The ? overlay: every key and what it does, in a box centred over the dashboard. Any key closes it.
public struct HelpOverlay: Sendable {
    public var entries: [(keys: String, help: String)]
    public var glyphs: GlyphSet

    public init(entries: [(keys: String, help: String)] = DashboardState.helpEntries, glyphs: GlyphSet) {
        self.entries = entries
        self.glyphs = glyphs
    }

    /// The box for an area: as wide as the longest line (plus border), centred, clipped to the area.
    public func box(in area: Rect) -> Rect {
        let keyWidth = entries.map(\.keys.count).max() ?? 0
        let lineWidth = entries.map { keyWidth + 2 + $0.help.count }.max() ?? 0
        let width = min(area.width, lineWidth + 4)
        let height = min(area.height, entries.count + 4)
        return Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2,
                    width: width, height: height)
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        let box = box(in: area)
        guard box.width >= 4, box.height >= 3 else { return }
        buffer.fill(box)
        let inner = Panel(title: "keys", titleStyle: .accent.bolded, note: "? next: the network · any key closes", borderStyle: .accent,
                          glyphs: glyphs).render(into: &buffer, area: box).inset(dx: 1, dy: 0)
        let keyWidth = entries.map(\.keys.count).max() ?? 0
        for (i, entry) in entries.enumerated() where 1 + i < inner.height {
            let row = inner.row(1 + i)
            let used = buffer.write(Format.left(glyphs.text(entry.keys), keyWidth + 2), in: row, style: .accent.bolded)
            buffer.write(glyphs.text(entry.help), at: row.x + used, row.y, clippedTo: row.width - used)
        }
    }
}
