import Foundation
import LeNetEngine

// MARK: - filters.svg

/// `filters.svg`: the convolution weights of a checkpoint as pictures. c1's six 5×5 filters (`c1.weight`,
/// `(6, 1, 5, 5)`) in a row, and c3's 16 × 6 filters (`c3.weight`, `(16, 6, 5, 5)`) as a grid, one column
/// per output channel and one row per input channel. Each layer has its own diverging scale centred at 0,
/// `±max |w|` of that layer (blue negative, white 0, red positive), drawn as a legend with its numbers.
public enum FiltersSVG {
    static let margin = 20.0

    /// The SVG text; `source` names the weights (the checkpoint's path) in the subtitle.
    public static func render(_ parameters: LeNet5Parameters, source: String) -> String {
        let c1 = parameters["c1.weight"]!, c3 = parameters["c3.weight"]!
        var body = ""
        var y = 70.0
        // c1: six filters in a row.
        let c1Scale = ColourScale.diverging(c1)
        body += heading("c1.weight · 6×1×5×5 · filter = output channel", scale: c1Scale, y: y)
        y += 18 + MapSVG.legendHeight + 6
        let c1Cell = 12.0, c1Gap = 16.0
        for o in 0..<6 {
            let x = margin + Double(o) * (5 * c1Cell + c1Gap)
            body += MapSVG.map(c1[(o * 25) ..< ((o + 1) * 25)], rows: 5, columns: 5, x: x, y: y, cellWidth: c1Cell,
                               scale: c1Scale, title: "c1 filter \(o)")
            body += SVG.text(String(o), x: x + 2.5 * c1Cell, y: y + 5 * c1Cell + 12, anchor: "middle", size: 9,
                             fill: "#555555", cssClass: "channel")
        }
        y += 5 * c1Cell + 30
        // c3: 16 columns (output channels) × 6 rows (input channels).
        let c3Scale = ColourScale.diverging(c3)
        body += heading("c3.weight · 16×6×5×5 · column = output channel, row = input channel (a c1 map)",
                        scale: c3Scale, y: y)
        y += 18 + MapSVG.legendHeight + 18
        let cell = 6.0, gap = 5.0, left = margin + 44
        for o in 0..<16 {
            body += SVG.text(String(o), x: left + Double(o) * (5 * cell + gap) + 2.5 * cell, y: y - 5, anchor: "middle",
                             size: 9, fill: "#555555", cssClass: "channel")
        }
        for c in 0..<6 {
            let rowY = y + Double(c) * (5 * cell + gap)
            body += SVG.text("in \(c)", x: margin, y: rowY + 2.5 * cell + 3, size: 9, fill: "#555555", cssClass: "channel")
            for o in 0..<16 {
                let start = (o * 6 + c) * 25
                body += MapSVG.map(c3[start ..< (start + 25)], rows: 5, columns: 5, x: left + Double(o) * (5 * cell + gap),
                                   y: rowY, cellWidth: cell, scale: c3Scale, title: "c3 filter \(o), input channel \(c)")
            }
        }
        y += 6 * (5 * cell + gap) + 10
        let width = left + 16 * (5 * cell + gap) + margin
        return MapSVG.document(width: width, height: y + margin, title: "LeNet-5 convolution filters", subtitle: source,
                               caption: "one diverging scale per layer, centred at 0: blue negative, white 0, red positive",
                               body: body)
    }

    /// A layer's title at y and its legend (5 ticks: `−m, −m/2, 0, m/2, m`) under it.
    static func heading(_ title: String, scale: ColourScale, y: Double) -> String {
        SVG.text(title, x: margin, y: y + 12, weight: "bold", cssClass: "layer")
            + MapSVG.legend(scale, x: margin, y: y + 18, width: 200, ticks: 5)
    }
}
