import LeNetTraining

// MARK: - Confusion summary

/// A text summary of a confusion matrix (row = true class): overall accuracy, per-class accuracy with a bar
/// of its error count, and the most frequent confusions.
/// ```
/// ┌ test set by class ──────────────┐
/// │ correct 9,874 / 10,000  98.74%  │
/// │ 0  99.39%  ▇▇▇ 6                │
/// │ ...                             │
/// │ most confused                   │
/// │ 4→9  23    7→2  15              │
/// ```
public struct ConfusionSummary: Sendable {
    public var matrix: ConfusionMatrix?
    public var epoch: Int?
    public var glyphs: GlyphSet

    /// Longest error bar, and most lines of confusion pairs.
    static let maximumBarWidth = 20
    static let maximumConfusionLines = 3

    public init(matrix: ConfusionMatrix?, epoch: Int? = nil, glyphs: GlyphSet) {
        self.matrix = matrix
        self.epoch = epoch
        self.glyphs = glyphs
    }

    /// Off-diagonal cells, largest first (ties: lower true class, then lower predicted class).
    public static func topConfusions(_ m: ConfusionMatrix, limit: Int) -> [(trueClass: Int, predicted: Int, count: Int)] {
        var out: [(Int, Int, Int)] = []
        for r in 0..<m.classCount {
            for c in 0..<m.classCount where r != c && m[r, c] > 0 { out.append((r, c, m[r, c])) }
        }
        out.sort { a, b in a.2 != b.2 ? a.2 > b.2 : (a.0, a.1) < (b.0, b.1) }
        return Array(out.prefix(max(0, limit)))
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        let title = epoch.map { "test set by class · epoch \($0)" } ?? "test set by class"
        let inner = Panel(title: title, glyphs: glyphs).render(into: &buffer, area: area).inset(dx: 1, dy: 0)
        guard !inner.isEmpty else { return }
        guard let m = matrix, m.total > 0 else {
            buffer.write(glyphs.text("after the first epoch…"), in: inner.row(0), style: .dim)
            return
        }
        var y = 0
        func line(_ text: String, _ style: Style = .plain) {
            guard y < inner.height else { return }
            buffer.write(glyphs.text(text), in: inner.row(y), style: style)
            y += 1
        }
        let overall = Double(m.correct) / Double(m.total)
        line("correct \(Format.grouped(m.correct)) / \(Format.grouped(m.total))  \(Format.percent(overall, digits: 2))", .bold)

        let errors = (0..<m.classCount).map { r in (0..<m.classCount).reduce(0) { $0 + (r == $1 ? 0 : m[r, $1]) } }
        let maxErrors = errors.max() ?? 0
        let barRoom = min(Self.maximumBarWidth, max(0, inner.width - 12 - 6))
        for r in 0..<m.classCount where y < inner.height {
            let rowTotal = m[r, r] + errors[r]
            let accuracy = rowTotal > 0 ? Format.percent(Double(m[r, r]) / Double(rowTotal), digits: 2) : "-"
            let prefix = "\(r) " + Format.right(accuracy, 8) + "  "
            let x = buffer.write(prefix, in: inner.row(y))
            let length = maxErrors > 0 ? Int((Double(errors[r]) / Double(maxErrors) * Double(barRoom)).rounded(.up)) : 0
            let bar = String(repeating: glyphs.sparkLevels[glyphs.sparkLevels.count - 2], count: length)
            let barWidth = buffer.write(bar, at: inner.x + x, inner.y + y, style: .warn, clippedTo: inner.width - x)
            buffer.write((length > 0 ? " " : "") + String(errors[r]), at: inner.x + x + barWidth, inner.y + y,
                         style: .dim, clippedTo: inner.width - x - barWidth)
            y += 1
        }
        guard y + 1 < inner.height else { return }
        y += 1
        line("most confused (true\(glyphs.arrow)predicted)", .dim)
        let pairWidth = 12
        let perLine = max(1, inner.width / pairWidth)
        let pairs = Self.topConfusions(m, limit: perLine * min(Self.maximumConfusionLines, max(0, inner.height - y)))
        if pairs.isEmpty { line("none") }
        for start in stride(from: 0, to: pairs.count, by: perLine) {
            let text = pairs[start..<min(pairs.count, start + perLine)]
                .map { Format.left("\($0.trueClass)\(glyphs.arrow)\($0.predicted) \(Format.right(String($0.count), 4))", pairWidth) }
                .joined()
            line(text)
        }
    }
}
