// MARK: - Sparkline

/// A value drawn as a marker over a sparkline: the test accuracy of an epoch at its last column.
public struct SparklineMark: Sendable, Equatable {
    /// Column among the visible values (0 = leftmost).
    public var column: Int
    public var value: Double

    public init(column: Int, value: Double) {
        self.column = column
        self.value = value
    }
}

/// A bar-per-value chart, one column per value, bottom-aligned, `area.height` rows tall.
///
/// Shows the last `area.width` values, left-aligned (a short series grows to the right; a long one
/// scrolls). Heights are scaled from the minimum to the maximum of the visible values and marks, the
/// minimum drawn as the lowest level so every finite value is visible. Edge cases: no values draws nothing;
/// all-equal values (one value included) draw a flat line at half height, or at the lowest level when
/// they are all zero; NaN and infinite values leave their column empty.
///
/// Marks (`marks`, e.g. the test accuracy of each epoch) are drawn as `glyphs.marker` in the cell of
/// their height on the same scale, over the bar; `dividers` (columns where an epoch starts) get a dotted
/// line (`glyphs.divider`, dim) in the cells above the bar.
public struct Sparkline: Sendable {
    public var values: [Double]
    public var style: Style
    public var glyphs: GlyphSet
    /// Markers over the visible columns.
    public var marks: [SparklineMark]
    public var markStyle: Style
    /// Visible columns that start an epoch.
    public var dividers: [Int]

    public init(values: [Double], style: Style = .accent, glyphs: GlyphSet, marks: [SparklineMark] = [],
                markStyle: Style = .title, dividers: [Int] = []) {
        self.values = values
        self.style = style
        self.glyphs = glyphs
        self.marks = marks
        self.markStyle = markStyle
        self.dividers = dividers
    }

    /// The values visible in `width` columns.
    public static func visible(_ values: [Double], width: Int) -> ArraySlice<Double> {
        values.suffix(max(0, width))
    }

    /// Minimum and maximum of the finite values visible in `width` columns and of the finite `marks`.
    public static func range(of values: [Double], width: Int, marks: [SparklineMark] = []) -> (min: Double, max: Double)? {
        let finite = visible(values, width: width).filter(\.isFinite) + marks.map(\.value).filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return nil }
        return (lo, hi)
    }

    /// How many level steps (1...rows x levels) each visible value fills; 0 for non-finite values.
    public static func steps(_ values: ArraySlice<Double>, rows: Int, levels: Int) -> [Int] {
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return values.map { _ in 0 } }
        return values.map { step($0, lo: lo, hi: hi, total: max(1, rows * levels)) }
    }

    /// The level steps (1...total) of `value` on the scale `lo...hi`; 0 when not finite.
    static func step(_ value: Double, lo: Double, hi: Double, total: Int) -> Int {
        guard value.isFinite else { return 0 }
        if hi > lo { return 1 + Int(((value - lo) / (hi - lo) * Double(total - 1)).rounded()) }
        return hi == 0 ? 1 : max(1, total / 2)
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let levels = glyphs.sparkLevels.count
        let shown = Self.visible(values, width: area.width)
        let marks = self.marks.filter { $0.column >= 0 && $0.column < shown.count }
        guard let (lo, hi) = Self.range(of: Array(shown), width: area.width, marks: marks) else { return }
        let total = max(1, area.height * levels)
        for (column, value) in shown.enumerated() {
            let steps = Self.step(value, lo: lo, hi: hi, total: total)
            for row in 0..<area.height {  // row 0 is the bottom
                let inCell = min(levels, max(0, steps - row * levels))
                let x = area.x + column, y = area.maxY - 1 - row
                if inCell > 0 {
                    buffer[x, y] = Cell(glyphs.sparkLevels[inCell - 1], style: style)
                } else if column > 0 && dividers.contains(column) {
                    buffer[x, y] = Cell(glyphs.divider, style: .dim)
                }
            }
        }
        for mark in marks {
            let steps = Self.step(mark.value, lo: lo, hi: hi, total: total)
            guard steps > 0 else { continue }
            buffer[area.x + mark.column, area.maxY - 1 - (steps - 1) / levels] = Cell(glyphs.marker, style: markStyle)
        }
    }
}

// MARK: - Sparkline panel

/// A sparkline in a titled box. The title carries the current value (parts separated by " · " are left
/// out whole, last first, when the border is short); the note on the right of the top border the range
/// of the visible values, `min..max`, which always stays; the bottom border the epochs where they start
/// (`epochStarts`, the first as "epoch N" when there is room) and, right-aligned where it fits,
/// `footnote`:
/// ```
/// ┌ train acc 99.4% · ◆ test 98.94% · whole run ───── 93.9%..99.7% ┐
/// │          ┊     ◆┊◆     ┊ ◆   ┊  ◆  ┊▆◆▇▆▇▆▇┊▇▇▆▆▆◆          │
/// └epoch 1───2─────3───────4──────5──────6──── a bar per 23 mini-batches ┘
/// ```
public struct SparklinePanel: Sendable {
    public var title: String
    public var values: [Double]
    /// Formats a value for the range note (e.g. "0.0520" or "97.8%").
    public var format: @Sendable (Double) -> String
    public var style: Style
    public var glyphs: GlyphSet
    /// Markers over the visible columns (the test accuracy of each finished epoch).
    public var marks: [SparklineMark] = []
    /// Visible columns where an epoch starts, with its number.
    public var epochStarts: [(column: Int, epoch: Int)] = []
    /// Right-aligned on the bottom border when it fits beside the epoch labels.
    public var footnote: String?

    public init(title: String, values: [Double], style: Style, glyphs: GlyphSet, marks: [SparklineMark] = [],
                epochStarts: [(column: Int, epoch: Int)] = [], footnote: String? = nil,
                format: @escaping @Sendable (Double) -> String) {
        self.title = title
        self.values = values
        self.format = format
        self.style = style
        self.glyphs = glyphs
        self.marks = marks
        self.epochStarts = epochStarts
        self.footnote = footnote
    }

    /// The range note of the top border for an inner width: `min..max`, or one value when they are equal.
    func note(innerWidth: Int) -> String? {
        guard let r = Sparkline.range(of: values, width: innerWidth, marks: marks) else { return nil }
        return r.min == r.max ? format(r.min) : "\(format(r.min))..\(format(r.max))"
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        let inner = Panel.inner(of: area)
        let note = note(innerWidth: inner.width)
        // Panel shows title and note together when title + note + 3 fit in width - 4: the title gives way.
        let titleRoom = area.width - 4 - (note.map { $0.count + 3 } ?? 0)
        let parts = glyphs.text(title).components(separatedBy: glyphs.separator)
        let fitted = Format.parts(parts, separator: glyphs.separator, fitting: max(0, titleRoom))
        let panel = Panel(title: fitted, titleStyle: style.bolded, note: note, glyphs: glyphs)
        panel.render(into: &buffer, area: area)
        if values.isEmpty {
            let message = "no data yet"
            let y = inner.y + (inner.height - 1) / 2
            let x = inner.x + max(0, (inner.width - message.count) / 2)
            buffer.write(message, at: x, y, style: .dim, clippedTo: inner.width)
            return
        }
        Sparkline(values: values, style: style, glyphs: glyphs, marks: marks,
                  dividers: epochStarts.map(\.column)).render(into: &buffer, area: inner)
        renderBottomBorder(into: &buffer, area: area)
    }

    /// Epoch labels at their columns on the bottom border (one border cell between labels), then the
    /// footnote right-aligned in the rightmost gap between labels that holds it.
    private func renderBottomBorder(into buffer: inout CellBuffer, area: Rect) {
        guard area.height >= 3, area.width >= 4 else { return }
        let y = area.maxY - 1, left = area.x + 1, right = area.maxX - 1  // the corners stay
        var taken: [Range<Int>] = []
        for (i, start) in epochStarts.enumerated() {
            let x = left + start.column
            let next = i + 1 < epochStarts.count ? left + epochStarts[i + 1].column : right
            let long = "epoch \(start.epoch)"
            let label = i == 0 && x + long.count < next ? long : String(start.epoch)
            guard x >= (taken.last.map { $0.upperBound + 1 } ?? left), x + label.count <= right else { continue }
            buffer.write(label, at: x, y, style: .dim)
            taken.append(x..<(x + label.count))
        }
        guard let footnote else { return }
        let text = " " + glyphs.text(footnote) + " "
        // Gaps between labels, rightmost first; the text keeps one border cell from its neighbours.
        let bounds = [left - 1] + taken.flatMap { [$0.lowerBound, $0.upperBound - 1] } + [right]
        for gap in stride(from: bounds.count - 2, through: 0, by: -2) {
            let from = bounds[gap] + 2, to = bounds[gap + 1] - 1  // usable x in from..<to
            if to - from >= text.count {
                buffer.write(text, at: to - text.count, y, style: .dim)
                return
            }
        }
    }
}
