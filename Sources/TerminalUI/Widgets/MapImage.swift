// MARK: - One map as an image

/// How a map's values become colours.
public enum MapScale: Sendable, Equatable {
    /// Activations: 0 (and below) black, `maximum` white, greys between.
    case activation(maximum: Float)
    /// Weights: `-magnitude` blue, 0 white, `+magnitude` red.
    case diverging(magnitude: Float)

    /// A value on the scale: `0...1` for activations, `-1...1` for weights (0 when the scale is empty).
    func position(_ value: Float) -> Float {
        switch self {
        case .activation(let maximum): return maximum > 0 && value.isFinite ? min(1, max(0, value / maximum)) : 0
        case .diverging(let magnitude): return magnitude > 0 && value.isFinite ? min(1, max(-1, value / magnitude)) : 0
        }
    }
}

/// One map of a stack drawn with half blocks, one column and half a row per pixel (`cells(forHeight:)`
/// rows). With 256 colours every cell is a ▀ / ▄ / █ whose foreground is the upper pixel's colour and whose
/// background is the lower one's (`MapRamp`: greys for activations, blue-white-red for weights); the glyph
/// follows which halves are non-zero, so the text alone still shows the shape. Without colours (and for
/// activations on 8-colour terminals, where two greys would lose the shape) each cell is a shade character
/// for the mean of its two pixels (`GlyphSet.mapRamp`: ░▒▓█, or ` .:-=+*#%@` in ASCII); weights then
/// put zero at the middle shade.
///
/// With an `overlay` (a saliency map in `0...1`) the map is the input image in dim grey and pixels whose
/// saliency reaches `overlayThreshold` are drawn warm, from dark red at the threshold to yellow at the
/// image's most salient pixel; without colours, salient cells are shades of the saliency (bold) and other
/// inked cells a faint dot.
public struct MapImage: Sendable {
    /// The stack, already at the size to draw (see `FeatureMaps.resampled`).
    public var maps: FeatureMaps
    /// Which map of the stack.
    public var index: Int
    public var scale: MapScale
    /// Saliency in `0...1`, the same size as `maps` (one map), or `nil`.
    public var overlay: FeatureMaps?
    public var glyphs: GlyphSet
    public var depth: ColorDepth

    /// Saliency from which a pixel counts as deciding the prediction.
    public static let overlayThreshold: Float = 0.2

    public init(maps: FeatureMaps, index: Int = 0, scale: MapScale, overlay: FeatureMaps? = nil, glyphs: GlyphSet,
                depth: ColorDepth = .monochrome) {
        self.maps = maps
        self.index = index
        self.scale = scale
        self.overlay = overlay
        self.glyphs = glyphs
        self.depth = depth
    }

    /// A 28x28 image's bytes in greys (255 white), with a saliency map in `0...1` overlaid when given
    /// (`NetworkInside.saliencyMagnitude`): the pad's, the browser's and the network view's input.
    public static func input(_ pixels: [UInt8], saliency: FeatureMaps?, glyphs: GlyphSet, depth: ColorDepth) -> MapImage {
        MapImage(maps: FeatureMaps(image: pixels), scale: .activation(maximum: 1), overlay: saliency, glyphs: glyphs,
                 depth: depth)
    }

    /// Terminal rows of a map `height` pixels high.
    public static func cells(forHeight height: Int) -> Int { (height + 1) / 2 }

    /// Whether cells are coloured half blocks (else shade characters).
    var usesColour: Bool {
        guard glyphs.isUnicode else { return false }
        switch depth {
        case .extended: return true
        case .basic: if case .diverging = scale { return true } else { return overlay != nil }
        case .monochrome: return false
        }
    }

    /// Draws the map with its top-left cell at (`x`, `y`), clipped to `clip`.
    public func render(into buffer: inout CellBuffer, at x: Int, _ y: Int, clip: Rect) {
        guard index >= 0, index < maps.count else { return }
        let colour = usesColour
        for row in 0..<Self.cells(forHeight: maps.height) {
            for column in 0..<maps.width where clip.contains(x: x + column, y: y + row) {
                buffer[x + column, y + row] = colour ? colourCell(column, 2 * row) : shadeCell(column, 2 * row)
            }
        }
    }

    /// A pixel's colour and whether it counts as ink (non-zero on its scale, or salient).
    private func pixel(_ x: Int, _ y: Int) -> (role: ColorRole, lit: Bool) {
        let q = scale.position(maps[index, x, y])
        if let overlay, y < overlay.height, x < overlay.width {
            let s = overlay[0, x, y]
            // From the threshold (darkest red) to the image's most salient pixel (yellow).
            let t = Self.overlayThreshold
            if s >= t { return (.warm(MapRamp.warmStep((s - t) / (1 - t))), true) }
            return (MapRamp.grey(q * 0.6), MapRamp.greyStep(q) > 0)
        }
        switch scale {
        case .activation: return (MapRamp.grey(q), MapRamp.greyStep(q) > 0)
        case .diverging:
            let step = MapRamp.divergingStep(q)
            return (.diverging(step), step != 0)
        }
    }

    private func colourCell(_ x: Int, _ y: Int) -> Cell {
        let top = pixel(x, y)
        guard y + 1 < maps.height else {
            return top.lit ? Cell(glyphs.halfBlocks[2], style: Style(foreground: top.role)) : .blank
        }
        let bottom = pixel(x, y + 1)
        switch (top.lit, bottom.lit) {
        case (false, false): return Cell(" ", style: Style(background: top.role))
        case (true, false): return Cell(glyphs.halfBlocks[2], style: Style(foreground: top.role, background: bottom.role))
        case (false, true): return Cell(glyphs.halfBlocks[1], style: Style(foreground: bottom.role, background: top.role))
        case (true, true):
            if top.role == bottom.role { return Cell(glyphs.halfBlocks[3], style: Style(foreground: top.role, background: top.role)) }
            return Cell(glyphs.halfBlocks[2], style: Style(foreground: top.role, background: bottom.role))
        }
    }

    private func shadeCell(_ x: Int, _ y: Int) -> Cell {
        let ys = y + 1 < maps.height ? [y, y + 1] : [y]
        let ramp = glyphs.mapRamp
        if let overlay, overlay.height == maps.height, overlay.width == maps.width {
            let s = ys.map { overlay[0, x, $0] }.max() ?? 0
            if s >= Self.overlayThreshold {
                let lowest = ramp.count > 1 && ramp[1] == glyphs.dot ? 2 : 1
                return Cell(ramp[max(lowest, MapRamp.shade(s, count: ramp.count))], style: .bold)
            }
            let inked = ys.contains { MapRamp.greyStep(scale.position(maps[index, x, $0])) > 0 }
            return inked ? Cell(glyphs.dot, style: .dim) : .blank
        }
        let mean = ys.map { scale.position(maps[index, x, $0]) }.reduce(0, +) / Float(ys.count)
        switch scale {
        case .activation: return Cell(ramp[MapRamp.shade(mean, count: ramp.count)])
        case .diverging: return Cell(ramp[MapRamp.shade((mean + 1) / 2, count: ramp.count)])
        }
    }
}
