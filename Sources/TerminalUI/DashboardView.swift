// MARK: - The whole screen

/// Renders a `DashboardState` into a cell buffer of the terminal's size: the layout's widgets (training
/// panels, heatmap, draw pad, confusion browser, network view), the help overlay on top when open, or the
/// too-small message.
public struct DashboardView: Sendable {
    public var glyphs: GlyphSet
    public var depth: ColorDepth

    public init(glyphs: GlyphSet, depth: ColorDepth = .monochrome) {
        self.glyphs = glyphs
        self.depth = depth
    }

    /// A fresh buffer of `width` x `height` with the dashboard drawn into it.
    public func render(_ state: DashboardState, width: Int, height: Int) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        render(state, into: &buffer)
        return buffer
    }

    /// The loss and accuracy sparklines in the chart scope (w): titles with the epoch's running values and
    /// the latest test accuracy (◆, marked at each finished epoch's last column), the range always on the
    /// top border, the epochs on the bottom one.
    func renderCharts(_ state: DashboardState, into buffer: inout CellBuffer, loss lossArea: Rect, accuracy accuracyArea: Rect) {
        let width = Panel.inner(of: lossArea).width
        let columns = state.chartColumns(width: width)
        let scope = state.chartScopeLabel(width: width)
        let bar = state.chartBarLabel(width: width)
        let separator = glyphs.separator
        var loss = ["train loss" + (state.progress.map { " " + Format.fixed($0.runningLoss, digits: 4) } ?? "")]
        var accuracy = ["train acc" + (state.progress.map { " " + Format.percent($0.runningAccuracy) } ?? "")]
        if let last = state.epochs.last {
            accuracy.append("\(glyphs.marker) test \(Format.percent(last.testAccuracy, digits: 2))")
        }
        if let scope { loss.append(scope); accuracy.append(scope) }
        SparklinePanel(title: loss.joined(separator: separator), values: columns.loss, style: .accent, glyphs: glyphs,
                       epochStarts: columns.epochStarts, footnote: bar) {
            Format.fixed($0, digits: 4)
        }.render(into: &buffer, area: lossArea)
        SparklinePanel(title: accuracy.joined(separator: separator), values: columns.accuracy, style: .good, glyphs: glyphs,
                       marks: state.testAccuracyMarks(in: columns), epochStarts: columns.epochStarts, footnote: bar) {
            Format.percent($0)
        }.render(into: &buffer, area: accuracyArea)
    }

    /// Draws the dashboard over the whole buffer.
    public func render(_ state: DashboardState, into buffer: inout CellBuffer) {
        buffer.fill(buffer.bounds)
        let layout = state.layout(width: buffer.width, height: buffer.height)
        if layout.isTooSmall {
            TooSmallMessage(minimumWidth: DashboardLayout.minimumWidth, minimumHeight: DashboardLayout.minimumHeight,
                            glyphs: glyphs).render(into: &buffer, area: buffer.bounds)
            return
        }
        Header(state: state, glyphs: glyphs).render(into: &buffer, area: layout.header)
        DetailsLine(state: state, glyphs: glyphs).render(into: &buffer, area: layout.details)
        EpochProgressLine(state: state, glyphs: glyphs).render(into: &buffer, area: layout.progress)

        if !layout.lossPanel.isEmpty {
            renderCharts(state, into: &buffer, loss: layout.lossPanel, accuracy: layout.accuracyPanel)
            EpochLog(epochs: state.epochs, notes: state.logNotes, scroll: state.logScroll, glyphs: glyphs)
                .render(into: &buffer, area: layout.epochLog)
        }
        if !layout.heatmap.isEmpty {
            Heatmap(matrix: state.epochs.last?.confusionMatrix, epoch: state.epochs.last?.epoch,
                    classNames: state.classNames, glyphs: glyphs, depth: depth, focused: state.focus == .heatmap,
                    selection: state.heatmapSelection, offersBrowsing: state.browsing == nil)
                .render(into: &buffer, area: layout.heatmap)
        }
        if !layout.pad.isEmpty {
            PadPanel(state: state, glyphs: glyphs, depth: depth).render(into: &buffer, area: layout.pad)
        }
        if !layout.browser.isEmpty, let browsing = state.browsing {
            ConfusionBrowserPanel(browsing: browsing, classNames: state.classNames, glyphs: glyphs, depth: depth,
                                  saliency: state.showsSaliency ? state.currentInside?.saliencyMagnitude : nil)
                .render(into: &buffer, area: layout.browser)
        }
        if !layout.network.isEmpty {
            NetworkPanel(state: state, glyphs: glyphs, depth: depth).render(into: &buffer, area: layout.network)
        }
        StatusLine(state: state, glyphs: glyphs).render(into: &buffer, area: layout.status)
        KeyHelp(state: state, glyphs: glyphs).render(into: &buffer, area: layout.keyHelp)
        if state.helpVisible && state.helpPage == 1 {
            SummaryOverlay(glyphs: glyphs).render(into: &buffer, area: buffer.bounds)
        } else if state.helpVisible {
            HelpOverlay(entries: state.helpEntries, glyphs: glyphs).render(into: &buffer, area: buffer.bounds)
        }
    }
}
