import LeNetTraining
import Testing
@testable import TerminalUI

// MARK: - Steering keys (+ - < > . r) and the steering events in the dashboard's state

@Suite struct SteeringStateTests {
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

    @Test func rateAndPaceKeysAskTheControl() {
        var state = running()
        #expect(state.handle(key: .character("+")) == .steer(.doubleLearningRate))
        #expect(state.handle(key: .character("=")) == .steer(.doubleLearningRate), "= is + without shift")
        #expect(state.handle(key: .character("-")) == .steer(.halveLearningRate))
        #expect(state.handle(key: .character("<")) == .steer(.slowDown))
        #expect(state.handle(key: .character(">")) == .steer(.speedUp))
        // With the pad open the same keys steer: the pad has none of them.
        _ = state.handle(key: .character("d"))
        #expect(state.handle(key: .character("+")) == .steer(.doubleLearningRate))
        #expect(state.handle(key: .character("<")) == .steer(.slowDown))
    }

    @Test func stepWhileRunningSaysToPauseFirstUntilTheNextKey() {
        var state = running()
        #expect(state.handle(key: .character(".")) == .redraw)
        #expect(status(state, 80) == "pause first (p): . then runs one mini-batch at a time")
        #expect(state.handle(key: .character("p")) == .togglePause)
        #expect(state.steeringNote == nil)
        // Pausing (not yet confirmed) already takes steps: the control is paused as soon as p is pressed.
        #expect(state.handle(key: .character(".")) == .steer(.step))
        state.apply(.paused)
        #expect(state.handle(key: .character(".")) == .steer(.step))
        #expect(status(state, 80) == "paused — press p or space to resume")
    }

    @Test func rewindAsksFirst() {
        var state = running()
        #expect(state.handle(key: .character("r")) == .redraw)
        #expect(state.confirmingRewind)
        #expect(status(state, 120) ==
                "rewind to epoch 1? the same initial weights and shuffles again, lr and pace kept — y rewind  n stay")
        #expect(status(state, 64) == "rewind to epoch 1 with the same seed? — y rewind  n stay")
        #expect(status(state, 40) == "rewind to epoch 1? — y rewind  n stay")
        #expect(state.handle(key: .character("p")) == .none, "other keys wait for the answer")
        #expect(state.handle(key: .character("n")) == .redraw)
        #expect(!state.confirmingRewind)
        #expect(state.handle(key: .character("R")) == .redraw)
        #expect(state.handle(key: .escape) == .redraw)
        #expect(!state.confirmingRewind)
        _ = state.handle(key: .character("r"))
        #expect(state.handle(key: .character("y")) == .steer(.rewind))
        #expect(!state.confirmingRewind)
        #expect(state.phaseMessage == nil)
    }

    @Test func theRewindQuestionClosesWhenTheRunEnds() {
        var state = running()
        _ = state.handle(key: .character("r"))
        state.apply(.finished(completed: true))
        #expect(!state.confirmingRewind)
        #expect(state.phaseMessage?.text == "finished — press q to quit")
    }

    @Test func steeringOnceTheRunEndedSaysSoAndDoesNothingInDraw() {
        var finished = running()
        finished.apply(.finished(completed: true))
        var draw = DashboardState(padOnly: true)
        for key in ["+", "-", "<", ">", ".", "r"] {
            #expect(finished.handle(key: .character(Character(key))) == .redraw, "\(key)")
            #expect(finished.phaseMessage?.text ==
                    "the run is over: + - < > . r steer a run while it trains; quit and start again to replay", "\(key)")
            #expect(draw.handle(key: .character(Character(key))) == .none, "\(key)")
        }
        #expect(!finished.confirmingRewind)
        #expect(finished.keyHelp.map(\.label).filter { ["+/-", "</>", ".", "r"].contains($0) } == [])
    }

    @Test func theKeyLineNamesTheSteeringKeysAndStepOnlyWhilePaused() {
        var state = running()
        #expect(state.keyHelp.prefix(7).map { "\($0.label) \($0.help)" } ==
                ["p pause", "w whole run", "d draw", "tab panels", "+/- lr", "</> pace", "r rewind"])
        state.apply(.paused)
        #expect(state.keyHelp.dropFirst(4).prefix(4).map { "\($0.label) \($0.help)" } ==
                ["+/- lr", "</> pace", ". step", "r rewind"])
    }

    // MARK: Header and ETA

    @Test func theHeaderShowsTheRateWithItsMultiplierAndThePace() {
        var state = running()
        #expect(header(state, 120) == Fixture.line("lenet-tui · LeNet-5 on MNIST",
                                                 "epoch 3/10  running  lr 0.001  12,345 img/s  elapsed 01:23  ETA 04:07",
                                                 width: 120))
        // + + : the control holds x4; the header shows it before the next mini-batch reports it.
        let changed = state.noteControl(multiplier: x4, pace: .fullSpeed)
        #expect(changed)
        #expect(header(state, 120) == Fixture.line("lenet-tui · LeNet-5 on MNIST",
                                                 "epoch 3/10  running  lr 0.004 (x4)  12,345 img/s  elapsed 01:23  ETA 04:07",
                                                 width: 120))
        // < down to 2/s: the pace shows and the ETA follows it (749 mini-batches left at 0.5 s each).
        state.noteControl(multiplier: x4, pace: twoPerSecond)
        // Under a pace img/s is the engine's speed (training time only); every number keeps its label.
        #expect(header(state, 120) == Fixture.line(
            "lenet-tui", "epoch 3/10  running  lr 0.004 (x4)  pace 2/s  engine 12,345 img/s  elapsed 01:23  ETA 06:14",
            width: 120))
        #expect(header(state, 100) == Fixture.line(
            "", "epoch 3/10  running  lr 0.004 (x4)  pace 2/s  engine 12,345 img/s  elapsed 01:23  ETA 06:14", width: 100))
        #expect(header(state, 80) == Fixture.line("", "epoch 3/10  running  lr 0.004 (x4)  pace 2/s  elapsed 01:23  ETA 06:14",
                                                width: 80))
        let changedAgain = state.noteControl(multiplier: x4, pace: twoPerSecond)
        #expect(!changedAgain, "nothing changed")
    }

    /// Under a pace the trainer's time leaves the waits out (2 s of training in a minute at 10/s); the
    /// header's elapsed is the run's wall-clock time, pauses left out, and starts again with a rewind.
    @Test func elapsedIsTheRunsWallClockTimeUnderAPace() {
        var state = DashboardState()
        state.apply(.started(Fixture.plan(batches: 938)))
        let paced = TrainingPace(batchesPerSecond: 10)!
        state.noteControl(multiplier: .one, pace: paced)
        let tick1 = state.noteClock(now: 5_000_000_000)
        #expect(!tick1, "the first reading starts the clock")
        state.apply(.batchDone(BatchProgress(epoch: 1, batch: 600, batchesPerEpoch: 938, batchLoss: 0.2, runningLoss: 0.3,
                                             runningAccuracy: 0.9, imagesPerSecond: 16_812, elapsedSeconds: 2.3,
                                             learningRate: 0.001, pace: paced)))
        let tick2 = state.noteClock(now: 65_000_000_000)
        #expect(tick2)
        #expect(state.elapsedSeconds == 2.3)
        #expect(state.runSeconds == 60)
        #expect(header(state, 120) == Fixture.line("lenet-tui · LeNet-5 on MNIST",
                                                 "epoch 1/10  running  lr 0.001  pace 10/s  engine 16,812 img/s  elapsed 01:00  ETA 14:38",
                                                 width: 120))
        #expect(header(state, 80) == Fixture.line("", "epoch 1/10  running  lr 0.001  pace 10/s  elapsed 01:00  ETA 14:38",
                                                width: 80))
        // Paused for ten minutes: the clock stands still.
        state.apply(.paused)
        let tick3 = state.noteClock(now: 665_000_000_000)
        #expect(!tick3)
        state.apply(.resumed)
        let tick4 = state.noteClock(now: 665_400_000_000)
        #expect(!tick4, "the same whole second: no redraw needed")
        let tick5 = state.noteClock(now: 666_000_000_000)
        #expect(tick5)
        #expect(state.runSeconds == 61)
        state.noteControl(multiplier: .one, pace: .fullSpeed)
        #expect(header(state, 120).hasSuffix("  16,812 img/s  elapsed 01:01  ETA 00:33"), "full speed: plain img/s")
        state.apply(.rewound(Rewind(fromEpoch: 1, fromBatch: 600, seed: 1, multiplier: .one, pace: .fullSpeed,
                                    plan: Fixture.plan(batches: 938))))
        #expect(state.runSeconds == 0)
        state.apply(.finished(completed: false))
        let tick6 = state.noteClock(now: 700_000_000_000)
        #expect(!tick6, "a finished run's clock stands still")
        #expect(state.runSeconds == 0)
    }

    @Test func theRateComesFromTheScheduleTimesTheControlsMultiplier() {
        // The last mini-batch ran at 0.002 with x2 (the schedule's 0.001); the control now holds /2.
        var state = running(rate: 0.002, multiplier: x2)
        state.noteControl(multiplier: LearningRateMultiplier(clamping: -1), pace: .fullSpeed)
        #expect(header(state, 120) == Fixture.line("lenet-tui · LeNet-5 on MNIST",
                                                 "epoch 3/10  running  lr 0.0005 (/2)  12,345 img/s  elapsed 01:23  ETA 04:07",
                                                 width: 120))
    }

    @Test func thePaceOnlyRaisesTheEtaWhenItIsSlowerThanTraining() {
        var state = running()  // 83 s for 251 mini-batches: 0.331 s each, 749 left
        #expect(abs(state.etaSeconds! - (83.0 / 251 * 749)) <= 1e-9)
        state.noteControl(multiplier: .one, pace: TrainingPace(batchesPerSecond: 10)!)
        #expect(abs(state.etaSeconds! - (83.0 / 251 * 749)) <= 1e-9, "0.1 s a mini-batch is faster than training")
        state.noteControl(multiplier: .one, pace: TrainingPace(batchesPerSecond: 1)!)
        #expect(abs(state.etaSeconds! - 749) <= 1e-9)
    }

    // MARK: Events

    @Test func aRateChangeIsALineOfTheEpochLog() {
        var state = running()
        state.apply(.epochDone(Fixture.summary(epoch: 1)))
        state.apply(.learningRateChanged(LearningRateChange(epoch: 2, batch: 120, oldRate: 0.001, newRate: 0.002,
                                                            oldMultiplier: .one, newMultiplier: x2)))
        state.apply(.epochDone(Fixture.summary(epoch: 2)))
        #expect(state.logLineCount == 3)
        let rows = Fixture.render(width: 60, height: 6) { buffer, area in
            EpochLog(epochs: state.epochs, notes: state.logNotes, glyphs: .unicode).render(into: &buffer, area: area)
        }.rows()
        #expect(rows == [
            "┌ epochs ──────────────────────────────────────────────────┐",
            "│  epoch  train loss  test loss  test acc    img/s    time │",
            "│   1/10      0.1234     0.0987    97.12%    5,210   12.3s │",
            "│  lr x2 -> 0.002 at epoch 2, batch 120                    │",
            "│   2/10      0.1234     0.0987    97.12%    5,210   12.3s │",
            "└──────────────────────────────────────────────────────────┘",
        ])
        #expect(state.closingSummary(width: 60)[2] == "  lr x2 -> 0.002 at epoch 2, batch 120")
    }

    @Test func aNarrowLogShortensTheNoteAtAWholePart() {
        let note = LogNote(change: LearningRateChange(epoch: 100, batch: 60_000, oldRate: 0.000123, newRate: 0.000246,
                                                      oldMultiplier: .one, newMultiplier: x2), afterEpochs: 0)
        #expect(EpochLog.Line.note(note).text(width: 60) == "  lr x2 -> 0.000246 at epoch 100, batch 60000")
        #expect(EpochLog.Line.note(note).text(width: 44) == "lr x2 -> 0.000246 at epoch 100, batch 60000")
        #expect(EpochLog.Line.note(note).text(width: 30) == "  lr x2 -> 0.000246")
    }

    @Test func aScrolledLogKeepsItsLinesWhenANoteArrives() {
        var state = running()
        for epoch in 1...5 { state.apply(.epochDone(Fixture.summary(epoch: epoch))) }
        state.logViewportRows = 2
        _ = state.handle(key: .up)
        #expect(state.logScroll == 1)
        state.apply(.learningRateChanged(LearningRateChange(epoch: 6, batch: 1, oldRate: 0.001, newRate: 0.0005,
                                                            oldMultiplier: .one, newMultiplier: LearningRateMultiplier(clamping: -1))))
        #expect(state.logScroll == 2)
        for _ in 0..<10 { _ = state.handle(key: .up) }
        #expect(state.logScroll == 4, "6 lines, 2 rows: scrolled at most 4")
    }

    @Test func rewindStartsTheSeriesLogAndHeatmapAgainAndKeepsTheSettings() {
        var state = running()
        state.canBrowse = true
        var matrix = ConfusionMatrix()
        matrix.record(trueClass: 1, predicted: 7)
        state.apply(.epochDone(Fixture.summary(epoch: 1, matrix: matrix)))
        state.apply(.epochDone(Fixture.summary(epoch: 2, matrix: matrix)))
        _ = state.handle(key: .character("w"))
        _ = state.handle(key: .character("b"))
        #expect(state.heatmapSelection != nil)
        #expect(!state.lossSeries.isEmpty)
        let plan = Fixture.plan()
        state.apply(.rewound(Rewind(fromEpoch: 3, fromBatch: 51, seed: 1, multiplier: x2, pace: twoPerSecond,
                                    plan: plan.restarted)))
        #expect(state.epochs == [])
        #expect(state.progress == nil)
        #expect(state.lossSeries == [])
        #expect(state.accuracySeries == [])
        #expect(state.heatmapMatrix == nil)
        #expect(state.heatmapSelection == nil)
        #expect(state.batchesSinceCheckpoint == 0)
        #expect(state.logNotes.map(\.forms.first) == ["rewound at epoch 3, batch 51: from epoch 1 again, seed 1 (lr x2 kept)"])
        #expect(state.chartScope == .wholeRun, "w's choice stays")
        #expect(state.focus == .heatmap)
        #expect(state.learningRateMultiplier == x2)
        #expect(state.pace == twoPerSecond)
        #expect(state.currentEpoch == 1)
        #expect(state.statusWord == "running")
        // The new run's first mini-batch and epoch fill them again, after the rewind's line.
        state.apply(.batchDone(Fixture.progress(epoch: 1, batch: 1)))
        state.apply(.epochDone(Fixture.summary(epoch: 1)))
        #expect(state.lossSeries.count == 1)
        #expect(EpochLog.lines(epochs: state.epochs, notes: state.logNotes).map { $0.text(width: 58) } == [
            "  rewound at epoch 3, batch 51: epoch 1 again (lr x2 kept)",
            "   1/10      0.1234     0.0987    97.12%    5,210   12.3s",
        ])
    }

    @Test func aSingleStepMovesThePadToTheTrainingWeights() {
        var state = running()
        state.padSources = [.checkpoint(name: "pretrained"), .training]
        #expect(state.padSource == .checkpoint(name: "pretrained"))
        state.apply(.paused)
        state.apply(.batchDone(Fixture.progress(epoch: 3, batch: 52)))
        #expect(state.hasStepped)
        #expect(state.padSource == .training)
        #expect(state.progress?.batch == 52, "the progress line moves with the step")
    }
}
