// MARK: - The whole screen

/// Renders a `DashboardState` into a cell buffer of the terminal's size: the layout's widgets, or the
/// too-small message.
public struct DashboardView: Sendable {
    public var glyphs: GlyphSet

    public init(glyphs: GlyphSet) {
        self.glyphs = glyphs
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
        let layout = DashboardLayout(width: buffer.width, height: buffer.height)
        if layout.isTooSmall {
            TooSmallMessage(minimumWidth: DashboardLayout.minimumWidth, minimumHeight: DashboardLayout.minimumHeight,
                            glyphs: glyphs).render(into: &buffer, area: buffer.bounds)
            return
        }
        Header(state: state, glyphs: glyphs).render(into: &buffer, area: layout.header)
        DetailsLine(state: state, glyphs: glyphs).render(into: &buffer, area: layout.details)
        EpochProgressLine(state: state, glyphs: glyphs).render(into: &buffer, area: layout.progress)

        let loss = state.progress.map { "loss \(Format.fixed($0.runningLoss, digits: 4))" } ?? "loss"
        SparklinePanel(title: loss, values: state.lossSeries, style: .accent, glyphs: glyphs) {
            Format.fixed($0, digits: 4)
        }.render(into: &buffer, area: layout.lossPanel)
        let accuracy = state.progress.map { "acc \(Format.percent($0.runningAccuracy))" } ?? "acc"
        SparklinePanel(title: accuracy, values: state.accuracySeries, style: .good, glyphs: glyphs) {
            Format.percent($0)
        }.render(into: &buffer, area: layout.accuracyPanel)

        EpochLog(epochs: state.epochs, scroll: state.logScroll, glyphs: glyphs)
            .render(into: &buffer, area: layout.epochLog)
        if !layout.side.isEmpty {
            ConfusionSummary(matrix: state.epochs.last?.confusionMatrix, epoch: state.epochs.last?.epoch,
                             glyphs: glyphs).render(into: &buffer, area: layout.side)
        }
        StatusLine(state: state, glyphs: glyphs).render(into: &buffer, area: layout.status)
        KeyHelp(state: state, glyphs: glyphs).render(into: &buffer, area: layout.keyHelp)
    }
}
