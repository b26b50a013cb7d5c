import LeNetTraining

// MARK: - Network view

/// The inside of the network for one image, in a box (n): the 28x28 input, c1's filters, every layer's
/// feature maps, the ten probabilities and the training-health figures of the last step. Each part is
/// labelled with its layer and shape, and `NetworkLayout` packs the parts into the area (maps smaller, or
/// a second page, when it is small):
/// ```
/// ┌ network · your drawing · training weights, epoch 3 ───────────────────────────────────────┐
/// │pad · pen down                c1 filters 6×1×5×5 ±0.52                                      │
/// │      ▄▄▄▄▄▄▄▄▄▄▄             ▀▀▄▄▀▀▄▄▀▀ …                                                  │
/// │              ██              probabilities (%)                                            │
/// │             ██                  0   1   2   3   4   5   6   7   8   9                     │
/// │ …                            c1 6×28×28 · ReLU · at 14×14                                 │
/// │pool1 6×14×14 · max 2×2       c3 16×10×10 · ReLU              training health (last step)  │
/// └────────────────────────────────────────────────────────────────────────────────────────────┘
/// ```
/// The input is the pad's drawing with its cursor while the pad has the keys (draw on it here), the
/// network's input otherwise (v), the browser's test image while browsing, and with g the saliency
/// overlay. Activations are greys scaled to each layer's maximum, weights blue-white-red around zero
/// (`MapImage`). Before there is an image the map parts show their labels only.
public struct NetworkPanel: Sendable {
    public var state: DashboardState
    public var glyphs: GlyphSet
    public var depth: ColorDepth

    public init(state: DashboardState, glyphs: GlyphSet, depth: ColorDepth = .monochrome) {
        self.state = state
        self.glyphs = glyphs
        self.depth = depth
    }

    /// The layout of the view's parts in an inner area of `width` x `height`.
    public static func layout(width: Int, height: Int, glyphs: GlyphSet) -> NetworkLayout {
        NetworkLayout(width: width, height: height) { section, detail in
            glyphs.text(label(section, detail: detail, filterScale: 0.5)).count
        }
    }

    /// A part's label: the layer, its shape and, for maps not drawn at full size, the size drawn.
    static func label(_ section: NetworkSection, detail: NetworkDetail, filterScale: Float) -> String {
        func at(_ size: Int, native: Int) -> String { size == native ? "" : " · at \(size)×\(size)" }
        switch section {
        case .input: return "input 1×28×28"
        case .probabilities: return "probabilities"
        case .filters: return "c1 filters 6×1×5×5 ±" + Format.fixed(Double(filterScale), digits: 2)
        case .c1: return "c1 6×28×28 · ReLU" + at(detail.c1, native: 28)
        case .pool1: return "pool1 6×14×14 · max 2×2" + at(detail.pool1, native: 14)
        case .c3: return "c3 16×10×10 · ReLU" + at(detail.c3, native: 10)
        case .pool2: return "pool2 16×5×5" + at(detail.pool2, native: 5)
        case .health: return "training health (last step)"
        }
    }

    /// The image shown: the browser's test image, else the pad's.
    private var image: [UInt8]? { state.browsing.map { $0.current?.pixels } ?? state.padReading?.input.pixels }

    /// The shown image's probabilities and predicted class.
    private var probabilities: [Float]? {
        state.browsing.map { $0.current?.probabilities } ?? state.padReading?.probabilities
    }

    /// The title's parts, most important first: what is shown and with which weights (each part in its
    /// forms, longest first; the longest that fits is shown).
    var titleParts: [[String]] {
        var subject = "network"
        if let browsing = state.browsing, let current = browsing.current {
            subject += " · test image \(current.testIndex): \(name(current.trueClass)) read as \(name(current.predicted))"
        } else if state.padReading != nil {
            subject += " · your drawing"
        }
        return [[subject], state.networkSourceLabels]
    }

    /// Class `c` as the rest of the dashboard names it: `7`, `6 Shirt` (`ClassLabels`).
    func name(_ c: Int) -> String { ClassLabels(state.classNames).label(c, .full) }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        let inner = Panel.inner(of: area)
        let layout = Self.layout(width: inner.width, height: inner.height, glyphs: glyphs)
        let page = min(max(0, state.networkPage), layout.pages.count - 1)
        let last = page + 1 == layout.pages.count
        let note = layout.pages.count > 1 ? "page \(page + 1)/\(layout.pages.count) · n " + (last ? "closes" : "next") : nil
        let room = area.width - 4 - (note.map { glyphs.text($0).count + 3 } ?? 0)
        var title = ""
        for forms in titleParts {
            let fitting = forms.lazy.map { title.isEmpty ? $0 : title + " · " + $0 }.first { glyphs.text($0).count <= room }
            if let fitting { title = fitting } else if title.isEmpty { title = Format.words(forms[forms.count - 1], fitting: room) }
        }
        Panel(title: title, titleStyle: .accent.bolded, note: note, borderStyle: .accent, glyphs: glyphs)
            .render(into: &buffer, area: area)
        guard !inner.isEmpty, page >= 0 else { return }
        for placement in layout.pages[page].placements {
            let rect = Rect(x: inner.x + placement.rect.x, y: inner.y + placement.rect.y,
                            width: placement.rect.width, height: placement.rect.height).intersection(inner)
            draw(placement, in: rect, detail: layout.pages[page].detail, into: &buffer)
        }
    }

    private func draw(_ placement: NetworkPlacement, in rect: Rect, detail: NetworkDetail, into buffer: inout CellBuffer) {
        let filterScale = state.networkFilters?.weights?.maximumMagnitude ?? 0
        var label = Self.label(placement.section, detail: detail, filterScale: filterScale)
        if placement.section == .input { label = inputLabel }
        if placement.section == .filters && state.networkFilters?.weights == nil { label = "c1 filters 6×1×5×5" }
        if placement.section == .probabilities {
            if placement.compact { label += " (%)" }
            if let p = probabilities {
                let c = DigitPredictor.argmax(p)
                label += " · \(name(c)) (\(Format.percent(Double(p[c]), digits: 1)))"
            }
        }
        buffer.write(Format.words(glyphs.text(label), fitting: rect.width), in: rect.row(0), style: .bold)
        let body = rect.droppingTop(1)
        let inside = state.currentInside
        switch placement.section {
        case .input: drawInput(into: &buffer, body)
        case .probabilities:
            if placement.compact { drawCompactProbabilities(into: &buffer, body) }
            else {
                let predicted = probabilities.map(DigitPredictor.argmax), marked = state.browsing?.current?.trueClass
                ProbabilityBars(names: state.classNames, probabilities: probabilities, predicted: predicted, marked: marked,
                                maximumBarWidth: 20, glyphs: glyphs).render(into: &buffer, area: body)
                // The browsed image's true class is marked `*`: say so under the bars where there is a row.
                if let marked, marked != predicted, body.height > state.classNames.count {
                    buffer.write(Format.words("* = true class", fitting: body.width), in: body.row(state.classNames.count),
                                 style: .dim)
                }
            }
        case .filters:
            guard let filters = state.networkFilters?.weights else {
                buffer.write(Format.words("no weights", fitting: body.width), in: body.row(0), style: .dim)
                return
            }
            drawMaps(filters, size: detail.filters, scale: .diverging(magnitude: filterScale), perRow: placement.mapsPerRow,
                     into: &buffer, body)
        case .c1: drawLayer(inside?.c1, size: detail.c1, perRow: placement.mapsPerRow, into: &buffer, body)
        case .pool1: drawLayer(inside?.pool1, size: detail.pool1, perRow: placement.mapsPerRow, into: &buffer, body)
        case .c3: drawLayer(inside?.c3, size: detail.c3, perRow: placement.mapsPerRow, into: &buffer, body)
        case .pool2: drawLayer(inside?.pool2, size: detail.pool2, perRow: placement.mapsPerRow, into: &buffer, body)
        case .health: HealthTable(health: state.progress?.health, padOnly: state.padOnly, glyphs: glyphs)
            .render(into: &buffer, area: body)
        }
    }

    /// The input's label: what the 28x28 grid shows now.
    private var inputLabel: String {
        let base: String
        if let current = state.browsing?.current {
            base = "test image \(Format.grouped(current.testIndex))"
        } else if drawsPad {
            base = state.pad.penDown ? (state.pad.eraser ? "pad · erasing" : "pad · pen down") : "pad · pen up"
        } else {
            base = state.padReading == nil ? "input · d draws \(ClassLabels(state.classNames).oneImage)" : "input 1×28×28"
        }
        return state.showsSaliency && image != nil ? base + " + saliency" : base
    }

    /// Whether the input shows the pad's drawing with its cursor (the pad has the keys, no v, no g).
    private var drawsPad: Bool {
        state.browsing == nil && state.padOpen && !state.showsNetworkInput && !state.showsSaliency
    }

    private func drawInput(into buffer: inout CellBuffer, _ area: Rect) {
        let grid = Rect(x: area.x, y: area.y, width: min(28, area.width), height: min(14, area.height))
        if !drawsPad, let image {
            let saliency = state.showsSaliency ? state.currentInside?.saliencyMagnitude : nil
            MapImage.input(image, saliency: saliency, glyphs: glyphs, depth: depth).render(into: &buffer, at: grid.x, grid.y, clip: grid)
        } else {
            PadPanel(state: state, glyphs: glyphs, depth: depth).drawHalfBlockGrid(into: &buffer, grid, showCursor: drawsPad)
        }
    }

    /// A layer's maps in greys on one scale (the layer's maximum); nothing but the label without an image.
    private func drawLayer(_ maps: FeatureMaps?, size: Int, perRow: Int, into buffer: inout CellBuffer, _ area: Rect) {
        guard let maps else { return }
        drawMaps(maps, size: size, scale: .activation(maximum: maps.maximum), perRow: perRow, into: &buffer, area)
    }

    /// The maps of a stack at `size` x `size` pixels, `perRow` to a row, one column and one row apart.
    private func drawMaps(_ maps: FeatureMaps, size: Int, scale: MapScale, perRow: Int, into buffer: inout CellBuffer,
                          _ area: Rect) {
        let shown = maps.resampled(width: size, height: size)
        let rows = MapImage.cells(forHeight: size) + NetworkLayout.rowGap(forSize: size)
        for index in 0..<maps.count {
            let x = area.x + (index % perRow) * (size + 1), y = area.y + (index / perRow) * rows
            MapImage(maps: shown, index: index, scale: scale, glyphs: glyphs, depth: depth)
                .render(into: &buffer, at: x, y, clip: area)
        }
    }

    /// Ten columns of four: class indices (as on the heatmap's axes), spark bars and percentages.
    private func drawCompactProbabilities(into buffer: inout CellBuffer, _ area: Rect) {
        let p = probabilities
        let predicted = p.map(DigitPredictor.argmax)
        let levels = glyphs.sparkLevels
        for c in 0..<10 {
            let x = area.x + 4 * c
            let style: Style = c == predicted ? .good.bolded : .plain
            buffer.write(Format.right(String(c), 4), at: x, area.y, style: c == predicted ? style : .dim, clippedTo: area.maxX - x)
            guard let p, c < p.count, area.height >= 3 else { continue }
            let level = levels[MapRamp.shade(p[c], count: levels.count)]
            buffer.write(Format.right(String(level), 4), at: x, area.y + 1, style: c == predicted ? style : .accent,
                         clippedTo: area.maxX - x)
            buffer.write(Format.right("\(Int((Double(p[c]) * 100).rounded()))", 4), at: x, area.y + 2, style: style,
                         clippedTo: area.maxX - x)
        }
    }
}
