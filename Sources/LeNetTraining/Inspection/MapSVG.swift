import Foundation

// MARK: - Maps and colour legends as SVG

/// Drawing pieces shared by the inspection pictures, built on the `SVG` helpers: 2-D maps of values as
/// coloured cells, and colour legends with their numeric range.
enum MapSVG {
    /// A whole picture: `SVG.open`, the bold `title`, the `subtitle` and a smaller `caption` under it (the
    /// three lines every inspection picture starts with, ending at y = 62), `body` below, `SVG.close`.
    static func document(width: Double, height: Double, title: String, subtitle: String, caption: String,
                         body: String) -> String {
        SVG.open(width: Int(width.rounded(.up)), height: Int(height.rounded(.up)))
            + SVG.text(title, x: 20, y: 28, size: 16, weight: "bold", cssClass: "title")
            + SVG.text(subtitle, x: 20, y: 46, fill: "#555555", cssClass: "subtitle")
            + SVG.text(caption, x: 20, y: 62, size: 11, fill: "#555555", cssClass: "subtitle")
            + body + SVG.close
    }

    /// A value for a label: 3 significant digits (`0.00382`, `-1.25`, `12.3`, `0`).
    static func label(_ value: Double) -> String {
        value == 0 ? "0" : String(format: "%.3g", value)
    }

    /// A `rows × columns` map of `values` (row-major) with its top-left corner at (x, y): each value a
    /// `cellWidth × cellHeight` cell in `scale`'s colour (cells of one colour next to each other in a row are
    /// merged into one `<rect>`, which keeps the files small), in a thin grey frame.
    static func map<C: Collection>(_ values: C, rows: Int, columns: Int, x: Double, y: Double, cellWidth: Double,
                                   cellHeight: Double? = nil, scale: ColourScale, title: String? = nil) -> String
        where C.Element == Float {
        precondition(values.count == rows * columns, "MapSVG.map: \(values.count) values for \(rows)x\(columns)")
        let h = cellHeight ?? cellWidth
        let fills = values.map { scale.colour(Double($0)) }
        var out = "<g class=\"map\" shape-rendering=\"crispEdges\">"
        if let title { out += "<title>\(SVG.escape(title))</title>" }
        out += "\n"
        for r in 0..<rows {
            var c = 0
            while c < columns {
                let fill = fills[r * columns + c]
                var end = c + 1
                while end < columns && fills[r * columns + end] == fill { end += 1 }
                out += "<rect x=\"\(SVG.n(x + Double(c) * cellWidth))\" y=\"\(SVG.n(y + Double(r) * h))\" "
                    + "width=\"\(SVG.n(Double(end - c) * cellWidth))\" height=\"\(SVG.n(h))\" fill=\"\(fill)\"/>\n"
                c = end
            }
        }
        out += frame(x: x, y: y, width: Double(columns) * cellWidth, height: Double(rows) * h)
        return out + "</g>\n"
    }

    /// A thin grey outline, so white (zero) cells still show where a map is.
    static func frame(x: Double, y: Double, width: Double, height: Double) -> String {
        "<rect class=\"frame\" x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\" width=\"\(SVG.n(width))\" height=\"\(SVG.n(height))\" "
            + "fill=\"none\" stroke=\"#a0a0a0\" stroke-width=\"0.5\"/>\n"
    }

    /// Height of a `legend`: the bar and one line of numbers under it.
    static let legendHeight = 22.0

    /// A horizontal colour bar for `scale`, `width` wide and 8 high at (x, y), with `ticks` values written
    /// under it, evenly spaced from `scale.low` to `scale.high` (2: the two ends; 5 on a diverging scale:
    /// `−m, −m/2, 0, m/2, m`).
    static func legend(_ scale: ColourScale, x: Double, y: Double, width: Double, ticks: Int = 2) -> String {
        let steps = 48
        let step = width / Double(steps)
        var out = "<g class=\"legend\" shape-rendering=\"crispEdges\">\n"
        for i in 0..<steps {
            let value = scale.low + (Double(i) + 0.5) / Double(steps) * (scale.high - scale.low)
            out += "<rect x=\"\(SVG.n(x + Double(i) * step))\" y=\"\(SVG.n(y))\" width=\"\(SVG.n(step + 0.3))\" "
                + "height=\"8\" fill=\"\(scale.colour(value))\"/>\n"
        }
        out += frame(x: x, y: y, width: width, height: 8)
        for t in 0..<max(2, ticks) {
            let f = Double(t) / Double(max(2, ticks) - 1)
            let value = scale.low + f * (scale.high - scale.low)
            let anchor = t == 0 ? "start" : f == 1 ? "end" : "middle"
            out += SVG.text(label(abs(value) < 1e-12 ? 0 : value), x: x + f * width, y: y + 19, anchor: anchor,
                            size: 9, fill: "#444444", cssClass: "tick")
        }
        return out + "</g>\n"
    }
}
