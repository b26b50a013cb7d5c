import Foundation
import LeNetTraining
import Testing
@testable import TerminalUI

@Suite struct DashboardStateTests {
    // MARK: Keys

    @Test func pauseKeysAndQuit() {
        var state = Fixture.runningState()
        #expect(state.handle(key: .character("p")) == .togglePause)
        #expect(state.pendingPause == true)
        #expect(state.statusWord == "pausing")
        #expect(state.handle(key: .character(" ")) == .togglePause)
        #expect(state.pendingPause == nil)
        #expect(state.statusWord == "running")
        #expect(state.handle(key: .character("P")) == .togglePause)
        #expect(state.handle(key: .character("q")) == .redraw)  // unsaved progress: asks first
        #expect(state.handle(key: .character("y")) == .quit)
        #expect(state.handle(key: .character("Q")) == .redraw)
        #expect(state.handle(key: .character("n")) == .redraw)
        #expect(state.handle(key: .character("x")) == .none)
        #expect(state.handle(key: .function(2)) == .none)
        #expect(state.handle(key: .resize) == .redraw)
    }

    @Test func trainerConfirmsPauseAndResume() {
        var state = Fixture.runningState()
        _ = state.handle(key: .character("p"))
        state.apply(.paused)
        #expect(state.isPaused)
        #expect(state.pendingPause == nil)
        #expect(state.statusWord == "paused")
        #expect(state.phaseMessage?.text == "paused — press p or space to resume")
        // On the pad space is the pen, so the note names only p.
        var onPad = state
        _ = onPad.handle(key: .character("d"))
        #expect(onPad.padOpen)
        #expect(onPad.phaseMessage?.text == "paused — press p to resume")
        _ = state.handle(key: .character(" "))
        #expect(state.statusWord == "resuming")
        state.apply(.resumed)
        #expect(!state.isPaused)
        #expect(state.statusWord == "running")
        #expect(state.phaseMessage == nil)
    }

    @Test func pauseDoesNothingAfterTheRunEnded() {
        var state = Fixture.runningState()
        state.apply(.finished(completed: true))
        #expect(state.handle(key: .character("p")) == .none)
        #expect(state.pendingPause == nil)
        #expect(state.handle(key: .character("q")) == .quit)
    }

    @Test func logScrollingIsClampedToTheViewport() {
        var state = Fixture.runningState()
        #expect(state.handle(key: .up) == .none)  // nothing to scroll
        for epoch in 1...5 { state.apply(.epochDone(Fixture.summary(epoch: epoch))) }
        state.logViewportRows = 2
        #expect(state.handle(key: .up) == .redraw)
        #expect(state.logScroll == 1)
        for _ in 0..<5 { _ = state.handle(key: .up) }
        #expect(state.logScroll == 3)
        #expect(state.handle(key: .up) == .none)
        #expect(state.handle(key: .down) == .redraw)
        #expect(state.logScroll == 2)
        state.apply(.epochDone(Fixture.summary(epoch: 6)))  // the lines in view stay in view
        #expect(state.logScroll == 3)
        #expect(state.handle(key: .end) == .redraw)
        #expect(state.logScroll == 0)
        #expect(state.handle(key: .pageUp) == .redraw)
        #expect(state.logScroll == 4)
        #expect(state.handle(key: .pageDown) == .redraw)
        #expect(state.logScroll == 0)
    }

    // MARK: Events

    @Test func startedSetsPlanAndPhase() {
        var state = DashboardState()
        #expect(state.phase == .waiting)
        #expect(state.statusWord == "waiting")
        state.apply(.started(Fixture.plan(epochs: 4, firstEpoch: 2)))
        #expect(state.phase == .running)
        #expect(state.currentEpoch == 2)
        #expect(state.totalEpochs == 4)
        #expect(state.etaSeconds == nil)
    }

    @Test func batchDoneUpdatesProgressAndHistories() {
        // 4 batches of 10 images, the last one partial (5 images): one point per batch.
        var state = DashboardState()
        state.apply(.started(Fixture.plan(epochs: 2, batches: 4, batchSize: 10, trainImages: 35)))
        let losses = [2.0, 1.5, 1.0, 0.5]
        let running = [5.0 / 10, 12.0 / 20, 21.0 / 30, 25.0 / 35]  // 5, 7, 9, 4 correct per batch
        for b in 1...4 {
            state.apply(.batchDone(Fixture.progress(epoch: 1, batch: b, batches: 4, batchLoss: losses[b - 1],
                                                    runningAccuracy: running[b - 1], elapsed: Double(b))))
            #expect(state.lossSeries.count == b)
            #expect(state.lossSeries.last == losses[b - 1])
        }
        #expect(state.progress?.batch == 4)
        #expect(state.chartHistory.recent.map(\.loss) == losses)
        #expect(state.chartHistory.recent.map(\.firstEpoch) == [1, 1, 1, 1])
        #expect(state.chartHistory.recent.map(\.startsEpoch) == [true, false, false, false])
        for (got, want) in zip(state.accuracySeries, [0.5, 0.7, 0.9, 0.8]) { #expect(abs(got - want) <= 1e-12) }
        #expect(state.isEvaluating)

        // A new epoch starts from zero images: its first point is the running accuracy.
        state.apply(.batchDone(Fixture.progress(epoch: 2, batch: 1, batches: 4, batchLoss: 0.4,
                                                runningAccuracy: 0.9, elapsed: 5)))
        #expect(!state.isEvaluating)  // a batch of the next epoch arrived
        #expect(state.lossSeries == [2.0, 1.5, 1.0, 0.5, 0.4])
        #expect(abs(state.accuracySeries.last! - 0.9) <= 1e-12)
    }

    @Test func pointsAverageBucketsOfMiniBatches() {
        // 100 batches per epoch -> 40 points per epoch -> 2 batches per point.
        var state = DashboardState()
        state.apply(.started(Fixture.plan(batches: 100, batchSize: 10)))
        state.apply(.batchDone(Fixture.progress(epoch: 1, batch: 1, batches: 100, batchLoss: 1.0, runningAccuracy: 0.5)))
        #expect(state.lossSeries == [1.0])  // the unfinished bucket
        state.apply(.batchDone(Fixture.progress(epoch: 1, batch: 2, batches: 100, batchLoss: 0.5, runningAccuracy: 0.6)))
        #expect(state.lossSeries == [0.75])
        #expect(state.chartHistory.recent.isEmpty)
        state.apply(.batchDone(Fixture.progress(epoch: 1, batch: 3, batches: 100, batchLoss: 0.3, runningAccuracy: 0.6)))
        #expect(state.chartHistory.recent.map(\.loss) == [0.75])
        #expect(state.lossSeries == [0.75, 0.3])
        #expect(abs(state.accuracySeries[0] - 0.6) <= 1e-12)
        #expect(abs(state.accuracySeries[1] - 0.6) <= 1e-12)
    }

    @Test func historyIsBounded() {
        var history = ChartHistory(recentCapacity: 3)
        for v in 1...5 { history.append(ChartSlot(loss: Double(v), accuracy: 0, epoch: 1, startsEpoch: v == 1)) }
        #expect(history.recent.map(\.loss) == [3, 4, 5])
        var state = DashboardState()
        state.apply(.started(Fixture.plan(batches: 10)))
        for i in 0..<(DashboardState.historyCapacity + 50) {
            state.apply(.batchDone(Fixture.progress(epoch: 1 + i / 10, batch: 1 + i % 10, batches: 10)))
        }
        #expect(state.chartHistory.recent.count == DashboardState.historyCapacity)
        #expect(state.lossSeries.count == DashboardState.historyCapacity)
    }

    @Test func epochDoneAppendsALogLine() {
        var state = Fixture.runningState()
        state.apply(.epochDone(Fixture.summary(epoch: 3)))
        #expect(state.epochs.count == 1)
        #expect(EpochLog.line(for: state.epochs[0], width: 48) ==
                "   3/10      0.1234     0.0987    97.12%   12.3s")
        state.apply(.epochDone(Fixture.summary(epoch: 4, testAccuracy: 0.99)))
        #expect(state.bestEpoch?.epoch == 4)
        #expect(state.epochs.map(\.epoch) == [3, 4])
    }

    @Test func checkpointFinishAndFailure() {
        var state = Fixture.runningState()
        state.apply(.checkpointSaved(path: "out/lenet.ckpt", epoch: 2))
        #expect(state.checkpointNote == "checkpoint saved: out/lenet.ckpt (epoch 2)")

        var stopped = state
        stopped.apply(.finished(completed: false))
        #expect(stopped.statusWord == "stopped")
        #expect(stopped.phaseMessage?.text == "stopped — press q to quit")
        #expect(stopped.etaSeconds == nil)

        var done = state
        done.apply(.paused)
        done.apply(.finished(completed: true))
        #expect(!done.isPaused)
        #expect(done.statusWord == "finished")
        #expect(done.phaseMessage?.text == "finished — press q to quit")
        #expect(done.etaSeconds == 0)

        var failed = state
        failed.apply(.failed(message: "loss is NaN"))
        #expect(failed.phase == .failed(message: "loss is NaN"))
        #expect(failed.phaseMessage?.text == "failed: loss is NaN — press q to quit")
        #expect(!failed.phase.isActive)

        // A result file that cannot be written fails the run and stops the trainer, whose own end
        // (`.finished(completed: false)`) comes after: the failure stays on the screen.
        var writeFailed = state
        writeFailed.apply(.failed(message: "results/metrics.csv: cannot write: is a directory"))
        writeFailed.apply(.finished(completed: false))
        #expect(writeFailed.statusWord == "failed")
        #expect(writeFailed.phaseMessage?.text == "failed: results/metrics.csv: cannot write: is a directory — press q to quit")
    }

    @Test func etaFromPace() {
        // Epoch 3 of 10, batch 50 of 100: 250 batches in 83 s, 750 to go -> 249 s.
        let state = Fixture.runningState()
        #expect(abs(state.etaSeconds! - 249) <= 1e-9)
        #expect(state.elapsedSeconds == 83)
        // Resumed at epoch 3: only this run's batches count.
        var resumed = DashboardState()
        resumed.apply(.started(Fixture.plan(firstEpoch: 3)))
        resumed.apply(.batchDone(Fixture.progress(epoch: 3, batch: 50, elapsed: 10)))
        #expect(abs(resumed.etaSeconds! - (10.0 / 50 * 750)) <= 1e-9)
    }
}

// MARK: - Dashboard inbox

@Suite struct DashboardInboxTests {
    @Test func postIsThreadSafeAndKeepsEveryEvent() {
        let dashboard = DashboardInbox()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for b in 1...250 { dashboard.post(.batchDone(Fixture.progress(epoch: thread + 1, batch: b))) }
        }
        let events = dashboard.drain()
        #expect(events.count == 2000)
        #expect(dashboard.drain().isEmpty)
        // Each thread's events arrive in its own order.
        for epoch in 1...8 {
            let batches = events.compactMap { event -> Int? in
                if case .batchDone(let p) = event, p.epoch == epoch { return p.batch }
                return nil
            }
            #expect(batches == Array(1...250))
        }
    }

    @Test(.disabled(if: Dashboard.isTerminalAvailable, "stdin/stdout are a terminal here"))
    func runWithoutATerminalReturnsAtOnceAndLeavesTrainingAlone() throws {
        let control = TrainingControl()
        let exit = Dashboard().run(control: control)
        guard case .terminalUnavailable = exit else { Issue.record("got \(exit)"); return }
        #expect(!control.isStopRequested)
    }
}

@Suite struct ClosingSummaryTests {
    @Test func closingSummaryBeforeRunIsJustThePhase() {
        #expect(Dashboard().closingSummary() == ["stopped"])
        #expect(Dashboard().finalState.phase == .waiting)
    }

    @Test func closingSummaryListsEpochsPhaseAndCheckpoint() {
        var state = Fixture.runningState()
        state.apply(.epochDone(Fixture.summary(epoch: 1)))
        state.apply(.checkpointSaved(path: "lenet.ckpt", epoch: 1))
        state.apply(.finished(completed: true))
        #expect(state.closingSummary(width: 48) == [
            "  epoch  train loss  test loss  test acc    time",
            "   1/10      0.1234     0.0987    97.12%   12.3s",
            "finished",
            "checkpoint saved: lenet.ckpt (epoch 1)",
        ])
    }
}
