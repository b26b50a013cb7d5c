// MARK: - Probability bars

/// One row per class: `7 ████████▌  98%`, or for named classes `6 Shirt ████▌ 80%`. The predicted class is
/// highlighted; a `marked` class (the true class of a misread test image) is drawn in the warning style
/// with a `*` after its label. Without probabilities the percentages read `-`.
///
/// Labels follow `ClassLabels`: the full names when they leave a bar of `minimumBarWidth` columns, else
/// the short names; when neither leaves room for a bar, the names stay and the bar goes (`2 Pullover 98%`);
/// only when even that does not fit, the index with a bar. Never a name cut short.
public struct ProbabilityBars: Sendable {
    /// The class names (one row each) and how they are shown.
    public var labels: ClassLabels
    /// Softmax probabilities, index = class; `nil` before anything was read.
    public var probabilities: [Float]?
    /// The class drawn highlighted.
    public var predicted: Int?
    /// The class marked `*` (a misread image's true class).
    public var marked: Int?
    /// Longest bar (columns).
    public var maximumBarWidth: Int
    public var glyphs: GlyphSet

    /// Shortest bar worth drawing (columns).
    static let minimumBarWidth = 3
    /// Columns of the percentage ("100%").
    static let percentWidth = 4

    public init(names: [String], probabilities: [Float]?, predicted: Int?, marked: Int? = nil,
                maximumBarWidth: Int = 24, glyphs: GlyphSet) {
        self.labels = ClassLabels(names)
        self.probabilities = probabilities
        self.predicted = predicted
        self.marked = marked
        self.maximumBarWidth = maximumBarWidth
        self.glyphs = glyphs
    }

    /// The label form, the label column's width and the bar's width (0: no bar) for `width` columns.
    func plan(width: Int) -> (form: ClassLabels.Form, labelWidth: Int, barWidth: Int) {
        let count = labels.names.count
        func labelWidth(_ form: ClassLabels.Form) -> Int { (0..<count).map { labels.label($0, form).count }.max() ?? 1 }
        // label, marker column, bar, space, percentage
        func room(_ form: ClassLabels.Form) -> Int { width - labelWidth(form) - 2 - Self.percentWidth }
        let named: [ClassLabels.Form] = labels.namesAreIndices ? [.index] : [.full, .short]
        if let form = named.first(where: { room($0) >= Self.minimumBarWidth }) {
            return (form, labelWidth(form), min(maximumBarWidth, room(form)))
        }
        if let form = named.first(where: { room($0) >= -1 }) { return (form, labelWidth(form), 0) }
        return (.index, labelWidth(.index), max(0, min(maximumBarWidth, room(.index))))
    }

    /// Draws one row per class from the top of `area` (as many as fit).
    public func render(into buffer: inout CellBuffer, area: Rect) {
        let plan = plan(width: area.width)
        for c in 0..<min(labels.names.count, area.height) {
            let y = area.y + c
            let style: Style = c == predicted ? .good.bolded : (c == marked ? .warn : .plain)
            let label = Format.left(labels.label(c, plan.form), plan.labelWidth) + (c == marked && c != predicted ? "*" : " ")
            var x = area.x + buffer.write(label, at: area.x, y, style: c == predicted || c == marked ? style : .dim,
                                          clippedTo: area.width)
            let p = probabilities.map { c < $0.count ? Double($0[c]) : 0 } ?? 0
            if plan.barWidth > 0 {
                ProgressBar(fraction: p, style: c == predicted ? .good.bolded : (c == marked ? .warn : .accent),
                            glyphs: glyphs, track: false)
                    .render(into: &buffer, area: Rect(x: x, y: y, width: plan.barWidth, height: 1))
                x += plan.barWidth + 1
            } else {
                x = max(x, area.maxX - Self.percentWidth)  // without a bar the percentages keep to the right edge
            }
            let text = probabilities == nil ? "   -" : Format.right("\(Int((p * 100).rounded()))%", Self.percentWidth)
            buffer.write(text, at: x, y, style: style, clippedTo: area.maxX - x)
        }
    }
}
