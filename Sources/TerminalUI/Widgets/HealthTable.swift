import LeNetTraining

// MARK: - Training-health table

/// Per layer, the last optimizer step's weight norm, gradient norm and update-to-weight ratio:
/// ```
/// layer     ‖w‖     ‖g‖ ‖Δw‖/‖w‖
/// c1       2.91  0.0812   1.2e-3
/// c3       5.02   0.123   9.8e-4
/// ```
/// Norms have three significant digits; a ratio above 1e-2 (steps too large for the weights) is drawn in
/// the warning style. Before the first step (or without training) one line says so.
public struct HealthTable: Sendable {
    public var health: TrainingHealth?
    /// The dashboard runs without a trainer (`lenet-tui draw`).
    public var padOnly: Bool
    public var glyphs: GlyphSet

    public init(health: TrainingHealth?, padOnly: Bool = false, glyphs: GlyphSet) {
        self.health = health
        self.padOnly = padOnly
        self.glyphs = glyphs
    }

    /// Column widths: layer name, ‖w‖, ‖g‖, ratio (30 in all).
    static let widths = (layer: 6, weight: 7, gradient: 8, ratio: 9)
    /// Ratios above this are flagged.
    public static let largeRatio = 1e-2

    /// The header row.
    var header: String {
        Format.left("layer", Self.widths.layer) + Format.right(glyphs.text("‖w‖"), Self.widths.weight)
            + Format.right(glyphs.text("‖g‖"), Self.widths.gradient) + Format.right(glyphs.text("‖Δw‖/‖w‖"), Self.widths.ratio)
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        guard let health else {
            let text = padOnly ? "no training in this view" : "after the first training step"
            buffer.write(Format.words(text, fitting: area.width), in: area.row(0), style: .dim)
            return
        }
        buffer.write(header, in: area.row(0), style: .dim)
        for (i, layer) in health.layers.enumerated() where i + 1 < area.height {
            let row = area.row(i + 1)
            var x = row.x
            x += buffer.write(Format.left(layer.layer, Self.widths.layer), at: x, row.y, style: .bold, clippedTo: row.maxX - x)
            x += buffer.write(Format.right(Format.significant(layer.weightNorm), Self.widths.weight), at: x, row.y,
                              clippedTo: row.maxX - x)
            x += buffer.write(Format.right(Format.significant(layer.gradientNorm), Self.widths.gradient), at: x, row.y,
                              clippedTo: row.maxX - x)
            let large = layer.updateRatio > Self.largeRatio
            buffer.write(Format.right(Format.scientific(layer.updateRatio), Self.widths.ratio), at: x, row.y,
                         style: large ? .warn : .plain, clippedTo: row.maxX - x)
        }
    }
}
