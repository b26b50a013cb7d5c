import LeNetTraining
import XCTest
@testable import TerminalUI

// MARK: - Steering keys (+ - < > . r) and the steering events in the dashboard's state

final class SteeringStateTests: XCTestCase {
    private let x2 = LearningRateMultiplier(clamping: 1)
    private let x4 = LearningRateMultiplier(clamping: 2)
    private let twoPerSecond = TrainingPace(batchesPerSecond: 2)!

    /// Mid-run (epoch 3, mini-batch 51 of 100, 83 s) with the schedule's rate 0.001 reported.
    private func running(rate: Double = 0.001, multiplier: LearningRateMultiplier = .one) -> DashboardState {
        var state = Fixture.runningState()
        state.apply(.batchDone(BatchProgress(epoch: 3, batch: 51, batchesPerEpoch: 100, batchLoss: 0.2, runningLoss: 0.1234,
                                             runningAccuracy: 0.978, imagesPerSecond: 12_345.4, elapsedSeconds: 83,
                                             learningRate: rate, learningRateMultiplier: multiplier)))
        return state
    }

    private func header(_ state: DashboardState, _ width: Int) -> String {
        Fixture.render(width: width, height: 1) { buffer, area in
            Header(state: state, glyphs: .unicode).render(into: &buffer, area: area)
        }.rows()[0]
    }

    private func status(_ state: DashboardState, _ width: Int) -> String {
        Fixture.render(width: width, height: 1) { buffer, area in
            StatusLine(state: state, glyphs: .unicode).render(into: &buffer, area: area)
        }.trimmedRows()[0]
    }

    // MARK: Keys

    func testRateAndPaceKeysAskTheControl() {
        var state = running()
        XCTAssertEqual(state.handle(key: .character("+")), .steer(.doubleLearningRate))
        XCTAssertEqual(state.handle(key: .character("=")), .steer(.doubleLearningRate), "= is + without shift")
        XCTAssertEqual(state.handle(key: .character("-")), .steer(.halveLearningRate))
        XCTAssertEqual(state.handle(key: .character("<")), .steer(.slowDown))
        XCTAssertEqual(state.handle(key: .character(">")), .steer(.speedUp))
        // With the pad open the same keys steer: the pad has none of them.
        _ = state.handle(key: .character("d"))
        XCTAssertEqual(state.handle(key: .character("+")), .steer(.doubleLearningRate))
        XCTAssertEqual(state.handle(key: .character("<")), .steer(.slowDown))
    }

    func testStepWhileRunningSaysToPauseFirstUntilTheNextKey() {
        var state = running()
        XCTAssertEqual(state.handle(key: .character(".")), .redraw)
        XCTAssertEqual(status(state, 80), "pause first (p): . then runs one mini-batch at a time")
        XCTAssertEqual(state.handle(key: .character("p")), .togglePause)
        XCTAssertNil(state.steeringNote)
        // Pausing (not yet confirmed) already takes steps: the control is paused as soon as p is pressed.
        XCTAssertEqual(state.handle(key: .character(".")), .steer(.step))
        state.apply(.paused)
        XCTAssertEqual(state.handle(key: .character(".")), .steer(.step))
        XCTAssertEqual(status(state, 80), "paused — press p or space to resume")
    }

    func testRewindAsksFirst() {
        var state = running()
        XCTAssertEqual(state.handle(key: .character("r")), .redraw)
        XCTAssertTrue(state.confirmingRewind)
        XCTAssertEqual(status(state, 120),
                       "rewind to epoch 1? the same initial weights and shuffles again, lr and pace kept — y rewind  n stay")
        XCTAssertEqual(status(state, 64), "rewind to epoch 1 with the same seed? — y rewind  n stay")
        XCTAssertEqual(status(state, 40), "rewind to epoch 1? — y rewind  n stay")
        XCTAssertEqual(state.handle(key: .character("p")), .none, "other keys wait for the answer")
        XCTAssertEqual(state.handle(key: .character("n")), .redraw)
        XCTAssertFalse(state.confirmingRewind)
        XCTAssertEqual(state.handle(key: .character("R")), .redraw)
        XCTAssertEqual(state.handle(key: .escape), .redraw)
        XCTAssertFalse(state.confirmingRewind)
        _ = state.handle(key: .character("r"))
        XCTAssertEqual(state.handle(key: .character("y")), .steer(.rewind))
        XCTAssertFalse(state.confirmingRewind)
        XCTAssertNil(state.phaseMessage)
    }

    func testTheRewindQuestionClosesWhenTheRunEnds() {
        var state = running()
        _ = state.handle(key: .character("r"))
        state.apply(.finished(completed: true))
        XCTAssertFalse(state.confirmingRewind)
        XCTAssertEqual(state.phaseMessage?.text, "finished — press q to quit")
    }

    func testSteeringOnceTheRunEndedSaysSoAndDoesNothingInDraw() {
        var finished = running()
        finished.apply(.finished(completed: true))
        var draw = DashboardState(padOnly: true)
        for key in ["+", "-", "<", ">", ".", "r"] {
            XCTAssertEqual(finished.handle(key: .character(Character(key))), .redraw, key)
            XCTAssertEqual(finished.phaseMessage?.text,
                           "the run is over: + - < > . r steer a run while it trains; quit and start again to replay", key)
            XCTAssertEqual(draw.handle(key: .character(Character(key))), .none, key)
        }
        XCTAssertFalse(finished.confirmingRewind)
        XCTAssertEqual(finished.keyHelp.map(\.label).filter { ["+/-", "</>", ".", "r"].contains($0) }, [])
    }

    func testTheKeyLineNamesTheSteeringKeysAndStepOnlyWhilePaused() {
        var state = running()
        XCTAssertEqual(state.keyHelp.prefix(7).map { "\($0.label) \($0.help)" },
                       ["p pause", "w whole run", "d draw", "tab panels", "+/- lr", "</> pace", "r rewind"])
        state.apply(.paused)
        XCTAssertEqual(state.keyHelp.dropFirst(4).prefix(4).map { "\($0.label) \($0.help)" },
                       ["+/- lr", "</> pace", ". step", "r rewind"])
    }

    // MARK: Header and ETA

    func testTheHeaderShowsTheRateWithItsMultiplierAndThePace() {
        var state = running()
        XCTAssertEqual(header(state, 120), Fixture.line("lenet-tui · LeNet-5 on MNIST",
                                                        "epoch 3/10  running  lr 0.001  12,345 img/s  elapsed 01:23  ETA 04:07",
                                                        width: 120))
        // + + : the control holds x4; the header shows it before the next mini-batch reports it.
        XCTAssertTrue(state.noteControl(multiplier: x4, pace: .fullSpeed))
        XCTAssertEqual(header(state, 120), Fixture.line("lenet-tui · LeNet-5 on MNIST",
                                                        "epoch 3/10  running  lr 0.004 (x4)  12,345 img/s  elapsed 01:23  ETA 04:07",
                                                        width: 120))
        // < down to 2/s: the pace shows and the ETA follows it (749 mini-batches left at 0.5 s each).
        state.noteControl(multiplier: x4, pace: twoPerSecond)
        XCTAssertEqual(header(state, 120), Fixture.line(
            "lenet-tui · LeNet-5 on MNIST", "epoch 3/10  running  lr 0.004 (x4)  pace 2/s  12,345 img/s  elapsed 01:23  ETA 06:14",
            width: 120))
        XCTAssertEqual(header(state, 80), Fixture.line("lenet-tui", "epoch 3/10  running  lr 0.004 (x4)  2/s  01:23  ETA 06:14",
                                                       width: 80))
        XCTAssertFalse(state.noteControl(multiplier: x4, pace: twoPerSecond), "nothing changed")
    }

    func testTheRateComesFromTheScheduleTimesTheControlsMultiplier() {
        // The last mini-batch ran at 0.002 with x2 (the schedule's 0.001); the control now holds /2.
        var state = running(rate: 0.002, multiplier: x2)
        state.noteControl(multiplier: LearningRateMultiplier(clamping: -1), pace: .fullSpeed)
        XCTAssertEqual(header(state, 120), Fixture.line("lenet-tui · LeNet-5 on MNIST",
                                                        "epoch 3/10  running  lr 0.0005 (/2)  12,345 img/s  elapsed 01:23  ETA 04:07",
                                                        width: 120))
    }

    func testThePaceOnlyRaisesTheEtaWhenItIsSlowerThanTraining() {
        var state = running()  // 83 s for 251 mini-batches: 0.331 s each, 749 left
        XCTAssertEqual(state.etaSeconds!, 83.0 / 251 * 749, accuracy: 1e-9)
        state.noteControl(multiplier: .one, pace: TrainingPace(batchesPerSecond: 10)!)
        XCTAssertEqual(state.etaSeconds!, 83.0 / 251 * 749, accuracy: 1e-9, "0.1 s a mini-batch is faster than training")
        state.noteControl(multiplier: .one, pace: TrainingPace(batchesPerSecond: 1)!)
        XCTAssertEqual(state.etaSeconds!, 749, accuracy: 1e-9)
    }

    // MARK: Events

    func testARateChangeIsALineOfTheEpochLog() {
        var state = running()
        state.apply(.epochDone(Fixture.summary(epoch: 1)))
        state.apply(.learningRateChanged(LearningRateChange(epoch: 2, batch: 120, oldRate: 0.001, newRate: 0.002,
                                                            oldMultiplier: .one, newMultiplier: x2)))
        state.apply(.epochDone(Fixture.summary(epoch: 2)))
        XCTAssertEqual(state.logLineCount, 3)
        let rows = Fixture.render(width: 60, height: 6) { buffer, area in
            EpochLog(epochs: state.epochs, notes: state.logNotes, glyphs: .unicode).render(into: &buffer, area: area)
        }.rows()
        XCTAssertEqual(rows, [
            "┌ epochs ──────────────────────────────────────────────────┐",
            "│  epoch  train loss  test loss  test acc    img/s    time │",
            "│   1/10      0.1234     0.0987    97.12%    5,210   12.3s │",
            "│  lr x2 -> 0.002 at epoch 2, batch 120                    │",
            "│   2/10      0.1234     0.0987    97.12%    5,210   12.3s │",
            "└──────────────────────────────────────────────────────────┘",
        ])
        XCTAssertEqual(state.closingSummary(width: 60)[2], "  lr x2 -> 0.002 at epoch 2, batch 120")
    }

    func testANarrowLogShortensTheNoteAtAWholePart() {
        let note = LogNote(change: LearningRateChange(epoch: 100, batch: 60_000, oldRate: 0.000123, newRate: 0.000246,
                                                      oldMultiplier: .one, newMultiplier: x2), afterEpochs: 0)
        XCTAssertEqual(EpochLog.Line.note(note).text(width: 60), "  lr x2 -> 0.000246 at epoch 100, batch 60000")
        XCTAssertEqual(EpochLog.Line.note(note).text(width: 44), "lr x2 -> 0.000246 at epoch 100, batch 60000")
        XCTAssertEqual(EpochLog.Line.note(note).text(width: 30), "  lr x2 -> 0.000246")
    }

    func testAScrolledLogKeepsItsLinesWhenANoteArrives() {
        var state = running()
        for epoch in 1...5 { state.apply(.epochDone(Fixture.summary(epoch: epoch))) }
        state.logViewportRows = 2
        _ = state.handle(key: .up)
        XCTAssertEqual(state.logScroll, 1)
        state.apply(.learningRateChanged(LearningRateChange(epoch: 6, batch: 1, oldRate: 0.001, newRate: 0.0005,
                                                            oldMultiplier: .one, newMultiplier: LearningRateMultiplier(clamping: -1))))
        XCTAssertEqual(state.logScroll, 2)
        for _ in 0..<10 { _ = state.handle(key: .up) }
        XCTAssertEqual(state.logScroll, 4, "6 lines, 2 rows: scrolled at most 4")
    }

    func testRewindStartsTheSeriesLogAndHeatmapAgainAndKeepsTheSettings() {
        var state = running()
        state.canBrowse = true
        var matrix = ConfusionMatrix()
        matrix.record(trueClass: 1, predicted: 7)
        state.apply(.epochDone(Fixture.summary(epoch: 1, matrix: matrix)))
        state.apply(.epochDone(Fixture.summary(epoch: 2, matrix: matrix)))
        _ = state.handle(key: .character("w"))
        _ = state.handle(key: .character("b"))
        XCTAssertNotNil(state.heatmapSelection)
        XCTAssertFalse(state.lossSeries.isEmpty)
        let plan = Fixture.plan()
        state.apply(.rewound(Rewind(fromEpoch: 3, fromBatch: 51, seed: 1, multiplier: x2, pace: twoPerSecond,
                                    plan: plan.restarted)))
        XCTAssertEqual(state.epochs, [])
        XCTAssertNil(state.progress)
        XCTAssertEqual(state.lossSeries, [])
        XCTAssertEqual(state.accuracySeries, [])
        XCTAssertNil(state.heatmapMatrix)
        XCTAssertNil(state.heatmapSelection)
        XCTAssertEqual(state.batchesSinceCheckpoint, 0)
        XCTAssertEqual(state.logNotes.map(\.forms.first), ["rewound at epoch 3, batch 51: from epoch 1 again, seed 1 (lr x2 kept)"])
        XCTAssertEqual(state.chartScope, .wholeRun, "w's choice stays")
        XCTAssertEqual(state.focus, .heatmap)
        XCTAssertEqual(state.learningRateMultiplier, x2)
        XCTAssertEqual(state.pace, twoPerSecond)
        XCTAssertEqual(state.currentEpoch, 1)
        XCTAssertEqual(state.statusWord, "running")
        // The new run's first mini-batch and epoch fill them again, after the rewind's line.
        state.apply(.batchDone(Fixture.progress(epoch: 1, batch: 1)))
        state.apply(.epochDone(Fixture.summary(epoch: 1)))
        XCTAssertEqual(state.lossSeries.count, 1)
        XCTAssertEqual(EpochLog.lines(epochs: state.epochs, notes: state.logNotes).map { $0.text(width: 58) }, [
            "  rewound at epoch 3, batch 51: epoch 1 again (lr x2 kept)",
            "   1/10      0.1234     0.0987    97.12%    5,210   12.3s",
        ])
    }

    func testASingleStepMovesThePadToTheTrainingWeights() {
        var state = running()
        state.padSources = [.checkpoint(name: "pretrained"), .training]
        XCTAssertEqual(state.padSource, .checkpoint(name: "pretrained"))
        state.apply(.paused)
        state.apply(.batchDone(Fixture.progress(epoch: 3, batch: 52)))
        XCTAssertTrue(state.hasStepped)
        XCTAssertEqual(state.padSource, .training)
        XCTAssertEqual(state.progress?.batch, 52, "the progress line moves with the step")
    }
}
