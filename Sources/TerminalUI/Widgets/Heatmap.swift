import LeNetTraining

// MARK: - Confusion-matrix heatmap

/// The test confusion matrix (row = true class, column = predicted) as a heatmap in a box, here at 120x40
/// (46 columns inside) after an epoch:
/// ```
/// ┌ confusion · epoch 1 · 97.71% ────────────────┐
/// │true           predicted →                    │
/// │↓   0   1   2   3   4   5   6   7   8   9 rec%│
/// │0 976               1   1   1   1         99.6│
/// │1    1128   2           1       2   2     99.4│
/// │2   7  2 1014   3               4   2     98.3│
/// │…                                             │
/// │9   6   6       3  25   7      13   2 947 93.9│
/// │largest: true 9 → predicted 4: 25             │
/// │         true 8 → predicted 0: 15             │
/// │         true 9 → predicted 7: 13             │
/// │rec% = recall: correct / images in the row    │
/// └──────────────────────────────────────────────┘
/// ```
/// Axis labels: "true" over the row labels (with an arrow down them), "predicted →" over the columns.
/// Every count is written in its cell (`HeatmapRowLayout`): exact when it fits, else a compact form
/// (`1k`); the exact count is on the bottom line when the cell is selected (b) and in the browser. Zeros
/// stay blank. The last column is each class's **recall** in percent (the row's diagonal share: what
/// `lenet-tui test` calls recall), headed `rec%`, or `recall %` when wide. Each cell's colour is its share
/// of the row on a perceptual ramp with a logarithmic scale (`HeatRamp`): many steps with 256 colours, five
/// with 8, shade characters without colours. Under the matrix: the largest confusions worded "true 9 →
/// predicted 4: 13" (or the selected cell), for Fashion-MNIST a legend of the class indices, and notes
/// explaining the recall column and the colours, as many as the height allows (`ClassLabels` names the
/// classes). Cell, label and recall columns shrink with the width (`geometry(width:)`).
public struct Heatmap: Sendable {
    public var matrix: ConfusionMatrix?
    public var epoch: Int?
    /// The class names (index = class) and how they are shown.
    public var labels: ClassLabels
    public var glyphs: GlyphSet
    public var depth: ColorDepth
    /// Draws the border highlighted (the panel has the keys).
    public var focused: Bool
    /// The cell picked with b and the arrows: drawn reversed, named on the bottom line.
    public var selection: ConfusionCell?
    /// Whether the bottom line offers Enter on the selected cell (not while the browser shows it).
    public var offersBrowsing: Bool

    public init(matrix: ConfusionMatrix?, epoch: Int? = nil, classNames: [String] = (0..<10).map(String.init),
                glyphs: GlyphSet, depth: ColorDepth = .monochrome, focused: Bool = false,
                selection: ConfusionCell? = nil, offersBrowsing: Bool = true) {
        self.selection = selection
        self.offersBrowsing = offersBrowsing
        self.matrix = matrix
        self.epoch = epoch
        self.labels = ClassLabels(classNames)
        self.glyphs = glyphs
        self.depth = depth
        self.focused = focused
    }

    /// The class names, index = class.
    public var classNames: [String] { labels.names }

    /// Column widths for `width` inner columns and `classes` classes: row label, cell, recall (0 = none).
    /// At 120x40 and 100x30 (46 columns inside): 1, 4, 5; at 80x24 (78 inside): 2, 6, 9.
    public static func geometry(width: Int, classes: Int = 10) -> (label: Int, cell: Int, recall: Int) {
        let options = [(2, 6, 9), (2, 5, 9), (2, 5, 6), (2, 4, 6), (2, 4, 5), (1, 4, 5), (2, 3, 5), (1, 3, 5),
                       (1, 2, 5), (1, 2, 0), (1, 1, 0)]
        for o in options where o.0 + o.1 * classes + o.2 <= width { return o }
        return (1, 1, 0)
    }

    /// Rows above the matrix's first row in the inner area: the column headings, and the axis labels
    /// above them when the bottom line still fits under the matrix.
    static func headingRows(innerHeight: Int, classes n: Int) -> Int { innerHeight >= n + 3 ? 2 : 1 }

    /// The matrix cell under the terminal cell (x, y) of a heatmap drawn in `area` (row = true class,
    /// column = predicted), or nil outside the cells (labels, recall, headings, border).
    public static func cell(atX x: Int, y: Int, area: Rect, classes n: Int = 10) -> ConfusionCell? {
        let inner = Panel.inner(of: area)
        let g = geometry(width: inner.width, classes: n)
        let row = y - inner.y - headingRows(innerHeight: inner.height, classes: n)
        let offset = x - inner.x - g.label
        guard inner.contains(x: x, y: y), (0..<n).contains(row), offset >= 0, offset / g.cell < n else { return nil }
        return ConfusionCell(trueClass: row, predicted: offset / g.cell)
    }

    /// The recall column's heading for a column `width` wide: `recall %` from 9 columns, else `rec%`.
    static func recallHeading(width: Int) -> String { width >= 9 ? "recall %" : "rec%" }

    /// Recall as shown: one decimal, "100" for a perfect row, "-" for an empty row.
    static func recallText(_ correct: Int, of total: Int) -> String {
        guard total > 0 else { return "-" }
        if correct == total { return "100" }
        return Format.fixed(Double(correct) / Double(total) * 100, digits: 1)
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        var title = "confusion"
        if let epoch { title += " · epoch \(epoch)" }
        if let m = matrix, m.total > 0 { title += " · " + Format.percent(Double(m.correct) / Double(m.total), digits: 2) }
        let inner = Panel(title: title, titleStyle: focused ? .accent.bolded : .bold,
                          borderStyle: focused ? .accent : .dim, glyphs: glyphs).render(into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        guard let m = matrix, m.total > 0 else {
            buffer.write(glyphs.text("test-set confusion after the first epoch…"), in: inner.row(0), style: .dim)
            return
        }
        let n = m.classCount
        let g = Self.geometry(width: inner.width, classes: n)
        // The axis row only when the bottom line still fits under the matrix.
        let axisRow = Self.headingRows(innerHeight: inner.height, classes: n) - 1
        if axisRow == 1 { drawAxisLabels(into: &buffer, inner.row(0), geometry: g, classes: n) }
        drawColumnHeadings(into: &buffer, inner.row(axisRow), geometry: g, classes: n, arrow: axisRow == 1)
        for r in 0..<n where axisRow + 1 + r < inner.height {
            drawRow(r, of: m, into: &buffer, y: inner.y + axisRow + 1 + r, x: inner.x, geometry: g)
        }
        let below = inner.droppingTop(axisRow + 1 + n)
        for (i, line) in bottomLines(m, width: below.width, rows: below.height, recallWidth: g.recall).enumerated() {
            buffer.write(Format.truncate(glyphs.text(line.text), to: below.width, ellipsis: glyphs.ellipsis),
                         in: below.row(i), style: line.style)
        }
    }

    // MARK: Axes

    /// "true" over the row labels and "predicted →" centred over the columns.
    private func drawAxisLabels(into buffer: inout CellBuffer, _ row: Rect, geometry g: (label: Int, cell: Int, recall: Int),
                                classes n: Int) {
        let predicted = glyphs.text("predicted →")
        let columns = n * g.cell
        let x = max(6, g.label + (columns - predicted.count) / 2)
        buffer.write("true", in: row, style: .dim)
        buffer.write(predicted, at: row.x + x, row.y, style: .dim, clippedTo: row.width - x)
    }

    /// The column indices right-aligned over the counts, the recall heading, and with `arrow` an arrow from
    /// the axis row's "true" down the row labels.
    private func drawColumnHeadings(into buffer: inout CellBuffer, _ row: Rect, geometry g: (label: Int, cell: Int, recall: Int),
                                    classes n: Int, arrow: Bool) {
        var header = Format.left(arrow ? glyphs.text("↓") : "", g.label)
        for c in 0..<n { header += Format.right(String(c), g.cell) }
        if g.recall > 0 { header += Format.right(Self.recallHeading(width: g.recall), g.recall) }
        buffer.write(header, in: row, style: .dim)
    }

    // MARK: Cells

    private func drawRow(_ r: Int, of m: ConfusionMatrix, into buffer: inout CellBuffer, y: Int, x left: Int,
                         geometry g: (label: Int, cell: Int, recall: Int)) {
        let n = m.classCount
        buffer.write(Format.left(String(r), g.label), at: left, y, style: .dim, clippedTo: g.label)
        let counts = (0..<n).map { m[r, $0] }
        let rowTotal = counts.reduce(0, +)
        let steps = HeatRamp.steps(for: depth)
        let placed = HeatmapRowLayout.place(counts, labelEnd: 0, firstCell: g.label, cellWidth: g.cell)
        for c in 0..<n {
            let step = HeatRamp.step(share: rowTotal > 0 ? Double(counts[c]) / Double(rowTotal) : 0, steps: steps)
            let x = left + g.label + c * g.cell
            let cellRect = Rect(x: x, y: y, width: g.cell, height: 1)
            let style: Style
            switch depth {
            case .monochrome:  // the shade stays visible beside the number
                style = r == c ? .bold : .plain
                buffer.fill(cellRect, with: Cell(glyphs.shades[min(step, glyphs.shades.count - 1)], style: style))
            case .basic, .extended:
                style = Style(foreground: .heatText(step), background: .heat(step), bold: r == c)
                buffer.fill(cellRect, with: Cell(" ", style: style))
            }
            if let text = placed[c] { buffer.write(text.text, at: left + text.x, y, style: style) }
            if selection == ConfusionCell(trueClass: r, predicted: c) {
                // Reversed (and bracketed where the count leaves room) so it shows with and without colours.
                let selected = Style(foreground: .cursor, bold: true, reverse: true)
                buffer.setStyle(selected, in: cellRect)
                if g.cell >= 3, (placed[c]?.x ?? Int.max) > g.label + c * g.cell { buffer[x, y] = Cell("[", style: selected) }
            }
        }
        if g.recall > 0 {
            let text = Format.right(Self.recallText(counts[r], of: rowTotal), g.recall)
            let share = rowTotal > 0 ? Double(counts[r]) / Double(rowTotal) : 1
            buffer.write(text, at: left + g.label + n * g.cell, y, style: share < 0.97 ? .warn : .plain)
        }
    }
}
