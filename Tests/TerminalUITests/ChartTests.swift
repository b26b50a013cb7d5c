import LeNetTraining
import Testing
@testable import TerminalUI

// MARK: - Chart history, columns and the w key

@Suite struct ChartTests {
    private func point(_ loss: Double, epoch: Int = 1, starts: Bool = false) -> ChartSlot {
        ChartSlot(loss: loss, accuracy: loss / 10, epoch: epoch, startsEpoch: starts)
    }

    @Test func theWholeRunHalvesItsResolutionWhenFull() {
        var history = ChartHistory(recentCapacity: 3, wholeCapacity: 4)
        for i in 1...7 { history.append(point(Double(i))) }
        #expect(history.count == 7)
        #expect(history.recent.map(\.loss) == [5, 6, 7])
        // 1...4 filled the 4 slots and merged into (1,2) (3,4); 5 and 6 make a slot of two; 7 waits for 8.
        #expect(history.pointsPerSlot == 2)
        #expect(history.whole.map(\.loss) == [1.5, 3.5, 5.5])
        #expect(history.whole.map(\.count) == [2, 2, 2])
        #expect(history.wholeSlots(pending: point(8)).map(\.loss) == [1.5, 3.5, 5.5, 7.5])
        #expect(history.wholeSlots(pending: nil).map(\.loss) == [1.5, 3.5, 5.5, 7])
        #expect(history.recentSlots(width: 2, pending: point(8)).map(\.loss) == [7, 8])
    }

    /// 3 epochs of 4 points each, losses 1...12.
    private func threeEpochs() -> [ChartSlot] {
        (0..<12).map { i in point(Double(i + 1), epoch: i / 4 + 1, starts: i % 4 == 0) }
    }

    @Test func columnsOnePerSlotWhenTheyFit() {
        let columns = ChartColumns(slots: threeEpochs(), width: 20)
        #expect(columns.loss == (1...12).map(Double.init))
        #expect(columns.epochStarts.map(\.column) == [0, 4, 8])
        #expect(columns.epochStarts.map(\.epoch) == [1, 2, 3])
        #expect(columns.epochEnds == [1: 3, 2: 7, 3: 11])
    }

    @Test func columnsAverageConsecutiveSlotsAndMarkAnEpochStartingMidColumn() {
        let even = ChartColumns(slots: threeEpochs(), width: 6)
        #expect(even.loss == [1.5, 3.5, 5.5, 7.5, 9.5, 11.5])
        #expect(even.epochStarts.map(\.column) == [0, 2, 4])
        #expect(even.epochEnds == [1: 1, 2: 3, 3: 5])
        // 12 slots in 5 columns: 2, 2, 3, 2, 3 slots; epoch 3 starts in column 3 (slots 7 and 8).
        let uneven = ChartColumns(slots: threeEpochs(), width: 5)
        #expect(uneven.loss == [1.5, 3.5, 6, 8.5, 11])
        #expect(uneven.epochStarts.map(\.column) == [0, 2, 3])
        #expect(uneven.epochEnds == [1: 1, 2: 3, 3: 4])
        #expect(ChartColumns(slots: [], width: 5) == ChartColumns())
    }

    /// A run of 3 epochs x 4 mini-batches of 10 images (one point per mini-batch), with these accuracies
    /// per mini-batch and test accuracies 75%, 90%, 95%; losses 1.2 down to 0.1.
    static func finishedRun(epochs: Int = 3) -> DashboardState {
        let accuracies = [0.5, 0.6, 0.7, 0.8, 0.8, 0.85, 0.9, 0.9, 0.9, 0.95, 0.95, 1.0]
        let tests = [0.75, 0.9, 0.95]
        var state = DashboardState()
        state.apply(.started(Fixture.plan(epochs: epochs, batches: 4, batchSize: 10, trainImages: 40)))
        for epoch in 1...epochs {
            var correct = 0.0
            for batch in 1...4 {
                let i = (epoch - 1) * 4 + batch - 1
                correct += accuracies[i] * 10
                state.apply(.batchDone(Fixture.progress(epoch: epoch, batch: batch, batches: 4,
                                                        batchLoss: 1.2 - Double(i) * 0.1,
                                                        runningAccuracy: correct / Double(batch * 10))))
            }
            state.apply(.epochDone(Fixture.summary(epoch: epoch, epochs: epochs, testAccuracy: tests[epoch - 1])))
        }
        return state
    }

    private func charts(_ state: DashboardState, width: Int = 44, glyphs: GlyphSet = .unicode) -> [String] {
        Fixture.render(width: width, height: 12) { buffer, _ in
            DashboardView(glyphs: glyphs).renderCharts(state, into: &buffer, loss: Rect(x: 0, y: 0, width: width, height: 6),
                                                      accuracy: Rect(x: 0, y: 6, width: width, height: 6))
        }.rows()
    }

    @Test func wholeRunAccuracyChartMarksEpochsAndTheirTestAccuracy() {
        var state = Self.finishedRun()
        #expect(state.handle(key: .character("w")) == .redraw)
        #expect(state.chartScope == .wholeRun)
        let rows = charts(state)
        #expect(Array(rows[6...]) == [
            "┌ train acc 95.0% ────────── 50.0%..100.0% ┐",
            "│    ┊ ▂◆▂▅▅◆                              │",
            "│   ◆▄▇██████                              │",
            "│  ▅█████████                              │",
            "│▁▇██████████                              │",
            "└1───2───3────────── a bar per mini-batch ─┘",
        ])
        // The loss chart: the same epochs, no marks; its range note stays beside the shortened title.
        #expect(rows[0] == "┌ train loss 0.1234 " + String(repeating: "─", count: 7) + " 0.1000..1.2000 ┐")
        #expect(rows[5] == "└1───2───3────────── a bar per mini-batch ─┘")
    }

    @Test func wideEnoughTheTitleNamesTheTestAccuracyAndTheScope() {
        var state = Self.finishedRun()
        _ = state.handle(key: .character("w"))
        let rows = charts(state, width: 70)
        #expect(rows[6] == "┌ train acc 95.0% · ◆ test 95.00% · whole run ──────── 50.0%..100.0% ┐")
        #expect(rows[11] == "└1───2───3" + String(repeating: "─", count: 36) + " a bar per mini-batch ─┘")
        // Without Unicode: "o" marks, ":" divides, "-" separates.
        let ascii = charts(state, width: 70, glyphs: .ascii)
        #expect(ascii[6] == "+ train acc 95.0% - o test 95.00% - whole run -------- 50.0%..100.0% +")
        #expect(ascii[7].prefix(13) == "|    : .o.++o")
    }

    @Test func theRecentWindowScrollsAndSaysHowManyEpochsItShows() {
        // 10 epochs of 100 mini-batches: 2 mini-batches a point, 50 points an epoch; 40 columns show 0.8 epochs.
        var state = DashboardState()
        state.apply(.started(Fixture.plan(epochs: 10, batches: 100)))
        for epoch in 1...2 {
            for batch in 1...100 {
                state.apply(.batchDone(Fixture.progress(epoch: epoch, batch: batch, batches: 100, batchLoss: 0.5)))
            }
        }
        #expect(state.chartScopeLabel(width: 40) == "last 0.8 epochs")
        #expect(state.chartScopeLabel(width: 100) == "since the start")
        #expect(state.chartScopeLabel(width: 75) == "last 1.5 epochs")
        #expect(state.chartBarLabel(width: 40) == "a bar per 2 mini-batches")
        #expect(state.chartColumns(width: 75).epochStarts.map(\.column) == [25])
        #expect(state.chartColumns(width: 75).epochStarts.map(\.epoch) == [2])
        _ = state.handle(key: .character("w"))
        #expect(state.chartScopeLabel(width: 40) == "whole run")
        #expect(state.chartBarLabel(width: 40) == "a bar per 5 mini-batches", "100 points in 40 columns")
        #expect(state.chartBarLabel(width: 30) == "a bar per ~7 mini-batches")
        #expect(state.chartColumns(width: 40).epochStarts.map(\.column) == [0, 20])
    }

    @Test func wSwitchesTheScopeAndTheKeyLineSaysToWhat() {
        var state = Fixture.runningState()
        #expect(KeyHelp(state: state, glyphs: .unicode).text().hasPrefix("p pause  w whole run  d draw"))
        #expect(state.handle(key: .character("w")) == .redraw)
        #expect(state.chartScope == .wholeRun)
        #expect(KeyHelp(state: state, glyphs: .unicode).text().hasPrefix("p pause  w recent  d draw"))
        #expect(state.handle(key: .character("W")) == .redraw)
        #expect(state.chartScope == .recent)
        _ = state.handle(key: .character("d"))
        #expect(state.handle(key: .character("w")) == .redraw, "w is not a pad key: it works with the pad open")
        var draw = DashboardState(padOnly: true)
        #expect(draw.handle(key: .character("w")) == .none, "no charts in lenet-tui draw")
        #expect(draw.chartScope == .recent)
    }
}
