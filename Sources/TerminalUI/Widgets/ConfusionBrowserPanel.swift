import LeNetTraining

// MARK: - Confusion browser

/// The test images of one confusion-matrix cell, one at a time (b, arrows, Enter on the heatmap):
/// ```
/// ┌ confusion browser ─────────────────────────┐
/// │true 4 → predicted 9 · 3/12 · test 1234     │
/// │      ░▓▓░      ▒█▒        0 ▏          0%  │
/// │     ▒█▒▒█▒    ▓█░         …                │
/// │     ░▓████████▓░          9 █████████ 87%  │
/// │ …                                          │
/// │p(9) 87.3% · p(4) 10.1%                     │
/// └────────────────────────────────────────────┘
/// ```
/// The 28x28 image is drawn in half blocks (28x14 cells): with colours, grey levels as the pad's network
/// view draws them (the glyph follows the ink, so the text alone still shows the digit); without, shade
/// glyphs by the mean of the two pixels; with g, the saliency overlay (`MapImage`). Beside it a
/// probability bar per class; the predicted class is highlighted, the true class marked.
public struct ConfusionBrowserPanel: Sendable {
    public var browsing: ConfusionBrowsing
    public var classNames: [String]
    public var glyphs: GlyphSet
    public var depth: ColorDepth
    /// g: the saliency map of the shown image in `0...1`, overlaid on it (`nil`: the plain image).
    public var saliency: FeatureMaps?

    public init(browsing: ConfusionBrowsing, classNames: [String] = (0..<10).map(String.init), glyphs: GlyphSet,
                depth: ColorDepth = .monochrome, saliency: FeatureMaps? = nil) {
        self.browsing = browsing
        self.saliency = saliency
        self.classNames = classNames
        self.glyphs = glyphs
        self.depth = depth
    }

    static let side = 28
    /// Longest probability bar (columns).
    static let maximumBarWidth = 16

    func name(_ c: Int) -> String { c < classNames.count ? classNames[c] : String(c) }

    /// The first line: "true 4 → predicted 9 · image 3 of 12 · test index 1234", shortened to fit `width`.
    func headline(width: Int) -> String {
        let cell = "true \(name(browsing.cell.trueClass)) \(glyphs.arrow) predicted \(name(browsing.cell.predicted))"
        guard let examples = browsing.examples else { return cell }
        guard let current = browsing.current else { return cell + glyphs.separator + "no images" }
        let long = cell + glyphs.separator + "image \(browsing.index + 1) of \(examples.count)"
            + glyphs.separator + "test index \(current.testIndex)"
        if long.count <= width { return long }
        return cell + glyphs.separator + "\(browsing.index + 1)/\(examples.count)" + glyphs.separator
            + "test \(current.testIndex)"
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        let inner = Panel(title: "confusion browser", titleStyle: .accent.bolded, borderStyle: .accent,
                          glyphs: glyphs).render(into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        buffer.write(Format.truncate(glyphs.text(headline(width: inner.width)), to: inner.width, ellipsis: glyphs.ellipsis),
                     in: inner.row(0), style: .bold)
        guard let examples = browsing.examples else {
            buffer.write(glyphs.text("finding the test images…"), in: inner.row(1), style: .dim)
            return
        }
        guard let example = browsing.current else {
            let text = examples.isEmpty ? "no test images in this cell with the current weights" : ""
            buffer.write(glyphs.text(text), in: inner.row(1), style: .dim)
            return
        }
        let grid = Rect(x: inner.x, y: inner.y + 1, width: Self.side,
                        height: max(0, min(Self.side / 2, inner.height - 2)))
        if let saliency {
            MapImage.input(example.pixels, saliency: saliency, glyphs: glyphs, depth: depth)
                .render(into: &buffer, at: grid.x, grid.y, clip: grid)
        } else {
            drawImage(example.pixels, into: &buffer, grid)
        }
        let beside = Rect(x: grid.maxX + 2, y: grid.y, width: inner.maxX - grid.maxX - 2, height: grid.height)
        if beside.width >= 8 { drawBars(example.probabilities, into: &buffer, beside) }
        let p = example.probabilities
        func share(_ c: Int) -> String { c < p.count ? Format.percent(Double(p[c]), digits: 1) : "-" }
        var line = "p(\(name(example.predicted))) \(share(example.predicted))"
        if example.trueClass != example.predicted {
            line += glyphs.separator + "p(\(name(example.trueClass))) \(share(example.trueClass))"
        }
        if inner.height > grid.height + 1 {
            buffer.write(Format.truncate(glyphs.text(line), to: inner.width, ellipsis: glyphs.ellipsis),
                         in: inner.row(grid.height + 1), style: .dim)
        }
        if inner.height > grid.height + 2, let note = countNote(found: examples.count) {
            buffer.write(Format.truncate(glyphs.text(note), to: inner.width, ellipsis: glyphs.ellipsis),
                         in: inner.row(grid.height + 2), style: .dim)
        }
    }

    /// When the weights moved on since the heatmap's epoch and the cell's count changed:
    /// "heatmap (epoch 2): 7 · weights now: 5".
    func countNote(found: Int) -> String? {
        guard let count = browsing.heatmapCount, count != found, found < ConfusionBrowser.defaultLimit else { return nil }
        let epoch = browsing.heatmapEpoch.map { " (epoch \($0))" } ?? ""
        return "heatmap\(epoch): \(count)" + glyphs.separator + "weights now: \(found)"
    }

    private var colours: Bool { depth != .monochrome && glyphs.isUnicode }

    /// A 28x28 grey image in half blocks: colours (upper half = foreground) or shade glyphs.
    private func drawImage(_ pixels: [UInt8], into buffer: inout CellBuffer, _ grid: Rect) {
        guard pixels.count == Self.side * Self.side else { return }
        func grey(_ v: UInt8) -> ColorRole { .grey(Int((Double(v) / 255 * 7).rounded()) * 23 / 7) }
        for cy in 0..<grid.height {
            for x in 0..<Self.side {
                let top = pixels[2 * cy * Self.side + x], bottom = pixels[(2 * cy + 1) * Self.side + x]
                let cell: Cell
                if colours {
                    // The glyph follows the ink (so the text alone shows the digit), the colours add the greys.
                    switch (top > 0, bottom > 0) {
                    case (false, false): cell = Cell(" ", style: Style(background: grey(0)))
                    case (true, false): cell = Cell(glyphs.halfBlocks[2], style: Style(foreground: grey(top), background: grey(0)))
                    case (false, true): cell = Cell(glyphs.halfBlocks[1], style: Style(foreground: grey(bottom), background: grey(0)))
                    case (true, true): cell = Cell(glyphs.halfBlocks[2], style: Style(foreground: grey(top), background: grey(bottom)))
                    }
                } else {
                    let mean = (Int(top) + Int(bottom)) / 2
                    cell = Cell(glyphs.shades[min(glyphs.shades.count - 1, mean * glyphs.shades.count / 256)])
                }
                buffer[grid.x + x, grid.y + cy] = cell
            }
        }
    }

    /// One row per class: `9 ████████▌  87%`; the predicted class highlighted, the true class marked `*`.
    private func drawBars(_ probabilities: [Float], into buffer: inout CellBuffer, _ area: Rect) {
        ProbabilityBars(names: classNames, probabilities: probabilities, predicted: browsing.cell.predicted,
                        marked: browsing.cell.trueClass, maximumBarWidth: Self.maximumBarWidth, glyphs: glyphs)
            .render(into: &buffer, area: area)
    }
}
