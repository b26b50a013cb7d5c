import LeNetTraining

// MARK: - Draw pad panel

/// The draw pad in a box: the 28x28 grid with its cursor, a probability bar per class beside it and the
/// prediction line under it:
/// ```
/// ┌ draw · pretrained.safetensors ─────────────┐
/// │            ▄▄▄▄▄▄▄▄▄        0 ▏          0%│
/// │            ▀▀▀▀▀▀██▀        1 ▏          0%│
/// │                 ██          …              │
/// │                ██           7 ██████████ 98%│
/// │ …                                          │
/// │prediction: 7 (98.2%)                       │
/// └────────────────────────────────────────────┘
/// ```
/// Without room for the bars beside the grid, the three likeliest classes go under the prediction line.
/// The grid uses half blocks (one column and half a row per pixel: 28x14 cells, square on most fonts) or,
/// with room for 56x28 cells, two columns per pixel. In colour the pixels are backgrounds (ink, canvas,
/// cursor); without colours (or without Unicode) they are glyphs and the cursor cell is drawn reversed.
/// v shows the network's 28x28 input in grey levels instead, g that input with the saliency overlay
/// (`MapImage`). An empty pad shows a hint, never a number.
/// When the pad does not have the keys (a preview), the title names the weights too, and how to open it.
public struct PadPanel: Sendable {
    public var state: DashboardState
    public var glyphs: GlyphSet
    public var depth: ColorDepth

    public init(state: DashboardState, glyphs: GlyphSet, depth: ColorDepth = .monochrome) {
        self.state = state
        self.glyphs = glyphs
        self.depth = depth
    }

    /// Pixel side of the grid.
    static let side = DrawPad.side
    /// Columns the bars beside the grid need at least ("7 ███ 98%").
    static let minimumBarWidth = 10
    /// Longest probability bar (columns).
    static let maximumBarWidth = 24

    /// Whether the grid is drawn two columns per pixel (else half blocks) in an inner area of this size.
    public static func usesTwoColumns(innerWidth: Int, innerHeight: Int) -> Bool {
        innerWidth >= 2 * side + 2 + minimumBarWidth + 8 && innerHeight >= side + 1
    }

    /// Where the 28x28 grid goes in the panel's inner area: its rectangle and whether it is drawn two
    /// columns per pixel (else half blocks, two pixel rows per cell). The saliency overlay is always half
    /// blocks.
    static func grid(inner: Rect, showsSaliency: Bool) -> (rect: Rect, twoColumns: Bool) {
        let twoColumns = usesTwoColumns(innerWidth: inner.width, innerHeight: inner.height) && !showsSaliency
        let rect = Rect(x: inner.x, y: inner.y, width: twoColumns ? 2 * side : side,
                        height: min(inner.height - 1, twoColumns ? side : side / 2))
        return (rect, twoColumns)
    }

    /// The pad pixel under the terminal cell (x, y) of a pad panel drawn in `area`: its column and top
    /// row, and how many pixel rows the cell shows (2 for a half-block cell, 1 two columns a pixel); nil
    /// outside the grid.
    public static func pixel(atX x: Int, y: Int, area: Rect, showsSaliency: Bool) -> (x: Int, y: Int, rows: Int)? {
        let (grid, twoColumns) = grid(inner: Panel.inner(of: area), showsSaliency: showsSaliency)
        guard area.width >= 2, area.height >= 2, grid.contains(x: x, y: y) else { return nil }
        return twoColumns ? ((x - grid.x) / 2, y - grid.y, 1) : (x - grid.x, 2 * (y - grid.y), 2)
    }

    /// The title in `width` columns: what the pad uses (the longest form of `padSourceLabels` that fits
    /// beside the rest) and what it shows, or, for a preview, how to open it
    /// (`draw · pretrained · d to draw`); parts that do not fit are left out whole, the weights last.
    func title(width: Int) -> String {
        let labels = state.padSourceLabels
        // The bare shortest label ("epoch 3, batch 50/100") only alone: it does not say "training" itself.
        let named = labels.dropLast(labels.count > 1 ? 1 : 0)
        guard state.padOpen else {
            let titles = named.map { "draw · \($0) · d to draw" } + labels.map { "draw · \($0)" } + ["draw pad · d to draw"]
            return titles.first { glyphs.text($0).count <= width } ?? "draw"
        }
        let shows = state.showsSaliency ? "saliency" : state.showsNetworkInput ? "network's view" : nil
        let titles = (shows.map { shows in named.map { "draw · \($0) · \(shows)" } } ?? [])
            + labels.map { "draw · \($0)" }
        return titles.first { glyphs.text($0).count <= width } ?? "draw"
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        let active = state.padOpen
        let inner = Panel(title: title(width: area.width - 4), titleStyle: active ? .accent.bolded : .bold,
                          borderStyle: active ? .accent : .dim, glyphs: glyphs).render(into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        let (grid, twoColumns) = Self.grid(inner: inner, showsSaliency: state.showsSaliency)
        if state.showsSaliency, let reading = state.padReading {
            // g: the network's input with the saliency overlay (the cursor is not shown).
            MapImage.input(reading.input.pixels, saliency: state.currentInside?.saliencyMagnitude, glyphs: glyphs, depth: depth)
                .render(into: &buffer, at: grid.x, grid.y, clip: grid)
        } else if twoColumns { drawTwoColumnGrid(into: &buffer, grid, showCursor: active) }
        else { drawHalfBlockGrid(into: &buffer, grid, showCursor: active) }

        // Bars and pad state beside the grid.
        let beside = Rect(x: grid.maxX + 2, y: inner.y, width: inner.maxX - grid.maxX - 2, height: grid.height)
        if beside.width >= Self.minimumBarWidth {
            drawBars(into: &buffer, beside)
            var lines: [String] = []
            let pad = state.pad
            lines.append(pad.penDown ? (pad.eraser ? "erasing" : "pen down") : "pen up")
            lines.append("brush \(pad.brush)" + (pad.eraser ? " · eraser" : ""))
            lines.append("cursor \(pad.cursorX),\(pad.cursorY)")
            for (i, line) in lines.enumerated() where 11 + i < beside.height {
                buffer.write(glyphs.text(line), in: beside.row(11 + i), style: .dim)
            }
        }
        else if let reading = state.padReading, let p = reading.probabilities {
            // No room for bars beside the grid: the likeliest classes under the prediction line, three when
            // their names fit, else two or one named, else three indices.
            let top = Array(p.indices.sorted { p[$0] > p[$1] || (p[$0] == p[$1] && $0 < $1) }.prefix(3))
            let labels = ClassLabels(state.classNames)
            let choices: [(Int, ClassLabels.Form)] = [(3, .full), (3, .short), (2, .full), (2, .short), (1, .full), (3, .index)]
            let lines = choices.map { count, form in
                top.prefix(count).map { "\(labels.label($0, form)) \(Int((Double(p[$0]) * 100).rounded()))%" }
                    .joined(separator: glyphs.separator)
            }
            buffer.write(lines.first { $0.count <= inner.width } ?? lines[lines.count - 1], in: inner.row(grid.height + 1), style: .dim)
        }
        // The prediction line under the grid.
        let row = inner.row(grid.height)
        if let reading = state.padReading {
            if let line = reading.line(classNames: state.classNames) {
                buffer.write(line, in: row, style: .good.bolded)
            } else {
                buffer.write("no model weights to read the drawing with", in: row, style: .warn)
            }
        } else {
            // Shortened by design, never cut mid-word.
            let hints = active ? ["empty pad: space puts the pen down, arrows draw", "space: pen down, arrows draw", "arrows draw"]
                : ["press d to draw \(ClassLabels(state.classNames).oneImage)", "d to draw"]
            buffer.write(Format.firstFitting(hints.map(glyphs.text), width: row.width), in: row, style: .dim)
        }
    }

    // MARK: Grid

    /// What a pixel shows: the drawing (0 or 255), or the network's input (0...255) with v.
    func value(x: Int, y: Int) -> UInt8 {
        if state.showsNetworkInput {
            return state.padReading?.input.pixels[y * Self.side + x] ?? 0
        }
        return state.pad.isInked(x: x, y: y) ? 255 : 0
    }

    func isCursor(x: Int, y: Int, showCursor: Bool) -> Bool {
        showCursor && !state.showsNetworkInput && x == state.pad.cursorX && y == state.pad.cursorY
    }

    /// The colour of a pixel in colour mode.
    func role(x: Int, y: Int, showCursor: Bool) -> ColorRole {
        if isCursor(x: x, y: y, showCursor: showCursor) { return .cursor }
        let v = value(x: x, y: y)
        if state.showsNetworkInput { return .grey(Int((Double(v) / 255 * 7).rounded()) * 23 / 7) }
        return v > 0 ? .ink : .canvas
    }

    private var colours: Bool { depth != .monochrome && glyphs.isUnicode }

    /// The 28x28 grid in half blocks (14 rows) at `grid`'s origin: the drawing with the cursor, or with v
    /// the network's input in greys. The network view draws the pad with it too.
    func drawHalfBlockGrid(into buffer: inout CellBuffer, _ grid: Rect, showCursor: Bool) {
        for cy in 0..<grid.height {
            for x in 0..<Self.side {
                let top = 2 * cy, bottom = 2 * cy + 1
                let cell: Cell
                if colours && state.showsNetworkInput {
                    cell = Cell(glyphs.halfBlocks[2], style: Style(foreground: role(x: x, y: top, showCursor: showCursor),
                                                                  background: role(x: x, y: bottom, showCursor: showCursor)))
                } else if colours {
                    // The glyph follows the ink (so the text alone reads right), the colours add the cursor.
                    let topRole = role(x: x, y: top, showCursor: showCursor)
                    let bottomRole = role(x: x, y: bottom, showCursor: showCursor)
                    switch (topRole == .canvas, bottomRole == .canvas) {
                    case (true, true): cell = Cell(" ", style: Style(background: .canvas))
                    case (false, true): cell = Cell(glyphs.halfBlocks[2], style: Style(foreground: topRole, background: .canvas))
                    case (true, false): cell = Cell(glyphs.halfBlocks[1], style: Style(foreground: bottomRole, background: .canvas))
                    case (false, false):
                        cell = topRole == bottomRole ? Cell(glyphs.halfBlocks[3], style: Style(foreground: topRole))
                            : Cell(glyphs.halfBlocks[2], style: Style(foreground: topRole, background: bottomRole))
                    }
                } else if state.showsNetworkInput {
                    let mean = (Int(value(x: x, y: top)) + Int(value(x: x, y: bottom))) / 2
                    cell = Cell(glyphs.shades[min(glyphs.shades.count - 1, (mean * glyphs.shades.count) / 256)])
                } else {
                    let t = value(x: x, y: top) > 0 ? 1 : 0, b = value(x: x, y: bottom) > 0 ? 1 : 0
                    let cursor = isCursor(x: x, y: top, showCursor: showCursor) || isCursor(x: x, y: bottom, showCursor: showCursor)
                    if cursor {
                        cell = Cell(glyphs.halfBlocks[t * 2 + b], style: Style(foreground: .cursor, bold: true, reverse: true))
                    } else if t + b == 0 {
                        // A faint dot grid shows the pad's extent without colours.
                        cell = x % 2 == 0 ? Cell(glyphs.isUnicode ? "·" : ".", style: .dim) : .blank
                    } else {
                        cell = Cell(glyphs.halfBlocks[t * 2 + b])
                    }
                }
                buffer[grid.x + x, grid.y + cy] = cell
            }
        }
    }

    private func drawTwoColumnGrid(into buffer: inout CellBuffer, _ grid: Rect, showCursor: Bool) {
        for y in 0..<grid.height {
            for x in 0..<Self.side {
                let cells: (Cell, Cell)
                let cursor = isCursor(x: x, y: y, showCursor: showCursor)
                if colours && state.showsNetworkInput {
                    // Grey level as colour and as a shade glyph (readable without colours too).
                    let v = Int(value(x: x, y: y))
                    let shade = glyphs.shades[min(glyphs.shades.count - 1, v * glyphs.shades.count / 256)]
                    let cell = Cell(shade, style: Style(foreground: role(x: x, y: y, showCursor: showCursor), background: .canvas))
                    cells = (cell, cell)
                } else if colours {
                    let r = role(x: x, y: y, showCursor: showCursor)
                    let cell = r == .canvas ? Cell(" ", style: Style(background: .canvas))
                        : Cell(glyphs.barFull, style: Style(foreground: r, background: .canvas))
                    cells = (cell, cell)
                } else if state.showsNetworkInput {
                    let shade = glyphs.shades[min(glyphs.shades.count - 1, Int(value(x: x, y: y)) * glyphs.shades.count / 256)]
                    cells = (Cell(shade), Cell(shade))
                } else if cursor {
                    let style = Style(foreground: .cursor, bold: true, reverse: value(x: x, y: y) > 0)
                    cells = (Cell("[", style: style), Cell("]", style: style))
                } else if value(x: x, y: y) > 0 {
                    cells = (Cell(glyphs.barFull), Cell(glyphs.barFull))
                } else {
                    cells = (Cell(" "), Cell(glyphs.isUnicode ? "·" : ".", style: .dim))
                }
                buffer[grid.x + 2 * x, grid.y + y] = cells.0
                buffer[grid.x + 2 * x + 1, grid.y + y] = cells.1
            }
        }
    }

    // MARK: Bars

    /// One row per class: `7 ████████▌ 98%`; the predicted class is highlighted.
    private func drawBars(into buffer: inout CellBuffer, _ area: Rect) {
        ProbabilityBars(names: state.classNames, probabilities: state.padReading?.probabilities,
                        predicted: state.padReading?.predicted, maximumBarWidth: Self.maximumBarWidth, glyphs: glyphs)
            .render(into: &buffer, area: area)
    }
}
