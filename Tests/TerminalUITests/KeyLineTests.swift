import Foundation
import LeNetTraining
import Testing
@testable import TerminalUI

// MARK: - Key line, help overlay, quit question and header at real sizes

@Suite struct KeyLineTests {
    /// Mid-run after two epochs, with every dashboard key available: save, browse (a heatmap), two pad models.
    private func dashboard() -> DashboardState {
        var state = Fixture.runningState()
        state.canSave = true
        state.canBrowse = true
        state.padSources = [.checkpoint(name: "pretrained"), .training]
        var matrix = ConfusionMatrix()
        matrix.record(trueClass: 1, predicted: 1)
        state.apply(.epochDone(Fixture.summary(epoch: 1, matrix: matrix)))
        state.apply(.epochDone(Fixture.summary(epoch: 2, matrix: matrix)))
        return state
    }

    /// `lenet-tui draw`: the pad alone with one model.
    private func draw() -> DashboardState {
        var state = DashboardState(padOnly: true)
        state.padSources = [.checkpoint(name: "lenet5-pretrained.safetensors")]
        return state
    }

    private func line(_ state: DashboardState, _ width: Int) -> String {
        Fixture.render(width: width, height: 1) { buffer, area in
            KeyHelp(state: state, glyphs: .unicode).render(into: &buffer, area: area)
        }.trimmedRows()[0]
    }

    @Test func dashboardKeyLineAt120And100And80() {
        let state = dashboard()
        // The steering keys come after tab, so narrow lines drop scrolling and browsing before them.
        #expect(line(state, 120) == "p pause  w whole run  d draw  tab panels  +/- lr  </> pace  r rewind  ↑/↓ log  "
                + "b browse  s save  n net  ? help  q quit")
        #expect(line(state, 100) ==
                "p pause  w whole  d draw  tab panels  +/- lr  </> pace  r rewind  s save  n net  ? more keys  q quit")
        #expect(line(state, 80) == "p pause  w whole  d draw  tab panels  +/- lr  s save  n net  ? more keys  q quit")
    }

    @Test func dashboardKeyLineWithThePadOpen() {
        var state = dashboard()
        _ = state.handle(key: .character("d"))
        // Abbreviated ("pen", "net") where the full text would not fit; v, m, w and tab wait behind "? more keys".
        #expect(line(state, 120) == "←↑↓→ move  space pen  x eraser  [ ] brush 2  c clear  g saliency  Esc back  "
                + "p pause  s save  n net  ? more keys  q quit")
        #expect(line(state, 80) == "←↑↓→ move  space pen down  c clear  g saliency  Esc back  ? more keys  q quit")
    }

    @Test func drawHasOnlyItsOwnKeys() {
        let state = draw()
        #expect(line(state, 120) == "←↑↓→ move  space pen down  x eraser  [ ] brush 2  c clear  v input  g saliency  "
                + "n network  ? help  q quit")
        #expect(line(state, 100) == "←↑↓→ move  space pen down  x eraser  [ ] brush  c clear  v input  g saliency  "
                + "n net  ? help  q quit")
        #expect(line(state, 80) == "←↑↓→ move  space pen  x eraser  c clear  g saliency  n net  ? more keys  q quit")
        let labels = state.keyHelp.map(\.label)
        for absent in ["p", "w", "d", "tab", "b", "s", "m"] { #expect(!labels.contains(absent), "\(absent)") }
        var keys = state
        for key in ["p", "w", "b", "s"] { #expect(keys.handle(key: .character(Character(key))) == .none, "\(key)") }
        #expect(keys.handle(key: .tab) == .none)
    }

    @Test func theOverlayListsTheKeysOfItsModeAndEveryKeyOfTheKeyLine() {
        let dashboardKeys = DashboardState.helpEntries(padOnly: false).map(\.keys)
        let drawKeys = DashboardState.helpEntries(padOnly: true).map(\.keys)
        #expect(drawKeys == ["←↑↓→ hjkl", "space", "x  [ ]", "c  v", "n / g", "mouse", "Shift+drag", "q / Esc / Ctrl-C",
                           "?"])
        #expect(dashboardKeys.count == 18)
        #expect(DashboardState.helpEntries(padOnly: false, mouse: false).count == 16, "--no-mouse: no mouse lines")
        #expect(dashboardKeys.contains("q / Ctrl-C"))
        #expect(dashboardKeys.contains("pad: m"))
        // Every key a key line shows (any state of the mode) has its line in the overlay.
        func tokens(_ keys: [String]) -> Set<String> {
            Set(keys.flatMap { $0.replacingOccurrences(of: "pad: ", with: "").split(separator: " ").map(String.init) })
        }
        var pad = dashboard()
        _ = pad.handle(key: .character("d"))
        for (state, keys) in [(dashboard(), dashboardKeys), (pad, dashboardKeys), (draw(), drawKeys)] {
            let listed = tokens(keys)
            for label in state.keyHelp.map(\.label) {
                // "↑/↓", "+/-", "</>" and "[ ]" are two keys each.
                let parts = label.count == 3 && label.dropFirst().first.map({ "/ ".contains($0) }) == true
                    ? [String(label.first!), String(label.last!)] : [label]
                for part in parts { #expect(listed.contains(part), "\(part) of the key line is not in the overlay") }
            }
        }
    }

    @Test func theOverlayWrapsLongHelpUnderItsColumnInsteadOfCuttingIt() {
        let entries: [(keys: String, help: String)] = [("space", "pen down / up (down inks the cells the cursor enters)"), ("q", "quit")]
        let rows = Fixture.render(width: 34, height: 9) { buffer, area in
            HelpOverlay(entries: entries, glyphs: .ascii).render(into: &buffer, area: area)
        }.rows()
        #expect(rows == [
            "+ keys -------------- Esc closes +",
            "|                                |",
            "| space  pen down / up (down     |",
            "|        inks the cells the      |",
            "|        cursor enters)          |",
            "| q      quit                    |",
            "|                                |",
            "+--------------------------------+",
            "                                  ",
        ])
    }

    @Test(arguments: [false, true])
    func theOverlayAt80x24ShowsEveryLineOfBothModes(padOnly: Bool) {
        var state = padOnly ? draw() : dashboard()
        _ = state.handle(key: .character("?"))
        let rows = DashboardView(glyphs: .unicode).render(state, width: 80, height: 24).rows()
        for entry in state.helpEntries {
            #expect(rows.contains { $0.contains(entry.keys) && $0.contains(entry.help) }, "\(entry.keys)")
        }
        #expect(!rows.joined().contains("more keys: enlarge"))
    }

    /// The brush as the code draws it (`DrawPad.stamp`: N×N pixels, the cursor at the top-left), as README says.
    @Test func theOverlaySaysWhatTheBrushInks() {
        var state = dashboard()
        _ = state.handle(key: .character("?"))
        let rows = DashboardView(glyphs: .unicode).render(state, width: 80, height: 24).rows()
        #expect(rows.contains("│ pad: x  [ ]        eraser on/off; brush 1-3: N×N pixels, cursor at top-left  │"))
        var pad = DrawPad()
        pad.perform(.togglePen)
        #expect(Array(pad.textArt[14...15].map { $0.dropFirst(13).prefix(4) }) == [".##.", ".##."])
    }

    @Test func theQuitQuestionFitsWithItsAnswers() {
        var state = Fixture.runningState()
        state.apply(.epochDone(Fixture.summary(epoch: 3)))
        state.apply(.checkpointSaved(path: "/tmp/charts-run/ck.safetensors", epoch: 3))
        for batch in 1...12 { state.apply(.batchDone(Fixture.progress(epoch: 4, batch: batch))) }
        #expect(state.handle(key: .character("q")) == .redraw)
        func status(_ width: Int) -> String {
            Fixture.render(width: width, height: 1) { buffer, area in
                StatusLine(state: state, glyphs: .unicode).render(into: &buffer, area: area)
            }.trimmedRows()[0]
        }
        // Beside the question, the checkpoint note shows whole or not at all.
        #expect(status(120) == Fixture.line(
            "quit? kept: epoch 3's checkpoint; lost: the 12 mini-batches trained since — y quit  s save & quit  n stay",
            "saved epoch 3", width: 120))
        #expect(status(100) == "quit? kept: epoch 3's checkpoint; lost: 12 mini-batches since — y quit  s save & quit  n stay")
        #expect(status(80) == "quit? 12 mini-batches since epoch 3 are lost — y quit  s save & quit  n stay")
        #expect(status(64) == "quit? unsaved progress is lost — y quit  s save & quit  n stay")
        // After s: the saved weights' position, and what was trained since.
        state.noteSaved(SavedWeights(line: "saved /tmp/charts-run/ck-saved.safetensors (epoch 4, mini-batch 10 of 100)",
                                     position: TrainingPosition(completedEpochs: 3, batch: 10, batchesPerEpoch: 100)))
        #expect(status(120) ==
                "quit? kept: weights saved at epoch 4, batch 10/100; lost: 2 mini-batches since — y quit  s save & quit  n stay")
        #expect(status(100) == "quit? kept: weights of epoch 4, batch 10/100; lost: 2 since — y quit  s save & quit  n stay")
        #expect(status(80) == "quit? 2 mini-batches since the save are lost — y quit  s save & quit  n stay")
    }

    @Test func theCheckpointNoteIsShortenedAtAWord() {
        var state = Fixture.runningState()
        state.apply(.checkpointSaved(path: "/tmp/cap.safetensors", epoch: 5))
        let rows = Fixture.render(width: 40, height: 1) { buffer, area in
            StatusLine(state: state, glyphs: .unicode).render(into: &buffer, area: area)
        }.rows()
        #expect(rows == ["        saved: cap.safetensors (epoch 5)"], "the file name, not the directories")
        func status(_ width: Int) -> String {
            Fixture.render(width: width, height: 1) { buffer, area in
                StatusLine(state: state, glyphs: .unicode).render(into: &buffer, area: area)
            }.trimmedRows()[0].trimmingCharacters(in: .whitespaces)
        }
        #expect(status(60) == "checkpoint saved: /tmp/cap.safetensors (epoch 5)")
        #expect(status(45) == "checkpoint saved: cap.safetensors (epoch 5)")
        #expect(status(20) == "saved epoch 5")
        state.noteSaved("saved now: checkpoints/lenet5-saved.safetensors (current weights, 2 epochs done)")
        #expect(status(60) == "saved now: checkpoints/lenet5-saved.safetensors (current …")
    }

    @Test func theHeaderShowsTheLearningRateInForce() {
        var state = Fixture.runningState()
        state.apply(.batchDone(BatchProgress(epoch: 3, batch: 51, batchesPerEpoch: 100, batchLoss: 0.2, runningLoss: 0.1234,
                                             runningAccuracy: 0.978, imagesPerSecond: 12_345.4, elapsedSeconds: 83,
                                             learningRate: 0.000975528)))
        func header(_ width: Int) -> String {
            Fixture.render(width: width, height: 1) { buffer, area in
                Header(state: state, glyphs: .unicode).render(into: &buffer, area: area)
            }.rows()[0]
        }
        #expect(header(120) == Fixture.line("lenet-tui · LeNet-5 on MNIST",
                                          "epoch 3/10  running  lr 0.000976  12,345 img/s  elapsed 01:23  ETA 04:07", width: 120))
        #expect(header(80) == Fixture.line("", "epoch 3/10  running  lr 0.000976  12,345 img/s  elapsed 01:23  ETA 04:07",
                                         width: 80))
        #expect(header(64) == Fixture.line("", "epoch 3/10  running  lr 0.000976  elapsed 01:23  ETA 04:07", width: 64))
        #expect(Header.learningRate(2.44717e-05) == "2.45e-05")
        #expect(Header.learningRate(0.001) == "0.001")
    }
}
