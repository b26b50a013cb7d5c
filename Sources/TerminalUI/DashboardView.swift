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

    /// Draws the dashboard over the whole buffer.
    public func render(_ state: DashboardState, into buffer: inout CellBuffer) {
        buffer.fill(buffer.bounds)
        let layout = DashboardLayout(width: buffer.width, height: buffer.height, focus: state.focus, padOnly: state.padOnly,
                                     browsing: state.browsing != nil, network: state.showsNetworkView)
        if layout.isTooSmall {
            TooSmallMessage(minimumWidth: DashboardLayout.minimumWidth, minimumHeight: DashboardLayout.minimumHeight,
                            glyphs: glyphs).render(into: &buffer, area: buffer.bounds)
            return
        }
        Header(state: state, glyphs: glyphs).render(into: &buffer, area: layout.header)
        DetailsLine(state: state, glyphs: glyphs).render(into: &buffer, area: layout.details)
        EpochProgressLine(state: state, glyphs: glyphs).render(into: &buffer, area: layout.progress)

        if !layout.lossPanel.isEmpty {
            let loss = state.progress.map { "train loss \(Format.fixed($0.runningLoss, digits: 4)) (mini-batches)" } ?? "train loss"
            SparklinePanel(title: loss, values: state.lossSeries, style: .accent, glyphs: glyphs) {
                Format.fixed($0, digits: 4)
            }.render(into: &buffer, area: layout.lossPanel)
            let accuracy = state.progress.map { "train acc \(Format.percent($0.runningAccuracy)) (mini-batches)" } ?? "train acc"
            SparklinePanel(title: accuracy, values: state.accuracySeries, style: .good, glyphs: glyphs) {
                Format.percent($0)
            }.render(into: &buffer, area: layout.accuracyPanel)
            EpochLog(epochs: state.epochs, scroll: state.logScroll, glyphs: glyphs)
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
            HelpOverlay(glyphs: glyphs).render(into: &buffer, area: buffer.bounds)
        }
    }
}
