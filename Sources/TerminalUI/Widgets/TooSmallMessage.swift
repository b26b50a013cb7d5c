// MARK: - Too small

/// Shown instead of the dashboard when the terminal is smaller than the minimum:
/// `terminal too small: need 64×22` centred (`DashboardLayout.minimumWidth` × `minimumHeight`), the
/// current size under it.
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
