import LeNetTraining

// MARK: - Confusion-matrix heatmap

/// The test confusion matrix (row = true class, column = predicted) as a heatmap in a box:
/// ```
/// ┌ confusion · epoch 30 · 98.55% ───────────────┐
/// │    0   1   2   3   4   5   6   7   8   9  acc│
/// │0 974                       2   2   2     99.4│
/// │1           3           2   1             99.5│
/// │…                                             │
/// │9   3   2   2   4   7   3       5   3 980 97.1│
/// │largest: 7→2: 9 · 5→3: 7 · 9→4: 7 · 7→1: 6   │
/// └──────────────────────────────────────────────┘
/// ```
/// Each cell's colour is its share of the row (the true class's images) on a perceptual ramp with a
/// logarithmic scale (`HeatRamp`): many steps with 256 colours, five with 8, shade characters without
/// colours. Counts are written inside the cells when they fit with a space before them (zeros are left
/// blank, and a 4-digit diagonal in a 4-column cell is colour only); per-class accuracy
/// (the row's diagonal share, %) is beside each row; the bottom line names the largest off-diagonal
/// confusions. Cell width, label and accuracy columns shrink with the area (`geometry(width:)`).
public struct Heatmap: Sendable {
    public var matrix: ConfusionMatrix?
    public var epoch: Int?
    public var classNames: [String]
    public var glyphs: GlyphSet
    public var depth: ColorDepth
    /// Draws the border highlighted (the panel has the keys).
    public var focused: Bool
    /// The cell picked with b and the arrows: drawn reversed, named on the bottom line.
    public var selection: ConfusionCell?

    public init(matrix: ConfusionMatrix?, epoch: Int? = nil, classNames: [String] = (0..<10).map(String.init),
                glyphs: GlyphSet, depth: ColorDepth = .monochrome, focused: Bool = false,
                selection: ConfusionCell? = nil) {
        self.selection = selection
        self.matrix = matrix
        self.epoch = epoch
        self.classNames = classNames
        self.glyphs = glyphs
        self.depth = depth
        self.focused = focused
    }

    /// Column widths for `width` inner columns and `classes` classes: row label, cell, accuracy (0 = none).
    public static func geometry(width: Int, classes: Int = 10) -> (label: Int, cell: Int, accuracy: Int) {
        let options = [(2, 5, 6), (2, 4, 6), (2, 4, 5), (1, 4, 5), (2, 3, 5), (1, 3, 5), (1, 2, 5), (1, 2, 0), (1, 1, 0)]
        for o in options where o.0 + o.1 * classes + o.2 <= width { return o }
        return (1, 1, 0)
    }

    /// A class's short label (its name when one or two characters, else its index).
    func label(_ c: Int, width: Int) -> String {
        let name = c < classNames.count ? classNames[c] : String(c)
        return name.count <= width ? name : String(c)
    }

    /// A class's name for the confusion line.
    func name(_ c: Int) -> String { c < classNames.count ? classNames[c] : String(c) }

    /// Per-class accuracy as shown: one decimal, "100" for a perfect row, "-" for an empty row.
    static func accuracyText(_ correct: Int, of total: Int) -> String {
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
        let steps = HeatRamp.steps(for: depth)
        // Column labels, right-aligned over the counts.
        var header = String(repeating: " ", count: g.label)
        for c in 0..<n { header += Format.right(label(c, width: g.cell), g.cell) }
        if g.accuracy > 0 { header += Format.right("acc", g.accuracy) }
        buffer.write(header, in: inner.row(0), style: .dim)

        for r in 0..<n where 1 + r < inner.height {
            let y = inner.y + 1 + r
            buffer.write(Format.left(label(r, width: g.label), g.label), at: inner.x, y, style: .dim, clippedTo: g.label)
            let rowTotal = (0..<n).reduce(0) { $0 + m[r, $1] }
            for c in 0..<n {
                let count = m[r, c]
                let step = HeatRamp.step(share: rowTotal > 0 ? Double(count) / Double(rowTotal) : 0, steps: steps)
                let x = inner.x + g.label + c * g.cell
                let cellRect = Rect(x: x, y: y, width: g.cell, height: 1)
                // A count is shown when it fits with a space before it (neighbours stay apart).
                let text = count > 0 && String(count).count < g.cell ? Format.right(String(count), g.cell) : nil
                switch depth {
                case .monochrome:
                    let shade = glyphs.shades[min(step, glyphs.shades.count - 1)]
                    buffer.fill(cellRect, with: Cell(shade, style: r == c ? .bold : .plain))
                    if text != nil {  // the shade stays visible left of the number
                        let digits = String(count)
                        buffer.write(digits, at: x + g.cell - digits.count, y, style: r == c ? .bold : .plain)
                    }
                case .basic, .extended:
                    let style = Style(foreground: .heatText(step), background: .heat(step), bold: r == c)
                    buffer.fill(cellRect, with: Cell(" ", style: style))
                    if let text { buffer.write(text, at: x, y, style: style) }
                }
                if selection == ConfusionCell(trueClass: r, predicted: c) {
                    // Reversed (and bracketed when there is room) so it shows with and without colours.
                    buffer.setStyle(Style(foreground: .cursor, bold: true, reverse: true), in: cellRect)
                    if g.cell >= 3 { buffer[x, y] = Cell("[", style: Style(foreground: .cursor, bold: true, reverse: true)) }
                }
            }
            if g.accuracy > 0 {
                let text = Format.right(Self.accuracyText(m[r, r], of: rowTotal), g.accuracy)
                let share = rowTotal > 0 ? Double(m[r, r]) / Double(rowTotal) : 1
                buffer.write(text, at: inner.x + g.label + n * g.cell, y, style: share < 0.97 ? .warn : .plain)
            }
        }
        guard inner.height > 1 + n else { return }
        if let s = selection, s.trueClass < n, s.predicted < n {
            let images = m[s.trueClass, s.predicted] == 1 ? "image" : "images"
            let what = s.trueClass == s.predicted ? "correct" : "\(name(s.trueClass))\(glyphs.arrow)\(name(s.predicted))"
            let line = "\(what): \(m[s.trueClass, s.predicted]) \(images)" + glyphs.separator + "Enter browses"
            buffer.write(Format.truncate(glyphs.text(line), to: inner.width, ellipsis: glyphs.ellipsis),
                         in: inner.row(1 + n), style: .accent.bolded)
            return
        }
        let top = ConfusionSummary.topConfusions(m, limit: 4)
        var line = top.isEmpty ? "no confusions" : "largest: "
        for (i, t) in top.enumerated() {
            let part = "\(name(t.trueClass))\(glyphs.arrow)\(name(t.predicted)): \(t.count)"
            let candidate = line + (i > 0 ? glyphs.separator : "") + part
            if i > 0 && candidate.count > inner.width { break }
            line = candidate
        }
        buffer.write(Format.truncate(glyphs.text(line), to: inner.width, ellipsis: glyphs.ellipsis),
                     in: inner.row(1 + n), style: .warn)
    }
}
