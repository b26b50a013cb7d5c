import LeNetTraining
import XCTest
@testable import TerminalUI

/// Keys of the whole dashboard around the pad: focus, pad keys vs. pause, quit confirmation, save, help,
/// and the pad's reading.
final class DashboardPadStateTests: XCTestCase {
    /// A classifier that is sure the drawing is a 7.
    static let sevens: @Sendable (PadModelSource, [UInt8]) -> [Float]? = { _, _ in
        (0..<10).map { $0 == 7 ? 0.91 : 0.01 }
    }

    func testDOpensThePadWhereSpaceDrawsAndPStillPauses() {
        var state = Fixture.runningState()
        XCTAssertEqual(state.handle(key: .character("d")), .padChanged)
        XCTAssertTrue(state.padOpen)
        XCTAssertEqual(state.handle(key: .character(" ")), .padChanged)
        XCTAssertTrue(state.pad.penDown)
        XCTAssertNil(state.pendingPause)
        XCTAssertEqual(state.handle(key: .character("p")), .togglePause)
        XCTAssertEqual(state.pendingPause, true)
        XCTAssertEqual(state.handle(key: .right), .padChanged)
        XCTAssertEqual(state.pad.cursorX, 15)
        XCTAssertEqual(state.handle(key: .escape), .redraw)
        XCTAssertEqual(state.focus, .training)
        XCTAssertEqual(state.handle(key: .character(" ")), .togglePause)  // space pauses again
        XCTAssertEqual(state.handle(key: .character("x")), .none)  // pad keys do nothing outside the pad
        XCTAssertTrue(state.pad.penDown)  // the drawing is kept
    }

    func testTabCyclesThePanels() {
        var state = Fixture.runningState()
        XCTAssertEqual(state.handle(key: .tab), .redraw)
        XCTAssertEqual(state.focus, .heatmap)
        XCTAssertEqual(state.handle(key: .tab), .padChanged)
        XCTAssertEqual(state.focus, .pad)
        XCTAssertEqual(state.handle(key: .tab), .redraw)
        XCTAssertEqual(state.focus, .training)
    }

    func testQuitAsksFirstWhileProgressIsUnsaved() {
        var state = Fixture.runningState()  // one mini-batch since the start
        XCTAssertEqual(state.handle(key: .character("q")), .redraw)
        XCTAssertTrue(state.confirmingQuit)
        XCTAssertEqual(state.phaseMessage?.text,
                       "quit? training progress so far will be lost — y quit  s save & quit  n stay")
        XCTAssertEqual(state.handle(key: .character("p")), .none)  // only y / s / n answer
        XCTAssertEqual(state.handle(key: .character("n")), .redraw)
        XCTAssertFalse(state.confirmingQuit)
        _ = state.handle(key: .character("q"))
        XCTAssertEqual(state.handle(key: .character("y")), .quit)
        _ = state.handle(key: .character("q"))
        XCTAssertEqual(state.handle(key: .character("s")), .saveAndQuit)
    }

    func testQuitAtOnceAfterACheckpointOrWhenTheRunEnded() {
        var state = Fixture.runningState()
        state.apply(.epochDone(Fixture.summary(epoch: 3)))
        state.apply(.checkpointSaved(path: "c.safetensors", epoch: 3))
        XCTAssertEqual(state.handle(key: .character("q")), .quit)
        state.apply(.batchDone(Fixture.progress(epoch: 4, batch: 1)))
        XCTAssertEqual(state.handle(key: .character("q")), .redraw)
        XCTAssertEqual(state.phaseMessage?.text,
                       "quit? training progress since epoch 3's checkpoint will be lost — y quit  s save & quit  n stay")
        _ = state.handle(key: .escape)
        state.noteSaved("saved now: x.safetensors")
        XCTAssertEqual(state.handle(key: .character("q")), .quit)
        var finished = Fixture.runningState()
        finished.apply(.finished(completed: false))
        XCTAssertEqual(finished.handle(key: .character("q")), .quit)
    }

    func testCtrlCQuitsAtOnceWhereQAsksFirst() {
        var state = Fixture.runningState()  // unsaved progress: q asks
        XCTAssertEqual(state.handle(key: .character("q")), .redraw)
        XCTAssertTrue(state.confirmingQuit)
        XCTAssertEqual(state.handleInterrupt(), .interrupt, "Ctrl-C during the question quits")
        XCTAssertFalse(state.confirmingQuit)
        var fresh = Fixture.runningState()
        XCTAssertEqual(fresh.handleInterrupt(), .interrupt, "no question first")
        XCTAssertFalse(fresh.confirmingQuit)
        XCTAssertEqual(fresh.handle(key: .character("?")), .redraw)
        XCTAssertEqual(fresh.handleInterrupt(), .interrupt, "over the help overlay too")
        XCTAssertFalse(fresh.helpVisible)
        var pad = DashboardState(padOnly: true)
        XCTAssertEqual(pad.handleInterrupt(), .interrupt)
    }

    func testSaveNeedsAHandler() {
        var state = Fixture.runningState()
        XCTAssertEqual(state.handle(key: .character("s")), .none)
        XCTAssertFalse(state.keyHelp.contains { $0.label == "s" })
        state.canSave = true
        XCTAssertEqual(state.handle(key: .character("s")), .save)
        XCTAssertTrue(state.keyHelp.contains { $0.label == "s" && $0.help == "save" })
        state.noteSaveFailed("c.safetensors: permission denied")
        XCTAssertEqual(state.checkpointNote, "save failed: c.safetensors: permission denied")
    }

    func testHelpOverlayClosesOnAnyKey() {
        var state = Fixture.runningState()
        XCTAssertEqual(state.handle(key: .character("?")), .redraw)
        XCTAssertTrue(state.helpVisible)
        XCTAssertEqual(state.handle(key: .character("p")), .redraw)  // closes, does not pause
        XCTAssertFalse(state.helpVisible)
        XCTAssertNil(state.pendingPause)
    }

    func testThePadReadingFollowsTheDrawing() {
        var state = Fixture.runningState()
        state.padSources = [.training]
        _ = state.handle(key: .character("d"))
        state.refreshPad(classify: Self.sevens)
        XCTAssertNil(state.padReading)  // empty pad: nothing to read, no number
        _ = state.handle(key: .character(" "))
        state.refreshPad(classify: Self.sevens)
        XCTAssertEqual(state.padReading?.line(classNames: state.classNames), "prediction: 7 (91.0%)")
        XCTAssertEqual(state.padReading?.source, .training)
        XCTAssertEqual(state.padReading?.input.centreOfMass.x ?? 0, 13.5, accuracy: 0.5)
        _ = state.handle(key: .character("c"))
        state.refreshPad(classify: Self.sevens)
        XCTAssertNil(state.padReading)
    }

    func testPadModelIsTheCheckpointUntilTheFirstEpochThenTheTrainingWeights() {
        var state = Fixture.runningState()
        state.padSources = [.checkpoint(name: "pretrained"), .training]
        XCTAssertEqual(state.padSource, .checkpoint(name: "pretrained"))
        XCTAssertEqual(state.padSourceLabel, "pretrained")
        state.apply(.epochDone(Fixture.summary(epoch: 1)))
        XCTAssertEqual(state.padSource, .training)
        XCTAssertEqual(state.padSourceLabel, "training weights, epoch 3, mini-batch 50 of 100",
                       "the weights are past epoch 1 already")
        state.apply(.batchDone(Fixture.progress(epoch: 1, batch: 100)))
        XCTAssertEqual(state.padSourceLabel, "training weights, end of epoch 1", "epoch 1 done, epoch 2 not started")
        state.apply(.finished(completed: false))
        XCTAssertEqual(state.padSourceLabel, "training weights, end of epoch 1")
        _ = state.handle(key: .character("d"))
        XCTAssertEqual(state.handle(key: .character("m")), .padChanged)
        XCTAssertEqual(state.padSource, .checkpoint(name: "pretrained"))
        var single = Fixture.runningState()
        single.padSources = [.training]
        _ = single.handle(key: .character("d"))
        XCTAssertEqual(single.handle(key: .character("m")), .none)
    }

    func testPadOnlyEscapeAndQQuitAtOnce() {
        var state = DashboardState(padOnly: true)
        XCTAssertTrue(state.padOpen)
        XCTAssertEqual(state.handle(key: .character(" ")), .padChanged)
        XCTAssertEqual(state.handle(key: .character("p")), .none)
        XCTAssertEqual(state.handle(key: .tab), .none)
        XCTAssertEqual(state.handle(key: .escape), .quit)
        XCTAssertEqual(state.handle(key: .character("q")), .quit)
        XCTAssertNil(state.phaseMessage)
    }

    func testKeyHelpKeepsTheMainKeysWhenNarrow() {
        var state = Fixture.runningState()
        state.canSave = true
        XCTAssertEqual(KeyHelp(state: state, glyphs: .unicode).text(width: 120),
                       "p pause  w whole run  d draw  tab panels  +/- lr  </> pace  r rewind  s save  n network  ? help  q quit")
        _ = state.handle(key: .character("d"))
        let wide = KeyHelp(state: state, glyphs: .unicode).text(width: 200)
        XCTAssertEqual(wide, "←↑↓→ move  space pen down  x eraser  [ ] brush 2  c clear  v input  g saliency  Esc back  "
                       + "p pause  w whole run  tab panels  +/- lr  </> pace  r rewind  s save  n network  ? help  q quit")
        XCTAssertEqual(KeyHelp(state: state, glyphs: .unicode).text(width: 80),
                       "←↑↓→ move  space pen down  c clear  g saliency  Esc back  ? more keys  q quit")
    }

    func testThePadsTitleNamesTheSnapshotItsReadingUsed() {
        var state = Fixture.runningState()  // the events say epoch 3, mini-batch 50 of 100
        state.padSources = [.training]
        _ = state.handle(key: .character("d"))
        _ = state.handle(key: .character(" "))
        XCTAssertEqual(state.padSourceLabel, "training weights, epoch 3, mini-batch 50 of 100", "before a reading: the events")
        // The trainer's snapshot was already 11 mini-batches further when the drawing was read.
        let taken = TrainingPosition(completedEpochs: 2, batch: 61, batchesPerEpoch: 100)
        state.refreshPad(read: { _, _ in ((0..<10).map { $0 == 7 ? 0.91 : 0.01 }, taken) })
        XCTAssertEqual(state.padReading?.position, taken)
        state.apply(.batchDone(Fixture.progress(epoch: 3, batch: 80)))
        XCTAssertEqual(state.padSourceLabel, "training weights, epoch 3, mini-batch 61 of 100",
                       "the weights the shown prediction came from, not the newest")
        let rows = Fixture.render(width: 48, height: 17) { buffer, area in
            PadPanel(state: state, glyphs: .ascii).render(into: &buffer, area: area)
        }.trimmedRows()
        XCTAssertEqual(rows[0], "+ draw - training, epoch 3, batch 61/100 ------+")
        let wide = Fixture.render(width: 70, height: 17) { buffer, area in
            PadPanel(state: state, glyphs: .ascii).render(into: &buffer, area: area)
        }.trimmedRows()
        XCTAssertEqual(wide[0], "+ draw - training weights, epoch 3, mini-batch 61 of 100 ------------+")
        // Before any training step the weights are the initial ones, and say so.
        var fresh = DashboardState()
        fresh.apply(.started(Fixture.plan()))
        fresh.padSources = [.training]
        XCTAssertEqual(fresh.padSourceLabel, "training weights, initial (untrained)")
    }
}
