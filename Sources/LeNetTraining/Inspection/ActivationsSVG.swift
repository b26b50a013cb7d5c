import Foundation
import LeNetEngine

// MARK: - activations.svg

/// `activations.svg`: one sketch's trip through LeNet-5. The 28x28 input, its saliency map, the logits and
/// probabilities, then every channel of c1, pool1, c3 and pool2 as small maps and c5 and f6 as strips, each
/// block labelled with the layer's name, operation and per-image shape (NCHW without N) and a legend with
/// its colour scale's numeric range.
///
/// Colours: ReLU layers on ColorBrewer "Blues" from 0 to the layer's largest value (one scale for all of a
/// layer's channels, so channels compare); the input in greys (ink dark); saliency and logits on the
/// diverging blue-white-red scale centred at 0.
public enum ActivationsSVG {
    static let width = 960.0
    static let margin = 20.0

    /// The SVG text.
    /// - Parameters:
    ///   - inspection: the sketch's inspection.
    ///   - file: the sketch file, for the heading.
    ///   - checkpoint: the weights' file, for the heading.
    ///   - classNames: one name per class (digits for MNIST).
    public static func render(_ inspection: DigitInspection, file: String, checkpoint: String,
                              classNames: [String]) -> String {
        let net = inspection.network
        let names = (0..<10).map { $0 < classNames.count ? classNames[$0] : String($0) }
        let predicted = names[net.predictedClass]
        var body = ""
        var y = 76.0
        // Row 1: the input, the saliency map, the logits and probabilities.
        let input = block(.input, net, x: margin, y: y, cell: 4)
        let saliency = block(.saliency, net, x: margin + 180, y: y, cell: 4,
                             operation: "∂ logit[\(names[net.saliencyClass])] / ∂ input")
        let logits = block(.logits, net, x: margin + 360, y: y, cell: 40, cellHeight: 18,
                           cellLabels: zip(names, net.logits).map { "\($0): \(MapSVG.label(Double($1)))" })
        let probabilities = block(.probabilities, net, x: margin + 360, y: y + logits.height + 6, cell: 40,
                                  cellHeight: 18, cellLabels: zip(names, net.probabilities).map {
                                      "\($0): " + String(format: "%.1f%%", Double($1) * 100) })
        body += input.svg + saliency.svg + logits.svg + probabilities.svg
        y += max(input.height, logits.height + 6 + probabilities.height) + 12
        // The hidden layers, in forward order.
        let rows: [(LeNet5Inspection.Layer, cell: Double, cellHeight: Double?, gap: Double)] = [
            (.c1, 3, nil, 10), (.pool1, 6, nil, 10), (.c3, 5, nil, 7), (.pool2, 10, nil, 7), (.c5, 7, 14, 0), (.f6, 10, 14, 0),
        ]
        for row in rows {
            let drawn = block(row.0, net, x: margin, y: y, cell: row.cell, cellHeight: row.cellHeight, gap: row.gap)
            body += drawn.svg
            y += drawn.height + 12
        }
        let title = "Inside LeNet-5: \(URL(fileURLWithPath: file).lastPathComponent) is read as \(predicted) "
            + String(format: "(%.1f%%)", Double(net.probabilities[net.predictedClass]) * 100)
        return MapSVG.document(width: width, height: y + margin, title: title,
                               subtitle: "\(file) · weights \(checkpoint)",
                               caption: "each layer on its own colour scale (range under its name); saliency and "
                                   + "logits: blue negative, white 0, red positive", body: body)
    }

    /// The colour scale of a layer: greys for the input, diverging for signed layers, sequential for the rest.
    static func scale(_ layer: LeNet5Inspection.Layer, _ values: [Float]) -> ColourScale {
        switch layer {
        case .input: return .grey(values)
        case .saliency, .logits: return .diverging(values)
        default: return .sequential(values)
        }
    }

    /// One layer's block at (x, y): its name and per-image shape, what it computes (`operation`, the
    /// layer's own unless given), a legend, and its channels side by side `gap` apart (vectors as one
    /// strip), channel numbers under maps of several channels, `cellLabels` under the cells of a vector.
    static func block(_ layer: LeNet5Inspection.Layer, _ net: LeNet5Inspection, x: Double, y: Double, cell: Double,
                      cellHeight: Double? = nil, gap: Double = 0, operation: String? = nil,
                      cellLabels: [String]? = nil) -> (svg: String, height: Double) {
        let values = net[layer]
        let scale = scale(layer, values)
        let shape = layer.shape
        var svg = SVG.text("\(layer.rawValue) · \(shape.map(String.init).joined(separator: "×"))", x: x, y: y + 12,
                           weight: "bold", cssClass: "layer")
        svg += SVG.text(operation ?? layer.operation, x: x, y: y + 26, size: 10, fill: "#555555", cssClass: "operation")
        svg += MapSVG.legend(scale, x: x, y: y + 32, width: 120, ticks: scale.kind == .diverging ? 3 : 2)
        let top = y + 32 + MapSVG.legendHeight + 4
        let (channels, rows, columns) = layer.isSpatial ? (shape[0], shape[1], shape[2]) : (1, 1, shape[0])
        let mapWidth = Double(columns) * cell, mapHeight = Double(rows) * (cellHeight ?? cell)
        for c in 0..<channels {
            let mx = x + Double(c) * (mapWidth + gap)
            let map = layer.isSpatial ? net.map(layer, channel: c) : values[...]
            svg += MapSVG.map(map, rows: rows, columns: columns, x: mx, y: top, cellWidth: cell, cellHeight: cellHeight,
                              scale: scale, title: channels > 1 ? "\(layer.rawValue) channel \(c)" : layer.rawValue)
            if channels > 1 {
                svg += SVG.text(String(c), x: mx + mapWidth / 2, y: top + mapHeight + 11, anchor: "middle", size: 9,
                                fill: "#555555", cssClass: "channel")
            }
        }
        for (i, text) in (cellLabels ?? []).enumerated() {
            svg += SVG.text(text, x: x + (Double(i) + 0.5) * cell, y: top + mapHeight + 11, anchor: "middle", size: 8,
                            fill: "#333333", cssClass: "value")
        }
        let below = channels > 1 || cellLabels != nil ? 14.0 : 2.0
        return (svg, top - y + mapHeight + below)
    }
}
