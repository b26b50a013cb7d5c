// MARK: - Sparkline

/// A bar-per-value chart, one column per value, bottom-aligned, `area.height` rows tall.
///
/// Shows the last `area.width` values, left-aligned (a short series grows to the right; a long one
/// scrolls). Heights are scaled from the minimum to the maximum of the visible values, the minimum
/// drawn as the lowest level so every finite value is visible. Edge cases: no values draws nothing;
/// all-equal values (one value included) draw a flat line at half height, or at the lowest level when
/// they are all zero; NaN and infinite values leave their column empty.
public struct Sparkline: Sendable {
    public var values: [Double]
    public var style: Style
    public var glyphs: GlyphSet

    public init(values: [Double], style: Style = .accent, glyphs: GlyphSet) {
        self.values = values
        self.style = style
        self.glyphs = glyphs
    }

    /// The values visible in `width` columns.
    public static func visible(_ values: [Double], width: Int) -> ArraySlice<Double> {
        values.suffix(max(0, width))
    }

    /// Minimum and maximum of the finite values visible in `width` columns.
    public static func range(of values: [Double], width: Int) -> (min: Double, max: Double)? {
        let finite = visible(values, width: width).filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return nil }
        return (lo, hi)
    }

    /// How many level steps (1...rows x levels) each visible value fills; 0 for non-finite values.
    public static func steps(_ values: ArraySlice<Double>, rows: Int, levels: Int) -> [Int] {
        let total = max(1, rows * levels)
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return values.map { _ in 0 } }
        return values.map { v in
            guard v.isFinite else { return 0 }
            if hi > lo {
                let scaled = (v - lo) / (hi - lo) * Double(total - 1)
                return 1 + Int(scaled.rounded())
            }
            return hi == 0 ? 1 : max(1, total / 2)
        }
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let levels = glyphs.sparkLevels.count
        let shown = Self.visible(values, width: area.width)
        let heights = Self.steps(shown, rows: area.height, levels: levels)
        for (column, steps) in heights.enumerated() {
            for row in 0..<area.height {  // row 0 is the bottom
                let inCell = min(levels, max(0, steps - row * levels))
                guard inCell > 0 else { continue }
                buffer[area.x + column, area.maxY - 1 - row] = Cell(glyphs.sparkLevels[inCell - 1], style: style)
            }
        }
    }
}

// MARK: - Sparkline panel

/// A sparkline in a titled box: the title carries the current value, the note the visible range.
public struct SparklinePanel: Sendable {
    public var title: String
    public var values: [Double]
    /// Formats a value for the range note (e.g. "0.0520" or "97.8%").
    public var format: @Sendable (Double) -> String
    public var style: Style
    public var glyphs: GlyphSet

    public init(title: String, values: [Double], style: Style, glyphs: GlyphSet,
                format: @escaping @Sendable (Double) -> String) {
        self.title = title
        self.values = values
        self.format = format
        self.style = style
        self.glyphs = glyphs
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        let inner = Panel.inner(of: area)
        var note: String?
        if let r = Sparkline.range(of: values, width: inner.width) {
            note = r.min == r.max ? format(r.min) : "\(format(r.min))..\(format(r.max))"
        }
        let panel = Panel(title: title, titleStyle: style.bolded, note: note, glyphs: glyphs)
        panel.render(into: &buffer, area: area)
        if values.isEmpty {
            let message = "no data yet"
            let y = inner.y + (inner.height - 1) / 2
            let x = inner.x + max(0, (inner.width - message.count) / 2)
            buffer.write(message, at: x, y, style: .dim, clippedTo: inner.width)
        } else {
            Sparkline(values: values, style: style, glyphs: glyphs).render(into: &buffer, area: inner)
        }
    }
}
