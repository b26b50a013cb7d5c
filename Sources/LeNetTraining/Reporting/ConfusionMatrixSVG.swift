import Foundation
import LeNetFormats

/// `confusion_matrix.svg`: the test set's confusion matrix as a heatmap, the picture the original project
/// saves as confusion_matrix.png.
///
/// One `<rect class="cell">` per cell (row = true class, top to bottom; column = predicted class, left to
/// right), its count written in it and a hover text; class names label the rows (left) and columns (bottom,
/// slanted when longer than 3 characters); a colour bar on the right. Colours follow ColorBrewer "Blues"
/// on a logarithmic scale, `t = ln(1 + count) / ln(1 + max count)`, so the few errors off the diagonal stay
/// visible next to diagonal counts of a thousand.
public enum ConfusionMatrixSVG {
    /// Side of one cell in pixels.
    static let cell = 46.0

    /// The SVG text.
    /// - Parameters:
    ///   - matrix: counts, row = true class.
    ///   - classNames: one label per class (digits for MNIST, clothing names for Fashion-MNIST).
    ///   - title: the heading, e.g. `LeNet-5 on the MNIST test set`.
    ///   - subtitle: a second line, e.g. `accuracy 99.12% (9,912 / 10,000)`.
    public static func render(_ matrix: ConfusionMatrix, classNames: [String], title: String,
                              subtitle: String) -> String {
        let k = matrix.classCount
        let names = (0..<k).map { $0 < classNames.count ? classNames[$0] : String($0) }
        let longest = names.map { SVG.textWidth($0) }.max() ?? 0
        let slanted = names.contains { $0.count > 3 }
        let gridLeft = 40 + longest + 14
        let gridTop = 74.0
        let grid = cell * Double(k)
        let columnLabelHeight = slanted ? longest * 0.71 + 18 : 22
        let barLeft = gridLeft + grid + 24
        let width = Int((barLeft + 84).rounded(.up))
        let height = Int((gridTop + grid + columnLabelHeight + 34).rounded(.up))
        let maxCount = max(1, matrix.counts.max() ?? 0)
        func t(_ count: Int) -> Double { log1p(Double(count)) / log1p(Double(maxCount)) }

        var svg = SVG.open(width: width, height: height)
        let centre = gridLeft + grid / 2
        svg += SVG.text(title, x: centre, y: 26, anchor: "middle", size: 16, weight: "bold", cssClass: "title")
        svg += SVG.text(subtitle, x: centre, y: 46, anchor: "middle", size: 12, fill: "#555555", cssClass: "subtitle")

        // Cells.
        svg += "<g class=\"cells\">\n"
        for row in 0..<k {
            for column in 0..<k {
                let count = matrix[row, column]
                let x = gridLeft + Double(column) * cell, y = gridTop + Double(row) * cell
                let shade = t(count)
                svg += "<rect class=\"cell\" x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\" width=\"\(SVG.n(cell))\" "
                    + "height=\"\(SVG.n(cell))\" fill=\"\(SVG.blue(shade))\" stroke=\"#ffffff\" stroke-width=\"1\">"
                    + "<title>\(SVG.escape("true \(names[row]), predicted \(names[column]): \(count)"))</title></rect>\n"
                let ink = count == 0 ? "#a0a8b0" : shade > 0.55 ? "#ffffff" : "#1b2838"
                let size = String(count).count > 4 ? 10.0 : 12.0
                svg += SVG.text(String(count), x: x + cell / 2, y: y + cell / 2 + 4, anchor: "middle", size: size,
                                weight: row == column ? "bold" : nil, fill: ink, cssClass: "count")
            }
        }
        svg += "</g>\n"

        // Class labels: rows on the left, columns below.
        for (i, name) in names.enumerated() {
            let y = gridTop + (Double(i) + 0.5) * cell + 4
            svg += SVG.text(name, x: gridLeft - 8, y: y, anchor: "end", cssClass: "row-label")
            let x = gridLeft + (Double(i) + 0.5) * cell
            if slanted {
                svg += SVG.text(name, x: x + 4, y: gridTop + grid + 12, anchor: "end", rotate: -45, cssClass: "column-label")
            } else {
                svg += SVG.text(name, x: x, y: gridTop + grid + 17, anchor: "middle", cssClass: "column-label")
            }
        }
        svg += SVG.text("true class", x: max(16, gridLeft - longest - 30), y: gridTop + grid / 2, anchor: "middle", size: 13, weight: "bold",
                        rotate: -90, cssClass: "axis-label")
        svg += SVG.text("predicted class", x: centre, y: gridTop + grid + columnLabelHeight + 18, anchor: "middle",
                        size: 13, weight: "bold", cssClass: "axis-label")
        svg += colourBar(left: barLeft, top: gridTop, height: grid, maxCount: maxCount)
        return svg + SVG.close
    }

    /// The vertical colour scale: a gradient bar from 0 (bottom) to `maxCount` (top), ticks at 0, 1, 10,
    /// 100, ... and the maximum, placed by the same logarithmic scale as the cells.
    static func colourBar(left: Double, top: Double, height: Double, maxCount: Int) -> String {
        var svg = "<g class=\"colour-scale\">\n<defs><linearGradient id=\"scale\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">"
        for step in 0...8 {
            let t = Double(step) / 8
            svg += "<stop offset=\"\(SVG.n(t))\" stop-color=\"\(SVG.blue(t))\"/>"
        }
        svg += "</linearGradient></defs>\n"
        svg += "<rect class=\"scale-bar\" x=\"\(SVG.n(left))\" y=\"\(SVG.n(top))\" width=\"16\" "
            + "height=\"\(SVG.n(height))\" fill=\"url(#scale)\" stroke=\"#888888\" stroke-width=\"0.5\"/>\n"
        var ticks = [0]
        var power = 1
        while power <= maxCount {
            ticks.append(power)
            power *= 10
        }
        // The maximum too, unless it would crowd the last power of ten.
        let scale = log1p(Double(maxCount))
        func y(_ value: Int) -> Double { top + height - log1p(Double(value)) / scale * height }
        if let last = ticks.last, y(last) - y(maxCount) > 14 || last == 0 { ticks.append(maxCount) }
        for value in ticks {
            svg += SVG.line(left + 16, y(value), left + 20, y(value), stroke: "#444444")
            svg += SVG.text(ReportFormat.grouped(value), x: left + 23, y: y(value) + 4, size: 11, cssClass: "scale-tick")
        }
        svg += SVG.text("images (log scale)", x: left + 68, y: top + height / 2, anchor: "middle", size: 11,
                        fill: "#555555", rotate: 90, cssClass: "scale-label")
        return svg + "</g>\n"
    }
}
