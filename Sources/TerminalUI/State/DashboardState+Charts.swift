// MARK: - Chart scope

/// Which stretch of training the loss and accuracy sparklines show; `w` switches.
public enum ChartScope: Sendable, Equatable {
    /// The newest points, one column per point (a point = `DashboardState.batchesPerPoint` mini-batches).
    case recent
    /// Every point since the run started, averaged into the chart's width.
    case wholeRun
}

extension DashboardState {
    /// Mini-batches averaged into one sparkline point (about 40 points per epoch).
    public var batchesPerPoint: Int { sampler.stride }

    /// The sparklines' columns for a chart `width` columns wide in the current scope (`chartScope`).
    public func chartColumns(width: Int) -> ChartColumns {
        switch chartScope {
        case .recent: return ChartColumns(slots: chartHistory.recentSlots(width: width, pending: sampler.pendingPoint), width: width)
        case .wholeRun: return ChartColumns(slots: chartHistory.wholeSlots(pending: sampler.pendingPoint), width: width)
        }
    }

    /// The test accuracy (0...1) of every finished epoch whose last points `columns` show, at the column of
    /// those points: the marks beside the running training accuracy.
    public func testAccuracyMarks(in columns: ChartColumns) -> [SparklineMark] {
        epochs.compactMap { summary in
            columns.epochEnds[summary.epoch].map { SparklineMark(column: $0, value: summary.testAccuracy) }
        }
    }

    /// What the charts show, for their titles: "last 1.7 epochs" (the recent window: its points over the
    /// points of an epoch), "since the start" (while the window still holds every point) or "whole run";
    /// `nil` before the first point.
    public func chartScopeLabel(width: Int) -> String? {
        let points = chartHistory.recentSlots(width: width, pending: sampler.pendingPoint).count
        guard points > 0 else { return nil }
        guard chartScope == .recent else { return "whole run" }
        if chartHistory.count + (sampler.pendingPoint == nil ? 0 : 1) <= width { return "since the start" }
        let span = Format.fixed(Double(points) / Double(max(1, sampler.pointsPerEpoch)), digits: 1)
        return span == "1.0" ? "last 1 epoch" : "last \(span) epochs"
    }

    /// How many mini-batches one column stands for, for the charts' bottom border: "a bar per 23
    /// mini-batches" (recent), "a bar per ~94 mini-batches" (whole run, averaged); `nil` before the first
    /// point.
    public func chartBarLabel(width: Int) -> String? {
        var batches = Double(batchesPerPoint)
        if chartScope == .wholeRun {
            let slots = chartHistory.wholeSlots(pending: sampler.pendingPoint)
            guard !slots.isEmpty else { return nil }
            let points = slots.reduce(0) { $0 + $1.count }
            batches *= Double(points) / Double(min(slots.count, max(1, width)))
        } else if chartHistory.recent.isEmpty && sampler.pendingPoint == nil {
            return nil
        }
        let count = Int(batches.rounded())
        let about = chartScope == .wholeRun && batches != batches.rounded() ? "~" : ""
        return count == 1 && about.isEmpty ? "a bar per mini-batch" : "a bar per \(about)\(Format.grouped(count)) mini-batches"
    }

    /// w: the recent window or the whole run.
    mutating func toggleChartScope() -> KeyAction {
        chartScope = chartScope == .recent ? .wholeRun : .recent
        return .redraw
    }
}
