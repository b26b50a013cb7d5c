import Foundation
import LeNetFormats

/// `training_curve.svg`: loss (left) and accuracy (right) per epoch, training and test, as line charts with
/// axes, ticks, grid lines and a legend; the picture the original project saves as training_curve.png.
///
/// Layout: 960 × 400 px, white background. Each panel has its own y axis (loss from 0; accuracy in percent
/// over the range of the data, at most 100); the x axis spans epochs 1 ... `max(plannedEpochs, last epoch)`,
/// so the picture keeps its scale while a run is in progress. Training is drawn in blue with round markers,
/// test in orange, dashed, with square markers (matplotlib's first two colours, told apart without colour too).
public enum TrainingCurveSVG {
    /// Width and height of the picture in pixels.
    public static let size = (width: 960, height: 400)
    /// Colour of the training series (matplotlib "tab:blue").
    static let trainColour = "#1f77b4"
    /// Colour of the test series (matplotlib "tab:orange").
    static let testColour = "#ff7f0e"

    /// The SVG text.
    /// - Parameters:
    ///   - rows: the epochs so far, any order (drawn sorted by epoch); empty gives the axes only.
    ///   - plannedEpochs: epochs the run will have (the x axis reaches at least this far).
    ///   - title: the heading, e.g. `LeNet-5 on MNIST · Adam lr 0.001 (cosine) · batch 64`.
    public static func render(_ rows: [EpochMetrics], plannedEpochs: Int, title: String) -> String {
        let rows = rows.sorted { $0.epoch < $1.epoch }
        let lastEpoch = max(rows.last?.epoch ?? 1, plannedEpochs, 1)
        var svg = SVG.open(width: size.width, height: size.height)
        svg += SVG.text(title, x: Double(size.width) / 2, y: 26, anchor: "middle", size: 16, weight: "bold",
                        cssClass: "title")
        svg += legend(centreX: Double(size.width) / 2, y: 48)

        let lossValues = rows.flatMap { [$0.trainLoss, $0.testLoss] }.filter(\.isFinite)
        let lossTicks = SVG.niceTicks(low: 0, high: lossValues.max() ?? 1, count: 6)
        svg += panel(id: "loss", title: "loss (cross-entropy)", frame: (60, 70, 400, 270), rows: rows,
                     lastEpoch: lastEpoch, yTicks: lossTicks, yLabel: "loss", percent: false,
                     train: \.trainLoss, test: \.testLoss)

        let accuracyValues = rows.flatMap { [$0.trainAccuracy * 100, $0.testAccuracy * 100] }.filter(\.isFinite)
        var accuracyTicks = SVG.niceTicks(low: accuracyValues.min() ?? 0, high: accuracyValues.max() ?? 100, count: 6)
        if accuracyTicks.count > 2, accuracyTicks[accuracyTicks.count - 2] >= 100 { accuracyTicks.removeLast() }
        svg += panel(id: "accuracy", title: "accuracy (%)", frame: (540, 70, 400, 270), rows: rows,
                     lastEpoch: lastEpoch, yTicks: accuracyTicks, yLabel: "accuracy (%)", percent: true,
                     train: { $0.trainAccuracy * 100 }, test: { $0.testAccuracy * 100 })
        return svg + SVG.close
    }

    // MARK: - Parts

    /// The shared legend: a line and marker per series, centred at `centreX`.
    static func legend(centreX: Double, y: Double) -> String {
        let x = centreX - 90
        var svg = "<g class=\"legend\">\n"
        svg += SVG.line(x, y, x + 28, y, stroke: trainColour, width: 2)
        svg += marker(x: x + 14, y: y, train: true)
        svg += SVG.text("train", x: x + 34, y: y + 4, size: 13)
        svg += SVG.line(x + 100, y, x + 128, y, stroke: testColour, width: 2, dash: "6 3")
        svg += marker(x: x + 114, y: y, train: false)
        svg += SVG.text("test", x: x + 134, y: y + 4, size: 13)
        return svg + "</g>\n"
    }

    /// One chart: frame `(x, y, width, height)` of the plot area, grid, ticks, axis labels and two series.
    static func panel(id: String, title: String, frame: (Double, Double, Double, Double), rows: [EpochMetrics],
                      lastEpoch: Int, yTicks: [Double], yLabel: String, percent: Bool,
                      train: (EpochMetrics) -> Double, test: (EpochMetrics) -> Double) -> String {
        let (left, top, width, height) = frame
        let (xLow, xHigh) = lastEpoch > 1 ? (1.0, Double(lastEpoch)) : (0.5, 1.5)
        let (yLow, yHigh) = (yTicks.first ?? 0, yTicks.last ?? 1)
        func px(_ epoch: Double) -> Double { left + (epoch - xLow) / (xHigh - xLow) * width }
        func py(_ value: Double) -> Double {
            let clamped = min(max(value, yLow), yHigh)
            return top + height - (clamped - yLow) / (yHigh - yLow) * height
        }

        var svg = "<g class=\"panel\" id=\"\(id)\">\n"
        svg += SVG.text(title, x: left + width / 2, y: top - 6, anchor: "middle", size: 13, weight: "bold")
        // Grid and y ticks.
        let yDecimals = SVG.decimals(forStep: yTicks.count > 1 ? yTicks[1] - yTicks[0] : 1)
        for tick in yTicks {
            let y = py(tick)
            svg += SVG.line(left, y, left + width, y, stroke: "#e5e5e5")
            svg += SVG.line(left - 5, y, left, y, stroke: "#444444")
            svg += SVG.text(String(format: "%.\(yDecimals)f", tick), x: left - 8, y: y + 4, anchor: "end",
                            cssClass: "ytick")
        }
        // x ticks: every epoch up to 12 epochs, else nice integer steps.
        for epoch in epochTicks(last: lastEpoch) {
            let x = px(Double(epoch))
            svg += SVG.line(x, top, x, top + height, stroke: "#f0f0f0")
            svg += SVG.line(x, top + height, x, top + height + 5, stroke: "#444444")
            svg += SVG.text(String(epoch), x: x, y: top + height + 19, anchor: "middle", cssClass: "xtick")
        }
        // Axes.
        svg += SVG.line(left, top + height, left + width, top + height, stroke: "#444444")
        svg += SVG.line(left, top, left, top + height, stroke: "#444444")
        svg += SVG.text("epoch", x: left + width / 2, y: top + height + 40, anchor: "middle", size: 13,
                        cssClass: "xlabel")
        svg += SVG.text(yLabel, x: left - 46, y: top + height / 2, anchor: "middle", size: 13, rotate: -90,
                        cssClass: "ylabel")
        // Series: test first so training (solid) is on top where they meet.
        for isTrain in [false, true] {
            let value = isTrain ? train : test
            let points = rows.compactMap { row -> (Double, Double)? in
                let v = value(row)
                return v.isFinite ? (px(Double(row.epoch)), py(v)) : nil
            }
            let colour = isTrain ? trainColour : testColour
            let name = isTrain ? "train" : "test"
            svg += "<g class=\"series\" id=\"\(id)-\(name)\">\n"
            if points.count > 1 {
                let list = points.map { "\(SVG.n($0.0)),\(SVG.n($0.1))" }.joined(separator: " ")
                svg += "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\""
                    + (isTrain ? "" : " stroke-dasharray=\"6 3\"") + "/>\n"
            }
            for (row, point) in zip(rows.filter { value($0).isFinite }, points) {
                let shown = percent ? String(format: "%.2f%%", value(row)) : String(format: "%.4f", value(row))
                svg += marker(x: point.0, y: point.1, train: isTrain, tooltip: "epoch \(row.epoch) \(name): \(shown)")
            }
            svg += "</g>\n"
        }
        return svg + "</g>\n"
    }

    /// A point marker: a circle (train) or a square (test), with an optional hover text.
    static func marker(x: Double, y: Double, train: Bool, tooltip: String? = nil) -> String {
        let colour = train ? trainColour : testColour
        let body = tooltip.map { "<title>\(SVG.escape($0))</title>" } ?? ""
        if train {
            return "<circle cx=\"\(SVG.n(x))\" cy=\"\(SVG.n(y))\" r=\"3.5\" fill=\"\(colour)\">\(body)</circle>\n"
        }
        return "<rect x=\"\(SVG.n(x - 3.5))\" y=\"\(SVG.n(y - 3.5))\" width=\"7\" height=\"7\" fill=\"\(colour)\">\(body)</rect>\n"
    }

    /// Epochs that get a tick: all of 1...last up to 12 epochs, else multiples of a nice step (plus 1).
    static func epochTicks(last: Int) -> [Int] {
        guard last > 12 else { return Array(1 ... max(1, last)) }
        let step = max(1, Int(SVG.niceNumber(Double(last) / 8, round: true)))
        return [1] + stride(from: step, through: last, by: step).filter { $0 > 1 }
    }
}
