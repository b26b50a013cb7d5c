// MARK: - Progress bar

/// A horizontal bar filled to `fraction`, with eighth-cell resolution when the glyph set has partial
/// blocks: `██████▌░░░░`.
public struct ProgressBar: Sendable {
    public var fraction: Double
    public var style: Style
    public var glyphs: GlyphSet
    /// Whether the unfilled part shows the track glyph (else it stays blank).
    public var track: Bool

    public init(fraction: Double, style: Style = .accent, glyphs: GlyphSet, track: Bool = true) {
        self.fraction = fraction
        self.style = style
        self.glyphs = glyphs
        self.track = track
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let f = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let eighths = Int((f * Double(area.width * 8)).rounded(.down))
        let full = eighths / 8
        let partial = glyphs.barPartials.isEmpty ? 0 : eighths % 8
        for i in 0..<area.width {
            let cell: Cell
            if i < full {
                cell = Cell(glyphs.barFull, style: style)
            } else if i == full && partial > 0 {
                cell = Cell(glyphs.barPartials[partial - 1], style: style)
            } else {
                cell = track ? Cell(glyphs.barEmpty, style: .dim) : .blank
            }
            buffer[area.x + i, area.y] = cell
        }
    }
}

// MARK: - Epoch progress line

/// `batch 123/469 ██████████▌░░░░░░░░░░  26%`: the current epoch's mini-batches; `testing…` while the
/// epoch's test evaluation runs.
public struct EpochProgressLine: Sendable {
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
        guard let total = state.progress?.batchesPerEpoch ?? state.plan?.batchesPerEpoch, total > 0 else {
            buffer.write(glyphs.text("waiting for training to start…"), in: row, style: .dim)
            return
        }
        let done = state.progress?.batch ?? 0
        let fraction = Double(done) / Double(total)
        let totalText = String(total)
        let label = "batch \(Format.right(String(done), totalText.count))/\(totalText) "
        let suffix: (text: String, style: Style) = state.isEvaluating
            ? (glyphs.text(" testing…"), .accent)
            : (" " + Format.right("\(Int((fraction * 100).rounded(.down)))%", 4), .plain)
        let labelWidth = buffer.write(label, in: row)
        let barWidth = row.width - labelWidth - suffix.text.count
        guard barWidth >= 1 else { return }
        ProgressBar(fraction: fraction, glyphs: glyphs)
            .render(into: &buffer, area: Rect(x: row.x + labelWidth, y: row.y, width: barWidth, height: 1))
        buffer.write(suffix.text, at: row.x + labelWidth + barWidth, row.y, style: suffix.style)
    }
}
