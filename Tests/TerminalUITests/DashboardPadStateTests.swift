import LeNetTraining
import Testing
@testable import TerminalUI

/// Keys of the whole dashboard around the pad: focus, pad keys vs. pause, quit confirmation, save, help,
/// and the pad's reading.
@Suite struct DashboardPadStateTests {
    /// A classifier that is sure the drawing is a 7.
    static let sevens: @Sendable (PadModelSource, [UInt8]) -> [Float]? = { _, _ in
        (0..<10).map { $0 == 7 ? 0.91 : 0.01 }
    }

    @Test func dOpensThePadWhereSpaceDrawsAndPStillPauses() {
        var state = Fixture.runningState()
        #expect(state.handle(key: .character("d")) == .padChanged)
        #expect(state.padOpen)
        #expect(state.handle(key: .character(" ")) == .padChanged)
        #expect(state.pad.penDown)
        #expect(state.pendingPause == nil)
        #expect(state.handle(key: .character("p")) == .togglePause)
        #expect(state.pendingPause == true)
        #expect(state.handle(key: .right) == .padChanged)
        #expect(state.pad.cursorX == 15)
        #expect(state.handle(key: .escape) == .redraw)
        #expect(state.focus == .training)
        #expect(state.handle(key: .character(" ")) == .togglePause)  // space pauses again
        #expect(state.handle(key: .character("x")) == .none)  // pad keys do nothing outside the pad
        #expect(state.pad.penDown)  // the drawing is kept
    }

    @Test func tabCyclesThePanels() {
        var state = Fixture.runningState()
        #expect(state.handle(key: .tab) == .redraw)
        #expect(state.focus == .heatmap)
        #expect(state.handle(key: .tab) == .padChanged)
        #expect(state.focus == .pad)
        #expect(state.handle(key: .tab) == .redraw)
        #expect(state.focus == .training)
    }

    @Test func quitAsksFirstWhileProgressIsUnsaved() {
        var state = Fixture.runningState()  // at epoch 3, mini-batch 50 of 100, with no checkpoint
        #expect(state.handle(key: .character("q")) == .redraw)
        #expect(state.confirmingQuit)
        #expect(state.phaseMessage?.text ==
                "quit? nothing is saved yet: the 250 mini-batches trained so far are lost — y quit  s save & quit  n stay")
        #expect(state.handle(key: .character("p")) == .none)  // only y / s / n answer
        #expect(state.handle(key: .character("n")) == .redraw)
        #expect(!state.confirmingQuit)
        _ = state.handle(key: .character("q"))
        #expect(state.handle(key: .character("y")) == .quit)
        _ = state.handle(key: .character("q"))
        #expect(state.handle(key: .character("s")) == .saveAndQuit)
    }

    @Test func quitAtOnceAfterACheckpointOrWhenTheRunEnded() {
        var state = Fixture.runningState()
        state.apply(.epochDone(Fixture.summary(epoch: 3)))
        state.apply(.checkpointSaved(path: "c.safetensors", epoch: 3))
        #expect(state.handle(key: .character("q")) == .quit)
        state.apply(.batchDone(Fixture.progress(epoch: 4, batch: 1)))
        #expect(state.handle(key: .character("q")) == .redraw)
        #expect(state.phaseMessage?.text ==
                "quit? kept: epoch 3's checkpoint; lost: the 1 mini-batch trained since — y quit  s save & quit  n stay")
        _ = state.handle(key: .escape)
        state.noteSaved("saved now: x.safetensors")
        #expect(state.handle(key: .character("q")) == .quit)
        var finished = Fixture.runningState()
        finished.apply(.finished(completed: false))
        #expect(finished.handle(key: .character("q")) == .quit)
    }

    /// After s, the question names the saved weights and counts only what was trained since they were taken.
    @Test func quitAfterSaveSaysWhatIsKeptAndWhatIsLost() {
        var state = Fixture.runningState()
        state.apply(.epochDone(Fixture.summary(epoch: 3)))
        state.apply(.checkpointSaved(path: "c.safetensors", epoch: 3))
        for batch in 1...40 { state.apply(.batchDone(Fixture.progress(epoch: 4, batch: batch))) }
        // The snapshot was taken at mini-batch 37; three more finished before the save's answer came.
        state.noteSaved(SavedWeights(line: "saved c-saved.safetensors (epoch 4, mini-batch 37 of 100)",
                                     position: TrainingPosition(completedEpochs: 3, batch: 37, batchesPerEpoch: 100)))
        #expect(state.batchesSinceCheckpoint == 3)
        #expect(state.handle(key: .character("q")) == .redraw)
        #expect(state.quitPrompts[0] == "quit? kept: the weights saved at epoch 4, mini-batch 37 of 100; lost: the 3 "
                + "mini-batches trained since — y quit  s save & quit  n stay")
        _ = state.handle(key: .character("n"))
        // Paused right after the save: nothing is lost, so q quits at once.
        var paused = state
        paused.noteSaved(SavedWeights(line: "saved c-saved.safetensors (epoch 4, mini-batch 40 of 100)",
                                      position: TrainingPosition(completedEpochs: 3, batch: 40, batchesPerEpoch: 100)))
        #expect(paused.handle(key: .character("q")) == .quit)
        // The next epoch's checkpoint is newer than the save: the question is about it again.
        for batch in 41...100 { state.apply(.batchDone(Fixture.progress(epoch: 4, batch: batch))) }
        state.apply(.epochDone(Fixture.summary(epoch: 4)))
        state.apply(.checkpointSaved(path: "c.safetensors", epoch: 4))
        state.apply(.batchDone(Fixture.progress(epoch: 5, batch: 1)))
        state.apply(.batchDone(Fixture.progress(epoch: 5, batch: 2)))
        #expect(state.savedPosition == nil)
        #expect(state.quitPrompts[0] == "quit? kept: epoch 4's checkpoint; lost: the 2 mini-batches trained since — "
                + "y quit  s save & quit  n stay")
        // A save older than the epoch checkpoint (its answer came late) does not replace it.
        state.noteSaved(SavedWeights(line: "saved c-saved.safetensors (epoch 4, mini-batch 99 of 100)",
                                     position: TrainingPosition(completedEpochs: 3, batch: 99, batchesPerEpoch: 100)))
        #expect(state.savedPosition == nil)
        #expect(state.batchesSinceCheckpoint == 2)
    }

    @Test func ctrlCQuitsAtOnceWhereQAsksFirst() {
        var state = Fixture.runningState()  // unsaved progress: q asks
        #expect(state.handle(key: .character("q")) == .redraw)
        #expect(state.confirmingQuit)
        #expect(state.handleInterrupt() == .interrupt, "Ctrl-C during the question quits")
        #expect(!state.confirmingQuit)
        var fresh = Fixture.runningState()
        #expect(fresh.handleInterrupt() == .interrupt, "no question first")
        #expect(!fresh.confirmingQuit)
        #expect(fresh.handle(key: .character("?")) == .redraw)
        #expect(fresh.handleInterrupt() == .interrupt, "over the help overlay too")
        #expect(!fresh.helpVisible)
        var pad = DashboardState(padOnly: true)
        #expect(pad.handleInterrupt() == .interrupt)
    }

    @Test func saveNeedsAHandler() {
        var state = Fixture.runningState()
        #expect(state.handle(key: .character("s")) == .none)
        #expect(!(state.keyHelp.contains { $0.label == "s" }))
        state.canSave = true
        #expect(state.handle(key: .character("s")) == .save)
        #expect(state.keyHelp.contains { $0.label == "s" && $0.help == "save" })
        state.noteSaveFailed("c.safetensors: permission denied")
        #expect(state.checkpointNote == "save failed: c.safetensors: permission denied")
    }

    @Test func helpOverlayClosesOnEscapeAndOtherKeysCloseItAndAct() {
        var state = Fixture.runningState()
        #expect(state.handle(key: .character("?")) == .redraw)
        #expect(state.helpVisible)
        #expect(state.handle(key: .escape) == .redraw, "Esc only closes")
        #expect(!state.helpVisible)
        #expect(state.focus == .training)
        _ = state.handle(key: .character("?"))
        #expect(state.handle(key: .character("p")) == .togglePause, "closes, then pauses")
        #expect(!state.helpVisible)
        #expect(state.pendingPause == true)
        _ = state.handle(key: .character("?"))
        #expect(state.handle(key: .character("d")) == .padChanged, "closes, then opens the pad")
        #expect(!state.helpVisible)
        #expect(state.focus == .pad)
        _ = state.handle(key: .character("?"))
        #expect(state.handle(key: .escape) == .redraw)
        #expect(state.focus == .pad, "Esc closed the overlay, it did not leave the pad")
        _ = state.handle(key: .character("?"))
        #expect(state.handle(key: .character("z")) == .redraw, "an unbound key closes it")
        #expect(!state.helpVisible)
    }

    /// Keys that would destroy something without asking only close the overlay.
    @Test func helpOverlayKeepsTheDrawingAndDoesNotQuitWithoutAsking() {
        var state = Fixture.runningState()
        _ = state.handle(key: .character("d"))
        _ = state.handle(key: .character(" "))
        #expect(!state.pad.isEmpty)
        _ = state.handle(key: .character("?"))
        #expect(state.handle(key: .character("c")) == .redraw)
        #expect(!state.helpVisible)
        #expect(!state.pad.isEmpty, "c over the overlay does not clear the pad")
        #expect(state.handle(key: .character("c")) == .padChanged)
        #expect(state.pad.isEmpty)
        // q with mini-batches unsaved asks: the question is the prompt, so q closes the overlay and asks.
        _ = state.handle(key: .character("?"))
        #expect(state.handle(key: .character("q")) == .redraw)
        #expect(state.confirmingQuit)
        _ = state.handle(key: .character("n"))
        // Nothing unsaved: q would quit at once, so over the overlay it only closes it.
        state.apply(.checkpointSaved(path: "c.safetensors", epoch: 3))
        _ = state.handle(key: .character("?"))
        #expect(state.handle(key: .character("q")) == .redraw)
        #expect(!state.helpVisible && !state.confirmingQuit)
        #expect(state.handle(key: .character("q")) == .quit)
        var draw = DashboardState(padOnly: true)
        _ = draw.handle(key: .character("?"))
        #expect(draw.handle(key: .character("q")) == .redraw, "lenet-tui draw: q only closes the overlay")
        _ = draw.handle(key: .character("?"))
        #expect(draw.handle(key: .escape) == .redraw, "Esc closes the overlay, it does not quit draw")
        #expect(draw.handle(key: .escape) == .quit)
    }

    @Test func thePadReadingFollowsTheDrawing() {
        var state = Fixture.runningState()
        state.padSources = [.training]
        _ = state.handle(key: .character("d"))
        state.refreshPad(classify: Self.sevens)
        #expect(state.padReading == nil)  // empty pad: nothing to read, no number
        _ = state.handle(key: .character(" "))
        state.refreshPad(classify: Self.sevens)
        #expect(state.padReading?.line(classNames: state.classNames) == "prediction: 7 (91.0%)")
        #expect(state.padReading?.source == .training)
        #expect(abs((state.padReading?.input.centreOfMass.x ?? 0) - 13.5) <= 0.5)
        _ = state.handle(key: .character("c"))
        state.refreshPad(classify: Self.sevens)
        #expect(state.padReading == nil)
    }

    @Test func padModelIsTheCheckpointUntilTheFirstEpochThenTheTrainingWeights() {
        var state = Fixture.runningState()
        state.padSources = [.checkpoint(name: "pretrained"), .training]
        #expect(state.padSource == .checkpoint(name: "pretrained"))
        #expect(state.padSourceLabel == "pretrained")
        state.apply(.epochDone(Fixture.summary(epoch: 1)))
        #expect(state.padSource == .training)
        #expect(state.padSourceLabel == "training weights, epoch 3, mini-batch 50 of 100", "the weights are past epoch 1 already")
        state.apply(.batchDone(Fixture.progress(epoch: 1, batch: 100)))
        #expect(state.padSourceLabel == "training weights, end of epoch 1", "epoch 1 done, epoch 2 not started")
        state.apply(.finished(completed: false))
        #expect(state.padSourceLabel == "training weights, end of epoch 1")
        _ = state.handle(key: .character("d"))
        #expect(state.handle(key: .character("m")) == .padChanged)
        #expect(state.padSource == .checkpoint(name: "pretrained"))
        var single = Fixture.runningState()
        single.padSources = [.training]
        _ = single.handle(key: .character("d"))
        #expect(single.handle(key: .character("m")) == .none)
    }

    @Test func padOnlyEscapeAndQQuitAtOnce() {
        var state = DashboardState(padOnly: true)
        #expect(state.padOpen)
        #expect(state.handle(key: .character(" ")) == .padChanged)
        #expect(state.handle(key: .character("p")) == .none)
        #expect(state.handle(key: .tab) == .none)
        #expect(state.handle(key: .escape) == .quit)
        #expect(state.handle(key: .character("q")) == .quit)
        #expect(state.phaseMessage == nil)
    }

    @Test func keyHelpKeepsTheMainKeysWhenNarrow() {
        var state = Fixture.runningState()
        state.canSave = true
        #expect(KeyHelp(state: state, glyphs: .unicode).text(width: 120) ==
                "p pause  w whole run  d draw  tab panels  +/- lr  </> pace  r rewind  s save  n network  ? help  q quit")
        _ = state.handle(key: .character("d"))
        let wide = KeyHelp(state: state, glyphs: .unicode).text(width: 200)
        #expect(wide == "←↑↓→ move  space pen down  x eraser  [ ] brush 2  c clear  v input  g saliency  Esc back  "
                + "p pause  w whole run  tab panels  +/- lr  </> pace  r rewind  s save  n network  ? help  q quit")
        #expect(KeyHelp(state: state, glyphs: .unicode).text(width: 80) ==
                "←↑↓→ move  space pen down  c clear  g saliency  Esc back  ? more keys  q quit")
    }

    @Test func thePadsTitleNamesTheSnapshotItsReadingUsed() {
        var state = Fixture.runningState()  // the events say epoch 3, mini-batch 50 of 100
        state.padSources = [.training]
        _ = state.handle(key: .character("d"))
        _ = state.handle(key: .character(" "))
        #expect(state.padSourceLabel == "training weights, epoch 3, mini-batch 50 of 100", "before a reading: the events")
        // The trainer's snapshot was already 11 mini-batches further when the drawing was read.
        let taken = TrainingPosition(completedEpochs: 2, batch: 61, batchesPerEpoch: 100)
        state.refreshPad(read: { _, _ in ((0..<10).map { $0 == 7 ? 0.91 : 0.01 }, taken) })
        #expect(state.padReading?.position == taken)
        state.apply(.batchDone(Fixture.progress(epoch: 3, batch: 80)))
        #expect(state.padSourceLabel == "training weights, epoch 3, mini-batch 61 of 100", "the weights the shown prediction came from, not the newest")
        let rows = Fixture.render(width: 48, height: 17) { buffer, area in
            PadPanel(state: state, glyphs: .ascii).render(into: &buffer, area: area)
        }.trimmedRows()
        #expect(rows[0] == "+ draw - training, epoch 3, batch 61/100 ------+")
        let wide = Fixture.render(width: 70, height: 17) { buffer, area in
            PadPanel(state: state, glyphs: .ascii).render(into: &buffer, area: area)
        }.trimmedRows()
        #expect(wide[0] == "+ draw - training weights, epoch 3, mini-batch 61 of 100 ------------+")
        // Before any training step the weights are the initial ones, and say so.
        var fresh = DashboardState()
        fresh.apply(.started(Fixture.plan()))
        fresh.padSources = [.training]
        #expect(fresh.padSourceLabel == "training weights, initial (untrained)")
    }
}
