import LeNetTraining

// MARK: - Heatmap selection and the confusion browser

/// A cell of the confusion matrix: row = true class, column = predicted class.
public struct ConfusionCell: Sendable, Equatable, Hashable {
    public var trueClass: Int
    public var predicted: Int

    public init(trueClass: Int, predicted: Int) {
        self.trueClass = trueClass
        self.predicted = predicted
    }
}

/// The confusion browser: the test images of one heatmap cell, one at a time.
public struct ConfusionBrowsing: Sendable, Equatable {
    /// The cell being browsed.
    public var cell: ConfusionCell
    /// The cell's test images (the first ones in test-set order); `nil` until the dashboard loaded them
    /// (`showConfusionExamples`).
    public var examples: [ConfusionExample]?
    /// How many test images the cell holds with the current weights (more than `examples` when the
    /// browser's limit cut the list); `nil` until loaded.
    public var total: Int?
    /// The image shown, 0-based.
    public var index = 0
    /// The cell's count in the heatmap and its epoch, when the browser opened (the images come from the
    /// current weights, which move on during training).
    public var heatmapCount: Int?
    public var heatmapEpoch: Int?

    public init(cell: ConfusionCell, examples: [ConfusionExample]? = nil, total: Int? = nil, index: Int = 0,
                heatmapCount: Int? = nil, heatmapEpoch: Int? = nil) {
        self.cell = cell
        self.examples = examples
        self.total = examples.map { max(total ?? 0, $0.count) }
        self.index = index
        self.heatmapCount = heatmapCount
        self.heatmapEpoch = heatmapEpoch
    }

    /// The image shown, if any.
    public var current: ConfusionExample? {
        guard let examples, examples.indices.contains(index) else { return nil }
        return examples[index]
    }
}

extension DashboardState {
    /// Whether the heatmap is in selection mode (arrows move the highlighted cell).
    public var isSelectingCell: Bool { heatmapSelection != nil }

    /// The confusion matrix the heatmap shows (the latest epoch's).
    var heatmapMatrix: ConfusionMatrix? {
        guard let m = epochs.last?.confusionMatrix, m.total > 0 else { return nil }
        return m
    }

    /// b (or Enter on the focused heatmap): selection mode on the largest off-diagonal cell.
    mutating func startCellSelection() -> KeyAction {
        guard canBrowse, let m = heatmapMatrix else { return .none }
        focus = .heatmap
        browsing = nil
        if let top = m.topConfusions(limit: 1).first {
            heatmapSelection = ConfusionCell(trueClass: top.trueClass, predicted: top.predicted)
        } else {
            heatmapSelection = ConfusionCell(trueClass: 0, predicted: 0)
        }
        return .redraw
    }

    /// Arrows in selection mode: move the highlighted cell, clamped to the matrix.
    mutating func moveCellSelection(dx: Int, dy: Int) -> KeyAction {
        guard var cell = heatmapSelection else { return .none }
        let n = heatmapMatrix?.classCount ?? classNames.count
        cell.predicted = min(max(0, cell.predicted + dx), n - 1)
        cell.trueClass = min(max(0, cell.trueClass + dy), n - 1)
        guard cell != heatmapSelection else { return .none }
        heatmapSelection = cell
        return .redraw
    }

    /// Enter in selection mode: open the browser on the selected cell; the dashboard loads its images.
    /// Nothing on a cell the heatmap shows empty (its line says "no test images").
    mutating func openBrowser() -> KeyAction {
        guard let cell = heatmapSelection, (heatmapMatrix?[cell.trueClass, cell.predicted] ?? 0) > 0 else { return .none }
        browsing = ConfusionBrowsing(cell: cell, heatmapCount: heatmapMatrix?[cell.trueClass, cell.predicted],
                                     heatmapEpoch: epochs.last?.epoch)
        return .loadConfusions(cell)
    }

    /// ←/→ or [ ] in the browser: the previous / next image, clamped.
    mutating func stepBrowser(by step: Int) -> KeyAction {
        guard var b = browsing, let examples = b.examples, !examples.isEmpty else { return .none }
        b.index = min(max(0, b.index + step), examples.count - 1)
        guard b != browsing else { return .none }
        browsing = b
        return .redraw
    }

    /// Esc: browser -> cell selection -> heatmap without selection. Returns `nil` when neither was open.
    mutating func backFromBrowsing() -> KeyAction? {
        if browsing != nil {
            browsing = nil
            return .redraw
        }
        if heatmapSelection != nil {
            heatmapSelection = nil
            return .redraw
        }
        return nil
    }

    /// Leaves selection and browsing (the heatmap lost the keys).
    mutating func endBrowsing() {
        heatmapSelection = nil
        browsing = nil
    }

    /// Gives the browser the images the dashboard found for `cell` and how many the cell holds (`nil`: as
    /// many as found); ignored when the browser moved on.
    public mutating func showConfusionExamples(_ examples: [ConfusionExample], total: Int? = nil, for cell: ConfusionCell) {
        guard browsing?.cell == cell else { return }
        browsing?.examples = examples
        browsing?.total = max(total ?? 0, examples.count)
        browsing?.index = 0
    }
}
