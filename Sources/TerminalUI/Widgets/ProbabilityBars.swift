// MARK: - Probability bars

/// One row per class: `7 ████████▌  98%`. The predicted class is highlighted; a `marked` class (the true
/// class of a misread test image) is drawn in the warning style with a `*` after its name. Without
/// probabilities the percentages read `-`.
public struct ProbabilityBars: Sendable {
    public var names: [String]
    public var probabilities: [Float]?
    public var predicted: Int?
    public var marked: Int?
    /// Longest bar (columns).
    public var maximumBarWidth: Int
    public var glyphs: GlyphSet

    public init(names: [String], probabilities: [Float]?, predicted: Int?, marked: Int? = nil,
                maximumBarWidth: Int = 24, glyphs: GlyphSet) {
        self.names = names
        self.probabilities = probabilities
        self.predicted = predicted
        self.marked = marked
        self.maximumBarWidth = maximumBarWidth
        self.glyphs = glyphs
    }

    /// Draws one row per class from the top of `area` (as many as fit).
    public func render(into buffer: inout CellBuffer, area: Rect) {
        let labelWidth = min(3, names.map(\.count).max() ?? 1)
        for c in 0..<min(names.count, area.height) {
            let y = area.y + c
            let style: Style = c == predicted ? .good.bolded : (c == marked ? .warn : .plain)
            let label = Format.left(String(names[c].prefix(labelWidth)), labelWidth) + (c == marked && c != predicted ? "*" : " ")
            var x = area.x + buffer.write(label, at: area.x, y, style: c == predicted || c == marked ? style : .dim,
                                          clippedTo: area.width)
            let percentWidth = 4
            let barWidth = min(maximumBarWidth, area.maxX - x - 1 - percentWidth)
            guard barWidth >= 1 else { continue }
            let p = probabilities.map { c < $0.count ? Double($0[c]) : 0 } ?? 0
            ProgressBar(fraction: p, style: c == predicted ? .good.bolded : (c == marked ? .warn : .accent),
                        glyphs: glyphs, track: false)
                .render(into: &buffer, area: Rect(x: x, y: y, width: barWidth, height: 1))
            x += barWidth + 1
            let text = probabilities == nil ? "   -" : Format.right("\(Int((p * 100).rounded()))%", percentWidth)
            buffer.write(text, at: x, y, style: style)
        }
    }
}
