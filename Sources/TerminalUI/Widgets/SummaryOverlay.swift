import LeNetTraining

// MARK: - The ? overlay's second page

/// The ? overlay's second page: the network's layers with output shapes, parameter counts and FLOPs per
/// image (`NetworkSummary`, what `lenet-tui summary` prints), in a box centred over the dashboard. Esc or ?
/// closes it; another key closes it and acts.
/// ```
/// ┌ network: LeNet-5 ─────────────────────────── page 2/2 · Esc or ? closes ┐
/// │ LeNet-5, one 28×28 image; shapes C×H×W (NCHW without the batch axis)  │
/// │ layer    operation             output    parameters  fwd FLOPs  ...   │
/// │ c1       conv 5×5, 1→6, pad 2  6×28×28          156    235,200  ...   │
/// ```
public struct SummaryOverlay: Sendable {
    /// How characters are spelled (Unicode, or ASCII with `x` and `->`).
    public var glyphs: GlyphSet

    /// An overlay drawn with `glyphs`.
    public init(glyphs: GlyphSet) {
        self.glyphs = glyphs
    }

    /// The summary's lines as this glyph set spells them.
    var lines: [String] { NetworkSummary.lines(spelling: glyphs.text) }

    /// The box for an area: the lines plus a border and a column of space each side, centred, clipped.
    public func box(in area: Rect) -> Rect {
        let lines = self.lines
        let width = min(area.width, (lines.map(\.count).max() ?? 0) + 4)
        let height = min(area.height, lines.count + 2)
        return area.centred(width: width, height: height)
    }

    /// Draws the box (`box(in:)`) over whatever `area` holds; lines that do not fit its height are left out.
    public func render(into buffer: inout CellBuffer, area: Rect) {
        let box = box(in: area)
        guard box.width >= 4, box.height >= 3 else { return }
        buffer.fill(box)
        let inner = Panel(title: "network: LeNet-5", titleStyle: .accent.bolded, note: "page 2/2 · Esc or ? closes",
                          borderStyle: .accent, glyphs: glyphs).render(into: &buffer, area: box).inset(dx: 1, dy: 0)
        for (i, line) in lines.enumerated() where i < inner.height {
            // The column headers and the total stand out; the rest is the table and its notes.
            let style: Style = i == 1 || line.hasPrefix("total") ? Style(bold: true) : .plain
            buffer.write(line, in: inner.row(i), style: style)
        }
    }
}
