import LeNetTraining

// MARK: - Confusion browser

/// The test images of one confusion-matrix cell, one at a time (b, arrows, Enter on the heatmap):
/// ```
/// ┌ confusion browser ─────────────────────────┐
/// │true 4 → predicted 9 · 3/12 · test 1234     │
/// │      ░▓▓░      ▒█▒        0 ▏          0%  │
/// │     ▒█▒▒█▒    ▓█░         …                │
/// │     ░▓████████▓░          9 █████████ 87%  │
/// │                                            │
/// │                           * = true class   │
/// │ …                                          │
/// │p(9) 87.3% · p(4) 10.1%                     │
/// └────────────────────────────────────────────┘
/// ```
/// The 28x28 image is drawn in half blocks (28x14 cells): with colours, grey levels as the pad's network
/// view draws them (the glyph follows the ink, so the text alone still shows the digit); without, shade
/// glyphs by the mean of the two pixels; with g, the saliency overlay (`MapImage`). Beside it a
/// probability bar per class; the predicted class is highlighted, the true class marked `*` (with a legend
/// under the bars: `* = true class`). Classes are named
/// as `ClassLabels` says (`true 6 Shirt → predicted 0 T-shirt/top`, shorter forms where that does not
/// fit). Under the image: the probabilities of the predicted and the true class, then what the list
/// leaves out ("showing the first 50 of 1,128 images": the browser keeps `ConfusionBrowser.defaultLimit`)
/// and whether the weights moved on since the heatmap's epoch; explanations wrap at spaces, never cut.
public struct ConfusionBrowserPanel: Sendable {
    public var browsing: ConfusionBrowsing
    public var labels: ClassLabels
    public var glyphs: GlyphSet
    public var depth: ColorDepth
    /// g: the saliency map of the shown image in `0...1`, overlaid on it (`nil`: the plain image).
    public var saliency: FeatureMaps?

    public init(browsing: ConfusionBrowsing, classNames: [String] = (0..<10).map(String.init), glyphs: GlyphSet,
                depth: ColorDepth = .monochrome, saliency: FeatureMaps? = nil) {
        self.browsing = browsing
        self.saliency = saliency
        self.labels = ClassLabels(classNames)
        self.glyphs = glyphs
        self.depth = depth
    }

    static let side = 28
    /// Longest probability bar (columns).
    static let maximumBarWidth = 16

    /// "true 4 → predicted 9" with the classes as `form` names them.
    func cellText(_ form: ClassLabels.Form) -> String {
        "true \(labels.label(browsing.cell.trueClass, form)) \(glyphs.arrow) predicted \(labels.label(browsing.cell.predicted, form))"
    }

    /// The first line: "true 4 → predicted 9 · image 3 of 12 · test index 1234", shortened by design to fit
    /// `width`: "3/12 · test 1234", then without the test index, then the same with shorter class names.
    func headline(width: Int) -> String {
        let sep = glyphs.separator
        var candidates: [String] = []
        for form in ClassLabels.Form.allCases {
            let cell = cellText(form)
            guard let examples = browsing.examples else { candidates.append(cell); continue }
            guard let current = browsing.current else { candidates.append(cell + sep + "no images"); continue }
            let position = "\(browsing.index + 1)/\(examples.count)"
            candidates += [cell + sep + "image \(browsing.index + 1) of \(examples.count)" + sep + "test index \(current.testIndex)",
                           cell + sep + position + sep + "test \(current.testIndex)", cell + sep + position]
        }
        return candidates.first { $0.count <= width } ?? candidates.last ?? ""
    }

    /// Under the image: "p(9) 87.5% · p(4) 12.5%" (the predicted class, then the true one when it differs).
    func probabilityLine(_ example: ConfusionExample, width: Int) -> String {
        let p = example.probabilities
        func share(_ c: Int) -> String { c < p.count ? Format.percent(Double(p[c]), digits: 1) : "-" }
        let candidates = ClassLabels.Form.allCases.map { form in
            var line = "p(\(labels.label(example.predicted, form))) \(share(example.predicted))"
            if example.trueClass != example.predicted {
                line += glyphs.separator + "p(\(labels.label(example.trueClass, form))) \(share(example.trueClass))"
            }
            return line
        }
        return candidates.first { $0.count <= width } ?? candidates[candidates.count - 1]
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        let inner = Panel(title: "confusion browser", titleStyle: .accent.bolded, borderStyle: .accent,
                          glyphs: glyphs).render(into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        buffer.write(Format.truncate(glyphs.text(headline(width: inner.width)), to: inner.width, ellipsis: glyphs.ellipsis),
                     in: inner.row(0), style: .bold)
        guard let examples = browsing.examples else {
            writeWrapped(["classifying the test images…"], into: &buffer, inner.droppingTop(1))
            return
        }
        guard let example = browsing.current else {
            if examples.isEmpty {
                writeWrapped(["no test images in this cell with the current weights"] + [countNote(found: 0)].compactMap { $0 },
                             into: &buffer, inner.droppingTop(1))
            }
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
        if beside.width >= 8 {
            drawBars(example.probabilities, into: &buffer, beside)
            if let legend = markerLegend(width: beside.width), beside.height > 10 {
                buffer.write(legend, in: beside.row(min(11, beside.height - 1)), style: .dim)
            }
        }
        if inner.height > grid.height + 1 {
            buffer.write(Format.truncate(glyphs.text(probabilityLine(example, width: inner.width)), to: inner.width,
                                         ellipsis: glyphs.ellipsis),
                         in: inner.row(grid.height + 1), style: .dim)
        }
        let total = browsing.total ?? examples.count
        writeWrapped([capNote(shown: examples.count, total: total), countNote(found: total)].compactMap { $0 },
                     into: &buffer, inner.droppingTop(grid.height + 2))
    }

    /// What the bars' `*` means, under them (a row apart where there is room): "* = true class" in the
    /// longest form that fits `width`; `nil` on the diagonal, where the true class is the predicted one and
    /// nothing is marked.
    func markerLegend(width: Int) -> String? {
        guard browsing.cell.trueClass != browsing.cell.predicted else { return nil }
        return ["* = true class", "* true class", "* true"].first { $0.count <= width }
    }

    /// When the browser's limit cut the list: "showing the first 50 of 1,128 images".
    func capNote(shown: Int, total: Int) -> String? {
        guard total > shown else { return nil }
        return "showing the first \(shown) of \(Format.grouped(total)) images"
    }

    /// When the weights moved on since the heatmap's epoch and the cell's count changed:
    /// "heatmap (epoch 2): 7 · weights now: 5".
    func countNote(found: Int) -> String? {
        guard let count = browsing.heatmapCount, count != found else { return nil }
        let epoch = browsing.heatmapEpoch.map { " (epoch \($0))" } ?? ""
        return "heatmap\(epoch): \(Format.grouped(count))" + glyphs.separator + "weights now: \(Format.grouped(found))"
    }

    /// The notes in `area`, each wrapped at spaces; a note that does not fit whole is left out.
    private func writeWrapped(_ notes: [String], into buffer: inout CellBuffer, _ area: Rect) {
        var y = 0
        for note in notes {
            let lines = WordWrap.lines(glyphs.text(note), width: area.width)
            guard y + lines.count <= area.height else { continue }
            for line in lines {
                buffer.write(line, in: area.row(y), style: .dim)
                y += 1
            }
        }
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
        ProbabilityBars(names: labels.names, probabilities: probabilities, predicted: browsing.cell.predicted,
                        marked: browsing.cell.trueClass, maximumBarWidth: Self.maximumBarWidth, glyphs: glyphs)
            .render(into: &buffer, area: area)
    }
}
