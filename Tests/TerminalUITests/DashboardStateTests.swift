import LeNetTraining
import XCTest
@testable import TerminalUI

final class DashboardStateTests: XCTestCase {
    // MARK: Keys

    func testPauseKeysAndQuit() {
        var state = Fixture.runningState()
        XCTAssertEqual(state.handle(key: .character("p")), .togglePause)
        XCTAssertEqual(state.pendingPause, true)
        XCTAssertEqual(state.statusWord, "pausing")
        XCTAssertEqual(state.handle(key: .character(" ")), .togglePause)
        XCTAssertNil(state.pendingPause)
        XCTAssertEqual(state.statusWord, "running")
        XCTAssertEqual(state.handle(key: .character("P")), .togglePause)
        XCTAssertEqual(state.handle(key: .character("q")), .redraw)  // unsaved progress: asks first
        XCTAssertEqual(state.handle(key: .character("y")), .quit)
        XCTAssertEqual(state.handle(key: .character("Q")), .redraw)
        XCTAssertEqual(state.handle(key: .character("n")), .redraw)
        XCTAssertEqual(state.handle(key: .character("x")), .none)
        XCTAssertEqual(state.handle(key: .function(2)), .none)
        XCTAssertEqual(state.handle(key: .resize), .redraw)
    }

    func testTrainerConfirmsPauseAndResume() {
        var state = Fixture.runningState()
        _ = state.handle(key: .character("p"))
        state.apply(.paused)
        XCTAssertTrue(state.isPaused)
        XCTAssertNil(state.pendingPause)
        XCTAssertEqual(state.statusWord, "paused")
        XCTAssertEqual(state.phaseMessage?.text, "paused — press p or space to resume")
        _ = state.handle(key: .character(" "))
        XCTAssertEqual(state.statusWord, "resuming")
        state.apply(.resumed)
        XCTAssertFalse(state.isPaused)
        XCTAssertEqual(state.statusWord, "running")
        XCTAssertNil(state.phaseMessage)
    }

    func testPauseDoesNothingAfterTheRunEnded() {
        var state = Fixture.runningState()
        state.apply(.finished(completed: true))
        XCTAssertEqual(state.handle(key: .character("p")), .none)
        XCTAssertNil(state.pendingPause)
        XCTAssertEqual(state.handle(key: .character("q")), .quit)
    }

    func testLogScrollingIsClampedToTheViewport() {
        var state = Fixture.runningState()
        XCTAssertEqual(state.handle(key: .up), .none)  // nothing to scroll
        for epoch in 1...5 { state.apply(.epochDone(Fixture.summary(epoch: epoch))) }
        state.logViewportRows = 2
        XCTAssertEqual(state.handle(key: .up), .redraw)
        XCTAssertEqual(state.logScroll, 1)
        for _ in 0..<5 { _ = state.handle(key: .up) }
        XCTAssertEqual(state.logScroll, 3)
        XCTAssertEqual(state.handle(key: .up), .none)
        XCTAssertEqual(state.handle(key: .down), .redraw)
        XCTAssertEqual(state.logScroll, 2)
        state.apply(.epochDone(Fixture.summary(epoch: 6)))  // the lines in view stay in view
        XCTAssertEqual(state.logScroll, 3)
        XCTAssertEqual(state.handle(key: .end), .redraw)
        XCTAssertEqual(state.logScroll, 0)
        XCTAssertEqual(state.handle(key: .pageUp), .redraw)
        XCTAssertEqual(state.logScroll, 4)
        XCTAssertEqual(state.handle(key: .pageDown), .redraw)
        XCTAssertEqual(state.logScroll, 0)
    }

    // MARK: Events

    func testStartedSetsPlanAndPhase() {
        var state = DashboardState()
        XCTAssertEqual(state.phase, .waiting)
        XCTAssertEqual(state.statusWord, "waiting")
        state.apply(.started(Fixture.plan(epochs: 4, firstEpoch: 2)))
        XCTAssertEqual(state.phase, .running)
        XCTAssertEqual(state.currentEpoch, 2)
        XCTAssertEqual(state.totalEpochs, 4)
        XCTAssertNil(state.etaSeconds)
    }

    func testBatchDoneUpdatesProgressAndHistories() {
        // 4 batches of 10 images, the last one partial (5 images): one point per batch.
        var state = DashboardState()
        state.apply(.started(Fixture.plan(epochs: 2, batches: 4, batchSize: 10, trainImages: 35)))
        let losses = [2.0, 1.5, 1.0, 0.5]
        let running = [5.0 / 10, 12.0 / 20, 21.0 / 30, 25.0 / 35]  // 5, 7, 9, 4 correct per batch
        for b in 1...4 {
            state.apply(.batchDone(Fixture.progress(epoch: 1, batch: b, batches: 4, batchLoss: losses[b - 1],
                                                    runningAccuracy: running[b - 1], elapsed: Double(b))))
            XCTAssertEqual(state.lossSeries.count, b)
            XCTAssertEqual(state.lossSeries.last, losses[b - 1])
        }
        XCTAssertEqual(state.progress?.batch, 4)
        XCTAssertEqual(state.chartHistory.recent.map(\.loss), losses)
        XCTAssertEqual(state.chartHistory.recent.map(\.firstEpoch), [1, 1, 1, 1])
        XCTAssertEqual(state.chartHistory.recent.map(\.startsEpoch), [true, false, false, false])
        for (got, want) in zip(state.accuracySeries, [0.5, 0.7, 0.9, 0.8]) { XCTAssertEqual(got, want, accuracy: 1e-12) }
        XCTAssertTrue(state.isEvaluating)

        // A new epoch starts from zero images: its first point is the running accuracy.
        state.apply(.batchDone(Fixture.progress(epoch: 2, batch: 1, batches: 4, batchLoss: 0.4,
                                                runningAccuracy: 0.9, elapsed: 5)))
        XCTAssertFalse(state.isEvaluating)  // a batch of the next epoch arrived
        XCTAssertEqual(state.lossSeries, [2.0, 1.5, 1.0, 0.5, 0.4])
        XCTAssertEqual(state.accuracySeries.last!, 0.9, accuracy: 1e-12)
    }

    func testPointsAverageBucketsOfMiniBatches() {
        // 100 batches per epoch -> 40 points per epoch -> 2 batches per point.
        var state = DashboardState()
        state.apply(.started(Fixture.plan(batches: 100, batchSize: 10)))
        state.apply(.batchDone(Fixture.progress(epoch: 1, batch: 1, batches: 100, batchLoss: 1.0, runningAccuracy: 0.5)))
        XCTAssertEqual(state.lossSeries, [1.0])  // the unfinished bucket
        state.apply(.batchDone(Fixture.progress(epoch: 1, batch: 2, batches: 100, batchLoss: 0.5, runningAccuracy: 0.6)))
        XCTAssertEqual(state.lossSeries, [0.75])
        XCTAssertTrue(state.chartHistory.recent.isEmpty)
        state.apply(.batchDone(Fixture.progress(epoch: 1, batch: 3, batches: 100, batchLoss: 0.3, runningAccuracy: 0.6)))
        XCTAssertEqual(state.chartHistory.recent.map(\.loss), [0.75])
        XCTAssertEqual(state.lossSeries, [0.75, 0.3])
        XCTAssertEqual(state.accuracySeries[0], 0.6, accuracy: 1e-12)
        XCTAssertEqual(state.accuracySeries[1], 0.6, accuracy: 1e-12)
    }

    func testHistoryIsBounded() {
        var history = ChartHistory(recentCapacity: 3)
        for v in 1...5 { history.append(ChartSlot(loss: Double(v), accuracy: 0, epoch: 1, startsEpoch: v == 1)) }
        XCTAssertEqual(history.recent.map(\.loss), [3, 4, 5])
        var state = DashboardState()
        state.apply(.started(Fixture.plan(batches: 10)))
        for i in 0..<(DashboardState.historyCapacity + 50) {
            state.apply(.batchDone(Fixture.progress(epoch: 1 + i / 10, batch: 1 + i % 10, batches: 10)))
        }
        XCTAssertEqual(state.chartHistory.recent.count, DashboardState.historyCapacity)
        XCTAssertEqual(state.lossSeries.count, DashboardState.historyCapacity)
    }

    func testEpochDoneAppendsALogLine() {
        var state = Fixture.runningState()
        state.apply(.epochDone(Fixture.summary(epoch: 3)))
        XCTAssertEqual(state.epochs.count, 1)
        XCTAssertEqual(EpochLog.line(for: state.epochs[0], width: 48),
                       "   3/10      0.1234     0.0987    97.12%   12.3s")
        state.apply(.epochDone(Fixture.summary(epoch: 4, testAccuracy: 0.99)))
        XCTAssertEqual(state.bestEpoch?.epoch, 4)
        XCTAssertEqual(state.epochs.map(\.epoch), [3, 4])
    }

    func testCheckpointFinishAndFailure() {
        var state = Fixture.runningState()
        state.apply(.checkpointSaved(path: "out/lenet.ckpt", epoch: 2))
        XCTAssertEqual(state.checkpointNote, "checkpoint saved: out/lenet.ckpt (epoch 2)")

        var stopped = state
        stopped.apply(.finished(completed: false))
        XCTAssertEqual(stopped.statusWord, "stopped")
        XCTAssertEqual(stopped.phaseMessage?.text, "stopped — press q to quit")
        XCTAssertNil(stopped.etaSeconds)

        var done = state
        done.apply(.paused)
        done.apply(.finished(completed: true))
        XCTAssertFalse(done.isPaused)
        XCTAssertEqual(done.statusWord, "finished")
        XCTAssertEqual(done.phaseMessage?.text, "finished — press q to quit")
        XCTAssertEqual(done.etaSeconds, 0)

        var failed = state
        failed.apply(.failed(message: "loss is NaN"))
        XCTAssertEqual(failed.phase, .failed(message: "loss is NaN"))
        XCTAssertEqual(failed.phaseMessage?.text, "failed: loss is NaN — press q to quit")
        XCTAssertFalse(failed.phase.isActive)
    }

    func testEtaFromPace() {
        // Epoch 3 of 10, batch 50 of 100: 250 batches in 83 s, 750 to go -> 249 s.
        let state = Fixture.runningState()
        XCTAssertEqual(state.etaSeconds!, 249, accuracy: 1e-9)
        XCTAssertEqual(state.elapsedSeconds, 83)
        // Resumed at epoch 3: only this run's batches count.
        var resumed = DashboardState()
        resumed.apply(.started(Fixture.plan(firstEpoch: 3)))
        resumed.apply(.batchDone(Fixture.progress(epoch: 3, batch: 50, elapsed: 10)))
        XCTAssertEqual(resumed.etaSeconds!, 10.0 / 50 * 750, accuracy: 1e-9)
    }
}

// MARK: - Dashboard inbox

final class DashboardInboxTests: XCTestCase {
    func testPostIsThreadSafeAndKeepsEveryEvent() {
        let dashboard = DashboardInbox()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for b in 1...250 { dashboard.post(.batchDone(Fixture.progress(epoch: thread + 1, batch: b))) }
        }
        let events = dashboard.drain()
        XCTAssertEqual(events.count, 2000)
        XCTAssertTrue(dashboard.drain().isEmpty)
        // Each thread's events arrive in its own order.
        for epoch in 1...8 {
            let batches = events.compactMap { event -> Int? in
                if case .batchDone(let p) = event, p.epoch == epoch { return p.batch }
                return nil
            }
            XCTAssertEqual(batches, Array(1...250))
        }
    }

    func testRunWithoutATerminalReturnsAtOnceAndLeavesTrainingAlone() throws {
        try XCTSkipIf(Dashboard.isTerminalAvailable, "stdin/stdout are a terminal here")
        let control = TrainingControl()
        let exit = Dashboard().run(control: control)
        guard case .terminalUnavailable = exit else { return XCTFail("got \(exit)") }
        XCTAssertFalse(control.isStopRequested)
    }
}

final class ClosingSummaryTests: XCTestCase {
    func testClosingSummaryBeforeRunIsJustThePhase() {
        XCTAssertEqual(Dashboard().closingSummary(), ["stopped"])
        XCTAssertEqual(Dashboard().finalState.phase, .waiting)
    }

    func testClosingSummaryListsEpochsPhaseAndCheckpoint() {
        var state = Fixture.runningState()
        state.apply(.epochDone(Fixture.summary(epoch: 1)))
        state.apply(.checkpointSaved(path: "lenet.ckpt", epoch: 1))
        state.apply(.finished(completed: true))
        XCTAssertEqual(state.closingSummary(width: 48), [
            "  epoch  train loss  test loss  test acc    time",
            "   1/10      0.1234     0.0987    97.12%   12.3s",
            "finished",
            "checkpoint saved: lenet.ckpt (epoch 1)",
        ])
    }
}
